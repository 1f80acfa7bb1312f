package store_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// The training report's figures for a chapter of 3,500 members with four
// years of quarterly sessions behind it (BENCHMARKS.md):
//
//	go test -run '^$' -bench BenchmarkTrainingReport -benchtime 20x ./store/
//
// Six courses, each held twice a quarter for sixteen quarters (192
// sessions), forty members registered at each (7,680 registrations), of
// whom six in seven checked in; each checked-in member has an outcome
// recorded, each other one is recorded absent.
const (
	reportBenchMembers  = 3_500
	reportBenchCourses  = 6
	reportBenchQuarters = 16
	reportBenchEach     = 2  // sessions of a course a quarter
	reportBenchSeats    = 40 // registered at a session
)

func BenchmarkTrainingReport(b *testing.B) {
	list, err := demo.NationalList(reportBenchMembers, rankfile.MustParseDate("2026-11-01"))
	if err != nil {
		b.Fatal(err)
	}
	benchEach(b, func(b *testing.B, dsn func() string) {
		db := storetest.Open(b, dsn())
		src, err := roster.NewReader(bytes.NewReader(list))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := store.NewRosterService(db).ImportRoster(ctx, src, rankfile.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		if _, err := store.NewBranchService(db).LoadBranches(ctx, demo.Branches(), rankfile.BranchOptions{Actor: "bench"}); err != nil {
			b.Fatal(err)
		}
		last := quarter("2026-Q3")
		seedTrainingYears(b, db, last.Add(-(reportBenchQuarters - 1)))
		now := last.Add(1).Start().Time(time.UTC)
		db.Now = func() time.Time { return now }
		s := store.NewCourseService(db)
		for _, n := range []int{4, reportBenchQuarters} {
			b.Run(fmt.Sprintf("%dquarters", n), func(b *testing.B) {
				f := rankfile.TrainingReportFilter{From: last.Add(-(n - 1)), To: last}
				for b.Loop() {
					r, err := s.TrainingFigures(ctx, f)
					if err != nil || len(r.Courses) != n*reportBenchCourses {
						b.Fatalf("%d course quarters, %v", len(r.Courses), err)
					}
				}
			})
		}
	})
}

// seedTrainingYears writes the courses, their sessions from quarter
// first on, registrations, check-ins and outcomes.
func seedTrainingYears(b *testing.B, db *store.DB, first rankfile.Quarter) {
	at := func(d rankfile.Date) string { return "'" + d.String() + " 19:00:00'" }
	body := mustStrings(b, db, `SELECT MIN(id) FROM bodies WHERE kind = 'branch'`)[0]
	var courses, events, sessions, regs, done []string
	for c := 1; c <= reportBenchCourses; c++ {
		level := []string{"fundamental", "advanced"}[c%2]
		courses = append(courses, fmt.Sprintf(`(%d, 'Course %d', '%s', %s, %s)`, c, c, level, at(first.Start()), at(first.Start())))
	}
	e := 0
	for q := range reportBenchQuarters {
		for c := 1; c <= reportBenchCourses; c++ {
			for k := range reportBenchEach {
				e++
				d := first.Add(q).Start().AddDays(7 + 40*k + c)
				events = append(events, fmt.Sprintf(`(%d, %s, 'training', 'Session', %s, %s, 'UTC', 'Hall', 'members', TRUE, 'T%d', %s, %s)`,
					e, body, at(d), at(d), e, at(d), at(d)))
				sessions = append(sessions, fmt.Sprintf(`(%d, %d)`, e, c))
				for seat := range reportBenchSeats {
					m := 1 + (e*97+seat*89)%reportBenchMembers
					attended, outcome := at(d), []string{"complete", "complete", "complete", "partial"}[seat%4]
					if seat%7 == 0 {
						attended, outcome = "NULL", "absent"
					}
					regs = append(regs, fmt.Sprintf(`(%d, %d, 'registered', 1, %s, %s)`, e, m, at(d), attended))
					done = append(done, fmt.Sprintf(`(%d, %d, %d, '%s', '%s', %s)`, c, m, e, outcome, d, at(d)))
				}
			}
		}
	}
	insertAll(b, db, `INSERT INTO courses (id, title, level, created_at, updated_at) VALUES `, courses)
	insertAll(b, db, `INSERT INTO events (id, body_id, kind, title, starts_at, ends_at, zone, address, audience, registration, check_in_code, created_at, updated_at) VALUES `, events)
	insertAll(b, db, `INSERT INTO course_sessions (event_id, course_id) VALUES `, sessions)
	insertAll(b, db, `INSERT INTO event_registrations (event_id, member_id, status, line, registered_at, attended_at) VALUES `, regs)
	insertAll(b, db, `INSERT INTO course_completions (course_id, member_id, event_id, outcome, completed_on, created_at) VALUES `, done)
}
