package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/rankfile/rankfile"
)

// Bodies formed and dissolved by decisions: an adoption's step says which
// (see rankfile.ProposalStep.Adopting), and the store writes it in the
// adoption's transaction, so that a proposal adopted is a body formed.

// formsArg is what a proposal's column forms holds: its formation as
// JSON, or NULL.
func formsArg(f *rankfile.BodyFormation) any {
	if f == nil {
		return nil
	}
	b, _ := json.Marshal(f)
	return string(b)
}

// stepBodies forms or dissolves the body an adoption's step says.
func (tx *Tx) stepBodies(ctx context.Context, p *rankfile.Proposal, step *rankfile.ProposalStep) error {
	if step.Forms != nil {
		if err := tx.formBody(ctx, p, step.Forms, step.InterimChairs); err != nil {
			return err
		}
	}
	if step.Dissolves != 0 {
		return tx.dissolveBody(ctx, p, step.Dissolves)
	}
	return nil
}

// formBody stores the body the adopted proposal p forms, with its seats,
// and seats the interim co-chairs from today, as many as it has co-chairs.
// A name taken meanwhile by an active body, or a parent gone, refuses the
// adoption.
func (tx *Tx) formBody(ctx context.Context, p *rankfile.Proposal, f *rankfile.BodyFormation, chairs []int64) error {
	if err := tx.checkFormation(ctx, f); err != nil {
		return err
	}
	slug, err := tx.freeSlug(ctx, rankfile.Slugify(f.Name))
	if err != nil {
		return err
	}
	b := &rankfile.Body{Kind: f.Kind, Slug: slug, Name: f.Name, ParentID: f.ParentID, FormedBy: p.ID}
	if err := tx.insertBody(ctx, b); err != nil {
		return err
	}
	if err := tx.createSeats(ctx, b, f.Seats()); err != nil {
		return err
	}
	if err := tx.audit(ctx, rankfile.AuditChangeBodies, 0,
		sprintf("formed %s %q (%s), as proposal %d decided", b.Kind, b.Name, b.Slug, p.ID)); err != nil {
		return err
	}
	return tx.seatInterimChairs(ctx, p, b, chairs)
}

// checkFormation says why the body a proposal forms cannot be, if it
// cannot: its name is taken by an active body, or its parent is not an
// active body.
func (tx *Tx) checkFormation(ctx context.Context, f *rankfile.BodyFormation) error {
	if err := f.Validate(); err != nil {
		return err
	}
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM bodies WHERE LOWER(name) = LOWER($1) AND dissolved_at IS NULL`,
		f.Name).Scan(&taken); err != nil {
		return err
	}
	if taken > 0 {
		return rankfile.Errorf(rankfile.ECONFLICT, "there is a body named %q already", f.Name)
	}
	parent, err := tx.body(ctx, f.ParentID)
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return rankfile.Errorf(rankfile.EINVALID, "the body it is to be part of does not exist")
	} else if err != nil {
		return err
	}
	return parent.CheckActive()
}

// freeSlug returns slug, or slug-2, slug-3... when a body, active or
// dissolved, has it.
func (tx *Tx) freeSlug(ctx context.Context, slug string) (string, error) {
	for i := 1; ; i++ {
		try := slug
		if i > 1 {
			try = fmt.Sprintf("%s-%d", slug, i)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM bodies WHERE slug = $1`, try).Scan(&n); err != nil || n == 0 {
			return try, err
		}
	}
}

// seatInterimChairs gives the co-chair seats of the body b, formed by p,
// to the members the adoption named, in order, as many as the seat holds;
// the audit log says they hold them as interim co-chairs.
func (tx *Tx) seatInterimChairs(ctx context.Context, p *rankfile.Proposal, b *rankfile.Body, chairs []int64) error {
	var seatID int64
	var count int
	err := tx.QueryRowContext(ctx, `SELECT id, count FROM seats WHERE body_id = $1 AND title = $2`,
		b.ID, rankfile.SeatCoChair).Scan(&seatID, &count)
	if err != nil {
		return err
	}
	for _, m := range chairs[:min(len(chairs), count)] {
		pos := &rankfile.Position{MemberID: m, BodyID: b.ID, SeatID: seatID, StartOn: tx.today()}
		if err := tx.insertPosition(ctx, pos); err != nil {
			return err
		}
		if err := tx.audit(ctx, rankfile.AuditChangeBodies, m, sprintf("interim co-chair of %q (position %d), an author of proposal %d that formed it",
			b.Name, pos.ID, p.ID)); err != nil {
			return err
		}
	}
	return nil
}

// dissolveBody marks the body the adopted proposal p dissolves as
// dissolved, and ends today the positions held in it. It is kept, with
// its history, seats and past holders. A body dissolved already stays as
// it was.
func (tx *Tx) dissolveBody(ctx context.Context, p *rankfile.Proposal, id int64) error {
	b, err := tx.body(ctx, id)
	if err != nil || b.Dissolved() {
		return err
	}
	if err := b.CheckDissolvable(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE bodies SET dissolved_at = $1, dissolved_by_proposal_id = $2, updated_at = $1
		WHERE id = $3`, tx.stamp, p.ID, id); err != nil {
		return err
	}
	today := tx.today()
	if _, err := tx.ExecContext(ctx, `UPDATE positions SET end_on = $1 WHERE body_id = $2 AND start_on <= $1
		AND (end_on IS NULL OR end_on > $1)`, today, id); err != nil {
		return err
	}
	if err := tx.touchRoster(ctx); err != nil {
		return err
	}
	return tx.audit(ctx, rankfile.AuditChangeBodies, 0, sprintf("dissolved %s %q (%s), as proposal %d decided", b.Kind, b.Name, b.Slug, p.ID))
}
