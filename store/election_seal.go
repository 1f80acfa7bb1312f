package store

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
)

// While voting is open, a ballot is kept sealed. Casting marks the voter on
// the roll and puts the ballot in the box in one transaction, and however
// the two tables are laid out, the database's own bookkeeping can tie rows
// written together: SQLite's and PostgreSQL's write-ahead logs hold the
// pages of each commit side by side, PostgreSQL marks every row with the
// transaction that wrote it, and a dump or backup made meanwhile keeps
// whatever order the rows were in. So the box's row of a ballot cast holds
// its rankings and receipt hash only sealed with the key kept outside the
// database (the one that seals members' sensitive fields): whoever has the
// database, a copy of it or its logs, but not the key, can tie a voter to
// ciphertext and nothing more.
//
// The count opens every seal in the transaction that publishes the result,
// writing the rankings and receipt hashes in the clear, all at once (see
// PublishResult); a ballot opened then is tied to nothing. Backups made
// while voting was open need the key to be read; rotating the key after
// the count, and deleting the retired key file, makes their ballots
// unreadable for good.

// errNoBallotKey is the answer when a ballot must be sealed or opened and
// no key was given.
var errNoBallotKey = rankfile.Errorf(rankfile.EINVALID,
	"ballots are stored encrypted while voting is open and no encryption key is set: "+
		"give --key-file or set RANKFILE_KEY (rankfile key generate makes a key file)")

// sealedBallot is what a ballot's seal holds.
type sealedBallot struct {
	ReceiptHash string            `json:"receipt_hash,omitempty"`
	Rankings    map[int64][]int64 `json:"rankings"`
}

// ballotContext names the box row a sealed ballot belongs to, so that a
// seal moved to another row does not open there.
func ballotContext(electionID int64, ballotID string) string {
	return "ballots.sealed:" + itoa(electionID) + ":" + ballotID
}

// paperContext names the election a pending batch's sealed ballots belong to.
func paperContext(electionID int64) string {
	return "paper_batches.ballots:" + itoa(electionID)
}

// ballotKeys returns the keyring that seals ballots.
func (db *DB) ballotKeys() (*secret.Keyring, error) {
	if db.Keys == nil {
		return nil, errNoBallotKey
	}
	return db.Keys.Keyring(), nil
}

// sealBallot seals a ballot's rankings, leaving out contests it abstains
// in, and its receipt hash, for its row of the box, padded to padTo bytes
// (see ballotPad).
func (db *DB) sealBallot(electionID int64, ballotID string, b *rankfile.Ballot, receiptHash string, padTo int) (string, error) {
	ring, err := db.ballotKeys()
	if err != nil {
		return "", err
	}
	s := sealedBallot{ReceiptHash: receiptHash, Rankings: map[int64][]int64{}}
	for contestID, ranking := range b.Rankings {
		if len(ranking) > 0 {
			s.Rankings[contestID] = ranking
		}
	}
	return ring.Seal(padded(mustJSON(s), padTo), ballotContext(electionID, ballotID))
}

// padded fills text out with spaces, which JSON ignores, to n bytes.
func padded(text string, n int) string {
	return text + strings.Repeat(" ", max(0, n-len(text)))
}

// openBallot opens a ballot sealed by sealBallot.
func (db *DB) openBallot(electionID int64, ballotID, sealed string) (*sealedBallot, error) {
	ring, err := db.ballotKeys()
	if err != nil {
		return nil, err
	}
	text, err := ring.Open(sealed, ballotContext(electionID, ballotID))
	if err != nil {
		return nil, err
	}
	s := &sealedBallot{}
	return s, json.Unmarshal([]byte(text), s)
}

// sealPaper seals the ballots of a pending paper batch, padded to padTo
// bytes (see paperPad).
func (db *DB) sealPaper(electionID int64, ballots []*rankfile.Ballot, padTo int) (string, error) {
	ring, err := db.ballotKeys()
	if err != nil {
		return "", err
	}
	return ring.Seal(padded(mustJSON(ballots), padTo), paperContext(electionID))
}

// openPaper opens the ballots of a pending paper batch. Batches entered
// before ballots were sealed hold them as plain JSON.
func (db *DB) openPaper(electionID int64, sealed string) ([]*rankfile.Ballot, error) {
	text := sealed
	if !strings.HasPrefix(sealed, "[") {
		ring, err := db.ballotKeys()
		if err != nil {
			return nil, err
		}
		if text, err = ring.Open(sealed, paperContext(electionID)); err != nil {
			return nil, err
		}
	}
	var ballots []*rankfile.Ballot
	return ballots, json.Unmarshal([]byte(text), &ballots)
}

