package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/count"
	"github.com/rankfile/rankfile/store/storetest"
)

// castBallot is what the test remembers of a ballot it cast: never stored
// by rankfile in this form.
type castBallot struct {
	voter   int
	code    string
	ballot  *rankfile.Ballot
	castNth int
}

// castMany has voters 2..n+1 cast random ballots, in a shuffled order,
// some abstaining in the first contest.
func (w *votingWorld) castMany(n int) []*castBallot {
	rng := rand.New(rand.NewPCG(7, uint64(n)))
	voters := rng.Perm(n)
	var out []*castBallot
	for i, v := range voters {
		var places [][]int
		for j, c := range w.election.Contests {
			if j == 0 && i%7 == 3 {
				places = append(places, nil) // abstains in the co-chair contest
				continue
			}
			var standing []int // the places of the candidates on the ballot
			for p, cand := range c.Candidates {
				if cand.OnBallot() {
					standing = append(standing, p)
				}
			}
			var ranked []int
			for _, k := range rng.Perm(len(standing))[:1+rng.IntN(len(standing))] {
				ranked = append(ranked, standing[k])
			}
			places = append(places, ranked)
		}
		b := w.ballot(places...)
		out = append(out, &castBallot{voter: v + 2, code: w.cast(v+2, b), ballot: b, castNth: i})
	}
	return out
}

// TestTheCountIsRecountedFromThePublicRecord casts ballots, closes voting
// and checks the published result: electorate and turnout, each contest's
// count equal to a count of its public BLT file made as `rankfile tally`
// makes it, and every voter's ballot found in that file by the hash of
// their receipt.
func TestTheCountIsRecountedFromThePublicRecord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		cast := w.castMany(45)
		w.closeVoting()
		raw, err := w.app.Result(ctx, rankfile.Anonymous, w.election.ID)
		if rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("a result not made public, read by nobody signed in: %v; want unauthorized", err)
		}
		raw, err = w.app.Result(ctx, w.voter(2), w.election.ID)
		if err != nil {
			t.Fatal(err)
		}
		var res app.ElectionResult
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
		if res.Electorate != votingVoters || res.Voted != 45 || res.Ballots != 45 || res.Turnout != 0.75 {
			t.Errorf("electorate %d, voted %d, ballots %d, turnout %v; want %d, 45, 45, 0.75",
				res.Electorate, res.Voted, res.Ballots, res.Turnout, votingVoters)
		}
		for i, c := range w.election.Contests {
			blt, receipts := w.publicRecord(c.ID)
			recounted := recount(t, blt, res.Contests[i], c)
			if !sameJSON(t, recounted, res.Contests[i].Count) {
				t.Errorf("%s: the recount of the public record differs from the result:\n%s\nwant\n%s",
					c.Title, recounted, res.Contests[i].Count)
			}
			checkReceipts(t, c, cast, blt, receipts, w.election.ID)
		}
		if len(res.Contests) != 2 || !strings.Contains(string(res.Contests[1].Count), `"elected"`) {
			t.Errorf("the result does not hold both counts: %s", raw)
		}
	})
}

// sameJSON reports whether two JSON texts are the same but for spacing.
func sameJSON(t *testing.T, a, b []byte) bool {
	var ca, cb bytes.Buffer
	if err := json.Compact(&ca, a); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&cb, b); err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

// publicRecord reads a contest's BLT file and receipt hashes.
func (w *votingWorld) publicRecord(contestID int64) (blt []byte, receipts []string) {
	var b, r bytes.Buffer
	if err := w.app.PublicRecord(ctx, w.voter(2), w.election.ID, contestID, &b, &r); err != nil {
		w.t.Fatal(err)
	}
	return b.Bytes(), strings.Fields(r.String())
}

// recount counts a BLT file with the options the result publishes, as
// `rankfile tally` with the published command line does, and returns the
// count's JSON.
func recount(t *testing.T, blt []byte, cr *app.ContestResult, c *rankfile.Contest) []byte {
	t.Helper()
	e, err := count.ReadBLT(bytes.NewReader(blt))
	if err != nil {
		t.Fatal(err)
	}
	seed := strings.Fields(cr.Recount[strings.Index(cr.Recount, "--seed"):])[1]
	opt := count.Options{Method: count.Method(cr.Method), Seed: seed, Tags: count.Tags{}}
	for _, s := range cr.Constraints {
		con, err := count.ParseConstraint(s)
		if err != nil {
			t.Fatal(err)
		}
		opt.Constraints = append(opt.Constraints, con)
	}
	for _, cand := range c.Ballot() {
		opt.Tags[cand.Name] = cand.Tags
	}
	rep, err := count.Count(e, opt)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := rep.WriteJSON(&out); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSpace(out.Bytes())
}

// checkReceipts finds each voter's ballot in the contest's BLT file by
// the hash of their receipt code, typed back in lower case without
// dashes, and checks it ranks what they cast.
func checkReceipts(t *testing.T, c *rankfile.Contest, cast []*castBallot, blt []byte, receipts []string, electionID int64) {
	t.Helper()
	lines := bltBallotLines(t, blt)
	if len(lines) != len(receipts) {
		t.Fatalf("%s: %d ballots but %d receipt hashes", c.Title, len(lines), len(receipts))
	}
	at := map[string]int{}
	for i, h := range receipts {
		at[h] = i
	}
	for _, cb := range cast {
		typed := strings.ToLower(strings.ReplaceAll(cb.code, "-", ""))
		i, found := at[rankfile.ReceiptHash(electionID, typed)]
		want := cb.ballot.Rankings[c.ID]
		if !found {
			if len(want) > 0 {
				t.Errorf("%s: voter %d's receipt is not in the record", c.Title, cb.voter)
			}
			continue
		}
		var got []int64
		for _, n := range lines[i] {
			got = append(got, c.Ballot()[n-1].ID)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: voter %d's receipt leads to ranking %v, want %v", c.Title, cb.voter, got, want)
		}
	}
}

