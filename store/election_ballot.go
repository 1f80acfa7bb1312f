package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// The secrecy of the ballot rests on the roll and the box sharing nothing
// but the election. The roll says only that a member voted; the box keeps
// each ballot under a random id with only the day it was cast, and, once
// counted, its rankings under the same id. Casting writes both in one transaction, so
// that they always agree, and writes no audit entry: the roll is the
// record that a member voted, and an entry's time would tie them to it.
//
// Neither may keep the order of casting either. In SQLite both tables are
// WITHOUT ROWID, stored in the order of their keys: member ids for the
// roll, random ids for the box. PostgreSQL appends new rows, and rows it
// rewrites, at the end of a table, and marks each row with the transaction
// that wrote it; the roll is kept half empty so that marking a member
// rewrites the row beside itself, and when the election is counted every
// row of the box and the roll is written again in one transaction and the
// tables rewritten in key order (see PublishResult). Until then what the
// database's bookkeeping can tie a voter to is a sealed ballot (see
// election_seal.go).

// FreezeRoll puts the members on the election's roll, once.
func (s *ElectionService) FreezeRoll(ctx context.Context, electionID int64, memberIDs []int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		var frozen sql.NullTime
		if err := tx.QueryRowContext(ctx, `SELECT roll_frozen_at FROM elections WHERE id = $1`, electionID).
			Scan(&frozen); err == sql.ErrNoRows {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such election")
		} else if err != nil {
			return err
		}
		if frozen.Valid {
			return rankfile.Errorf(rankfile.ECONFLICT, "the roll was frozen already")
		}
		rows := newBatchInsert(tx, "election_roll", []string{"election_id", "member_id"})
		defer rows.close()
		for _, id := range memberIDs {
			if err := rows.add(ctx, electionID, id); err != nil {
				return err
			}
		}
		if err := rows.flush(ctx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE elections SET roll_frozen_at = $1, roll_size = $2 WHERE id = $3`,
			tx.stamp, len(memberIDs), electionID)
		return err
	})
}

// Roll says whether a member is on the roll and has voted.
func (s *ElectionService) Roll(ctx context.Context, electionID, memberID int64) (rankfile.RollEntry, error) {
	var voted string
	err := s.db.read.QueryRowContext(ctx, `SELECT voted FROM election_roll WHERE election_id = $1 AND member_id = $2`,
		electionID, memberID).Scan(&voted)
	if err == sql.ErrNoRows {
		return rankfile.RollEntry{}, nil
	}
	return rankfile.RollEntry{OnRoll: true, Voted: voted != ""}, s.db.translate(err)
}

// Voted returns how many members on the roll have voted.
func (s *ElectionService) Voted(ctx context.Context, electionID int64) (int, error) {
	var n int
	err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM election_roll WHERE election_id = $1 AND voted <> ''`,
		electionID).Scan(&n)
	return n, s.db.translate(err)
}

// CastBallot marks the member voted and puts the ballot in the box, in
// one transaction, committed together with the ballots cast at the same
// moment (see election_cast.go). It checks, inside the transaction, that
// voting is open: a ballot that arrives after the close is refused
// whatever the page said. The ballot must already have passed
// Election.CheckBallot.
func (s *ElectionService) CastBallot(ctx context.Context, electionID, memberID int64, b *rankfile.Ballot, receiptHash string) error {
	return s.db.casts.wait(&pendingCast{electionID: electionID, memberID: memberID, ballot: b, receiptHash: receiptHash})
}

