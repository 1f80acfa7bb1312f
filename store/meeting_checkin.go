package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// Who is checked into which session of a meeting, and the meetings a
// member attended.

// CheckIn checks a member into a session. Checking into the session they
// are in again changes nothing; into another session of the meeting, it
// is refused, naming the one they are in.
func (s *MeetingService) CheckIn(ctx context.Context, meetingID, sessionID, memberID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		var ok int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM meeting_sessions WHERE id = $1 AND meeting_id = $2`,
			sessionID, meetingID).Scan(&ok); err != nil {
			return err
		} else if ok == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such session")
		}
		by := ""
		if actor := rankfile.ActorFrom(ctx); actor.ID() != memberID {
			by = actor.Name()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_attendance (meeting_id, member_id, session_id, checked_in_at,
			checked_in_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (meeting_id, member_id) DO NOTHING`,
			meetingID, memberID, sessionID, tx.stamp, by); err != nil {
			return err
		}
		var in int64
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT a.session_id, s.name FROM meeting_attendance a
			JOIN meeting_sessions s ON s.id = a.session_id WHERE a.meeting_id = $1 AND a.member_id = $2`,
			meetingID, memberID).Scan(&in, &name); err != nil {
			return err
		}
		if in != sessionID {
			return rankfile.Errorf(rankfile.ECONFLICT, "already checked into the %s session: a member attends one session of a meeting", name)
		}
		return nil
	})
}

// Attendance lists who is checked in, by session then name, with their
// standing today.
func (s *MeetingService) Attendance(ctx context.Context, meetingID int64) ([]*rankfile.Attendance, error) {
	return s.attendance(ctx, `a.meeting_id = $2`, meetingID)
}

// Attendee returns one member's attendance, or nil.
func (s *MeetingService) Attendee(ctx context.Context, meetingID, memberID int64) (*rankfile.Attendance, error) {
	list, err := s.attendance(ctx, `a.meeting_id = $2 AND a.member_id = $3`, meetingID, memberID)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

func (s *MeetingService) attendance(ctx context.Context, cond string, args ...any) ([]*rankfile.Attendance, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT a.session_id, a.member_id, m.first_name, m.last_name, a.checked_in_at,
		a.checked_in_by, `+fmt.Sprintf(goodStandingSQL, 1)+`
		FROM meeting_attendance a JOIN members m ON m.id = a.member_id
		LEFT JOIN standing_overrides o ON o.member_id = m.id AND o.revoked_at IS NULL
		WHERE `+cond+` ORDER BY a.session_id, m.last_name_folded, m.first_name_folded, m.id`,
		append([]any{s.db.day(rankfile.Date{})}, args...)...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Attendance
	for rows.Next() {
		a := &rankfile.Attendance{}
		var first, last string
		if err := rows.Scan(&a.SessionID, &a.MemberID, &first, &last, &a.CheckedInAt, &a.By, &a.Good); err != nil {
			return nil, err
		}
		a.Name = strings.TrimSpace(first + " " + last)
		out = append(out, a)
	}
	return out, rows.Err()
}

// SessionCounts counts each session's attendance and those of it in good
// standing today; sessions no one attends count zero.
func (s *MeetingService) SessionCounts(ctx context.Context, meetingID int64) ([]rankfile.SessionCount, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT s.id, COUNT(a.member_id),
		COALESCE(SUM(CASE WHEN a.member_id IS NOT NULL AND `+fmt.Sprintf(goodStandingSQL, 1)+` THEN 1 ELSE 0 END), 0)
		FROM meeting_sessions s LEFT JOIN meeting_attendance a ON a.session_id = s.id
		LEFT JOIN members m ON m.id = a.member_id
		LEFT JOIN standing_overrides o ON o.member_id = m.id AND o.revoked_at IS NULL
		WHERE s.meeting_id = $2 GROUP BY s.id ORDER BY s.id`, s.db.day(rankfile.Date{}), meetingID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []rankfile.SessionCount
	for rows.Next() {
		var c rankfile.SessionCount
		if err := rows.Scan(&c.SessionID, &c.Present, &c.Good); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MemberAttendance lists the meetings the member was checked into, latest
// first.
func (s *MeetingService) MemberAttendance(ctx context.Context, memberID int64) ([]*rankfile.AttendedMeeting, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT m.id, m.title, m.starts_at, s.name, a.checked_in_at
		FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id JOIN meeting_sessions s ON s.id = a.session_id
		WHERE a.member_id = $1 ORDER BY m.starts_at DESC, m.id DESC`, memberID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.AttendedMeeting
	for rows.Next() {
		a := &rankfile.AttendedMeeting{}
		if err := rows.Scan(&a.MeetingID, &a.Title, &a.StartsAt, &a.Session, &a.CheckedInAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
