package http_test

import (
	"time"

	"github.com/rankfile/rankfile"
)

// proposals writes the world's proposals: 1, a chapter resolution by the
// coordinator collecting signatures; 2, the co-chair's draft.
func (w *world) proposals() {
	coordinator := &rankfile.Actor{Member: w.member("3")}
	cochair := &rankfile.Actor{Member: w.member("4")}
	text := rankfile.ProposalText{Resolved: []string{"The chapter organizes tenants."}}
	open := &rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: w.bodies["chapter"].ID,
		Title: "Tenant organizing", Text: text}
	draft := &rankfile.Proposal{Kind: rankfile.ProposalCampaign, BodyID: w.bodies["housing"].ID, Title: "Rent strike support"}
	for _, step := range []error{
		w.app.CreateProposal(ctx, coordinator, open, nil),
		w.app.OpenSignatures(ctx, coordinator, open.ID, time.Now().Add(14*24*time.Hour)),
		w.app.CreateProposal(ctx, cochair, draft, nil),
	} {
		if step != nil {
			w.t.Fatal(step)
		}
	}
}
