package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/locale"
)

// The feedback form, reached signed in from the event (/events/{id}/
// feedback) or through the link emailed to each attendee (/feedback/
// {token}), which needs no session: its secret names one member and one
// event. A form sent with a mistake comes back as typed.

// feedbackData is what the form page shows.
type feedbackData struct {
	View *app.FeedbackFormView
	// Action is where the form is sent.
	Action  string
	Scores  map[string]int
	Text    string
	Sign    bool
	Problem *fieldProblem
	Done    bool
	Max     int
}

// feedbackFields names the field each of the domain's messages is about.
var feedbackFields = map[string]string{
	"answer each question from 1 to %d":        "scores",
	"answer each of the %d questions":          "scores",
	"write at most %d characters; this has %d": "text",
}

func (s *Server) feedbackPage(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	v, err := s.app.FeedbackForm(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	d := &feedbackData{View: v, Action: r.URL.Path, Done: r.URL.Query().Get("done") == "1"}
	return s.renderFeedback(w, r, http.StatusOK, d)
}

func (s *Server) feedbackForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	actor := req(r).actor
	d, in := readFeedback(r)
	if err := s.app.GiveFeedback(r.Context(), actor, id, in); err != nil {
		return s.feedbackRefused(w, r, d, err, func() (*app.FeedbackFormView, error) {
			return s.app.FeedbackForm(r.Context(), actor, id)
		})
	}
	return redirect(w, r, r.URL.Path+"?done=1")
}

func (s *Server) feedbackLinkPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.FeedbackFormByLink(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	d := &feedbackData{View: v, Action: r.URL.Path, Done: r.URL.Query().Get("done") == "1"}
	return s.renderFeedback(w, r, http.StatusOK, d)
}

func (s *Server) feedbackLinkForm(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	d, in := readFeedback(r)
	if err := s.app.GiveFeedbackByLink(r.Context(), token, in); err != nil {
		return s.feedbackRefused(w, r, d, err, func() (*app.FeedbackFormView, error) {
			return s.app.FeedbackFormByLink(r.Context(), token)
		})
	}
	return redirect(w, r, r.URL.Path+"?done=1")
}

// readFeedback reads the form, keeping what was typed to show again.
func readFeedback(r *http.Request) (*feedbackData, app.FeedbackInput) {
	d := &feedbackData{Action: r.URL.Path, Scores: map[string]int{}, Text: r.FormValue("text"),
		Sign: r.FormValue("sign") != ""}
	in := app.FeedbackInput{Text: d.Text, Sign: d.Sign}
	for _, q := range rankfile.CurrentFeedbackForm().Questions {
		n, _ := strconv.Atoi(r.FormValue("q_" + q)) // a missing score is 0, which the answer refuses
		d.Scores[q] = n
		in.Scores = append(in.Scores, n)
	}
	return d, in
}

// feedbackRefused shows the form again with what was wrong: a mistake in
// it, or why it takes no answer (a second one, a closed window).
func (s *Server) feedbackRefused(w http.ResponseWriter, r *http.Request, d *feedbackData, err error,
	view func() (*app.FeedbackFormView, error)) error {
	code := rankfile.ErrorCode(err)
	if code != rankfile.EINVALID && code != rankfile.ECONFLICT && code != rankfile.EFORBIDDEN {
		return err
	}
	v, verr := view()
	if verr != nil {
		return verr
	}
	d.View, d.Problem = v, problemOf(req(r), err, feedbackFields)
	status := http.StatusBadRequest
	if code == rankfile.ECONFLICT {
		status = http.StatusConflict
	} else if code == rankfile.EFORBIDDEN {
		status = http.StatusForbidden
	}
	return s.renderFeedback(w, r, status, d)
}

// renderFeedback renders the form in the language of the member it is
// for when she came by her link, not signed in, and keeps the link's
// address out of the Referer of anything the page links to.
func (s *Server) renderFeedback(w http.ResponseWriter, r *http.Request, status int, d *feedbackData) error {
	rq := req(r)
	if !rq.actor.SignedIn() && d.View.Language != "" {
		var prefs []string
		if c, err := r.Cookie(languageCookie); err == nil {
			prefs = append(prefs, c.Value)
		}
		rq.l = locale.For(append(prefs, d.View.Language, r.Header.Get("Accept-Language"))...)
	}
	d.Max = rankfile.MaxFeedbackText
	w.Header().Set("Referrer-Policy", "no-referrer")
	return s.renderStatus(w, r, status, "feedback.html", d)
}
