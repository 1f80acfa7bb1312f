package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// A meeting's votes keep the secrecy of elections' ballots (see
// election_ballot.go): the marks say who voted, in which session and how; the box
// keeps each secret ballot under a random id with its session and nothing
// else. A member's mark and ballot are written in one transaction, so that
// a vote acknowledged is a vote counted and a member votes once. On
// PostgreSQL, where rows carry the transaction that wrote them and sit in
// the order written, closing the vote writes every mark and ballot again
// in the closing transaction, and then rewrites both tables in key order.

var _ rankfile.VoteService = (*MeetingService)(nil)

const voteColumns = `id, meeting_id, agenda_item_id, kind, question, options, seats, threshold, roll_call,
	COALESCE(proposal_id, 0), status, seed, opened_at, closed_at, result, option_proposals`

func scanVote(row interface{ Scan(...any) error }) (*rankfile.MeetingVote, error) {
	v := &rankfile.MeetingVote{}
	var options, proposals string
	var closed sql.NullTime
	var result sql.NullString
	if err := row.Scan(&v.ID, &v.MeetingID, &v.AgendaItemID, &v.Kind, &v.Question, &options, &v.Seats, &v.Threshold,
		&v.RollCall, &v.ProposalID, &v.Status, &v.Seed, &v.OpenedAt, &closed, &result, &proposals); err != nil {
		return nil, err
	}
	v.ClosedAt = closed.Time
	if err := json.Unmarshal([]byte(options), &v.Options); err != nil {
		return nil, fmt.Errorf("vote %d: options: %w", v.ID, err)
	}
	if err := json.Unmarshal([]byte(proposals), &v.OptionProposals); err != nil {
		return nil, fmt.Errorf("vote %d: option proposals: %w", v.ID, err)
	}
	if len(v.OptionProposals) == 0 {
		v.OptionProposals = nil
	}
	if result.Valid {
		v.Result = &rankfile.VoteResult{}
		if err := json.Unmarshal([]byte(result.String), v.Result); err != nil {
			return nil, fmt.Errorf("vote %d: result: %w", v.ID, err)
		}
	}
	return v, nil
}

// OpenVote opens a vote on an item of the meeting's agenda. A meeting
// votes on one thing at a time: while one vote is open, another is
// refused.
func (s *MeetingService) OpenVote(ctx context.Context, v *rankfile.MeetingVote) error {
	if err := v.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM meeting_votes WHERE meeting_id = $1 AND status = 'open'`,
			v.MeetingID).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return rankfile.Errorf(rankfile.ECONFLICT, "another vote is open: close it first")
		}
		v.Status, v.OpenedAt, v.Seed = rankfile.VoteOpen, tx.now, randomHex(8)
		proposals := v.OptionProposals
		if proposals == nil {
			proposals = []int64{}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO meeting_votes (meeting_id, agenda_item_id, kind, question, options,
			seats, threshold, roll_call, proposal_id, status, seed, opened_at, option_proposals)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			v.MeetingID, v.AgendaItemID, string(v.Kind), v.Question, mustJSON(nonNil(v.Options)), v.Seats,
			string(v.Threshold), v.RollCall, nullID(v.ProposalID), string(v.Status), v.Seed, tx.stamp, mustJSON(proposals)).Scan(&v.ID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditOpenVote, v.MeetingID, fmt.Sprintf("opened vote %d: %s", v.ID, v.Question))
	})
}

// FindVotes returns a meeting's votes in the order they opened.
func (s *MeetingService) FindVotes(ctx context.Context, meetingID int64) ([]*rankfile.MeetingVote, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+voteColumns+` FROM meeting_votes WHERE meeting_id = $1 ORDER BY id`, meetingID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.MeetingVote
	for rows.Next() {
		v, err := scanVote(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// openVote reads a vote inside tx, refusing one that is not open.
func (tx *Tx) openVote(ctx context.Context, voteID int64) (*rankfile.MeetingVote, error) {
	v, err := scanVote(tx.QueryRowContext(ctx, `SELECT `+voteColumns+` FROM meeting_votes WHERE id = $1`, voteID))
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such vote")
	} else if err != nil {
		return nil, err
	}
	if v.Status != rankfile.VoteOpen {
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "the vote is closed")
	}
	return v, nil
}

// CastVote records a member's vote through the vote batcher (see
// meeting_vote_batch.go), answering once its transaction committed.
func (s *MeetingService) CastVote(ctx context.Context, voteID, memberID int64, choice []int) error {
	return s.db.votes.wait(&pendingVote{voteID: voteID, memberID: memberID, choice: choice})
}

// voter is where a member may vote in a meeting: the session they are
// checked into, and whether they are in good standing today.
func (tx *Tx) voter(ctx context.Context, meetingID, memberID int64) (sessionID int64, err error) {
	var good bool
	err = tx.QueryRowContext(ctx, `SELECT a.session_id, `+fmt.Sprintf(goodStandingSQL, 1)+`
		FROM meeting_attendance a JOIN members m ON m.id = a.member_id
		LEFT JOIN standing_overrides o ON o.member_id = m.id AND o.revoked_at IS NULL
		WHERE a.meeting_id = $2 AND a.member_id = $3`, tx.db.day(tx.today()), meetingID, memberID).Scan(&sessionID, &good)
	if err == sql.ErrNoRows {
		return 0, rankfile.Errorf(rankfile.EFORBIDDEN, "check into a session of the meeting to vote")
	}
	if err == nil && !good {
		err = rankfile.Errorf(rankfile.EFORBIDDEN, "only members in good standing vote")
	}
	return sessionID, err
}

// markVoted marks a member as having voted in a session, once.
func (tx *Tx) markVoted(ctx context.Context, voteID, memberID, sessionID int64, how string) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO meeting_vote_marks (vote_id, member_id, session_id, how)
		VALUES ($1, $2, $3, $4) ON CONFLICT (vote_id, member_id) DO NOTHING`, voteID, memberID, sessionID, how)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	return rankfile.Errorf(rankfile.ECONFLICT, "already voted: a vote cast is final")
}

