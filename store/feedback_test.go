package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// feedbackWorld is a database with a training that ended at noon on
// 2026-03-20, members 1 to 8 checked in at it and member 9 not.
type feedbackWorld struct {
	t        *testing.T
	db       *store.DB
	feedback *store.FeedbackService
	event    *rankfile.Event
	members  []int64 // by national id - 1
	now      time.Time
}

func newFeedbackWorld(t *testing.T, dsn string) *feedbackWorld {
	db := storetest.Open(t, dsn)
	w := &feedbackWorld{t: t, db: db, feedback: store.NewFeedbackService(db),
		now: time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return w.now }
	var rows []string
	for i := 1; i <= 9; i++ {
		rows = append(rows, fmt.Sprintf("%d,Ana%d,Ruiz,ana%d@example.org,90026,2030-01-01,Member in Good Standing,,", i, i, i))
	}
	importList(t, db, list(listHeader, rows...), rankfile.ImportOptions{})
	for i := 1; i <= 9; i++ {
		w.members = append(w.members, member(t, db, fmt.Sprint(i)).ID)
	}
	chapter := &rankfile.Body{Kind: rankfile.KindChapter, Slug: "chapter", Name: "Chapter", Joining: rankfile.JoinNone}
	if err := store.NewBodyService(db).CreateBody(ctx, chapter); err != nil {
		t.Fatal(err)
	}
	w.event = &rankfile.Event{BodyID: chapter.ID, Kind: rankfile.EventTraining, Title: "Canvass training",
		StartsAt: w.now, EndsAt: w.now.Add(2 * time.Hour), Zone: "UTC", Address: "1 Main St", Audience: rankfile.AudiencePublic}
	events := store.NewEventService(db)
	if err := events.CreateEvents(ctx, []*rankfile.Event{w.event}, nil); err != nil {
		t.Fatal(err)
	}
	for _, id := range w.members[:8] {
		if _, err := events.CheckIn(ctx, w.event.ID, 0, &rankfile.Registrant{MemberID: id}); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func (w *feedbackWorld) answer(n int, scores ...int) error {
	return w.feedback.SubmitFeedback(ctx, w.members[n-1], &rankfile.FeedbackAnswer{EventID: w.event.ID,
		FormVersion: 1, Scores: scores, Text: fmt.Sprintf("answer of %d", n)})
}

func (w *feedbackWorld) stored() int {
	w.t.Helper()
	counts, err := w.feedback.FeedbackCounts(ctx, []int64{w.event.ID})
	if err != nil {
		w.t.Fatal(err)
	}
	return counts[w.event.ID]
}

func TestFeedbackIsTakenOnceFromAttendeesWithinTheWindow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newFeedbackWorld(t, dsn)
		refused := func(what string, err error, want string) {
			t.Helper()
			if rankfile.ErrorCode(err) != want {
				t.Errorf("%s: %v; want %s", what, err, want)
			}
		}
		refused("during the event", w.answer(1, 4, 4, 4), rankfile.ECONFLICT)
		w.now = w.event.EndsAt
		if err := w.answer(1, 5, 4, 3); err != nil {
			t.Fatalf("an attendee as the event ends: %v", err)
		}
		refused("a second answer", w.answer(1, 1, 1, 1), rankfile.ECONFLICT)
		refused("someone not checked in", w.answer(9, 1, 1, 1), rankfile.EFORBIDDEN)
		refused("a score of 6", w.answer(2, 6, 1, 1), rankfile.EINVALID)
		long := &rankfile.FeedbackAnswer{EventID: w.event.ID, FormVersion: 1, Scores: []int{3, 3, 3},
			Text: strings.Repeat("é", rankfile.MaxFeedbackText+1)}
		refused("too long a text", w.feedback.SubmitFeedback(ctx, w.members[1], long), rankfile.EINVALID)
		w.now = w.event.FeedbackCloses().Add(-time.Second)
		if err := w.answer(2, 1, 2, 3); err != nil {
			t.Fatalf("a second before the window closes: %v", err)
		}
		w.now = w.event.FeedbackCloses()
		refused("as the window closes", w.answer(3, 1, 1, 1), rankfile.ECONFLICT)
		if got := w.stored(); got != 2 {
			t.Errorf("%d answers stored; want the 2 taken", got)
		}
		for n, want := range map[int]bool{1: true, 2: true, 3: false, 9: false} {
			if got, err := w.feedback.Answered(ctx, w.event.ID, w.members[n-1]); err != nil || got != want {
				t.Errorf("member %d answered: %v, %v; want %v", n, got, err, want)
			}
		}
		answers, err := w.feedback.FeedbackAnswers(ctx, []int64{w.event.ID})
		if err != nil || len(answers) != 2 || len(answers[0].Scores) != 3 {
			t.Errorf("answers %+v, %v", answers, err)
		}
	})
}

func TestTwoAnswersAtOnceByOneMemberStoreOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newFeedbackWorld(t, dsn)
		w.now = w.event.EndsAt.Add(time.Hour)
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Go(func() { errs[i] = w.answer(1+i%2, 4, 4, 4) })
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else if rankfile.ErrorCode(err) != rankfile.ECONFLICT {
				t.Errorf("a second answer at once: %v; want ECONFLICT", err)
			}
		}
		if ok != 2 || w.stored() != 2 {
			t.Errorf("two members answering four times each at once: %d taken, %d stored; want 2 and 2", ok, w.stored())
		}
	})
}

func TestFeedbackEmailsAreQueuedOnceAnEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newFeedbackWorld(t, dsn)
		other := *w.event
		other.ID, other.Kind, other.Title = 0, rankfile.EventSocial, "Social"
		if err := store.NewEventService(w.db).CreateEvents(ctx, []*rankfile.Event{&other}, nil); err != nil {
			t.Fatal(err)
		}
		w.now = w.event.EndsAt.Add(time.Hour)
		from := w.now.Add(-rankfile.FeedbackWindow)
		var wg sync.WaitGroup
		queued := make([]int, 4)
		for i := range queued {
			wg.Go(func() {
				n, err := w.feedback.QueueFeedbackRequests(ctx, from, w.now)
				if err != nil {
					t.Errorf("queueing: %v", err)
				}
				queued[i] = n
			})
		}
		wg.Wait()
		if total := queued[0] + queued[1] + queued[2] + queued[3]; total != 8 {
			t.Errorf("four clocks at once queued %v; want 8 emails in all, one for each attendee", queued)
		}
		if err := w.feedback.SetFeedbackAsked(ctx, other.ID, true); err != nil {
			t.Fatal(err)
		}
		if n, err := w.feedback.QueueFeedbackRequests(ctx, from, w.now); err != nil || n != 0 {
			t.Errorf("a social its hosts asked feedback for, with nobody checked in: %d, %v; want 0", n, err)
		}
	})
}

func TestAFeedbackLinkNamesItsMemberAndEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newFeedbackWorld(t, dsn)
		token, err := w.feedback.FeedbackLink(ctx, w.event.ID, w.members[2])
		if err != nil {
			t.Fatal(err)
		}
		event, member, err := w.feedback.FindFeedbackLink(ctx, token)
		if err != nil || event != w.event.ID || member != w.members[2] {
			t.Errorf("link: event %d member %d, %v", event, member, err)
		}
		if _, _, err := w.feedback.FindFeedbackLink(ctx, token+"x"); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a changed link: %v; want ENOTFOUND", err)
		}
	})
}
