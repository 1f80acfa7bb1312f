package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The JSON API of feedback: an attendee's answer, an event's results, and
// a series' or a body's by month.

const feedbackShape = `{"scores": [1-5 for each question of the current form], "text": "...", "sign": false}`

// apiGiveFeedback stores the caller's answer about an event.
func (s *Server) apiGiveFeedback(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	var in app.FeedbackInput
	if err := decodeBody(r, &in, feedbackShape); err != nil {
		return err
	}
	if err := s.app.GiveFeedback(r.Context(), req(r).actor, id, in); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"event_id": id,
		"form_version": rankfile.CurrentFeedbackForm().Version})
}

// feedbackResultsJSON is an event's feedback as the API gives it: results
// is null until enough answered.
type feedbackResultsJSON struct {
	EventID   int64                     `json:"event_id"`
	Asked     bool                      `json:"asked"`
	Threshold int                       `json:"threshold"`
	Results   *rankfile.FeedbackResults `json:"results"`
}

// apiFeedbackResults returns an event's feedback to those who may see it.
func (s *Server) apiFeedbackResults(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	v, err := s.app.EventFeedback(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, feedbackResultsJSON{EventID: id, Asked: v.Asked,
		Threshold: rankfile.FeedbackThreshold, Results: v.Results})
}

// apiFeedbackTrends returns the feedback by month over a series' or a
// body's events.
func (s *Server) apiFeedbackTrends(w http.ResponseWriter, r *http.Request) error {
	f, err := trendFilter(r)
	if err != nil {
		return err
	}
	months, err := s.app.FeedbackTrends(r.Context(), req(r).actor, f)
	if err != nil {
		return err
	}
	if months == nil {
		months = []*app.FeedbackMonth{}
	}
	return writeJSON(w, http.StatusOK, months)
}
