package app_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// Benchmark figures for onboarding: the clock's steps (welcome emails,
// orientation invitations, organizers) for an import of 5,000 new members
// into a chapter of 100,000, on SQLite and PostgreSQL:
//
//	go test ./app -run '^$' -bench BenchmarkOnboard -benchtime 3x
//
// Each round imports (untimed) the 95,000 members already on the roster
// and 5,000 new ones never seen before, then times App.Onboard.

const (
	benchChapter  = 100_000
	benchNew      = 5_000
	benchOrgsEach = 10 // organizers with people in each branch
)

func BenchmarkOnboard(b *testing.B) {
	list, err := demo.NationalList(benchChapter, rankfile.MustParseDate("2026-11-01"))
	if err != nil {
		b.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(list, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range []string{store.SQLite, store.Postgres} {
		b.Run(kind, func(b *testing.B) {
			dsn := storetest.SQLiteDSN(b)
			if kind == store.Postgres {
				dsn = storetest.PostgresDSN(b)
			}
			benchOnboard(b, dsn, rows)
		})
	}
}

func benchOnboard(b *testing.B, dsn string, rows [][]string) {
	db := storetest.Open(b, dsn)
	la, _ := time.LoadLocation("America/Los_Angeles")
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, la)
	db.Zone, db.Now = la, func() time.Time { return now }
	a := newApp(db)
	base := rows[:len(rows)-benchNew]
	benchChapterOf(b, a, base)
	steps := 0
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		fresh := make([][]string, 0, len(rows))
		fresh = append(fresh, base...)
		for _, r := range rows[len(rows)-benchNew:] {
			r = append([]string(nil), r...)
			r[0] = fmt.Sprintf("9%02d%s", i, r[0])
			fresh = append(fresh, r)
		}
		benchImportRows(b, a, fresh)
		b.StartTimer()
		n, err := a.Onboard(ctx)
		if err != nil || n < 2*benchNew {
			b.Fatalf("did %d steps, %v", n, err)
		}
		steps += n
	}
	b.ReportMetric(float64(steps)/b.Elapsed().Seconds(), "steps/s")
}

// benchChapterOf imports the chapter's members into its branches, gives
// benchOrgsEach organizers of each branch a person each, and schedules an
// orientation.
func benchChapterOf(b *testing.B, a *app.App, base [][]string) {
	chapter := &rankfile.Body{Kind: rankfile.KindChapter, Slug: "chapter", Name: "Chapter"}
	if err := a.Bodies.CreateBody(ctx, chapter); err != nil {
		b.Fatal(err)
	}
	if _, err := a.Branches.LoadBranches(ctx, demo.Branches(), rankfile.BranchOptions{}); err != nil {
		b.Fatal(err)
	}
	benchImportRows(b, a, base)
	branches, err := a.Bodies.FindBodies(ctx, rankfile.BodyFilter{Kind: rankfile.KindBranch})
	if err != nil {
		b.Fatal(err)
	}
	for _, br := range branches {
		good, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{BranchSlug: br.Slug, Standing: rankfile.StandingGood, Limit: 2 * benchOrgsEach})
		if err != nil || len(good) < 2*benchOrgsEach {
			b.Fatalf("branch %s: %d members, %v", br.Slug, len(good), err)
		}
		for i := 0; i < benchOrgsEach; i++ {
			asg := &rankfile.Assignment{MemberID: good[benchOrgsEach+i].ID, OrganizerID: good[i].ID, Reason: rankfile.AssignManual}
			if err := a.OneOnOnes.Assign(ctx, asg); err != nil {
				b.Fatal(err)
			}
		}
	}
	start := a.Now().Add(72 * time.Hour)
	e := &rankfile.Event{BodyID: chapter.ID, Kind: rankfile.EventOrientation, Title: "Orientation", StartsAt: start,
		EndsAt: start.Add(2 * time.Hour), Zone: "America/Los_Angeles", Address: "Union hall", Audience: rankfile.AudienceMembers}
	if err := a.Events.CreateEvents(ctx, []*rankfile.Event{e}, nil); err != nil {
		b.Fatal(err)
	}
}

func benchImportRows(b *testing.B, a *app.App, rows [][]string) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		b.Fatal(err)
	}
	src, err := roster.NewReader(&buf)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := a.Roster.ImportRoster(ctx, src, rankfile.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
}
