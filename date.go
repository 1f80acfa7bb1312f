package rankfile

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date without a time of day or zone, such as a join date
// or a membership's expiry. Keeping dates apart from instants avoids the
// classic off-by-one-day bugs of midnight in the wrong time zone.
// The zero Date means "unknown".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a date written as YYYY-MM-DD or as M/D/YYYY, the two forms
// national member lists use. The empty string is the zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	d, ok := parseISODate(s)
	if !ok {
		if t, err := time.Parse("1/2/2006", s); err == nil {
			d, ok = DateOf(t), true
		}
	}
	if !ok {
		return Date{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD or M/D/YYYY)", s)
	}
	if !d.InRange() {
		return Date{}, fmt.Errorf("%q is not a date between the years %d and %d", s, FirstYear, LastYear)
	}
	return d, nil
}

// parseISODate reads YYYY-MM-DD without time.Parse, which matters when a
// national list of 100,000 members carries three dates a row.
func parseISODate(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	y, okY := digits(s[0:4])
	m, okM := digits(s[5:7])
	d, okD := digits(s[8:10])
	if !okY || !okM || !okD || m < 1 || m > 12 || d < 1 {
		return Date{}, false
	}
	date := Date{y, time.Month(m), d}
	if DateOf(date.Time(time.UTC)) != date { // such as February 30
		return Date{}, false
	}
	return date, true
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// MustParseDate is ParseDate for constants in code and tests; it panics on error.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero (unknown) date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Year < 0 || d.Year > 9999 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	b := []byte("0000-00-00")
	put := func(at, n, width int) {
		for i := at + width - 1; i >= at; i-- {
			b[i] = byte('0' + n%10)
			n /= 10
		}
	}
	put(0, d.Year, 4)
	put(5, int(d.Month), 2)
	put(8, d.Day, 2)
	return string(b)
}

// Time returns midnight of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Weekday returns the day of the week the date falls on.
func (d Date) Weekday() time.Weekday { return d.Time(time.UTC).Weekday() }

// Monday returns the Monday of the date's week: weeks on rankfile's
// calendars run from Monday to Sunday.
func (d Date) Monday() Date { return d.AddDays(-(int(d.Weekday()) + 6) % 7) }

// AddDays returns the date n days after d.
func (d Date) AddDays(n int) Date { return DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }

// AddMonths returns the date n months after d (before, for a negative n),
// on the month's last day when it has no day d.Day: a qualification earned
// on January 31 for a month lapses on the last day of February.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 12, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return DateOf(first.AddDate(0, 0, min(d.Day, last)-1))
}

func cmpInt(a, b int) int {
	if a < b {
		return -1
	} else if a > b {
		return 1
	}
	return 0
}

// MarshalJSON writes d as "YYYY-MM-DD", or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(strconv.Quote(d.String())), nil
}

// UnmarshalJSON reads a date written by MarshalJSON.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseDate(s)
	*d = v
	return err
}

// Value stores d as YYYY-MM-DD text, which both databases accept for a DATE
// column, or NULL for the zero date.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date from a database: PostgreSQL returns time.Time for DATE
// columns, SQLite returns text or time.Time depending on the declared type.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = DateOf(v.UTC())
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	default:
		return fmt.Errorf("rankfile.Date: cannot scan %T", src)
	}
	return nil
}

func (d *Date) scanText(s string) error {
	if len(s) > 10 {
		s = s[:10] // a timestamp's date part
	}
	v, err := ParseDate(s)
	*d = v
	return err
}

// The years rankfile takes a date or a time in. Outside them a time cannot
// be written as JSON or iCalendar in every zone (year 0 in Los Angeles is
// year -1), and nothing a chapter records or plans is there: a year 0 or
// 20260 is a typing mistake.
const (
	FirstYear = 1900
	LastYear  = 2999
)

// InRange reports whether the date falls in the years rankfile takes; the
// zero Date ("unknown") does too.
func (d Date) InRange() bool { return d.IsZero() || (d.Year >= FirstYear && d.Year <= LastYear) }

// CheckTimes refuses times outside the years rankfile takes, naming what
// they are the times of.
func CheckTimes(what string, times ...time.Time) error {
	for _, t := range times {
		if y := t.UTC().Year(); y < FirstYear || y > LastYear {
			return Errorf(EINVALID, "%s must be between the years %d and %d, not in %d", what, FirstYear, LastYear, t.Year())
		}
	}
	return nil
}

// CheckDates is CheckTimes for dates; the zero Date passes.
func CheckDates(what string, dates ...Date) error {
	for _, d := range dates {
		if !d.InRange() {
			return Errorf(EINVALID, "%s must be between the years %d and %d, not in %d", what, FirstYear, LastYear, d.Year)
		}
	}
	return nil
}
