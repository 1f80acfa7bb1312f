package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/rankfile/rankfile"
)

// ElectionService stores elections, their rolls and ballot boxes. It
// implements rankfile.ElectionService.
type ElectionService struct{ db *DB }

// NewElectionService returns the election service of db.
func NewElectionService(db *DB) *ElectionService { return &ElectionService{db: db} }

var _ rankfile.ElectionService = (*ElectionService)(nil)

// CreateElection stores an election with its contests and committee, and
// candidates already named in its contests. It is refused when no
// encryption key is set: ballots are sealed with it while voting is open.
func (s *ElectionService) CreateElection(ctx context.Context, e *rankfile.Election) error {
	if err := e.Validate(s.db.Zone); err != nil {
		return err
	}
	if _, err := s.db.ballotKeys(); err != nil {
		return err // refused now, not when the first ballot is cast
	}
	if e.Seed == "" {
		e.Seed = randomHex(8)
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO elections (title, rules, body_id, cutoff, nominations_open,
			nominations_close, voting_open, voting_close, seconders, record_public, seed, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			e.Title, e.Rules, e.BodyID, e.Cutoff, s.db.timeArg(e.NominationsOpen), s.db.timeArg(e.NominationsClose),
			s.db.timeArg(e.VotingOpen), s.db.timeArg(e.VotingClose), e.Seconders, e.RecordPublic, e.Seed, tx.stamp).
			Scan(&e.ID)
		if err != nil {
			return err
		}
		e.CreatedAt = tx.now
		for _, id := range e.AdminIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO election_admins (election_id, member_id) VALUES ($1, $2)`,
				e.ID, id); err != nil {
				return err
			}
		}
		for i, c := range e.Contests {
			if err := tx.createContest(ctx, e.ID, i, c); err != nil {
				return err
			}
		}
		e.MarkQualified()
		return tx.audit(ctx, rankfile.AuditChangeElection, 0, "created election "+e.Title)
	})
}

func (tx *Tx) createContest(ctx context.Context, electionID int64, position int, c *rankfile.Contest) error {
	c.ElectionID = electionID
	err := tx.QueryRowContext(ctx, `INSERT INTO contests (election_id, position, title, seats, method, constraints,
		threshold) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		electionID, position, c.Title, c.Seats, c.Method, mustJSON(nonNil(c.Constraints)), c.Threshold).Scan(&c.ID)
	if err != nil {
		return err
	}
	for _, cand := range c.Candidates {
		cand.ContestID = c.ID
		if err := tx.addCandidate(ctx, cand); err != nil {
			return err
		}
	}
	return nil
}

// electionColumns are read by scanElection, in its order.
const electionColumns = `id, title, rules, body_id, cutoff, nominations_open, nominations_close, voting_open,
	voting_close, seconders, record_public, seed, roll_frozen_at, roll_size, counted_at, created_at`

func scanElection(row interface{ Scan(...any) error }) (*rankfile.Election, error) {
	e := &rankfile.Election{}
	var frozen, counted sql.NullTime
	err := row.Scan(&e.ID, &e.Title, &e.Rules, &e.BodyID, &e.Cutoff, &e.NominationsOpen, &e.NominationsClose,
		&e.VotingOpen, &e.VotingClose, &e.Seconders, &e.RecordPublic, &e.Seed, &frozen, &e.RollSize, &counted,
		&e.CreatedAt)
	e.RollFrozenAt, e.CountedAt = frozen.Time, counted.Time
	return e, err
}

// FindElection returns one election with its committee, contests and
// candidates.
func (s *ElectionService) FindElection(ctx context.Context, id int64) (*rankfile.Election, error) {
	e, err := scanElection(s.db.read.QueryRowContext(ctx, `SELECT `+electionColumns+` FROM elections WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such election")
	} else if err != nil {
		return nil, s.db.translate(err)
	}
	return e, s.fill(ctx, e)
}

// FindElections returns elections, those voting latest first.
func (s *ElectionService) FindElections(ctx context.Context, f rankfile.ElectionFilter) ([]*rankfile.Election, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+electionColumns+` FROM elections
		ORDER BY voting_open DESC, id DESC`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	var out []*rankfile.Election
	for rows.Next() {
		e, err := scanElection(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		if f.Status == "" || e.StatusAt(f.At) == f.Status {
			out = append(out, e)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if f.Brief {
		return out, nil
	}
	for _, e := range out {
		if err := s.fill(ctx, e); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fill reads an election's committee, contests and candidates.
func (s *ElectionService) fill(ctx context.Context, e *rankfile.Election) error {
	admins, err := s.db.read.QueryContext(ctx, `SELECT member_id FROM election_admins WHERE election_id = $1 ORDER BY member_id`, e.ID)
	if err != nil {
		return s.db.translate(err)
	}
	e.AdminIDs, err = scanIDs(admins)
	if err != nil {
		return err
	}
	if e.Contests, err = s.contests(ctx, e.ID); err != nil {
		return err
	}
	return s.candidates(ctx, e)
}

func (s *ElectionService) contests(ctx context.Context, electionID int64) ([]*rankfile.Contest, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, title, seats, method, constraints, threshold FROM contests
		WHERE election_id = $1 ORDER BY position`, electionID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Contest
	for rows.Next() {
		c := &rankfile.Contest{ElectionID: electionID, Candidates: []*rankfile.Candidate{}}
		var constraints string
		if err := rows.Scan(&c.ID, &c.Title, &c.Seats, &c.Method, &constraints, &c.Threshold); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(constraints), &c.Constraints); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// candidates reads the candidates of every contest, in the order they
// were put forward; a question's options, which are no member, with
// MemberID 0.
func (s *ElectionService) candidates(ctx context.Context, e *rankfile.Election) error {
	rows, err := s.db.read.QueryContext(ctx, `SELECT c.id, c.contest_id, COALESCE(c.member_id, 0), c.name, c.statement, c.tags,
		c.status, COALESCE(c.nominated_by, 0),
		(SELECT COUNT(*) FROM candidate_seconds s WHERE s.candidate_id = c.id),
		EXISTS (SELECT 1 FROM candidate_photos p WHERE p.candidate_id = c.id)
		FROM candidates c JOIN contests k ON k.id = c.contest_id WHERE k.election_id = $1 ORDER BY c.id`, e.ID)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		c := &rankfile.Candidate{}
		var tags string
		if err := rows.Scan(&c.ID, &c.ContestID, &c.MemberID, &c.Name, &c.Statement, &tags, &c.Status,
			&c.NominatedBy, &c.Seconds, &c.HasPhoto); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(tags), &c.Tags); err != nil {
			return err
		}
		if k := e.Contest(c.ContestID); k != nil {
			k.Candidates = append(k.Candidates, c)
		}
	}
	e.MarkQualified()
	return rows.Err()
}
