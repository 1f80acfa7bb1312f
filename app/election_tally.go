package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/count"
)

// ElectionResult is an election's published result: the count of each
// contest as the counting engine reports it, with the size of the
// electorate and the turnout. It is what /elections/{id}/result.json
// serves, byte for byte as stored when the count ran.
type ElectionResult struct {
	ElectionID int64  `json:"election_id"`
	Title      string `json:"title"`
	// Electorate is the number of members on the roll; Voted how many of
	// them voted; Ballots how many ballots the box holds. Voted and Ballots
	// are equal, or the count refuses to run.
	Electorate int              `json:"electorate"`
	Voted      int              `json:"voted"`
	Ballots    int              `json:"ballots"`
	Turnout    float64          `json:"turnout"`
	Seed       string           `json:"seed"`
	Contests   []*ContestResult `json:"contests"`
}

// ContestResult is the count of one contest.
type ContestResult struct {
	ContestID   int64    `json:"contest_id"`
	Title       string   `json:"title"`
	Method      string   `json:"method"`
	Seats       int      `json:"seats"`
	Constraints []string `json:"constraints,omitempty"`
	// Ballots is the number of ballots that rank someone in the contest.
	Ballots int `json:"ballots"`
	// Recount is the command that counts the contest's public BLT file
	// again and prints this same count (for a question, its first round
	// gives each option's votes).
	Recount string `json:"recount"`
	// Count is the counting engine's report of a contest; Question the
	// count of a question, which has no Count.
	Count    json.RawMessage         `json:"count,omitempty"`
	Question *rankfile.QuestionCount `json:"question,omitempty"`
}

// countElection counts every contest of a closed election from its box and
// publishes the result.
func (a *App) countElection(ctx context.Context, e *rankfile.Election) error {
	res, err := a.tallyElection(ctx, e)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false) // constraints read "woman>=2", not "woman\u003e=2"
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		return err
	}
	err = a.Elections.PublishResult(as(ctx, &rankfile.Actor{Label: "count at close"}), e.ID, out.Bytes())
	if rankfile.ErrorCode(err) == rankfile.ECONFLICT {
		return nil // counted meanwhile by another request
	}
	return err
}

// countWaits reports whether a closed election's count waits for paper
// batches still to be confirmed or rejected.
func (a *App) countWaits(ctx context.Context, e *rankfile.Election) (bool, error) {
	pending, err := a.Papers.PendingPaper(ctx, e.ID)
	return pending > 0, err
}

