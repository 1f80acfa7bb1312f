package app_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store/storetest"
)

// newcomers are three new members of Central (ZIP 90026, in Echo Park),
// Lupe (6), who lapsed, back in good standing, and Rui (11), new to the
// list but lapsed already: no path for him.
var newcomers = strings.Replace(seatList, "6,Lupe,Lapsed,lupe@example.org,90026,2020-01-01,Lapsed",
	"6,Lupe,Lapsed,lupe@example.org,90026,2030-01-01,Member in Good Standing", 1) +
	"8,Nia,New,nia@example.org,90026,2030-01-01,Member in Good Standing\n" +
	"9,Omar,New,omar@example.org,90026,2030-01-01,Member in Good Standing\n" +
	"10,Pia,New,pia@example.org,90026,2030-01-01,Member in Good Standing\n" +
	"11,Rui,Gone,rui@example.org,90026,2020-01-01,Lapsed\n"

func (w *seatWorld) importList(list string) {
	w.t.Helper()
	src, _ := roster.NewReader(strings.NewReader(list))
	if _, err := w.app.Roster.ImportRoster(ctx, src, rankfile.ImportOptions{}); err != nil {
		w.t.Fatal(err)
	}
}

// owed counts the steps of each kind not yet done.
func (w *seatWorld) owed() map[rankfile.OnboardingStep]int {
	w.t.Helper()
	out := map[rankfile.OnboardingStep]int{}
	for _, s := range rankfile.OnboardingSteps {
		steps, err := w.app.Onboarding.OwedSteps(ctx, s, 0, 0)
		if err != nil {
			w.t.Fatal(err)
		}
		out[s] = len(steps)
	}
	return out
}

// notices counts the notices of a kind in the outbox.
func (w *seatWorld) notices(kind rankfile.NoticeKind) int {
	w.t.Helper()
	all, err := w.app.Outbox.FindNotices(ctx, nil, 1000)
	if err != nil {
		w.t.Fatal(err)
	}
	n := 0
	for _, x := range all {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

// organizerOf returns the national id of the member's organizer, "" for none.
func (w *seatWorld) organizerOf(n int) string {
	w.t.Helper()
	open, err := w.app.OneOnOnes.FindAssignments(ctx, rankfile.AssignmentFilter{MemberID: w.member(n).ID, OpenOnly: true})
	if err != nil {
		w.t.Fatal(err)
	}
	if len(open) == 0 {
		return ""
	}
	m, err := w.app.Members.FindMember(ctx, rankfile.MemberFilter{ID: open[0].OrganizerID})
	if err != nil {
		w.t.Fatal(err)
	}
	return m.NationalID
}

// orientation puts an orientation of the chapter on the calendar.
func (w *seatWorld) orientation() *rankfile.Event {
	w.t.Helper()
	start := w.now.Add(72 * time.Hour)
	e := &rankfile.Event{BodyID: w.bodies["chapter"].ID, Kind: rankfile.EventOrientation, Title: "New member orientation",
		StartsAt: start, EndsAt: start.Add(2 * time.Hour), Zone: "America/Los_Angeles", Address: "1 Union Hall",
		Audience: rankfile.AudienceMembers, Registration: true}
	if err := w.app.Events.CreateEvents(ctx, []*rankfile.Event{e}, nil); err != nil {
		w.t.Fatal(err)
	}
	return e
}

func TestAnImportOwesEachStepOnceHoweverOftenItAndTheClockRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		if got := w.owed(); got[rankfile.StepWelcome] != 0 {
			t.Fatalf("the first list of an empty roster owes %v; want nothing", got)
		}
		w.importList(newcomers)
		w.importList(newcomers) // the same list again
		want := map[rankfile.OnboardingStep]int{rankfile.StepWelcome: 4, rankfile.StepOrientation: 4, rankfile.StepOrganizer: 4}
		if got := w.owed(); got[rankfile.StepWelcome] != 4 || got[rankfile.StepOrientation] != 4 || got[rankfile.StepOrganizer] != 4 {
			t.Fatalf("owed after importing twice = %v, want %v", got, want)
		}
		if steps, err := w.app.Onboarding.MemberPath(ctx, w.member(11).ID); err != nil || len(steps) != 0 {
			t.Errorf("a new member lapsed already has a path: %v, %v", steps, err)
		}
		// No orientation is scheduled: the invitations wait for one.
		w.runClockTwiceAtOnce()
		if got := w.owed(); got[rankfile.StepWelcome] != 0 || got[rankfile.StepOrientation] != 4 || got[rankfile.StepOrganizer] != 0 {
			t.Errorf("owed after the clock = %v; want only the invitations, waiting for an orientation", got)
		}
		e := w.orientation()
		w.runClockTwiceAtOnce()
		if got := w.owed(); got[rankfile.StepOrientation] != 0 {
			t.Errorf("invitations still owed with an orientation scheduled: %v", got)
		}
		if n := w.notices(rankfile.NoticeWelcome); n != 4 {
			t.Errorf("%d welcomes queued, want 4", n)
		}
		if n := w.notices(rankfile.NoticeOrientationInvite); n != 4 {
			t.Errorf("%d invitations queued, want 4", n)
		}
		regs, err := w.app.Events.FindEvents(ctx, rankfile.EventFilter{ID: e.ID})
		if err != nil || regs[0].Registered != 0 {
			t.Errorf("the orientation has registrations after inviting: %+v, %v; an invitation registers nobody", regs, err)
		}
		w.importList(newcomers)
		w.runClockTwiceAtOnce()
		if n := w.notices(rankfile.NoticeWelcome); n != 4 {
			t.Errorf("%d welcomes after a third import, want 4", n)
		}
	})
}

