package store_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestCampaignScript checks that a campaign without a script reads as an
// empty one, that a script written is read back whole and replaced by the
// next, that a bad one changes nothing, and that a campaign that does not
// exist is not found.
func TestCampaignScript(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		empty, err := s.CampaignScript(ctx, c.ID)
		if err != nil || empty.Script != "" || len(empty.Questions) != 0 || empty.Issues == nil {
			t.Fatalf("no script yet: %+v, %v", empty, err)
		}
		script := &rankfile.CampaignScript{CampaignID: c.ID, Script: "Hi, I'm **a neighbor**.", ScriptES: "Hola, soy **vecina**.",
			Questions: []rankfile.SurveyQuestion{{Key: "vote", Question: "Will you vote yes on H?", Kind: rankfile.QuestionChoice,
				Options: []string{"Yes", "No", "Unsure"}}, {Key: "why", Question: "Why?", Kind: rankfile.QuestionText}},
			Issues: []string{"Rent", "Buses"}, VolunteerAsk: "Will you knock doors with us Saturday?"}
		if err := s.SetCampaignScript(ctx, script); err != nil {
			t.Fatal(err)
		}
		got, err := s.CampaignScript(ctx, c.ID)
		if err != nil || got.ScriptES != script.ScriptES || len(got.Questions) != 2 || got.Questions[0].Options[2] != "Unsure" ||
			got.Issues[1] != "Buses" || got.VolunteerAsk != script.VolunteerAsk || got.UpdatedAt.IsZero() {
			t.Fatalf("read back %+v, %v", got, err)
		}
		bad := *got
		bad.Script = "Changed"
		bad.Questions = []rankfile.SurveyQuestion{{Key: "Bad Key", Question: "?", Kind: rankfile.QuestionText}}
		if err := s.SetCampaignScript(ctx, &bad); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a bad key: %v", err)
		}
		if again, _ := s.CampaignScript(ctx, c.ID); again.Script != script.Script {
			t.Errorf("a refused script changed the stored one: %q", again.Script)
		}
		if err := s.SetCampaignScript(ctx, &rankfile.CampaignScript{CampaignID: c.ID, Script: "Shorter."}); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.CampaignScript(ctx, c.ID); again.Script != "Shorter." || len(again.Questions) != 0 || again.ScriptES != "" {
			t.Errorf("replaced: %+v", again)
		}
		if _, err := s.CampaignScript(ctx, c.ID+99); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("no such campaign: %v", err)
		}
		if err := s.SetCampaignScript(ctx, &rankfile.CampaignScript{CampaignID: c.ID + 99}); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("writing for no such campaign: %v", err)
		}
	})
}
