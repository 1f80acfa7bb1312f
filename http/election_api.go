package http

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/rankfile/rankfile"
)

// apiElections lists elections, ?status= filtering by where they stand.
func (s *Server) apiElections(w http.ResponseWriter, r *http.Request) error {
	var status rankfile.ElectionStatus
	if q := r.URL.Query().Get("status"); q != "" {
		var err error
		if status, err = rankfile.ParseElectionStatus(q); err != nil {
			return err
		}
	}
	es, err := s.app.ListElections(r.Context(), status)
	if err != nil {
		return err
	}
	out := make([]electionJSON, len(es))
	for i, e := range es {
		out[i] = electionJSON{e, e.StatusAt(s.app.Now())}
	}
	return writeJSON(w, http.StatusOK, out)
}

// electionJSON is an election as the API shows it, with its status.
type electionJSON struct {
	*rankfile.Election
	Status rankfile.ElectionStatus `json:"status"`
}

func (s *Server) apiElection(w http.ResponseWriter, r *http.Request) error {
	e, err := s.election(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, electionJSON{e, e.StatusAt(s.app.Now())})
}

// apiCastBallot casts the caller's ballot, {"rankings": {"CONTEST_ID":
// [CANDIDATE_ID, ...]}}, and answers with the receipt code.
func (s *Server) apiCastBallot(w http.ResponseWriter, r *http.Request) error {
	id, err := electionID(r)
	if err != nil {
		return err
	}
	var b rankfile.Ballot
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&b); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, `the body must be a ballot: {"rankings": {"CONTEST_ID": [CANDIDATE_ID, ...]}}`)
	}
	code, err := s.app.CastBallot(r.Context(), req(r).actor, id, &b)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]string{"receipt": code})
}
