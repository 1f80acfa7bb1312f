package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// Who stands: candidates put forward, seconded, accepting or withdrawing,
// their statements, until voting opens and the ballot is fixed.

// AddCandidate puts a member forward in a contest, under the name the
// ballot shows.
func (s *ElectionService) AddCandidate(ctx context.Context, c *rankfile.Candidate) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkBallotUnfixed(ctx, `SELECT e.voting_open FROM contests k JOIN elections e ON e.id = k.election_id
			WHERE k.id = $1`, c.ContestID); err != nil {
			return err
		}
		if err := tx.addCandidate(ctx, c); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeElection, c.MemberID, "candidate in contest "+itoa(c.ContestID))
	})
}

func (tx *Tx) addCandidate(ctx context.Context, c *rankfile.Candidate) error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return rankfile.Errorf(rankfile.EINVALID, "a candidate needs the name the ballot shows")
	}
	if c.Status == "" {
		c.Status = rankfile.CandidateNominated
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO candidates (contest_id, member_id, name, statement, tags, status,
		nominated_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		c.ContestID, nullID(c.MemberID), c.Name, c.Statement, mustJSON(nonNil(c.Tags)), c.Status, nullID(c.NominatedBy),
		tx.stamp).Scan(&c.ID)
	if rankfile.ErrorCode(tx.db.translate(err)) == rankfile.ECONFLICT {
		return rankfile.Errorf(rankfile.ECONFLICT, "%s is already standing in that contest", c.Name)
	}
	return err
}

// SetCandidateStatus accepts or withdraws a candidate.
func (s *ElectionService) SetCandidateStatus(ctx context.Context, candidateID int64, status string) error {
	switch status {
	case rankfile.CandidateAccepted, rankfile.CandidateWithdrawn, rankfile.CandidateNominated:
	default:
		return rankfile.Errorf(rankfile.EINVALID, "unknown candidate status %q", status)
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkBallotUnfixed(ctx, candidateElection, candidateID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE candidates SET status = $1 WHERE id = $2`, status, candidateID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such candidate")
		}
		return tx.audit(ctx, rankfile.AuditChangeElection, 0, "candidate "+itoa(candidateID)+" "+status)
	})
}

// candidateElection reads the voting_open of a candidate's election, for
// checkBallotUnfixed.
const candidateElection = `SELECT e.voting_open FROM candidates c JOIN contests k ON k.id = c.contest_id
	JOIN elections e ON e.id = k.election_id WHERE c.id = $1`

// SetStatement changes a candidate's statement and declared tags.
func (s *ElectionService) SetStatement(ctx context.Context, candidateID int64, statement string, tags []string) error {
	if err := rankfile.CheckStatement(statement, tags); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkBallotUnfixed(ctx, candidateElection, candidateID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE candidates SET statement = $1, tags = $2 WHERE id = $3`,
			statement, mustJSON(nonNil(tags)), candidateID)
		return err
	})
}

// Second records that a member seconds a nomination.
func (s *ElectionService) Second(ctx context.Context, candidateID, memberID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkBallotUnfixed(ctx, candidateElection, candidateID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO candidate_seconds (candidate_id, member_id, seconded_at)
			VALUES ($1, $2, $3)`, candidateID, memberID, tx.stamp)
		if rankfile.ErrorCode(tx.db.translate(err)) == rankfile.ECONFLICT {
			return rankfile.Errorf(rankfile.ECONFLICT, "you have seconded this nomination already")
		}
		return err
	})
}

// SecondedBy returns the candidates of an election a member has seconded.
func (s *ElectionService) SecondedBy(ctx context.Context, electionID, memberID int64) (map[int64]bool, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT s.candidate_id FROM candidate_seconds s
		JOIN candidates c ON c.id = s.candidate_id JOIN contests k ON k.id = c.contest_id
		WHERE k.election_id = $1 AND s.member_id = $2`, electionID, memberID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	seconded := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		seconded[id] = true
	}
	return seconded, rows.Err()
}

// checkBallotUnfixed refuses a change to who stands once voting has
// opened: from then on the ballot is fixed. query reads the election's
// voting_open for id.
func (tx *Tx) checkBallotUnfixed(ctx context.Context, query string, id int64) error {
	var opens time.Time
	err := tx.QueryRowContext(ctx, query, id).Scan(&opens)
	if err == sql.ErrNoRows {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such contest or candidate")
	} else if err != nil {
		return err
	}
	if !tx.now.Before(opens) {
		return rankfile.Errorf(rankfile.ECONFLICT, "voting has opened: the candidates on the ballot can no longer change")
	}
	return nil
}
