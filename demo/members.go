package demo

import (
	"context"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// MemberChoices has the demo's member in good standing make her own
// choices on her profile, as the page does: English pages, mail from the
// national organization, no calls, the weekly email. Her page's history
// then shows the change, said in the reader's language.
func MemberChoices(ctx context.Context, a *app.App) error {
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: Accounts[2].Email})
	if err != nil {
		return err
	}
	mail, yes := "Yes", true
	return a.SetPreferences(ctx, &rankfile.Actor{Member: m}, rankfile.Preferences{Language: "en",
		MailPreference: &mail, DoNotCall: &yes, WeeklyEmail: &yes})
}