// tallyElection counts every contest of an election from its box. Ballots
// in the box must equal voters marked on the roll; a count that finds
// otherwise refuses to run.
func (a *App) tallyElection(ctx context.Context, e *rankfile.Election) (*ElectionResult, error) {
	box, err := a.Elections.BallotBox(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	voted, err := a.Elections.Voted(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	if voted != len(box) {
		return nil, rankfile.Errorf(rankfile.EINTERNAL, "the box of %s holds %d ballots but the roll has %d voters", e.Title, len(box), voted)
	}
	res := &ElectionResult{ElectionID: e.ID, Title: e.Title, Electorate: e.RollSize, Voted: voted,
		Ballots: len(box), Seed: e.Seed}
	if e.RollSize > 0 {
		res.Turnout = float64(voted) / float64(e.RollSize)
	}
	for _, c := range e.Contests {
		cr, err := countContest(e, c, box)
		if err != nil {
			return nil, err
		}
		res.Contests = append(res.Contests, cr)
	}
	return res, nil
}

// CountProblem says, to the election's committee, what the count would
// refuse (reserved seats that no result can meet, say): before the close,
// of the candidates on the ballot as it stands, so that it can be put
// right in time; after, why the election has not been counted. "" when
// there is nothing to say, or the count waits for paper batches.
func (a *App) CountProblem(ctx context.Context, actor *rankfile.Actor, e *rankfile.Election) (string, error) {
	if !actor.CanRunElection(e) {
		return "", nil
	}
	var err error
	switch e.StatusAt(a.Now()) {
	case rankfile.ElectionCounted:
		return "", nil
	case rankfile.ElectionClosed:
		if waits, werr := a.countWaits(ctx, e); werr != nil || waits {
			return "", werr
		}
		_, err = a.tallyElection(ctx, e)
	default:
		for _, c := range e.Contests {
			if c.IsQuestion() {
				continue // a question can always be counted
			}
			if _, _, err = countReport(e, c, nil); err != nil {
				break
			}
		}
	}
	var domain *rankfile.Error
	if err != nil && !errors.As(err, &domain) {
		return "", err
	} else if err != nil {
		return domain.Message, nil
	}
	return "", nil
}

// countContest counts one contest for the published result.
func countContest(e *rankfile.Election, c *rankfile.Contest, box []*rankfile.StoredBallot) (*ContestResult, error) {
	if c.IsQuestion() {
		return countQuestion(c, box)
	}
	rep, ce, err := countReport(e, c, box)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		return nil, err
	}
	return &ContestResult{ContestID: c.ID, Title: c.Title, Method: c.Method, Seats: c.Seats,
		Constraints: c.Constraints, Ballots: len(ce.Ballots), Recount: recountCommand(e, c),
		Count: json.RawMessage(bytes.TrimSpace(buf.Bytes()))}, nil
}

// countReport counts one contest with the counting engine.
func countReport(e *rankfile.Election, c *rankfile.Contest, box []*rankfile.StoredBallot) (*count.Report, *count.Election, error) {
	ce, _, err := contestBallots(c, box)
	if err != nil {
		return nil, nil, err
	}
	opt, err := countOptions(e, c)
	if err != nil {
		return nil, nil, err
	}
	rep, err := count.Count(ce, opt)
	if err != nil {
		return nil, nil, rankfile.Errorf(rankfile.EINVALID, "%s: %v", c.Title, err)
	}
	return rep, ce, nil
}

// contestBallots makes the counting engine's election of a contest: its
// candidates on the ballot, and every ballot that ranks one of them, in
// the box's order. It also returns the receipt hash of each ballot taken.
func contestBallots(c *rankfile.Contest, box []*rankfile.StoredBallot) (*count.Election, []string, error) {
	cands := c.Ballot()
	ce := &count.Election{Title: c.Title, Seats: c.Seats}
	index := map[int64]int{}
	for i, cand := range cands {
		ce.Candidates = append(ce.Candidates, cand.Name)
		index[cand.ID] = i
	}
	var receipts []string
	for _, b := range box {
		ranking := b.Rankings[c.ID]
		if len(ranking) == 0 {
			continue
		}
		cb := count.Ballot{Weight: 1, Ranking: make([]int, len(ranking))}
		for i, id := range ranking {
			idx, ok := index[id]
			if !ok {
				return nil, nil, rankfile.Errorf(rankfile.EINTERNAL, "%s: a ballot ranks candidate %d, who is not on the ballot", c.Title, id)
			}
			cb.Ranking[i] = idx
		}
		ce.Ballots = append(ce.Ballots, cb)
		receipts = append(receipts, b.ReceiptHash)
	}
	return ce, receipts, nil
}

// countOptions are the method, seed and reserved seats of a contest.
func countOptions(e *rankfile.Election, c *rankfile.Contest) (count.Options, error) {
	opt := count.Options{Method: count.Method(c.Method), Seed: e.Seed, Tags: count.Tags{}}
	for _, s := range c.Constraints {
		con, err := count.ParseConstraint(s)
		if err != nil {
			return opt, rankfile.Errorf(rankfile.EINVALID, "%s: %v", c.Title, err)
		}
		opt.Constraints = append(opt.Constraints, con)
	}
	for _, cand := range c.Ballot() {
		opt.Tags[cand.Name] = cand.Tags
	}
	return opt, nil
}

// recountCommand is the `rankfile tally` command that counts the
// contest's public record again.
func recountCommand(e *rankfile.Election, c *rankfile.Contest) string {
	cmd := fmt.Sprintf("rankfile tally ballots-%d.blt --method %s --seed %s", c.ID, c.Method, e.Seed)
	if len(c.Constraints) > 0 {
		cmd += fmt.Sprintf(" --tags tags-%d.csv", c.ID)
		for _, s := range c.Constraints {
			cmd += " --require '" + s + "'"
		}
	}
	return cmd
}

// Result returns an election's published result, as stored.
func (a *App) Result(ctx context.Context, actor *rankfile.Actor, electionID int64) ([]byte, error) {
	e, err := a.countedElection(ctx, actor, electionID)
	if err != nil {
		return nil, err
	}
	return a.Elections.Result(ctx, e.ID)
}

// countedElection returns an election whose record the actor may see,
// once it has been counted.
func (a *App) countedElection(ctx context.Context, actor *rankfile.Actor, electionID int64) (*rankfile.Election, error) {
	e, err := a.Election(ctx, electionID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanSeeElectionRecord(e)); err != nil {
		return nil, err
	}
	if e.CountedAt.IsZero() {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "%s has not been counted yet", e.Title)
	}
	return e, nil
}

