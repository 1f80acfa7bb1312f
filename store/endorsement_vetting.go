package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// The body's vetting of candidates (migration 00043): its notes and
// research, and the interviews it holds as its own events.

// vettingNoteSealContext names the row a vetting note is sealed for.
func vettingNoteSealContext(id int64) string { return "endorsement_notes.text:" + itoa(id) }

// AddNote stores a vetting note, its text sealed with the installation's
// key for its row, as conversations' notes are: a copied database shows
// what was said of a candidate in confidence only as ciphertext. The text
// goes to no audit entry, only that a note was written.
func (s *EndorsementService) AddNote(ctx context.Context, n *rankfile.EndorsementNote) error {
	if err := n.Validate(); err != nil {
		return err
	}
	if s.db.Keys == nil {
		return rankfile.Errorf(rankfile.EINVALID, "vetting notes are stored encrypted and no encryption key is set: "+
			"give --key-file or set RANKFILE_KEY (rankfile key generate makes a key file)")
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		n.CreatedAt = tx.now
		if err := tx.QueryRowContext(ctx, `INSERT INTO endorsement_notes (candidate_id, author_id, kind, text, created_at)
			VALUES ($1, $2, $3, '', $4) RETURNING id`, n.CandidateID, n.AuthorID, string(n.Kind),
			tx.stamp).Scan(&n.ID); err != nil {
			return err
		}
		sealed, err := s.db.Keys.Keyring().Seal(n.Text, vettingNoteSealContext(n.ID))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE endorsement_notes SET text = $1 WHERE id = $2`, sealed, n.ID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditVetting, 0, sprintf("wrote %s note %d on candidate %d", n.Kind, n.ID, n.CandidateID))
	})
}

// Notes returns a candidate's notes, oldest first, each with its author's
// name and its text opened.
func (s *EndorsementService) Notes(ctx context.Context, candidateID int64) ([]*rankfile.EndorsementNote, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT n.id, n.candidate_id, n.author_id,
		COALESCE(TRIM(m.first_name || ' ' || m.last_name), ''), n.kind, n.text, n.created_at
		FROM endorsement_notes n LEFT JOIN members m ON m.id = n.author_id
		WHERE n.candidate_id = $1 ORDER BY n.created_at, n.id`, candidateID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.EndorsementNote{}
	for rows.Next() {
		n := &rankfile.EndorsementNote{}
		if err := rows.Scan(&n.ID, &n.CandidateID, &n.AuthorID, &n.Author, &n.Kind, &n.Text, &n.CreatedAt); err != nil {
			return nil, err
		}
		if n.Text, err = s.openNote(n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// openNote opens a note's sealed text.
func (s *EndorsementService) openNote(n *rankfile.EndorsementNote) (string, error) {
	if s.db.Keys == nil {
		return "", rankfile.Errorf(rankfile.EINVALID, "vetting notes are stored encrypted and no encryption key is set: "+
			"give --key-file or set RANKFILE_KEY (rankfile key generate makes a key file)")
	}
	return s.db.Keys.Keyring().Open(n.Text, vettingNoteSealContext(n.ID))
}

// AddInterview links an event to the candidate it interviews.
func (s *EndorsementService) AddInterview(ctx context.Context, candidateID, eventID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO endorsement_interviews (candidate_id, event_id) VALUES ($1, $2)`,
			candidateID, eventID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditVetting, 0, sprintf("scheduled interview event %d of candidate %d", eventID, candidateID))
	})
}

// Interviews returns a candidate's interviews, soonest first, with their
// events' times and titles.
func (s *EndorsementService) Interviews(ctx context.Context, candidateID int64) ([]*rankfile.EndorsementInterview, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT i.candidate_id, i.event_id, e.starts_at, e.title
		FROM endorsement_interviews i JOIN events e ON e.id = i.event_id
		WHERE i.candidate_id = $1 ORDER BY e.starts_at, e.id`, candidateID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.EndorsementInterview{}
	for rows.Next() {
		i := &rankfile.EndorsementInterview{}
		if err := rows.Scan(&i.CandidateID, &i.EventID, &i.StartsAt, &i.Title); err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}
