package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	rfapp "github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkDemoElections checks the demo's elections: the closed one counted,
// with a public record that `rankfile tally`, run with the command line
// the result publishes, counts to the same result; the open one with
// member@example.org on its roll; the one taking nominations with her
// among its three candidates, each with a statement.
func checkDemoElections(t *testing.T, dsn string) {
	ctx := context.Background()
	web := appServices(storetest.Open(t, dsn))
	es, err := web.ListElections(ctx, "")
	if err != nil || len(es) != 3 {
		t.Fatalf("the demo's elections: %d, %v; want 3", len(es), err)
	}
	byStatus := map[rankfile.ElectionStatus]*rankfile.Election{}
	for _, e := range es {
		byStatus[e.StatusAt(web.Now())] = e
	}
	open, closed, nominating := byStatus[rankfile.ElectionVoting], byStatus[rankfile.ElectionCounted], byStatus[rankfile.ElectionNominating]
	if open == nil || closed == nil || nominating == nil {
		t.Fatalf("the demo's elections by status: %v; want one voting, one counted, one taking nominations", byStatus)
	}
	member, err := web.Members.FindMember(ctx, rankfile.MemberFilter{Email: "member@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	if roll, err := web.MyVote(ctx, &rankfile.Actor{Member: member}, open.ID); err != nil || !roll.OnRoll || roll.Voted {
		t.Errorf("member@example.org on the open election's roll: %+v, %v", roll, err)
	}
	nominating, err = web.Election(ctx, nominating.ID)
	if err != nil {
		t.Fatal(err)
	}
	cands := nominating.Contests[0].Candidates
	if len(cands) != 3 || cands[0].MemberID != member.ID || cands[0].Statement == "" || cands[1].Seconds != 1 {
		t.Errorf("the candidates taking nominations: %+v", cands)
	}
	raw, err := web.Result(ctx, rankfile.Anonymous, closed.ID)
	if err != nil {
		t.Fatalf("the closed election's public result: %v", err)
	}
	var res rfapp.ElectionResult
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	if res.Ballots < 100 || res.Ballots != res.Voted {
		t.Errorf("the closed election holds %d ballots for %d voters", res.Ballots, res.Voted)
	}
	for _, c := range res.Contests {
		if got := tallyPublicRecord(t, web, closed.ID, c); !sameJSON(got, c.Count) {
			t.Errorf("%s: rankfile tally on the public record says\n%s\nthe result says\n%s", c.Title, got, c.Count)
		}
	}
}

// tallyPublicRecord writes a contest's public record to files and runs
// the recount command the result publishes, with --json.
func tallyPublicRecord(t *testing.T, web *rfapp.App, electionID int64, c *rfapp.ContestResult) []byte {
	dir := t.TempDir()
	var blt, tags bytes.Buffer
	if err := web.PublicRecord(context.Background(), rankfile.Anonymous, electionID, c.ContestID, &blt, nil); err != nil {
		t.Fatal(err)
	}
	if err := web.ContestTags(context.Background(), rankfile.Anonymous, electionID, c.ContestID, &tags); err != nil {
		t.Fatal(err)
	}
	args := strings.Fields(strings.ReplaceAll(c.Recount, "'", ""))[1:] // the command line, as a shell splits it
	for i, arg := range args {
		if strings.HasSuffix(arg, ".blt") || strings.HasSuffix(arg, ".csv") {
			content := blt.Bytes()
			if strings.HasSuffix(arg, ".csv") {
				content = tags.Bytes()
			}
			args[i] = filepath.Join(dir, arg)
			if err := os.WriteFile(args[i], content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	r := runTally(t, "", append(args[1:], "--json")...)
	if r.code != 0 {
		t.Fatalf("%s: exit %d, %s", c.Recount, r.code, r.stderr)
	}
	return []byte(r.stdout)
}

func sameJSON(a, b []byte) bool {
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return false
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}
