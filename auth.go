package rankfile

import (
	"context"
	"slices"
	"time"
)

// Installation-wide roles, granted to members by name. Leadership of a body
// is not a role that is granted: it follows from holding one of its seats.
const (
	RoleSteward        = "steward"        // sees the whole roster, runs imports, sees sensitive fields
	RoleAdmin          = "admin"          // manages bodies, seats and positions
	RoleCommunications = "communications" // edits and sends the weekly email
	// RoleChapterSteward is a data steward of one chapter: held for a
	// chapter, it shows that chapter's members alone (Actor.StewardOf).
	RoleChapterSteward = "chapter_steward"
)

// RoleGrant is a role a member holds, for a chapter (ChapterID) or for
// the whole organization (0).
type RoleGrant struct {
	Role      string `json:"role"`
	ChapterID int64  `json:"chapter_id,omitempty"`
}

// Roles lists the grantable roles.
var Roles = []string{RoleSteward, RoleAdmin, RoleCommunications}

// SignInLifetime is how long an emailed sign-in link works.
const SignInLifetime = 15 * time.Minute

// SessionLifetime is how long a session lasts without use.
const SessionLifetime = 30 * 24 * time.Hour

// Actor is whoever makes a request: a signed-in member with their roles
// and the bodies they lead and belong to today, or nobody (Member nil).
// Work done from the command line has an actor with only a Label.
type Actor struct {
	Member *Member
	// Label names an actor who is not a signed-in member, such as
	// "command line", for the audit log.
	Label   string
	Steward bool
	// StewardOf is the chapter whose members the actor stewards when they
	// are a chapter's data steward, 0 otherwise. A steward of the whole
	// organization (Steward) sees every chapter.
	StewardOf int64
	Admin     bool
	// Communications is the communications team's role: the weekly email.
	Communications bool
	// Leads holds the bodies in which the member holds a seat today.
	Leads []*Body
	// Seats holds the ids of the seats the member holds today: whose
	// holders appoint to another seat is decided by seat, not by body.
	Seats []int64
	// Belongs holds the ids of the bodies the member is in today: by
	// position (a committee), and their branch.
	Belongs []int64
}

// Anonymous is the actor of a request nobody signed in to.
var Anonymous = &Actor{}

// Name says who the actor is, for the audit log and history.
func (a *Actor) Name() string {
	switch {
	case a == nil:
		return ""
	case a.Member != nil:
		return a.Member.FullName()
	}
	return a.Label
}

type actorKey struct{}

// WithActor returns a context carrying the actor, so that what is done
// under it is recorded as theirs.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor a context carries, or nil.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// SignedIn reports whether a member is behind the request.
func (a *Actor) SignedIn() bool { return a != nil && a.Member != nil }

// ID returns the member's id, 0 for anonymous.
func (a *Actor) ID() int64 {
	if !a.SignedIn() {
		return 0
	}
	return a.Member.ID
}

// LeadsBody reports whether the actor holds a seat of the body.
func (a *Actor) LeadsBody(id int64) bool {
	for _, b := range a.Leads {
		if b.ID == id {
			return true
		}
	}
	return false
}

// HoldsSeat reports whether the actor holds the seat today.
func (a *Actor) HoldsSeat(id int64) bool { return a != nil && slices.Contains(a.Seats, id) }

// BelongsTo reports whether the actor is in the body.
func (a *Actor) BelongsTo(id int64) bool {
	for _, b := range a.Belongs {
		if b == id {
			return true
		}
	}
	return false
}

// SignInLink is a one-time sign-in token for a member.
type SignInLink struct {
	Token  string
	Member *Member
}

// Session is a signed-in browser.
type Session struct {
	MemberID  int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// AuthService signs members in and out and says who they are.
type AuthService interface {
	// CreateSignInTokens makes a one-time sign-in token for each member
	// with the address (members of a household may share one); none when
	// nobody has it. Callers must answer unknown and known addresses alike.
	CreateSignInTokens(ctx context.Context, email string) ([]SignInLink, error)
	// CheckSignInToken reports, without using it, whether a sign-in token
	// still works: EUNAUTHORIZED when not.
	CheckSignInToken(ctx context.Context, token string) error
	// RedeemSignInToken uses a token once and opens a session, returning
	// the session's own token. EUNAUTHORIZED for a token unknown, used or
	// expired.
	RedeemSignInToken(ctx context.Context, token string) (sessionToken string, s *Session, err error)
	// FindSession returns the session of a session token, or EUNAUTHORIZED.
	FindSession(ctx context.Context, sessionToken string) (*Session, error)
	// EndSession signs one browser out.
	EndSession(ctx context.Context, sessionToken string) error
	// EndAllSessions signs the member out everywhere: it ends their
	// sessions, voids their unused sign-in links and revokes their API
	// tokens, the revoking audited as the doing of the actor in ctx.
	EndAllSessions(ctx context.Context, memberID int64) error

	// APITokenService keeps the personal tokens of the JSON API.
	APITokenService

	// Actor gathers who the member is today: roles, bodies led and joined.
	Actor(ctx context.Context, memberID int64) (*Actor, error)
	// GrantRole and RevokeRole change a member's installation roles, on
	// behalf of the actor in ctx.
	GrantRole(ctx context.Context, memberID int64, role string) error
	RevokeRole(ctx context.Context, memberID int64, role string) error
	// GrantChapterSteward makes a member the data steward of a chapter
	// (RoleChapterSteward), on behalf of the actor in ctx; RevokeRole ends it.
	GrantChapterSteward(ctx context.Context, memberID, chapterID int64) error
	// RoleGrants returns a member's roles, each with its chapter.
	RoleGrants(ctx context.Context, memberID int64) ([]RoleGrant, error)
	// Roles returns a member's installation roles.
	Roles(ctx context.Context, memberID int64) ([]string, error)
}
