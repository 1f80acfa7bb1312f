package app

import (
	"context"
	"slices"

	"github.com/rankfile/rankfile"
)

// Votes at meetings: a chair opens one on an agenda item, members vote on
// their phones or in the room, a chair closes it. Every change reaches
// the meeting's live pages through a.Live.

// meetingVote returns a meeting and one of its votes, for members.
func (a *App) meetingVote(ctx context.Context, actor *rankfile.Actor, meetingID, voteID int64) (*rankfile.Meeting, *rankfile.MeetingVote, error) {
	m, err := a.findMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, nil, err
	}
	v, err := a.findVote(ctx, actor, meetingID, voteID)
	return m, v, err
}

// findVote returns one of a meeting's votes, for members, without reading
// the meeting: what a member's vote needs.
func (a *App) findVote(ctx context.Context, actor *rankfile.Actor, meetingID, voteID int64) (*rankfile.MeetingVote, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	votes, err := a.Votes.FindVotes(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	for _, v := range votes {
		if v.ID == voteID {
			return v, nil
		}
	}
	return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such vote")
}

// OpenVote opens a vote on an item of the meeting's agenda, by a chair,
// once the meeting is quorate. A vote on a proposal is a yes/no vote that
// decides it, two thirds needed for bylaws unless the chair sets another
// threshold.
func (a *App) OpenVote(ctx context.Context, actor *rankfile.Actor, meetingID int64, v *rankfile.MeetingVote) error {
	page, err := a.chairedMeeting(ctx, actor, meetingID)
	if err != nil {
		return err
	}
	m := page.Meeting
	i := slices.IndexFunc(m.Agenda, func(item *rankfile.AgendaItem) bool { return item.ID == v.AgendaItemID })
	if i < 0 {
		return rankfile.Errorf(rankfile.EINVALID, "a vote is on an item of the meeting's agenda")
	}
	if !page.Quorate() {
		return notQuorate(page)
	}
	// Only the priorities vote ranks resolutions, opened by
	// OpenPrioritiesVote with those on the agenda.
	v.MeetingID, v.ProposalID, v.OptionProposals = meetingID, m.Agenda[i].ProposalID, nil
	if err := a.fillProposalVote(ctx, v); err != nil {
		return err
	}
	if err := a.Votes.OpenVote(as(ctx, actor), v); err != nil {
		return err
	}
	a.meetingChanged(meetingID)
	return nil
}

// chairedMeeting returns a meeting whose votes the actor opens, once its
// time has come.
func (a *App) chairedMeeting(ctx context.Context, actor *rankfile.Actor, meetingID int64) (*MeetingPage, error) {
	page, err := a.Meeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanChairMeeting(page.Meeting)); err != nil {
		return nil, err
	}
	return page, page.Meeting.CheckVoteOpens(a.Now())
}

// notQuorate refuses a vote at a meeting short of its quorum.
func notQuorate(page *MeetingPage) error {
	return rankfile.Errorf(rankfile.ECONFLICT, "the meeting is not quorate: %d of the %d members in good standing needed are checked in",
		page.Present, page.Needed)
}

// fillProposalVote makes a vote on a proposal a yes/no vote on its
// title, with the threshold its kind needs unless one was set (a
// candidate's petition: its cycle's, see endorsementVote).
func (a *App) fillProposalVote(ctx context.Context, v *rankfile.MeetingVote) error {
	if v.ProposalID == 0 {
		return nil
	}
	list, err := a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{ID: v.ProposalID, NoCounts: true})
	if err != nil || len(list) == 0 {
		return err
	}
	p := list[0]
	if p.Status != rankfile.ProposalScheduled {
		return rankfile.Errorf(rankfile.ECONFLICT, "%q is %s: only a scheduled proposal is voted on", p.Title, p.Status)
	}
	v.Kind = rankfile.VoteYesNo
	if v.Question == "" {
		v.Question = p.Title
	}
	if err := a.endorsementVote(ctx, v, p); err != nil {
		return err
	}
	if v.Threshold == "" {
		v.Threshold = rankfile.DefaultThreshold(p.Kind)
	}
	return nil
}

// CastMeetingVote records the actor's vote: the option indexes chosen,
// first preference first, or none to abstain. Sending it again after it
// was counted changes nothing and reports already.
func (a *App) CastMeetingVote(ctx context.Context, actor *rankfile.Actor, meetingID, voteID int64, choice []int) (already bool, err error) {
	v, err := a.findVote(ctx, actor, meetingID, voteID)
	if err != nil {
		return false, err
	}
	if err := v.CheckChoice(choice); err != nil {
		return false, err
	}
	err = a.Votes.CastVote(as(ctx, actor), voteID, actor.ID(), choice)
	if rankfile.ErrorCode(err) == rankfile.ECONFLICT {
		if voted, verr := a.Votes.HasVoted(ctx, voteID, actor.ID()); verr == nil && voted {
			return true, nil
		}
	}
	if err == nil {
		a.meetingChanged(meetingID)
	}
	return false, err
}

