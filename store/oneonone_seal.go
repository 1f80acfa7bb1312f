package store

import (
	"context"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
)

// A key rotation reseals the notes people write in confidence too (see
// ResealSensitive): conversations' notes and endorsement vetting notes, a
// batch at a time, so that an older key can be retired without losing
// what organizers and vetters wrote.

// noteColumn is a column of sealed notes, each sealed for its row.
type noteColumn struct {
	table, column string
	// context names the row a note is sealed for.
	context func(id int64) string
}

// noteColumns are the columns of notes a rotation reseals.
var noteColumns = []noteColumn{
	{"conversations", "notes", conversationSealContext},
	{"endorsement_notes", "text", vettingNoteSealContext},
}

// sealedNote is one row's sealed note.
type sealedNote struct {
	id     int64
	sealed string
}

// readSealedNotes reads a batch of a column's sealed notes after the id.
func readSealedNotes(ctx context.Context, q querier, c noteColumn, after int64) ([]sealedNote, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, `+c.column+` FROM `+c.table+` WHERE id > $1 AND `+c.column+` <> ''
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

// resealNotes reseals every note ring's current key did not seal. The
// update names the old value, as resealRow's does.
func (db *DB) resealNotes(ctx context.Context, ring *secret.Keyring, report *ResealReport) error {
	for _, c := range noteColumns {
		if err := db.resealNoteColumn(ctx, ring, c, report); err != nil {
			return err
		}
	}
	return nil
}

// resealNoteColumn reseals one column's notes, a batch a transaction.
func (db *DB) resealNoteColumn(ctx context.Context, ring *secret.Keyring, c noteColumn, report *ResealReport) error {
	for after := int64(0); ; {
		var batch []sealedNote
		err := db.inTx(ctx, func(tx *Tx) error {
			var err error
			if batch, err = readSealedNotes(ctx, tx, c, after); err != nil {
				return err
			}
			for _, n := range batch {
				if err := resealNote(ctx, tx, ring, c, n, report); err != nil {
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

func resealNote(ctx context.Context, tx *Tx, ring *secret.Keyring, c noteColumn, n sealedNote, report *ResealReport) error {
	if !ring.NeedsRotation(n.sealed) {
		report.Current++
		return nil
	}
	resealed, err := ring.Reseal(n.sealed, c.context(n.id))
	if err != nil && c.table == "conversations" {
		return rankfile.Errorf(rankfile.EINVALID, "conversation %d: %s", n.id, rankfile.ErrorMessage(err))
	} else if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "vetting note %d: %s", n.id, rankfile.ErrorMessage(err))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE `+c.table+` SET `+c.column+` = $1 WHERE id = $2 AND `+c.column+` = $3`,
		resealed, n.id, n.sealed); err != nil {
		return err
	}
	report.Resealed++
	return nil
}

// countNoteSeals counts the notes ring's current key did not seal.
func (db *DB) countNoteSeals(ctx context.Context, ring *secret.Keyring) (int, error) {
	n := 0
	for _, c := range noteColumns {
		for after := int64(0); ; {
			batch, err := readSealedNotes(ctx, db.read, c, after)
			if err != nil {
				return n, err
			}
			if len(batch) == 0 {
				break
			}
			for _, s := range batch {
				if ring.NeedsRotation(s.sealed) {
					n++
				}
			}
			after = batch[len(batch)-1].id
		}
	}
	return n, nil
}
