package icalendar_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/icalendar"
)

func sample() *icalendar.Calendar {
	la, _ := time.LoadLocation("America/Los_Angeles")
	start := time.Date(2026, 11, 24, 18, 30, 0, 0, la)
	long := strings.Repeat("Bring water, a phone; and comfortable shoes. ", 8)
	events := []*rankfile.Event{
		{ID: 1, Kind: rankfile.EventCanvass, Title: "Tenant canvass, Boyle Heights; café después", Description: long + "\nLínea dos.",
			StartsAt: start, EndsAt: start.Add(2 * time.Hour), Zone: la.String(), Address: "2nd St & Soto, Los Angeles, CA 90033",
			Accessibility: "Step-free; ASL on request", CreatedAt: start.Add(-72 * time.Hour), UpdatedAt: start.Add(-time.Hour)},
		{ID: 2, Kind: rankfile.EventTraining, Title: "Phonebank training", StartsAt: start.AddDate(0, 0, 7),
			EndsAt: start.AddDate(0, 0, 7).Add(time.Hour), Zone: la.String(), OnlineURL: "https://zoom.example/j/123?pwd=abc",
			PrivateDetails: "Passcode 4242", Sequence: 2, Cancelled: true, CreatedAt: start, UpdatedAt: start},
	}
	return &icalendar.Calendar{Name: "Test Chapter: events", Host: "rankfile.example", Events: events,
		Stamp: start.Add(-24 * time.Hour), Link: func(e *rankfile.Event) string {
			return "https://rankfile.example/events/" + strconv.FormatInt(e.ID, 10)
		}}
}

func write(t *testing.T, c *icalendar.Calendar) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := icalendar.Write(&b, c); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteFollowsRFC5545(t *testing.T) {
	out := write(t, sample())
	if p := os.Getenv("RANKFILE_ICS_OUT"); p != "" {
		os.WriteFile(p, out, 0o600)
	}
	for i, line := range bytes.Split(bytes.TrimSuffix(out, []byte("\r\n")), []byte("\r\n")) {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets, more than 75: %q", i+1, len(line), line)
		}
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare line end", i+1)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("got %d events, want 2", len(events))
	}
	first := events[0]
	if got := first.GetProperty(ics.ComponentPropertySummary).Value; got != "Tenant canvass, Boyle Heights; café después" {
		t.Errorf("summary %q", got)
	}
	if got, _ := first.GetStartAt(); !got.Equal(sample().Events[0].StartsAt) {
		t.Errorf("start %v, want %v", got, sample().Events[0].StartsAt)
	}
	if got := first.GetProperty(ics.ComponentPropertyDescription).Value; !strings.Contains(got, "\nLínea dos.") {
		t.Errorf("description lost its line break: %q", got)
	}
	second := events[1]
	if got := second.GetProperty(ics.ComponentPropertyStatus).Value; got != "CANCELLED" {
		t.Errorf("cancelled event's status %q", got)
	}
	if got := second.GetProperty(ics.ComponentPropertySequence).Value; got != "2" {
		t.Errorf("sequence %q, want 2", got)
	}
	if got := second.Id(); got != "event-2@rankfile.example" {
		t.Errorf("uid %q", got)
	}
}

// TestCalendarProgramsLoadTheFeed hands a feed to two real calendar
// programs from Debian: calcurse and khal each import it. The test
// script installs both; elsewhere the test is skipped without them.
func TestCalendarProgramsLoadTheFeed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.ics")
	if err := os.WriteFile(path, write(t, sample()), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Run("calcurse", func(t *testing.T) {
		requireProgram(t, "calcurse")
		dir := t.TempDir()
		out, err := exec.Command("calcurse", "-D", dir, "-i", path).CombinedOutput()
		if err != nil {
			t.Fatalf("calcurse: %v\n%s", err, out)
		}
		if !strings.Contains(string(out), "2 apps / 0 events / 0 todos / 0 skipped") {
			t.Errorf("calcurse did not import both events:\n%s", out)
		}
		apts, _ := os.ReadFile(filepath.Join(dir, "apts"))
		if !strings.Contains(string(apts), "Tenant canvass, Boyle Heights") {
			t.Errorf("calcurse's appointments lack the canvass:\n%s", apts)
		}
	})
	t.Run("khal", func(t *testing.T) {
		requireProgram(t, "khal")
		config := t.TempDir()
		khal := func(args ...string) string {
			cmd := exec.Command("khal", args...)
			cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+config, "XDG_DATA_HOME="+config, "TZ=America/Los_Angeles")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("khal %v: %v\n%s", args, err, out)
			}
			return string(out)
		}
		writeKhalConfig(t, config)
		khal("import", "--batch", path)
		out := khal("list", "2026-11-20", "30d")
		for _, want := range []string{"18:30-20:30 Tenant canvass, Boyle Heights; café después", "CANCELLED 18:30-19:30 Phonebank training"} {
			if !strings.Contains(out, want) {
				t.Errorf("khal's list lacks %q:\n%s", want, out)
			}
		}
	})
}

// writeKhalConfig gives khal a calendar in dir, in Los Angeles time.
func writeKhalConfig(t *testing.T, dir string) {
	t.Helper()
	config := "[calendars]\n[[rankfile]]\npath = " + filepath.Join(dir, "cal") + "\n[locale]\ntimeformat = %H:%M\n" +
		"dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n" +
		"longdatetimeformat = %Y-%m-%d %H:%M\nlocal_timezone = America/Los_Angeles\ndefault_timezone = America/Los_Angeles\n"
	for _, d := range []string{filepath.Join(dir, "khal"), filepath.Join(dir, "cal")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "khal", "config"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
}

// requireProgram skips without the program, unless the test script asked
// for every calendar program to be there.
func requireProgram(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("RANKFILE_TEST_REQUIRE_CALENDARS") != "" {
			t.Fatalf("%s is not installed", name)
		}
		t.Skipf("%s is not installed", name)
	}
}
