package locale

import (
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/rankfile/rankfile"
)

// Seat returns a seat's title in the localizer's language. The titles of
// the seats bodies have by default (rankfile.DefaultSeats) are in the
// catalogs as "seat." and the title's slug; a title an admin chose is data
// and shows as they wrote it.
func (l *Localizer) Seat(title string) string {
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: "seat." + rankfile.Slugify(title)})
	if err != nil {
		return title
	}
	return s
}
