package app

import (
	"context"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// Proposals: written up by their authors as drafts, opened for
// signatures, qualified for the agenda once enough members in good
// standing sign. The rules of who may do what are the Actor's methods;
// the rules of when, the Proposal's.

// ProposalPage is a proposal as one member sees it.
type ProposalPage struct {
	Proposal   *rankfile.Proposal        `json:"proposal"`
	Body       *rankfile.Body            `json:"body"`
	Signatures []*rankfile.Signature     `json:"signatures"` // names hidden as the signers asked, unless the reader is a steward
	History    []*rankfile.ProposalEvent `json:"history"`
	Amendments []*rankfile.Amendment     `json:"amendments"`
	Comments   []*rankfile.Comment       `json:"comments"`   // hidden ones keep their text for their author and the body's leaders only
	Signed     bool                      `json:"signed"`     // the reader signed
	CanSign    bool                      `json:"can_sign"`   // the reader may sign now
	CanUnsign  bool                      `json:"can_unsign"` // the reader signed and may take it back
	CanEdit    bool                      `json:"can_edit"`   // the reader is an author
	// Invited is set for a co-author who has yet to accept.
	Invited bool `json:"invited"`
	// CanManage: the reader leads the deciding body (or is an admin).
	CanManage bool `json:"can_manage"`
	// CanAmend and CanComment: the reader may propose amendments and
	// comment now.
	CanAmend   bool `json:"can_amend"`
	CanComment bool `json:"can_comment"`
	// FormsUnder is the body the body it forms is to be part of; Formed
	// the body its adoption formed; Dissolves the body it dissolves.
	FormsUnder *rankfile.Body `json:"forms_under,omitempty"`
	Formed     *rankfile.Body `json:"formed,omitempty"`
	Dissolves  *rankfile.Body `json:"dissolves,omitempty"`
	// Meeting is the meeting whose agenda holds the proposal, the latest
	// if several did; nil for one never on a meeting's agenda (or put on
	// one, in older data, by a note in its history alone).
	Meeting *rankfile.Meeting `json:"meeting,omitempty"`
	// Meetings are the deciding body's upcoming meetings, for its leaders
	// to put a qualified proposal on the agenda of.
	Meetings []*rankfile.Meeting `json:"meetings,omitempty"`
}

// CreateProposal stores a draft written by the actor, naming co-authors
// by email address; they are authors once they accept. Nobody but the
// invitee sees an invitation before it is accepted (see
// Proposal.HideInvitations).
func (a *App) CreateProposal(ctx context.Context, actor *rankfile.Actor, p *rankfile.Proposal, coauthors []string) error {
	if err := actor.Require(actor.CanWriteProposal(a.Today())); err != nil {
		return err
	}
	if err := a.checkActiveBodies(ctx, nil, p.BodyID); err != nil {
		return err
	}
	if err := a.checkConvention(ctx, p.BodyID, p.Kind); err != nil {
		return err
	}
	if err := a.checkBodies(ctx, p); err != nil {
		return err
	}
	p.Authors = []rankfile.ProposalAuthor{{MemberID: actor.ID(), Name: actor.Name()}}
	for _, email := range coauthors {
		if email = strings.TrimSpace(email); email == "" {
			continue
		}
		// An address nobody has is passed over like one that is found:
		// an error would tell the author who is a member.
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: email})
		if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
			continue
		} else if err != nil {
			return err
		}
		if p.Author(m.ID) == nil {
			p.Authors = append(p.Authors, rankfile.ProposalAuthor{MemberID: m.ID, Name: m.FullName()})
		}
	}
	return a.Proposals.CreateProposal(as(ctx, actor), p)
}

// findProposal returns a proposal the actor may see.
func (a *App) findProposal(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Proposal, error) {
	return a.seeProposal(ctx, actor, rankfile.ProposalFilter{ID: id})
}

// checkProposal is findProposal without the counts of signatures, for
// steps that only need to know the actor may see it.
func (a *App) checkProposal(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Proposal, error) {
	return a.seeProposal(ctx, actor, rankfile.ProposalFilter{ID: id, NoCounts: true})
}

