package store_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// targetList is three voters at two doors, one of them with a percent
// sign in her name, for searches that must not treat it as a wildcard.
const targetList = voterHeader + "V1,Ana,Núñez,,,1 Main St,90026,34.07,-118.25\nV2,Bo,Li,,,1 Main St,90026,34.07,-118.25\n" +
	"V3,Cy,Ray%,,,5 Oak Ave,90026,,\n"

// TestFindTargetsSearchesNamesAndStreets pages through a campaign's
// targets by street and name, and searches them by name or street, case
// aside, with LIKE's wildcards taken as they are written.
func TestFindTargetsSearchesNamesAndStreets(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		if _, err := s.ImportTargets(ctx, c.ID, "voters", voterList, readList(t, targetList)); err != nil {
			t.Fatal(err)
		}
		names := func(f rankfile.TargetFilter) string {
			f.CampaignID = c.ID
			found, total, err := s.FindTargets(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, x := range found {
				out = append(out, x.FirstName)
			}
			return strings.Join(out, " ") + " of " + strconv.Itoa(total)
		}
		for _, tc := range []struct {
			f    rankfile.TargetFilter
			want string
		}{
			{rankfile.TargetFilter{}, "Bo Ana Cy of 3"},
			{rankfile.TargetFilter{Limit: 1, Offset: 1}, "Ana of 3"},
			{rankfile.TargetFilter{Query: "núñ"}, "Ana of 1"},
			{rankfile.TargetFilter{Query: "MAIN"}, "Bo Ana of 2"},
			{rankfile.TargetFilter{Query: "5 oak"}, "Cy of 1"},
			{rankfile.TargetFilter{Query: "%"}, "Cy of 1"},
			{rankfile.TargetFilter{Query: "_"}, " of 0"},
		} {
			if got := names(tc.f); got != tc.want {
				t.Errorf("%+v: %q, want %q", tc.f, got, tc.want)
			}
		}
		n, err := s.CampaignCounts(ctx, c.ID)
		if err != nil || *n != (rankfile.CampaignCounts{Targets: 3, Households: 2, Located: 1}) {
			t.Errorf("counts %+v, %v", n, err)
		}
	})
}

// TestLinkTargetToAMember links a target to the member she became, once
// per campaign: a second target for the same member is refused.
func TestLinkTargetToAMember(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		if _, err := s.ImportTargets(ctx, c.ID, "voters", voterList, readList(t, targetList)); err != nil {
			t.Fatal(err)
		}
		all, _ := s.Targets(ctx, c.ID)
		m := member(t, db, "1").ID
		if err := s.LinkTarget(ctx, all[0].ID, m); err != nil {
			t.Fatal(err)
		}
		if err := s.LinkTarget(ctx, all[1].ID, m); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a member linked twice: %v", err)
		}
		if err := s.LinkTarget(ctx, 9999, m); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("no such target: %v", err)
		}
		got, err := s.FindTarget(ctx, all[0].ID)
		if err != nil || got.MemberID != m {
			t.Errorf("linked target %+v, %v", got, err)
		}
		if other, _ := s.FindTarget(ctx, all[1].ID); other.MemberID != 0 {
			t.Errorf("the refused link changed the target: %+v", other)
		}
		if h, err := s.FindHousehold(ctx, got.HouseholdID); err != nil || h.Address.Street != "Main St" {
			t.Errorf("household %+v, %v", h, err)
		}
		if err := s.LinkTarget(ctx, all[0].ID, 0); err != nil {
			t.Fatal(err)
		}
		if got, _ = s.FindTarget(ctx, all[0].ID); got.MemberID != 0 {
			t.Errorf("unlinked target %+v", got)
		}
	})
}

// TestUpdateCampaignAndTheDoNotContactList changes and closes a campaign,
// refuses a bad change, and lists the do-not-contact list newest first.
func TestUpdateCampaignAndTheDoNotContactList(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		c.Name, c.RetentionMonths, c.ClosedAt = "Yes on H, again", 6, db.Now()
		if err := s.UpdateCampaign(ctx, c); err != nil {
			t.Fatal(err)
		}
		bad := *c
		bad.RetentionMonths = 500
		if err := s.UpdateCampaign(ctx, &bad); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("500 months: %v", err)
		}
		found, _ := s.FindCampaigns(ctx, c.ID)
		if found[0].Name != "Yes on H, again" || found[0].RetentionMonths != 6 || !found[0].Closed() {
			t.Errorf("changed campaign %+v", found[0])
		}
		gone := &rankfile.Campaign{ID: 999, BodyID: c.BodyID, Name: "x", Kind: rankfile.CampaignIssue}
		if err := s.UpdateCampaign(ctx, gone); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("no such campaign: %v", err)
		}
		for _, e := range []*rankfile.DoNotContactEntry{{Kind: "phone", Value: "213-555-0199", Reason: "asked"},
			{Kind: "address", Value: "9 elm street apt 2"}} {
			if err := s.AddDoNotContact(ctx, e); err != nil {
				t.Fatal(err)
			}
			setClock(db, "2026-11-03")
		}
		list, err := s.DoNotContactList(ctx)
		if err != nil || len(list) != 2 || list[0].Value != "9|ELM ST|2" || list[1].Value != "+12135550199" || list[1].Reason != "asked" {
			t.Errorf("list %+v, %v", list, err)
		}
	})
}
