package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rankfile/rankfile"
)

// A meeting changed or called off after it was called: the new time and
// places, or the cancellation, and the notices owed to the members told,
// each in one transaction.

// lockMeeting locks a meeting's row for a change and refuses one that was
// cancelled.
func (tx *Tx) lockMeeting(ctx context.Context, id int64) error {
	q := `SELECT cancelled_at FROM meetings WHERE id = $1`
	if tx.db.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	var cancelled sql.NullTime
	switch err := tx.QueryRowContext(ctx, q, id).Scan(&cancelled); {
	case err == sql.ErrNoRows:
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such meeting")
	case err != nil:
		return err
	case cancelled.Valid:
		return rankfile.Errorf(rankfile.ECONFLICT, "the meeting was cancelled: it changes no more")
	}
	return nil
}

// UpdateMeeting changes a meeting and its sessions, and tells the members
// named that it moved.
func (s *MeetingService) UpdateMeeting(ctx context.Context, m *rankfile.Meeting, tell []int64) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockMeeting(ctx, m.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET kind = $1, title = $2, starts_at = $3, ends_at = $4,
			format = $5, quorum_count = $6, quorum_percent = $7 WHERE id = $8`, string(m.Kind), m.Title,
			s.db.timeArg(m.StartsAt), tx.nullTime(m.EndsAt), string(m.Format), m.Quorum.Count, m.Quorum.Percent,
			m.ID); err != nil {
			return err
		}
		if err := tx.updateSessions(ctx, m); err != nil {
			return err
		}
		if err := tx.audit(ctx, rankfile.AuditChangeMeeting, 0, sprintf("changed meeting %d: %s", m.ID, m.Title)); err != nil {
			return err
		}
		return tx.tellMembers(ctx, m.ID, rankfile.NoticeMeetingMoved, tell)
	})
}

// updateSessions writes the meeting's sessions: those with an id changed,
// those without added, and those left out removed unless someone was
// checked into them.
func (tx *Tx) updateSessions(ctx context.Context, m *rankfile.Meeting) error {
	codes := map[string]bool{}
	old := map[int64]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT id, code FROM meeting_sessions WHERE meeting_id = $1`, m.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			rows.Close()
			return err
		}
		old[id], codes[code] = true, true
	}
	rows.Close()
	for _, ses := range m.Sessions {
		if err := tx.writeSession(ctx, m.ID, ses, old, codes); err != nil {
			return err
		}
		delete(old, ses.ID)
	}
	for id := range old {
		if err := tx.removeSession(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// writeSession changes a session of the meeting, or adds it when it has
// no id yet; old holds the ids of the meeting's sessions.
func (tx *Tx) writeSession(ctx context.Context, meetingID int64, ses *rankfile.MeetingSession, old map[int64]bool, codes map[string]bool) error {
	if ses.ID == 0 {
		return tx.insertSession(ctx, meetingID, ses, codes)
	}
	if !old[ses.ID] {
		return rankfile.Errorf(rankfile.EINVALID, "session %d is not a session of this meeting", ses.ID)
	}
	ses.MeetingID = meetingID
	_, err := tx.ExecContext(ctx, `UPDATE meeting_sessions SET name = $1, branch_id = $2, chair_id = $3,
		secretary_id = $4, place = $5, link = $6 WHERE id = $7`, ses.Name, nullID(ses.BranchID), nullID(ses.ChairID),
		nullID(ses.SecretaryID), ses.Place, ses.Link, ses.ID)
	return err
}

// removeSession removes a session nobody attended nor voted in.
func (tx *Tx) removeSession(ctx context.Context, id int64) error {
	var used bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM meeting_attendance WHERE session_id = $1)
		OR EXISTS (SELECT 1 FROM meeting_vote_ballots WHERE session_id = $1)`, id).Scan(&used); err != nil {
		return err
	}
	if used {
		return rankfile.Errorf(rankfile.ECONFLICT, "members are checked into a session left out: it stays")
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM meeting_sessions WHERE id = $1`, id)
	return err
}

// CancelMeeting calls a meeting off, takes its scheduled proposals back
// and tells the members named.
func (s *MeetingService) CancelMeeting(ctx context.Context, id int64, reason string, unschedule *rankfile.ProposalStep, tell []int64) error {
	if err := rankfile.CheckCancelReason(reason); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockMeeting(ctx, id); err != nil {
			return err
		}
		var voted bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM meeting_votes WHERE meeting_id = $1)`, id).Scan(&voted); err != nil {
			return err
		}
		if voted {
			return rankfile.Errorf(rankfile.ECONFLICT, "the meeting has held a vote: it took place, and is not cancelled")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET cancelled_at = $1, cancel_reason = $2 WHERE id = $3`,
			tx.stamp, strings.TrimSpace(reason), id); err != nil {
			return err
		}
		if err := tx.unscheduleAgenda(ctx, id, unschedule); err != nil {
			return err
		}
		if err := tx.audit(ctx, rankfile.AuditChangeMeeting, 0, sprintf("cancelled meeting %d", id)); err != nil {
			return err
		}
		return tx.tellMembers(ctx, id, rankfile.NoticeMeetingCancelled, tell)
	})
}

// unscheduleAgenda takes the step unschedule for each proposal on the
// meeting's agenda that is still scheduled.
func (tx *Tx) unscheduleAgenda(ctx context.Context, meetingID int64, unschedule *rankfile.ProposalStep) error {
	if unschedule == nil {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT proposal_id FROM agenda_items WHERE meeting_id = $1
		AND proposal_id IS NOT NULL ORDER BY position`, meetingID)
	if err != nil {
		return err
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return err
	}
	for _, pid := range ids {
		p, err := tx.lockProposal(ctx, pid)
		if err != nil {
			return err
		}
		if p.Status == unschedule.From {
			if err := tx.stepProposal(ctx, p, unschedule); err != nil {
				return err
			}
		}
	}
	return nil
}

// tellMembers queues a notice of kind about the meeting for each member
// named.
func (tx *Tx) tellMembers(ctx context.Context, meetingID int64, kind rankfile.NoticeKind, members []int64) error {
	return tx.updateIDs(ctx, members, `INSERT INTO outbox (kind, meeting_id, member_id, state, next_at, created_at)
		SELECT $1, $2, id, 'pending', $3, $3 FROM members WHERE id IN (%s)`, string(kind), meetingID, tx.stamp)
}
