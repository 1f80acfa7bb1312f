package app_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestWhileVotingIsOpenTheBoxHoldsOnlySealedBallots casts ballots and,
// with voting still open, reads the database as whoever copies it would:
// every table dumped, and on SQLite the database and write-ahead log
// files byte for byte. No ranking and no receipt hash is there in the
// clear. On PostgreSQL the rows a ballot and its voter's mark share (the
// transaction that wrote them) tie each voter to ciphertext only. Once
// counted, the seals are opened and cleared, and the count holds every
// ballot.
func TestWhileVotingIsOpenTheBoxHoldsOnlySealedBallots(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		cast := w.castMany(30)
		var receipts []string
		for _, cb := range cast {
			receipts = append(receipts, rankfile.ReceiptHash(w.election.ID, cb.code))
		}

		dump := dumpDatabase(t, dsn)
		if n := len(dump["ballot_rankings"].rows); n != 0 {
			t.Errorf("voting is open and ballot_rankings holds %d rankings in the clear", n)
		}
		for _, row := range dump["ballots"].rows {
			receipt, sealed := row[3], row[4]
			if receipt != "" || !strings.HasPrefix(sealed, "v1:") {
				t.Errorf("a ballot in the box while voting is open: receipt %q, sealed %q; want only a seal", receipt, sealed)
			}
		}
		for table, d := range dump {
			for _, row := range d.rows {
				checkNoReceipt(t, table, strings.Join(row, " "), receipts)
			}
		}
		if store.IsPostgres(dsn) {
			checkTransactionsTieToSeals(t, dsn, w.election.ID, len(cast))
		} else {
			for _, suffix := range []string{"", "-wal"} {
				raw, err := os.ReadFile(sqlitePath(dsn) + suffix)
				if err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				checkNoReceipt(t, "the file rankfile.db"+suffix, string(raw), receipts)
			}
		}

		w.closeVoting()
		dump = dumpDatabase(t, dsn)
		for _, sealed := range dump["ballots"].column("sealed") {
			if sealed != "<nil>" {
				t.Errorf("a counted ballot keeps its seal %q", sealed)
			}
		}
		if ballots, voted := w.boxAndRoll(); ballots != len(cast) || voted != len(cast) {
			t.Errorf("after the count the box holds %d ballots and %d voted; want %d", ballots, voted, len(cast))
		}
	})
}

// checkNoReceipt fails when text holds any of the receipt hashes.
func checkNoReceipt(t *testing.T, where, text string, receipts []string) {
	t.Helper()
	for _, r := range receipts {
		if strings.Contains(text, r) {
			t.Errorf("%s holds a voter's receipt hash in the clear while voting is open", where)
			return
		}
	}
}

// sqlitePath is the file a SQLite data source names.
func sqlitePath(dsn string) string {
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	return path
}

