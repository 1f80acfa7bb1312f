package http

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
)

// The calendar page: the chapter's events as a list of the coming weeks,
// a month or a week, filtered by body and kind. Days are the chapter's:
// an event sits on the day it starts in the chapter's time zone.

// Calendar views.
const (
	viewList  = "list"
	viewMonth = "month"
	viewWeek  = "week"
)

// listDays is how far ahead the list view looks.
const listDays = 42

// calendarView is the calendar page.
type calendarView struct {
	View string
	// Date is the day the view is at: the list's first day, a day of the
	// month or of the week shown.
	Date rankfile.Date
	// Days are the days shown: every day of the month's or week's grid,
	// or the list's days that have events.
	Days                          []*calendarDay
	Prev, Next, Now               string // links to the views before, after and of today
	BodyID                        int64
	Kinds                         []rankfile.EventKind
	AllKinds                      []rankfile.EventKind
	Bodies                        []*rankfile.Body
	BodyNames                     map[int64]string
	CanCreate                     bool
	Empty                         bool
	ListLink, MonthLink, WeekLink string
}

// calendarDay is a day of the calendar with the events starting on it.
type calendarDay struct {
	Date rankfile.Date
	// Outside is set for the days of the grid before or after the month.
	Outside bool
	Today   bool
	Events  []*rankfile.Event
}

// Weekdays are the days of the week in the grid's order, for its heading.
func (v *calendarView) Weekdays() []*calendarDay {
	if len(v.Days) < 7 {
		return nil
	}
	return v.Days[:7]
}

// Selected reports whether the filter selects a kind.
func (v *calendarView) Selected(k rankfile.EventKind) bool {
	for _, s := range v.Kinds {
		if s == k {
			return true
		}
	}
	return false
}

// Link returns the calendar's address with this view's filters in
// another view at another date.
func (v *calendarView) Link(view string, d rankfile.Date) string {
	q := url.Values{"view": {view}, "date": {d.String()}}
	if v.BodyID != 0 {
		q.Set("body", strconv.FormatInt(v.BodyID, 10))
	}
	for _, k := range v.Kinds {
		q.Add("kind", string(k))
	}
	return "/events?" + q.Encode()
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) error {
	v, f, err := s.calendarQuery(r)
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), req(r).actor
	events, err := s.app.Calendar(ctx, actor, f)
	if err != nil {
		return err
	}
	all, err := s.app.BodyList(ctx)
	if err != nil {
		return err
	}
	v.Bodies, v.BodyNames = rankfile.ActiveBodies(all, v.BodyID), bodyNames(all)
	v.CanCreate = actor.CanCreateEvents()
	v.place(events, s.app.Zone)
	return s.render(w, r, "events.html", v)
}

// calendarQuery reads the page's view, date and filters, and the span of
// events they need.
func (s *Server) calendarQuery(r *http.Request) (*calendarView, rankfile.EventFilter, error) {
	q := r.URL.Query()
	v := &calendarView{View: q.Get("view"), AllKinds: rankfile.EventKinds}
	today := s.app.Today()
	var f rankfile.EventFilter
	var err error
	if v.Date, err = dateParam(q.Get("date"), today); err != nil {
		return nil, f, err
	}
	if err := readBodyAndKinds(q, &f); err != nil {
		return nil, f, err
	}
	v.BodyID, v.Kinds = f.BodyID, f.Kinds
	first, days, prev, next := v.span()
	f.From, f.To = first.Time(s.app.Zone), first.AddDays(days).Time(s.app.Zone)
	for i := range days {
		d := first.AddDays(i)
		v.Days = append(v.Days, &calendarDay{Date: d, Today: d == today,
			Outside: v.View == viewMonth && d.Month != v.Date.Month})
	}
	v.Prev, v.Next, v.Now = v.Link(v.View, prev), v.Link(v.View, next), v.Link(v.View, today)
	v.ListLink, v.MonthLink, v.WeekLink = v.Link(viewList, v.Date), v.Link(viewMonth, v.Date), v.Link(viewWeek, v.Date)
	return v, f, nil
}

// span returns the first day the view shows, how many days, and the dates
// of the views before and after it.
func (v *calendarView) span() (first rankfile.Date, days int, prev, next rankfile.Date) {
	switch v.View {
	case viewMonth:
		start := rankfile.Date{Year: v.Date.Year, Month: v.Date.Month, Day: 1}
		end := rankfile.DateOf(start.Time(time.UTC).AddDate(0, 1, 0))
		first = start.Monday()
		last := end.AddDays(-1).Monday().AddDays(7)
		return first, daysBetween(first, last), rankfile.DateOf(start.Time(time.UTC).AddDate(0, -1, 0)), end
	case viewWeek:
		first = v.Date.Monday()
		return first, 7, first.AddDays(-7), first.AddDays(7)
	}
	v.View = viewList
	return v.Date, listDays, v.Date.AddDays(-listDays), v.Date.AddDays(listDays)
}

// daysBetween counts the days from a to b.
func daysBetween(a, b rankfile.Date) int {
	return int(b.Time(time.UTC).Sub(a.Time(time.UTC)).Hours()/24 + 0.5)
}

// place puts each event on the day it starts; the list keeps only days
// with events.
func (v *calendarView) place(events []*rankfile.Event, zone *time.Location) {
	byDate := map[rankfile.Date]*calendarDay{}
	for _, d := range v.Days {
		byDate[d.Date] = d
	}
	for _, e := range events {
		if d := byDate[rankfile.DateOf(e.StartsAt.In(zone))]; d != nil {
			d.Events = append(d.Events, e)
		}
	}
	v.Empty = len(events) == 0
	if v.View == viewList {
		kept := v.Days[:0]
		for _, d := range v.Days {
			if len(d.Events) > 0 {
				kept = append(kept, d)
			}
		}
		v.Days = kept
	}
}

// readBodyAndKinds reads a calendar's body (an id) and kinds (repeated)
// into f.
func readBodyAndKinds(q url.Values, f *rankfile.EventFilter) error {
	if b := q.Get("body"); b != "" {
		id, err := strconv.ParseInt(b, 10, 64)
		if err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "body is a body's id")
		}
		f.BodyID = id
	}
	for _, k := range q["kind"] {
		if k != "" {
			f.Kinds = append(f.Kinds, rankfile.EventKind(k))
		}
	}
	return nil
}

// bodyNames maps bodies' ids to their names, for pages that name events'
// hosts.
func bodyNames(bodies []*rankfile.Body) map[int64]string {
	out := make(map[int64]string, len(bodies))
	for _, b := range bodies {
		out[b.ID] = b.Name
	}
	return out
}
