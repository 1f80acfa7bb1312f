package rankfile

import (
	"slices"
	"time"
)

// Frequency is how often a recurring event recurs.
type Frequency string

// Frequencies. Monthly is by weekday, as chapters meet: "the second
// Tuesday"; a first event on a fifth weekday of its month repeats on the
// last one of each month, since not every month has a fifth. Quarterly is
// monthly every three months, as the training program holds each course
// at least once a quarter.
const (
	Weekly    Frequency = "weekly"
	Monthly   Frequency = "monthly"
	Quarterly Frequency = "quarterly"
)

// Frequencies lists the frequencies in the order forms offer them.
var Frequencies = []Frequency{Weekly, Monthly, Quarterly}

// Recurrence is how an event repeats: every week, month or quarter until a date
// (inclusive), skipping the dates excepted.
type Recurrence struct {
	Frequency Frequency `json:"frequency"`
	Until     Date      `json:"until"`
	Except    []Date    `json:"except,omitempty"`
}

// maxOccurrences bounds a series: a year of weekly events.
const maxOccurrences = 60

// Occurrences returns the events of the series that first, validated,
// starts. Each keeps first's wall-clock time in its zone across daylight
// saving changes. The first occurrence is first itself unless excepted.
func (r *Recurrence) Occurrences(first *Event) ([]*Event, error) {
	if !slices.Contains(Frequencies, r.Frequency) {
		return nil, Errorf(EINVALID, "an event repeats weekly, monthly or quarterly, not %q", r.Frequency)
	}
	loc := first.Location()
	start := first.StartsAt.In(loc)
	if r.Until.Before(DateOf(start)) {
		return nil, Errorf(EINVALID, "a series ends on or after its first day")
	}
	if err := CheckDates("a series' last day", r.Until); err != nil {
		return nil, err
	}
	length := first.EndsAt.Sub(first.StartsAt)
	var out []*Event
	for i := 0; ; i++ {
		day := r.nth(start, i)
		if r.Until.Before(DateOf(day)) {
			break
		}
		if len(out) == maxOccurrences {
			return nil, Errorf(EINVALID, "a series has at most %d events", maxOccurrences)
		}
		if slices.Contains(r.Except, DateOf(day)) {
			continue
		}
		e := *first
		e.StartsAt = time.Date(day.Year(), day.Month(), day.Day(), start.Hour(), start.Minute(), 0, 0, loc)
		e.EndsAt = e.StartsAt.Add(length)
		out = append(out, &e)
	}
	if len(out) == 0 {
		return nil, Errorf(EINVALID, "every date of the series is excepted")
	}
	return out, nil
}

// nth returns the day of the i-th occurrence after start (start is the
// 0th), at start's time of day.
func (r *Recurrence) nth(start time.Time, i int) time.Time {
	if r.Frequency == Weekly {
		return start.AddDate(0, 0, 7*i)
	}
	step := 1
	if r.Frequency == Quarterly {
		step = 3
	}
	month := time.Date(start.Year(), start.Month()+time.Month(step*i), 1, 12, 0, 0, 0, start.Location())
	week := (start.Day() - 1) / 7 // 0 for the first week of the month
	if week == 4 {
		return lastWeekday(month, start.Weekday()) // not every month has a fifth
	}
	return nthWeekday(month, start.Weekday(), week)
}

// nthWeekday returns the week-th (from 0) weekday wd of month's month.
func nthWeekday(month time.Time, wd time.Weekday, week int) time.Time {
	first := month.AddDate(0, 0, (int(wd)-int(month.Weekday())+7)%7)
	return first.AddDate(0, 0, 7*week)
}

// lastWeekday returns the last weekday wd of month's month.
func lastWeekday(month time.Time, wd time.Weekday) time.Time {
	last := month.AddDate(0, 1, -1)
	return last.AddDate(0, 0, -((int(last.Weekday()) - int(wd) + 7) % 7))
}
