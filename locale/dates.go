package locale

import (
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/rankfile/rankfile"
)

// Date writes a calendar date the way the language does: "November 22,
// 2026", "22 de noviembre de 2026".
func (l *Localizer) Date(d rankfile.Date) string {
	if d.IsZero() {
		return ""
	}
	return l.localize(&i18n.LocalizeConfig{MessageID: "date",
		TemplateData: map[string]any{"Day": d.Day, "Month": l.month(d.Month), "Year": d.Year}})
}

// DateTime writes an instant in the chapter's time zone.
func (l *Localizer) DateTime(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(zone)
	return l.T("datetime", "Date", l.Date(rankfile.DateOf(t)), "Time", t.Format("15:04"), "Zone", t.Format("MST"))
}

func (l *Localizer) month(m time.Month) string {
	return l.T("month." + [...]string{"", "january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}[m])
}
