package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// Amendments, comments and versions (migration 00012).

// ProposalVersions returns every version of a proposal's text, oldest
// first, with who wrote it.
func (s *ProposalService) ProposalVersions(ctx context.Context, id int64) ([]*rankfile.ProposalVersion, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT v.version, v.title, v.summary, v.text,
		COALESCE(m.first_name || ' ' || m.last_name, ''), v.written_at
		FROM proposal_versions v LEFT JOIN members m ON m.id = v.written_by
		WHERE v.proposal_id = $1 ORDER BY v.version`, id)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.ProposalVersion
	for rows.Next() {
		v := &rankfile.ProposalVersion{}
		var text string
		if err := rows.Scan(&v.Version, &v.Title, &v.Summary, &text, &v.WrittenBy, &v.WrittenAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(text), &v.Text); err != nil {
			return nil, err
		}
		v.WrittenBy = strings.TrimSpace(v.WrittenBy)
		out = append(out, v)
	}
	return out, rows.Err()
}

// ProposeAmendment stores a member's amendment, written against the
// proposal's current version.
func (s *ProposalService) ProposeAmendment(ctx context.Context, a *rankfile.Amendment) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		p, err := tx.lockProposal(ctx, a.ProposalID)
		if err != nil {
			return err
		}
		if err := p.CheckAmendable(tx.now); err != nil {
			return err
		}
		if err := a.Validate(p.Kind); err != nil {
			return err
		}
		a.BaseVersion, a.Status, a.CreatedAt = p.Version, rankfile.AmendmentOpen, tx.now
		return tx.QueryRowContext(ctx, `INSERT INTO proposal_amendments (proposal_id, member_id, base_version, text, reason, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, a.ProposalID, a.MemberID, a.BaseVersion,
			mustJSON(a.Text), a.Reason, tx.stamp).Scan(&a.ID)
	})
}