func (a *App) seeProposal(ctx context.Context, actor *rankfile.Actor, f rankfile.ProposalFilter) (*rankfile.Proposal, error) {
	list, err := a.Proposals.FindProposals(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 || (actor.SignedIn() && !actor.CanSeeProposal(list[0])) {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such proposal")
	}
	if err := actor.Require(actor.CanSeeProposal(list[0])); err != nil {
		return nil, err
	}
	list[0].HideInvitations(actor.ID())
	return list[0], nil
}

// editableProposal returns a proposal the actor is an author of.
func (a *App) editableProposal(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Proposal, error) {
	p, err := a.findProposal(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return p, actor.Require(actor.CanEditProposal(p))
}

// UpdateProposal stores a new version of a draft, by one of its authors.
func (a *App) UpdateProposal(ctx context.Context, actor *rankfile.Actor, p *rankfile.Proposal) error {
	old, err := a.editableProposal(ctx, actor, p.ID)
	if err != nil {
		return err
	}
	if err := a.checkActiveBodies(ctx, []int64{old.BodyID}, p.BodyID); err != nil {
		return err
	}
	if err := a.checkConvention(ctx, p.BodyID, p.Kind); err != nil {
		return err
	}
	if err := a.checkBodies(ctx, p); err != nil {
		return err
	}
	return a.Proposals.UpdateProposal(as(ctx, actor), p)
}

// AcceptAuthorship makes an invited co-author an author.
func (a *App) AcceptAuthorship(ctx context.Context, actor *rankfile.Actor, id int64) error {
	if _, err := a.checkProposal(ctx, actor, id); err != nil {
		return err
	}
	return a.Proposals.AcceptAuthorship(as(ctx, actor), id, actor.ID())
}

// OpenSignatures opens a draft for signatures until the deadline, with
// the threshold the settings give for its kind and body.
func (a *App) OpenSignatures(ctx context.Context, actor *rankfile.Actor, id int64, deadline time.Time) error {
	p, err := a.editableProposal(ctx, actor, id)
	if err != nil {
		return err
	}
	if err := a.checkConvention(ctx, p.BodyID, p.Kind); err != nil {
		return err
	}
	threshold, err := a.signatureThreshold(ctx, p)
	if err != nil {
		return err
	}
	return a.Proposals.OpenSignatures(as(ctx, actor), id, threshold, deadline)
}

// checkConvention checks that the deciding body exists and, when it is a
// convention, that it takes proposals of the kind today.
func (a *App) checkConvention(ctx context.Context, bodyID int64, kind rankfile.ProposalKind) error {
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: bodyID})
	if err != nil {
		return err
	}
	if body.Kind != rankfile.KindConvention {
		return nil
	}
	v, err := a.Settings.Setting(ctx, rankfile.SubmissionsClose(body.Slug))
	if err != nil {
		return err
	}
	var last rankfile.Date
	if v != "" {
		if last, err = rankfile.ParseDate(v); err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "the setting %s is %q, not a date (YYYY-MM-DD)", rankfile.SubmissionsClose(body.Slug), v)
		}
	}
	return rankfile.CheckConventionSubmission(body, kind, last, a.Today())
}

// signatureThreshold reads the threshold of a proposal's kind and body.
func (a *App) signatureThreshold(ctx context.Context, p *rankfile.Proposal) (int, error) {
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: p.BodyID})
	if err != nil {
		return 0, err
	}
	var readErr error
	n, err := rankfile.SignatureThreshold(body, p.Kind, func(key string) string {
		v, err := a.Settings.Setting(ctx, key)
		if err != nil {
			readErr = err
		}
		return v
	})
	if readErr != nil {
		return 0, readErr
	}
	return n, err
}

// ListProposals lists the proposals the actor may see, newest first.
func (a *App) ListProposals(ctx context.Context, actor *rankfile.Actor, status rankfile.ProposalStatus) ([]*rankfile.Proposal, error) {
	return a.listProposals(ctx, actor, rankfile.ProposalFilter{Status: status})
}

// listProposals lists the proposals of filter f that the actor may see.
func (a *App) listProposals(ctx context.Context, actor *rankfile.Actor, f rankfile.ProposalFilter) ([]*rankfile.Proposal, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	if !actor.Admin {
		f.VisibleTo = actor.ID()
	}
	return a.Proposals.FindProposals(ctx, f)
}

// Proposal returns a proposal's page for the actor.
func (a *App) Proposal(ctx context.Context, actor *rankfile.Actor, id int64) (*ProposalPage, error) {
	p, err := a.findProposal(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	page := &ProposalPage{Proposal: p, CanEdit: actor.CanEditProposal(p), CanManage: actor.CanManageProposal(p)}
	if me := p.Author(actor.ID()); me != nil && !me.Accepted {
		page.Invited = true
	}
	if page.Body, err = a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: p.BodyID}); err != nil {
		return nil, err
	}
	if err := a.proposalBodies(ctx, page); err != nil {
		return nil, err
	}
	if page.Signatures, err = a.Proposals.Signatures(ctx, id); err != nil {
		return nil, err
	}
	if page.History, err = a.Proposals.ProposalHistory(ctx, id); err != nil {
		return nil, err
	}
	for _, s := range page.Signatures {
		page.Signed = page.Signed || s.MemberID == actor.ID()
		s.ShowTo(actor, a.Zone)
	}
	now := a.Now().In(a.Zone)
	page.CanSign = !page.Signed && actor.CanSign(a.Today()) && p.CheckSignable(now) == nil
	if page.CanSign, err = a.freeInRace(ctx, actor, p, page.CanSign); err != nil {
		return nil, err
	}
	page.CanUnsign = page.Signed && p.CheckUnsignable(now) == nil
	takesPart := actor.CanTakePartInProposal(a.Today())
	page.CanAmend = takesPart && p.CheckAmendable(now) == nil
	page.CanComment = takesPart && p.CheckDiscussable(now) == nil
	if page.Amendments, err = a.Proposals.Amendments(ctx, id); err != nil {
		return nil, err
	}
	if page.Comments, err = a.Proposals.Comments(ctx, id); err != nil {
		return nil, err
	}
	for _, c := range page.Comments {
		if c.Hidden && c.MemberID != actor.ID() && !page.CanManage {
			c.Body = ""
		}
	}
	return page, a.proposalMeetings(ctx, actor, page)
}

// proposalMeetings fills in the meeting whose agenda holds the proposal,
// and for its managers, while it is qualified, the meetings it may go to.
func (a *App) proposalMeetings(ctx context.Context, actor *rankfile.Actor, page *ProposalPage) error {
	p := page.Proposal
	list, err := a.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{ProposalID: p.ID})
	if err != nil {
		return err
	}
	if n := len(list); n > 0 && p.Status != rankfile.ProposalQualified {
		page.Meeting = list[n-1]
		hostedSessions(actor, page.Meeting)
	}
	if page.CanManage && p.Status == rankfile.ProposalQualified {
		page.Meetings, err = a.UpcomingMeetings(ctx, actor, p.BodyID)
	}
	return err
}
