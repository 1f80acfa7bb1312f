package rankfile

import (
	"context"
	"time"
)

// A turf is the doors (households) of a campaign that one canvasser, or a
// pair, walks in a shift, in walking order. A door is in one open turf at
// most. A turf is checked out to a canvasser for a time and comes back by
// itself when the time is up; a closed turf is done with, and its doors
// may be cut into new turfs.

// Turf is one turf of a campaign.
type Turf struct {
	ID         int64     `json:"id"`
	CampaignID int64     `json:"campaign_id"`
	Name       string    `json:"name"`
	Open       bool      `json:"open"`
	Doors      int       `json:"doors"`
	CreatedAt  time.Time `json:"created_at"`
	// CanvasserID and PartnerID hold the turf until Until; after that
	// the turf is back, whatever the fields still say (CheckedOut).
	CanvasserID int64     `json:"canvasser_id,omitempty"`
	PartnerID   int64     `json:"partner_id,omitempty"`
	Until       time.Time `json:"until,omitzero"`
	// Checkouts counts the times the turf has been checked out.
	Checkouts int `json:"checkouts"`
}

// TurfState is where a turf is, for its campaign's board.
type TurfState string

// Turf states.
const (
	TurfFree   TurfState = "free"   // open, never checked out
	TurfOut    TurfState = "out"    // with a canvasser now
	TurfBack   TurfState = "back"   // open again after a checkout (returned or expired)
	TurfClosed TurfState = "closed" // done with
)

// State says where the turf is at now.
func (t *Turf) State(now time.Time) TurfState {
	switch {
	case !t.Open:
		return TurfClosed
	case t.CheckedOut(now):
		return TurfOut
	case t.Checkouts > 0:
		return TurfBack
	}
	return TurfFree
}

// TurfCheckout is one time a turf was checked out: to whom, from when
// until when, and when it came back if before its time.
type TurfCheckout struct {
	TurfID      int64     `json:"turf_id"`
	CanvasserID int64     `json:"canvasser_id"`
	PartnerID   int64     `json:"partner_id,omitempty"`
	OutAt       time.Time `json:"out_at"`
	Until       time.Time `json:"until"`
	ReturnedAt  time.Time `json:"returned_at,omitzero"`
}

// CheckedOut reports whether the turf is out with a canvasser at now.
func (t *Turf) CheckedOut(now time.Time) bool { return t.CanvasserID != 0 && now.Before(t.Until) }

// MaxCheckout is the longest a turf may be checked out for: a weekend.
const MaxCheckout = 72 * time.Hour

// NewTurf is a turf to be made: its name and its doors in walking order.
type NewTurf struct {
	Name         string
	HouseholdIDs []int64
}

// TurfDoor is one door of a turf, in walking order.
type TurfDoor struct {
	Position  int       `json:"position"`
	Household Household `json:"household"`
}

// AuditChangeTurf is the audit action of cutting, closing, checking out
// and returning turfs.
const AuditChangeTurf = "change_turf"

// TurfService keeps campaigns' turfs.
type TurfService interface {
	// CreateTurfs stores new open turfs of a campaign, all or none:
	// ECONFLICT when a door is in an open turf already (naming it), or
	// is not the campaign's.
	CreateTurfs(ctx context.Context, campaignID int64, turfs []NewTurf) ([]*Turf, error)
	// Turfs lists a campaign's turfs, open ones first, by name.
	Turfs(ctx context.Context, campaignID int64) ([]*Turf, error)
	// FindTurf returns one turf, ENOTFOUND if none.
	FindTurf(ctx context.Context, id int64) (*Turf, error)
	// TurfDoors lists a turf's doors in walking order.
	TurfDoors(ctx context.Context, turfID int64) ([]*TurfDoor, error)
	// CloseTurf closes a turf, freeing its doors for new turfs.
	CloseTurf(ctx context.Context, id int64) error
	// CheckOutTurf gives an open turf to a canvasser (and a partner) until
	// a time, written in its history: ECONFLICT when it is out with
	// someone else.
	CheckOutTurf(ctx context.Context, id, canvasserID, partnerID int64, until time.Time) error
	// ReturnTurf takes a turf back before its time is up.
	ReturnTurf(ctx context.Context, id int64) error
	// EditTurfDoors takes doors out of an open turf not out with a
	// canvasser and puts its doors, old and added, in the order given,
	// all or nothing (ECONFLICT for a door in another open turf).
	EditTurfDoors(ctx context.Context, turfID int64, remove, order []int64) error
	// TurfPoints returns where the located doors of each of a campaign's
	// turfs are, by turf id.
	TurfPoints(ctx context.Context, campaignID int64) (map[int64][]Point, error)
	// CanvasserTurfs lists the turfs last checked out to a member, as
	// canvasser or partner, whose time ends after since, soonest ending
	// last (canvass.go).
	CanvasserTurfs(ctx context.Context, memberID int64, since time.Time) ([]*Turf, error)
	// TurfTargets lists the targets living at a turf's doors, by door and
	// name.
	TurfTargets(ctx context.Context, turfID int64) ([]*Target, error)
	// UncutDoors lists the campaign's households in no open turf.
	UncutDoors(ctx context.Context, campaignID int64) ([]*Household, error)
	// TurfCheckouts lists who held a turf when, newest first.
	TurfCheckouts(ctx context.Context, turfID int64) ([]*TurfCheckout, error)
}
