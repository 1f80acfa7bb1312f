package http

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

func (s *Server) electionsPage(w http.ResponseWriter, r *http.Request) error {
	es, err := s.app.ListElections(r.Context(), "")
	if err != nil {
		return err
	}
	return s.render(w, r, "elections.html", electionList{Elections: es, Now: s.app.Now()})
}

// electionList is the elections page.
type electionList struct {
	Elections []*rankfile.Election
	Now       time.Time
}

// electionView is an election's page: the election, where it stands, and
// where the viewer stands on its roll.
type electionView struct {
	E      *rankfile.Election
	Status rankfile.ElectionStatus
	Roll   rankfile.RollEntry
	Body   *rankfile.Body
	// Me is the viewer's member id (0 for nobody signed in); InElectorate
	// says whether they may take part in nominations.
	Me           int64
	InElectorate bool
	// Seconded holds the candidates the viewer has seconded.
	Seconded  map[int64]bool
	Nominated bool // the viewer has just made a nomination
	// CountProblem says to the committee why the count has not run.
	CountProblem string
	// Turnout is how many on the roll have voted, when ShowTurnout.
	Turnout     rankfile.Turnout
	ShowTurnout bool
	// Problem is what was wrong with a form of the page just sent, and
	// Typed that form's values as typed.
	Problem *fieldProblem
	Typed   url.Values
}

// Open reports whether the problem concerns one of the forms with which
// candidate cid edits their candidacy, which then shows open.
func (v electionView) Open(cid int64) bool {
	id := strconv.FormatInt(cid, 10)
	return v.Problem.Is("statement-"+id) || v.Problem.Is("tags-"+id) || v.Problem.Is("photo-"+id)
}

// Retyped reports whether the problem concerns candidate cid's statement
// form, which then holds what was typed in place of what is saved.
func (v electionView) Retyped(cid int64) bool {
	id := strconv.FormatInt(cid, 10)
	return v.Problem.Is("statement-"+id) || v.Problem.Is("tags-"+id)
}

// Nominating reports whether nominations are open.
func (v electionView) Nominating() bool { return v.Status == rankfile.ElectionNominating }

// BeforeVoting reports whether candidates may still change their
// statements or withdraw.
func (v electionView) BeforeVoting() bool {
	return v.Status == rankfile.ElectionUpcoming || v.Status == rankfile.ElectionNominating || v.Status == rankfile.ElectionPending
}

// election reads the election of the request's path.
func (s *Server) election(r *http.Request) (*rankfile.Election, error) {
	id, err := electionID(r)
	if err != nil {
		return nil, err
	}
	return s.app.Election(r.Context(), id)
}

func (s *Server) electionPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderElection(w, r, http.StatusOK, electionView{Nominated: r.URL.Query().Get("nominated") != ""})
}

// electionProblem answers a form of the election's page sent with a
// mistake: the page again, the mistake next to the form in field.
func (s *Server) electionPageProblem(w http.ResponseWriter, r *http.Request, err error, field string) error {
	if !fixable(err) || rankfile.ErrorCode(err) == rankfile.EFORBIDDEN {
		return err
	}
	p := &fieldProblem{Field: field, Message: req(r).l.Error(err)}
	return s.renderElection(w, r, statuses[rankfile.ErrorCode(err)], electionView{Problem: p, Typed: r.PostForm})
}

// renderElection renders an election's page, with what view already
// holds.
func (s *Server) renderElection(w http.ResponseWriter, r *http.Request, status int, view electionView) error {
	e, err := s.election(r)
	if err != nil {
		return err
	}
	roll, err := s.app.MyVote(r.Context(), req(r).actor, e.ID)
	if err != nil {
		return err
	}
	body, err := s.app.Bodies.FindBody(r.Context(), rankfile.BodyFilter{ID: e.BodyID})
	if err != nil {
		return err
	}
	actor := req(r).actor
	view.E, view.Status, view.Roll, view.Body, view.Me = e, e.StatusAt(s.app.Now()), roll, body, actor.ID()
	if view.Nominating() {
		if view.InElectorate, err = s.app.InElectorate(r.Context(), actor, e); err != nil {
			return err
		}
		if view.Seconded, err = s.app.MySeconds(r.Context(), actor, e); err != nil {
			return err
		}
	}
	if view.CountProblem, err = s.app.CountProblem(r.Context(), actor, e); err != nil {
		return err
	}
	if view.Turnout, view.ShowTurnout, err = s.app.Turnout(r.Context(), actor, e); err != nil {
		return err
	}
	return s.renderStatus(w, r, status, "election.html", view)
}

