package rankfile

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// BodyKind is what sort of body a body is.
type BodyKind string

// Body kinds, from the national organization down to a neighborhood.
const (
	KindNational          BodyKind = "national"
	KindChapter           BodyKind = "chapter"
	KindBranch            BodyKind = "branch"
	KindNeighborhoodGroup BodyKind = "neighborhood_group"
	KindSteeringCommittee BodyKind = "steering_committee"
	KindCommittee         BodyKind = "committee"
	KindWorkingGroup      BodyKind = "working_group"
	KindCaucus            BodyKind = "caucus"
	// KindConvention is a convention of the chapter: it takes resolutions
	// and bylaws amendments until its deadline, and the delegates decide.
	KindConvention BodyKind = "convention"
)

// BodyKinds lists the kinds in the order a directory shows them.
var BodyKinds = []BodyKind{
	KindNational, KindChapter, KindBranch, KindNeighborhoodGroup,
	KindSteeringCommittee, KindCommittee, KindWorkingGroup, KindCaucus, KindConvention,
}

// ParseBodyKind reads a kind as written on the command line.
func ParseBodyKind(s string) (BodyKind, error) {
	k := BodyKind(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_"))
	for _, known := range BodyKinds {
		if k == known {
			return k, nil
		}
	}
	return "", Errorf(EINVALID, "unknown body kind %q", s)
}

// Body is a part of the organization: the chapter, a branch, a committee and
// so on. Bodies form a tree through ParentID.
type Body struct {
	ID       int64    `json:"id"`
	ParentID int64    `json:"parent_id,omitempty"` // 0 for a root
	Kind     BodyKind `json:"kind"`
	// Slug names the body in URLs and commands; unique across the installation.
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// ContactEmail and ContactURL are the body's public contact.
	ContactEmail string `json:"contact_email"`
	ContactURL   string `json:"contact_url"`
	// Joining says how members come in: JoinOpen, JoinByRequest or
	// JoinNone (membership follows from something else).
	Joining   string    `json:"joining"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// FormedBy is the proposal whose adoption formed the body, if one did
	// (CreatedAt is then when it was adopted); DissolvedBy the one that
	// dissolved it, at DissolvedAt (see body_formation.go).
	FormedBy    int64     `json:"formed_by,omitempty"`
	DissolvedAt time.Time `json:"dissolved_at,omitzero"`
	DissolvedBy int64     `json:"dissolved_by,omitempty"`
}

// How members join a body.
const (
	JoinOpen      = "open"    // anyone on the roster joins and leaves at will
	JoinByRequest = "request" // members ask; the body's leaders decide
	JoinNone      = "none"    // by address (a branch), election or appointment
)

// DefaultJoining is how members join a body of the kind unless its admins
// decide otherwise: committees and working groups are open, caucuses
// decide who comes in, and the rest do not take members by asking.
func DefaultJoining(kind BodyKind) string {
	switch kind {
	case KindCommittee, KindWorkingGroup:
		return JoinOpen
	case KindCaucus:
		return JoinByRequest
	}
	return JoinNone
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate checks a body before it is stored.
func (b *Body) Validate() error {
	if _, err := ParseBodyKind(string(b.Kind)); err != nil {
		return err
	}
	if !slugPattern.MatchString(b.Slug) || len(b.Slug) > 64 {
		return Errorf(EINVALID, "slug %q must be lower-case letters and digits joined by hyphens", b.Slug)
	}
	if strings.TrimSpace(b.Name) == "" {
		return Errorf(EINVALID, "a body needs a name")
	}
	switch b.Joining {
	case JoinOpen, JoinByRequest, JoinNone:
		return nil
	}
	return Errorf(EINVALID, "joining must be open, request or none, not %q", b.Joining)
}

// Slugify makes a slug from a name: "Eastside / SGV" becomes "eastside-sgv".
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// BodyFilter selects bodies. Zero fields do not filter.
type BodyFilter struct {
	ID       int64
	Slug     string
	Kind     BodyKind
	ParentID int64
	// FormedBy selects the body a proposal formed.
	FormedBy int64
}

// BodyUpdate holds the fields to change on a body; nil fields stay.
type BodyUpdate struct {
	Name         *string
	Description  *string
	ContactEmail *string
	ContactURL   *string
	Joining      *string
}

// BodyService reads and changes the organization's bodies, their seats and
// the positions people hold in them.
type BodyService interface {
	// FindBody returns one body. ENOTFOUND when none matches.
	FindBody(ctx context.Context, filter BodyFilter) (*Body, error)
	// FindBodies returns bodies ordered by kind, then name.
	FindBodies(ctx context.Context, filter BodyFilter) ([]*Body, error)
	// CreateBody stores a body and the default seats of its kind.
	// EINVALID for a bad body, ECONFLICT for a slug already taken,
	// ENOTFOUND for an unknown parent.
	CreateBody(ctx context.Context, b *Body) error
	// UpdateBody changes a body's description fields.
	UpdateBody(ctx context.Context, id int64, upd BodyUpdate) (*Body, error)

	// FindSeats returns a body's seats.
	FindSeats(ctx context.Context, bodyID int64) ([]*Seat, error)
	// CreateSeat stores a seat. EINVALID for a bad seat.
	CreateSeat(ctx context.Context, s *Seat) error

	// FindPositions returns positions, current and past, matching the filter.
	FindPositions(ctx context.Context, filter PositionFilter) ([]*Position, error)
	// CreatePosition records that a member holds a seat or belongs to a
	// body. ECONFLICT when the seat is already full for those dates.
	CreatePosition(ctx context.Context, p *Position) error
	// EndPosition records the last day of a position.
	EndPosition(ctx context.Context, id int64, last Date) error
	// RemovePosition takes a member out of a seat or body from today.
	// ENOTFOUND when the position is not held today or later.
	RemovePosition(ctx context.Context, id int64) error
	// QueueTermNotices queues, once a position, a notice to the leaders
	// of its body (and the holders of the seat that appoints to it) of
	// every term in a seat ending between today and until, and returns
	// how many notices it queued.
	QueueTermNotices(ctx context.Context, until Date) (int, error)

	// LeaveBody ends a member's plain membership of a body today.
	// ENOTFOUND when they are not a member.
	LeaveBody(ctx context.Context, memberID, bodyID int64) error

	// RequestToJoin records a member's request to join a body. ECONFLICT
	// when one is already pending.
	RequestToJoin(ctx context.Context, memberID, bodyID int64) (*JoinRequest, error)
	// FindJoinRequests returns requests, oldest first.
	FindJoinRequests(ctx context.Context, f JoinRequestFilter) ([]*JoinRequest, error)
	// DecideJoinRequest approves (making the member a member of the body
	// from today) or declines a pending request, for the actor in ctx.
	DecideJoinRequest(ctx context.Context, id int64, approve bool) error

	// CountMembers returns, for every body, how many members belong to it
	// on day d and how many of them are in good standing.
	CountMembers(ctx context.Context, d Date) (map[int64]MemberCount, error)
}

// MemberCount counts a body's members.
type MemberCount struct {
	All  int `json:"all"`
	Good int `json:"good"`
}
