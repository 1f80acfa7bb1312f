package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// paperView is the committee's paper desk, with its ballot's numbering.
type paperView struct {
	*app.PaperDesk
	Contests []ballotContest
	Me       int64
}

func (s *Server) paperPage(w http.ResponseWriter, r *http.Request) error {
	id, err := electionID(r)
	if err != nil {
		return err
	}
	d, err := s.app.PaperDesk(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return s.render(w, r, "election_paper.html", paperView{PaperDesk: d, Contests: ballotContests(d.Election), Me: req(r).actor.ID()})
}

// enterPaper enters a batch: voters' addresses and ballot lines, one a line.
func (s *Server) enterPaper(w http.ResponseWriter, r *http.Request) error {
	id, err := electionID(r)
	if err != nil {
		return err
	}
	if _, err := s.app.EnterPaperBatch(r.Context(), req(r).actor, id, lines(r.FormValue("voters")),
		lines(r.FormValue("ballots"))); err != nil {
		return err
	}
	return redirect(w, r, "/elections/"+r.PathValue("id")+"/paper")
}

// confirmPaperBatch confirms a batch another member of the committee
// entered.
func (s *Server) confirmPaperBatch(w http.ResponseWriter, r *http.Request) error {
	return s.decidePaper(w, r, s.app.ConfirmPaperBatch)
}

// rejectPaperBatch sets aside a batch another member of the committee
// entered.
func (s *Server) rejectPaperBatch(w http.ResponseWriter, r *http.Request) error {
	return s.decidePaper(w, r, s.app.RejectPaperBatch)
}

// decidePaper confirms or rejects a batch.
func (s *Server) decidePaper(w http.ResponseWriter, r *http.Request, decide func(ctx context.Context, actor *rankfile.Actor, id, batch int64) error) error {
	id, err := electionID(r)
	if err != nil {
		return err
	}
	batch, err := strconv.ParseInt(r.PathValue("batch"), 10, 64)
	if err != nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such batch")
	}
	if err := decide(r.Context(), req(r).actor, id, batch); err != nil {
		return err
	}
	return redirect(w, r, "/elections/"+r.PathValue("id")+"/paper")
}
