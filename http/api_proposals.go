package http

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
)

// proposalID reads the proposal id of the path.
func proposalID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such proposal")
	}
	return id, nil
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
	var status rankfile.ProposalStatus
	if q := r.URL.Query().Get("status"); q != "" {
		var err error
		if status, err = rankfile.ParseProposalStatus(q); err != nil {
			return err
		}
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
