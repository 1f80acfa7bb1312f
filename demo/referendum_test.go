package demo_test

import (
	"encoding/json"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTheReferendumIsClosedAndCounted fills a small demo chapter, whose
// organization has its national body, and puts the platform to a
// referendum: counted, with a ballot from each member in good standing
// (fewer than the demo's 2,000 voters), Yes and No and some blank, and the
// platform adopted.
func TestTheReferendumIsClosedAndCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx, db, setClock := smallDemo(t, dsn, 500)
		a := &app.App{Members: store.NewMemberService(db), Bodies: store.NewBodyService(db), Auth: store.NewAuthService(db),
			Elections: store.NewElectionService(db), Papers: store.NewElectionService(db), Audit: store.NewAuditService(db),
			Outbox: store.NewOutboxService(db), Zone: db.Zone, Now: db.Now}
		e, err := demo.Referendum(ctx, a, setClock)
		if err != nil {
			t.Fatal(err)
		}
		if e == nil || e.StatusAt(a.Now()) != rankfile.ElectionCounted {
			t.Fatalf("the referendum %+v, want it counted", e)
		}
		raw, err := a.Result(ctx, &rankfile.Actor{}, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		var res app.ElectionResult
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
		q := res.Contests[0].Question
		want := min(res.Electorate, 2000)
		if want < 300 || res.Ballots != want || res.Voted != want || q == nil || q.Cast+q.Blank != want || q.Blank == 0 ||
			q.Options[1].Votes == 0 || !q.Passed {
			t.Errorf("result %s", raw)
		}
	})
}
