package rankfile_test

import (
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
)

// TestAnAdoptionFormsWhatTheProposalSays checks the one rule for what a
// decision does to the bodies: adopting names the body formed and, as
// its interim co-chairs, the authors who accepted, first author first;
// rejecting does nothing; the co-chairs are as many as it says.
func TestAnAdoptionFormsWhatTheProposalSays(t *testing.T) {
	forms := &rankfile.BodyFormation{Kind: rankfile.KindWorkingGroup, Name: "Tenants", ParentID: 1, CoChairs: 3}
	p := &rankfile.Proposal{Status: rankfile.ProposalScheduled, Forms: forms, Authors: []rankfile.ProposalAuthor{
		{MemberID: 7, Accepted: true}, {MemberID: 8}, {MemberID: 9, Accepted: true}}}
	step := rankfile.DecisionStep(p, true, "Carried")
	if step.To != rankfile.ProposalAdopted || step.Forms == nil || step.Forms.Name != "Tenants" ||
		!slices.Equal(step.InterimChairs, []int64{7, 9}) || step.Dissolves != 0 {
		t.Errorf("adopting: %+v", step)
	}
	if step := rankfile.DecisionStep(p, false, "Lost"); step.To != rankfile.ProposalRejected || step.Forms != nil || step.InterimChairs != nil {
		t.Errorf("rejecting: %+v", step)
	}
	if seats := forms.Seats(); len(seats) != 1 || seats[0].Title != rankfile.SeatCoChair || seats[0].Count != 3 {
		t.Errorf("the seats of three co-chairs: %+v", seats)
	}
	forms.CoChairs = 0
	if seats := forms.Seats(); seats[0].Count != rankfile.DefaultSeats(rankfile.KindWorkingGroup)[0].Count {
		t.Errorf("the default seats: %+v", seats)
	}
	dissolving := &rankfile.Proposal{Status: rankfile.ProposalScheduled, Dissolves: 4}
	if step := rankfile.DecisionStep(dissolving, true, ""); step.Dissolves != 4 || step.Forms != nil {
		t.Errorf("adopting a dissolution: %+v", step)
	}
	both := &rankfile.Proposal{Kind: rankfile.ProposalOther, BodyID: 1, Title: "x", Forms: forms, Dissolves: 4}
	if err := both.Validate(); rankfile.ErrorCode(err) != rankfile.EINVALID {
		t.Errorf("forming and dissolving at once: %v", err)
	}
}
