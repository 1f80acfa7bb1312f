package app

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
)

// Conversations organizers log with their people, and who reads them
// (Actor.CanReadConversation).

// LogConversation stores a conversation the actor had with a member: one
// of their people, or a member of a branch they lead. Anyone else is
// refused, the attempt audited and nothing stored; a member id that
// names nobody is refused alike, so that trying ids tells nothing.
func (a *App) LogConversation(ctx context.Context, actor *rankfile.Actor, c *rankfile.Conversation) error {
	if err := a.CheckLog(ctx, actor, c.MemberID); err != nil {
		return err
	}
	ctx = as(ctx, actor)
	c.AuthorID = actor.ID()
	if err := a.OneOnOnes.CreateConversation(ctx, c); err != nil {
		return err
	}
	return a.Audit.Record(ctx, rankfile.AuditLogConversation, c.MemberID, fmt.Sprintf("conversation %d", c.ID))
}

// CheckLog answers whether the actor may log a conversation with the
// member: nil, or EFORBIDDEN with the refused attempt audited (and
// EUNAUTHORIZED for nobody signed in). A form checks it before reading
// what was typed, so that nobody learns from a form's mistakes.
func (a *App) CheckLog(ctx context.Context, actor *rankfile.Actor, memberID int64) error {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return err
	}
	subject, allowed, err := a.mayLog(ctx, actor, memberID)
	if err != nil || allowed {
		return err
	}
	detail := fmt.Sprintf("member %d: not one of theirs to call", memberID)
	if err := a.Audit.Record(as(ctx, actor), rankfile.AuditRefusedLog, subject, detail); err != nil {
		return err
	}
	return actor.Require(false)
}

// mayLog reports whether the actor may log a conversation with the
// member, and the member's id as the audit log's subject (0 for nobody).
func (a *App) mayLog(ctx context.Context, actor *rankfile.Actor, memberID int64) (int64, bool, error) {
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return 0, false, nil
	} else if err != nil {
		return 0, false, err
	}
	organizer, err := a.organizerID(ctx, m.ID)
	return m.ID, err == nil && actor.CanLogConversation(m.Branch.ID(), organizer), err
}

// Conversations is what the actor may read of the conversations logged
// with a member, newest first, and whether they may log one.
type Conversations struct {
	Member *rankfile.Member `json:"member"`
	// Organizer is the member's open assignment, nil when they wait in
	// their branch's queue; shown to those who read conversations.
	Organizer *rankfile.Assignment `json:"organizer"`
	// OrganizerName names the organizer, "" when there is none.
	OrganizerName string                   `json:"organizer_name"`
	Conversations []*rankfile.Conversation `json:"conversations"`
	CanLog        bool                     `json:"can_log"`
	// CanAssign says the actor may reassign the member or send them back
	// to the queue.
	CanAssign bool `json:"can_assign"`
}

// Conversations returns the conversations with the member that the actor
// may read: their own, or all of them for the member's branch leaders
// and the stewards. Every read is audited. For an actor with nothing to
// read or write about the member it returns nil.
func (a *App) Conversations(ctx context.Context, actor *rankfile.Actor, memberID int64) (*Conversations, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if err != nil {
		return nil, err
	}
	shown, v, err := a.visible(ctx, actor, m)
	if err != nil {
		return nil, err
	} else if v == rankfile.SeeNothing {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	}
	asg, err := a.organizerOf(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	all, err := a.OneOnOnes.FindConversations(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	branch := m.Branch.ID()
	out := &Conversations{Member: shown, Organizer: asg, Conversations: []*rankfile.Conversation{}, CanAssign: actor.CanAssignOrganizers(branch)}
	out.CanLog = actor.CanLogConversation(branch, asg.Organizer())
	if asg != nil {
		o, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: asg.OrganizerID})
		if err != nil {
			return nil, err
		}
		out.OrganizerName = o.FullName()
	}
	for _, c := range all {
		if actor.CanReadConversation(c, branch) {
			out.Conversations = append(out.Conversations, c)
		}
	}
	if !out.CanLog && !out.CanAssign && len(out.Conversations) == 0 {
		return nil, nil
	}
	return out, a.Audit.Record(as(ctx, actor), rankfile.AuditViewConversations, m.ID, fmt.Sprintf("%d shown", len(out.Conversations)))
}

// LogTarget returns the member's name when the actor may log a
// conversation with them, for the form that logs one; EFORBIDDEN when
// they may not, as LogConversation would answer.
func (a *App) LogTarget(ctx context.Context, actor *rankfile.Actor, memberID int64) (*rankfile.Member, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	_, allowed, err := a.mayLog(ctx, actor, memberID)
	if err != nil {
		return nil, err
	} else if !allowed {
		return nil, actor.Require(false)
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if err != nil {
		return nil, err
	}
	return rankfile.Redact(m, rankfile.SeeNothing, a.Today()), nil
}
