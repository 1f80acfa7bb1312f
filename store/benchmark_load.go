package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// Loading what the benchmarks count, for the whole roster at once: a query
// a kind of record rather than a query a member, so that a day's snapshot
// at 100,000 members is a handful of scans. Records after the last day
// taken are left out; those before are kept, since a backfill counts each
// day from them.

// benchmarkMembers loads every member with her records up to day upTo.
func (s *BenchmarkService) benchmarkMembers(ctx context.Context, upTo rankfile.Date) ([]*rankfile.BenchmarkMember, error) {
	byID, list, err := s.loadMembers(ctx)
	if err != nil {
		return nil, err
	}
	end := upTo.AddDays(1).Time(s.db.Zone).UTC() // check-ins are instants, stored in UTC; upTo ends at midnight where the chapter is
	loads := []func() error{
		func() error { return s.loadEventDays(ctx, byID, end) },
		func() error { return s.loadMeetingDays(ctx, byID, end) },
		func() error { return s.loadConversationDays(ctx, byID, upTo) },
		func() error { return s.loadSeatTerms(ctx, byID, upTo) },
		func() error { return s.loadCompletions(ctx, byID, upTo) },
		func() error { return s.loadFieldDays(ctx, byID, upTo) },
	}
	for _, load := range loads {
		if err := load(); err != nil {
			return nil, s.db.translate(err)
		}
	}
	return list, nil
}

