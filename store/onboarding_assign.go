package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// AssignSteps does the organizer steps decided, in one transaction and a
// few statements for the whole batch: the steps still owed are claimed
// first (marked done, so that a second clock finds them done and does
// nothing), then each member is given to the organizer decided unless she
// has one already (kept), or left to the branch's queue, and every
// assignment audited.
func (s *OnboardingService) AssignSteps(ctx context.Context, decided []rankfile.StepAssignment) (int, error) {
	done := 0
	by := rankfile.ActorFrom(ctx).Name()
	err := s.db.inTx(ctx, func(tx *Tx) error {
		claimed, err := tx.claimSteps(ctx, decided)
		if err != nil || len(claimed) == 0 {
			return err
		}
		done = len(claimed)
		kept, err := tx.assignedMembers(ctx, claimed)
		if err != nil {
			return err
		}
		return tx.giveOrganizers(ctx, claimed, kept, by)
	})
	return done, err
}

// claimSteps marks done, for now as left to the queue, the steps still
// owed, and returns their decisions.
func (tx *Tx) claimSteps(ctx context.Context, decided []rankfile.StepAssignment) ([]rankfile.StepAssignment, error) {
	byID := make(map[int64]rankfile.StepAssignment, len(decided))
	ids := make([]int64, len(decided))
	for i, d := range decided {
		byID[d.Step.ID], ids[i] = d, d.Step.ID
	}
	var claimed []rankfile.StepAssignment
	err := tx.eachIDChunk(ids, func(args []any, in string) error {
		rows, err := tx.QueryContext(ctx, `UPDATE onboarding_steps SET done_at = $1, outcome = 'queue'
			WHERE done_at IS NULL AND id IN (`+in+`) RETURNING id`, append([]any{tx.stamp}, args...)...)
		if err != nil {
			return err
		}
		got, err := scanIDs(rows)
		for _, id := range got {
			claimed = append(claimed, byID[id])
		}
		return err
	}, 2)
	return claimed, err
}

// assignedMembers returns which of the steps' members have an organizer.
func (tx *Tx) assignedMembers(ctx context.Context, steps []rankfile.StepAssignment) (map[int64]bool, error) {
	ids := make([]int64, len(steps))
	for i, d := range steps {
		ids[i] = d.Step.MemberID
	}
	out := map[int64]bool{}
	err := tx.eachIDChunk(ids, func(args []any, in string) error {
		rows, err := tx.QueryContext(ctx, `SELECT member_id FROM oneonone_assignments
			WHERE ended_at IS NULL AND member_id IN (`+in+`)`, args...)
		if err != nil {
			return err
		}
		got, err := scanIDs(rows)
		for _, id := range got {
			out[id] = true
		}
		return err
	}, 1)
	return out, err
}

// eachIDChunk calls fn with each chunk of ids as arguments and their
// placeholders, numbered from first.
func (tx *Tx) eachIDChunk(ids []int64, fn func(args []any, in string) error, first int) error {
	for len(ids) > 0 {
		n := min(len(ids), idChunk)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		if err := fn(args, tx.db.params(first, n)); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// stepOutcome is an outcome and the captain's group it names, if any.
type stepOutcome struct {
	outcome string
	group   int64
}

// giveOrganizers records each claimed step's outcome, gives the members
// without an organizer to theirs, ties the steps to the assignments and
// audits each.
func (tx *Tx) giveOrganizers(ctx context.Context, claimed []rankfile.StepAssignment, kept map[int64]bool, by string) error {
	outcomes := map[stepOutcome][]int64{}
	var given []rankfile.StepAssignment
	for _, d := range claimed {
		switch {
		case kept[d.Step.MemberID]:
			outcomes[stepOutcome{rankfile.OutcomeKept, 0}] = append(outcomes[stepOutcome{rankfile.OutcomeKept, 0}], d.Step.ID)
		case d.OrganizerID != 0:
			o := stepOutcome{d.Outcome, d.GroupID}
			outcomes[o] = append(outcomes[o], d.Step.ID)
			given = append(given, d)
			kept[d.Step.MemberID] = true // a second path of hers in the batch keeps this one
		}
	}
	for o, ids := range outcomes {
		if err := tx.updateIDs(ctx, ids, `UPDATE onboarding_steps SET outcome = $1, group_id = $2 WHERE id IN (%s)`,
			o.outcome, nullID(o.group)); err != nil {
			return err
		}
	}
	if len(given) == 0 {
		return nil
	}
	return tx.insertAssignments(ctx, given, by)
}

// insertAssignments opens the assignments given, ties their steps to them
// and audits each.
func (tx *Tx) insertAssignments(ctx context.Context, given []rankfile.StepAssignment, by string) error {
	rows := newBatchInsert(tx, "oneonone_assignments", []string{"member_id", "organizer_id", "reason", "assigned_at", "assigned_by"})
	defer rows.close()
	ids := make([]int64, len(given))
	for i, d := range given {
		ids[i] = d.Step.ID
		if err := rows.add(ctx, d.Step.MemberID, d.OrganizerID, string(d.Step.Reason), tx.stamp, by); err != nil {
			return err
		}
	}
	if err := rows.flush(ctx); err != nil {
		return err
	}
	err := tx.updateIDs(ctx, ids, `UPDATE onboarding_steps SET assignment_id = (SELECT a.id FROM oneonone_assignments a
		WHERE a.member_id = onboarding_steps.member_id AND a.ended_at IS NULL) WHERE id IN (%s)`)
	if err != nil {
		return err
	}
	for _, d := range given {
		if err := tx.audit(ctx, rankfile.AuditAssignOrganizer, d.Step.MemberID,
			sprintf("to organizer %d (%s, %s)", d.OrganizerID, d.Step.Reason, d.Outcome)); err != nil {
			return err
		}
	}
	return nil
}
