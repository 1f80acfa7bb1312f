package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// ProposalService keeps proposals, their versions, authors, signatures
// and history (migration 00011).
type ProposalService struct{ db *DB }

// NewProposalService returns the proposal service of db.
func NewProposalService(db *DB) *ProposalService { return &ProposalService{db: db} }

var _ rankfile.ProposalService = (*ProposalService)(nil)

const proposalColumns = `p.id, p.kind, p.body_id, p.title, p.summary, p.text, p.links, p.status, p.version,
	p.threshold, p.deadline, p.created_at, p.updated_at, p.forms, COALESCE(p.dissolves_body_id, 0)`

func scanProposal(row interface{ Scan(...any) error }) (*rankfile.Proposal, error) {
	p := &rankfile.Proposal{}
	var text, links string
	var deadline sql.NullTime
	var forms sql.NullString
	if err := row.Scan(&p.ID, &p.Kind, &p.BodyID, &p.Title, &p.Summary, &text, &links, &p.Status, &p.Version,
		&p.Threshold, &deadline, &p.CreatedAt, &p.UpdatedAt, &forms, &p.Dissolves); err != nil {
		return nil, err
	}
	p.Deadline = deadline.Time
	if forms.Valid {
		if err := json.Unmarshal([]byte(forms.String), &p.Forms); err != nil {
			return nil, err
		}
	}
	if err := json.Unmarshal([]byte(text), &p.Text); err != nil {
		return nil, err
	}
	return p, json.Unmarshal([]byte(links), &p.Links)
}

// CreateProposal stores a draft as version 1, its first author accepted
// and any others invited.
func (s *ProposalService) CreateProposal(ctx context.Context, p *rankfile.Proposal) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if len(p.Authors) == 0 {
		return rankfile.Errorf(rankfile.EINVALID, "a proposal needs an author")
	}
	if p.Links == nil {
		p.Links = []string{}
	}
	return s.db.inTx(ctx, func(tx *Tx) error { return tx.insertProposal(ctx, p) })
}

