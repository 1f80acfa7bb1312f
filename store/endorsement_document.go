package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// The documents candidates attach to their questionnaires (migration
// 00043): kept in the database with the answers, so that a backup holds
// the questionnaire whole.

// errNoDocument is the one answer for a document that is not the
// candidate's: another candidate's is as absent as one never attached.
var errNoDocument = rankfile.Errorf(rankfile.ENOTFOUND, "no such document on this questionnaire")

// AddDocument attaches a document to a candidate's questionnaire while
// check lets the candidate answer, up to MaxDocuments of them.
func (s *EndorsementService) AddDocument(ctx context.Context, d *rankfile.EndorsementDocument, check func(*rankfile.EndorsementCandidate) error) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.answerableCandidate(ctx, d.CandidateID, check); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM endorsement_documents WHERE candidate_id = $1`,
			d.CandidateID).Scan(&n); err != nil {
			return err
		}
		if n >= rankfile.MaxDocuments {
			return rankfile.FieldErrorf("document", rankfile.EINVALID, "a questionnaire has at most %d documents: remove one first", rankfile.MaxDocuments)
		}
		d.UploadedAt = tx.now
		if err := tx.QueryRowContext(ctx, `INSERT INTO endorsement_documents (candidate_id, name, content_type, size, data,
			uploaded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, d.CandidateID, d.Name, d.ContentType, d.Size, d.Data,
			tx.stamp).Scan(&d.ID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0,
			sprintf("candidate %d attached document %d: %s", d.CandidateID, d.ID, d.Name))
	})
}

// RemoveDocument removes a candidate's own document while check lets the
// candidate answer; another candidate's is ENOTFOUND.
func (s *EndorsementService) RemoveDocument(ctx context.Context, candidateID, documentID int64, check func(*rankfile.EndorsementCandidate) error) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.answerableCandidate(ctx, candidateID, check); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM endorsement_documents WHERE id = $1 AND candidate_id = $2`,
			documentID, candidateID)
		if err := mustAffect(res, err, "no such document"); rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
			return errNoDocument
		} else if err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0,
			sprintf("candidate %d removed document %d", candidateID, documentID))
	})
}

// Document returns a candidate's document with its data; another
// candidate's is ENOTFOUND.
func (s *EndorsementService) Document(ctx context.Context, candidateID, documentID int64) (*rankfile.EndorsementDocument, error) {
	d := &rankfile.EndorsementDocument{}
	err := s.db.read.QueryRowContext(ctx, `SELECT id, candidate_id, name, content_type, size, uploaded_at, data
		FROM endorsement_documents WHERE id = $1 AND candidate_id = $2`, documentID, candidateID).Scan(&d.ID,
		&d.CandidateID, &d.Name, &d.ContentType, &d.Size, &d.UploadedAt, &d.Data)
	if err == sql.ErrNoRows {
		return nil, errNoDocument
	}
	if err != nil {
		return nil, s.db.translate(err)
	}
	return d, nil
}

// documents lists a candidate's documents without their data, in the
// order they were attached.
func (s *EndorsementService) documents(ctx context.Context, candidateID int64) ([]*rankfile.EndorsementDocument, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, candidate_id, name, content_type, size, uploaded_at
		FROM endorsement_documents WHERE candidate_id = $1 ORDER BY id`, candidateID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.EndorsementDocument{}
	for rows.Next() {
		d := &rankfile.EndorsementDocument{}
		if err := rows.Scan(&d.ID, &d.CandidateID, &d.Name, &d.ContentType, &d.Size, &d.UploadedAt); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