// ballotView is the ballot, blank or as the voter filled it in, or the
// review of it before casting.
type ballotView struct {
	E        *rankfile.Election
	Contests []ballotContest
	Chosen   map[int64]int // candidate id → the number the voter gave
	Ranked   []rankedContest
	Receipt  string
	// Problem is what was wrong with the ballot sent: Field names the
	// select where it is said, Also the other it concerns.
	Problem *fieldProblem
	Also    string
}

// Marked reports whether the select of the candidate is one a problem
// concerns.
func (v ballotView) Marked(candidateID int64) bool {
	f := "rank-" + strconv.FormatInt(candidateID, 10)
	return v.Problem.Is(f) || v.Problem != nil && v.Also == f
}

// ChoseIn reports whether the voter chose an option (or ranked anyone)
// in the contest: a question's "leave blank" is checked when not.
func (v ballotView) ChoseIn(c *rankfile.Contest) bool {
	for _, cand := range c.Candidates {
		if _, ok := v.Chosen[cand.ID]; ok {
			return true
		}
	}
	return false
}

// ballotContest is a contest as the ballot lists it: the candidates on
// the ballot, and the numbers a voter may give them.
type ballotContest struct {
	Contest    *rankfile.Contest
	Candidates []*rankfile.Candidate
	Numbers    []int
}

func ballotContests(e *rankfile.Election) []ballotContest {
	var out []ballotContest
	for _, c := range e.Contests {
		bc := ballotContest{Contest: c, Candidates: c.Ballot()}
		for i := range bc.Candidates {
			bc.Numbers = append(bc.Numbers, i+1)
		}
		out = append(out, bc)
	}
	return out
}

// rankedContest is one contest of a ballot under review.
type rankedContest struct {
	Contest *rankfile.Contest
	Ranking []*rankfile.Candidate
}

// ballotPage shows a blank ballot (GET) or the voter's ballot again to
// change it (POST from the review).
func (s *Server) ballotPage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.booth(r)
	if err != nil {
		return err
	}
	chosen := map[int64]int{}
	if r.Method == http.MethodPost {
		if chosen, err = readChoices(r, e); err != nil {
			return s.ballotProblem(w, r, e, chosen, err)
		}
	}
	return s.render(w, r, "election_ballot.html", ballotView{E: e, Contests: ballotContests(e), Chosen: chosen})
}

// ballotProblem shows a ballot sent with a mistake again, as the voter
// filled it in, with the mistake next to the choices it concerns.
func (s *Server) ballotProblem(w http.ResponseWriter, r *http.Request, e *rankfile.Election, chosen map[int64]int, err error) error {
	if rankfile.ErrorCode(err) != rankfile.EINVALID || e == nil {
		return err
	}
	v := ballotView{E: e, Contests: ballotContests(e), Chosen: chosen, Problem: problemOf(req(r), err, nil)}
	var dup *duplicateChoice
	if errors.As(err, &dup) {
		v.Problem.Field, v.Also = "rank-"+strconv.FormatInt(dup.second, 10), "rank-"+strconv.FormatInt(dup.first, 10)
	}
	return s.renderStatus(w, r, http.StatusBadRequest, "election_ballot.html", v)
}

// duplicateChoice is the error of one number given to two candidates.
type duplicateChoice struct {
	first, second int64
	err           error
}

func (d *duplicateChoice) Error() string { return d.err.Error() }
func (d *duplicateChoice) Unwrap() error { return d.err }

// reviewBallot shows the voter what they are about to cast.
func (s *Server) reviewBallot(w http.ResponseWriter, r *http.Request) error {
	e, chosen, err := s.filledBallot(r)
	if err != nil {
		return s.ballotProblem(w, r, e, chosen, err)
	}
	b := ballotOf(e, chosen)
	if err := e.CheckBallot(b); err != nil {
		return s.ballotProblem(w, r, e, chosen, err)
	}
	view := ballotView{E: e, Chosen: chosen}
	for _, c := range e.Contests {
		rc := rankedContest{Contest: c}
		for _, id := range b.Rankings[c.ID] {
			rc.Ranking = append(rc.Ranking, c.Candidate(id))
		}
		view.Ranked = append(view.Ranked, rc)
	}
	return s.render(w, r, "election_ballot_review.html", view)
}

