package store_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// newPhonebank makes a campaign of n targets with phones and a phonebank
// calling them in batches of batch, with callers "1" to "4".
func newPhonebank(t *testing.T, db *store.DB, n, batch int) (*store.PhonebankService, *rankfile.Phonebank, map[string]*rankfile.Member) {
	t.Helper()
	s, c := newCampaign(t, db)
	members := map[string]*rankfile.Member{}
	for _, id := range []string{"1", "2", "3", "4"} {
		members[id] = member(t, db, id) // made by newCampaign
	}
	var list strings.Builder
	list.WriteString(voterHeader)
	for i := range n {
		fmt.Fprintf(&list, "V%d,Voter,Number%d,(213) 555-%04d,,%d Main St,90026,,\n", i, i, 1000+i, 100+2*i)
	}
	if _, err := s.ImportTargets(ctx, c.ID, "voters", voterList, readList(t, list.String())); err != nil {
		t.Fatal(err)
	}
	targets, err := s.Targets(ctx, c.ID)
	if err != nil || len(targets) != n {
		t.Fatalf("%d targets, %v", len(targets), err)
	}
	var calls []*rankfile.Call
	for _, tg := range targets {
		calls = append(calls, &rankfile.Call{TargetID: tg.ID, Name: tg.FirstName + " " + tg.LastName, Phone: tg.Phone})
	}
	pb := store.NewPhonebankService(db)
	p := &rankfile.Phonebank{BodyID: c.BodyID, CampaignID: c.ID, Name: "Yes on H calls", Source: rankfile.PhonebankTargets,
		BatchSize: batch}
	if err := pb.CreatePhonebank(ctx, p, calls); err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		if err := pb.AddCaller(ctx, p.ID, m.ID); err != nil {
			t.Fatal(err)
		}
	}
	return pb, p, members
}

// TestNoCallGoesToTwoCallers has four callers ask for batches at once, on
// both databases: every call is handed to one of them, a caller asking
// again keeps the batch she holds, and a hold that runs out lets the calls
// go to someone else.
func TestNoCallGoesToTwoCallers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		pb, p, members := newPhonebank(t, db, 35, 10)
		got := map[string][]*rankfile.Call{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for key, m := range members {
			wg.Go(func() {
				calls, err := pb.ClaimCalls(ctx, p.ID, m.ID)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				got[key] = calls
				mu.Unlock()
			})
		}
		wg.Wait()
		seen := map[int64]string{}
		for key, calls := range got {
			for _, c := range calls {
				if other, ok := seen[c.ID]; ok {
					t.Fatalf("call %d went to callers %s and %s", c.ID, other, key)
				}
				seen[c.ID] = key
			}
		}
		if len(seen) != 35 {
			t.Fatalf("%d calls handed out, want all 35 (batches of 10 for 4 callers)", len(seen))
		}
		again, err := pb.ClaimCalls(ctx, p.ID, members["1"].ID)
		if err != nil || !slices.EqualFunc(again, got["1"], func(a, b *rankfile.Call) bool { return a.ID == b.ID }) {
			t.Errorf("asking again: %d calls, %v; want the same %d", len(again), err, len(got["1"]))
		}
		if prog, _ := pb.PhonebankProgress(ctx, p.ID); prog.Calls != 35 || prog.Claimed != 35 || prog.Callers != 4 {
			t.Errorf("progress %+v", prog)
		}
		later := db.Now().Add(rankfile.CallHold + time.Minute)
		db.Now = func() time.Time { return later }
		if held, _ := pb.HeldCalls(ctx, p.ID, members["1"].ID); len(held) != 0 {
			t.Errorf("%d calls still held after the hold ran out", len(held))
		}
		taken, err := pb.ClaimCalls(ctx, p.ID, members["2"].ID)
		if err != nil || len(taken) != 10 {
			t.Errorf("after the hold: %d calls, %v; want a batch of 10", len(taken), err)
		}
	})
}

// TestACallMovesItsLineOn records calls and checks where each line goes:
// an unanswered call comes back after its retry and is done after the last
// try, a call-back waits for its time, a conversation is done, and someone
// asking not to be called puts their number on the do-not-contact list
// and is not handed out again from any list.
func TestACallMovesItsLineOn(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		pb, p, members := newPhonebank(t, db, 4, 4)
		caller := members["1"].ID
		calls, err := pb.ClaimCalls(ctx, p.ID, caller)
		if err != nil || len(calls) != 4 {
			t.Fatal(len(calls), err)
		}
		now := db.Now()
		record := func(c *rankfile.Call, result rankfile.AttemptResult, id string, callBack time.Time) {
			t.Helper()
			a := &rankfile.Attempt{ClientID: id, CallID: c.ID, ByMemberID: caller, Channel: rankfile.ChannelPhone,
				Result: result, At: now, CallBackAt: callBack}
			if _, err := store.NewAttemptService(db).RecordAttempts(ctx, []*rankfile.Attempt{a}); err != nil {
				t.Fatal(err)
			}
			if a.CampaignID != p.CampaignID || a.TargetID != c.TargetID || a.HouseholdID == 0 {
				t.Errorf("the call's attempt was not filled from its line: %+v", a)
			}
		}
		record(calls[0], rankfile.ResultNotHome, "call-0-try-1", time.Time{})
		record(calls[1], rankfile.ResultCallBack, "call-1-back", now.Add(2*time.Hour))
		record(calls[2], rankfile.ResultContact, "call-2-talked", time.Time{})
		record(calls[3], rankfile.ResultDoNotContact, "call-3-no", time.Time{})
		record(calls[3], rankfile.ResultDoNotContact, "call-3-no", time.Time{}) // sent twice: stored once
		if held, _ := pb.HeldCalls(ctx, p.ID, caller); len(held) != 0 {
			t.Errorf("%d calls held after all were made", len(held))
		}
		if again, _ := pb.ClaimCalls(ctx, p.ID, caller); len(again) != 0 {
			t.Errorf("%d calls handed before any was due", len(again))
		}
		at := func(d time.Duration) []*rankfile.Call {
			t.Helper()
			moved := now.Add(d)
			db.Now = func() time.Time { return moved }
			got, err := pb.ClaimCalls(ctx, p.ID, caller)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		if due := at(3 * time.Hour); len(due) != 1 || due[0].ID != calls[1].ID {
			t.Errorf("after 3 hours, due: %+v; want only the call-back", due)
		}
		record(calls[1], rankfile.ResultContact, "call-1-talked", time.Time{})
		if due := at(5 * time.Hour); len(due) != 1 || due[0].ID != calls[0].ID || due[0].Tries != 1 {
			t.Errorf("after 5 hours, due: %+v; want the unanswered call's retry", due)
		}
		line, _ := pb.FindCall(ctx, calls[3].ID)
		if !line.Done || line.LastResult != rankfile.ResultDoNotContact || line.Tries != 1 || line.ClaimedBy != caller {
			t.Errorf("the do-not-contact line: %+v", line)
		}
		s := store.NewCampaignService(db)
		again, err := s.ImportTargets(ctx, p.CampaignID, "more", voterList, readList(t, voterHeader+
			"W1,Someone,Else,"+calls[3].Phone+",,900 Main St,90026,,\n"))
		if err != nil || again.Skipped != 1 {
			t.Errorf("the number asking not to be called was imported again: %+v, %v", again, err)
		}
		members2, targets, err := pb.CalledSince(ctx, now.Add(-time.Minute))
		if err != nil || len(targets) != 4 || len(members2) != 0 {
			t.Errorf("called since: %v %v %v", members2, targets, err)
		}
	})
}
