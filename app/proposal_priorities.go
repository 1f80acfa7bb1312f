package app

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/count"
)

// The next year's priorities: a convention adopts up to three chapter
// resolutions by a ranked vote counted by STV with three seats. The
// delegates' vote is taken at the convention's meeting; this counts it
// with the counting engine and records the adopted priorities.

// PriorityCandidates are the resolutions before a convention that its
// priorities vote ranks: scheduled on its agenda, in id order.
func (a *App) PriorityCandidates(ctx context.Context, conventionID int64) ([]*rankfile.Proposal, error) {
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: conventionID})
	if err != nil {
		return nil, err
	}
	if body.Kind != rankfile.KindConvention {
		return nil, rankfile.Errorf(rankfile.EINVALID, "%s is not a convention", body.Name)
	}
	list, err := a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{BodyID: conventionID, Status: rankfile.ProposalScheduled})
	if err != nil {
		return nil, err
	}
	var out []*rankfile.Proposal
	for i := len(list) - 1; i >= 0; i-- { // FindProposals lists newest first
		if list[i].Kind == rankfile.ProposalResolution {
			out = append(out, list[i])
		}
	}
	return out, nil
}

// CountPriorities counts the delegates' rankings of the convention's
// priority candidates (each ranking lists proposal ids, first choice
// first) by Scottish STV with three seats, the lot seeded by seed, and
// records the winners as adopted priorities. Only a leader of the
// convention, or an admin, records them.
func (a *App) CountPriorities(ctx context.Context, actor *rankfile.Actor, conventionID int64, rankings [][]int64, seed string) (*count.Report, []*rankfile.Proposal, error) {
	if err := actor.Require(actor.CanCallMeeting(conventionID)); err != nil {
		return nil, nil, err
	}
	candidates, err := a.PriorityCandidates(ctx, conventionID)
	if err != nil {
		return nil, nil, err
	}
	e, err := priorityElection(candidates, rankings)
	if err != nil {
		return nil, nil, err
	}
	rep, err := count.Count(e, count.Options{Method: count.Scottish, Seed: seed})
	if err != nil {
		return nil, nil, rankfile.Errorf(rankfile.EINVALID, "the priorities vote cannot be counted: %v", err)
	}
	var adopted []*rankfile.Proposal
	for place, i := range rep.Elected {
		p := candidates[i]
		note := fmt.Sprintf("adopted as priority %d of %d for the next year, by STV (%d ballots)", place+1, len(rep.Elected), len(rankings))
		if err := a.Proposals.StepProposal(as(ctx, actor), p.ID, rankfile.DecisionStep(p, true, note)); err != nil {
			return nil, nil, err
		}
		adopted = append(adopted, p)
	}
	return rep, adopted, nil
}

// priorityElection makes the count's election from the candidates and the
// rankings, refusing a ranking that names anything else or one twice.
func priorityElection(candidates []*rankfile.Proposal, rankings [][]int64) (*count.Election, error) {
	if len(candidates) == 0 {
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "no resolution is on the convention's agenda")
	}
	index := map[int64]int{}
	e := &count.Election{Title: "Priorities", Seats: min(rankfile.PrioritySeats, len(candidates))}
	for i, p := range candidates {
		index[p.ID] = i
		e.Candidates = append(e.Candidates, p.Title)
	}
	for n, r := range rankings {
		b := count.Ballot{Weight: 1}
		seen := map[int64]bool{}
		for _, id := range r {
			i, ok := index[id]
			if !ok || seen[id] {
				return nil, rankfile.Errorf(rankfile.EINVALID, "ballot %d ranks proposal %d, which is not a candidate or is ranked twice", n+1, id)
			}
			seen[id] = true
			b.Ranking = append(b.Ranking, i)
		}
		e.Ballots = append(e.Ballots, b)
	}
	return e, nil
}