// countedContest returns a contest of a counted election whose record the
// actor may see.
func (a *App) countedContest(ctx context.Context, actor *rankfile.Actor, electionID, contestID int64) (*rankfile.Election, *rankfile.Contest, error) {
	e, err := a.countedElection(ctx, actor, electionID)
	if err != nil {
		return nil, nil, err
	}
	c := e.Contest(contestID)
	if c == nil {
		return nil, nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such contest in %s", e.Title)
	}
	return e, c, nil
}

// PublicRecord writes a contest's counted ballots as a BLT file, and the
// receipt hash of each, one a line in the same order ("paper" for a paper
// ballot), so that every voter can find their own ballot in the count.
func (a *App) PublicRecord(ctx context.Context, actor *rankfile.Actor, electionID, contestID int64, blt, receipts io.Writer) error {
	e, c, err := a.countedContest(ctx, actor, electionID, contestID)
	if err != nil {
		return err
	}
	box, err := a.Elections.BallotBox(ctx, e.ID)
	if err != nil {
		return err
	}
	ce, hashes, err := contestBallots(c, box)
	if err != nil {
		return err
	}
	if blt != nil {
		if err := count.WriteBLT(blt, ce); err != nil {
			return err
		}
	}
	if receipts != nil {
		for i, h := range hashes {
			if h == "" {
				hashes[i] = "paper"
			}
		}
		_, err = io.WriteString(receipts, strings.Join(hashes, "\n")+"\n")
	}
	return err
}

// ContestCount is a contest with its count, for the results page: the
// counting engine's Report, or for a question its Question count.
type ContestCount struct {
	Contest  *rankfile.Contest
	Report   *count.Report
	Question *rankfile.QuestionCount
}

// Counts counts each contest of a counted election again from its box,
// for the results page: the count is exact and reproducible, so it is the
// count that was published.
func (a *App) Counts(ctx context.Context, actor *rankfile.Actor, electionID int64) (*rankfile.Election, []ContestCount, error) {
	e, err := a.countedElection(ctx, actor, electionID)
	if err != nil {
		return nil, nil, err
	}
	box, err := a.Elections.BallotBox(ctx, e.ID)
	if err != nil {
		return nil, nil, err
	}
	var out []ContestCount
	for _, c := range e.Contests {
		if c.IsQuestion() {
			q, err := c.CountQuestion(box)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, ContestCount{Contest: c, Question: q})
			continue
		}
		rep, _, err := countReport(e, c, box)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, ContestCount{Contest: c, Report: rep})
	}
	return e, out, nil
}

// ContestTags writes the tags file of a contest's candidates, as
// `rankfile tally --tags` reads it, for recounting reserved seats.
func (a *App) ContestTags(ctx context.Context, actor *rankfile.Actor, electionID, contestID int64, w io.Writer) error {
	_, c, err := a.countedContest(ctx, actor, electionID, contestID)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	for _, cand := range c.Ballot() {
		cw.Write(rankfile.SpreadsheetSafe(append([]string{cand.Name}, cand.Tags...)...))
	}
	cw.Flush()
	return cw.Error()
}

// ReceiptBallot is a counted ballot found by its receipt code: its
// ranking in each contest, by name.
type ReceiptBallot struct {
	Contests []ReceiptContest
}

// ReceiptContest is one contest of a ballot found by its receipt.
type ReceiptContest struct {
	Contest *rankfile.Contest
	Ranking []string
}

// FindReceipt finds the counted ballot whose receipt code is code, as
// anyone may in the public record by the code's fingerprint. ENOTFOUND
// when no ballot has it.
func (a *App) FindReceipt(ctx context.Context, actor *rankfile.Actor, electionID int64, code string) (*ReceiptBallot, error) {
	e, err := a.countedElection(ctx, actor, electionID)
	if err != nil {
		return nil, err
	}
	box, err := a.Elections.BallotBox(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	hash := rankfile.ReceiptHash(e.ID, code)
	for _, b := range box {
		if b.ReceiptHash != hash {
			continue
		}
		out := &ReceiptBallot{}
		for _, c := range e.Contests {
			rc := ReceiptContest{Contest: c}
			for _, id := range b.Rankings[c.ID] {
				if cand := c.Candidate(id); cand != nil {
					rc.Ranking = append(rc.Ranking, cand.Name)
				}
			}
			out.Contests = append(out.Contests, rc)
		}
		return out, nil
	}
	return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no counted ballot has that receipt code")
}
