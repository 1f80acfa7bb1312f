package http

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
)

// proposalID reads the proposal id of the path.
func proposalID(r *http.Request) (int64, error) { return pathID(r, "id", "proposal") }

// proposalItem reads the proposal id of the path and the id of one of
// its amendments or comments, named in the path by key ("aid", "cid").
func proposalItem(r *http.Request, key, what string) (int64, int64, error) {
	id, err := proposalID(r)
	if err != nil {
		return 0, 0, err
	}
	item, err := strconv.ParseInt(r.PathValue(key), 10, 64)
	if err != nil {
		return 0, 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such %s", what)
	}
	return id, item, nil
}

// statusQuery reads the ?status= of a list of proposals, def when absent.
func statusQuery(r *http.Request, def rankfile.ProposalStatus) (rankfile.ProposalStatus, error) {
	if q := r.URL.Query().Get("status"); q != "" {
		return rankfile.ParseProposalStatus(q)
	}
	return def, nil
}

// decodeBody reads a JSON request body of at most 256 KB into v, and
// says what it should have been when it is not.
func decodeBody(r *http.Request, v any, shape string) error {
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<18)).Decode(v); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the body must be %s", shape)
	}
	return nil
}

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
	if err := decodeBody(r, &body, "a proposal: kind, body_id, title, summary, text, links, coauthors"); err != nil {
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
	if err := decodeBody(r, p, "a proposal: kind, body_id, title, summary, text, links"); err != nil {
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

// apiProposalStep takes a step of a proposal's life: open (with a
// deadline), withdraw, accept (co-authorship), schedule (with a note),
// adopted or rejected (with a note).
func (s *Server) apiProposalStep(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	var body struct {
		Deadline time.Time `json:"deadline"`
		Note     string    `json:"note"`
	}
	if r.ContentLength != 0 {
		if err := decodeBody(r, &body, `{"deadline": "2027-01-31T23:59:00-08:00", "note": "..."}`); err != nil {
			return err
		}
	}
	ctx, actor := r.Context(), req(r).actor
	switch step := r.PathValue("step"); step {
	case "open":
		err = s.app.OpenSignatures(ctx, actor, id, body.Deadline)
	case "withdraw":
		err = s.app.WithdrawProposal(ctx, actor, id)
	case "accept":
		err = s.app.AcceptAuthorship(ctx, actor, id)
	case "schedule":
		err = s.app.ScheduleProposal(ctx, actor, id, body.Note)
	case "adopted", "rejected":
		err = s.app.DecideProposal(ctx, actor, id, step == "adopted", body.Note)
	default:
		err = rankfile.Errorf(rankfile.ENOTFOUND, "no such step: open, withdraw, accept, schedule, adopted or rejected")
	}
	if err != nil {
		return err
	}
	return s.apiProposal(w, r)
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

// apiDecideAmendment accepts or declines an amendment, by an author.
func (s *Server) apiDecideAmendment(w http.ResponseWriter, r *http.Request) error {
	id, aid, err := proposalItem(r, "aid", "amendment")
	if err != nil {
		return err
	}
	decision := r.PathValue("decision")
	if decision != "accept" && decision != "decline" {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such decision: accept or decline")
	}
	if err := s.app.DecideAmendment(r.Context(), req(r).actor, id, aid, decision == "accept"); err != nil {
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
