package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The JSON API of endorsement cycles, their races and candidates.

// apiEndorsementCycles lists the cycles, the latest election first.
func (s *Server) apiEndorsementCycles(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.FindEndorsementCycles(r.Context(), req(r).actor, 0)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*rankfile.EndorsementCycle{}
	}
	return writeJSON(w, http.StatusOK, list)
}

// cycleAnswer is a cycle with its races and their candidates.
type cycleAnswer struct {
	*rankfile.EndorsementCycle
	Races []raceAnswer `json:"races"`
}

// raceAnswer is a race with its candidates.
type raceAnswer struct {
	*rankfile.EndorsementRace
	Candidates []*rankfile.EndorsementCandidate `json:"candidates"`
}

// cycleAnswerOf turns a cycle's view into its answer.
func cycleAnswerOf(v *app.EndorsementCycleView) *cycleAnswer {
	out := &cycleAnswer{EndorsementCycle: v.Cycle, Races: []raceAnswer{}}
	for _, r := range v.Races {
		ra := raceAnswer{EndorsementRace: r.Race, Candidates: r.Candidates}
		if ra.Candidates == nil {
			ra.Candidates = []*rankfile.EndorsementCandidate{}
		}
		out.Races = append(out.Races, ra)
	}
	return out
}

// apiEndorsementCycle returns a cycle with its races and candidates.
func (s *Server) apiEndorsementCycle(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "endorsement cycle")
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementCycle(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, cycleAnswerOf(v))
}

// cycleRequest is what starting or changing a cycle sends: the cycle, and
// when starting it its races.
type cycleRequest struct {
	rankfile.EndorsementCycle
	Races []*rankfile.EndorsementRace `json:"races"`
}

const cycleShape = `{"body_id": 1, "deciding_body_id": 1, "name": "...", "election_date": "2027-06-01", ` +
	`"questionnaire_due": "2027-02-01T17:00:00Z", "publish_at": "2027-02-03T17:00:00Z", "decide_by": "2027-03-15", ` +
	`"threshold": "two_thirds", "races": [{"office": "...", "district": "...", "seats": 1}]}`

// apiCreateEndorsementCycle starts a cycle with its races.
func (s *Server) apiCreateEndorsementCycle(w http.ResponseWriter, r *http.Request) error {
	var c cycleRequest
	if err := decodeBody(r, &c, cycleShape); err != nil {
		return err
	}
	c.ID = 0
	if err := s.app.CreateEndorsementCycle(r.Context(), req(r).actor, &c.EndorsementCycle, c.Races); err != nil {
		return err
	}
	v, err := s.app.EndorsementCycle(r.Context(), req(r).actor, c.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, cycleAnswerOf(v))
}

// apiUpdateEndorsementCycle changes a cycle's name, dates and threshold.
func (s *Server) apiUpdateEndorsementCycle(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "endorsement cycle")
	if err != nil {
		return err
	}
	var c rankfile.EndorsementCycle
	if err := decodeBody(r, &c, cycleShape); err != nil {
		return err
	}
	c.ID = id
	if err := s.app.UpdateEndorsementCycle(r.Context(), req(r).actor, &c); err != nil {
		return err
	}
	found, err := s.app.FindEndorsementCycles(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, found[0])
}

const raceShape = `{"office": "...", "district": "...", "seats": 1, "geometry": {"type": "Polygon", "coordinates": [...]}}`

// apiAddRace adds a race to a cycle.
func (s *Server) apiAddRace(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "endorsement cycle")
	if err != nil {
		return err
	}
	race, err := decodeRace(r)
	if err != nil {
		return err
	}
	race.ID, race.CycleID = 0, id
	if err := s.app.SaveEndorsementRace(r.Context(), req(r).actor, race); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, race)
}

// apiUpdateRace changes a race.
func (s *Server) apiUpdateRace(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "race")
	if err != nil {
		return err
	}
	v, err := s.app.RunEndorsementRace(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	race, err := decodeRace(r)
	if err != nil {
		return err
	}
	race.ID, race.CycleID = id, v.Cycle.ID
	if err := s.app.SaveEndorsementRace(r.Context(), req(r).actor, race); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, race)
}

// decodeRace reads a race, its district's geometry checked as an
// uploaded file's would be.
func decodeRace(r *http.Request) (*rankfile.EndorsementRace, error) {
	var race rankfile.EndorsementRace
	if err := decodeBody(r, &race, raceShape); err != nil {
		return nil, err
	}
	if len(race.Geometry) > 0 && string(race.Geometry) != "null" {
		g, err := geoDistrict(race.Geometry)
		if err != nil {
			return nil, err
		}
		race.Geometry = g
	} else {
		race.Geometry = nil
	}
	return &race, nil
}

const candidateShape = `{"name": "...", "email": "...", "party": "...", "website": "https://..."}`

// apiAddCandidate adds a candidate to a race.
func (s *Server) apiAddCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "race")
	if err != nil {
		return err
	}
	var c rankfile.EndorsementCandidate
	if err := decodeBody(r, &c, candidateShape); err != nil {
		return err
	}
	c = rankfile.EndorsementCandidate{RaceID: id, Name: c.Name, Email: c.Email, Party: c.Party, Website: c.Website, MemberID: c.MemberID}
	if err := s.app.SaveEndorsementCandidate(r.Context(), req(r).actor, &c); err != nil {
		return err
	}
	return s.writeCandidate(w, r, http.StatusCreated, c.ID)
}

// writeCandidate answers with the candidate as the reader may see them.
func (s *Server) writeCandidate(w http.ResponseWriter, r *http.Request, status int, id int64) error {
	v, err := s.app.EndorsementCandidate(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, status, v.Candidate)
}

// apiCandidate returns a candidate.
func (s *Server) apiCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "candidate")
	if err != nil {
		return err
	}
	return s.writeCandidate(w, r, http.StatusOK, id)
}

// apiUpdateCandidate changes a candidate's details.
func (s *Server) apiUpdateCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "candidate")
	if err != nil {
		return err
	}
	var c rankfile.EndorsementCandidate
	if err := decodeBody(r, &c, candidateShape); err != nil {
		return err
	}
	c = rankfile.EndorsementCandidate{ID: id, Name: c.Name, Email: c.Email, Party: c.Party, Website: c.Website, MemberID: c.MemberID}
	if err := s.app.SaveEndorsementCandidate(r.Context(), req(r).actor, &c); err != nil {
		return err
	}
	return s.writeCandidate(w, r, http.StatusOK, id)
}

// apiWithdrawCandidate takes a candidate out of the race.
func (s *Server) apiWithdrawCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "candidate")
	if err != nil {
		return err
	}
	if err := s.app.WithdrawEndorsementCandidate(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return s.writeCandidate(w, r, http.StatusOK, id)
}

// questionnaireLinkAnswer is a questionnaire's link just made: the only
// time it is shown.
type questionnaireLinkAnswer struct {
	CandidateID int64  `json:"candidate_id"`
	Link        string `json:"link"`
	// EmailedTo is where the link was emailed, if it was.
	EmailedTo string `json:"emailed_to,omitempty"`
}

// apiQuestionnaireLink makes a new link to a candidate's questionnaire,
// ending the one before.
func (s *Server) apiQuestionnaireLink(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "candidate")
	if err != nil {
		return err
	}
	link, err := s.newQuestionnaireLink(r, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, &questionnaireLinkAnswer{CandidateID: id, Link: link.URL, EmailedTo: link.EmailedTo})
}