// runClockTwiceAtOnce runs the onboarding clock twice at the same time,
// as two servers would.
func (w *seatWorld) runClockTwiceAtOnce() {
	w.t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = w.app.Onboard(ctx)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			w.t.Fatal(err)
		}
	}
}

func TestNewMembersGoToTheLeastBusyOrganizer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		w.assign(5, 3, rankfile.AssignManual) // Hana (3) organizes Mia; Cora (1) leads Central
		w.importList(newcomers)
		if _, err := w.app.Onboard(ctx); err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		for _, n := range []int{5, 6, 8, 9, 10} {
			count[w.organizerOf(n)]++
		}
		// Four to give, 1 with none and 3 with one: each goes to the one
		// with fewer, ties to the lower id, so 1 ends with 3 and 3 with 2,
		// and Lupe, the last (returning members come after new ones), to 1
		// on a tie at 2.
		if count["1"] != 3 || count["3"] != 2 {
			t.Errorf("people per organizer = %v; want 3 for 1 and 2 for 3", count)
		}
		if got := w.organizerOf(6); got != "1" {
			t.Errorf("Lupe's organizer = %q, want 1", got)
		}
		asg, _ := w.app.OneOnOnes.FindAssignments(ctx, rankfile.AssignmentFilter{MemberID: w.member(6).ID, OpenOnly: true})
		if len(asg) != 1 || asg[0].Reason != rankfile.AssignReturning || asg[0].AssignedBy != "onboarding" {
			t.Errorf("Lupe's assignment = %+v; want returning, by onboarding", asg)
		}
		o, err := w.app.MyOnboarding(ctx, w.actor(6))
		if err != nil || len(o.Steps) != 3 || o.Steps[0].Reason != rankfile.AssignReturning || o.Steps[2].Outcome != rankfile.OutcomeLoad {
			t.Errorf("Lupe's path = %+v, %v", o, err)
		}
	})
}

func TestTheCaptainTakesHerGroupsNewMembersAndGivesThemBackWhenSheLeaves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		w.drawGroups()
		w.hold("echo-park", 5) // Mia captains Echo Park
		w.importList(newcomers)
		w.drawGroups() // place the newcomers in their group
		if _, err := w.app.Onboard(ctx); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{6, 8, 9, 10} {
			if got := w.organizerOf(n); got != "5" {
				t.Errorf("%d's organizer = %q, want the captain 5", n, got)
			}
		}
		if n, err := w.app.ReturnToQueues(ctx); err != nil || n != 0 {
			t.Errorf("returned %d, %v while the captain holds her seat; want 0", n, err)
		}
		if err := w.app.Bodies.RemovePosition(ctx, w.positionOf(t, "echo-park", 5)); err != nil {
			t.Fatal(err)
		}
		w.now = w.now.Add(24 * time.Hour)
		if n, err := w.app.ReturnToQueues(ctx); err != nil || n != 4 {
			t.Errorf("returned %d, %v after the captain left; want 4", n, err)
		}
		q, err := w.app.Queue(ctx, w.actor(1), "central", 50)
		if err != nil {
			t.Fatal(err)
		}
		waiting := map[string]bool{}
		for _, m := range q.Members {
			waiting[m.FirstName] = true
		}
		for _, name := range []string{"Lupe", "Nia", "Omar", "Pia"} {
			if !waiting[name] {
				t.Errorf("%s is not in Central's queue after her captain left: %v", name, waiting)
			}
		}
	})
}

func TestTheChecklistTicksFromRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		w.importList(newcomers)
		if _, err := w.app.Onboard(ctx); err != nil {
			t.Fatal(err)
		}
		o, err := w.app.MyOnboarding(ctx, w.actor(8))
		if err != nil || o.Checklist.Done != 0 || o.Checklist.Total != 6 {
			t.Fatalf("a new member's checklist = %+v, %v; want 0 of 6", o, err)
		}
		e := w.orientation()
		admin := &rankfile.Actor{Member: w.member(1), Admin: true}
		if _, err := w.app.CheckInWalkIn(ctx, admin, e.ID, rankfile.Registrant{MemberID: w.member(8).ID}); err != nil {
			t.Fatal(err)
		}
		organizer := w.organizerOf(8)
		c := &rankfile.Conversation{MemberID: w.member(8).ID, On: rankfile.DateOf(w.now), Method: rankfile.MethodCall}
		if err := w.app.LogConversation(ctx, w.actor(mustAtoi(organizer)), c); err != nil {
			t.Fatal(err)
		}
		w.hold("housing", 8)
		o, err = w.app.MyOnboarding(ctx, w.actor(8))
		if err != nil {
			t.Fatal(err)
		}
		done := map[string]bool{}
		for _, it := range o.Checklist.Items {
			done[it.Key] = it.Done
		}
		want := map[string]bool{rankfile.CheckOrientation: true, rankfile.CheckOneOnOne: true, rankfile.CheckCommittee: true,
			rankfile.CheckGeneralMeeting: false, rankfile.CheckTraining: false, rankfile.CheckCanvass: false}
		for k, v := range want {
			if done[k] != v {
				t.Errorf("item %s done = %v, want %v", k, done[k], v)
			}
		}
		people, err := w.app.People(ctx, w.actor(mustAtoi(organizer)))
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range people.Groups {
			for _, p := range g.People {
				if p.Member.ID == w.member(8).ID && p.Checklist.Done != 3 {
					t.Errorf("the organizer's list shows %d of Nia's first steps, want 3", p.Checklist.Done)
				}
			}
		}
	})
}

func mustAtoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}

// killedOnboarding is the onboarding store of a server killed while it
// gave organizers: the transaction never commits.
type killedOnboarding struct{ rankfile.OnboardingService }

func (killedOnboarding) AssignSteps(context.Context, []rankfile.StepAssignment) (int, error) {
	return 0, errors.New("killed")
}

// TestAClockKilledHalfwayOwesTheRestOnce kills the clock while it gives
// organizers, after the welcomes committed: the next clock gives the
// organizers and queues no welcome again.
func TestAClockKilledHalfwayOwesTheRestOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		w.orientation()
		w.importList(newcomers)
		real := w.app.Onboarding
		w.app.Onboarding = killedOnboarding{real}
		if _, err := w.app.Onboard(ctx); err == nil {
			t.Fatal("the killed clock reported no error")
		}
		w.app.Onboarding = real
		if got := w.owed(); got[rankfile.StepWelcome] != 0 || got[rankfile.StepOrientation] != 0 || got[rankfile.StepOrganizer] != 4 {
			t.Fatalf("owed after the kill = %v; want the organizers alone", got)
		}
		if _, err := w.app.Onboard(ctx); err != nil {
			t.Fatal(err)
		}
		if got := w.owed(); got[rankfile.StepOrganizer] != 0 {
			t.Errorf("owed after the restart = %v", got)
		}
		if w.notices(rankfile.NoticeWelcome) != 4 || w.notices(rankfile.NoticeOrientationInvite) != 4 {
			t.Errorf("%d welcomes and %d invitations; want 4 of each", w.notices(rankfile.NoticeWelcome), w.notices(rankfile.NoticeOrientationInvite))
		}
		for _, n := range []int{6, 8, 9, 10} {
			if w.organizerOf(n) == "" {
				t.Errorf("%d has no organizer after the restart", n)
			}
		}
	})
}

// TestAStepReadByTwoClocksIsDoneOnce has two clocks read the same owed
// steps before either does them, as two servers may: whichever comes
// second finds them done and queues or assigns nothing.
func TestAStepReadByTwoClocksIsDoneOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		w.importList(newcomers)
		s := w.app.Onboarding
		welcomes, err := s.OwedSteps(ctx, rankfile.StepWelcome, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		organizers, err := s.OwedSteps(ctx, rankfile.StepOrganizer, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		var decided []rankfile.StepAssignment
		for _, p := range welcomes {
			ids = append(ids, p.ID)
		}
		for _, p := range organizers {
			decided = append(decided, rankfile.StepAssignment{Step: p, OrganizerID: w.member(1).ID, Outcome: rankfile.OutcomeLoad})
		}
		for round, want := range []int{4, 0} {
			if n, err := s.QueueStepNotices(ctx, ids, rankfile.NoticeWelcome, 0); err != nil || n != want {
				t.Errorf("round %d queued %d welcomes, %v; want %d", round, n, err, want)
			}
			if n, err := s.AssignSteps(ctx, decided); err != nil || n != want {
				t.Errorf("round %d did %d organizer steps, %v; want %d", round, n, err, want)
			}
		}
		if n := w.notices(rankfile.NoticeWelcome); n != 4 {
			t.Errorf("%d welcomes in the outbox, want 4", n)
		}
		all, err := w.app.OneOnOnes.FindAssignments(ctx, rankfile.AssignmentFilter{OrganizerID: w.member(1).ID})
		if err != nil || len(all) != 4 {
			t.Errorf("%d assignments to 1 (%v), want 4", len(all), err)
		}
	})
}
