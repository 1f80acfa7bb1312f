package locale_test

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// TestCatalogsSayTheSameThings checks that every message has a
// translation in every language.
func TestCatalogsSayTheSameThings(t *testing.T) {
	keys := map[string][]string{}
	for _, l := range locale.Languages {
		b, err := os.ReadFile("catalogs/" + l.Tag + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", l.Tag, err)
		}
		for k := range m {
			keys[l.Tag] = append(keys[l.Tag], k)
		}
		slices.Sort(keys[l.Tag])
	}
	for _, l := range locale.Languages[1:] {
		for _, k := range keys["en"] {
			if !slices.Contains(keys[l.Tag], k) {
				t.Errorf("%s lacks %q", l.Tag, k)
			}
		}
		for _, k := range keys[l.Tag] {
			if !slices.Contains(keys["en"], k) {
				t.Errorf("%s has %q, which English lacks", l.Tag, k)
			}
		}
	}
}

func TestLanguagesMatchTheDomain(t *testing.T) {
	var tags []string
	for _, l := range locale.Languages {
		tags = append(tags, l.Tag)
	}
	if !slices.Equal(tags, rankfile.LanguageTags) {
		t.Errorf("locale speaks %v, the domain %v", tags, rankfile.LanguageTags)
	}
}

func TestMatch(t *testing.T) {
	for in, want := range map[string]string{
		"es-MX,es;q=0.9,en;q=0.8": "es", "fr-FR,fr;q=0.9": "en", "": "en", "en-US": "en", "garbage;;": "en",
	} {
		if got := locale.Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
	if got := locale.Match("", "es"); got != "es" {
		t.Errorf("the second preference was not used: %q", got)
	}
}

func TestDates(t *testing.T) {
	d := rankfile.MustParseDate("2026-11-22")
	if got := locale.For("es").Date(d); got != "22 de noviembre de 2026" {
		t.Errorf("Spanish date %q", got)
	}
	if got := locale.For("en").Date(d); got != "November 22, 2026" {
		t.Errorf("English date %q", got)
	}
	la, _ := time.LoadLocation("America/Los_Angeles")
	at := time.Date(2026, 11, 23, 2, 30, 0, 0, time.UTC) // the evening before in Los Angeles
	if got := locale.For("en").DateTime(at, la); got != "November 22, 2026 at 6:30 PM PST" {
		t.Errorf("date and time %q", got)
	}
	if got := locale.For("es").DateTime(at, la); got != "22 de noviembre de 2026 a las 18:30 PST" {
		t.Errorf("Spanish date and time %q", got)
	}
	if got := locale.For("en").T("no.such.message"); !locale.MissingMarker(got) {
		t.Errorf("a missing message shows as %q", got)
	}
}

// TestSpanishSaysEachTermOneWay keeps the Spanish catalogs to one word for
// each standing term of the organization: "rama" for a branch (a
// "sección" reads as a union's local), "al corriente" for good standing.
func TestSpanishSaysEachTermOneWay(t *testing.T) {
	for _, file := range []string{"catalogs/es.json", "catalogs/errors.es.json"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ToLower(string(b))
		for _, other := range []string{"sección", "secciones", "plenos derechos", "en regla", "al día para"} {
			if strings.Contains(text, other) {
				t.Errorf("%s says %q", file, other)
			}
		}
	}
}
