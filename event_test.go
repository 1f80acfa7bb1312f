package rankfile_test

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile"
)

func laEvent(t *testing.T, start string) *rankfile.Event {
	t.Helper()
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	s, err := time.ParseInLocation("2006-01-02 15:04", start, loc)
	if err != nil {
		t.Fatal(err)
	}
	e := &rankfile.Event{BodyID: 1, Kind: rankfile.EventTraining, Title: "Canvass training", StartsAt: s,
		EndsAt: s.Add(90 * time.Minute), Zone: "America/Los_Angeles", Address: "1 Main St", Audience: rankfile.AudiencePublic}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	return e
}

func starts(events []*rankfile.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.StartsAt.Format("2006-01-02 15:04 MST"))
	}
	return out
}

func TestWeeklySeriesKeepsWallClockAcrossDaylightSaving(t *testing.T) {
	first := laEvent(t, "2026-10-20 18:30")
	r := rankfile.Recurrence{Frequency: rankfile.Weekly, Until: rankfile.MustParseDate("2026-11-17"),
		Except: []rankfile.Date{rankfile.MustParseDate("2026-11-10")}}
	got, err := r.Occurrences(first)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-10-20 18:30 PDT", "2026-10-27 18:30 PDT", "2026-11-03 18:30 PST", "2026-11-17 18:30 PST"}
	if g := starts(got); len(g) != len(want) || g[0] != want[0] || g[2] != want[2] || g[3] != want[3] {
		t.Fatalf("got %v, want %v", g, want)
	}
	if d := got[2].EndsAt.Sub(got[2].StartsAt); d != 90*time.Minute {
		t.Errorf("length %v, want 1h30m", d)
	}
}

func TestMonthlySeriesIsByWeekday(t *testing.T) {
	t.Run("second Tuesday", func(t *testing.T) {
		r := rankfile.Recurrence{Frequency: rankfile.Monthly, Until: rankfile.MustParseDate("2027-02-28")}
		got, err := r.Occurrences(laEvent(t, "2026-11-10 19:00"))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"2026-11-10 19:00 PST", "2026-12-08 19:00 PST", "2027-01-12 19:00 PST", "2027-02-09 19:00 PST"}
		if g := starts(got); len(g) != 4 || g[1] != want[1] || g[2] != want[2] || g[3] != want[3] {
			t.Fatalf("got %v, want %v", g, want)
		}
	})
	t.Run("a fifth Thursday becomes the last", func(t *testing.T) {
		r := rankfile.Recurrence{Frequency: rankfile.Monthly, Until: rankfile.MustParseDate("2026-12-31")}
		got, err := r.Occurrences(laEvent(t, "2026-10-29 19:00"))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"2026-10-29 19:00 PDT", "2026-11-26 19:00 PST", "2026-12-31 19:00 PST"}
		if g := starts(got); len(g) != 3 || g[1] != want[1] || g[2] != want[2] {
			t.Fatalf("got %v, want %v", g, want)
		}
	})
}

func TestQuarterlySeriesIsEveryThirdMonthByWeekday(t *testing.T) {
	r := rankfile.Recurrence{Frequency: rankfile.Quarterly, Until: rankfile.MustParseDate("2027-12-31")}
	got, err := r.Occurrences(laEvent(t, "2027-01-12 18:00")) // the second Tuesday
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2027-01-12 18:00 PST", "2027-04-13 18:00 PDT", "2027-07-13 18:00 PDT", "2027-10-12 18:00 PDT"}
	if g := starts(got); len(g) != len(want) || g[0] != want[0] || g[1] != want[1] || g[2] != want[2] || g[3] != want[3] {
		t.Fatalf("got %v, want %v", g, want)
	}
}

