package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// Standing in SQL, the same rule as Member.StandingOn, and the chapter's
// overrides of it.

// standingSQL is Member.StandingOn in SQL, for filtering and counting by
// standing in the database: the override when one stands on the day (the
// one parameter), else the list's standing. It needs the join of
// memberJoins; the member tests check that it agrees with the Go rule.
const standingSQL = `(CASE WHEN o.id IS NOT NULL AND ` + overrideStands + `
	THEN o.standing ELSE m.list_standing END)`

// overrideStands is whether an unrevoked override o stands on a day (the
// one parameter): until its end date, or for good when it has none.
const overrideStands = `(o.until IS NULL OR o.until >= $%d)`

// standingIsSQL is standingSQL = X without the join: the list's standing
// when no override stands on the day, else the override's. Overrides are
// few, so their sets are small.
const standingIsSQL = `((m.list_standing = $%d AND m.id NOT IN (` + activeOverrides + `))
	OR m.id IN (` + activeOverrides + ` AND o.standing = $%d))`

// activeOverrides selects the members with an override standing on a day.
const activeOverrides = `SELECT o.member_id FROM standing_overrides o WHERE o.revoked_at IS NULL AND ` + overrideStands

// goodStandingSQL is whether the member m (joined with their override o,
// as memberJoins does) is in good standing on the day given as the
// parameter numbered by %d.
var goodStandingSQL = `(` + standingSQL + ` = 'good')`

// SetStandingOverride records the chapter's override of a member's
// standing, replacing the one that stood before.
func (s *MemberService) SetStandingOverride(ctx context.Context, o *rankfile.StandingOverride) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := o.Validate(tx.today()); err != nil {
			return err
		}
		if err := tx.memberExists(ctx, o.MemberID); err != nil {
			return err
		}
		old, err := tx.standingOverride(ctx, o.MemberID)
		if err != nil {
			return err
		}
		if err := tx.revokeOverride(ctx, old, o.Author); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO standing_overrides (member_id, standing, reason, author, created_at, until)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			o.MemberID, string(o.Standing), o.Reason, o.Author, tx.now, o.Until).Scan(&o.ID)
		if err != nil {
			return err
		}
		if err := tx.touchRoster(ctx); err != nil {
			return err
		}
		o.CreatedAt = tx.now
		return tx.recordAuditedChange(ctx, rankfile.AuditOverride, &rankfile.MemberChange{
			MemberID: o.MemberID, Kind: rankfile.ChangeOverride, Actor: o.Author, Note: o.Reason,
			Changes: []rankfile.FieldChange{{Field: "standing_override", Old: describeOverride(old), New: describeOverride(o)}},
		})
	})
}

// RevokeStandingOverride withdraws the member's override.
func (s *MemberService) RevokeStandingOverride(ctx context.Context, memberID int64, by string) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		old, err := tx.standingOverride(ctx, memberID)
		if err != nil {
			return err
		} else if old == nil {
			return rankfile.Errorf(rankfile.ENOTFOUND, "the member has no standing override")
		}
		if err := tx.revokeOverride(ctx, old, by); err != nil {
			return err
		}
		return tx.recordAuditedChange(ctx, rankfile.AuditOverride, &rankfile.MemberChange{
			MemberID: memberID, Kind: rankfile.ChangeOverride, Actor: by, Note: "override revoked",
			Changes: []rankfile.FieldChange{{Field: "standing_override", Old: describeOverride(old)}},
		})
	})
}

// describeOverride words an override for history.
func describeOverride(o *rankfile.StandingOverride) string {
	if o == nil {
		return ""
	}
	s := string(o.Standing)
	if !o.Until.IsZero() {
		s += " until " + o.Until.String()
	}
	return s + " (" + o.Reason + ")"
}

// standingOverride returns the member's unrevoked override, or nil.
func (tx *Tx) standingOverride(ctx context.Context, memberID int64) (*rankfile.StandingOverride, error) {
	o := &rankfile.StandingOverride{MemberID: memberID}
	err := tx.QueryRowContext(ctx, `SELECT id, standing, reason, author, created_at, until
		FROM standing_overrides WHERE member_id = $1 AND revoked_at IS NULL`, memberID).
		Scan(&o.ID, &o.Standing, &o.Reason, &o.Author, &o.CreatedAt, &o.Until)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return o, err
}

func (tx *Tx) revokeOverride(ctx context.Context, o *rankfile.StandingOverride, by string) error {
	if o == nil {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE standing_overrides SET revoked_at = $1, revoked_by = $2 WHERE id = $3`,
		tx.now, by, o.ID)
	if err != nil {
		return err
	}
	return tx.touchRoster(ctx)
}
