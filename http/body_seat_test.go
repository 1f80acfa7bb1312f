package http_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestACoordinatorAppointsACaptainFromTheBodyPage goes through the pages
// as Central's co-coordinator: the neighborhood group's page offers to
// appoint, a search by name finds Mia, a button appoints her, and removing
// her asks first. Each change is in the audit log under the coordinator.
func TestACoordinatorAppointsACaptainFromTheBodyPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		c := w.client("coordinator")
		_, page := w.do(c, "GET", "/bodies/echo-park", nil)
		if !strings.Contains(page, `href="/bodies/echo-park/seats/8/appoint"`) {
			t.Fatalf("the group's page offers no appointment to the coordinator:\n%s", page)
		}
		if _, other := w.do(w.client("other-branch"), "GET", "/bodies/echo-park", nil); strings.Contains(other, "/appoint") {
			t.Errorf("another branch's member is offered the appointment")
		}
		status, page := w.do(c, "GET", "/bodies/echo-park/seats/8/appoint?q=Mi", nil)
		if status != 200 || !strings.Contains(page, "Mia Member") || !strings.Contains(page, `name="member" value="`+itoa(w.member("5").ID)+`"`) {
			t.Fatalf("searching for Mi: %d\n%s", status, page)
		}
		if strings.Contains(page, "member@example.org") || strings.Contains(page, "213-555-0005") {
			t.Errorf("the search shows more than names")
		}
		status, page = w.do(c, "GET", "/bodies/echo-park/seats/8/appoint?q=M", nil)
		if status != 400 || !strings.Contains(page, `aria-invalid="true"`) || !strings.Contains(page, `value="M"`) {
			t.Errorf("a one-letter search: %d, want 400 with the field marked and kept", status)
		}
		status, page = w.submit(c, "POST", "/bodies/echo-park/seats/8/appoint", url.Values{"member": {itoa(w.member("5").ID)}})
		seats := between(page, `id="seats-h"`, "</section>")
		if status != 200 || !strings.Contains(seats, "Mia Member") || !strings.Contains(page, `class="notice"`) {
			t.Fatalf("after appointing: %d\n%s", status, page)
		}
		held, _ := w.app.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: w.bodies["echo-park"].ID, ActiveOn: w.db.Today()})
		if len(held) != 1 {
			t.Fatalf("captains now: %d, want 1", len(held))
		}
		remove := "/bodies/echo-park/positions/" + itoa(held[0].ID) + "/remove"
		if !strings.Contains(seats, `href="`+remove+`"`) {
			t.Errorf("no removal link for the captain")
		}
		status, page = w.do(c, "GET", remove, nil)
		if status != 200 || !strings.Contains(page, `action="`+remove+`"`) || !strings.Contains(page, "Mia Member") {
			t.Fatalf("the confirmation: %d\n%s", status, page)
		}
		if now, _ := w.app.Bodies.FindPositions(ctx, rankfile.PositionFilter{ID: held[0].ID}); len(now) != 1 {
			t.Errorf("asking to confirm removed the captain already")
		}
		status, page = w.submit(c, "POST", remove, url.Values{})
		if status != 200 || strings.Contains(between(page, `id="seats-h"`, "</section>"), "Mia Member") {
			t.Errorf("after removing: %d, the captain is still shown", status)
		}
		entries := w.auditOf(rankfile.AuditChangeBodies)
		var appointed, removed bool
		for _, e := range entries {
			appointed = appointed || (e.Actor == "Cora Coordinator" && strings.HasPrefix(e.Detail, "position "))
			removed = removed || (e.Actor == "Cora Coordinator" && strings.HasPrefix(e.Detail, "removed from position "))
		}
		if !appointed || !removed {
			t.Errorf("audit: appointed %v, removed %v in %+v", appointed, removed, entries)
		}
	})
}

// TestASeatWhoseTermEndedIsVacant gives Housing a co-chair whose term
// ended last year: the page shows one place held, the former co-chair
// among those who held it before, and the seat's holders no longer lead.
func TestASeatWhoseTermEndedIsVacant(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		bodies := store.NewBodyService(w.db)
		seats, _ := bodies.FindSeats(ctx, w.bodies["housing"].ID)
		old := &rankfile.Position{MemberID: w.member("6").ID, BodyID: w.bodies["housing"].ID, SeatID: seats[0].ID,
			StartOn: w.db.Today().AddDays(-500)}
		if err := bodies.CreatePosition(ctx, old); err != nil {
			t.Fatal(err)
		}
		_, page := w.do(w.client("member"), "GET", "/bodies/housing", nil)
		seatsHTML := between(page, `id="seats-h"`, "</section>")
		current := between(seatsHTML, "<dl", "</dl>")
		if strings.Contains(current, "Wes Westside") || !strings.Contains(current, "Chen Cochair") {
			t.Errorf("the seat as held now:\n%s", current)
		}
		if past := between(seatsHTML, `id="past-h"`, "</ul>"); !strings.Contains(past, "Wes Westside") {
			t.Errorf("the former co-chair is not among those who held it before:\n%s", seatsHTML)
		}
		if w.actor("other-branch").LeadsBody(w.bodies["housing"].ID) {
			t.Errorf("a co-chair whose term ended still leads the committee")
		}
	})
}

// TestACochairManagesTheirCommittee adds a member to Housing and removes
// one through the pages, as its co-chair.
func TestACochairManagesTheirCommittee(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		c := w.client("cochair")
		_, page := w.do(c, "GET", "/bodies/housing", nil)
		if !strings.Contains(page, `href="/bodies/housing/members/add"`) {
			t.Fatalf("no way to add members on the co-chair's committee page")
		}
		status, page := w.do(c, "GET", "/bodies/housing/members/add?q=Mi", nil)
		if status != 200 || !strings.Contains(page, `action="/bodies/housing/members"`) {
			t.Fatalf("the add page: %d\n%s", status, page)
		}
		status, page = w.submit(c, "POST", "/bodies/housing/members", url.Values{"member": {itoa(w.member("5").ID)}})
		members := between(page, `id="members-h"`, "</section>")
		if status != 200 || !strings.Contains(members, "Mia Member") {
			t.Fatalf("after adding: %d\n%s", status, members)
		}
		if !strings.Contains(members, "/remove") {
			t.Errorf("no removal link in the co-chair's member list")
		}
		if status, _ := w.do(c, "GET", "/bodies/caucus/members/add", nil); status != 403 {
			t.Errorf("a co-chair adding to another body: %d, want 403", status)
		}
	})
}
