package store

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// UpdateElection changes an election's set-up (title, rules, electorate,
// timeline, seconders, whether its record is public) and its contests:
// those with an id are changed, those without are added, and those left
// out are removed. Only until nominations open: from then on members act
// on the set-up, and it stands.
func (s *ElectionService) UpdateElection(ctx context.Context, e *rankfile.Election) error {
	if err := e.Validate(s.db.Zone); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		old, err := tx.election(ctx, e.ID)
		if err != nil {
			return err
		}
		if !tx.now.Before(old.NominationsOpen) {
			return rankfile.Errorf(rankfile.ECONFLICT, "nominations for %s have opened: its set-up can no longer change", old.Title)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE elections SET title = $1, rules = $2, body_id = $3, cutoff = $4,
			nominations_open = $5, nominations_close = $6, voting_open = $7, voting_close = $8, seconders = $9,
			record_public = $10 WHERE id = $11`,
			e.Title, e.Rules, e.BodyID, e.Cutoff, s.db.timeArg(e.NominationsOpen), s.db.timeArg(e.NominationsClose),
			s.db.timeArg(e.VotingOpen), s.db.timeArg(e.VotingClose), e.Seconders, e.RecordPublic, e.ID); err != nil {
			return err
		}
		if err := tx.replaceContests(ctx, e); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeElection, 0, "changed election "+e.Title)
	})
}

// replaceContests makes the election's contests those of e.
func (tx *Tx) replaceContests(ctx context.Context, e *rankfile.Election) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM contests WHERE election_id = $1`, e.ID)
	if err != nil {
		return err
	}
	existing, err := scanIDs(rows)
	if err != nil {
		return err
	}
	kept := map[int64]bool{}
	for i, c := range e.Contests {
		if c.ID == 0 {
			if err := tx.createContest(ctx, e.ID, i, c); err != nil {
				return err
			}
			continue
		}
		res, err := tx.ExecContext(ctx, `UPDATE contests SET position = $1, title = $2, seats = $3, method = $4,
			constraints = $5, threshold = $6 WHERE id = $7 AND election_id = $8`,
			i, c.Title, c.Seats, c.Method, mustJSON(nonNil(c.Constraints)), c.Threshold, c.ID, e.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.EINVALID, "contest %d is not one of this election's", c.ID)
		}
		kept[c.ID] = true
		if err := tx.replaceOptions(ctx, c); err != nil {
			return err
		}
	}
	for _, id := range existing {
		if kept[id] {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM candidates WHERE contest_id = $1 AND member_id IS NULL`, id); err != nil {
			return err // a question's options go with it
		}
		var candidates int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM candidates WHERE contest_id = $1`, id).Scan(&candidates); err != nil {
			return err
		}
		if candidates > 0 {
			return rankfile.Errorf(rankfile.ECONFLICT, "a contest that has candidates cannot be removed")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM contests WHERE id = $1`, id); err != nil {
			return err
		}
	}
	return nil
}

// replaceOptions makes a kept contest's options (its candidates who are
// no member) those the set-up gives: none unless it is a question. Only
// before nominations open, so no ballot chose any of them.
func (tx *Tx) replaceOptions(ctx context.Context, c *rankfile.Contest) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM candidates WHERE contest_id = $1 AND member_id IS NULL`, c.ID); err != nil {
		return err
	}
	if !c.IsQuestion() {
		return nil
	}
	var members int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM candidates WHERE contest_id = $1`, c.ID).Scan(&members); err != nil {
		return err
	}
	if members > 0 {
		return rankfile.Errorf(rankfile.ECONFLICT, "contest %q has candidates: it cannot become a question", c.Title)
	}
	for _, o := range c.Candidates {
		o.ID, o.ContestID = 0, c.ID
		if err := tx.addCandidate(ctx, o); err != nil {
			return err
		}
	}
	return nil
}

// ExtendElection moves an election's deadlines later once nominations
// have opened: when nominations close, when voting opens and when it
// closes. A time may only move later, and only while it has not passed;
// the timeline stays in order.
func (s *ElectionService) ExtendElection(ctx context.Context, electionID int64, t rankfile.Timeline) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		old, err := tx.election(ctx, electionID)
		if err != nil {
			return err
		}
		next := *old
		for _, m := range []struct {
			name     string
			from, to time.Time
			into     *time.Time
		}{
			{"nominations close", old.NominationsClose, t.NominationsClose, &next.NominationsClose},
			{"voting opens", old.VotingOpen, t.VotingOpen, &next.VotingOpen},
			{"voting closes", old.VotingClose, t.VotingClose, &next.VotingClose},
		} {
			switch {
			case m.to.IsZero() || m.to.Equal(m.from):
				continue
			case !tx.now.Before(m.from):
				return rankfile.Errorf(rankfile.ECONFLICT, "%s: that time has passed, and stands", m.name)
			case m.to.Before(m.from):
				return rankfile.Errorf(rankfile.EINVALID, "%s: a deadline can only move later", m.name)
			}
			*m.into = m.to
		}
		if next.NominationsClose.Equal(old.NominationsClose) && next.VotingOpen.Equal(old.VotingOpen) &&
			next.VotingClose.Equal(old.VotingClose) {
			return nil // nothing moved
		}
		if next.VotingOpen.Before(next.NominationsClose) || !next.VotingOpen.Before(next.VotingClose) {
			return rankfile.Errorf(rankfile.EINVALID, "the timeline must stay in order: nominations close, voting opens, voting closes")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE elections SET nominations_close = $1, voting_open = $2, voting_close = $3
			WHERE id = $4`, s.db.timeArg(next.NominationsClose), s.db.timeArg(next.VotingOpen),
			s.db.timeArg(next.VotingClose), electionID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeElection, 0, "extended the timeline of election "+itoa(electionID))
	})
}
