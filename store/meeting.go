package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// MeetingService keeps meetings, their sessions and agendas, and who
// attends them (migration 00013).
type MeetingService struct{ db *DB }

// NewMeetingService returns the meeting service of db.
func NewMeetingService(db *DB) *MeetingService { return &MeetingService{db: db} }

var _ rankfile.MeetingService = (*MeetingService)(nil)

// CreateMeeting stores a meeting, each of its sessions with a code of its
// own, and its agenda, and schedules the proposals on the agenda with the
// step schedule, all in one transaction.
func (s *MeetingService) CreateMeeting(ctx context.Context, m *rankfile.Meeting, schedule *rankfile.ProposalStep) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		m.CreatedAt = tx.now
		if err := tx.QueryRowContext(ctx, `INSERT INTO meetings (body_id, kind, title, starts_at, ends_at, format,
			quorum_count, quorum_percent, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			m.BodyID, string(m.Kind), m.Title, s.db.timeArg(m.StartsAt), tx.nullTime(m.EndsAt), string(m.Format),
			m.Quorum.Count, m.Quorum.Percent, tx.stamp).Scan(&m.ID); err != nil {
			return err
		}
		codes := map[string]bool{}
		for _, ses := range m.Sessions {
			if err := tx.insertSession(ctx, m.ID, ses, codes); err != nil {
				return err
			}
		}
		for _, item := range m.Agenda {
			if err := tx.insertAgendaItem(ctx, m.ID, item, schedule); err != nil {
				return err
			}
		}
		return nil
	})
}

// insertSession stores a session of the meeting with a code none of
// codes, the meeting's other sessions' codes, holds.
func (tx *Tx) insertSession(ctx context.Context, meetingID int64, ses *rankfile.MeetingSession, codes map[string]bool) error {
	for ses.Code = sessionCode(); codes[ses.Code]; ses.Code = sessionCode() {
	}
	codes[ses.Code], ses.MeetingID = true, meetingID
	return tx.QueryRowContext(ctx, `INSERT INTO meeting_sessions (meeting_id, name, branch_id, chair_id,
		secretary_id, place, link, code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, meetingID, ses.Name,
		nullID(ses.BranchID), nullID(ses.ChairID), nullID(ses.SecretaryID), ses.Place, ses.Link, ses.Code).Scan(&ses.ID)
}

// insertAgendaItem stores an agenda item at its position, and takes the
// step schedule, when not nil, for the proposal it names.
func (tx *Tx) insertAgendaItem(ctx context.Context, meetingID int64, item *rankfile.AgendaItem, schedule *rankfile.ProposalStep) error {
	if err := tx.QueryRowContext(ctx, `INSERT INTO agenda_items (meeting_id, position, kind, title, proposal_id)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, meetingID, item.Position, string(item.Kind), item.Title,
		nullID(item.ProposalID)).Scan(&item.ID); err != nil {
		return err
	}
	if item.ProposalID == 0 || schedule == nil {
		return nil
	}
	p, err := tx.lockProposal(ctx, item.ProposalID)
	if err != nil {
		return err
	}
	return tx.stepProposal(ctx, p, schedule)
}

// nullTime stores the zero time as NULL.
func (tx *Tx) nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return tx.db.timeArg(t)
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
	if f.ProposalID != 0 {
		c.add("id IN (SELECT meeting_id FROM agenda_items WHERE proposal_id = $%d)", f.ProposalID)
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, body_id, kind, title, starts_at, format, quorum_count,
		quorum_percent, created_at, minutes, minutes_by, minutes_updated_at, minutes_approved_at,
		COALESCE(minutes_approved_in, 0), ends_at, cancelled_at, cancel_reason FROM meetings`+c.sql()+`
		ORDER BY starts_at, id`, c.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Meeting
	byID := map[int64]*rankfile.Meeting{}
	for rows.Next() {
		m := &rankfile.Meeting{}
		var updated, approved, ends, cancelled sql.NullTime
		if err := rows.Scan(&m.ID, &m.BodyID, &m.Kind, &m.Title, &m.StartsAt, &m.Format, &m.Quorum.Count,
			&m.Quorum.Percent, &m.CreatedAt, &m.Minutes.Text, &m.Minutes.By, &updated, &approved,
			&m.Minutes.ApprovedIn, &ends, &cancelled, &m.CancelReason); err != nil {
			return nil, err
		}
		m.Minutes.UpdatedAt, m.Minutes.ApprovedAt = updated.Time, approved.Time
		m.EndsAt, m.CancelledAt = ends.Time, cancelled.Time
		if meetingCurrent(m, f) {
			out, byID[m.ID] = append(out, m), m
		}
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	if err := s.readSessions(ctx, byID); err != nil {
		return nil, err
	}
	return out, s.readAgendas(ctx, byID)
}

// meetingCurrent reports whether m is among the meetings f's StartsFrom
// and MinutesFrom select. They are judged here rather than in SQL, since
// SQLite keeps a meeting's start with the offset it was given and would
// compare those as text; a chapter holds a few hundred meetings a year.
func meetingCurrent(m *rankfile.Meeting, f rankfile.MeetingFilter) bool {
	if f.StartsFrom.IsZero() || !m.StartsAt.Before(f.StartsFrom) {
		return true
	}
	approved := m.Minutes.ApprovedAt
	return !f.MinutesFrom.IsZero() && !approved.IsZero() && !approved.Before(f.MinutesFrom)
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
