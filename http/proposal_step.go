package http

import (
	"context"
	"net/http"

	"github.com/rankfile/rankfile"
)

// The steps a proposal's page offers, each a small form with a route of
// its own: signing and taking a signature back, a co-author's yes, opening
// signatures, withdrawing, commenting, and the deciding body's scheduling
// and decision. Each comes back to the page saying what was done.

// proposalStepFunc does one step to the proposal id for the actor.
type proposalStepFunc func(ctx context.Context, actor *rankfile.Actor, id int64) error

// proposalStep takes a step on the proposal of the path and comes back to
// its page with done, which the page confirms.
func (s *Server) proposalStep(w http.ResponseWriter, r *http.Request, done string, step proposalStepFunc) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	if err := step(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return redirect(w, r, "/proposals/"+r.PathValue("id")+"?done="+done)
}

// signProposal signs the proposal for the reader; ticking "anonymous"
// shows them to members as a member of their branch.
func (s *Server) signProposal(w http.ResponseWriter, r *http.Request) error {
	return s.proposalStep(w, r, "sign", func(ctx context.Context, actor *rankfile.Actor, id int64) error {
		return s.app.Sign(ctx, actor, id, r.FormValue("anonymous") != "")
	})
}

// unsignProposal takes the reader's signature back.
func (s *Server) unsignProposal(w http.ResponseWriter, r *http.Request) error {
	return s.proposalStep(w, r, "unsign", s.app.Unsign)
}

// acceptAuthorship is an invited co-author's yes.
func (s *Server) acceptAuthorship(w http.ResponseWriter, r *http.Request) error {
	return s.proposalStep(w, r, "accept", s.app.AcceptAuthorship)
}

// openSignatures opens a draft for signatures until the form's deadline.
func (s *Server) openSignatures(w http.ResponseWriter, r *http.Request) error {
	return s.proposalStep(w, r, "open", func(ctx context.Context, actor *rankfile.Actor, id int64) error {
		deadline, err := s.formTime(r, "deadline")
		if err != nil {
			return err
		}
		return s.app.OpenSignatures(ctx, actor, id, deadline)
	})
}

// withdrawProposal withdraws the proposal, by its authors.
func (s *Server) withdrawProposal(w http.ResponseWriter, r *http.Request) error {
	return s.proposalStep(w, r, "withdraw", s.app.WithdrawProposal)
}

// commentOnProposal posts the reader's comment.
func (s *Server) commentOnProposal(w http.ResponseWriter, r *http.Request) error {
	return s.proposalStep(w, r, "comment", func(ctx context.Context, actor *rankfile.Actor, id int64) error {
		_, err := s.app.Comment(ctx, actor, id, r.FormValue("comment"))
		return err
	})
}

// scheduleProposal puts the proposal on the agenda of the upcoming
// meeting of the deciding body the form picks.
func (s *Server) scheduleProposal(w http.ResponseWriter, r *http.Request) error {
	return s.proposalStep(w, r, "schedule", func(ctx context.Context, actor *rankfile.Actor, id int64) error {
		meeting, err := formID(r, "meeting")
		if err != nil {
			return err
		}
		return s.app.ScheduleProposal(ctx, actor, id, meeting)
	})
}

// adoptProposal records that the deciding body adopted the proposal.
func (s *Server) adoptProposal(w http.ResponseWriter, r *http.Request) error {
	return s.decideProposal(w, r, "adopted", true)
}

// rejectProposal records that the deciding body rejected the proposal.
func (s *Server) rejectProposal(w http.ResponseWriter, r *http.Request) error {
	return s.decideProposal(w, r, "rejected", false)
}

// decideProposal records the deciding body's decision, with a note.
func (s *Server) decideProposal(w http.ResponseWriter, r *http.Request, done string, adopted bool) error {
	return s.proposalStep(w, r, done, func(ctx context.Context, actor *rankfile.Actor, id int64) error {
		return s.app.DecideProposal(ctx, actor, id, adopted, r.FormValue("note"))
	})
}