// castBallot casts the ballot and shows the receipt code, once.
func (s *Server) castBallot(w http.ResponseWriter, r *http.Request) error {
	e, chosen, err := s.filledBallot(r)
	if err != nil {
		return err
	}
	code, err := s.app.CastBallot(r.Context(), req(r).actor, e.ID, ballotOf(e, chosen))
	if err != nil {
		return err
	}
	return s.render(w, r, "election_ballot_receipt.html", ballotView{E: e, Receipt: code})
}

// filledBallot reads the election and the voter's choices on its ballot.
func (s *Server) filledBallot(r *http.Request) (*rankfile.Election, map[int64]int, error) {
	e, err := s.booth(r)
	if err != nil {
		return nil, nil, err
	}
	chosen, err := readChoices(r, e)
	return e, chosen, err
}

func (s *Server) booth(r *http.Request) (*rankfile.Election, error) {
	id, err := electionID(r)
	if err != nil {
		return nil, err
	}
	return s.app.VotingBooth(r.Context(), req(r).actor, id)
}

// readChoices reads the numbers a voter gave candidates: a field
// "rank-ID" for each candidate, blank for one left unranked.
func readChoices(r *http.Request, e *rankfile.Election) (map[int64]int, error) {
	if err := r.ParseForm(); err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the ballot could not be read")
	}
	chosen := map[int64]int{}
	if err := readQuestionChoices(r, e, chosen); err != nil {
		return chosen, err
	}
	for key, vals := range r.PostForm {
		idText, ok := strings.CutPrefix(key, "rank-")
		if !ok || len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
			continue
		}
		id, err := strconv.ParseInt(idText, 10, 64)
		n, nerr := strconv.Atoi(strings.TrimSpace(vals[0]))
		if err != nil || nerr != nil || n < 1 {
			return chosen, rankfile.Errorf(rankfile.EINVALID, "a choice on the ballot is not a number from 1 up")
		}
		chosen[id] = n
	}
	return chosen, checkChoices(e, chosen)
}

// checkChoices refuses a number given to two candidates of one contest,
// and a candidate who is not standing.
func checkChoices(e *rankfile.Election, chosen map[int64]int) error {
	for id := range chosen {
		if c, _ := e.Candidate(id); c == nil {
			return rankfile.Errorf(rankfile.EINVALID, "the ballot ranks candidate %d, who is not standing", id)
		}
	}
	for _, c := range e.Contests {
		given := map[int]*rankfile.Candidate{}
		for _, cand := range c.Candidates {
			n, ok := chosen[cand.ID]
			if !ok {
				continue
			}
			if other, dup := given[n]; dup {
				return &duplicateChoice{first: other.ID, second: cand.ID,
					err: rankfile.Errorf(rankfile.EINVALID, "%s: you gave number %d to both %s and %s", c.Title, n, other.Name, cand.Name)}
			}
			given[n] = cand
		}
	}
	return nil
}

// ballotOf turns the numbers into rankings: in each contest, the
// candidates in the order of their numbers (gaps do not matter).
func ballotOf(e *rankfile.Election, chosen map[int64]int) *rankfile.Ballot {
	b := &rankfile.Ballot{Rankings: map[int64][]int64{}}
	for _, c := range e.Contests {
		var ids []int64
		for _, cand := range c.Candidates {
			if _, ok := chosen[cand.ID]; ok {
				ids = append(ids, cand.ID)
			}
		}
		slices.SortFunc(ids, func(a, b int64) int { return chosen[a] - chosen[b] })
		if len(ids) > 0 {
			b.Rankings[c.ID] = ids
		}
	}
	return b
}

// resultsView is the results page.
type resultsView struct {
	E       *rankfile.Election
	Counts  []countView
	Turnout rankfile.Turnout
}

type countView struct {
	app.ContestCount
	HTML template.HTML
}

