package locale_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// TestDefaultSeatsHaveTitlesInEveryLanguage checks every title a body's
// default seats carry is in both catalogs, and that another title shows
// as written.
func TestDefaultSeatsHaveTitlesInEveryLanguage(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		l := locale.For(lang)
		for _, kind := range rankfile.BodyKinds {
			for _, s := range rankfile.DefaultSeats(kind) {
				if got := l.Seat(s.Title); got == "" || (lang == "es" && got == s.Title) {
					t.Errorf("%s: seat %q reads %q", lang, s.Title, got)
				}
			}
		}
		if got := l.Seat("Banner keeper"); got != "Banner keeper" {
			t.Errorf("%s: a title of the chapter's own reads %q", lang, got)
		}
	}
	if got := locale.For("es").Seat(rankfile.SeatNeighborhoodCaptain); got != "Capitán o capitana de barrio" {
		t.Errorf("the captains' seat in Spanish: %q", got)
	}
}
