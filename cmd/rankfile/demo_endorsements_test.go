package main

import (
	"context"
	"testing"

	"github.com/rankfile/rankfile"
)

// checkDemoEndorsements checks the demo's endorsement cycle: three races,
// every candidate but one submitted the questionnaire, which members read;
// last month's meeting endorsed Ysa Morales (her campaign started, her
// request sent to national) and declined Renata Okafor; Dana Whitfield's
// petition is on this month's agenda with the committee's recommendation.
func checkDemoEndorsements(t *testing.T, dsn string) {
	ctx := context.Background()
	web := demoApp(t, dsn)
	me := demoActor(t, web, "member@example.org")
	cycles, err := web.FindEndorsementCycles(ctx, me, 0)
	if err != nil || len(cycles) != 1 {
		t.Fatalf("endorsement cycles %v, %v", cycles, err)
	}
	v, err := web.EndorsementCycle(ctx, me, cycles[0].ID)
	if err != nil || len(v.Races) != 3 {
		t.Fatalf("the cycle's races: %v", err)
	}
	stages := map[string]rankfile.EndorsementCandidate{}
	for _, r := range v.Races {
		for _, c := range r.Candidates {
			stages[c.Name] = *c
			if c.Email != "" {
				t.Errorf("a member sees %s's address", c.Name)
			}
			if q, err := web.CandidateQuestionnaire(ctx, me, c.ID); c.Submitted() && (err != nil || len(q.Questionnaire.Answers) != 4) {
				t.Errorf("%s's published questionnaire: %v", c.Name, err)
			}
		}
	}
	ysa, renata, dana, marcus := stages["Ysa Morales"], stages["Renata Okafor"], stages["Dana Whitfield"], stages["Marcus Lee"]
	if ysa.Decision != rankfile.Endorsed || ysa.CampaignID == 0 || ysa.National == nil || ysa.National.Status != rankfile.NationalRequested {
		t.Errorf("Ysa Morales: %+v, want endorsed, her campaign started and national asked", ysa)
	}
	if renata.Decision != rankfile.Declined || renata.CampaignID != 0 {
		t.Errorf("Renata Okafor: %+v, want declined", renata)
	}
	if marcus.Submitted() || !dana.Submitted() || dana.ProposalID == 0 {
		t.Errorf("Marcus Lee submitted %v; Dana Whitfield submitted %v with petition %d", marcus.Submitted(), dana.Submitted(), dana.ProposalID)
	}
	d, err := web.EndorsementDecision(ctx, me, dana.ID)
	if err != nil || d.Recommendation == nil || d.Petition == nil || d.Petition.Status != rankfile.ProposalScheduled {
		t.Errorf("Dana Whitfield's decision: %+v, %v; want recommended, her petition on this month's agenda", d, err)
	}
}
