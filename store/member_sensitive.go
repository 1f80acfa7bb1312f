package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
)

// Sensitive fields (race, accommodations) are stored sealed with a key that
// is not in the database: a copied database file, a dump or a backup shows
// them only as ciphertext. Each value is sealed for its column and member,
// so that it cannot be moved to another row and open there.

// errNoKey is the answer when a sensitive value must be sealed or opened
// and no key was given.
var errNoKey = rankfile.Errorf(rankfile.EINVALID,
	"race and accommodations are stored encrypted and no encryption key is set: "+
		"give --key-file or set RANKFILE_KEY (rankfile key generate makes a key file)")

// sealContext names the column and member a sealed value belongs to.
func sealContext(column string, memberID int64) string {
	return "member_sensitive." + column + ":" + strconv.FormatInt(memberID, 10)
}

// seal encrypts a sensitive value for its place. An empty value stays empty
// and needs no key, so that lists without sensitive fields import anywhere.
func (db *DB) seal(column string, memberID int64, value string) (string, error) {
	if value == "" {
		return "", nil
	}
	if db.Keys == nil {
		return "", errNoKey
	}
	return db.Keys.Keyring().Seal(value, sealContext(column, memberID))
}

// unseal decrypts a sensitive value read from its place.
func (db *DB) unseal(column string, memberID int64, sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	if db.Keys == nil {
		return "", errNoKey
	}
	return db.Keys.Keyring().Open(sealed, sealContext(column, memberID))
}

// sealFields returns the member's id followed by the given sensitive fields
// of values, sealed, as statement arguments; and whether any is not empty.
func (db *DB) sealFields(memberID int64, fields []int, values *[rankfile.NumRosterFields]string) ([]any, bool, error) {
	args, some := []any{memberID}, false
	for _, f := range fields {
		sealed, err := db.seal(rankfile.RosterFields[f].Name, memberID, values[f])
		if err != nil {
			return nil, false, err
		}
		args, some = append(args, sealed), some || sealed != ""
	}
	return args, some, nil
}

// sensitiveColumns are the columns of member_sensitive that hold sealed values.
var sensitiveColumns = fieldColumns(sensitiveFields, "")

// resealBatch is how many members' sensitive fields one transaction of a
// rotation reseals: small enough that imports and page views never wait long.
const resealBatch = 500

// ResealReport says what a pass over the sensitive fields did.
type ResealReport struct {
	Resealed int // values sealed again with the current key
	Current  int // values already sealed with it
}

// ResealSensitive seals every sensitive value, every ballot sealed
// while voting is open (see election_seal.go) and every conversation's
// and vetting note (oneonone_seal.go), that ring's current key did
// not seal with that key, a batch at a time, and records the
// rotation in the audit log. A value that opens with no key of ring stops
// the pass with an error, leaving what was resealed so far resealed (every
// such value opens with ring). A value changed by someone else while the
// pass runs is left as they wrote it.
func (db *DB) ResealSensitive(ctx context.Context, ring *secret.Keyring) (*ResealReport, error) {
	report := &ResealReport{}
	var after int64
	for {
		last, err := db.resealFrom(ctx, ring, after, report)
		if err != nil {
			return report, err
		}
		if last == after {
			break
		}
		after = last
	}
	if err := db.resealBallots(ctx, ring, report); err != nil {
		return report, err
	}
	if err := db.resealNotes(ctx, ring, report); err != nil {
		return report, err
	}
	detail := fmt.Sprintf("resealed %d sensitive values with key %s", report.Resealed, ring.CurrentID())
	return report, NewAuditService(db).Record(ctx, rankfile.AuditRotateKey, 0, detail)
}

// resealFrom reseals the batch of members after the given id and returns
// the last id it visited (after itself when there are none left).
func (db *DB) resealFrom(ctx context.Context, ring *secret.Keyring, after int64, report *ResealReport) (int64, error) {
	last := after
	err := db.inTx(ctx, func(tx *Tx) error {
		rows, err := readSealedRows(ctx, tx, after)
		if err != nil {
			return err
		}
		for _, row := range rows {
			last = row.memberID
			if err := resealRow(ctx, tx, ring, row, report); err != nil {
				return err
			}
		}
		return nil
	})
	return last, err
}

// sealedRow is one member's row of member_sensitive.
type sealedRow struct {
	memberID int64
	values   []string // in the order of sensitiveColumns
}

func readSealedRows(ctx context.Context, tx querier, after int64) ([]sealedRow, error) {
	rows, err := tx.QueryContext(ctx, `SELECT member_id, `+joinColumns(sensitiveColumns)+
		` FROM member_sensitive WHERE member_id > $1 ORDER BY member_id LIMIT $2`, after, resealBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sealedRow
	for rows.Next() {
		row := sealedRow{values: make([]string, len(sensitiveColumns))}
		dests := []any{&row.memberID}
		for i := range row.values {
			dests = append(dests, &row.values[i])
		}
		if err := rows.Scan(dests...); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// resealRow reseals one member's values that need it. The update names the
// old value, so a value someone changed meanwhile is not overwritten.
func resealRow(ctx context.Context, tx *Tx, ring *secret.Keyring, row sealedRow, report *ResealReport) error {
	for i, column := range sensitiveColumns {
		old := row.values[i]
		if old == "" {
			continue
		}
		if !ring.NeedsRotation(old) {
			report.Current++
			continue
		}
		resealed, err := ring.Reseal(old, sealContext(column, row.memberID))
		if err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "member %d, %s: %s", row.memberID, column, rankfile.ErrorMessage(err))
		}
		_, err = tx.ExecContext(ctx, `UPDATE member_sensitive SET `+column+` = $1 WHERE member_id = $2 AND `+column+` = $3`,
			resealed, row.memberID, old)
		if err != nil {
			return err
		}
		report.Resealed++
	}
	return nil
}

// CountUnsealed counts the sensitive values and sealed ballots that ring's
// current key did not seal: zero once a rotation is complete and older
// keys may be retired.
func (db *DB) CountUnsealed(ctx context.Context, ring *secret.Keyring) (int, error) {
	n := 0
	for after := int64(0); ; {
		rows, err := readSealedRows(ctx, db.read, after)
		if err != nil {
			return n, err
		}
		if len(rows) == 0 {
			ballots, err := db.countBallotSeals(ctx, ring)
			if err != nil {
				return n, err
			}
			notes, err := db.countNoteSeals(ctx, ring)
			return n + ballots + notes, err
		}
		for _, row := range rows {
			for _, v := range row.values {
				if ring.NeedsRotation(v) {
					n++
				}
			}
		}
		after = rows[len(rows)-1].memberID
	}
}

// FindMemberSensitive returns the sensitive fields of a member.
func (s *MemberService) FindMemberSensitive(ctx context.Context, memberID int64) (*rankfile.MemberSensitive, error) {
	if _, err := s.FindMember(ctx, rankfile.MemberFilter{ID: memberID}); err != nil {
		return nil, err
	}
	out := &rankfile.MemberSensitive{MemberID: memberID}
	var race, accommodations string
	err := s.db.read.QueryRowContext(ctx, `SELECT race, accommodations FROM member_sensitive WHERE member_id = $1`,
		memberID).Scan(&race, &accommodations)
	if err == sql.ErrNoRows {
		return out, nil
	} else if err != nil {
		return nil, s.db.translate(err)
	}
	if out.Race, err = s.db.unseal("race", memberID, race); err != nil {
		return nil, err
	}
	out.Accommodations, err = s.db.unseal("accommodations", memberID, accommodations)
	return out, err
}
