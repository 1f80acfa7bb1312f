package store

import (
	"cmp"
	"context"
	"slices"
	"strconv"

	"github.com/rankfile/rankfile"
)

// resultsKeys are the columns each way of counting groups by, as text.
var resultsKeys = map[string]string{
	"":                          `''`,
	rankfile.ResultsByTurf:      `CAST(COALESCE(turf_id, 0) AS TEXT)`,
	rankfile.ResultsByCanvasser: `CAST(by_member_id AS TEXT)`,
	rankfile.ResultsByDay:       `CAST(made_on AS TEXT)`,
}

// FieldResults counts a campaign's attempts, all in the database.
func (s *AttemptService) FieldResults(ctx context.Context, campaignID int64, by string) ([]*rankfile.FieldResults, error) {
	key, ok := resultsKeys[by]
	if !ok {
		return nil, rankfile.Errorf(rankfile.EINVALID, "results are counted by turf, canvasser or day, not %q", by)
	}
	// A supporter or volunteer is a door (or, called, a person) and day,
	// so that a door asked twice in a day (two canvassers, or a knock and
	// a call) counts once.
	rows, err := s.db.read.QueryContext(ctx, `SELECT k, COUNT(DISTINCT household_id), COUNT(*),
		SUM(CASE WHEN channel = 'phone' THEN 1 ELSE 0 END),
		SUM(CASE WHEN result = 'contact' THEN 1 ELSE 0 END),
		COUNT(DISTINCT CASE WHEN support >= 4 THEN who || '@' || CAST(made_on AS TEXT) END),
		COUNT(DISTINCT CASE WHEN volunteer THEN who || '@' || CAST(made_on AS TEXT) END)
		FROM (SELECT `+key+` AS k, household_id, channel, result, support, volunteer, made_on,
			COALESCE('h' || CAST(household_id AS TEXT), 't' || CAST(target_id AS TEXT), 'a' || CAST(id AS TEXT)) AS who
			FROM attempts WHERE campaign_id = $1) a
		GROUP BY k ORDER BY k`, campaignID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.FieldResults
	for rows.Next() {
		r := &rankfile.FieldResults{}
		if err := rows.Scan(&r.Key, &r.Doors, &r.Attempts, &r.Calls, &r.Contacts, &r.Supporters, &r.Volunteers); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if by == rankfile.ResultsByTurf || by == rankfile.ResultsByCanvasser {
		slices.SortFunc(out, func(a, b *rankfile.FieldResults) int { return cmp.Compare(atoi(a.Key), atoi(b.Key)) })
	}
	return out, rows.Err()
}

func atoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}
