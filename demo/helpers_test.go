package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// smallDemo fills a demo chapter of size people in the database of dsn,
// and returns its context, the database and the clock setter the demo's
// steps take: a time set stands until the zero time gives back the real
// clock.
func smallDemo(t *testing.T, dsn string, size int) (context.Context, *store.DB, func(time.Time)) {
	t.Helper()
	ctx := rankfile.WithActor(context.Background(), &rankfile.Actor{Label: "demo test"})
	db := storetest.Open(t, dsn)
	if _, err := demo.Fill(ctx, demo.Services{Roster: store.NewRosterService(db), Bodies: store.NewBodyService(db),
		Branches: store.NewBranchService(db), Members: store.NewMemberService(db), Neighborhoods: store.NewNeighborhoodService(db)},
		db.Today(), size); err != nil {
		t.Fatal(err)
	}
	var at time.Time
	real := db.Now
	db.Now = func() time.Time {
		if at.IsZero() {
			return real()
		}
		return at
	}
	return ctx, db, func(t time.Time) { at = t }
}
