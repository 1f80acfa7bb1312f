package app

import (
	"context"
	"fmt"
	"strings"

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
// records the winners as adopted priorities, with the count's record, as
// closing the convention's priorities vote does. Only a leader of the
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
	ids := make([]int64, len(candidates))
	for i, p := range candidates {
		ids[i] = p.ID
	}
	p, err := newPriorities(conventionID, 0, ids, e, rep, seed)
	if err != nil {
		return nil, nil, err
	}
	if err := a.Proposals.AdoptPriorities(as(ctx, actor), p); err != nil {
		return nil, nil, err
	}
	var adopted []*rankfile.Proposal
	for _, i := range rep.Elected {
		adopted = append(adopted, candidates[i])
	}
	return rep, adopted, nil
}

// newPriorities makes the priorities a count adopts: the proposals its
// report elected, in order (options names the proposal of each of the
// election's candidates), and the record that counts it again: the
// ballots as BLT, the seed, and the `rankfile tally` command. Both ways of
// adopting priorities make them here.
func newPriorities(conventionID, voteID int64, options []int64, e *count.Election, rep *count.Report, seed string) (*rankfile.Priorities, error) {
	p := &rankfile.Priorities{ConventionID: conventionID, VoteID: voteID, Ballots: len(e.Ballots), Seed: seed}
	for _, i := range rep.Elected {
		p.Adopted = append(p.Adopted, &rankfile.PriorityItem{ProposalID: options[i]})
	}
	// BLT has no escape for a double quote or a line break: the record's
	// names lose them, and the count, by position, is the same.
	record := *e
	record.Title = bltName(e.Title)
	record.Candidates = make([]string, len(e.Candidates))
	for i, name := range e.Candidates {
		record.Candidates[i] = bltName(name)
	}
	var blt strings.Builder
	if err := count.WriteBLT(&blt, &record); err != nil {
		return nil, fmt.Errorf("the priorities' record: %w", err)
	}
	p.BLT = blt.String()
	p.Command = fmt.Sprintf("rankfile tally %s --method %s --seed %s", p.BallotsFile(), count.Scottish, seed)
	return p, nil
}

// bltName makes a name BLT can hold.
func bltName(s string) string {
	return strings.NewReplacer(`"`, "'", "\r", " ", "\n", " ").Replace(s)
}

// RecountPriorities counts adopted priorities' record again, for the
// record's page: its ballots as published, by the method and seed it
// names. A record is exact, so this is the count that adopted them.
func RecountPriorities(p *rankfile.Priorities) (*count.Report, error) {
	e, err := count.ReadBLT(strings.NewReader(p.BLT))
	if err != nil {
		return nil, fmt.Errorf("priorities %d: the record: %w", p.ID, err)
	}
	return count.Count(e, count.Options{Method: count.Scottish, Seed: p.Seed})
}

// ChapterPriorities returns the priorities the chapter's conventions
// adopted last, or nil, for members.
func (a *App) ChapterPriorities(ctx context.Context, actor *rankfile.Actor, chapterID int64) (*rankfile.Priorities, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	list, err := a.Proposals.FindPriorities(ctx, rankfile.PrioritiesFilter{ChapterID: chapterID, Limit: 1})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

// PrioritiesRecord returns adopted priorities and their count, counted
// again from their record, for members.
func (a *App) PrioritiesRecord(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Priorities, *count.Report, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, nil, err
	}
	list, err := a.Proposals.FindPriorities(ctx, rankfile.PrioritiesFilter{ID: id})
	if err != nil {
		return nil, nil, err
	}
	if len(list) == 0 {
		return nil, nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such priorities")
	}
	rep, err := RecountPriorities(list[0])
	return list[0], rep, err
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
