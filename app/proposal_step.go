package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Steps of a proposal's life taken by people and by the clock: its authors
// withdraw it, the deciding body's leaders schedule it and record the
// decision, and a deadline passed lets it expire.

// ScheduleProposal puts a qualified proposal on the agenda of an upcoming
// meeting of the deciding body, by its leaders: the meeting's vote then
// decides it.
func (a *App) ScheduleProposal(ctx context.Context, actor *rankfile.Actor, id, meetingID int64) error {
	if _, err := a.managedProposal(ctx, actor, id); err != nil {
		return err
	}
	if meetingID == 0 {
		return rankfile.Errorf(rankfile.EINVALID, "choose the meeting that takes it up")
	}
	return a.AddAgendaItem(ctx, actor, meetingID, &rankfile.AgendaItem{Kind: rankfile.AgendaProposal, ProposalID: id})
}

// DecideProposal records what the meeting decided on a scheduled proposal;
// adopting it forms or dissolves the body it says (rankfile.DecisionStep).
func (a *App) DecideProposal(ctx context.Context, actor *rankfile.Actor, id int64, adopted bool, note string) error {
	p, err := a.managedProposal(ctx, actor, id)
	if err != nil {
		return err
	}
	return a.Proposals.StepProposal(as(ctx, actor), id, rankfile.DecisionStep(p, adopted, note))
}

// managedProposal returns a proposal the actor may schedule and decide.
func (a *App) managedProposal(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Proposal, error) {
	p, err := a.checkProposal(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return p, actor.Require(actor.CanManageProposal(p))
}

// CatchUpProposals records the expiry of proposals whose deadline passed
// before they qualified. The server runs it every minute.
func (a *App) CatchUpProposals(ctx context.Context) error {
	list, err := a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{Status: rankfile.ProposalCollecting, NoCounts: true})
	if err != nil {
		return err
	}
	clock := as(ctx, clockActor)
	for _, p := range list {
		if p.StatusAt(a.Now()) != rankfile.ProposalExpired {
			continue
		}
		counted, err := a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{ID: p.ID})
		if err != nil || len(counted) == 0 {
			return err
		}
		c := counted[0].Signatures
		note := rankfile.NoteMessage("proposal.note.expired", "Total", c.Total, "Valid", c.Valid, "Needed", p.Threshold)
		err = a.Proposals.StepProposal(clock, p.ID, rankfile.NewProposalStep(rankfile.ProposalCollecting, rankfile.ProposalExpired, note))
		if err != nil && rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			return err
		}
	}
	return nil
}

// WithdrawProposal withdraws a proposal, by one of its authors, before it
// is scheduled.
func (a *App) WithdrawProposal(ctx context.Context, actor *rankfile.Actor, id int64) error {
	p, err := a.editableProposal(ctx, actor, id)
	if err != nil {
		return err
	}
	switch p.StatusAt(a.Now()) {
	case rankfile.ProposalDraft, rankfile.ProposalCollecting, rankfile.ProposalQualified:
	default:
		return rankfile.Errorf(rankfile.ECONFLICT, "%q is %s and can no longer be withdrawn", p.Title, p.StatusAt(a.Now()))
	}
	return a.Proposals.StepProposal(as(ctx, actor), id, rankfile.NewProposalStep(p.Status, rankfile.ProposalWithdrawn, ""))
}
