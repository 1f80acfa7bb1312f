package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// setupContests is how many contests the set-up form offers; rows left
// blank are skipped.
const setupContests = 6

// electionForm is the page on which an admin calls an election, or its
// committee changes its set-up (E set).
type electionForm struct {
	E        *rankfile.Election
	Bodies   []*rankfile.Body
	Methods  []string
	Contests []contestRow
}

// contestRow is one contest of the form, blank or an existing one.
type contestRow struct {
	N       int
	Contest *rankfile.Contest
}

func (s *Server) newElectionPage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanCreateElection()); err != nil {
		return err
	}
	return s.renderElectionForm(w, r, nil)
}

// editElectionPage is the form with an election's set-up, for its
// committee.
func (s *Server) editElectionPage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.election(r)
	if err != nil {
		return err
	}
	actor := req(r).actor
	if err := actor.Require(actor.CanSetUpElection(e)); err != nil {
		return err
	}
	return s.renderElectionForm(w, r, e)
}

func (s *Server) renderElectionForm(w http.ResponseWriter, r *http.Request, e *rankfile.Election) error {
	bodies, err := s.app.Bodies.FindBodies(r.Context(), rankfile.BodyFilter{})
	if err != nil {
		return err
	}
	f := electionForm{E: e, Bodies: bodies, Methods: rankfile.Methods}
	for i := range setupContests {
		row := contestRow{N: i}
		if e != nil && i < len(e.Contests) {
			row.Contest = e.Contests[i]
		}
		f.Contests = append(f.Contests, row)
	}
	return s.render(w, r, "election_new.html", f)
}

// updateElection saves the set-up the form describes.
func (s *Server) updateElection(w http.ResponseWriter, r *http.Request) error {
	old, err := s.election(r)
	if err != nil {
		return err
	}
	actor := req(r).actor
	if err := actor.Require(actor.CanSetUpElection(old)); err != nil {
		return err // before the form is read: who may not change it learns nothing of it
	}
	e, err := s.readElectionForm(r)
	if err != nil {
		return err
	}
	e.ID = old.ID
	if err := s.app.UpdateElection(r.Context(), req(r).actor, e); err != nil {
		return err
	}
	return redirect(w, r, "/elections/"+r.PathValue("id"))
}

// createElection calls the election the form describes.
func (s *Server) createElection(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanCreateElection()); err != nil {
		return err
	}
	e, err := s.readElectionForm(r)
	if err != nil {
		return err
	}
	if e.AdminIDs, err = s.app.CommitteeByEmail(r.Context(), actor, splitTags(r.FormValue("committee"))); err != nil {
		return err
	}
	if err := s.app.CreateElection(r.Context(), actor, e); err != nil {
		return err
	}
	return redirect(w, r, "/elections/"+strconv.FormatInt(e.ID, 10))
}

// readElectionForm reads the election's settings and its contests. Times
// are the chapter's.
func (s *Server) readElectionForm(r *http.Request) (*rankfile.Election, error) {
	e := &rankfile.Election{Title: strings.TrimSpace(r.FormValue("title")), Rules: r.FormValue("rules"),
		RecordPublic: r.FormValue("record_public") != ""}
	var err error
	if e.BodyID, err = formID(r, "body"); err != nil {
		return nil, err
	}
	if e.Cutoff, err = rankfile.ParseDate(r.FormValue("cutoff")); err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the cut-off date: %v", err)
	}
	for field, into := range map[string]*time.Time{"nominations_open": &e.NominationsOpen,
		"nominations_close": &e.NominationsClose, "voting_open": &e.VotingOpen, "voting_close": &e.VotingClose} {
		if *into, err = s.formTime(r, field); err != nil {
			return nil, err
		} else if into.IsZero() {
			return nil, rankfile.Errorf(rankfile.EINVALID, "%s: give a date and time", strings.ReplaceAll(field, "_", " "))
		}
	}
	if v := r.FormValue("seconders"); v != "" {
		if e.Seconders, err = strconv.Atoi(v); err != nil {
			return nil, rankfile.Errorf(rankfile.EINVALID, "seconders: give a whole number")
		}
	}
	for i := range setupContests {
		c, err := readContest(r, strconv.Itoa(i))
		if err != nil {
			return nil, err
		} else if c != nil {
			e.Contests = append(e.Contests, c)
		}
	}
	return e, nil
}

// readContest reads one contest row of the form, nil when left blank.
func readContest(r *http.Request, n string) (*rankfile.Contest, error) {
	title := strings.TrimSpace(r.FormValue("contest_title_" + n))
	if title == "" {
		return nil, nil
	}
	seats, err := strconv.Atoi(r.FormValue("contest_seats_" + n))
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "contest %q: give the number of seats", title)
	}
	c := &rankfile.Contest{Title: title, Seats: seats, Method: r.FormValue("contest_method_" + n)}
	if v := r.FormValue("contest_id_" + n); v != "" {
		if c.ID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return nil, rankfile.Errorf(rankfile.EINVALID, "contest %q: no such contest", title)
		}
	}
	for _, con := range strings.Split(r.FormValue("contest_constraints_"+n), ",") {
		if con = strings.TrimSpace(con); con != "" {
			c.Constraints = append(c.Constraints, con)
		}
	}
	return c, nil
}

// extendElection moves the deadlines the form gives later; a blank one
// stays as it is.
func (s *Server) extendElection(w http.ResponseWriter, r *http.Request) error {
	id, err := electionID(r)
	if err != nil {
		return err
	}
	var t rankfile.Timeline
	for field, into := range map[string]*time.Time{"nominations_close": &t.NominationsClose,
		"voting_open": &t.VotingOpen, "voting_close": &t.VotingClose} {
		if *into, err = s.formTime(r, field); err != nil {
			return err
		}
	}
	if err := s.app.ExtendElection(r.Context(), req(r).actor, id, t); err != nil {
		return err
	}
	return redirect(w, r, "/elections/"+r.PathValue("id"))
}