func TestSeriesRefusesWhatCannotBe(t *testing.T) {
	first := laEvent(t, "2026-11-10 19:00")
	for name, r := range map[string]rankfile.Recurrence{
		"daily":        {Frequency: "daily", Until: rankfile.MustParseDate("2026-12-01")},
		"ends before":  {Frequency: rankfile.Weekly, Until: rankfile.MustParseDate("2026-11-01")},
		"over a year":  {Frequency: rankfile.Weekly, Until: rankfile.MustParseDate("2028-06-01")},
		"all excepted": {Frequency: rankfile.Weekly, Until: rankfile.MustParseDate("2026-11-10"), Except: []rankfile.Date{rankfile.MustParseDate("2026-11-10")}},
	} {
		if _, err := r.Occurrences(first); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}

func TestEventValidate(t *testing.T) {
	for name, change := range map[string]func(e *rankfile.Event){
		"no title":          func(e *rankfile.Event) { e.Title = " " },
		"no place":          func(e *rankfile.Event) { e.Address = "" },
		"script link":       func(e *rankfile.Event) { e.OnlineURL = "javascript:alert(1)" },
		"ends first":        func(e *rankfile.Event) { e.EndsAt = e.StartsAt.Add(-time.Minute) },
		"unknown zone":      func(e *rankfile.Event) { e.Zone = "Mars/Olympus" },
		"capacity, no form": func(e *rankfile.Event) { e.Capacity = 30 },
		"own co-host":       func(e *rankfile.Event) { e.CohostIDs = []int64{e.BodyID} },
		"unknown audience":  func(e *rankfile.Event) { e.Audience = "friends" },
		"unknown kind":      func(e *rankfile.Event) { e.Kind = "party" },
	} {
		e := laEvent(t, "2026-11-10 19:00")
		change(e)
		if err := e.Validate(); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}

func TestEventForViewerHoldsBackTheCall(t *testing.T) {
	e := laEvent(t, "2026-11-10 19:00")
	e.Registration, e.OnlineURL, e.PrivateDetails, e.CheckInCode = true, "https://zoom.example/j/1", "passcode 4242", "K7P2QX"
	outsider := e.ForViewer(false, false)
	if outsider.OnlineURL != "" || outsider.PrivateDetails != "" || outsider.CheckInCode != "" {
		t.Errorf("someone not registered sees %+v", outsider)
	}
	registrant := e.ForViewer(true, false)
	if registrant.OnlineURL == "" || registrant.PrivateDetails == "" || registrant.CheckInCode != "" {
		t.Errorf("a registrant sees %+v", registrant)
	}
	if host := e.ForViewer(false, true); host.CheckInCode == "" || host.OnlineURL == "" {
		t.Errorf("a host sees %+v", host)
	}
	e.Registration = false
	if open := e.ForViewer(false, false); open.OnlineURL == "" || open.PrivateDetails != "" {
		t.Errorf("an event without registration shows %+v", open)
	}
}

func TestNoticeRetryBacksOffThenGivesUp(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for attempts, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 4: 8 * time.Minute, 9: 256 * time.Minute} {
		if got := rankfile.NoticeRetryAt(now, attempts).Sub(now); got != want {
			t.Errorf("after %d attempts: wait %v, want %v", attempts, got, want)
		}
	}
	if got := rankfile.NoticeRetryAt(now, rankfile.NoticeAttempts); !got.IsZero() {
		t.Errorf("after the last attempt: retry at %v, want never", got)
	}
}

func TestContactValidate(t *testing.T) {
	ok := rankfile.Contact{Name: " Ana Ruiz ", Email: " Ana@Example.org", Zip: "90012-1234"}
	if err := ok.Validate(); err != nil || ok.Email != "ana@example.org" || ok.Name != "Ana Ruiz" {
		t.Errorf("got %+v, %v", ok, err)
	}
	for _, c := range []rankfile.Contact{{Email: "a@example.org"}, {Name: "A", Email: "nope"}, {Name: "A", Email: "a@example.org", Zip: "9001"}} {
		if err := c.Validate(); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("%+v: got %v, want EINVALID", c, err)
		}
	}
}