// putBallot puts a ballot in the vote's box under a random id; it names
// its member only in a roll-call vote.
func (tx *Tx) putBallot(ctx context.Context, v *rankfile.MeetingVote, sessionID, memberID int64, choice []int, room bool) error {
	var who any
	if v.RollCall {
		who = memberID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO meeting_vote_ballots (vote_id, id, session_id, choice, room, member_id)
		VALUES ($1, $2, $3, $4, $5, $6)`, v.ID, randomHex(16), sessionID, encodeChoice(choice), room, who)
	return err
}

// encodeChoice writes option indexes, first preference first, as "2,0";
// an abstention is "".
func encodeChoice(choice []int) string {
	parts := make([]string, len(choice))
	for i, c := range choice {
		parts[i] = strconv.Itoa(c)
	}
	return strings.Join(parts, ",")
}

func decodeChoice(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	out := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("ballot choice %q: %w", s, err)
		}
		out[i] = n
	}
	return out, nil
}

// CastRoomVotes records the votes a session's secretary counted in the
// room, all or nothing: each member must be checked into that session, in
// good standing and not have voted; the ballots must be as many as they.
func (s *MeetingService) CastRoomVotes(ctx context.Context, voteID, sessionID int64, members []int64, ballots [][]int) error {
	if len(members) != len(ballots) {
		return rankfile.Errorf(rankfile.EINVALID, "%d members voted in the room, but %d votes were counted: they must be the same",
			len(members), len(ballots))
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		v, err := tx.openVote(ctx, voteID)
		if err != nil {
			return err
		}
		for i, memberID := range members {
			if err := tx.castInRoom(ctx, v, sessionID, memberID, ballots[i]); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditRoomVotes, v.MeetingID,
			fmt.Sprintf("entered %d votes counted in the room of session %d in vote %d", len(members), sessionID, voteID))
	})
}

func (tx *Tx) castInRoom(ctx context.Context, v *rankfile.MeetingVote, sessionID, memberID int64, choice []int) error {
	in, err := tx.voter(ctx, v.MeetingID, memberID)
	if err == nil && in != sessionID {
		err = rankfile.Errorf(rankfile.EINVALID, "is checked into another session")
	}
	if err == nil {
		err = tx.markVoted(ctx, v.ID, memberID, sessionID, "room")
	}
	var domain *rankfile.Error
	if errors.As(err, &domain) {
		return rankfile.Errorf(domain.Code, "member %d: %s", memberID, domain.Message)
	} else if err != nil {
		return err
	}
	return tx.putBallot(ctx, v, sessionID, memberID, choice, true)
}

// HasVoted reports whether the member has voted in the vote.
func (s *MeetingService) HasVoted(ctx context.Context, voteID, memberID int64) (bool, error) {
	var n int
	err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM meeting_vote_marks WHERE vote_id = $1 AND member_id = $2`,
		voteID, memberID).Scan(&n)
	return n > 0, s.db.translate(err)
}

