package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// What members do with a proposal besides signing: amend, discuss; what
// the deciding body's leaders do: schedule, record the decision, keep the
// discussion within the code of conduct.

// ProposeAmendment stores a member's amendment: the text as they would
// have it, and why.
func (a *App) ProposeAmendment(ctx context.Context, actor *rankfile.Actor, id int64, text rankfile.ProposalText, reason string) (*rankfile.Amendment, error) {
	if err := actor.Require(actor.CanTakePartInProposal(a.Today())); err != nil {
		return nil, err
	}
	if _, err := a.checkProposal(ctx, actor, id); err != nil {
		return nil, err
	}
	am := &rankfile.Amendment{ProposalID: id, MemberID: actor.ID(), Name: actor.Name(), Text: text, Reason: reason}
	return am, a.Proposals.ProposeAmendment(as(ctx, actor), am)
}

// DecideAmendment accepts an amendment as friendly or declines it, by one
// of the proposal's authors.
func (a *App) DecideAmendment(ctx context.Context, actor *rankfile.Actor, id, amendmentID int64, accept bool) error {
	if _, err := a.editableProposal(ctx, actor, id); err != nil {
		return err
	}
	return a.Proposals.DecideAmendment(as(ctx, actor), id, amendmentID, accept)
}

// Comment adds a member's comment to a proposal's discussion.
func (a *App) Comment(ctx context.Context, actor *rankfile.Actor, id int64, body string) (*rankfile.Comment, error) {
	if err := actor.Require(actor.CanTakePartInProposal(a.Today())); err != nil {
		return nil, err
	}
	if _, err := a.checkProposal(ctx, actor, id); err != nil {
		return nil, err
	}
	c := &rankfile.Comment{ProposalID: id, MemberID: actor.ID(), Name: actor.Name(), Body: body}
	return c, a.Proposals.AddComment(as(ctx, actor), c)
}

// HideComment hides a comment under the code of conduct, by a leader of
// the deciding body, and tells its author why.
func (a *App) HideComment(ctx context.Context, actor *rankfile.Actor, id, commentID int64, reason string) error {
	p, err := a.checkProposal(ctx, actor, id)
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanManageProposal(p)); err != nil {
		return err
	}
	c, err := a.Proposals.HideComment(as(ctx, actor), id, commentID, reason)
	if err != nil {
		return err
	}
	author, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: c.MemberID})
	if err != nil || author.Email == "" || a.Mailer == nil {
		return err
	}
	l := locale.For(author.Preferences.Language)
	text := l.T("proposalmail.greeting", "Name", author.FirstName) + "\n\n" +
		l.T("proposalmail.hidden.text", "Title", p.Title, "By", actor.Name(), "Reason", strings.TrimSpace(reason)) + "\n\n" +
		"> " + strings.ReplaceAll(c.Body, "\n", "\n> ") + "\n"
	a.sendLater(&rankfile.Message{To: author.Email, Subject: l.T("proposalmail.hidden.subject", "Title", p.Title),
		Text: text, Kind: "comment-hidden"})
	return nil
}

// ScheduleProposal puts a qualified proposal on a meeting's agenda, by a
// leader of the deciding body; the note says which meeting.
func (a *App) ScheduleProposal(ctx context.Context, actor *rankfile.Actor, id int64, note string) error {
	if _, err := a.managedProposal(ctx, actor, id); err != nil {
		return err
	}
	if strings.TrimSpace(note) == "" {
		return rankfile.Errorf(rankfile.EINVALID, "say which meeting takes it up")
	}
	return a.Proposals.SetProposalStatus(as(ctx, actor), id, rankfile.ProposalQualified, rankfile.ProposalScheduled, note)
}

// DecideProposal records what the meeting decided on a scheduled proposal.
func (a *App) DecideProposal(ctx context.Context, actor *rankfile.Actor, id int64, adopted bool, note string) error {
	if _, err := a.managedProposal(ctx, actor, id); err != nil {
		return err
	}
	to := rankfile.ProposalRejected
	if adopted {
		to = rankfile.ProposalAdopted
	}
	return a.Proposals.SetProposalStatus(as(ctx, actor), id, rankfile.ProposalScheduled, to, note)
}

// managedProposal returns a proposal the actor may schedule and decide.
func (a *App) managedProposal(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Proposal, error) {
	p, err := a.checkProposal(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return p, actor.Require(actor.CanManageProposal(p))
}

// VersionDiff compares two versions of a proposal's text; from 0 means
// the one before to, to 0 the current one.
func (a *App) VersionDiff(ctx context.Context, actor *rankfile.Actor, id int64, from, to int) (*VersionDiff, error) {
	p, err := a.checkProposal(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	versions, err := a.Proposals.ProposalVersions(ctx, id)
	if err != nil {
		return nil, err
	}
	if to == 0 {
		to = p.Version
	}
	if from == 0 {
		from = max(to-1, 1)
	}
	if from < 1 || to > len(versions) || from > to {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "%q has versions 1 to %d", p.Title, len(versions))
	}
	return diffVersions(versions[from-1], versions[to-1]), nil
}

// CatchUpProposals records the expiry of proposals whose deadline passed
// before they qualified. The server runs it every minute.
func (a *App) CatchUpProposals(ctx context.Context) error {
	list, err := a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{Status: rankfile.ProposalCollecting, NoCounts: true})
	if err != nil {
		return err
	}
	clock := rankfile.WithActor(ctx, &rankfile.Actor{Label: "rankfile"})
	for _, p := range list {
		if p.StatusAt(a.Now()) != rankfile.ProposalExpired {
			continue
		}
		counted, err := a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{ID: p.ID})
		if err != nil || len(counted) == 0 {
			return err
		}
		note := counted[0].Signatures.Summary() + fmt.Sprintf("; %d needed", p.Threshold)
		err = a.Proposals.SetProposalStatus(clock, p.ID, rankfile.ProposalCollecting, rankfile.ProposalExpired, note)
		if err != nil && rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			return err
		}
	}
	return nil
}
