package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The weekly email's pages, for the communications team and admins: the
// list with a button to draft a week, and a week's page to edit its
// subject, intro and events, see each branch's copy, and send it.

// weekliesData is the list of weekly emails.
type weekliesData struct {
	Rows    []weeklyRow
	Coming  rankfile.Date
	Problem string
}

// weeklyRow is a weekly email in the list, with its subject in the
// viewer's language.
type weeklyRow struct {
	W       *rankfile.WeeklyEmail
	Subject string
}

func (s *Server) weekliesPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderWeeklies(w, r, http.StatusOK, "")
}

func (s *Server) renderWeeklies(w http.ResponseWriter, r *http.Request, status int, problem string) error {
	list, err := s.app.Weeklies(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	d := weekliesData{Coming: rankfile.ComingWeek(s.app.Today()), Problem: problem}
	for _, wk := range list {
		d.Rows = append(d.Rows, weeklyRow{W: wk, Subject: app.WeeklySubject(req(r).l, wk)})
	}
	return s.renderStatus(w, r, status, "weekly_list.html", d)
}

// draftWeeklyForm drafts a week's email, or draws a draft's events again.
func (s *Server) draftWeeklyForm(w http.ResponseWriter, r *http.Request) error {
	wk, err := s.draftFromForm(r)
	switch code := rankfile.ErrorCode(err); {
	case code == rankfile.EINVALID:
		return s.renderWeeklies(w, r, statuses[code], req(r).l.Error(err))
	case err != nil:
		return err
	case wk.Sent():
		return redirect(w, r, weeklyPath(wk)) // nothing to draft: it went out
	}
	return redirect(w, r, weeklyPath(wk)+"?done=drafted")
}

func (s *Server) draftFromForm(r *http.Request) (*rankfile.WeeklyEmail, error) {
	day, err := dateParam(r.FormValue("week_of"), rankfile.Date{})
	if err != nil {
		return nil, err
	}
	return s.app.DraftWeekly(r.Context(), req(r).actor, day)
}

// weeklyPath is a weekly email's page.
func weeklyPath(wk *rankfile.WeeklyEmail) string { return "/weekly/" + strconv.FormatInt(wk.ID, 10) }

// weeklyData is a week's email page.
type weeklyData struct {
	V *app.WeeklyView
	// Subject is the subject as it goes in the viewer's language;
	// Default is the one it has when the editor writes none.
	Subject, Default string
	Done, Problem    string
}

func (s *Server) weeklyPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderWeekly(w, r, http.StatusOK, "", nil)
}

// renderWeekly shows a week's email; a form sent with a mistake comes back
// with what was wrong and what was typed (upd).
func (s *Server) renderWeekly(w http.ResponseWriter, r *http.Request, status int, problem string, upd *rankfile.WeeklyUpdate) error {
	id, err := weeklyID(r)
	if err != nil {
		return err
	}
	v, err := s.app.WeeklyEmail(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	if upd != nil {
		typed := *v.Weekly
		typed.Subject, typed.Intro, typed.IntroES = *upd.Subject, *upd.Intro, *upd.IntroES
		v.Weekly = &typed
	}
	l := req(r).l
	d := weeklyData{V: v, Subject: app.WeeklySubject(l, v.Weekly), Done: r.URL.Query().Get("done"), Problem: problem}
	d.Default = app.WeeklySubject(l, &rankfile.WeeklyEmail{WeekOf: v.Weekly.WeekOf})
	return s.renderStatus(w, r, status, "weekly.html", d)
}

// saveWeeklyForm saves a draft's subject, intro and the events ticked to
// be left out.
func (s *Server) saveWeeklyForm(w http.ResponseWriter, r *http.Request) error {
	id, err := weeklyID(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the form did not arrive whole")
	}
	subject, intro, introES := r.PostFormValue("subject"), r.PostFormValue("intro"), r.PostFormValue("intro_es")
	excluded := []int64{}
	for _, v := range r.PostForm["exclude"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			excluded = append(excluded, n)
		}
	}
	upd := rankfile.WeeklyUpdate{Subject: &subject, Intro: &intro, IntroES: &introES, Excluded: &excluded}
	if _, err := s.app.UpdateWeekly(r.Context(), req(r).actor, id, upd); err != nil {
		return s.weeklyProblem(w, r, err, &upd)
	}
	return redirect(w, r, "/weekly/"+r.PathValue("id")+"?done=saved")
}

// sendWeeklyForm sends a draft once its sender ticked that they mean it.
func (s *Server) sendWeeklyForm(w http.ResponseWriter, r *http.Request) error {
	id, err := weeklyID(r)
	if err != nil {
		return err
	}
	if r.FormValue("confirm") != "yes" {
		return s.weeklyProblem(w, r, rankfile.Errorf(rankfile.EINVALID, "tick the box to say you mean to send it"), nil)
	}
	if _, err := s.app.SendWeekly(r.Context(), req(r).actor, id); err != nil {
		return s.weeklyProblem(w, r, err, nil)
	}
	return redirect(w, r, "/weekly/"+r.PathValue("id")+"?done=sent")
}

// weeklyProblem shows the page again with what was wrong, for a mistake
// or a conflict; other errors go to the error page.
func (s *Server) weeklyProblem(w http.ResponseWriter, r *http.Request, err error, upd *rankfile.WeeklyUpdate) error {
	switch code := rankfile.ErrorCode(err); code {
	case rankfile.EINVALID, rankfile.ECONFLICT:
		r.URL.RawQuery = ""
		return s.renderWeekly(w, r, statuses[code], req(r).l.Error(err), upd)
	}
	return err
}
