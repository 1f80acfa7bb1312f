package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// A course's trainers and sessions.

// qualifiedNow is the condition that member $2 holds a valid
// qualification of course $1 on day $3.
const qualifiedNow = `EXISTS (SELECT 1 FROM course_completions q WHERE q.course_id = $1 AND q.member_id = $2
	AND q.outcome = 'complete' AND (q.expires_on IS NULL OR q.expires_on > $3))`

// Trainers lists a course's trainers by name.
func (s *CourseService) Trainers(ctx context.Context, courseID int64) ([]*rankfile.Trainer, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT t.course_id, t.member_id, m.first_name || ' ' || m.last_name,
		t.added_at FROM course_trainers t JOIN members m ON m.id = t.member_id WHERE t.course_id = $1
		ORDER BY lower(m.first_name), lower(m.last_name), m.id`, courseID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Trainer
	for rows.Next() {
		t := &rankfile.Trainer{}
		if err := rows.Scan(&t.CourseID, &t.MemberID, &t.Name, &t.AddedAt); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// AddTrainer makes a member a trainer of the course: ECONFLICT unless
// they hold its qualification valid today. Adding one again changes
// nothing.
func (s *CourseService) AddTrainer(ctx context.Context, courseID, memberID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error { return tx.addTrainer(ctx, courseID, memberID) })
}

func (tx *Tx) addTrainer(ctx context.Context, courseID, memberID int64) error {
	name, err := tx.memberName(ctx, memberID)
	if err != nil {
		return err
	}
	var ok bool
	if err := tx.QueryRowContext(ctx, `SELECT `+qualifiedNow, courseID, memberID, tx.today()).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return rankfile.Errorf(rankfile.ECONFLICT, "%s has not completed this course, or their qualification has lapsed", name)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO course_trainers (course_id, member_id, added_at) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, courseID, memberID, tx.stamp); err != nil {
		return err
	}
	return tx.audit(ctx, rankfile.AuditChangeCourse, memberID, "trainer of course "+itoa(courseID))
}

func (tx *Tx) memberName(ctx context.Context, memberID int64) (string, error) {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT first_name || ' ' || last_name FROM members WHERE id = $1`, memberID).Scan(&name)
	if err == sql.ErrNoRows {
		return "", rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	}
	return name, err
}

// RemoveTrainer takes a member off the course's trainers; the sessions
// they were to give keep them.
func (s *CourseService) RemoveTrainer(ctx context.Context, courseID, memberID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM course_trainers WHERE course_id = $1 AND member_id = $2`,
			courseID, memberID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeCourse, memberID, "no longer trainer of course "+itoa(courseID))
	})
}

// RecordFoundingTrainer records a qualification of the course for a
// member without a session, completed today, with the reason, and makes
// them a trainer: how a new course gets its first trainers.
func (s *CourseService) RecordFoundingTrainer(ctx context.Context, courseID, memberID int64, reason string) error {
	reason, err := rankfile.CheckReason(reason)
	if err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.course(ctx, courseID)
		if err != nil {
			return err
		}
		today := tx.today()
		if _, err := tx.ExecContext(ctx, `INSERT INTO course_completions (course_id, member_id, outcome, completed_on,
			expires_on, recorded_by, reason, created_at) VALUES ($1, $2, 'complete', $3, $4, $5, $6, $7)`,
			courseID, memberID, today, c.ExpiryFrom(today), nullID(rankfile.ActorFrom(ctx).ID()), reason, tx.stamp); err != nil {
			return err
		}
		if err := tx.audit(ctx, rankfile.AuditFoundingTrainer, memberID, "course "+itoa(courseID)+": "+reason); err != nil {
			return err
		}
		return tx.addTrainer(ctx, courseID, memberID)
	})
}

// course reads what the transaction needs of a course.
func (tx *Tx) course(ctx context.Context, id int64) (*rankfile.Course, error) {
	c := &rankfile.Course{ID: id}
	err := tx.QueryRowContext(ctx, `SELECT title, validity_months FROM courses WHERE id = $1`, id).Scan(&c.Title, &c.ValidityMonths)
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such course")
	}
	return c, err
}

// CreateSessions stores training events as sessions of the course, given
// by the trainers, each of whom must be the course's trainer with a
// qualification valid today; all or nothing.
func (s *CourseService) CreateSessions(ctx context.Context, events []*rankfile.Event, r *rankfile.Recurrence, courseID int64, trainerIDs []int64) error {
	if len(trainerIDs) == 0 {
		return rankfile.Errorf(rankfile.EINVALID, "a session needs at least one trainer")
	}
	for _, e := range events {
		if err := e.Validate(); err != nil {
			return err
		}
		if e.Kind != rankfile.EventTraining {
			return rankfile.Errorf(rankfile.EINVALID, "a course's session is a training")
		}
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.course(ctx, courseID); err != nil {
			return err
		}
		if err := tx.checkTrainers(ctx, courseID, trainerIDs); err != nil {
			return err
		}
		if err := tx.createEvents(ctx, events, r); err != nil {
			return err
		}
		for _, e := range events {
			if err := tx.linkSession(ctx, e.ID, courseID, trainerIDs); err != nil {
				return err
			}
		}
		return nil
	})
}

// checkTrainers refuses a trainer who is not the course's, or whose
// qualification is not valid today, naming them.
func (tx *Tx) checkTrainers(ctx context.Context, courseID int64, trainerIDs []int64) error {
	for _, id := range trainerIDs {
		name, err := tx.memberName(ctx, id)
		if err != nil {
			return err
		}
		var ok bool
		if err := tx.QueryRowContext(ctx, `SELECT `+qualifiedNow+` AND EXISTS (SELECT 1 FROM course_trainers t
			WHERE t.course_id = $1 AND t.member_id = $2)`, courseID, id, tx.today()).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return rankfile.Errorf(rankfile.EINVALID, "%s is not a trainer of this course with a valid qualification", name)
		}
	}
	return nil
}

func (tx *Tx) linkSession(ctx context.Context, eventID, courseID int64, trainerIDs []int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO course_sessions (event_id, course_id) VALUES ($1, $2)`, eventID, courseID); err != nil {
		return err
	}
	for _, m := range trainerIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO course_session_trainers (event_id, member_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, eventID, m); err != nil {
			return err
		}
	}
	return nil
}

// SessionCourse returns the course of a session and its trainers, a zero
// course id for an event that is no course's session.
func (s *CourseService) SessionCourse(ctx context.Context, eventID int64) (int64, []int64, error) {
	var courseID int64
	err := s.db.read.QueryRowContext(ctx, `SELECT course_id FROM course_sessions WHERE event_id = $1`, eventID).Scan(&courseID)
	if err == sql.ErrNoRows {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, s.db.translate(err)
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT member_id FROM course_session_trainers WHERE event_id = $1
		ORDER BY member_id`, eventID)
	if err != nil {
		return 0, nil, s.db.translate(err)
	}
	trainers, err := scanIDs(rows)
	return courseID, trainers, err
}

// CourseSessions lists the ids of a course's sessions in the order they
// start.
func (s *CourseService) CourseSessions(ctx context.Context, courseID int64) ([]int64, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT s.event_id FROM course_sessions s JOIN events e ON e.id = s.event_id
		WHERE s.course_id = $1 ORDER BY e.starts_at, e.id`, courseID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanIDs(rows)
}
