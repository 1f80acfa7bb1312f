package http

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
)

// apiProposals lists the proposals the caller may see, ?status= filtering.
func (s *Server) apiProposals(w http.ResponseWriter, r *http.Request) error {
	status, err := statusQuery(r, "")
	if err != nil {
		return err
	}
	list, err := s.app.ListProposals(r.Context(), req(r).actor, status)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*rankfile.Proposal{}
	}
	return writeJSON(w, http.StatusOK, list)
}

// newProposalJSON is the body that writes a draft.
type newProposalJSON struct {
	*rankfile.Proposal
	Coauthors []string `json:"coauthors"` // email addresses
}

// apiCreateProposal stores a draft written by the caller.
func (s *Server) apiCreateProposal(w http.ResponseWriter, r *http.Request) error {
	body := newProposalJSON{Proposal: &rankfile.Proposal{}}
	if err := decodeBody(r, &body, "a proposal: kind, body_id, title, summary, text, links, forms or dissolves, coauthors"); err != nil {
		return err
	}
	if err := s.app.CreateProposal(r.Context(), req(r).actor, body.Proposal, body.Coauthors); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, body.Proposal)
}

// apiProposal returns a proposal with its signatures and history.
func (s *Server) apiProposal(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	page, err := s.app.Proposal(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page)
}

// apiSign signs a proposal for the caller; {"anonymous": true} shows
// them to members as a member of their branch.
func (s *Server) apiSign(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	var body struct {
		Anonymous bool `json:"anonymous"`
	}
	if r.ContentLength != 0 {
		if err := decodeBody(r, &body, `{"anonymous": false}`); err != nil {
			return err
		}
	}
	if err := s.app.Sign(r.Context(), req(r).actor, id, body.Anonymous); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]bool{"signed": true})
}

// apiUnsign takes the caller's signature back.
func (s *Server) apiUnsign(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	if err := s.app.Unsign(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]bool{"signed": false})
}

// apiUpdateProposal stores a new version of a draft.
func (s *Server) apiUpdateProposal(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	p := &rankfile.Proposal{}
	if err := decodeBody(r, p, "a proposal: kind, body_id, title, summary, text, links, forms or dissolves"); err != nil {
		return err
	}
	p.ID = id
	if err := s.app.UpdateProposal(r.Context(), req(r).actor, p); err != nil {
		return err
	}
	// The answer is the draft as stored, with its status, authors and
	// version, not the body sent back.
	page, err := s.app.Proposal(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page.Proposal)
}

// proposalStepJSON is what a step of a proposal's life may carry: the
// deadline of signatures to open them, a note to schedule or decide.
type proposalStepJSON struct {
	Deadline  time.Time `json:"deadline"`
	Note      string    `json:"note"`
	MeetingID int64     `json:"meeting_id"`
}

// apiProposalStep takes a step of a proposal's life, the one its route
// names, and answers with the proposal after it.
func (s *Server) apiProposalStep(w http.ResponseWriter, r *http.Request, step func(ctx context.Context, actor *rankfile.Actor, id int64, body proposalStepJSON) error) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	var body proposalStepJSON
	if r.ContentLength != 0 {
		if err := decodeBody(r, &body, `{"deadline": "2027-01-31T23:59:00-08:00", "note": "..."}`); err != nil {
			return err
		}
	}
	if err := step(r.Context(), req(r).actor, id, body); err != nil {
		return err
	}
	return s.apiProposal(w, r)
}

// apiOpenSignatures opens a draft for signatures until {"deadline"}.
func (s *Server) apiOpenSignatures(w http.ResponseWriter, r *http.Request) error {
	return s.apiProposalStep(w, r, func(ctx context.Context, actor *rankfile.Actor, id int64, body proposalStepJSON) error {
		return s.app.OpenSignatures(ctx, actor, id, body.Deadline)
	})
}

// apiWithdrawProposal withdraws a proposal, by its authors.
func (s *Server) apiWithdrawProposal(w http.ResponseWriter, r *http.Request) error {
	return s.apiProposalStep(w, r, func(ctx context.Context, actor *rankfile.Actor, id int64, _ proposalStepJSON) error {
		return s.app.WithdrawProposal(ctx, actor, id)
	})
}

// apiAcceptAuthorship is an invited co-author's yes.
func (s *Server) apiAcceptAuthorship(w http.ResponseWriter, r *http.Request) error {
	return s.apiProposalStep(w, r, func(ctx context.Context, actor *rankfile.Actor, id int64, _ proposalStepJSON) error {
		return s.app.AcceptAuthorship(ctx, actor, id)
	})
}

