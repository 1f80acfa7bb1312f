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
		TemplateData: map[string]any{"Day": d.Day, "Month": l.Month(d.Month), "Year": d.Year}})
}

// DateTime writes an instant in the chapter's time zone.
func (l *Localizer) DateTime(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(zone)
	return l.T("datetime", "Date", l.Date(rankfile.DateOf(t)), "Time", l.Clock(t), "Zone", t.Format("MST"))
}

// Clock writes the time of day of an instant, in its own zone, the way
// the language does: "6:30 PM" in English, "18:30" in Spanish.
func (l *Localizer) Clock(t time.Time) string { return t.Format(l.T("time.layout")) }

// Month names a month: "November", "noviembre".
func (l *Localizer) Month(m time.Month) string {
	return l.T("month." + [...]string{"", "january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}[m])
}

// weekdays are the message ids of the days of the week, from Sunday as
// time.Weekday counts them.
var weekdays = [...]string{"weekday.sunday", "weekday.monday", "weekday.tuesday", "weekday.wednesday",
	"weekday.thursday", "weekday.friday", "weekday.saturday"}

// Weekday names a day of the week: "Tuesday", "martes".
func (l *Localizer) Weekday(d time.Weekday) string { return l.T(weekdays[d]) }

// Day writes a date with its weekday, as a calendar heads a day:
// "Tuesday, November 24, 2026".
func (l *Localizer) Day(d rankfile.Date) string {
	return l.T("dayofweek", "Weekday", l.Weekday(d.Weekday()), "Date", l.Date(d))
}

// MonthYear names a month of a year, as a calendar heads a month:
// "November 2026".
func (l *Localizer) MonthYear(d rankfile.Date) string {
	return l.T("monthyear", "Month", l.Month(d.Month), "Year", d.Year)
}

// Hours writes when an event runs in its own time zone: "19:00–20:30
// PST", with the end's date when it ends on another day.
func (l *Localizer) Hours(start, end time.Time, zone *time.Location) string {
	start, end = start.In(zone), end.In(zone)
	until := l.Clock(end)
	if rankfile.DateOf(end) != rankfile.DateOf(start) {
		until = l.Date(rankfile.DateOf(end)) + " " + until
	}
	return l.T("hours", "From", l.Clock(start), "Until", until, "Zone", end.Format("MST"))
}
