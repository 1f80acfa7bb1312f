package store

import (
	"context"
	"maps"

	"github.com/rankfile/rankfile"
)

// CountMembers returns, for every body with members, how many it has on
// day d and how many of them are in good standing: a chapter counts the
// whole roster, a branch the members who belong to it (by address or by
// choice; its leaders are among them), and other bodies the members who
// hold positions in them.
// Counting reads the whole roster, so counts are kept until it changes.
func (s *BodyService) CountMembers(ctx context.Context, d rankfile.Date) (map[int64]rankfile.MemberCount, error) {
	d = s.db.day(d)
	counts, err := kept(ctx, s.db, "bodies "+d.String(), func(ctx context.Context) (map[int64]rankfile.MemberCount, error) {
		return s.countMembers(ctx, d)
	})
	return maps.Clone(counts), err // callers may change their copy
}

func (s *BodyService) countMembers(ctx context.Context, d rankfile.Date) (map[int64]rankfile.MemberCount, error) {
	good := sprintf(`SUM(CASE WHEN `+standingSQL+` = 'good' THEN 1 ELSE 0 END)`, 1)
	counts := map[int64]rankfile.MemberCount{}
	queries := []string{
		`SELECT c.id, COUNT(m.id), ` + good + ` FROM bodies c CROSS JOIN members m` + memberJoins +
			` WHERE c.kind = 'chapter' GROUP BY c.id`,
		`SELECT b.id, COUNT(m.id), ` + good + ` FROM members m` + memberJoins +
			` WHERE b.id IS NOT NULL GROUP BY b.id`,
		`SELECT p.body_id, COUNT(DISTINCT m.id), COUNT(DISTINCT CASE WHEN ` + sprintf(standingSQL, 1) +
			` = 'good' THEN m.id END) FROM positions p JOIN bodies pb ON pb.id = p.body_id
			JOIN members m ON m.id = p.member_id` + memberJoins +
			` WHERE p.start_on <= $1 AND (p.end_on IS NULL OR p.end_on >= $1)
			AND pb.kind NOT IN ('chapter', 'branch') GROUP BY p.body_id`,
	}
	for _, q := range queries {
		if err := s.addCounts(ctx, counts, q, d); err != nil {
			return nil, err
		}
	}
	return counts, nil
}

func (s *BodyService) addCounts(ctx context.Context, counts map[int64]rankfile.MemberCount, q string, d rankfile.Date) error {
	rows, err := s.db.read.QueryContext(ctx, q, d)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c rankfile.MemberCount
		var good *int64
		if err := rows.Scan(&id, &c.All, &good); err != nil {
			return err
		}
		if good != nil {
			c.Good = int(*good)
		}
		counts[id] = c
	}
	return rows.Err()
}
