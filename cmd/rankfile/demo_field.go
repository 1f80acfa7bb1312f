package main

import (
	"context"
	"fmt"
	"time"

	rfapp "github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/demo"
)

// demoField gives the demo's newest campaign, when it has one, its script
// and a week on the doors (demo.FieldResults); nil when it has none.
func demoField(ctx context.Context, web *rfapp.App, setClock func(time.Time)) (*demo.FieldSummary, error) {
	campaigns, err := web.Campaigns.FindCampaigns(ctx, 0)
	if err != nil || len(campaigns) == 0 {
		return nil, err
	}
	if err := demo.CampaignScript(ctx, web, campaigns[0].ID); err != nil {
		return nil, err
	}
	return demo.FieldResults(ctx, web, setClock, campaigns[0].ID)
}

// printDemoField says what the week on the doors holds, and where to see it.
func (a *app) printDemoField(f *demo.FieldSummary) {
	if f == nil {
		return
	}
	fmt.Fprintf(a.stdout, "Walked %d turfs over the past week: %d doors knocked, %d conversations, %d supporters, %d volunteers, "+
		"%d people met on the doors.\n", f.Turfs, f.Attempts, f.Contacts, f.Supporters, f.Volunteers, f.Met)
	if f.Today != nil {
		fmt.Fprintf(a.stdout, "member@example.org holds %s today: walk it on a phone at /canvass (it works offline once opened); "+
			"its sheet to print is /turfs/%d/sheet.pdf, and steward@example.org enters paper sheets at /turfs/%d/entry.\n",
			f.Today.Name, f.Today.ID, f.Today.ID)
	}
}