// DecideAmendment accepts or declines an open amendment. Accepting one
// written against an older version is refused: it would undo what
// changed since.
func (s *ProposalService) DecideAmendment(ctx context.Context, proposalID, amendmentID int64, accept bool) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		p, err := tx.lockProposal(ctx, proposalID)
		if err != nil {
			return err
		}
		a, err := tx.amendment(ctx, proposalID, amendmentID)
		if err != nil {
			return err
		}
		if a.Status != rankfile.AmendmentOpen {
			return rankfile.Errorf(rankfile.ECONFLICT, "that amendment was %s already", a.Status)
		}
		status := rankfile.AmendmentDeclined
		if accept {
			status = rankfile.AmendmentAccepted
			if err := tx.acceptAmendment(ctx, p, a); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE proposal_amendments SET status = $1, decided_by = $2, decided_at = $3
			WHERE id = $4`, string(status), rankfile.ActorFrom(ctx).Name(), tx.stamp, amendmentID)
		return err
	})
}

// acceptAmendment makes an amendment's text the proposal's next version.
func (tx *Tx) acceptAmendment(ctx context.Context, p *rankfile.Proposal, a *rankfile.Amendment) error {
	if err := p.CheckAmendable(tx.now); err != nil {
		return err
	}
	if a.BaseVersion != p.Version {
		return rankfile.Errorf(rankfile.ECONFLICT, "that amendment was written against version %d and the text is at version %d now: ask for it again on the current text",
			a.BaseVersion, p.Version)
	}
	p.Text, p.Version, p.UpdatedAt = a.Text, p.Version+1, tx.now
	if _, err := tx.ExecContext(ctx, `UPDATE proposals SET text = $1, version = $2, updated_at = $3 WHERE id = $4`,
		mustJSON(p.Text), p.Version, tx.stamp, p.ID); err != nil {
		return err
	}
	if err := tx.writeVersion(ctx, p); err != nil {
		return err
	}
	note := rankfile.NoteMessage("proposal.note.amended", "Name", a.Name, "Version", p.Version)
	return tx.proposalEvent(ctx, p.ID, p.Status, note)
}

const amendmentColumns = `a.id, a.proposal_id, a.member_id, m.first_name, m.last_name, a.base_version, a.text, a.reason,
	a.status, a.created_at, a.decided_by, a.decided_at`

func scanAmendment(row interface{ Scan(...any) error }) (*rankfile.Amendment, error) {
	a := &rankfile.Amendment{}
	var first, last, text string
	var decided sql.NullTime
	if err := row.Scan(&a.ID, &a.ProposalID, &a.MemberID, &first, &last, &a.BaseVersion, &text, &a.Reason,
		&a.Status, &a.CreatedAt, &a.DecidedBy, &decided); err != nil {
		return nil, err
	}
	a.Name, a.DecidedAt = strings.TrimSpace(first+" "+last), decided.Time
	return a, json.Unmarshal([]byte(text), &a.Text)
}

// amendment reads one of a proposal's amendments inside tx.
func (tx *Tx) amendment(ctx context.Context, proposalID, amendmentID int64) (*rankfile.Amendment, error) {
	a, err := scanAmendment(tx.QueryRowContext(ctx, `SELECT `+amendmentColumns+`
		FROM proposal_amendments a JOIN members m ON m.id = a.member_id
		WHERE a.id = $1 AND a.proposal_id = $2`, amendmentID, proposalID))
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such amendment")
	}
	return a, err
}

// Amendments returns a proposal's amendments, oldest first.
func (s *ProposalService) Amendments(ctx context.Context, proposalID int64) ([]*rankfile.Amendment, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+amendmentColumns+`
		FROM proposal_amendments a JOIN members m ON m.id = a.member_id
		WHERE a.proposal_id = $1 ORDER BY a.id`, proposalID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Amendment
	for rows.Next() {
		a, err := scanAmendment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AddComment stores a member's comment.
func (s *ProposalService) AddComment(ctx context.Context, c *rankfile.Comment) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		p, err := tx.lockProposal(ctx, c.ProposalID)
		if err != nil {
			return err
		}
		if err := p.CheckDiscussable(tx.now); err != nil {
			return err
		}
		c.CreatedAt = tx.now
		return tx.QueryRowContext(ctx, `INSERT INTO proposal_comments (proposal_id, member_id, body, created_at)
			VALUES ($1, $2, $3, $4) RETURNING id`, c.ProposalID, c.MemberID, c.Body, tx.stamp).Scan(&c.ID)
	})
}

// HideComment hides a comment, recording who hid it and why, in the
// audit log too.
func (s *ProposalService) HideComment(ctx context.Context, proposalID, commentID int64, reason string) (*rankfile.Comment, error) {
	reason, err := rankfile.CheckHideReason(reason)
	if err != nil {
		return nil, err
	}
	var c *rankfile.Comment
	err = s.db.inTx(ctx, func(tx *Tx) error {
		if c, err = scanComment(tx.QueryRowContext(ctx, `SELECT `+commentColumns+` FROM proposal_comments c
			JOIN members m ON m.id = c.member_id WHERE c.id = $1 AND c.proposal_id = $2`, commentID, proposalID)); err == sql.ErrNoRows {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such comment")
		} else if err != nil {
			return err
		}
		if c.Hidden {
			return rankfile.Errorf(rankfile.ECONFLICT, "that comment is hidden already")
		}
		by := rankfile.ActorFrom(ctx).Name()
		if _, err := tx.ExecContext(ctx, `UPDATE proposal_comments SET hidden_at = $1, hidden_by = $2, hidden_reason = $3
			WHERE id = $4`, tx.stamp, by, reason, commentID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditHideComment, c.MemberID,
			fmt.Sprintf("hid comment %d on proposal %d: %s", commentID, proposalID, reason))
	})
	return c, err
}

const commentColumns = `c.id, c.proposal_id, c.member_id, m.first_name, m.last_name, c.body, c.created_at,
	c.hidden_at IS NOT NULL, c.hidden_by, c.hidden_reason`

func scanComment(row interface{ Scan(...any) error }) (*rankfile.Comment, error) {
	c := &rankfile.Comment{}
	var first, last string
	if err := row.Scan(&c.ID, &c.ProposalID, &c.MemberID, &first, &last, &c.Body, &c.CreatedAt,
		&c.Hidden, &c.HiddenBy, &c.HiddenReason); err != nil {
		return nil, err
	}
	c.Name = strings.TrimSpace(first + " " + last)
	return c, nil
}

// Comments returns a proposal's comments, oldest first.
func (s *ProposalService) Comments(ctx context.Context, proposalID int64) ([]*rankfile.Comment, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+commentColumns+` FROM proposal_comments c
		JOIN members m ON m.id = c.member_id WHERE c.proposal_id = $1 ORDER BY c.id`, proposalID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Comment
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
