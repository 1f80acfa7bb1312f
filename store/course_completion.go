package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// Completions of courses, exceptions to their prerequisites, and the
// notices that qualifications lapse soon.

const completionColumns = `c.id, c.course_id, c.member_id, COALESCE(c.event_id, 0), c.outcome, c.completed_on,
	c.expires_on, COALESCE(c.recorded_by, 0), c.reason, c.created_at, k.title`

func scanCompletions(rows *sql.Rows) ([]*rankfile.Completion, error) {
	defer rows.Close()
	var out []*rankfile.Completion
	for rows.Next() {
		c := &rankfile.Completion{}
		if err := rows.Scan(&c.ID, &c.CourseID, &c.MemberID, &c.EventID, &c.Outcome, &c.CompletedOn, &c.ExpiresOn,
			&c.RecordedBy, &c.Reason, &c.CreatedAt, &c.CourseTitle); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MemberCompletions lists a member's completions, latest first.
func (s *CourseService) MemberCompletions(ctx context.Context, memberID int64) ([]*rankfile.Completion, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+completionColumns+` FROM course_completions c
		JOIN courses k ON k.id = c.course_id WHERE c.member_id = $1 ORDER BY c.completed_on DESC, c.id DESC`, memberID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanCompletions(rows)
}

// SessionCompletions lists the outcomes recorded for a session.
func (s *CourseService) SessionCompletions(ctx context.Context, eventID int64) ([]*rankfile.Completion, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+completionColumns+` FROM course_completions c
		JOIN courses k ON k.id = c.course_id WHERE c.event_id = $1 ORDER BY c.member_id`, eventID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanCompletions(rows)
}

// RecordCompletions records the outcomes of a session's registrants on
// day d: a complete one qualifies until the course's validity runs out.
// Recording again replaces a member's outcome. EINVALID for someone not
// registered at the session, and nothing is stored.
func (s *CourseService) RecordCompletions(ctx context.Context, eventID int64, d rankfile.Date, outcomes []rankfile.SessionOutcome) error {
	if err := rankfile.CheckDates("a completion's date", d); err != nil || d.IsZero() {
		return rankfile.Errorf(rankfile.EINVALID, "a completion needs a date")
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		var courseID int64
		err := tx.QueryRowContext(ctx, `SELECT course_id FROM course_sessions WHERE event_id = $1`, eventID).Scan(&courseID)
		if err == sql.ErrNoRows {
			return rankfile.Errorf(rankfile.ENOTFOUND, "this event is no course's session")
		}
		if err != nil {
			return err
		}
		c, err := tx.course(ctx, courseID)
		if err != nil {
			return err
		}
		for _, o := range outcomes {
			if err := tx.recordCompletion(ctx, c, eventID, d, o); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditCompleteCourse, 0, "session "+itoa(eventID)+" of course "+itoa(courseID)+
			": "+itoa(int64(len(outcomes)))+" outcomes")
	})
}

func (tx *Tx) recordCompletion(ctx context.Context, c *rankfile.Course, eventID int64, d rankfile.Date, o rankfile.SessionOutcome) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND member_id = $2`,
		eventID, o.MemberID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return rankfile.Errorf(rankfile.EINVALID, "member %d did not register for this session", o.MemberID)
	}
	var expires rankfile.Date
	if o.Outcome == rankfile.OutcomeComplete {
		expires = c.ExpiryFrom(d)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO course_completions (course_id, member_id, event_id, outcome, completed_on,
		expires_on, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (event_id, member_id) WHERE event_id IS NOT NULL DO UPDATE SET outcome = excluded.outcome,
		completed_on = excluded.completed_on, expires_on = excluded.expires_on, recorded_by = excluded.recorded_by,
		lapse_notice_at = NULL`, c.ID, o.MemberID, eventID, string(o.Outcome), d, expires,
		nullID(rankfile.ActorFrom(ctx).ID()), tx.stamp)
	return err
}

// GrantException lets a member register for a course's sessions without
// its prerequisites; granting again keeps the first reason.
func (s *CourseService) GrantException(ctx context.Context, e *rankfile.CourseException) error {
	reason, err := rankfile.CheckReason(e.Reason)
	if err != nil {
		return err
	}
	e.Reason = reason
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.course(ctx, e.CourseID); err != nil {
			return err
		}
		if _, err := tx.memberName(ctx, e.MemberID); err != nil {
			return err
		}
		e.CreatedAt = tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO course_exceptions (course_id, member_id, granted_by, reason,
			created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, e.CourseID, e.MemberID, e.GrantedBy,
			e.Reason, tx.stamp); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditCourseException, e.MemberID, "course "+itoa(e.CourseID)+": "+e.Reason)
	})
}

// HasException reports whether a member has an exception for a course.
func (s *CourseService) HasException(ctx context.Context, courseID, memberID int64) (bool, error) {
	var n int
	err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM course_exceptions WHERE course_id = $1 AND member_id = $2`,
		courseID, memberID).Scan(&n)
	return n > 0, s.db.translate(err)
}

// lapsing is the condition on completions c that they are qualifications
// lapsing after $1 and by $2 that no later one of the course renews.
const lapsing = `c.outcome = 'complete' AND c.expires_on > $1 AND c.expires_on <= $2 AND NOT EXISTS (
	SELECT 1 FROM course_completions r WHERE r.member_id = c.member_id AND r.course_id = c.course_id
	AND r.outcome = 'complete' AND r.id <> c.id AND (r.expires_on IS NULL OR r.expires_on > c.expires_on))`

// QueueLapseNotices queues one notice to each member with a qualification
// lapsing between today and until that has not had one, and returns how
// many it queued. Each qualification is marked in the statement that
// finds it, so that two clocks running at once tell nobody twice.
func (s *CourseService) QueueLapseNotices(ctx context.Context, until rankfile.Date) (int, error) {
	queued := 0
	err := s.db.inTx(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE course_completions SET lapse_notice_at = $3 WHERE id IN (
			SELECT c.id FROM course_completions c WHERE `+lapsing+` AND c.lapse_notice_at IS NULL)
			AND lapse_notice_at IS NULL RETURNING member_id`, tx.today(), until, tx.stamp)
		if err != nil {
			return err
		}
		members, err := scanIDs(rows)
		if err != nil {
			return err
		}
		told := map[int64]bool{}
		for _, m := range members {
			if told[m] {
				continue
			}
			told[m] = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, member_id, state, next_at, created_at)
				VALUES ('qualification_lapsing', $1, 'pending', $2, $2)`, m, tx.stamp); err != nil {
				return err
			}
		}
		queued = len(told)
		return nil
	})
	return queued, err
}
