package app_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

const tenantsList = "Name,Phone,Address,Zip\n" +
	"Ana Núñez,(213) 555-0101,1234 N Main St Apt 5,90026\n" +
	"Bo Li,,1236 N Main St,90026\n"

var tenantsMapping = rankfile.TargetMapping{"full_name": "Name", "phone": "Phone", "address": "Address", "zip": "Zip"}

// TestCampaignsAreRunByTheirBodys checks who may do what: members see the
// campaigns but neither start one, nor import a list, nor add to the
// do-not-contact list; an admin does all three. A list with a bad line
// is returned with the line and nothing is stored; the next import of a
// source finds its columns by the source's name.
func TestCampaignsAreRunByTheirBodys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := &rankfile.Campaign{BodyID: w.chapter.ID, Name: "Tenants of Main St", Kind: rankfile.CampaignTenant}
		member := w.voter(5)
		if err := w.app.CreateCampaign(ctx, member, c); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Fatalf("a member starts a campaign: %v", err)
		}
		if err := w.app.CreateCampaign(ctx, w.admin, c); err != nil {
			t.Fatal(err)
		}
		if found, err := w.app.FindCampaigns(ctx, member, 0); err != nil || len(found) != 1 {
			t.Errorf("a member sees %v, %v", found, err)
		}
		if _, _, err := w.app.ImportTargets(ctx, member, c.ID, "sign-up sheet", tenantsMapping, strings.NewReader(tenantsList)); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member imports a list: %v", err)
		}
		bad := tenantsList + "Cy Ray,555,1238 N Main St,90026\n"
		done, lines, err := w.app.ImportTargets(ctx, w.admin, c.ID, "sign-up sheet", tenantsMapping, strings.NewReader(bad))
		if err != nil || done != nil || len(lines) != 1 || lines[0].Line != 4 {
			t.Fatalf("a list with a bad line: %+v, %v, %v", done, lines, err)
		}
		if targets, _ := w.app.Campaigns.Targets(ctx, c.ID); len(targets) != 0 {
			t.Fatalf("%d targets stored from a refused list", len(targets))
		}
		if _, _, err := w.app.ImportTargets(ctx, w.admin, c.ID, "sign-up sheet", nil, strings.NewReader(tenantsList)); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a new source without a mapping: %v", err)
		}
		if done, _, err = w.app.ImportTargets(ctx, w.admin, c.ID, "sign-up sheet", tenantsMapping, strings.NewReader(tenantsList)); err != nil || done.Added != 2 {
			t.Fatalf("import %+v, %v", done, err)
		}
		if done, _, err = w.app.ImportTargets(ctx, w.admin, c.ID, "sign-up sheet", nil, strings.NewReader(tenantsList)); err != nil || done.Merged != 2 {
			t.Fatalf("the source again, by its name: %+v, %v", done, err)
		}
		entry := &rankfile.DoNotContactEntry{Kind: rankfile.DoNotContactPhone, Value: "213 555 0101"}
		if err := w.app.AddDoNotContact(ctx, member, entry); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member adds to the do-not-contact list: %v", err)
		}
		if err := w.app.AddDoNotContact(ctx, w.admin, entry); err != nil {
			t.Fatal(err)
		}
	})
}
