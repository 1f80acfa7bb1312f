package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
)

// The weekly email through the JSON API, for the communications team and
// admins: the same operations as the pages.

// apiWeeklies lists the weekly emails, the latest week first.
func (s *Server) apiWeeklies(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.Weeklies(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*rankfile.WeeklyEmail{}
	}
	return writeJSON(w, http.StatusOK, list)
}

// draftJSON is the body that drafts a week's email: any day of the week,
// or none for the coming week.
type draftJSON struct {
	WeekOf rankfile.Date `json:"week_of"`
}

// apiDraftWeekly drafts a week's email, or draws a draft's events again.
func (s *Server) apiDraftWeekly(w http.ResponseWriter, r *http.Request) error {
	var in draftJSON
	if r.ContentLength != 0 {
		if err := decodeBody(r, &in, `{"week_of": "YYYY-MM-DD"}`); err != nil {
			return err
		}
	}
	wk, err := s.app.DraftWeekly(r.Context(), req(r).actor, in.WeekOf)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, wk)
}

// apiWeekly returns a weekly email with each branch's copy.
func (s *Server) apiWeekly(w http.ResponseWriter, r *http.Request) error {
	id, err := weeklyID(r)
	if err != nil {
		return err
	}
	v, err := s.app.WeeklyEmail(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// apiUpdateWeekly changes a draft's subject, intro or events left out.
func (s *Server) apiUpdateWeekly(w http.ResponseWriter, r *http.Request) error {
	id, err := weeklyID(r)
	if err != nil {
		return err
	}
	var upd rankfile.WeeklyUpdate
	if err := decodeBody(r, &upd, `{"subject": "...", "intro": "...", "excluded": [event ids]}`); err != nil {
		return err
	}
	wk, err := s.app.UpdateWeekly(r.Context(), req(r).actor, id, upd)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, wk)
}

// apiSendWeekly sends a draft.
func (s *Server) apiSendWeekly(w http.ResponseWriter, r *http.Request) error {
	id, err := weeklyID(r)
	if err != nil {
		return err
	}
	wk, err := s.app.SendWeekly(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, wk)
}
