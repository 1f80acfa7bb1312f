package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A turf's paper entry page, for those who run its campaign: one row per
// door in walking order, as the sheet printed them, with the result, the
// support, the volunteer box and the notes, for the canvasser who walked
// it. Each row carries an id made when the page was shown, so that the
// form sent twice stores once; a form with bad rows stores nothing and
// comes back as typed, each bad row saying what is wrong with it.

// entryData is the entry page.
type entryData struct {
	Entry    *app.WalkEntry
	Results  []rankfile.AttemptResult
	IDs      map[int64]string // each door's client id
	Form     url.Values
	Problems map[int64]string // what is wrong with each bad row, by door
	Problem  string
	Stored   string // how many the last form stored, after a redirect
}

// Value returns what was typed in field.
func (d entryData) Value(field string, door int64) string {
	return d.Form.Get(fmt.Sprintf("%s_%d", field, door))
}

func (s *Server) walkEntryPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderEntry(w, r, http.StatusOK, entryData{Stored: r.URL.Query().Get("stored")})
}

// renderEntry shows the entry page, with new row ids unless the form
// comes back with its own.
func (s *Server) renderEntry(w http.ResponseWriter, r *http.Request, status int, d entryData) error {
	id, err := turfID(r)
	if err != nil {
		return err
	}
	if d.Entry, err = s.app.WalkEntry(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	d.Results, d.IDs = doorResults, map[int64]string{}
	for _, door := range d.Entry.Walk.Doors {
		d.IDs[door.Household.ID] = d.Form.Get(fmt.Sprintf("id_%d", door.Household.ID))
		if d.IDs[door.Household.ID] == "" {
			d.IDs[door.Household.ID] = newClientID()
		}
	}
	return s.renderStatus(w, r, status, "walk_entry.html", d)
}

// recordWalkEntryForm stores the rows with a result.
func (s *Server) recordWalkEntryForm(w http.ResponseWriter, r *http.Request) error {
	id, err := turfID(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the form could not be read")
	}
	f := r.PostForm
	at, err := s.entryTime(f.Get("day"))
	if err != nil {
		return s.renderEntry(w, r, http.StatusBadRequest, entryData{Form: f, Problem: req(r).l.Error(err)})
	}
	attempts, problems := entryRows(r, f, at)
	if len(problems) > 0 {
		return s.renderEntry(w, r, http.StatusBadRequest, entryData{Form: f, Problems: problems})
	}
	canvasser, _ := strconv.ParseInt(f.Get("canvasser"), 10, 64)
	repeats, err := s.app.RecordWalkEntry(r.Context(), req(r).actor, id, canvasser, attempts)
	if code := rankfile.ErrorCode(err); code == rankfile.EINVALID {
		return s.renderEntry(w, r, statuses[code], entryData{Form: f, Problem: req(r).l.Error(err)})
	} else if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/turfs/%d/entry?stored=%d", id, len(attempts)-repeats))
}

// entryTime is when the sheet was walked: noon of the day given, where
// the chapter is; the sheet says the day, not the hour.
func (s *Server) entryTime(day string) (time.Time, error) {
	d, err := dateParam(day, s.app.Today())
	if err != nil {
		return time.Time{}, err
	}
	return d.Time(s.app.Zone).Add(12 * time.Hour), nil
}

// entryRows reads the rows with a result, and what is wrong with each bad
// one, in the reader's language.
func entryRows(r *http.Request, f url.Values, at time.Time) ([]*rankfile.Attempt, map[int64]string) {
	var out []*rankfile.Attempt
	problems := map[int64]string{}
	for _, v := range f["door"] {
		hid, err := strconv.ParseInt(v, 10, 64)
		get := func(name string) string { return f.Get(fmt.Sprintf("%s_%d", name, hid)) }
		if err != nil || get("result") == "" {
			continue
		}
		a := &rankfile.Attempt{ClientID: get("id"), HouseholdID: hid, Channel: rankfile.ChannelDoor,
			Result: rankfile.AttemptResult(get("result")), Volunteer: get("volunteer") != "", Notes: get("notes"), At: at}
		a.Support, _ = strconv.Atoi(get("support"))
		if err := a.Validate(); err != nil {
			problems[hid] = req(r).l.Error(err)
		}
		out = append(out, a)
	}
	return out, problems
}
