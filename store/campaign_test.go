package store_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// newCampaign makes a campaign of the chapter's first body.
func newCampaign(t *testing.T, db *store.DB) (*store.CampaignService, *rankfile.Campaign) {
	t.Helper()
	oneOnOneBranch(t, db)
	bodies, err := store.NewBodyService(db).FindBodies(ctx, rankfile.BodyFilter{})
	if err != nil || len(bodies) == 0 {
		t.Fatal(bodies, err)
	}
	s := store.NewCampaignService(db)
	c := &rankfile.Campaign{BodyID: bodies[0].ID, Name: "Yes on H", Kind: rankfile.CampaignMeasure, RetentionMonths: 24}
	if err := s.CreateCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	return s, c
}

var voterList = rankfile.TargetMapping{"external_id": "VoterID", "first_name": "First", "last_name": "Last",
	"phone": "Phone", "email": "Email", "address": "Residence", "zip": "Zip", "lat": "Lat", "lon": "Lon"}

func readList(t *testing.T, text string) []rankfile.TargetRow {
	t.Helper()
	rows, bad, err := rankfile.ReadTargetRows(strings.NewReader(text), voterList)
	if err != nil || bad != nil {
		t.Fatal(err, bad)
	}
	return rows
}

const voterHeader = "VoterID,First,Last,Phone,Email,Residence,Zip,Lat,Lon\n"

// TestImportTargets imports a voter list: two voters at one door and a
// third next door make two households; a voter whose phone is on the
// do-not-contact list is left out; the list's mapping is kept. Imported
// again with an email more, nobody is added and the email is filled in.
func TestImportTargets(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		if err := s.AddDoNotContact(ctx, &rankfile.DoNotContactEntry{Kind: "phone", Value: "(213) 555-0199", Reason: "asked at the door"}); err != nil {
			t.Fatal(err)
		}
		list := voterHeader +
			"V1,Ana,Núñez,213-555-0101,,1234 N Main St Apt 5,90026,34.07,-118.26\n" +
			"V2,Bo,Núñez,,,1234 north main street #5,90026,,\n" +
			"V3,Cy,Ray,,,1236 N Main St,90026,,\n" +
			"V4,Di,Dee,213-555-0199,,1238 N Main St,90026,,\n"
		got, err := s.ImportTargets(ctx, c.ID, "county voter file", voterList, readList(t, list))
		if err != nil {
			t.Fatal(err)
		}
		if want := (rankfile.TargetImport{SourceID: got.SourceID, Added: 3, Households: 2, Skipped: 1}); *got != want {
			t.Errorf("first import %+v, want %+v", *got, want)
		}
		again := strings.Replace(list, "V3,Cy,Ray,,,", "V3,Cy,Ray,,cy@example.org,", 1)
		got, err = s.ImportTargets(ctx, c.ID, "county voter file", voterList, readList(t, again))
		if err != nil {
			t.Fatal(err)
		}
		if want := (rankfile.TargetImport{SourceID: got.SourceID, Merged: 3, Skipped: 1}); *got != want {
			t.Errorf("second import %+v, want %+v", *got, want)
		}
		targets, err := s.Targets(ctx, c.ID)
		if err != nil || len(targets) != 3 {
			t.Fatalf("targets %v, %v", targets, err)
		}
		var emails []string
		for _, tg := range targets {
			emails = append(emails, tg.Email)
		}
		if !reflect.DeepEqual(emails, []string{"", "", "cy@example.org"}) && !reflect.DeepEqual(emails, []string{"cy@example.org", "", ""}) {
			t.Errorf("emails %q", emails)
		}
		households, err := s.Households(ctx, c.ID)
		if err != nil || len(households) != 2 || households[0].Point == nil || households[0].Address.Unit != "5" {
			t.Fatalf("households %+v, %v", households, err)
		}
		sources, err := s.TargetSources(ctx, c.ID)
		if err != nil || !reflect.DeepEqual(sources["county voter file"], voterList) {
			t.Errorf("sources %v, %v", sources, err)
		}
	})
}