// insertProposal stores the draft p, validated, inside tx.
func (tx *Tx) insertProposal(ctx context.Context, p *rankfile.Proposal) error {
	p.Status, p.Version, p.CreatedAt, p.UpdatedAt = rankfile.ProposalDraft, 1, tx.now, tx.now
	err := tx.QueryRowContext(ctx, `INSERT INTO proposals (kind, body_id, title, summary, text, links, created_at, updated_at,
		forms, dissolves_body_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9) RETURNING id`, p.Kind, p.BodyID, p.Title, p.Summary,
		mustJSON(p.Text), mustJSON(p.Links), tx.stamp, formsArg(p.Forms), nullID(p.Dissolves)).Scan(&p.ID)
	if err != nil {
		return err
	}
	for i := range p.Authors {
		a := &p.Authors[i]
		a.Accepted = i == 0
		var accepted any
		if a.Accepted {
			accepted = tx.stamp
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO proposal_authors (proposal_id, member_id, position, accepted_at)
			VALUES ($1, $2, $3, $4)`, p.ID, a.MemberID, i, accepted); err != nil {
			return err
		}
	}
	if err := tx.writeVersion(ctx, p); err != nil {
		return err
	}
	return tx.proposalEvent(ctx, p.ID, rankfile.ProposalDraft, "")
}

// writeVersion keeps the proposal's text as its current version.
func (tx *Tx) writeVersion(ctx context.Context, p *rankfile.Proposal) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO proposal_versions (proposal_id, version, title, summary, text, written_by, written_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, p.ID, p.Version, p.Title, p.Summary, mustJSON(p.Text),
		nullID(rankfile.ActorFrom(ctx).ID()), tx.stamp)
	return err
}

// UpdateProposal stores a draft's new text and details as its next version.
func (s *ProposalService) UpdateProposal(ctx context.Context, p *rankfile.Proposal) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Links == nil {
		p.Links = []string{}
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		old, err := tx.lockProposal(ctx, p.ID)
		if err != nil {
			return err
		}
		if old.Status != rankfile.ProposalDraft {
			return rankfile.Errorf(rankfile.ECONFLICT, "%q is %s: only a draft's text can be changed", old.Title, old.Status)
		}
		p.Version, p.UpdatedAt = old.Version+1, tx.now
		if _, err := tx.ExecContext(ctx, `UPDATE proposals SET kind = $1, body_id = $2, title = $3, summary = $4, text = $5,
			links = $6, version = $7, updated_at = $8, forms = $9, dissolves_body_id = $10 WHERE id = $11`, p.Kind, p.BodyID,
			p.Title, p.Summary, mustJSON(p.Text), mustJSON(p.Links), p.Version, tx.stamp, formsArg(p.Forms), nullID(p.Dissolves),
			p.ID); err != nil {
			return err
		}
		return tx.writeVersion(ctx, p)
	})
}

// lockProposal reads a proposal inside tx, holding its row on PostgreSQL
// until the transaction ends, so that signers of one proposal take turns
// (SQLite's writers always do): each counts the others' signatures.
func (tx *Tx) lockProposal(ctx context.Context, id int64) (*rankfile.Proposal, error) {
	q := `SELECT ` + proposalColumns + ` FROM proposals p WHERE p.id = $1`
	if tx.db.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	p, err := scanProposal(tx.QueryRowContext(ctx, q, id))
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such proposal")
	}
	return p, err
}

// FindProposals returns proposals, newest first, with their authors and
// counts of signatures.
func (s *ProposalService) FindProposals(ctx context.Context, f rankfile.ProposalFilter) ([]*rankfile.Proposal, error) {
	var c where
	if f.ID != 0 {
		c.add("p.id = $%d", f.ID)
	}
	if f.Status != "" {
		c.add("p.status = $%d", string(f.Status))
	}
	if f.BodyID != 0 {
		c.add("p.body_id = $%d", f.BodyID)
	}
	if f.VisibleTo != 0 {
		c.add("(p.status <> 'draft' OR p.id IN (SELECT proposal_id FROM proposal_authors WHERE member_id = $%d))", f.VisibleTo)
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+proposalColumns+` FROM proposals p`+c.sql()+
		` ORDER BY p.id DESC`, c.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Proposal
	byID := map[int64]*rankfile.Proposal{}
	for rows.Next() {
		p, err := scanProposal(rows)
		if err != nil {
			return nil, err
		}
		out, byID[p.ID] = append(out, p), p
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	if err := s.readAuthors(ctx, byID); err != nil || f.NoCounts {
		return out, err
	}
	return out, s.countSignatures(ctx, byID)
}

// proposalAuthors reads p's authors inside tx, in order, for the step an
// adoption takes (it names them).
func (tx *Tx) proposalAuthors(ctx context.Context, p *rankfile.Proposal) error {
	rows, err := tx.QueryContext(ctx, `SELECT member_id, accepted_at IS NOT NULL FROM proposal_authors
		WHERE proposal_id = $1 ORDER BY position`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	p.Authors = nil
	for rows.Next() {
		var a rankfile.ProposalAuthor
		if err := rows.Scan(&a.MemberID, &a.Accepted); err != nil {
			return err
		}
		p.Authors = append(p.Authors, a)
	}
	return rows.Err()
}

func (s *ProposalService) readAuthors(ctx context.Context, byID map[int64]*rankfile.Proposal) error {
	args := keyArgs(byID)
	rows, err := s.db.read.QueryContext(ctx, `SELECT a.proposal_id, a.member_id, m.first_name, m.last_name,
		a.accepted_at IS NOT NULL FROM proposal_authors a JOIN members m ON m.id = a.member_id
		WHERE a.proposal_id IN (`+placeholders(1, len(args))+`) ORDER BY a.proposal_id, a.position`, args...)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a rankfile.ProposalAuthor
		var first, last string
		if err := rows.Scan(&id, &a.MemberID, &first, &last, &a.Accepted); err != nil {
			return err
		}
		a.Name = strings.TrimSpace(first + " " + last)
		byID[id].Authors = append(byID[id].Authors, a)
	}
	return rows.Err()
}

// signatureCountSQL selects the count of signatures s and of those whose
// signers are in good standing on the day given as parameter 1.
var signatureCountSQL = `COUNT(*), COALESCE(SUM(CASE WHEN ` + fmt.Sprintf(goodStandingSQL, 1) + ` THEN 1 ELSE 0 END), 0)`

// signerJoins joins each signature s to its member m and override o.
const signerJoins = ` JOIN members m ON m.id = s.member_id
	LEFT JOIN standing_overrides o ON o.member_id = m.id AND o.revoked_at IS NULL`

func (s *ProposalService) countSignatures(ctx context.Context, byID map[int64]*rankfile.Proposal) error {
	args := append([]any{s.db.day(rankfile.Date{})}, keyArgs(byID)...)
	rows, err := s.db.read.QueryContext(ctx, `SELECT s.proposal_id, `+signatureCountSQL+`
		FROM proposal_signatures s`+signerJoins+`
		WHERE s.proposal_id IN (`+placeholders(2, len(args)-1)+`) GROUP BY s.proposal_id`, args...)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c rankfile.SignatureCount
		if err := rows.Scan(&id, &c.Total, &c.Valid); err != nil {
			return err
		}
		byID[id].Signatures = c
	}
	return rows.Err()
}

// OpenSignatures moves a draft to collecting signatures.
func (s *ProposalService) OpenSignatures(ctx context.Context, id int64, threshold int, deadline time.Time) error {
	if threshold < 1 {
		return rankfile.Errorf(rankfile.EINVALID, "a proposal needs at least one signature")
	}
	return s.db.inTx(ctx, func(tx *Tx) error { return tx.openSignatures(ctx, id, threshold, deadline) })
}

// openSignatures opens the draft with the id for signatures, inside tx.
func (tx *Tx) openSignatures(ctx context.Context, id int64, threshold int, deadline time.Time) error {
	p, err := tx.lockProposal(ctx, id)
	if err != nil {
		return err
	}
	if p.Status != rankfile.ProposalDraft {
		return rankfile.Errorf(rankfile.ECONFLICT, "%q is %s already", p.Title, p.Status)
	}
	if !deadline.After(tx.now) {
		return rankfile.Errorf(rankfile.EINVALID, "the deadline for signatures must be in the future")
	}
	if err := rankfile.CheckTimes("the deadline for signatures", deadline); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE proposals SET status = 'collecting', threshold = $1, deadline = $2,
		updated_at = $3 WHERE id = $4`, threshold, tx.db.timeArg(deadline), tx.stamp, id); err != nil {
		return err
	}
	note := rankfile.NoteMessage("proposal.note.collecting", "Needed", threshold, "Deadline", deadline)
	return tx.proposalEvent(ctx, id, rankfile.ProposalCollecting, note)
}

// AcceptAuthorship records that a co-author accepts, while the proposal is
// a draft.
func (s *ProposalService) AcceptAuthorship(ctx context.Context, proposalID, memberID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		p, err := tx.lockProposal(ctx, proposalID)
		if err != nil {
			return err
		}
		if p.Status != rankfile.ProposalDraft {
			return rankfile.Errorf(rankfile.ECONFLICT, "%q is %s: its authors are settled", p.Title, p.Status)
		}
		res, err := tx.ExecContext(ctx, `UPDATE proposal_authors SET accepted_at = $1
			WHERE proposal_id = $2 AND member_id = $3 AND accepted_at IS NULL`, tx.stamp, proposalID, memberID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "you are not an invited co-author of %q", p.Title)
		}
		return nil
	})
}