// election reads an election, without its contests, inside tx.
func (tx *Tx) election(ctx context.Context, id int64) (*rankfile.Election, error) {
	e, err := scanElection(tx.QueryRowContext(ctx, `SELECT `+electionColumns+` FROM elections WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such election")
	}
	return e, err
}

// checkVotingOpen refuses a ballot outside the voting period, or once the
// election is counted.
func (tx *Tx) checkVotingOpen(ctx context.Context, electionID int64) error {
	e, err := tx.election(ctx, electionID)
	if err != nil {
		return err
	}
	return e.CheckVotingOpen(tx.now)
}

// ballotWriter casts ballots in one transaction through statements
// prepared once for all of them.
type ballotWriter struct {
	tx        *Tx
	mark, box *sql.Stmt
}

// newBallotWriter prepares the statements of casting.
func (tx *Tx) newBallotWriter(ctx context.Context) (*ballotWriter, error) {
	w := &ballotWriter{tx: tx}
	for stmt, q := range map[**sql.Stmt]string{
		&w.mark: `UPDATE election_roll SET voted = $1 WHERE election_id = $2 AND member_id = $3 AND voted = ''`,
		&w.box:  `INSERT INTO ballots (election_id, id, cast_on, sealed) VALUES ($1, $2, $3, $4)`,
	} {
		var err error
		if *stmt, err = tx.PrepareContext(ctx, q); err != nil {
			w.close()
			return nil, err
		}
	}
	return w, nil
}

func (w *ballotWriter) close() {
	for _, stmt := range []*sql.Stmt{w.mark, w.box} {
		if stmt != nil {
			stmt.Close()
		}
	}
}

// markVoted marks a member on the roll as having voted, once. A refusal
// (off the roll, voted already) is found before anything is written.
func (w *ballotWriter) markVoted(ctx context.Context, electionID, memberID int64, how string) error {
	res, err := w.mark.ExecContext(ctx, how, electionID, memberID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	var voted string
	err = w.tx.QueryRowContext(ctx, `SELECT voted FROM election_roll WHERE election_id = $1 AND member_id = $2`,
		electionID, memberID).Scan(&voted)
	if err == sql.ErrNoRows {
		return rankfile.Errorf(rankfile.EFORBIDDEN, "you are not on this election's roll")
	} else if err != nil {
		return err
	}
	return rankfile.Errorf(rankfile.ECONFLICT, "you have already voted in this election; a ballot cast is final")
}

// putInBox stores a ballot, sealed with its receipt hash (see
// election_seal.go), under a new random id with only today's date.
func (w *ballotWriter) putInBox(ctx context.Context, electionID int64, b *rankfile.Ballot, receiptHash string) error {
	id := randomHex(16)
	pad, err := w.tx.db.ballotPad(ctx, w.tx, electionID)
	if err != nil {
		return err
	}
	sealed, err := w.tx.db.sealBallot(electionID, id, b, receiptHash, pad)
	if err != nil {
		return err
	}
	_, err = w.box.ExecContext(ctx, electionID, id, w.tx.today(), sealed)
	return err
}

// encodeRanking writes candidate ids, most preferred first, as "12,9,14".
func encodeRanking(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = itoa(id)
	}
	return strings.Join(parts, ",")
}

func decodeRanking(s string) ([]int64, error) {
	parts := strings.Split(s, ",")
	ids := make([]int64, len(parts))
	for i, p := range parts {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

// BallotBox returns the ballots cast, in the order of their random ids,
// their seals opened.
func (s *ElectionService) BallotBox(ctx context.Context, electionID int64) ([]*rankfile.StoredBallot, error) {
	box, err := readBox(ctx, s.db.read, s.db, electionID)
	return box, s.db.translate(err)
}

// readBox reads an election's ballots through q, in the order of their
// ids, opening the seals of those still sealed.
func readBox(ctx context.Context, q querier, db *DB, electionID int64) ([]*rankfile.StoredBallot, error) {
	rows, err := q.QueryContext(ctx, `SELECT b.id, b.cast_on, b.receipt_hash, COALESCE(b.sealed, ''),
		COALESCE(r.contest_id, 0), COALESCE(r.ranking, '')
		FROM ballots b LEFT JOIN ballot_rankings r ON r.election_id = b.election_id AND r.ballot_id = b.id
		WHERE b.election_id = $1 ORDER BY b.id, r.contest_id`, electionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*rankfile.StoredBallot
	for rows.Next() {
		var id, ranking, receipt, sealed string
		var castOn rankfile.Date
		var contestID int64
		if err := rows.Scan(&id, &castOn, &receipt, &sealed, &contestID, &ranking); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			b, err := db.storedBallot(electionID, id, castOn, receipt, sealed)
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
		if contestID != 0 {
			ids, err := decodeRanking(ranking)
			if err != nil {
				return nil, err
			}
			out[len(out)-1].Rankings[contestID] = ids
		}
	}
	return out, rows.Err()
}

// storedBallot is a ballot of the box, its seal opened if it has one.
func (db *DB) storedBallot(electionID int64, id string, castOn rankfile.Date, receipt, sealed string) (*rankfile.StoredBallot, error) {
	b := &rankfile.StoredBallot{ID: id, CastOn: castOn, ReceiptHash: receipt, Rankings: map[int64][]int64{}}
	if sealed == "" {
		return b, nil
	}
	opened, err := db.openBallot(electionID, id, sealed)
	if err != nil {
		return nil, err
	}
	b.ReceiptHash, b.Rankings = opened.ReceiptHash, opened.Rankings
	return b, nil
}
