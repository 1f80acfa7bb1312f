package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// A cycle's questionnaire (migration 00043): its questions by version, and
// each candidate's answers and documents.

// SetQuestions stores a cycle's questions in place of the current
// version's while no candidate was sent a link to it (or it has no
// questions); else as the next version, which becomes the cycle's current
// one, so that candidates who hold a link keep answering the questions it
// was sent with.
func (s *EndorsementService) SetQuestions(ctx context.Context, cycleID int64, qs []*rankfile.EndorsementQuestion) error {
	if err := rankfile.CheckQuestions(qs); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		var version int
		if err := tx.QueryRowContext(ctx, `UPDATE endorsement_cycles SET questionnaire_version = questionnaire_version
			WHERE id = $1 RETURNING questionnaire_version`, cycleID).Scan(&version); err == sql.ErrNoRows {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such endorsement cycle")
		} else if err != nil {
			return err
		}
		// A version is kept once a candidate holds a link to it, unless it
		// has no questions: nobody can have answered it, and the candidates
		// holding it are given the questions instead of an empty form.
		var sent bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM endorsement_candidates c
			JOIN endorsement_races r ON r.id = c.race_id WHERE r.cycle_id = $1 AND c.questionnaire_version = $2)
			AND EXISTS (SELECT 1 FROM endorsement_questions WHERE cycle_id = $1 AND version = $2)`,
			cycleID, version).Scan(&sent); err != nil {
			return err
		}
		if sent {
			version++
			if _, err := tx.ExecContext(ctx, `UPDATE endorsement_cycles SET questionnaire_version = $1 WHERE id = $2`,
				version, cycleID); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `DELETE FROM endorsement_questions WHERE cycle_id = $1 AND version = $2`,
			cycleID, version); err != nil {
			return err
		}
		for _, q := range qs {
			q.CycleID, q.Version = cycleID, version
			if err := tx.QueryRowContext(ctx, `INSERT INTO endorsement_questions (cycle_id, version, position, text, text_es)
				VALUES ($1, $2, $3, $4, $5) RETURNING id`, cycleID, version, q.Position, q.Text, q.TextES).Scan(&q.ID); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0,
			sprintf("set %d questions of cycle %d, version %d", len(qs), cycleID, version))
	})
}

// Questions returns a version of a cycle's questions, in order; version 0
// is the current one.
func (s *EndorsementService) Questions(ctx context.Context, cycleID int64, version int) ([]*rankfile.EndorsementQuestion, error) {
	if _, err := s.FindCycles(ctx, rankfile.EndorsementCycleFilter{ID: cycleID}); err != nil {
		return nil, err
	}
	return questions(ctx, s.db.read, cycleID, version)
}

// questions reads a version of a cycle's questions, 0 for the current.
func questions(ctx context.Context, q querier, cycleID int64, version int) ([]*rankfile.EndorsementQuestion, error) {
	rows, err := q.QueryContext(ctx, `SELECT q.id, q.cycle_id, q.version, q.position, q.text, q.text_es
		FROM endorsement_questions q JOIN endorsement_cycles c ON c.id = q.cycle_id
		WHERE q.cycle_id = $1 AND q.version = CASE WHEN $2 = 0 THEN c.questionnaire_version ELSE $2 END
		ORDER BY q.position`, cycleID, version)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*rankfile.EndorsementQuestion{}
	for rows.Next() {
		e := &rankfile.EndorsementQuestion{}
		if err := rows.Scan(&e.ID, &e.CycleID, &e.Version, &e.Position, &e.Text, &e.TextES); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Questionnaire returns a candidate's questionnaire: the questions of
// their version (the cycle's current one before they are sent a link),
// their answers, and their documents without the data.
func (s *EndorsementService) Questionnaire(ctx context.Context, candidateID int64) (*rankfile.EndorsementQuestionnaire, error) {
	found, err := s.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{ID: candidateID})
	if err != nil {
		return nil, err
	}
	c := found[0]
	out := &rankfile.EndorsementQuestionnaire{CandidateID: c.ID, Version: c.QuestionnaireVersion,
		Answers: map[int64]string{}, SubmittedAt: c.SubmittedAt}
	if out.Questions, err = questions(ctx, s.db.read, c.CycleID, c.QuestionnaireVersion); err != nil {
		return nil, s.db.translate(err)
	}
	var saved sql.NullTime
	if err := s.db.read.QueryRowContext(ctx, `SELECT saved_at FROM endorsement_candidates WHERE id = $1`,
		c.ID).Scan(&saved); err != nil {
		return nil, s.db.translate(err)
	}
	out.SavedAt = saved.Time
	if err := s.readAnswers(ctx, out); err != nil {
		return nil, err
	}
	out.Documents, err = s.documents(ctx, c.ID)
	return out, err
}

// readAnswers fills in the questionnaire's answers.
func (s *EndorsementService) readAnswers(ctx context.Context, q *rankfile.EndorsementQuestionnaire) error {
	rows, err := s.db.read.QueryContext(ctx, `SELECT question_id, answer FROM endorsement_answers WHERE candidate_id = $1`,
		q.CandidateID)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var answer string
		if err := rows.Scan(&id, &answer); err != nil {
			return err
		}
		q.Answers[id] = answer
	}
	return rows.Err()
}

// SaveAnswers stores a candidate's answers in place of those saved while
// check lets the candidate answer, in one transaction with the candidate's
// row held; submit confirms them, which needs every question answered.
func (s *EndorsementService) SaveAnswers(ctx context.Context, candidateID int64, answers []rankfile.EndorsementAnswer,
	submit bool, check func(*rankfile.EndorsementCandidate) error) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.answerableCandidate(ctx, candidateID, check)
		if err != nil {
			return err
		}
		qs, err := questions(ctx, tx, c.CycleID, c.QuestionnaireVersion)
		if err != nil {
			return err
		}
		if err := rankfile.CheckAnswers(answers, qs); err != nil {
			return err
		}
		if submit {
			if err := rankfile.CheckComplete(answers, qs); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM endorsement_answers WHERE candidate_id = $1`, c.ID); err != nil {
			return err
		}
		for _, a := range answers {
			if a.Answer == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO endorsement_answers (candidate_id, question_id, answer)
				VALUES ($1, $2, $3)`, c.ID, a.QuestionID, a.Answer); err != nil {
				return err
			}
		}
		return tx.markAnswered(ctx, c.ID, submit)
	})
}

// markAnswered stamps the candidate's answers saved, and submitted when
// submit, with the audit entry that says so.
func (tx *Tx) markAnswered(ctx context.Context, candidateID int64, submit bool) error {
	query, detail := `UPDATE endorsement_candidates SET saved_at = $1 WHERE id = $2`, "saved answers of candidate "
	if submit {
		query, detail = `UPDATE endorsement_candidates SET saved_at = $1, submitted_at = $1 WHERE id = $2`,
			"submitted the questionnaire of candidate "
	}
	if _, err := tx.ExecContext(ctx, query, tx.stamp, candidateID); err != nil {
		return err
	}
	return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, detail+itoa(candidateID))
}

// answerableCandidate holds the candidate's row for the rest of the
// transaction (so that two saves, or a save and a submission, take turns)
// and returns the candidate once check lets them answer. A candidate never
// sent a link has no version to answer.
func (tx *Tx) answerableCandidate(ctx context.Context, id int64, check func(*rankfile.EndorsementCandidate) error) (*rankfile.EndorsementCandidate, error) {
	res, err := tx.ExecContext(ctx, `UPDATE endorsement_candidates SET saved_at = saved_at WHERE id = $1`, id)
	if err := mustAffect(res, err, "no such candidate"); err != nil {
		return nil, err
	}
	c, err := scanCandidate(tx.QueryRowContext(ctx, `SELECT `+candidateColumns+` FROM endorsement_candidates c
		JOIN endorsement_races r ON r.id = c.race_id WHERE c.id = $1`, id))
	if err != nil {
		return nil, err
	}
	if c.QuestionnaireVersion == 0 {
		return nil, errBadQuestionnaireLink
	}
	if err := check(c); err != nil {
		return nil, err
	}
	return c, nil
}