// VotedMembers lists the members who have voted, by id.
func (s *MeetingService) VotedMembers(ctx context.Context, voteID int64) ([]int64, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT member_id FROM meeting_vote_marks WHERE vote_id = $1 ORDER BY member_id`, voteID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// VoteProgress counts each session's members who have voted, and those
// of them who voted in the room, sessions no one voted in left out.
func (s *MeetingService) VoteProgress(ctx context.Context, voteID int64) ([]rankfile.VoteProgress, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT session_id, COUNT(*), SUM(CASE WHEN how = 'room' THEN 1 ELSE 0 END)
		FROM meeting_vote_marks WHERE vote_id = $1 GROUP BY session_id ORDER BY session_id`, voteID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []rankfile.VoteProgress
	for rows.Next() {
		var p rankfile.VoteProgress
		if err := rows.Scan(&p.SessionID, &p.Voted, &p.Room); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CloseVote closes an open vote and stores its result, made by tally
// from the box in the same transaction, so that no ballot comes in
// between. The proposal the vote is on takes the step decide makes of the
// closed vote, if any, in that transaction too.
func (s *MeetingService) CloseVote(ctx context.Context, voteID int64, tally func(*rankfile.MeetingVote, []*rankfile.CastBallot) (*rankfile.VoteResult, error),
	decide func(*rankfile.MeetingVote, *rankfile.Proposal) *rankfile.ProposalStep,
	adopt func(*rankfile.MeetingVote, []*rankfile.CastBallot) (*rankfile.Priorities, error)) (*rankfile.MeetingVote, error) {
	var v *rankfile.MeetingVote
	err := s.db.inTx(ctx, func(tx *Tx) error {
		var err error
		if v, err = tx.openVote(ctx, voteID); err != nil {
			return err
		}
		ballots, err := tx.voteBox(ctx, voteID)
		if err != nil {
			return err
		}
		if v.Result, err = tally(v, ballots); err != nil {
			return err
		}
		v.Status, v.ClosedAt = rankfile.VoteClosed, tx.now
		if _, err := tx.ExecContext(ctx, `UPDATE meeting_votes SET status = 'closed', closed_at = $1, result = $2
			WHERE id = $3`, tx.stamp, mustJSON(v.Result), voteID); err != nil {
			return err
		}
		if err := tx.decideByVote(ctx, v, decide); err != nil {
			return err
		}
		if err := tx.adoptByVote(ctx, v, ballots, adopt); err != nil {
			return err
		}
		if s.db.dialect == Postgres {
			if err := tx.rewriteVoteRows(ctx, voteID); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditCloseVote, v.MeetingID, fmt.Sprintf("closed vote %d: %s", v.ID, v.Result.Summary))
	})
	if err != nil || s.db.dialect != Postgres {
		return v, err
	}
	return v, s.db.clusterTables(ctx, "meeting_vote_marks", "meeting_vote_ballots")
}

// voteBox reads a vote's ballots in the order of their random ids, with
// the names of roll-call voters.
func (tx *Tx) voteBox(ctx context.Context, voteID int64) ([]*rankfile.CastBallot, error) {
	rows, err := tx.QueryContext(ctx, `SELECT b.session_id, b.choice, b.room, COALESCE(b.member_id, 0),
		COALESCE(m.first_name, ''), COALESCE(m.last_name, '')
		FROM meeting_vote_ballots b LEFT JOIN members m ON m.id = b.member_id
		WHERE b.vote_id = $1 ORDER BY b.id`, voteID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*rankfile.CastBallot
	for rows.Next() {
		b := &rankfile.CastBallot{}
		var choice, first, last string
		if err := rows.Scan(&b.SessionID, &choice, &b.Room, &b.MemberID, &first, &last); err != nil {
			return nil, err
		}
		if b.Choice, err = decodeChoice(choice); err != nil {
			return nil, err
		}
		b.Name = strings.TrimSpace(first + " " + last)
		out = append(out, b)
	}
	return out, rows.Err()
}

// decideByVote takes the step decide makes of a closed vote on a
// proposal, if any; a nil decide leaves the proposal alone.
func (tx *Tx) decideByVote(ctx context.Context, v *rankfile.MeetingVote, decide func(*rankfile.MeetingVote, *rankfile.Proposal) *rankfile.ProposalStep) error {
	if decide == nil || v.ProposalID == 0 {
		return nil
	}
	p, err := tx.lockProposal(ctx, v.ProposalID)
	if err != nil {
		return err
	}
	if err := tx.proposalAuthors(ctx, p); err != nil { // an adoption names them (see rankfile.ProposalStep.Adopting)
		return err
	}
	if step := decide(v, p); step != nil {
		return tx.stepProposal(ctx, p, step)
	}
	return nil
}

// adoptByVote adopts the priorities adopt makes of a closed vote and its
// ballots, if any; a nil adopt adopts none.
func (tx *Tx) adoptByVote(ctx context.Context, v *rankfile.MeetingVote, ballots []*rankfile.CastBallot,
	adopt func(*rankfile.MeetingVote, []*rankfile.CastBallot) (*rankfile.Priorities, error)) error {
	if adopt == nil {
		return nil
	}
	p, err := adopt(v, ballots)
	if err != nil || p == nil {
		return err
	}
	return tx.adoptPriorities(ctx, p)
}

// rewriteVoteRows writes every mark and ballot of a vote again, in this
// one transaction, so that they all carry its id alike.
func (tx *Tx) rewriteVoteRows(ctx context.Context, voteID int64) error {
	for _, q := range []string{
		`UPDATE meeting_vote_marks SET how = how WHERE vote_id = $1`,
		`UPDATE meeting_vote_ballots SET choice = choice WHERE vote_id = $1`,
	} {
		if _, err := tx.ExecContext(ctx, q, voteID); err != nil {
			return err
		}
	}
	return nil
}
