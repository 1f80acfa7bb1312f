package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// Qualifications required where roles are given (course_requirement.go):
// the rules, and the check every way of giving a role goes through, in the
// transaction that gives it.

// CourseRequirements lists the chapter's requirements: seats by body and
// title, then kinds of event.
func (s *CourseService) CourseRequirements(ctx context.Context) ([]*rankfile.CourseRequirement, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT COALESCE(r.seat_id, 0), COALESCE(r.event_kind, ''), r.course_id, c.title,
		COALESCE(t.title, ''), COALESCE(b.name, '') FROM course_requirements r JOIN courses c ON c.id = r.course_id
		LEFT JOIN seats t ON t.id = r.seat_id LEFT JOIN bodies b ON b.id = t.body_id
		ORDER BY r.event_kind IS NOT NULL, b.name, t.title, r.event_kind`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.CourseRequirement{}
	for rows.Next() {
		r := &rankfile.CourseRequirement{}
		if err := rows.Scan(&r.SeatID, &r.EventKind, &r.CourseID, &r.CourseTitle, &r.SeatTitle, &r.BodyName); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetCourseRequirement makes a seat or a kind of event's leads require a
// course, or with a CourseID of 0 no longer require one. ENOTFOUND for an
// unknown seat or course.
func (s *CourseService) SetCourseRequirement(ctx context.Context, r *rankfile.CourseRequirement) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM course_requirements WHERE seat_id = $1 OR event_kind = $2`,
			r.SeatID, string(r.EventKind)); err != nil {
			return err
		}
		if r.CourseID != 0 {
			if err := tx.insertRequirement(ctx, r); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditChangeCourse, 0, sprintf("requirement of seat %d or kind %q: course %d",
			r.SeatID, r.EventKind, r.CourseID))
	})
}

func (tx *Tx) insertRequirement(ctx context.Context, r *rankfile.CourseRequirement) error {
	var one int
	if err := tx.QueryRowContext(ctx, `SELECT 1 FROM courses WHERE id = $1`, r.CourseID).Scan(&one); err == sql.ErrNoRows {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such course")
	} else if err != nil {
		return err
	}
	if r.SeatID != 0 {
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM seats WHERE id = $1`, r.SeatID).Scan(&one); err == sql.ErrNoRows {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such seat")
		} else if err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO course_requirements (seat_id, event_kind, course_id, set_at) VALUES ($1, $2, $3, $4)`,
		nullID(r.SeatID), sql.NullString{String: string(r.EventKind), Valid: r.EventKind != ""}, r.CourseID, tx.stamp)
	return err
}

// checkSeatRequirement refuses to seat a member in a seat whose course
// they do not hold valid on day d.
func (tx *Tx) checkSeatRequirement(ctx context.Context, seatID, memberID int64, d rankfile.Date) error {
	var title string
	if err := tx.QueryRowContext(ctx, `SELECT title FROM seats WHERE id = $1`, seatID).Scan(&title); err != nil {
		return err
	}
	return tx.checkRequirement(ctx, `seat_id = $1`, seatID, title, memberID, d)
}

// checkLeadRequirement refuses to make a member a lead of an event of the
// kind given unless they hold its course, if any, valid on day d.
func (tx *Tx) checkLeadRequirement(ctx context.Context, kind rankfile.EventKind, memberID int64, d rankfile.Date) error {
	return tx.checkRequirement(ctx, `event_kind = $1`, string(kind), "", memberID, d)
}

// checkRequirement checks the member against the requirement the
// condition on course_requirements selects with role ($1), if there is
// one; seat is the seat's title, "" for an event's leads.
func (tx *Tx) checkRequirement(ctx context.Context, cond string, role any, seat string, memberID int64, d rankfile.Date) error {
	var courseID int64
	var course string
	err := tx.QueryRowContext(ctx, `SELECT r.course_id, c.title FROM course_requirements r JOIN courses c ON c.id = r.course_id
		WHERE r.`+cond, role).Scan(&courseID, &course)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return err
	}
	name, err := tx.memberName(ctx, memberID)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+completionColumns+` FROM course_completions c
		JOIN courses k ON k.id = c.course_id WHERE c.member_id = $1 AND c.course_id = $2`, memberID, courseID)
	if err != nil {
		return err
	}
	done, err := scanCompletions(rows)
	if err != nil {
		return err
	}
	return rankfile.CheckQualified(seat, course, name, done, d)
}
