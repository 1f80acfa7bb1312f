package store

import (
	"context"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
)

// A key rotation reseals conversations' notes too (see ResealSensitive),
// a batch at a time, so that an older key can be retired without losing
// what organizers wrote.

// sealedNote is one conversation's sealed notes.
type sealedNote struct {
	id     int64
	sealed string
}

// readSealedNotes reads a batch of sealed notes after the conversation id.
func readSealedNotes(ctx context.Context, q querier, after int64) ([]sealedNote, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, notes FROM conversations WHERE id > $1 AND notes <> ''
		ORDER BY id LIMIT $2`, after, resealBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sealedNote
	for rows.Next() {
		var n sealedNote
		if err := rows.Scan(&n.id, &n.sealed); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// resealNotes reseals every conversation's notes ring's current key did
// not seal. The update names the old value, as resealRow's does.
func (db *DB) resealNotes(ctx context.Context, ring *secret.Keyring, report *ResealReport) error {
	for after := int64(0); ; {
		var batch []sealedNote
		err := db.inTx(ctx, func(tx *Tx) error {
			var err error
			if batch, err = readSealedNotes(ctx, tx, after); err != nil {
				return err
			}
			for _, n := range batch {
				if err := resealNote(ctx, tx, ring, n, report); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil || len(batch) == 0 {
			return err
		}
		after = batch[len(batch)-1].id
	}
}

func resealNote(ctx context.Context, tx *Tx, ring *secret.Keyring, n sealedNote, report *ResealReport) error {
	if !ring.NeedsRotation(n.sealed) {
		report.Current++
		return nil
	}
	resealed, err := ring.Reseal(n.sealed, conversationSealContext(n.id))
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "conversation %d: %s", n.id, rankfile.ErrorMessage(err))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET notes = $1 WHERE id = $2 AND notes = $3`,
		resealed, n.id, n.sealed); err != nil {
		return err
	}
	report.Resealed++
	return nil
}

// countNoteSeals counts the notes ring's current key did not seal.
func (db *DB) countNoteSeals(ctx context.Context, ring *secret.Keyring) (int, error) {
	n := 0
	for after := int64(0); ; {
		batch, err := readSealedNotes(ctx, db.read, after)
		if err != nil || len(batch) == 0 {
			return n, err
		}
		for _, s := range batch {
			if ring.NeedsRotation(s.sealed) {
				n++
			}
		}
		after = batch[len(batch)-1].id
	}
}
