package demo

import (
	"context"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The demo campaign's script and survey, in English and Spanish, as its
// runners write it on /campaigns/{id}/script.

// DemoScript is the demo campaign's script.
var DemoScript = rankfile.CampaignScript{
	Script: "Hi, my name is ___ and I'm a volunteer with the **Los Angeles chapter**, your neighbors.\n\n" +
		"We're talking with people on this block about **rent**: what has happened to yours this year?\n\n" +
		"- Listen, and ask what they would change.\n- Ask the survey's questions.\n- Ask them to join us.",
	ScriptES: "Hola, me llamo ___ y soy voluntaria del **capítulo de Los Ángeles**, sus vecinos.\n\n" +
		"Estamos hablando con la gente de esta cuadra sobre **el alquiler**: ¿qué ha pasado con el suyo este año?\n\n" +
		"- Escuche, y pregunte qué cambiaría.\n- Haga las preguntas de la encuesta.\n- Invítele a unirse.",
	Questions: []rankfile.SurveyQuestion{
		{Key: "rent_up", Question: "Did your rent go up this year?", Kind: rankfile.QuestionChoice, Options: []string{"Yes", "No", "I own"}},
		{Key: "measure", Question: "Will you vote for rent control in November?", Kind: rankfile.QuestionChoice, Options: []string{"Yes", "No", "Unsure"}},
		{Key: "change", Question: "What one thing would you change in the neighborhood?", Kind: rankfile.QuestionText},
	},
	Issues:       []string{"Rent", "Repairs", "Evictions", "Buses", "Parks", "Safety"},
	VolunteerAsk: "Will you knock doors with us next Saturday at 10?",
}

// CampaignScript gives the demo campaign its script, as an admin.
func CampaignScript(ctx context.Context, a *app.App, campaignID int64) error {
	admin, err := demoAdmin(ctx, a)
	if err != nil {
		return err
	}
	s := DemoScript
	s.CampaignID = campaignID
	s.Questions = append([]rankfile.SurveyQuestion(nil), DemoScript.Questions...)
	s.Issues = append([]string(nil), DemoScript.Issues...)
	return a.SetCampaignScript(ctx, admin, &s)
}

// demoAdmin is admin@example.org, an admin and data steward in the demo.
func demoAdmin(ctx context.Context, a *app.App) (*rankfile.Actor, error) {
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: Accounts[0].Email})
	if err != nil {
		return nil, err
	}
	return &rankfile.Actor{Member: m, Admin: true, Steward: true}, nil
}
