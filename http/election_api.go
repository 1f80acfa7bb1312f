package http

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

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

// electionCall is the body of POST /api/v1/elections: an election to call,
// its committee by email, and its contests, a question's with its options
// in ballot order (the proposition first).
type electionCall struct {
	Title            string        `json:"title"`
	Rules            string        `json:"rules"`
	BodyID           int64         `json:"body_id"`
	Cutoff           rankfile.Date `json:"cutoff"`
	NominationsOpen  time.Time     `json:"nominations_open"`
	NominationsClose time.Time     `json:"nominations_close"`
	VotingOpen       time.Time     `json:"voting_open"`
	VotingClose      time.Time     `json:"voting_close"`
	Seconders        int           `json:"seconders"`
	RecordPublic     bool          `json:"record_public"`
	Committee        []string      `json:"committee"`
	Contests         []contestCall `json:"contests"`
}

// contestCall is one contest of an electionCall.
type contestCall struct {
	Title       string             `json:"title"`
	Seats       int                `json:"seats"`
	Method      string             `json:"method"`
	Constraints []string           `json:"constraints"`
	Threshold   rankfile.Threshold `json:"threshold"`
	Options     []string           `json:"options"`
}

const electionShape = "an election: title, body_id, cutoff, the four times, committee (emails) and contests, " +
	"each with title, seats, method and, for a question, options and threshold"

// apiCreateElection calls an election, admins only, and answers with it.
func (s *Server) apiCreateElection(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanCreateElection()); err != nil {
		return err
	}
	var in electionCall
	if err := decodeBody(r, &in, electionShape); err != nil {
		return err
	}
	e := &rankfile.Election{Title: in.Title, Rules: in.Rules, BodyID: in.BodyID, Cutoff: in.Cutoff,
		NominationsOpen: in.NominationsOpen, NominationsClose: in.NominationsClose, VotingOpen: in.VotingOpen,
		VotingClose: in.VotingClose, Seconders: in.Seconders, RecordPublic: in.RecordPublic}
	for _, c := range in.Contests {
		contest := &rankfile.Contest{Title: c.Title, Seats: c.Seats, Method: c.Method, Constraints: c.Constraints,
			Threshold: c.Threshold}
		if contest.IsQuestion() {
			contest.Candidates = rankfile.QuestionOptions(c.Options)
		}
		e.Contests = append(e.Contests, contest)
	}
	var err error
	if e.AdminIDs, err = s.app.CommitteeByEmail(r.Context(), actor, in.Committee); err != nil {
		return err
	}
	if err := s.app.CreateElection(r.Context(), actor, e); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, electionJSON{e, e.StatusAt(s.app.Now())})
}