// openBox opens the box for the count, inside tx: it reads every ballot
// of the election, opening its seal, deletes them all, and writes them
// again in a random order, each under a new random id, with its rankings
// and receipt hash in the clear and, as the day it was cast, the day
// voting closed. Whatever a copy of the database or its log kept while
// voting was open, the ids, the order of rows, the day a ballot came, or
// the row beside a voter's mark, then names no published ballot.
func (tx *Tx) openBox(ctx context.Context, electionID int64, closedOn rankfile.Date) error {
	box, err := readBox(ctx, tx, tx.db, electionID)
	if err != nil {
		return err
	}
	shuffle(box)
	for _, q := range []string{`DELETE FROM ballot_rankings WHERE election_id = $1`, `DELETE FROM ballots WHERE election_id = $1`} {
		if _, err := tx.ExecContext(ctx, q, electionID); err != nil {
			return err
		}
	}
	ballots := newBatchInsert(tx, "ballots", []string{"election_id", "id", "cast_on", "receipt_hash"})
	defer ballots.close()
	rankings := newBatchInsert(tx, "ballot_rankings", []string{"election_id", "ballot_id", "contest_id", "ranking"})
	defer rankings.close()
	for _, b := range box {
		b.ID = randomHex(16)
		if err := ballots.add(ctx, electionID, b.ID, closedOn, b.ReceiptHash); err != nil {
			return err
		}
	}
	if err := ballots.flush(ctx); err != nil {
		return err
	}
	for _, b := range box {
		for _, contestID := range slices.Sorted(maps.Keys(b.Rankings)) {
			if err := rankings.add(ctx, electionID, b.ID, contestID, encodeRanking(b.Rankings[contestID])); err != nil {
				return err
			}
		}
	}
	return rankings.flush(ctx)
}

// sealedRef is a sealed value and where it is stored: a box row
// (election, ballot id) or a pending paper batch (batch id).
type sealedRef struct {
	electionID int64
	ballotID   string
	batchID    int64
	sealed     string
}

// context names the place a sealed value was sealed for.
func (r sealedRef) context() string {
	if r.ballotID != "" {
		return ballotContext(r.electionID, r.ballotID)
	}
	return paperContext(r.electionID)
}

// readBallotSeals returns the sealed ballots after (electionID, ballotID),
// a batch of them in the order of their keys, then every pending paper
// batch's sealed ballots once the box is done (after the box's last key).
func readBallotSeals(ctx context.Context, q querier, after sealedRef) ([]sealedRef, error) {
	if after.batchID != 0 {
		return nil, nil // the paper batches were read last time
	}
	refs, err := scanSealedRefs(ctx, q, `SELECT election_id, id, 0, sealed FROM ballots WHERE sealed IS NOT NULL
		AND (election_id > $1 OR (election_id = $1 AND id > $2)) ORDER BY election_id, id LIMIT $3`,
		after.electionID, after.ballotID, resealBatch)
	if err != nil || len(refs) > 0 {
		return refs, err
	}
	return scanSealedRefs(ctx, q, `SELECT election_id, '', id, ballots FROM paper_batches
		WHERE status = 'pending' AND ballots IS NOT NULL AND ballots NOT LIKE '[%' ORDER BY id`)
}

func scanSealedRefs(ctx context.Context, q querier, query string, args ...any) ([]sealedRef, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sealedRef
	for rows.Next() {
		var r sealedRef
		if err := rows.Scan(&r.electionID, &r.ballotID, &r.batchID, &r.sealed); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// resealBallots seals again with ring's current key every ballot, in the
// box or in a pending paper batch, that an older key sealed, a batch at a
// time. A seal changed meanwhile (opened by a count) is left as it is.
func (db *DB) resealBallots(ctx context.Context, ring *secret.Keyring, report *ResealReport) error {
	for after := (sealedRef{}); ; {
		var refs []sealedRef
		err := db.inTx(ctx, func(tx *Tx) error {
			var err error
			if refs, err = readBallotSeals(ctx, tx, after); err != nil {
				return err
			}
			for _, r := range refs {
				if err := resealBallot(ctx, tx, ring, r, report); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil || len(refs) == 0 {
			return err
		}
		after = refs[len(refs)-1]
	}
}

// resealBallot reseals one sealed ballot, or one batch's, if it needs it.
func resealBallot(ctx context.Context, tx *Tx, ring *secret.Keyring, r sealedRef, report *ResealReport) error {
	if !ring.NeedsRotation(r.sealed) {
		report.Current++
		return nil
	}
	resealed, err := ring.Reseal(r.sealed, r.context())
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "a sealed ballot of election %d: %s", r.electionID, rankfile.ErrorMessage(err))
	}
	query, args := `UPDATE ballots SET sealed = $1 WHERE election_id = $2 AND id = $3 AND sealed = $4`,
		[]any{resealed, r.electionID, r.ballotID, r.sealed}
	if r.batchID != 0 {
		query, args = `UPDATE paper_batches SET ballots = $1 WHERE id = $2 AND ballots = $3`,
			[]any{resealed, r.batchID, r.sealed}
	}
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		return err
	}
	report.Resealed++
	return nil
}

// countBallotSeals counts the sealed ballots that ring's current key did
// not seal.
func (db *DB) countBallotSeals(ctx context.Context, ring *secret.Keyring) (int, error) {
	n := 0
	for after := (sealedRef{}); ; {
		refs, err := readBallotSeals(ctx, db.read, after)
		if err != nil || len(refs) == 0 {
			return n, err
		}
		for _, r := range refs {
			if ring.NeedsRotation(r.sealed) {
				n++
			}
		}
		after = refs[len(refs)-1]
	}
}
