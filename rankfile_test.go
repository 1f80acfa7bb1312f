package rankfile_test

import (
	"encoding/json"
	"testing"

	"github.com/rankfile/rankfile"
)

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2026-03-07": "2026-03-07", "3/7/2026": "2026-03-07", "03/07/2026": "2026-03-07",
		" 12/31/1999 ": "1999-12-31", "": "",
	} {
		d, err := rankfile.ParseDate(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, d, err, want)
		}
	}
	for _, bad := range []string{"2026-13-01", "2/30/2026", "March 7", "2026/03/07", "7.3.2026"} {
		if _, err := rankfile.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted a bad date", bad)
		}
	}
}

func TestDateJSONAndOrder(t *testing.T) {
	d := rankfile.MustParseDate("2026-11-01")
	b, _ := json.Marshal(struct{ D, Z rankfile.Date }{D: d})
	if string(b) != `{"D":"2026-11-01","Z":null}` {
		t.Errorf("JSON = %s", b)
	}
	if !d.Before(d.AddDays(1)) || d.After(d) || d.AddDays(61).String() != "2027-01-01" {
		t.Errorf("date arithmetic is wrong around %s", d)
	}
}

func TestStandingFromList(t *testing.T) {
	asOf := rankfile.MustParseDate("2026-11-01")
	cases := []struct {
		status    string
		hasStatus bool
		xdate     string
		want      rankfile.Standing
	}{
		{"Member in Good Standing", true, "2020-01-01", "good"}, // the list's status wins
		{"member in good standing", true, "", "good"},
		{"Member", true, "2030-01-01", "member"},
		{"Lapsed", true, "2030-01-01", "lapsed"},
		{"", false, "2026-11-01", "good"}, // expires on the as-of day: still good
		{"", false, "2026-10-31", "lapsed"},
	}
	for _, c := range cases {
		got, err := rankfile.StandingFromList(c.status, c.hasStatus, rankfile.MustParseDate(c.xdate), asOf)
		if err != nil || got != c.want {
			t.Errorf("StandingFromList(%q, %v, %s) = %q, %v; want %q", c.status, c.hasStatus, c.xdate, got, err, c.want)
		}
	}
	if _, err := rankfile.StandingFromList("Expelled", true, rankfile.Date{}, asOf); rankfile.ErrorCode(err) != rankfile.EINVALID {
		t.Errorf("an unknown status: err = %v, want EINVALID", err)
	}
	if _, err := rankfile.StandingFromList("", false, rankfile.Date{}, asOf); rankfile.ErrorCode(err) != rankfile.EINVALID {
		t.Errorf("no status and no xdate: err = %v, want EINVALID", err)
	}
}

func TestEffectiveStanding(t *testing.T) {
	o := &rankfile.StandingOverride{Standing: "good", Until: rankfile.MustParseDate("2026-12-31")}
	for day, want := range map[string]rankfile.Standing{"2026-12-31": "good", "2027-01-01": "lapsed"} {
		if got := rankfile.EffectiveStanding("lapsed", o, rankfile.MustParseDate(day)); got != want {
			t.Errorf("on %s: %q, want %q", day, got, want)
		}
	}
	if got := rankfile.EffectiveStanding("member", nil, rankfile.MustParseDate("2026-01-01")); got != "member" {
		t.Errorf("without an override: %q", got)
	}
}

func TestNormalizeFields(t *testing.T) {
	f := rankfile.RosterFields
	for _, c := range []struct {
		field   int
		in, out string
	}{
		{rankfile.FieldEmailAddress, " Ana@Example.ORG ", "ana@example.org"},
		{rankfile.FieldMailingZip, "2134", "02134"},
		{rankfile.FieldMailingZip, "900261234", "90026-1234"},
		{rankfile.FieldMailingZip, "90026-1234", "90026-1234"},
		{rankfile.FieldMailingZip, "SW1A 1AA", "SW1A 1AA"},
		{rankfile.FieldDoNotCall, "TRUE", "true"},
		{rankfile.FieldDoNotCall, "", "false"},
		{rankfile.FieldJoinDate, "1/2/2020", "2020-01-02"},
		{rankfile.FieldLastName, " Nguye\u0302\u0303n ", "Nguyễn"},
	} {
		got, err := f[c.field].Normalize(c.in)
		if err != nil || got != c.out {
			t.Errorf("%s %q -> %q, %v; want %q", f[c.field].Name, c.in, got, err, c.out)
		}
	}
	if _, err := f[rankfile.FieldFirstName].Normalize("Jos\xe9"); err == nil {
		t.Errorf("Latin-1 text was accepted as UTF-8")
	}
	if got := rankfile.Zip5("90026-1234"); got != "90026" {
		t.Errorf("Zip5 = %q", got)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Eastside / SGV": "eastside-sgv", "Housing & Homelessness": "housing-homelessness",
		"South Central / Inglewood": "south-central-inglewood", "  Labor  ": "labor",
	} {
		if got := rankfile.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSeatFull(t *testing.T) {
	d := rankfile.MustParseDate
	held := []*rankfile.Position{
		{ID: 1, StartOn: d("2026-01-01"), EndOn: d("2026-03-31")},
		{ID: 2, StartOn: d("2026-01-01")},
		{ID: 3, StartOn: d("2026-06-01")},
	}
	for _, c := range []struct {
		start, end string
		want       bool
	}{
		{"2026-04-01", "2026-05-31", false}, // one seat free between terms
		{"2026-02-01", "", true},            // two hold it in February
		{"2026-04-01", "", true},            // free in April, full from June
		{"2025-01-01", "2025-12-31", false}, // before anyone
	} {
		p := &rankfile.Position{StartOn: d(c.start)}
		if c.end != "" {
			p.EndOn = d(c.end)
		}
		if got := rankfile.SeatFull(held, p, 2); got != c.want {
			t.Errorf("SeatFull for %s..%s = %v, want %v", c.start, c.end, got, c.want)
		}
	}
}