// loadMembers reads every member's branch, group, join date and standing.
func (s *BenchmarkService) loadMembers(ctx context.Context) (map[int64]*rankfile.BenchmarkMember, []*rankfile.BenchmarkMember, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT m.id, COALESCE(`+effectiveBranch+`, 0),
		COALESCE(m.chosen_group_id, m.located_group_id, 0), m.join_date, m.list_standing, o.id, o.standing, o.until
		FROM members m LEFT JOIN standing_overrides o ON o.member_id = m.id AND o.revoked_at IS NULL ORDER BY m.id`)
	if err != nil {
		return nil, nil, s.db.translate(err)
	}
	defer rows.Close()
	byID := map[int64]*rankfile.BenchmarkMember{}
	var list []*rankfile.BenchmarkMember
	for rows.Next() {
		m := &rankfile.BenchmarkMember{Activity: &rankfile.MemberActivity{Dates: map[string][]rankfile.Date{}}}
		var oID sql.NullInt64
		var oStanding sql.NullString
		var oUntil rankfile.Date
		if err := rows.Scan(&m.ID, &m.BranchID, &m.GroupID, &m.JoinDate, &m.Standing, &oID, &oStanding, &oUntil); err != nil {
			return nil, nil, err
		}
		if oID.Valid {
			m.Override = &rankfile.StandingOverride{ID: oID.Int64, MemberID: m.ID, Standing: rankfile.Standing(oStanding.String), Until: oUntil}
		}
		if byID[m.ID] == nil {
			byID[m.ID] = m
			list = append(list, m)
		}
	}
	return byID, list, rows.Err()
}

// loadEventDays adds every member's check-ins at events before end, by kind.
func (s *BenchmarkService) loadEventDays(ctx context.Context, byID map[int64]*rankfile.BenchmarkMember, end time.Time) error {
	return s.eachRecord(ctx, `SELECT r.member_id, e.kind, r.attended_at FROM event_registrations r
		JOIN events e ON e.id = r.event_id
		WHERE r.member_id IS NOT NULL AND r.attended_at IS NOT NULL AND r.attended_at < $1`, s.db.timeArg(end),
		func(m *rankfile.BenchmarkMember, kind string, at time.Time) {
			d := rankfile.DateOf(at.In(s.db.Zone))
			m.Activity.Dates[rankfile.CountEvents] = append(m.Activity.Dates[rankfile.CountEvents], d)
			m.Activity.Dates["events:"+kind] = append(m.Activity.Dates["events:"+kind], d)
			if rankfile.EventKind(kind) == rankfile.EventTraining {
				m.Activity.Dates[rankfile.CountTrainings] = append(m.Activity.Dates[rankfile.CountTrainings], d)
			}
		}, byID)
}

// loadMeetingDays adds every member's check-ins at meetings before end.
func (s *BenchmarkService) loadMeetingDays(ctx context.Context, byID map[int64]*rankfile.BenchmarkMember, end time.Time) error {
	return s.eachRecord(ctx, `SELECT t.member_id, '', m.starts_at FROM meeting_attendance t
		JOIN meetings m ON m.id = t.meeting_id WHERE m.starts_at < $1`, s.db.timeArg(end),
		func(m *rankfile.BenchmarkMember, _ string, at time.Time) {
			d := rankfile.DateOf(at.In(s.db.Zone))
			m.Activity.Dates[rankfile.CountMeetings] = append(m.Activity.Dates[rankfile.CountMeetings], d)
		}, byID)
}

// eachRecord calls add with each row (member id, a word, an instant) of
// query whose member is known.
func (s *BenchmarkService) eachRecord(ctx context.Context, query string, arg any,
	add func(*rankfile.BenchmarkMember, string, time.Time), byID map[int64]*rankfile.BenchmarkMember) error {
	rows, err := s.db.read.QueryContext(ctx, query, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var word string
		var at time.Time
		if err := rows.Scan(&id, &word, &at); err != nil {
			return err
		}
		if m := byID[id]; m != nil {
			add(m, word, at)
		}
	}
	return rows.Err()
}

// loadConversationDays adds the one-on-ones each member had, and those she
// held as organizer, up to upTo.
func (s *BenchmarkService) loadConversationDays(ctx context.Context, byID map[int64]*rankfile.BenchmarkMember, upTo rankfile.Date) error {
	rows, err := s.db.read.QueryContext(ctx, `SELECT member_id, author_id, held_on FROM conversations WHERE held_on <= $1`, upTo)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var memberID, authorID int64
		var d rankfile.Date
		if err := rows.Scan(&memberID, &authorID, &d); err != nil {
			return err
		}
		if m := byID[memberID]; m != nil {
			m.Activity.Dates[rankfile.CountOneOnOnes] = append(m.Activity.Dates[rankfile.CountOneOnOnes], d)
		}
		if a := byID[authorID]; a != nil {
			a.Activity.Dates[rankfile.CountOneOnOnesGiven] = append(a.Activity.Dates[rankfile.CountOneOnOnesGiven], d)
		}
	}
	return rows.Err()
}

// loadFieldDays adds the doors each member knocked on and the calls she
// made, up to upTo.
func (s *BenchmarkService) loadFieldDays(ctx context.Context, byID map[int64]*rankfile.BenchmarkMember, upTo rankfile.Date) error {
	rows, err := s.db.read.QueryContext(ctx, `SELECT by_member_id, channel, made_on FROM attempts WHERE made_on <= $1`, upTo)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var channel rankfile.Channel
		var d rankfile.Date
		if err := rows.Scan(&id, &channel, &d); err != nil {
			return err
		}
		if m := byID[id]; m != nil {
			addFieldDay(m.Activity, channel, d)
		}
	}
	return rows.Err()
}

// loadSeatTerms adds the terms of the seats each member held up to upTo.
func (s *BenchmarkService) loadSeatTerms(ctx context.Context, byID map[int64]*rankfile.BenchmarkMember, upTo rankfile.Date) error {
	rows, err := s.db.read.QueryContext(ctx, `SELECT member_id, start_on, end_on FROM positions
		WHERE seat_id IS NOT NULL AND start_on <= $1`, upTo)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var term [2]rankfile.Date
		if err := rows.Scan(&id, &term[0], &term[1]); err != nil {
			return err
		}
		if m := byID[id]; m != nil {
			m.SeatTerms = append(m.SeatTerms, term)
		}
	}
	return rows.Err()
}

// loadCompletions adds the courses each member completed up to upTo.
func (s *BenchmarkService) loadCompletions(ctx context.Context, byID map[int64]*rankfile.BenchmarkMember, upTo rankfile.Date) error {
	rows, err := s.db.read.QueryContext(ctx, completionRecords+` AND c.completed_on <= $1`, upTo)
	if err != nil {
		return err
	}
	return addCompletions(rows, func(id int64) *rankfile.MemberActivity {
		if m := byID[id]; m != nil {
			return m.Activity
		}
		return nil
	})
}
