package rankfile

import "context"

// A shift is a canvass or a phonebank seen from the field program:
// volunteers sign up for the event and check in at it, and checking in
// hands them their work. A canvass names its campaign, and whoever checks
// in is handed a free turf of it until the shift is over; a phonebank
// names its event, and whoever checks in becomes one of its callers with
// a first batch of calls.

// ShiftWork is the field work a member holds from a shift: the turf she
// walks, and the phonebanks she calls for.
type ShiftWork struct {
	Turf       *Turf        `json:"turf,omitempty"`
	Phonebanks []*Phonebank `json:"phonebanks,omitempty"`
	// Campaign is a canvass's campaign; CampaignID on the event's page
	// lets those who run both link them.
	Campaign *Campaign `json:"campaign,omitempty"`
}

// AuditChangeShift is the audit action of linking a canvass to its
// campaign.
const AuditChangeShift = "change_shift"

// ShiftService links shifts to the field work handed out at them.
type ShiftService interface {
	// SetCanvassCampaign makes a canvass event hand out turfs of a
	// campaign; 0 unlinks it.
	SetCanvassCampaign(ctx context.Context, eventID, campaignID int64) error
	// CanvassCampaign returns a canvass event's campaign, 0 when none.
	CanvassCampaign(ctx context.Context, eventID int64) (int64, error)
	// EventPhonebanks lists the phonebanks whose shift is the event.
	EventPhonebanks(ctx context.Context, eventID int64) ([]*Phonebank, error)
}
