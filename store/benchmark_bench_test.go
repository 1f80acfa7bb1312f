package store_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// The cost of taking a day's benchmarks at 100,000 members with two years
// of attendance behind them (reported with the work, not in BENCHMARKS.md):
//
//	go test -run '^$' -bench BenchmarkTakeADaysBenchmarks -benchtime 5x ./store/

// Two years of attendance: a fifth of the members come to an event a
// month (480,000 check-ins over 800 events), 2,000 to each month's general
// meeting, and half the members had a one-on-one.
const (
	benchActiveEvery = 5
	benchMonths      = 24
	benchEvents      = 800
	benchAtMeeting   = 2_000
)

// BenchmarkTakeADaysBenchmarks takes one new day's snapshot an iteration.
func BenchmarkTakeADaysBenchmarks(b *testing.B) {
	benchList()
	benchEach(b, func(b *testing.B, dsn func() string) {
		db := storetest.Open(b, dsn())
		benchImport(b, db)
		if _, err := store.NewBranchService(db).LoadBranches(ctx, demo.Branches(), rankfile.BranchOptions{Actor: "bench"}); err != nil {
			b.Fatal(err)
		}
		rows := seedTwoYears(b, db)
		s := store.NewBenchmarkService(db)
		last := rankfile.MustParseDate("2026-10-31")
		b.ResetTimer()
		for i := range b.N {
			if took, err := s.TakeBenchmarks(ctx, []rankfile.Date{last.AddDays(-i)}); err != nil || len(took) != 1 {
				b.Fatal(took, err)
			}
		}
		b.ReportMetric(float64(rows), "records")
	})
}

// seedTwoYears writes two years of events, check-ins, meetings and
// one-on-ones, and returns how many records.
func seedTwoYears(b *testing.B, db *store.DB) int {
	start := rankfile.MustParseDate("2024-11-01")
	at := func(d rankfile.Date) string { return "'" + d.String() + " 19:00:00'" }
	body := mustStrings(b, db, `SELECT MIN(id) FROM bodies WHERE kind = 'branch'`)[0]
	var events, regs, meetings, sessions, attendance, talks []string
	kinds := []string{"canvass", "training", "orientation", "meeting", "social", "phonebank"}
	for e := 1; e <= benchEvents; e++ {
		d := start.AddDays(e * 730 / benchEvents)
		events = append(events, fmt.Sprintf(`(%d, %s, '%s', 'Event', %s, %s, 'UTC', 'Here', 'members', TRUE, 'B%d', %s, %s)`,
			e, body, kinds[e%len(kinds)], at(d), at(d), e, at(d), at(d)))
	}
	for m := 1; m <= benchMembers; m += benchActiveEvery {
		for month := range benchMonths {
			e := 1 + (month*benchEvents/benchMonths+m)%benchEvents
			d := start.AddDays(e * 730 / benchEvents)
			regs = append(regs, fmt.Sprintf(`(%d, %d, 'registered', 1, %s, %s)`, e, m, at(d), at(d)))
		}
	}
	for month := 1; month <= benchMonths; month++ {
		d := start.AddDays(month * 30)
		meetings = append(meetings, fmt.Sprintf(`(%d, %s, 'general', 'General meeting', %s, 'in_person', %s)`, month, body, at(d), at(d)))
		sessions = append(sessions, fmt.Sprintf(`(%d, %d, 'Central', 'M%d')`, month, month, month))
		for k := range benchAtMeeting {
			attendance = append(attendance, fmt.Sprintf(`(%d, %d, %d, %s)`, month, 1+(month*7919+k*37)%benchMembers, month, at(d)))
		}
	}
	for m := 2; m <= benchMembers; m += 2 {
		talks = append(talks, fmt.Sprintf(`(%d, %d, '%s', 'call', %s)`, m, 1+m%500, start.AddDays(m%730), at(start)))
	}
	insertAll(b, db, `INSERT INTO events (id, body_id, kind, title, starts_at, ends_at, zone, address, audience, registration, check_in_code, created_at, updated_at) VALUES `, events)
	insertAll(b, db, `INSERT INTO event_registrations (event_id, member_id, status, line, registered_at, attended_at) VALUES `, regs)
	insertAll(b, db, `INSERT INTO meetings (id, body_id, kind, title, starts_at, format, created_at) VALUES `, meetings)
	insertAll(b, db, `INSERT INTO meeting_sessions (id, meeting_id, name, code) VALUES `, sessions)
	insertAll(b, db, `INSERT INTO meeting_attendance (meeting_id, member_id, session_id, checked_in_at) VALUES `, attendance)
	insertAll(b, db, `INSERT INTO conversations (member_id, author_id, held_on, method, created_at) VALUES `, talks)
	return len(regs) + len(attendance) + len(talks)
}

// insertAll inserts the rows, 1,000 a statement.
func insertAll(b *testing.B, db *store.DB, prefix string, rows []string) {
	for i := 0; i < len(rows); i += 1000 {
		if err := db.Exec(prefix + strings.Join(rows[i:min(i+1000, len(rows))], ", ") + ` ON CONFLICT DO NOTHING`); err != nil {
			b.Fatal(err)
		}
	}
}

// mustStrings runs a query and returns its rows' last column.
func mustStrings(b *testing.B, db *store.DB, query string) []string {
	out, err := db.QueryStrings(query)
	if err != nil || len(out) == 0 {
		b.Fatal(out, err)
	}
	return out
}
