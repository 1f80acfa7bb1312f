package main

import (
	"context"
	"testing"

	"github.com/rankfile/rankfile"
	rfapp "github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkDemoSeats checks the demo's seats as the bylaws give them: Echo
// Park / Silver Lake has a captain appointed by coordinator@example.org
// (the audit log says who), and Mutual Aid a co-chair seat with one place
// vacant and a former co-chair whose term ended.
func checkDemoSeats(t *testing.T, dsn string) {
	ctx := context.Background()
	web := appServices(storetest.Open(t, dsn))
	page, err := web.BodyPage(ctx, demoActor(t, web, "member@example.org"), demo.CaptainBody, 1)
	if err != nil || len(page.Seats) != 1 || len(page.Seats[0].Holders) != 2 {
		t.Fatalf("the captains of %s: %+v, %v", demo.CaptainBody, page, err)
	}
	checkDemoCaptainSeesHerGroup(t, web, page.Seats[0].Holders[0].ID)
	entries, err := web.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditChangeBodies})
	appointed := false
	for _, e := range entries {
		appointed = appointed || e.Actor == demoActor(t, web, "coordinator@example.org").Name()
	}
	if err != nil || !appointed {
		t.Errorf("no appointment by the co-coordinator in the audit log (%v)", err)
	}
	page, err = web.BodyPage(ctx, demoActor(t, web, "member@example.org"), demo.EndedTermBody, 1)
	if err != nil || len(page.Seats) != 1 || len(page.Seats[0].Holders) != 1 || len(page.Past) != 1 {
		t.Errorf("%s: seats %+v, past holders %+v (%v); want one co-chair now and one before", demo.EndedTermBody, page.Seats, page.Past, err)
	}
}

// checkDemoCaptainSeesHerGroup checks that the demo's members are placed
// in neighborhood groups: a captain of Echo Park / Silver Lake sees its
// members, and member@example.org has a group on her home page.
func checkDemoCaptainSeesHerGroup(t *testing.T, web *rfapp.App, captainID int64) {
	ctx := context.Background()
	captain, err := web.Auth.Actor(ctx, captainID)
	if err != nil {
		t.Fatal(err)
	}
	group, err := web.Neighborhood(ctx, captain, demo.CaptainBody)
	if err != nil || len(group.Members) < 10 || !group.Members[0].Contact {
		t.Errorf("the captain's view of %s: %v; want its members with their contact details", demo.CaptainBody, err)
	}
	place, err := web.MyNeighborhood(ctx, demoActor(t, web, "member@example.org"))
	if err != nil || place.Group == nil || len(place.Choices) != 3 {
		t.Errorf("member@example.org's neighborhood group: %+v, %v; want one of Central's three", place, err)
	}
}

// demoActor is a demo account as the app sees them.
func demoActor(t *testing.T, web *rfapp.App, email string) *rankfile.Actor {
	t.Helper()
	m, err := web.Members.FindMember(context.Background(), rankfile.MemberFilter{Email: email})
	if err != nil {
		t.Fatal(err)
	}
	a, err := web.Auth.Actor(context.Background(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// demoApp opens the demo's database with its keys (the test key on
// PostgreSQL, the demo's own key file beside SQLite's) and returns the web
// app's services on it, closed when the test ends.
func demoApp(t *testing.T, dsn string) *rfapp.App {
	t.Helper()
	ring, err := secret.Parse("the test key", testKey)
	if !store.IsPostgres(dsn) {
		ring, err = secret.LoadFile(dsn + ".keys")
	}
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenWithKeys(context.Background(), dsn, ring)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return appServices(db)
}