// TestImportTargetsMergesByTheRule checks the merge rule across lists and
// within one: a tenants' sign-up sheet without voter ids finds Ana by her
// name at her door, and Bo twice on the sheet is one target.
func TestImportTargetsMergesByTheRule(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		if _, err := s.ImportTargets(ctx, c.ID, "voters", voterList, readList(t, voterHeader+
			"V1,Ana,Núñez,,,1234 N Main St Apt 5,90026,,\n")); err != nil {
			t.Fatal(err)
		}
		sheet := voterHeader +
			",ana,NUNEZ,,ana@example.org,1234 N Main St #5,90026,,\n" +
			",Bo,Li,310-555-0102,,9 Elm St,90026,,\n" +
			",Bo,Li,310-555-0102,bo@example.org,11 Elm St,90026,,\n"
		got, err := s.ImportTargets(ctx, c.ID, "tenants' sign-up", voterList, readList(t, sheet))
		if err != nil {
			t.Fatal(err)
		}
		if got.Added != 1 || got.Merged != 2 || got.Households != 2 {
			t.Errorf("sheet import %+v, want 1 added (Bo), 2 merged (Ana, Bo again), 2 households", *got)
		}
		targets, _ := s.Targets(ctx, c.ID)
		if len(targets) != 2 {
			t.Fatalf("%d targets, want Ana and Bo", len(targets))
		}
	})
}

// TestImportTargetsRefusesWithoutChanging checks the refusals: an unknown
// campaign, a list without a name, a bad mapping; nothing is stored.
func TestImportTargetsRefusesWithoutChanging(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		rows := readList(t, voterHeader+"V1,Ana,Núñez,,,1234 N Main St,90026,,\n")
		for _, tc := range []struct {
			campaign int64
			source   string
			m        rankfile.TargetMapping
			code     string
		}{
			{c.ID + 99, "voters", voterList, rankfile.ENOTFOUND},
			{c.ID, "", voterList, rankfile.EINVALID},
			{c.ID, "voters", rankfile.TargetMapping{"full_name": "Name"}, rankfile.EINVALID},
		} {
			if _, err := s.ImportTargets(ctx, tc.campaign, tc.source, tc.m, rows); rankfile.ErrorCode(err) != tc.code {
				t.Errorf("%+v: got %v, want %s", tc, err, tc.code)
			}
		}
		if targets, _ := s.Targets(ctx, c.ID); len(targets) != 0 {
			t.Errorf("%d targets stored by refused imports", len(targets))
		}
	})
}

// TestDoNotContactMarksTargets checks that an address put on the list
// marks the targets at that door in the campaign, and the next import
// leaves the door out.
func TestDoNotContactMarksTargets(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		list := voterHeader + "V1,Ana,Núñez,,,1234 N Main St Apt 5,90026,,\nV2,Bo,Li,,,9 Elm St,90026,,\n"
		if _, err := s.ImportTargets(ctx, c.ID, "voters", voterList, readList(t, list)); err != nil {
			t.Fatal(err)
		}
		if err := s.AddDoNotContact(ctx, &rankfile.DoNotContactEntry{Kind: "address", Value: "1234 north main street apt 5"}); err != nil {
			t.Fatal(err)
		}
		targets, _ := s.Targets(ctx, c.ID)
		for _, tg := range targets {
			if tg.DoNotContact != (tg.LastName == "Núñez") {
				t.Errorf("%s: do not contact %v", tg.Name(), tg.DoNotContact)
			}
		}
		got, err := s.ImportTargets(ctx, c.ID, "voters", voterList, readList(t, list))
		if err != nil || got.Skipped != 1 || got.Merged != 1 {
			t.Errorf("import after: %+v, %v", got, err)
		}
		if err := s.AddDoNotContact(ctx, &rankfile.DoNotContactEntry{Kind: "fax", Value: "x"}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a kind of entry that is not: %v", err)
		}
	})
}