// bltBallotLines returns the rankings of a BLT file's ballot lines, as
// candidate numbers, in file order: "1 3 1 0" is one ballot ranking 3, 1.
func bltBallotLines(t *testing.T, blt []byte) [][]int {
	t.Helper()
	var out [][]int
	for i, line := range strings.Split(string(blt), "\n") {
		f := strings.Fields(line)
		if i == 0 || len(f) == 0 || strings.HasPrefix(f[0], "-") {
			continue
		}
		if f[0] == "0" {
			break
		}
		var ranking []int
		for _, s := range f[1 : len(f)-1] {
			n, err := strconv.Atoi(s)
			if err != nil {
				t.Fatalf("ballot line %q: %v", line, err)
			}
			ranking = append(ranking, n)
		}
		out = append(out, ranking)
	}
	return out
}

// TestACountThatCannotRun holds an election whose reserved seats no result
// can meet: its committee is told while voting is open; after the close
// its pages still work, it stays uncounted, and the committee is told why.
func TestACountThatCannotRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := &rankfile.Election{Title: "Impossible", BodyID: w.chapter.ID, Seed: "1",
			Cutoff: rankfile.MustParseDate("2026-11-01"), AdminIDs: []int64{w.member(2).ID},
			NominationsOpen: w.now.Add(-72 * time.Hour), NominationsClose: w.now.Add(-48 * time.Hour),
			VotingOpen: w.now.Add(-time.Hour), VotingClose: w.now.Add(time.Hour),
			Contests: []*rankfile.Contest{{Title: "Seats", Seats: 2, Method: rankfile.MethodMeek,
				Constraints: []string{"woman>=2"}, Candidates: w.candidates(30, 31, 32)}}}
		e.Contests[0].Candidates[0].Tags = []string{"woman"}
		if err := w.app.CreateElection(ctx, w.admin, e); err != nil {
			t.Fatal(err)
		}
		if _, err := w.app.CastBallot(ctx, w.voter(40), e.ID, &rankfile.Ballot{Rankings: map[int64][]int64{
			e.Contests[0].ID: {e.Contests[0].Candidates[0].ID}}}); err != nil {
			t.Fatal(err)
		}
		if problem, err := w.app.CountProblem(ctx, w.voter(2), e); err != nil || !strings.Contains(problem, "woman>=2") {
			t.Errorf("while voting, the committee is told %q, %v; want the constraint that cannot be met", problem, err)
		}
		w.now = e.VotingClose.Add(time.Minute)
		got, err := w.app.Election(ctx, e.ID)
		if err != nil || !got.CountedAt.IsZero() {
			t.Fatalf("the election after its close: %v, counted at %v; want it shown, uncounted", err, got.CountedAt)
		}
		if _, err := w.app.ListElections(ctx, ""); err != nil {
			t.Errorf("listing elections: %v", err)
		}
		if problem, err := w.app.CountProblem(ctx, w.voter(2), got); err != nil || problem == "" {
			t.Errorf("the committee is told %q, %v; want why the count cannot run", problem, err)
		}
		if problem, _ := w.app.CountProblem(ctx, w.voter(20), got); problem != "" {
			t.Errorf("a member off the committee is told %q", problem)
		}
	})
}

// TestTheTagsFileIsSafeInASpreadsheet counts an election in which a
// candidate's name begins with "=", and checks that the published tags
// file escapes it as the roster export does, and that `rankfile tally
// --tags` reads the name back as the ballots file writes it.
func TestTheTagsFileIsSafeInASpreadsheet(t *testing.T) {
	w := newVotingWorld(t, storetest.SQLiteDSN(t))
	cands := w.candidates(3, 4)
	cands[0].Name, cands[0].Tags = "=HYPERLINK(\"http://evil.example\")", []string{"woman"}
	e := &rankfile.Election{Title: "Delegate", BodyID: w.chapter.ID, Cutoff: rankfile.MustParseDate("2026-11-01"),
		NominationsOpen: w.now.Add(-72 * time.Hour), NominationsClose: w.now.Add(-48 * time.Hour),
		VotingOpen: w.now.Add(-time.Hour), VotingClose: w.now.Add(time.Hour), AdminIDs: []int64{w.member(2).ID}, Seed: "1",
		RecordPublic: true, Contests: []*rankfile.Contest{{Title: "Delegate", Seats: 1, Method: rankfile.MethodIRV, Candidates: cands}}}
	if err := w.app.CreateElection(ctx, w.admin, e); err != nil {
		t.Fatal(err)
	}
	contest := e.Contests[0]
	if _, err := w.app.CastBallot(ctx, w.voter(20), e.ID, &rankfile.Ballot{Rankings: map[int64][]int64{contest.ID: {cands[0].ID}}}); err != nil {
		t.Fatal(err)
	}
	w.now = e.VotingClose.Add(time.Minute)
	if _, err := w.app.Election(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	var file strings.Builder
	if err := w.app.ContestTags(ctx, w.admin, e.ID, contest.ID, &file); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(file.String(), "\"'=HYPERLINK(") {
		t.Errorf("tags file %q; want the formula escaped", file.String())
	}
	tags, err := count.ReadTags(strings.NewReader(file.String()))
	if err != nil || !slices.Equal(tags[cands[0].Name], []string{"woman"}) {
		t.Errorf("the tags read back: %v, %v; want %q tagged woman", tags, err, cands[0].Name)
	}
}