// apiScheduleProposal puts a proposal on the agenda of an upcoming
// meeting of the deciding body: {"meeting_id": 7}.
func (s *Server) apiScheduleProposal(w http.ResponseWriter, r *http.Request) error {
	return s.apiProposalStep(w, r, func(ctx context.Context, actor *rankfile.Actor, id int64, body proposalStepJSON) error {
		return s.app.ScheduleProposal(ctx, actor, id, body.MeetingID)
	})
}

// apiAdoptProposal records that the deciding body adopted a proposal.
func (s *Server) apiAdoptProposal(w http.ResponseWriter, r *http.Request) error {
	return s.apiDecideProposal(w, r, true)
}

// apiRejectProposal records that the deciding body rejected a proposal.
func (s *Server) apiRejectProposal(w http.ResponseWriter, r *http.Request) error {
	return s.apiDecideProposal(w, r, false)
}

// apiDecideProposal records the deciding body's decision, with {"note"}.
func (s *Server) apiDecideProposal(w http.ResponseWriter, r *http.Request, adopted bool) error {
	return s.apiProposalStep(w, r, func(ctx context.Context, actor *rankfile.Actor, id int64, body proposalStepJSON) error {
		return s.app.DecideProposal(ctx, actor, id, adopted, body.Note)
	})
}

// apiPaperSignature enters a paper signature for {"member_id": N}.
func (s *Server) apiPaperSignature(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	var body struct {
		MemberID int64 `json:"member_id"`
	}
	if err := decodeBody(r, &body, `{"member_id": 123}`); err != nil {
		return err
	}
	if err := s.app.EnterPaperSignature(r.Context(), req(r).actor, id, body.MemberID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]bool{"signed": true})
}

// apiProposeAmendment stores an amendment: {"text": {...}, "reason": "..."}.
func (s *Server) apiProposeAmendment(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	var body struct {
		Text   rankfile.ProposalText `json:"text"`
		Reason string                `json:"reason"`
	}
	if err := decodeBody(r, &body, `{"text": {"whereas": [], "resolved": []}, "reason": "..."}`); err != nil {
		return err
	}
	a, err := s.app.ProposeAmendment(r.Context(), req(r).actor, id, body.Text, body.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, a)
}

// apiAcceptAmendment accepts an amendment as friendly, by an author: its
// text becomes the next version.
func (s *Server) apiAcceptAmendment(w http.ResponseWriter, r *http.Request) error {
	return s.apiDecideAmendment(w, r, true)
}

// apiDeclineAmendment declines an amendment, by an author.
func (s *Server) apiDeclineAmendment(w http.ResponseWriter, r *http.Request) error {
	return s.apiDecideAmendment(w, r, false)
}

// apiDecideAmendment accepts or declines an amendment, by an author.
func (s *Server) apiDecideAmendment(w http.ResponseWriter, r *http.Request, accept bool) error {
	id, aid, err := proposalItem(r, "aid", "amendment")
	if err != nil {
		return err
	}
	if err := s.app.DecideAmendment(r.Context(), req(r).actor, id, aid, accept); err != nil {
		return err
	}
	return s.apiProposal(w, r)
}

// apiComment posts a comment: {"body": "..."}.
func (s *Server) apiComment(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	var body struct {
		Body string `json:"body"`
	}
	if err := decodeBody(r, &body, `{"body": "..."}`); err != nil {
		return err
	}
	c, err := s.app.Comment(r.Context(), req(r).actor, id, body.Body)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, c)
}

// apiHideComment hides a comment: {"reason": "..."}.
func (s *Server) apiHideComment(w http.ResponseWriter, r *http.Request) error {
	id, cid, err := proposalItem(r, "cid", "comment")
	if err != nil {
		return err
	}
	var body struct {
		Reason string `json:"reason"`
	}
	if err := decodeBody(r, &body, `{"reason": "..."}`); err != nil {
		return err
	}
	if err := s.app.HideComment(r.Context(), req(r).actor, id, cid, body.Reason); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]bool{"hidden": true})
}

// apiVersionDiff compares two versions: ?from=&to= (the last change when
// both are left out).
func (s *Server) apiVersionDiff(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	from, _ := strconv.Atoi(r.URL.Query().Get("from"))
	to, _ := strconv.Atoi(r.URL.Query().Get("to"))
	d, err := s.app.VersionDiff(r.Context(), req(r).actor, id, from, to)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}
