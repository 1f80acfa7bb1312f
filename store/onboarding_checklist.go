package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// checklistQueries read, for a chunk of members (the IN list at %s), the
// records of each checklist item: member, item, and the day (a date or a
// time, as isTime says); the first of each is kept.
var checklistQueries = []struct {
	query  string
	isTime bool
}{
	{`SELECT r.member_id, CASE e.kind WHEN 'orientation' THEN 'orientation' WHEN 'training' THEN 'training'
		ELSE 'canvass' END, r.attended_at FROM event_registrations r JOIN events e ON e.id = r.event_id
		WHERE r.attended_at IS NOT NULL AND e.kind IN ('orientation', 'training', 'canvass', 'phonebank')
		AND r.member_id IN (%s)`, true},
	{`SELECT member_id, 'one_on_one', held_on FROM conversations WHERE member_id IN (%s)`, false},
	{`SELECT t.member_id, 'general_meeting', mt.starts_at FROM meeting_attendance t
		JOIN meetings mt ON mt.id = t.meeting_id JOIN bodies b ON b.id = mt.body_id JOIN members m ON m.id = t.member_id
		WHERE (b.kind = 'chapter' OR mt.body_id = ` + effectiveBranch + `) AND t.member_id IN (%s)`, true},
	// A course of the program's first level completed is a training too,
	// even one whose check-in the trainer did not record.
	{`SELECT c.member_id, 'training', c.completed_on FROM course_completions c JOIN courses k ON k.id = c.course_id
		WHERE c.outcome = 'complete' AND k.level = (SELECT slug FROM course_levels ORDER BY position, slug LIMIT 1)
		AND c.member_id IN (%s)`, false},
	{`SELECT p.member_id, 'committee', p.start_on FROM positions p JOIN bodies b ON b.id = p.body_id
		WHERE b.kind IN ('committee', 'working_group') AND p.member_id IN (%s)`, false},
}

// ChecklistFirsts returns the first day of each checklist item's records
// of each member: check-ins (as the day where the chapter is),
// conversations, courses of the first level completed, and places on
// committees and working groups.
func (s *OnboardingService) ChecklistFirsts(ctx context.Context, memberIDs []int64) (map[int64]map[string]rankfile.Date, error) {
	out := make(map[int64]map[string]rankfile.Date, len(memberIDs))
	for _, id := range memberIDs {
		out[id] = map[string]rankfile.Date{}
	}
	for len(memberIDs) > 0 {
		n := min(len(memberIDs), idChunk)
		args := make([]any, n)
		for i, id := range memberIDs[:n] {
			args[i] = id
		}
		for _, q := range checklistQueries {
			if err := s.firsts(ctx, sprintf(q.query, s.db.params(1, n)), q.isTime, args, out); err != nil {
				return nil, s.db.translate(err)
			}
		}
		memberIDs = memberIDs[n:]
	}
	return out, nil
}

// firsts runs one of checklistQueries into out.
func (s *OnboardingService) firsts(ctx context.Context, query string, isTime bool, args []any, out map[int64]map[string]rankfile.Date) error {
	rows, err := s.db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var item string
		var at sql.NullTime
		var on rankfile.Date
		dest := any(&on)
		if isTime {
			dest = &at
		}
		if err := rows.Scan(&id, &item, dest); err != nil {
			return err
		}
		if isTime {
			on = rankfile.DateOf(at.Time.In(s.db.Zone))
		}
		if d, ok := out[id][item]; !ok || on.Before(d) {
			out[id][item] = on
		}
	}
	return rows.Err()
}