// checkTransactionsTieToSeals joins PostgreSQL's marks on the roll to the
// ballots written by the same transaction, as anyone who can query the
// database could while voting is open, and checks that each voter is tied
// to a sealed ballot and nothing else.
func checkTransactionsTieToSeals(t *testing.T, dsn string, electionID int64, voters int) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT b.receipt_hash, COALESCE(b.sealed, '') FROM election_roll r
		JOIN ballots b ON b.xmin::text = r.xmin::text AND b.election_id = r.election_id
		WHERE r.election_id = $1 AND r.voted <> ''`, electionID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	tied := 0
	for rows.Next() {
		var receipt, sealed string
		if err := rows.Scan(&receipt, &sealed); err != nil {
			t.Fatal(err)
		}
		if receipt != "" || !strings.HasPrefix(sealed, "v1:") {
			t.Errorf("a voter is tied to a ballot in the clear: receipt %q, sealed %q", receipt, sealed)
		}
		tied++
	}
	if tied < voters {
		t.Errorf("the join tied %d pairs; the test means to show what it ties %d voters to", tied, voters)
	}
}

// TestBallotsSealedBeforeAKeyRotationAreCounted casts ballots, enters a
// paper batch, rotates the key and retires the old one, casts more, then
// confirms the batch and counts: every ballot opens with the new key
// alone, and the count holds them all.
func TestBallotsSealedBeforeAKeyRotationAreCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		before := w.castMany(10)
		batch, err := w.app.EnterPaperBatch(ctx, w.voter(2), w.election.ID,
			[]string{"voter50@example.org", "voter51@example.org"}, []string{"1 2 | 3", "2"})
		if err != nil {
			t.Fatal(err)
		}

		old := w.db.Keys.Keyring()
		text, err := secret.GenerateKeyFile(old)
		if err != nil {
			t.Fatal(err)
		}
		both, err := secret.Parse("rotated", text)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := w.db.CountUnsealed(ctx, both); err != nil || n != 11 {
			t.Fatalf("values sealed with the old key: %d, %v; want the 10 ballots and the batch", n, err)
		}
		report, err := w.db.ResealSensitive(ctx, both)
		if err != nil || report.Resealed != 11 {
			t.Fatalf("resealed %+v, %v; want 11", report, err)
		}
		w.db.Keys = both.CurrentOnly()
		if n, err := w.db.CountUnsealed(ctx, w.db.Keys.Keyring()); err != nil || n != 0 {
			t.Fatalf("after the rotation %d values need the old key (%v)", n, err)
		}

		w.cast(30, w.ballot([]int{1}, []int{0, 2}))
		if err := w.app.ConfirmPaperBatch(ctx, w.voter(11), w.election.ID, batch.ID); err != nil {
			t.Fatal(err)
		}
		w.closeVoting()
		if ballots, voted := w.boxAndRoll(); ballots != len(before)+3 || voted != len(before)+3 {
			t.Errorf("box %d, voted %d; want %d each", ballots, voted, len(before)+3)
		}
		var blt, receipts bytes.Buffer
		if err := w.app.PublicRecord(ctx, w.voter(2), w.election.ID, w.election.Contests[1].ID, &blt, &receipts); err != nil {
			t.Fatal(err)
		}
		checkReceipts(t, w.election.Contests[1], before, blt.Bytes(), strings.Fields(receipts.String()), w.election.ID)
	})
}

// TestWithoutAKeyNoElectionIsCalled: ballots are sealed with the key, so
// an election called without one is refused, and nothing is stored.
func TestWithoutAKeyNoElectionIsCalled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		w.db.Keys = nil
		e := *w.election
		e.ID, e.Title = 0, "Branch coordinators"
		e.Contests = []*rankfile.Contest{{Title: "Coordinators", Seats: 2, Method: rankfile.MethodScottish}}
		err := w.app.CreateElection(ctx, w.admin, &e)
		if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), "encryption key") {
			t.Errorf("calling an election without a key: %v; want invalid, naming the key", err)
		}
		list, err := w.app.Elections.FindElections(ctx, rankfile.ElectionFilter{})
		if err != nil || len(list) != 1 {
			t.Errorf("elections after the refusal: %d, %v; want the one", len(list), err)
		}
	})
}

// TestABackupTakenWhileVotingFindsNoPublishedBallot takes a copy of the
// database (every table, as a backup holds it) before and after one voter
// casts, as someone who may copy the database but has no key could, and
// then looks for her ballot in the published record: her ballot's id is
// known from the difference, but no id kept during voting is published;
// every sealed ballot is as long as every other, so its length does not
// tell how many candidates she ranked; and the published order does not
// follow the order of the ids the copies hold. The test itself opens the
// seals with the key, to know where each ballot went.
func TestABackupTakenWhileVotingFindsNoPublishedBallot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		w.castMany(40)
		before := dumpDatabase(t, dsn)["ballots"]
		hers := w.ballot([]int{0}, []int{2}) // the shortest ballot there is
		w.cast(50, hers)
		after := dumpDatabase(t, dsn)["ballots"]

		herID := newIDs(after.column("id"), before.column("id"))
		if len(herID) != 1 {
			t.Fatalf("the copies differ by %d ballots; want hers alone", len(herID))
		}
		lengths := map[int]int{}
		for _, sealed := range after.column("sealed") {
			lengths[len(sealed)]++
		}
		if len(lengths) != 1 {
			t.Errorf("sealed ballots of %d lengths (%v): a ballot's length tells how many candidates were ranked", len(lengths), lengths)
		}
		oldPlace := w.placesOfReceipts(after) // receipt hash → place among the ids of the copy

		w.closeVoting()
		published := dumpDatabase(t, dsn)["ballots"]
		for _, id := range published.column("id") {
			if slices.Contains(after.column("id"), id) {
				t.Fatalf("the published record keeps the id %s that a copy taken while voting held", id)
			}
		}
		if days := slices.Compact(published.column("cast_on")); len(days) != 1 {
			t.Errorf("the published ballots carry %d different days: the day a ballot was cast ties it to voters seen voting that day", len(days))
		}
		var receipts strings.Builder
		if err := w.app.PublicRecord(ctx, w.admin, w.election.ID, w.election.Contests[1].ID, nil, &receipts); err != nil {
			t.Fatal(err)
		}
		same := 0
		for i, r := range strings.Fields(receipts.String()) {
			if oldPlace[r] == i {
				same++
			}
		}
		// A random order leaves a ballot in its place about once (Poisson
		// with mean 1: eight or more about once in 100,000 runs); the order
		// of the ids while voting leaves all 41 there.
		if same >= 8 {
			t.Errorf("%d of 41 published ballots are where the order of ids in a copy taken while voting puts them", same)
		}
	})
}

// newIDs returns the ids of now that were not in then.
func newIDs(now, then []string) []string {
	var out []string
	for _, id := range now {
		if !slices.Contains(then, id) {
			out = append(out, id)
		}
	}
	return out
}

// placesOfReceipts opens, with the key, each sealed ballot of a copy of
// the box, and returns the place of each ballot's receipt hash among the
// copy's ids in order.
func (w *votingWorld) placesOfReceipts(box tableDump) map[string]int {
	ids, seals := box.column("id"), box.column("sealed")
	order := slices.Clone(ids)
	slices.Sort(order)
	out := map[string]int{}
	for i, id := range ids {
		text, err := w.db.Keys.Keyring().Open(seals[i], fmt.Sprintf("ballots.sealed:%d:%s", w.election.ID, id))
		if err != nil {
			w.t.Fatal(err)
		}
		var opened struct {
			ReceiptHash string `json:"receipt_hash"`
		}
		if err := json.Unmarshal([]byte(text), &opened); err != nil {
			w.t.Fatal(err)
		}
		out[opened.ReceiptHash] = slices.Index(order, id)
	}
	return out
}
