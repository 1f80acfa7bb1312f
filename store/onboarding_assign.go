package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// AssignSteps does the organizer steps decided, in one transaction: each
// step still owed is marked done first (a second clock finds it done and
// does nothing), then the member is given to the organizer, or left to
// the branch's queue, and the assignment audited.
func (s *OnboardingService) AssignSteps(ctx context.Context, decided []rankfile.StepAssignment) (int, error) {
	done := 0
	by := rankfile.ActorFrom(ctx).Name()
	err := s.db.inTx(ctx, func(tx *Tx) error {
		done = 0
		for _, d := range decided {
			ok, err := tx.assignStep(ctx, d, by)
			if err != nil {
				return err
			}
			if ok {
				done++
			}
		}
		return nil
	})
	return done, err
}

// assignStep does one organizer step; false when it was done already.
func (tx *Tx) assignStep(ctx context.Context, d rankfile.StepAssignment, by string) (bool, error) {
	outcome := d.Outcome
	kept, err := tx.keptOrganizer(ctx, d.Step)
	if err != nil {
		return false, err
	}
	switch {
	case kept:
		outcome = rankfile.OutcomeKept
	case d.OrganizerID == 0:
		outcome = rankfile.OutcomeQueue
	}
	res, err := tx.ExecContext(ctx, `UPDATE onboarding_steps SET done_at = $1, outcome = $2, group_id = $3
		WHERE id = $4 AND done_at IS NULL`, tx.stamp, outcome, nullID(d.GroupID), d.Step.ID)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	if outcome != rankfile.OutcomeCaptain && outcome != rankfile.OutcomeLoad {
		return true, nil
	}
	return true, tx.assignByStep(ctx, d, by)
}

// keptOrganizer reports whether the member already has an organizer: a
// leader was quicker than the clock, or a member back from lapsed kept
// hers (the clock ends the assignments of organizers who may no longer
// keep them). The path leaves that alone.
func (tx *Tx) keptOrganizer(ctx context.Context, p *rankfile.PathStep) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM oneonone_assignments
		WHERE member_id = $1 AND ended_at IS NULL`, p.MemberID).Scan(&n)
	return n > 0, err
}

// assignByStep gives the member, who has no organizer, to the one
// decided, ties the step to the assignment and audits it.
func (tx *Tx) assignByStep(ctx context.Context, d rankfile.StepAssignment, by string) error {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO oneonone_assignments (member_id, organizer_id, reason,
		assigned_at, assigned_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		d.Step.MemberID, d.OrganizerID, string(d.Step.Reason), tx.stamp, by).Scan(&id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE onboarding_steps SET assignment_id = $1 WHERE id = $2`, id, d.Step.ID); err != nil {
		return err
	}
	return tx.audit(ctx, rankfile.AuditAssignOrganizer, d.Step.MemberID,
		sprintf("to organizer %d (%s, %s)", d.OrganizerID, d.Step.Reason, d.Outcome))
}
