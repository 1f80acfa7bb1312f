// Package app is rankfile as its users see it: every operation a page or
// the JSON API offers, with the permission checks (rankfile's Actor
// methods, one place) and the audit entries that go with it. It works
// through the domain's storage services and knows nothing of HTTP.
package app

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/live"
)

// App holds the services the operations work through.
type App struct {
	Members  rankfile.MemberService
	Bodies   rankfile.BodyService
	Roster   rankfile.RosterService
	Branches rankfile.BranchService
	Auth     rankfile.AuthService
	Audit    rankfile.AuditService
	// Elections holds elections, their rolls and ballot boxes.
	Elections rankfile.ElectionService
	// Papers holds batches of paper ballots.
	Papers rankfile.PaperService
	// Proposals holds proposals and their signatures.
	Proposals rankfile.ProposalService
	// Settings holds the installation's settings (signature thresholds).
	Settings rankfile.Settings
	// Meetings holds meetings, their sessions and attendance.
	Meetings rankfile.MeetingService
	// Votes holds meetings' votes and their ballots.
	Votes rankfile.VoteService
	// Events holds the calendar, registrations and attendance.
	Events rankfile.EventService
	// Outbox holds the emails owed, until they are sent.
	Outbox rankfile.OutboxService
	// Weekly holds the weekly emails and who turned them off.
	Weekly rankfile.WeeklyService
	// Live sends meetings' live state to the pages following them; nil
	// sends nothing.
	Live   *live.Hub
	Mailer rankfile.Mailer
	Logger *slog.Logger

	// Name is the organization's name as members know it.
	Name string
	// Zone is where the chapter is: it decides what day it is.
	Zone *time.Location
	// Now returns the current time; tests set it.
	Now func() time.Time
	// SignInEmailLimit is how many sign-in emails one address may be sent
	// in 15 minutes; 0 means signInEmailsPerAddress.
	SignInEmailLimit int

	// catchingUp lets one request at a time freeze a roll or count an
	// election (see catchUp).
	catchingUp sync.Mutex
	// voting keeps elections open for voting for a moment (see
	// votingElection).
	voting electionCache
	// nameSearches limits each host's searches by name (see searchNames).
	nameSearches nameSearchLimits
	// signIns holds the sign-in requests waiting to be answered.
	signIns signIns
	// auditHead is the audit log's head signed last (see audit_head.go).
	auditHead atomic.Pointer[rankfile.AuditHead]
}

// Today returns the chapter's date.
func (a *App) Today() rankfile.Date { return rankfile.DateOf(a.Now().In(a.Zone)) }

// as returns a context carrying the actor, so that what is changed under
// it is recorded as the actor's doing.
func as(ctx context.Context, actor *rankfile.Actor) context.Context {
	return rankfile.WithActor(ctx, actor)
}

// memberBodies returns the bodies a member is in today: their branch and
// the bodies where they hold a position. Visibility depends on them.
func (a *App) memberBodies(ctx context.Context, m *rankfile.Member) ([]int64, error) {
	positions, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{MemberID: m.ID, ActiveOn: a.Today()})
	if err != nil {
		return nil, err
	}
	var out []int64
	if b := m.Branch.ID(); b != 0 {
		out = append(out, b)
	}
	for _, p := range positions {
		out = append(out, p.BodyID)
	}
	return out, nil
}

// visible redacts a member for the actor and says how much they see.
func (a *App) visible(ctx context.Context, actor *rankfile.Actor, m *rankfile.Member) (*rankfile.Member, rankfile.Visibility, error) {
	bodies, err := a.memberBodies(ctx, m)
	if err != nil {
		return nil, rankfile.SeeNothing, err
	}
	v := actor.MemberVisibility(m, bodies)
	return rankfile.Redact(m, v, a.Today()), v, nil
}
