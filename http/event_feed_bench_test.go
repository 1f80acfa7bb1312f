package http_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// The public feed with a year of events: 5,000 public events put on the
// calendar through the store, then GET /calendar.ics through the server's
// handler (no network), on SQLite and, when RANKFILE_TEST_POSTGRES is set,
// PostgreSQL. Reproduce with
//
//	go test ./http -run '^$' -bench PublicFeed -benchtime 50x
//
// BENCHMARKS.md has the figures and the whole-process measurement
// (scripts/bench-feed).

// feedYear is how many events a busy chapter holds in a year.
const feedYear = 5000

// BenchmarkPublicFeed serves the public feed of a year of events: first
// as a calendar program's regular fetch finds it (nothing changed since
// the last), then right after an event changed.
func BenchmarkPublicFeed(b *testing.B) {
	each := func(b *testing.B, fn func(b *testing.B, dsn string)) {
		b.Run(store.SQLite, func(b *testing.B) { fn(b, storetest.SQLiteDSN(b)) })
		b.Run(store.Postgres, func(b *testing.B) { fn(b, storetest.PostgresDSN(b)) })
	}
	each(b, func(b *testing.B, dsn string) {
		f := newFeedWorld(b, dsn)
		b.Run("unchanged", func(b *testing.B) {
			f.fetch(b) // written once; b.Loop starts the clock afresh
			for b.Loop() {
				f.fetch(b)
			}
		})
		b.Run("after-a-change", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				f.touch(b)
				b.StartTimer()
				f.fetch(b)
			}
		})
	})
}

// feedWorld is a database with a year of public events and the server
// over it.
type feedWorld struct {
	app     *app.App
	handler http.Handler
	events  []*rankfile.Event
	edits   int
	sink    sink
}

func newFeedWorld(b *testing.B, dsn string) *feedWorld {
	b.Helper()
	db := storetest.Open(b, dsn)
	la, _ := time.LoadLocation("America/Los_Angeles")
	db.Zone = la
	chapter := &rankfile.Body{Kind: rankfile.KindChapter, Slug: "chapter", Name: "Los Angeles"}
	if err := store.NewBodyService(db).CreateBody(ctx, chapter); err != nil {
		b.Fatal(err)
	}
	events := yearOfEvents(chapter.ID, time.Now().In(la))
	if err := store.NewEventService(db).CreateEvents(ctx, events, nil); err != nil {
		b.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := &app.App{Members: store.NewMemberService(db), Bodies: store.NewBodyService(db), Auth: store.NewAuthService(db),
		Audit: store.NewAuditService(db), Settings: db, Events: store.NewEventService(db), Outbox: store.NewOutboxService(db),
		OneOnOnes: store.NewOneOnOneService(db), Logger: logger, Name: "Los Angeles", Zone: la, Now: db.Now}
	srv := rfhttp.NewServer(a, db.Ping, logger, rfhttp.Config{BaseURL: "https://members.example.org"})
	return &feedWorld{app: a, handler: srv.Handler(), events: events}
}

// yearOfEvents returns feedYear public events from a month ago over the
// year that follows, a dozen or so a day between nine and nine, each with
// the text a real one has.
func yearOfEvents(chapterID int64, now time.Time) []*rankfile.Event {
	first := time.Date(now.Year(), now.Month(), now.Day(), 9, 0, 0, 0, now.Location()).AddDate(0, 0, -30)
	kinds := rankfile.EventKinds
	events := make([]*rankfile.Event, feedYear)
	for i := range events {
		day := i * 365 / feedYear
		start := first.AddDate(0, 0, day).Add(time.Duration(i%12) * time.Hour)
		e := &rankfile.Event{BodyID: chapterID, Kind: kinds[i%len(kinds)], Audience: rankfile.AudiencePublic,
			Title:       fmt.Sprintf("%s no. %d in Echo Park", strings.ToUpper(string(kinds[i%len(kinds)])[:1])+string(kinds[i%len(kinds)])[1:], i+1),
			Description: "Join neighbours to talk about rent, repairs and the tenants' union. Bring a friend; food and childcare are provided. We will knock on doors in pairs, so no one goes alone.",
			StartsAt:    start, EndsAt: start.Add(90 * time.Minute), Zone: "America/Los_Angeles",
			Address:       fmt.Sprintf("%d Sunset Blvd, Los Angeles, CA 90026", 1000+i),
			Accessibility: "Step-free entrance; ASL on request.", Registration: i%3 == 0}
		if i%4 == 0 {
			e.OnlineURL = "https://call.example/j/" + fmt.Sprint(i)
		}
		events[i] = e
	}
	return events
}

// fetch gets the public feed, and outside the benchmark's time checks it
// holds every event and the last edit.
func (f *feedWorld) fetch(b *testing.B) {
	f.sink.reset()
	f.handler.ServeHTTP(&f.sink, httptest.NewRequest("GET", "/calendar.ics", nil))
	b.StopTimer()
	defer b.StartTimer()
	if f.sink.status != http.StatusOK {
		b.Fatalf("status %d: %s", f.sink.status, f.sink.body)
	}
	if n := bytes.Count(f.sink.body, []byte("BEGIN:VEVENT")); n != feedYear {
		b.Fatalf("%d events in the feed, want %d", n, feedYear)
	}
	if f.edits > 0 && !bytes.Contains(f.sink.body, fmt.Appendf(nil, "SUMMARY:Edited %d\r\n", f.edits)) {
		b.Fatalf("the feed lacks edit %d", f.edits)
	}
}

// sink is a response writer that keeps the last response in a buffer it
// reuses, so that the benchmark measures the server, not the copying a
// recorder's growing buffer does.
type sink struct {
	header http.Header
	status int
	body   []byte
}

func (s *sink) reset() { s.header, s.status, s.body = http.Header{}, http.StatusOK, s.body[:0] }

func (s *sink) Header() http.Header { return s.header }

func (s *sink) WriteHeader(status int) { s.status = status }

func (s *sink) Write(p []byte) (int, error) {
	s.body = append(s.body, p...)
	return len(p), nil
}

// touch changes one event's title, as a host editing it would.
func (f *feedWorld) touch(b *testing.B) {
	f.edits++
	e := *f.events[f.edits%len(f.events)]
	e.Title = fmt.Sprintf("Edited %d", f.edits)
	if err := f.app.Events.UpdateEvent(ctx, &e, app.EventNotices); err != nil {
		b.Fatal(err)
	}
}