// RoomCount is what a session's secretary counted in the room: who voted
// there, and their votes, either as numbers for each option (secret
// yes/no and choice votes) or as ballots, one a member (roll-call votes,
// in the order of Members) or one a paper (ranked votes).
type RoomCount struct {
	Members []int64 `json:"members"`
	Counts  []int   `json:"counts,omitempty"`
	Abstain int     `json:"abstain,omitempty"`
	Ballots [][]int `json:"ballots,omitempty"`
}

// ballots turns a count into ballots for the box.
func (c *RoomCount) ballots(v *rankfile.MeetingVote) ([][]int, error) {
	if c.Counts == nil {
		for _, b := range c.Ballots {
			if err := v.CheckChoice(b); err != nil {
				return nil, err
			}
		}
		return c.Ballots, nil
	}
	switch {
	case c.Ballots != nil:
		return nil, rankfile.Errorf(rankfile.EINVALID, "give counts or ballots, not both")
	case v.RollCall || v.Kind == rankfile.VoteRanked:
		return nil, rankfile.Errorf(rankfile.EINVALID, "a roll-call or ranked vote is entered ballot by ballot, not as counts")
	case len(c.Counts) != v.OptionCount():
		return nil, rankfile.Errorf(rankfile.EINVALID, "give a count for each of the %d options", v.OptionCount())
	case c.Abstain < 0 || slices.Min(c.Counts) < 0:
		return nil, rankfile.Errorf(rankfile.EINVALID, "counts are not negative")
	}
	var out [][]int
	for option, n := range c.Counts {
		for range n {
			out = append(out, []int{option})
		}
	}
	for range c.Abstain {
		out = append(out, nil)
	}
	return out, nil
}

// CastRoomVotes enters the votes counted in a session's room, by its
// hosts. The members named are marked as having voted, so that they
// cannot vote on their phones as well; the votes must be as many as they.
func (a *App) CastRoomVotes(ctx context.Context, actor *rankfile.Actor, meetingID, voteID, sessionID int64, c *RoomCount) error {
	m, v, err := a.meetingVote(ctx, actor, meetingID, voteID)
	if err != nil {
		return err
	}
	if _, err := hostedSession(actor, m, sessionID); err != nil {
		return err
	}
	ballots, err := c.ballots(v)
	if err != nil {
		return err
	}
	if len(c.Members) == 0 {
		return rankfile.Errorf(rankfile.EINVALID, "name the members who voted in the room")
	}
	if err := a.Votes.CastRoomVotes(as(ctx, actor), voteID, sessionID, c.Members, ballots); err != nil {
		return err
	}
	a.meetingChanged(meetingID)
	return nil
}

// CloseVote closes a vote, by a chair, and publishes its result per
// session and combined; a proposal it decided takes the outcome. While a
// session has sent nothing in (see rankfile.UnheardSessions), it closes
// only confirmed, and else returns a *rankfile.UnheardError naming them.
func (a *App) CloseVote(ctx context.Context, actor *rankfile.Actor, meetingID, voteID int64, confirm bool) (*rankfile.MeetingVote, error) {
	m, open, err := a.meetingVote(ctx, actor, meetingID, voteID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanChairMeeting(m)); err != nil {
		return nil, err
	}
	if open.Status != rankfile.VoteOpen {
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "the vote is closed")
	}
	if !confirm {
		if err := a.checkHeard(ctx, m, voteID); err != nil {
			return nil, err
		}
	}
	v, err := a.Votes.CloseVote(as(ctx, actor), voteID, func(v *rankfile.MeetingVote, ballots []*rankfile.CastBallot) (*rankfile.VoteResult, error) {
		return tallyVote(m, v, ballots)
	}, voteDecision(open), priorityAdoption(m, open))
	if err != nil {
		return nil, err
	}
	a.meetingChanged(meetingID)
	return v, nil
}

// checkHeard refuses to close a vote while a session has sent nothing in.
// Checked before the close's transaction: ballots only ever come in, so a
// session heard from here is still heard from when the vote closes.
func (a *App) checkHeard(ctx context.Context, m *rankfile.Meeting, voteID int64) error {
	progress, err := a.Votes.VoteProgress(ctx, voteID)
	if err != nil {
		return err
	}
	if unheard := rankfile.UnheardSessions(m, progress); len(unheard) > 0 {
		return &rankfile.UnheardError{Sessions: unheard}
	}
	return nil
}

// voteDecision is what closing a vote does to the proposal it is on: a
// yes/no vote on a proposal decides it (see rankfile.VoteStep). Any other
// vote leaves proposals alone, and its closing locks none.
func voteDecision(v *rankfile.MeetingVote) func(*rankfile.MeetingVote, *rankfile.Proposal) *rankfile.ProposalStep {
	if !v.DecidesProposal() {
		return nil
	}
	return rankfile.VoteStep
}

// MeetingVotes lists a meeting's votes with their results, for members.
func (a *App) MeetingVotes(ctx context.Context, actor *rankfile.Actor, meetingID int64) ([]*rankfile.MeetingVote, error) {
	if _, err := a.findMeeting(ctx, actor, meetingID); err != nil {
		return nil, err
	}
	return a.Votes.FindVotes(ctx, meetingID)
}
