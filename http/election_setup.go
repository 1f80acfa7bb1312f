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
// committee changes its set-up (E set). V holds the values the form shows:
// the election's, or what was typed when the form comes back with Problem.
type electionForm struct {
	E         *rankfile.Election
	V         *rankfile.Election
	Committee string
	Bodies    []*rankfile.Body
	Methods   []string
	Contests  []contestRow
	Problem   *fieldProblem
}

// electionFields names the field of the set-up form each of the
// election's rules concerns.
var electionFields = map[string]string{
	"an election needs a title":                                                       "title",
	"an election needs an electorate: the body whose members vote":                    "body",
	"an election needs a cut-off date for its roll":                                   "cutoff",
	"nominations must open before they close":                                         "nominations_close",
	"voting must open once nominations have closed":                                   "voting_open",
	"voting must open before it closes":                                               "voting_close",
	"the roll's cut-off, %s, must come no later than the day voting opens":            "cutoff",
	"seconders cannot be negative":                                                    "seconders",
	"an election needs at least one contest":                                          "contest_title_0",
	"the committee: nobody on the roster has the address %s":                          "committee",
	"the timeline must stay in order: nominations close, voting opens, voting closes": "voting_open",
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
	return s.renderElectionForm(w, r, http.StatusOK, electionForm{})
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
	return s.renderElectionForm(w, r, http.StatusOK, electionForm{E: e})
}

// renderElectionForm shows the set-up form with f's values: the
// election's own (f.E) unless f.V holds what was typed.
func (s *Server) renderElectionForm(w http.ResponseWriter, r *http.Request, status int, f electionForm) error {
	var keep []int64
	if f.E != nil {
		keep = keptBodies(f.E.ID, f.E.BodyID)
	}
	bodies, err := s.app.ActiveBodyList(r.Context(), keep...)
	if err != nil {
		return err
	}
	f.Bodies, f.Methods = bodies, rankfile.Methods
	if f.V == nil {
		f.V = f.E
	}
	for i := range setupContests {
		row := contestRow{N: i}
		if f.V != nil && i < len(f.V.Contests) {
			row.Contest = f.V.Contests[i]
		}
		f.Contests = append(f.Contests, row)
	}
	return s.renderStatus(w, r, status, "election_new.html", f)
}

// electionProblem answers a set-up form sent with a mistake: the form
// again, as typed, with the mistake marked; other errors go on up.
func (s *Server) electionProblem(w http.ResponseWriter, r *http.Request, f electionForm, err error) error {
	if !fixable(err) || rankfile.ErrorCode(err) == rankfile.EFORBIDDEN {
		return err
	}
	f.Problem = problemOf(req(r), err, electionFields)
	return s.renderElectionForm(w, r, statuses[rankfile.ErrorCode(err)], f)
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
	if err == nil {
		e.ID = old.ID
		err = s.app.UpdateElection(r.Context(), req(r).actor, e)
	}
	if err != nil {
		return s.electionProblem(w, r, electionForm{E: old, V: e}, err)
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
	if err == nil {
		e.AdminIDs, err = s.app.CommitteeByEmail(r.Context(), actor, splitTags(r.FormValue("committee")))
	}
	if err == nil {
		err = s.app.CreateElection(r.Context(), actor, e)
	}
	if err != nil {
		return s.electionProblem(w, r, electionForm{V: e, Committee: r.FormValue("committee")}, err)
	}
	return redirect(w, r, "/elections/"+strconv.FormatInt(e.ID, 10))
}

// readElectionForm reads the election's settings and its contests. Times
// are the chapter's. It reads every field even past a mistake, so that
// the form can come back as typed, and returns the first mistake, in its
// field.
func (s *Server) readElectionForm(r *http.Request) (*rankfile.Election, error) {
	e := &rankfile.Election{Title: strings.TrimSpace(r.FormValue("title")), Rules: r.FormValue("rules"),
		RecordPublic: r.FormValue("record_public") != ""}
	var first error
	keep := func(field string, err error) {
		if first == nil {
			first = inField(field, err)
		}
	}
	var err error
	e.BodyID, err = formID(r, "body")
	keep("body", err)
	if e.Cutoff, err = rankfile.ParseDate(r.FormValue("cutoff")); err != nil {
		keep("cutoff", rankfile.Errorf(rankfile.EINVALID, "the cut-off date: %v", err))
	}
	for _, field := range []string{"nominations_open", "nominations_close", "voting_open", "voting_close"} {
		into := map[string]*time.Time{"nominations_open": &e.NominationsOpen, "nominations_close": &e.NominationsClose,
			"voting_open": &e.VotingOpen, "voting_close": &e.VotingClose}[field]
		if *into, err = s.formTime(r, field); err == nil && into.IsZero() {
			err = rankfile.Errorf(rankfile.EINVALID, "%s: give a date and time", strings.ReplaceAll(field, "_", " "))
		}
		keep(field, err)
	}
	if v := r.FormValue("seconders"); v != "" {
		if e.Seconders, err = strconv.Atoi(v); err != nil {
			keep("seconders", rankfile.Errorf(rankfile.EINVALID, "seconders: give a whole number"))
		}
	}
	for i := range setupContests {
		c, err := readContest(r, strconv.Itoa(i))
		keep("contest_seats_"+strconv.Itoa(i), err)
		if c != nil {
			e.Contests = append(e.Contests, c)
		}
	}
	return e, first
}

// readContest reads one contest row of the form, nil when left blank.
func readContest(r *http.Request, n string) (*rankfile.Contest, error) {
	title := strings.TrimSpace(r.FormValue("contest_title_" + n))
	if title == "" {
		return nil, nil
	}
	seats, err := strconv.Atoi(r.FormValue("contest_seats_" + n))
	c := &rankfile.Contest{Title: title, Seats: seats, Method: r.FormValue("contest_method_" + n)}
	if err != nil {
		return c, rankfile.Errorf(rankfile.EINVALID, "contest %q: give the number of seats", title)
	}
	if v := r.FormValue("contest_id_" + n); v != "" {
		if c.ID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return c, rankfile.Errorf(rankfile.EINVALID, "contest %q: no such contest", title)
		}
	}
	for _, con := range strings.Split(r.FormValue("contest_constraints_"+n), ",") {
		if con = strings.TrimSpace(con); con != "" {
			c.Constraints = append(c.Constraints, con)
		}
	}
	return c, readQuestion(r, n, c)
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
