package app

import (
	"context"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// What members do with a proposal besides signing: amend, discuss; what
// the deciding body's leaders do about it: keep the discussion within the
// code of conduct.

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
