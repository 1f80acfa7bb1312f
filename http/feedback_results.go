package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// What hosts see of feedback: an event's results, with the choice of
// whether it asks for feedback, and a series' or a body's by month. The
// app decides what is shown (nothing, not even a number, below the
// threshold); the templates only show it.

// feedbackResultsData is what an event's results page shows.
type feedbackResultsData struct {
	View      *app.EventFeedbackView
	Threshold int
	Saved     bool
	// Days is how long after an event its attendees may answer.
	Days int
}

func (s *Server) feedbackResultsPage(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	v, err := s.app.EventFeedback(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	d := &feedbackResultsData{View: v, Threshold: rankfile.FeedbackThreshold, Saved: r.URL.Query().Get("done") == "saved",
		Days: int(rankfile.FeedbackWindow.Hours() / 24)}
	return s.render(w, r, "feedback_results.html", d)
}

// feedbackAskedForm records whether an event asks for feedback.
func (s *Server) feedbackAskedForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	if err := s.app.SetFeedbackAsked(r.Context(), req(r).actor, id, r.FormValue("asked") != ""); err != nil {
		return err
	}
	return redirect(w, r, "/events/"+strconv.FormatInt(id, 10)+"/feedback/results?done=saved")
}

// feedbackTrendsData is what the trends page shows.
type feedbackTrendsData struct {
	Months    []*app.FeedbackMonth
	Questions []string
	Threshold int
}

func (s *Server) feedbackTrendsPage(w http.ResponseWriter, r *http.Request) error {
	f, err := trendFilter(r)
	if err != nil {
		return err
	}
	months, err := s.app.FeedbackTrends(r.Context(), req(r).actor, f)
	if err != nil {
		return err
	}
	return s.render(w, r, "feedback_trends.html", &feedbackTrendsData{Months: months,
		Questions: rankfile.CurrentFeedbackForm().Questions, Threshold: rankfile.FeedbackThreshold})
}

// trendFilter reads a trend's query: series or body, an id.
func trendFilter(r *http.Request) (app.FeedbackTrendFilter, error) {
	q := r.URL.Query()
	f := app.FeedbackTrendFilter{}
	for key, id := range map[string]*int64{"series": &f.SeriesID, "body": &f.BodyID} {
		if v := q.Get(key); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				return f, rankfile.Errorf(rankfile.EINVALID, "give the series or the body by its id")
			}
			*id = n
		}
	}
	if (f.SeriesID == 0) == (f.BodyID == 0) {
		return f, rankfile.Errorf(rankfile.EINVALID, "choose a series or a body")
	}
	return f, nil
}
