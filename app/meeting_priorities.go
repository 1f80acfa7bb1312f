package app

import (
	"context"
	"slices"

	"github.com/rankfile/rankfile"
)

// A convention's priorities vote, at its meeting: the chair opens it on
// the resolutions scheduled on the agenda, the delegates checked in rank
// them on their ballots as in any ranked vote, and closing it adopts the
// resolutions Scottish STV elects to rankfile.PrioritySeats places, in
// the close's transaction, with the count's record.

// PrioritiesBallot returns the resolutions a convention meeting's
// priorities vote would rank: those scheduled on its agenda, in the
// agenda's order. A meeting of another body has none.
func (a *App) PrioritiesBallot(ctx context.Context, page *MeetingPage) ([]*rankfile.Proposal, error) {
	if page.Body.Kind != rankfile.KindConvention {
		return nil, nil
	}
	candidates, err := a.PriorityCandidates(ctx, page.Body.ID)
	if err != nil {
		return nil, err
	}
	var out []*rankfile.Proposal
	for _, item := range page.Meeting.Agenda {
		i := slices.IndexFunc(candidates, func(p *rankfile.Proposal) bool { return p.ID == item.ProposalID })
		if item.ProposalID != 0 && i >= 0 {
			out = append(out, candidates[i])
		}
	}
	return out, nil
}

// OpenPrioritiesVote opens a convention meeting's priorities vote, by its
// chair, once the meeting is quorate: a secret ranked vote among the
// resolutions on its agenda, for rankfile.PrioritySeats places.
func (a *App) OpenPrioritiesVote(ctx context.Context, actor *rankfile.Actor, meetingID int64) (*rankfile.MeetingVote, error) {
	page, err := a.chairedMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	if page.Body.Kind != rankfile.KindConvention {
		return nil, rankfile.Errorf(rankfile.EINVALID, "only a convention's meeting takes a priorities vote")
	}
	if !page.Quorate() {
		return nil, notQuorate(page)
	}
	if slices.ContainsFunc(page.Votes, (*rankfile.MeetingVote).AdoptsPriorities) {
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "the meeting has taken its priorities vote")
	}
	ballot, err := a.PrioritiesBallot(ctx, page)
	if err != nil {
		return nil, err
	}
	if len(ballot) <= rankfile.PrioritySeats {
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "the priorities vote chooses %d of more resolutions than that: the agenda has %d",
			rankfile.PrioritySeats, len(ballot))
	}
	item, err := a.prioritiesItem(ctx, actor, page.Meeting)
	if err != nil {
		return nil, err
	}
	v := &rankfile.MeetingVote{MeetingID: meetingID, AgendaItemID: item.ID, Kind: rankfile.VoteRanked,
		Question: rankfile.PrioritiesTitle, Seats: rankfile.PrioritySeats, Threshold: rankfile.ThresholdPlurality}
	for _, p := range ballot {
		v.Options, v.OptionProposals = append(v.Options, p.Title), append(v.OptionProposals, p.ID)
	}
	if err := a.Votes.OpenVote(as(ctx, actor), v); err != nil {
		return nil, err
	}
	a.meetingChanged(meetingID)
	return v, nil
}

// prioritiesItem returns the agenda item the priorities vote is on,
// adding it at the end of the agenda the first time.
func (a *App) prioritiesItem(ctx context.Context, actor *rankfile.Actor, m *rankfile.Meeting) (*rankfile.AgendaItem, error) {
	for _, item := range m.Agenda {
		if item.Kind == rankfile.AgendaElection && item.Title == rankfile.PrioritiesTitle {
			return item, nil
		}
	}
	item := &rankfile.AgendaItem{Kind: rankfile.AgendaElection, Title: rankfile.PrioritiesTitle, Position: len(m.Agenda) + 1}
	if err := item.Validate(); err != nil {
		return nil, err
	}
	return item, a.Meetings.AddAgendaItem(as(ctx, actor), m.ID, item, nil)
}

// priorityAdoption is what closing a vote adopts as priorities: for the
// priorities vote, the resolutions its count elects, with the count's
// record (see newPriorities); nothing for any other vote.
func priorityAdoption(m *rankfile.Meeting, v *rankfile.MeetingVote) func(*rankfile.MeetingVote, []*rankfile.CastBallot) (*rankfile.Priorities, error) {
	if !v.AdoptsPriorities() {
		return nil
	}
	return func(v *rankfile.MeetingVote, ballots []*rankfile.CastBallot) (*rankfile.Priorities, error) {
		e, rep, err := rankedCount(v, ballots)
		if err != nil || rep == nil {
			return nil, err
		}
		return newPriorities(m.BodyID, v.ID, v.OptionProposals, e, rep, v.Seed)
	}
}

// PrioritiesToOpen returns the resolutions of the priorities vote the
// reader of a meeting's page may open now: its chair, at a convention's
// meeting with no vote open, no priorities vote taken yet, and more
// resolutions on the agenda than there are priorities. Else none.
func (a *App) PrioritiesToOpen(ctx context.Context, page *MeetingPage) ([]*rankfile.Proposal, error) {
	if !page.CanChair || page.Open != nil || slices.ContainsFunc(page.Votes, (*rankfile.MeetingVote).AdoptsPriorities) {
		return nil, nil
	}
	ballot, err := a.PrioritiesBallot(ctx, page)
	if err != nil || len(ballot) <= rankfile.PrioritySeats {
		return nil, err
	}
	return ballot, nil
}

// MeetingPriorities returns the priorities a convention meeting's
// priorities vote adopted once it has closed, for the meeting's page to
// show with a link to their record; nil before then, and at any other
// meeting.
func (a *App) MeetingPriorities(ctx context.Context, page *MeetingPage) (*rankfile.Priorities, error) {
	i := slices.IndexFunc(page.Votes, func(v *rankfile.MeetingVote) bool { return v.AdoptsPriorities() && v.Result != nil })
	if i < 0 {
		return nil, nil
	}
	list, err := a.Proposals.FindPriorities(ctx, rankfile.PrioritiesFilter{VoteID: page.Votes[i].ID, Limit: 1})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}
