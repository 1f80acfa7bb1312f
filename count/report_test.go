package count

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// castorPollux is Droop's 42.blt: Castor wins, Pollux and Helen nearly tie.
const castorPollux = "3 2\n4 1 2 0\n2 3 0\n0\n\"Castor\"\n\"Pollux\"\n\"Helen\"\n\"Pollux and Helen\"\n"

func TestReportJSON(t *testing.T) {
	e := mustReadBLT(t, castorPollux)
	t.Run("has the promised shape with exact decimals", func(t *testing.T) {
		var got struct {
			Method  string   `json:"method"`
			Seats   int      `json:"seats"`
			Quota   any      `json:"quota"`
			Elected []string `json:"elected"`
			Seed    string   `json:"seed"`
			Rounds  []struct {
				Number    int                    `json:"number"`
				Tallies   map[string]json.Number `json:"tallies"`
				Exhausted json.Number            `json:"exhausted"`
				Elected   []string               `json:"elected"`
				Excluded  []string               `json:"excluded"`
			} `json:"rounds"`
		}
		decodeJSON(t, mustCount(t, e, Options{Method: Scottish, Seed: "42"}), &got)
		if got.Method != "scottish" || got.Seats != 2 || got.Seed != "42" {
			t.Errorf("header: got %s/%d/%q, want scottish/2/\"42\"", got.Method, got.Seats, got.Seed)
		}
		if got, want := strings.Join(got.Elected, ","), "Castor,Helen"; got != want {
			t.Errorf("elected: got %s, want %s", got, want)
		}
		if got, want := len(got.Rounds), 3; got != want {
			t.Fatalf("rounds: got %d, want %d", got, want)
		}
		if got, want := got.Rounds[1].Tallies["Pollux"].String(), "1.00000"; got != want {
			t.Errorf("Pollux at round 2: got %s, want %s", got, want)
		}
		if got, want := strings.Join(got.Rounds[2].Excluded, ","), "Pollux"; got != want {
			t.Errorf("round 3 excluded: got %s, want %s", got, want)
		}
	})
	t.Run("is byte-identical across counts", func(t *testing.T) {
		a, b := jsonOf(t, mustCount(t, e, Options{Method: Meek})), jsonOf(t, mustCount(t, e, Options{Method: Meek}))
		if !bytes.Equal(a, b) {
			t.Errorf("two counts differ:\n%s\n%s", a, b)
		}
	})
	t.Run("keeps candidate order in tallies", func(t *testing.T) {
		out := string(jsonOf(t, mustCount(t, e, Options{Method: Meek})))
		if i, j := strings.Index(out, `"Pollux":`), strings.Index(out, `"Helen":`); i < 0 || j < 0 || i > j {
			t.Errorf("Pollux at %d, Helen at %d: want Pollux first", i, j)
		}
	})
}

func TestReportText(t *testing.T) {
	rep := mustCount(t, mustReadBLT(t, castorPollux), Options{Method: Scottish, Seed: "s1"})
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Scottish STV (SSI 2007/42): Pollux and Helen",
		`Lot seed: "s1"`,
		"  1. Castor\n  2. Helen\n",
		"Round 2: surplus of Castor (1.00000) transferred",
		"Pollux              0.00000  -1.00000  excluded: lowest",
		"Helen               2.00000            elected: last ones standing",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
}

func TestReportHTML(t *testing.T) {
	e := mustReadBLT(t, "3 1\n4 1 2 0\n3 2 0\n2 3 1 0\n0\n\"<b>Bold</b>\"\n\"Pollux\"\n\"Helen\"\n\"T\"\n")
	var b strings.Builder
	if err := mustCount(t, e, Options{Method: IRV}).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	t.Run("escapes names", func(t *testing.T) {
		if strings.Contains(out, "<b>Bold") || !strings.Contains(out, "&lt;b&gt;Bold") {
			t.Errorf("name not escaped:\n%s", out)
		}
	})
	t.Run("draws a well-formed SVG chart with a line per candidate", func(t *testing.T) {
		svg := out[strings.Index(out, "<svg") : strings.Index(out, "</svg>")+len("</svg>")]
		if n := countElements(t, svg, "polyline"); n != 3 {
			t.Errorf("polylines: got %d, want 3 (no quota line for IRV)", n)
		}
		if !strings.Contains(svg, `role="img"`) {
			t.Errorf("svg lacks role=img")
		}
	})
	t.Run("has a table row per candidate and a column per round", func(t *testing.T) {
		if got, want := strings.Count(out, `<th scope="row">`), 3+2; got != want {
			t.Errorf("row headers: got %d, want %d", got, want)
		}
		if got, want := strings.Count(out, `<th scope="col">Round`), 2; got != want {
			t.Errorf("round columns: got %d, want %d", got, want)
		}
	})
}

// countElements parses XML and counts the elements with the given name.
func countElements(t *testing.T, doc, name string) int {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("SVG is not well formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == name {
			n++
		}
	}
}

func jsonOf(t *testing.T, rep *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func decodeJSON(t *testing.T, rep *Report, v any) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(jsonOf(t, rep)))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		t.Fatal(err)
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		d    Decimal
		want string
	}{
		{Decimal{116100000, 5}, "1161.00000"},
		{Decimal{-1, 9}, "-0.000000001"},
		{Decimal{42, 0}, "42"},
		{Decimal{0, 5}, "0.00000"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v: got %s, want %s", tt.d, got, tt.want)
		}
	}
	for _, bad := range []string{"", "1.234567", "1.2.3", "+1", "1e5", "-"} {
		if _, err := parseDecimal(bad, 5); err == nil {
			t.Errorf("parseDecimal(%q): got no error", bad)
		}
	}
	if d, err := parseDecimal("-12.5", 3); err != nil || d.Units != -12500 {
		t.Errorf("parseDecimal(-12.5): got %v %v, want -12500", d, err)
	}
}

func TestReadingRoundsForPages(t *testing.T) {
	for _, c := range []struct {
		d    Decimal
		want string
	}{
		{Decimal{1161_000000000, 9}, "1161.00"}, {Decimal{2_345000000, 9}, "2.35"}, {Decimal{2_344999999, 9}, "2.34"},
		{Decimal{-2_345000000, 9}, "-2.35"}, {Decimal{7, 0}, "7"}, {Decimal{105, 2}, "1.05"},
	} {
		if got := c.d.Reading(2); got != c.want {
			t.Errorf("%s read as %q, want %q", c.d, got, c.want)
		}
	}
}
