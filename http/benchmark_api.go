package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// benchmarksJSON is a scope's benchmarks in the API: the days' counts
// with their shares, and the moves by month.
type benchmarksJSON struct {
	Scope  string           `json:"scope"` // "chapter", or a branch's or group's slug
	From   rankfile.Date    `json:"from"`
	To     rankfile.Date    `json:"to"`
	Stages []string         `json:"stages"`
	Days   []benchmarkJSON  `json:"days"`
	Months []app.MonthMoves `json:"months"`
}

// benchmarkJSON is a day's figures, with the shares the dashboard draws.
type benchmarkJSON struct {
	*rankfile.Benchmark
	ReachedShare  float64 `json:"reached_share"`
	OrientedShare float64 `json:"oriented_share"`
	MeetingShare  float64 `json:"meeting_share"`
	OneOnOneShare float64 `json:"one_on_one_share"`
}

func (s *Server) apiBenchmarks(w http.ResponseWriter, r *http.Request) error {
	if err := req(r).actor.Require(req(r).actor.SignedIn()); err != nil {
		return err // before reading the dates: a stranger learns nothing of them
	}
	q := r.URL.Query()
	from, err := rankfile.ParseDate(q.Get("from"))
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "from: %v", err)
	}
	to, err := rankfile.ParseDate(q.Get("to"))
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "to: %v", err)
	}
	report, err := s.app.BenchmarkRange(r.Context(), req(r).actor, q.Get("scope"), from, to)
	if err != nil {
		return err
	}
	out := benchmarksJSON{Scope: "chapter", From: report.From, To: report.To, Stages: report.Stages,
		Days: []benchmarkJSON{}, Months: report.Months}
	if report.Scope != nil {
		out.Scope = report.Scope.Slug
	}
	if out.Months == nil {
		out.Months = []app.MonthMoves{}
	}
	for _, d := range report.Days {
		out.Days = append(out.Days, benchmarkJSON{Benchmark: d, ReachedShare: rankfile.Share(d.NewReached, d.NewMembers),
			OrientedShare: rankfile.Share(d.NewOriented, d.NewMembers), MeetingShare: rankfile.Share(d.AtMeeting, d.Members),
			OneOnOneShare: rankfile.Share(d.OneOnOneYear, d.Members)})
	}
	return writeJSON(w, http.StatusOK, out)
}