func (s *Server) resultsPage(w http.ResponseWriter, r *http.Request) error {
	id, err := electionID(r)
	if err != nil {
		return err
	}
	e, counts, err := s.app.Counts(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	view := resultsView{E: e}
	if view.Turnout, _, err = s.app.Turnout(r.Context(), req(r).actor, e); err != nil {
		return err
	}
	for _, c := range counts {
		if c.Question != nil {
			view.Counts = append(view.Counts, countView{ContestCount: c}) // the page writes it
			continue
		}
		var buf bytes.Buffer
		if err := c.Report.WriteHTMLIn(&buf, req(r).l.T); err != nil {
			return err
		}
		// The count's own template escapes every name it writes.
		view.Counts = append(view.Counts, countView{ContestCount: c, HTML: template.HTML(buf.String())})
	}
	return s.render(w, r, "election_results.html", view)
}

// resultJSON serves the published result as stored.
func (s *Server) resultJSON(w http.ResponseWriter, r *http.Request) error {
	id, err := electionID(r)
	if err != nil {
		return err
	}
	b, err := s.app.Result(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	_, err = w.Write(b)
	return err
}

// recordContest reads which contest a public record file is asked for:
// ?contest=ID, which may be left out when the election has one contest.
func (s *Server) recordContest(r *http.Request) (int64, int64, error) {
	id, err := electionID(r)
	if err != nil {
		return 0, 0, err
	}
	if c := r.URL.Query().Get("contest"); c != "" {
		cid, err := strconv.ParseInt(c, 10, 64)
		if err != nil {
			return 0, 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such contest")
		}
		return id, cid, nil
	}
	e, err := s.app.Election(r.Context(), id)
	if err != nil {
		return 0, 0, err
	}
	if len(e.Contests) != 1 {
		return 0, 0, rankfile.Errorf(rankfile.EINVALID, "%s has %d contests: say which with ?contest=ID (see result.json)", e.Title, len(e.Contests))
	}
	return id, e.Contests[0].ID, nil
}

// recordWriter writes one file of a contest's public record.
type recordWriter func(ctx context.Context, actor *rankfile.Actor, electionID, contestID int64, w io.Writer) error

// recordFile serves one file of a contest's public record, named after
// the contest (name holds a %d for its id).
func (s *Server) recordFile(contentType, name string, write recordWriter) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, cid, err := s.recordContest(r)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := write(r.Context(), req(r).actor, id, cid, &buf); err != nil {
			return err
		}
		return sendFile(w, contentType, fmt.Sprintf(name, cid), buf.Bytes())
	}
}

// ballotsBLT writes a contest's counted ballots as a BLT file.
func (s *Server) ballotsBLT(ctx context.Context, actor *rankfile.Actor, electionID, contestID int64, w io.Writer) error {
	return s.app.PublicRecord(ctx, actor, electionID, contestID, w, nil)
}

// receiptsTXT writes the receipt hash of each ballot of ballotsBLT, a
// line each in the same order.
func (s *Server) receiptsTXT(ctx context.Context, actor *rankfile.Actor, electionID, contestID int64, w io.Writer) error {
	return s.app.PublicRecord(ctx, actor, electionID, contestID, nil, w)
}

// receiptView is what a receipt code found.
type receiptView struct {
	E      *rankfile.Election
	Ballot *app.ReceiptBallot
	// Code and Problem are the code typed and why it found no ballot.
	Code    string
	Problem *fieldProblem
}

// checkReceipt shows the counted ballot a receipt code leads to. The code
// comes in a POST body, which no log records.
func (s *Server) checkReceipt(w http.ResponseWriter, r *http.Request) error {
	e, err := s.election(r)
	if err != nil {
		return err
	}
	code := r.FormValue("code")
	b, err := s.app.FindReceipt(r.Context(), req(r).actor, e.ID, code)
	switch rankfile.ErrorCode(err) {
	case "":
		return s.render(w, r, "election_receipt.html", receiptView{E: e, Ballot: b})
	case rankfile.ENOTFOUND, rankfile.EINVALID:
		// A code mistyped: the form again, with the code to correct.
		v := receiptView{E: e, Code: code, Problem: &fieldProblem{Field: "code", Message: req(r).l.Error(err)}}
		return s.renderStatus(w, r, statuses[rankfile.ErrorCode(err)], "election_receipt.html", v)
	}
	return err
}
