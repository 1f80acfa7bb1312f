package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// The quarterly check (course_quarter.go): courses with no session in a
// quarter, flagged once in course_quarter_flags in the transaction that
// queues the emails about them.

// offered is the condition that course c has a session, not cancelled,
// starting from $1 and before $2.
const offered = `EXISTS (SELECT 1 FROM course_sessions s JOIN events e ON e.id = s.event_id
	WHERE s.course_id = c.id AND NOT e.cancelled AND e.starts_at >= $1 AND e.starts_at < $2)`

// developed is the condition that course c has an owner not dissolved.
const developed = `EXISTS (SELECT 1 FROM course_bodies o JOIN bodies b ON b.id = o.body_id
	WHERE o.course_id = c.id AND b.dissolved_at IS NULL)`

// FlagUnofferedCourses flags each course developed by a body not dissolved
// that has no session in quarter q and was not flagged for q, and queues
// one notice to each leader of its bodies and each member of the steering
// committee (one each, however many courses). It returns how many courses
// it flagged. The flags are inserted first, so two clocks running at once
// flag and tell once.
func (s *CourseService) FlagUnofferedCourses(ctx context.Context, q rankfile.Quarter) (int, error) {
	flagged := 0
	err := s.db.inTx(ctx, func(tx *Tx) error {
		from, to := tx.db.timeArg(q.Start().Time(tx.db.Zone).UTC()), tx.db.timeArg(q.Next().Start().Time(tx.db.Zone).UTC())
		rows, err := tx.QueryContext(ctx, `INSERT INTO course_quarter_flags (course_id, quarter, flagged_at)
			SELECT c.id, $3, $4 FROM courses c WHERE `+developed+` AND NOT `+offered+`
			ON CONFLICT DO NOTHING RETURNING course_id`, from, to, q.String(), tx.stamp)
		if err != nil {
			return err
		}
		courses, err := scanIDs(rows)
		if err != nil || len(courses) == 0 {
			return err
		}
		flagged = len(courses)
		return tx.queueUnofferedNotices(ctx, courses)
	})
	return flagged, err
}

// queueUnofferedNotices queues a notice to each member holding a seat
// today in a body that develops one of the courses, or on a steering
// committee.
func (tx *Tx) queueUnofferedNotices(ctx context.Context, courses []int64) error {
	told := map[int64]bool{}
	members, err := tx.leadersWhere(ctx, `b.kind = 'steering_committee' AND $2 = 0`, 0)
	for _, c := range courses {
		if err != nil {
			return err
		}
		var more []int64
		more, err = tx.leadersWhere(ctx, `p.body_id IN (SELECT body_id FROM course_bodies WHERE course_id = $2)`, c)
		members = append(members, more...)
	}
	if err != nil {
		return err
	}
	for _, m := range members {
		if told[m] {
			continue
		}
		told[m] = true
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, member_id, state, next_at, created_at)
			VALUES ('course_not_offered', $1, 'pending', $2, $2)`, m, tx.stamp); err != nil {
			return err
		}
	}
	return tx.audit(ctx, rankfile.AuditChangeCourse, 0, sprintf("courses %v not offered this quarter: %d told", courses, len(told)))
}

// leadersWhere lists the members holding a seat today in the bodies b the
// condition selects, given $2.
func (tx *Tx) leadersWhere(ctx context.Context, cond string, arg int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT p.member_id FROM positions p JOIN bodies b ON b.id = p.body_id
		WHERE p.seat_id IS NOT NULL AND p.start_on <= $1 AND (p.end_on IS NULL OR p.end_on >= $1) AND `+cond+`
		ORDER BY p.member_id`, tx.today(), arg)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// UnofferedCourses lists the ids of the courses flagged for quarter q that
// still have no session in it.
func (s *CourseService) UnofferedCourses(ctx context.Context, q rankfile.Quarter) ([]int64, error) {
	from, to := s.db.timeArg(q.Start().Time(s.db.Zone).UTC()), s.db.timeArg(q.Next().Start().Time(s.db.Zone).UTC())
	rows, err := s.db.read.QueryContext(ctx, `SELECT c.id FROM course_quarter_flags f JOIN courses c ON c.id = f.course_id
		WHERE f.quarter = $3 AND NOT `+offered+` ORDER BY c.title, c.id`, from, to, q.String())
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanIDs(rows)
}
