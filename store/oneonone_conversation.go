package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/rankfile/rankfile"
)

// Conversations organizers log, and their people's last contacts. The
// notes are sealed with the installation's key, for their row: a copied
// database shows them only as ciphertext.

// conversationSealContext names the row a conversation's sealed notes belong to.
func conversationSealContext(id int64) string { return "conversations.notes:" + itoa(id) }

// CreateConversation stores c; its notes are sealed for its row, so the
// row is written first and its notes after, in one transaction. Notes
// need a key; a conversation without notes does not.
func (s *OneOnOneService) CreateConversation(ctx context.Context, c *rankfile.Conversation) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.Notes != "" && s.db.Keys == nil {
		return rankfile.Errorf(rankfile.EINVALID, "conversation notes are stored encrypted and no encryption key is set: "+
			"give --key-file or set RANKFILE_KEY (rankfile key generate makes a key file)")
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		c.CreatedAt = tx.now
		err := tx.QueryRowContext(ctx, `INSERT INTO conversations (member_id, author_id, held_on, method, tags,
			availability, next_step, assessment, follow_up_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			RETURNING id`, c.MemberID, c.AuthorID, c.On, string(c.Method), mustJSON(nonNil(c.Tags)), c.Availability,
			c.NextStep, c.Assessment, c.FollowUpOn, tx.stamp).Scan(&c.ID)
		if err != nil || c.Notes == "" {
			return err
		}
		sealed, err := s.db.Keys.Keyring().Seal(c.Notes, conversationSealContext(c.ID))
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE conversations SET notes = $1 WHERE id = $2`, sealed, c.ID)
		return err
	})
}

const conversationColumns = `c.id, c.member_id, c.author_id, COALESCE(TRIM(au.first_name || ' ' || au.last_name), ''),
	c.held_on, c.method, c.notes, c.tags, c.availability, c.next_step, c.assessment, c.follow_up_on, c.created_at
	FROM conversations c LEFT JOIN members au ON au.id = c.author_id`

// FindConversations returns the conversations about a member, newest first.
func (s *OneOnOneService) FindConversations(ctx context.Context, memberID int64) ([]*rankfile.Conversation, error) {
	return s.conversations(ctx, `SELECT `+conversationColumns+` WHERE c.member_id = $1
		ORDER BY c.held_on DESC, c.id DESC`, memberID)
}

// conversations runs a query of conversationColumns and opens the notes.
func (s *OneOnOneService) conversations(ctx context.Context, query string, args ...any) ([]*rankfile.Conversation, error) {
	rows, err := s.db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.Conversation{}
	for rows.Next() {
		c, err := s.scanConversation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *OneOnOneService) scanConversation(rows *sql.Rows) (*rankfile.Conversation, error) {
	c := &rankfile.Conversation{}
	var tags string
	if err := rows.Scan(&c.ID, &c.MemberID, &c.AuthorID, &c.Author, &c.On, &c.Method, &c.Notes, &tags,
		&c.Availability, &c.NextStep, &c.Assessment, &c.FollowUpOn, &c.CreatedAt); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(tags), &c.Tags); err != nil {
		return nil, err
	}
	if c.Notes == "" {
		return c, nil
	}
	if s.db.Keys == nil {
		return nil, errNoKey
	}
	notes, err := s.db.Keys.Keyring().Open(c.Notes, conversationSealContext(c.ID))
	c.Notes = notes
	return c, err
}

// People returns the organizer's people, whole (their own contact
// wishes among what they hold), with their last contact and the follow-up
// of their latest conversation.
func (s *OneOnOneService) People(ctx context.Context, organizerID int64) ([]*rankfile.Person, error) {
	people, err := s.assignedTo(ctx, organizerID)
	if err != nil || len(people) == 0 {
		return people, err
	}
	rows, err := s.db.read.QueryContext(ctx, memberSelect+` JOIN oneonone_assignments a ON a.member_id = m.id
		AND a.ended_at IS NULL AND a.organizer_id = $1`, organizerID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	byID := map[int64]*rankfile.Person{}
	for _, p := range people {
		byID[p.Assignment.MemberID] = p
	}
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		if p := byID[m.ID]; p != nil {
			p.Member = m
		}
	}
	return people, rows.Err()
}

// assignedTo reads the organizer's open assignments with each member's
// last contact and latest follow-up, in the order they were assigned.
func (s *OneOnOneService) assignedTo(ctx context.Context, organizerID int64) ([]*rankfile.Person, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+assignmentColumns+`,
		(SELECT MAX(c.held_on) FROM conversations c WHERE c.member_id = a.member_id),
		(SELECT c.follow_up_on FROM conversations c WHERE c.member_id = a.member_id ORDER BY c.held_on DESC, c.id DESC LIMIT 1)
		FROM oneonone_assignments a WHERE a.organizer_id = $1 AND a.ended_at IS NULL ORDER BY a.id`, organizerID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.Person{}
	for rows.Next() {
		p := &rankfile.Person{}
		a, err := scanAssignment(rows, &p.LastContact, &p.FollowUpOn)
		if err != nil {
			return nil, err
		}
		p.Assignment = a
		out = append(out, p)
	}
	return out, rows.Err()
}

// dueFollowUps selects the conversations whose follow-up is due on or
// before $1 and that no later conversation about the member replaced.
const dueFollowUps = ` WHERE c.follow_up_on IS NOT NULL AND c.follow_up_on <= $1 AND NOT EXISTS (
	SELECT 1 FROM conversations l WHERE l.member_id = c.member_id AND (l.held_on > c.held_on OR (l.held_on = c.held_on AND l.id > c.id)))`

// QueueFollowUps queues one reminder to each author with follow-ups due
// and not yet reminded of, and marks those conversations reminded.
func (s *OneOnOneService) QueueFollowUps(ctx context.Context, today rankfile.Date) (int, error) {
	queued := 0
	err := s.db.inTx(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT c.author_id FROM conversations c`+dueFollowUps+
			` AND c.follow_up_queued_at IS NULL ORDER BY c.author_id`, today)
		if err != nil {
			return err
		}
		authors, err := scanIDs(rows)
		if err != nil {
			return err
		}
		for _, id := range authors {
			if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, member_id, state, next_at, created_at)
				VALUES ('follow_up', $1, 'pending', $2, $2)`, id, tx.stamp); err != nil {
				return err
			}
		}
		queued = len(authors)
		_, err = tx.ExecContext(ctx, `UPDATE conversations SET follow_up_queued_at = $2 WHERE id IN (
			SELECT c.id FROM conversations c`+dueFollowUps+` AND c.follow_up_queued_at IS NULL)`, today, tx.stamp)
		return err
	})
	return queued, err
}

// FollowUpsDue returns the author's follow-ups due on or before today.
func (s *OneOnOneService) FollowUpsDue(ctx context.Context, authorID int64, today rankfile.Date) ([]*rankfile.Conversation, error) {
	return s.conversations(ctx, `SELECT `+conversationColumns+dueFollowUps+` AND c.author_id = $2
		ORDER BY c.follow_up_on, c.id`, today, authorID)
}
