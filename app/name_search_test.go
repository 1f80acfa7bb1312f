package app_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// committee makes a committee whose members are the voters given, by
// national id.
func (w *votingWorld) committee(members ...int) *rankfile.Body {
	w.t.Helper()
	b := &rankfile.Body{Kind: rankfile.KindCommittee, Slug: "housing", Name: "Housing", ParentID: w.chapter.ID}
	if err := w.app.Bodies.CreateBody(ctx, b); err != nil {
		w.t.Fatal(err)
	}
	for _, n := range members {
		p := &rankfile.Position{MemberID: w.member(n).ID, BodyID: b.ID, StartOn: rankfile.MustParseDate("2020-01-01")}
		if err := w.app.Bodies.CreatePosition(ctx, p); err != nil {
			w.t.Fatal(err)
		}
	}
	return b
}

// simpleMeeting calls a meeting of the body in one session chaired by
// voter 5.
func (w *votingWorld) simpleMeeting(body *rankfile.Body) *rankfile.Meeting {
	w.t.Helper()
	kind := rankfile.MeetingBody
	if body.Kind == rankfile.KindChapter {
		kind = rankfile.MeetingChapter
	}
	m := &rankfile.Meeting{BodyID: body.ID, Kind: kind, Title: body.Name + " meeting",
		StartsAt: w.now.Add(time.Hour), Format: rankfile.InPerson, Quorum: rankfile.Quorum{Count: 1},
		Sessions: []*rankfile.MeetingSession{{Name: body.Name, ChairID: w.member(5).ID, Place: "Union hall"}},
		Agenda:   []*rankfile.AgendaItem{{Kind: rankfile.AgendaReport, Title: "Reports"}}}
	if err := w.app.CreateMeeting(ctx, w.admin, m); err != nil {
		w.t.Fatal(err)
	}
	return m
}

// names lists the names of candidates found.
func names(found []*app.CheckInCandidate) []string {
	var out []string
	for _, c := range found {
		out = append(out, c.Name)
	}
	return out
}

// TestHostsSearchOnlyNamesOfWhomTheyMayCheckIn checks that a host's
// search at the door, for a meeting or an event, matches names alone and
// only among the members of the meeting's body (or those an event is
// for), and that each search is counted: an email address's or a ZIP's
// beginning finds nobody, so that a host cannot rebuild an address a
// character at a time or list who lives in a ZIP.
func TestHostsSearchOnlyNamesOfWhomTheyMayCheckIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		host := w.voter(5)
		chapterMeeting := w.simpleMeeting(w.chapter)
		for _, q := range []string{"voter1", "voter12@", "voter12@example.org", "90026", "9002", "example"} {
			found, _, err := w.app.CheckInSearch(ctx, host, chapterMeeting.ID, q)
			if len(found) != 0 {
				t.Errorf("searching %q found %v (%v): a search by name matched an address or a ZIP", q, names(found), err)
			}
		}
		found, matched, err := w.app.CheckInSearch(ctx, host, chapterMeeting.ID, "number01")
		if err != nil || len(found) != 10 || matched != 10 || found[0].Name != "Voter Number010" {
			t.Errorf("searching a name: %v (%d matched), %v; want Voter Number010 to 019", names(found), matched, err)
		}
		if found, matched, err := w.app.CheckInSearch(ctx, host, chapterMeeting.ID, "voter"); err != nil || len(found) != 20 || matched <= 20 {
			t.Errorf("searching a name most share: %d shown of %d matched, %v; want 20 of more", len(found), matched, err)
		}

		housing := w.committee(5, 6, 7, votingVoters+1)
		m := w.simpleMeeting(housing)
		found, _, err = w.app.CheckInSearch(ctx, host, m.ID, "Voter")
		want := []string{"Voter Number005", "Voter Number006", "Voter Number007", fmt.Sprintf("Voter Number%03d", votingVoters+1)}
		if err != nil || !slices.Equal(names(found), want) {
			t.Errorf("searching the committee's meeting: %v, %v; want its members %v", names(found), err, want)
		}
		outsider := w.member(30)
		if _, err := w.app.CheckInCandidate(ctx, host, m.ID, outsider.ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a host looking up someone outside the committee by id: %v; want not found", err)
		}
		if err := w.app.CheckIn(ctx, host, m.ID, m.Sessions[0].ID, outsider.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("checking in someone outside the committee: %v; want forbidden", err)
		}
		if _, err := w.app.SelfCheckIn(ctx, w.voter(30), m.ID, m.Sessions[0].Code); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("someone outside the committee checking in with the code: %v; want forbidden", err)
		}
		if _, err := w.app.SelfCheckIn(ctx, w.voter(6), m.ID, m.Sessions[0].Code); err != nil {
			t.Errorf("a member of the committee checking in with the code: %v", err)
		}

		e := w.newEvent(func(e *rankfile.Event) { e.BodyID, e.Audience = housing.ID, rankfile.AudienceBody })
		walkIns, _, err := w.app.WalkInSearch(ctx, w.admin, e.ID, "Voter")
		if err != nil || !slices.Equal(names(walkIns), want) {
			t.Errorf("walk-ins for the committee's own event: %v, %v; want %v", names(walkIns), err, want)
		}
		if walkIns, _, _ := w.app.WalkInSearch(ctx, w.admin, e.ID, "voter5"); len(walkIns) != 0 {
			t.Errorf("a walk-in search matched an address: %v", names(walkIns))
		}
		if _, err := w.app.CheckInWalkIn(ctx, w.admin, e.ID, rankfile.Registrant{MemberID: outsider.ID}); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("walking in someone the event is not for: %v; want not found", err)
		}

		entries, err := w.app.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditSearchNames})
		if err != nil || len(entries) != 10 || entries[0].ActorID != w.admin.ID() {
			t.Errorf("%d searches audited, %v; want 10 (refused ones are not searches), the last the admin's", len(entries), err)
		}
	})
}

// TestAHostsSearchesAreLimited checks that a host who searches as a
// script would is stopped: in memory on SQLite, and on PostgreSQL
// counted in the database, with the other servers.
func TestAHostsSearchesAreLimited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		if w.db.Dialect() == store.Postgres {
			w.app.SharedLimits = w.db
		}
		m := w.simpleMeeting(w.chapter)
		var err error
		for i := 0; i < 200 && err == nil; i++ {
			_, _, err = w.app.CheckInSearch(ctx, w.voter(5), m.ID, fmt.Sprintf("n%c", 'a'+i%26))
		}
		if rankfile.ErrorCode(err) != rankfile.ETOOMANY {
			t.Fatalf("200 searches at once: %v; want too many", err)
		}
		if _, _, err := w.app.CheckInSearch(ctx, w.admin, m.ID, "Voter"); err != nil {
			t.Errorf("another host's search after the first was stopped: %v", err)
		}
	})
}
