package demo

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// CanvassShift puts this Saturday's canvass for the demo's campaign on
// Central's calendar and links it to the campaign, so that whoever checks
// in at it is handed a free turf of it (see shift.go).
func CanvassShift(ctx context.Context, a *app.App, campaignID int64) (*rankfile.Event, error) {
	d, err := newProposalDemo(ctx, a)
	if err != nil {
		return nil, err
	}
	e := &eventDemo{proposalDemo: d}
	start := e.at(nextWeekday(a.Now().In(a.Zone), time.Saturday), 10, 0)
	shift, err := e.put(&rankfile.Event{BodyID: e.body("Central"), Kind: rankfile.EventCanvass, Title: "Yes on Measure H: Saturday canvass",
		Description: "Meet at the branch office; each canvasser is handed a turf at check-in and walks it from the phone page.",
		StartsAt:    start, EndsAt: start.Add(3 * time.Hour), Address: "Central branch office, 1919 W 7th St, Los Angeles",
		Audience: rankfile.AudienceMembers, Registration: true}, nil)
	if err != nil {
		return nil, err
	}
	return shift, a.SetCanvassCampaign(ctx, d.admin, shift.ID, campaignID)
}
