package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// MeetingService keeps meetings, their sessions and agendas, and who
// attends them (migration 00013).
type MeetingService struct{ db *DB }

// NewMeetingService returns the meeting service of db.
func NewMeetingService(db *DB) *MeetingService { return &MeetingService{db: db} }

var _ rankfile.MeetingService = (*MeetingService)(nil)

// CreateMeeting stores a meeting, each of its sessions with a code of its
// own, and its agenda.
func (s *MeetingService) CreateMeeting(ctx context.Context, m *rankfile.Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		m.CreatedAt = tx.now
		if err := tx.QueryRowContext(ctx, `INSERT INTO meetings (body_id, kind, title, starts_at, format, quorum_count,
			quorum_percent, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, m.BodyID, string(m.Kind),
			m.Title, s.db.timeArg(m.StartsAt), string(m.Format), m.Quorum.Count, m.Quorum.Percent, tx.stamp).Scan(&m.ID); err != nil {
			return err
		}
		codes := map[string]bool{}
		for _, ses := range m.Sessions {
			for ses.Code = sessionCode(); codes[ses.Code]; ses.Code = sessionCode() {
			}
			codes[ses.Code], ses.MeetingID = true, m.ID
			if err := tx.QueryRowContext(ctx, `INSERT INTO meeting_sessions (meeting_id, name, branch_id, chair_id,
				secretary_id, place, link, code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, m.ID, ses.Name,
				nullID(ses.BranchID), nullID(ses.ChairID), nullID(ses.SecretaryID), ses.Place, ses.Link, ses.Code).Scan(&ses.ID); err != nil {
				return err
			}
		}
		for _, item := range m.Agenda {
			if err := tx.QueryRowContext(ctx, `INSERT INTO agenda_items (meeting_id, position, kind, title, proposal_id)
				VALUES ($1, $2, $3, $4, $5) RETURNING id`, m.ID, item.Position, string(item.Kind), item.Title,
				nullID(item.ProposalID)).Scan(&item.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// FindMeetings returns meetings in the order they start, with their
// sessions and agendas.
func (s *MeetingService) FindMeetings(ctx context.Context, f rankfile.MeetingFilter) ([]*rankfile.Meeting, error) {
	var c where
	if f.ID != 0 {
		c.add("id = $%d", f.ID)
	}
	if f.BodyID != 0 {
		c.add("body_id = $%d", f.BodyID)
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, body_id, kind, title, starts_at, format, quorum_count,
		quorum_percent, created_at, minutes, minutes_by, minutes_updated_at, minutes_approved_at,
		COALESCE(minutes_approved_in, 0) FROM meetings`+c.sql()+` ORDER BY starts_at, id`, c.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Meeting
	byID := map[int64]*rankfile.Meeting{}
	for rows.Next() {
		m := &rankfile.Meeting{}
		var updated, approved sql.NullTime
		if err := rows.Scan(&m.ID, &m.BodyID, &m.Kind, &m.Title, &m.StartsAt, &m.Format, &m.Quorum.Count,
			&m.Quorum.Percent, &m.CreatedAt, &m.Minutes.Text, &m.Minutes.By, &updated, &approved,
			&m.Minutes.ApprovedIn); err != nil {
			return nil, err
		}
		m.Minutes.UpdatedAt, m.Minutes.ApprovedAt = updated.Time, approved.Time
		out, byID[m.ID] = append(out, m), m
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	if err := s.readSessions(ctx, byID); err != nil {
		return nil, err
	}
	return out, s.readAgendas(ctx, byID)
}

func (s *MeetingService) readSessions(ctx context.Context, byID map[int64]*rankfile.Meeting) error {
	args := keyArgs(byID)
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, meeting_id, name, COALESCE(branch_id, 0), COALESCE(chair_id, 0),
		COALESCE(secretary_id, 0), place, link, code FROM meeting_sessions
		WHERE meeting_id IN (`+placeholders(1, len(args))+`) ORDER BY meeting_id, id`, args...)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		ses := &rankfile.MeetingSession{}
		if err := rows.Scan(&ses.ID, &ses.MeetingID, &ses.Name, &ses.BranchID, &ses.ChairID, &ses.SecretaryID,
			&ses.Place, &ses.Link, &ses.Code); err != nil {
			return err
		}
		byID[ses.MeetingID].Sessions = append(byID[ses.MeetingID].Sessions, ses)
	}
	return rows.Err()
}

func (s *MeetingService) readAgendas(ctx context.Context, byID map[int64]*rankfile.Meeting) error {
	args := keyArgs(byID)
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, meeting_id, position, kind, title, COALESCE(proposal_id, 0)
		FROM agenda_items WHERE meeting_id IN (`+placeholders(1, len(args))+`) ORDER BY meeting_id, position`, args...)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		item := &rankfile.AgendaItem{}
		var meetingID int64
		if err := rows.Scan(&item.ID, &meetingID, &item.Position, &item.Kind, &item.Title, &item.ProposalID); err != nil {
			return err
		}
		byID[meetingID].Agenda = append(byID[meetingID].Agenda, item)
	}
	return rows.Err()
}

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
		WHERE `+cond+` ORDER BY a.session_id, lower(m.last_name), lower(m.first_name), m.id`,
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

// SaveMinutes stores the minutes' text, in its writer's name, until they
// are approved: approved minutes are the record and do not change.
func (s *MeetingService) SaveMinutes(ctx context.Context, meetingID int64, text string) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET minutes = $1, minutes_by = $2, minutes_updated_at = $3
			WHERE id = $4 AND minutes_approved_at IS NULL`, text, rankfile.ActorFrom(ctx).Name(), tx.stamp, meetingID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ECONFLICT, "the minutes were approved and are the record now; they do not change")
		}
		return tx.audit(ctx, rankfile.AuditMinutes, meetingID, "wrote the minutes of meeting "+itoa(meetingID))
	})
}

// ApproveMinutes records that the meeting atMeetingID approved the
// minutes, once.
func (s *MeetingService) ApproveMinutes(ctx context.Context, meetingID, atMeetingID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET minutes_approved_at = $1, minutes_approved_in = $2
			WHERE id = $3 AND minutes_approved_at IS NULL AND minutes <> ''`, tx.stamp, atMeetingID, meetingID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ECONFLICT, "there are no minutes waiting for approval")
		}
		return tx.audit(ctx, rankfile.AuditMinutes, meetingID,
			fmt.Sprintf("meeting %d approved the minutes of meeting %d", atMeetingID, meetingID))
	})
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
