package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store/storetest"
)

// phonebankRoster is a chapter's list for a renewal phonebank (the list is
// of 2026-11-01; the clock is 2026-11-02):
//   - 1 and 2 are in good standing (1 runs the phonebank, 2 calls);
//   - 3 lapsed in October, 4 lapsed in March;
//   - 5 lapsed in October but asked not to be called;
//   - 6 lapsed in October and has no phone.
const phonebankRoster = "actionkit_id,first_name,last_name,email,mobile_phone,mailing_zip,xdate,membership_status,do_not_call\n" +
	"1,Rosa,Organizer,rosa@example.org,(213) 555-0101,90026,2027-06-01,Member in Good Standing,\n" +
	"2,Cal,Caller,cal@example.org,(213) 555-0102,90026,2027-06-01,Member in Good Standing,\n" +
	"3,Lee,Lately,lee@example.org,(213) 555-0103,90026,2026-10-15,Lapsed,\n" +
	"4,Lon,Longago,lon@example.org,(213) 555-0104,90026,2026-03-01,Lapsed,\n" +
	"5,Nel,Nocalls,nel@example.org,(213) 555-0105,90026,2026-10-20,Lapsed,TRUE\n" +
	"6,Pat,Nophone,pat@example.org,,90026,2026-10-10,Lapsed,\n"

// TestARenewalPhonebankCallsWhomItsFilterChooses starts a phonebank over
// members who lapsed in the last 60 days: it calls the one who lapsed
// lately and has a phone and did not ask not to be called. Only its
// callers take calls and see numbers (a member who is not one gets
// EFORBIDDEN); the numbers a caller is shown are in the log of views; a
// call recorded by someone the call was not handed to is refused.
func TestARenewalPhonebankCallsWhomItsFilterChooses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		now := votingStart()
		db.Zone, db.Now = now.Location(), func() time.Time { return now }
		a := newApp(db)
		src, err := roster.NewReader(strings.NewReader(phonebankRoster))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Roster.ImportRoster(ctx, src, rankfile.ImportOptions{AsOf: rankfile.MustParseDate("2026-11-01")}); err != nil {
			t.Fatal(err)
		}
		chapter := &rankfile.Body{Kind: rankfile.KindChapter, Slug: "chapter", Name: "Test Chapter"}
		if err := a.Bodies.CreateBody(ctx, chapter); err != nil {
			t.Fatal(err)
		}
		actor := func(id string) *rankfile.Actor {
			m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{NationalID: id})
			if err != nil {
				t.Fatal(err)
			}
			return &rankfile.Actor{Member: m}
		}
		rosa, cal, lee := actor("1"), actor("2"), actor("3")
		rosa.Admin = true
		p := &rankfile.Phonebank{BodyID: chapter.ID, Name: "Renewals", Source: rankfile.PhonebankRoster,
			Filter: rankfile.CallFilter{Standing: rankfile.StandingLapsed, LapsedWithinDays: 60}}
		if err := a.CreatePhonebank(ctx, cal, p); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Fatalf("a member starts a phonebank: %v", err)
		}
		bad := *p
		bad.Filter.Stage = "no such stage"
		if err := a.CreatePhonebank(ctx, rosa, &bad); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a stage the ladder lacks: %v", err)
		}
		if err := a.CreatePhonebank(ctx, rosa, p); err != nil {
			t.Fatal(err)
		}
		if err := a.AddCaller(ctx, rosa, p.ID, cal.ID()); err != nil {
			t.Fatal(err)
		}
		if _, err := a.ClaimCalls(ctx, lee, p.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member not calling takes calls: %v", err)
		}
		if _, err := a.ClaimCalls(ctx, rosa, p.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("the organizer, not a caller, takes calls: %v", err)
		}
		calls, err := a.ClaimCalls(ctx, cal, p.ID)
		if err != nil || len(calls) != 1 || calls[0].MemberID != lee.ID() || calls[0].Phone != "+12135550103" {
			t.Fatalf("the renewal list: %+v, %v; want Lee alone", calls, err)
		}
		checkCallsShownAreLogged(t, a, cal, p.ID)
		call := &rankfile.Attempt{ClientID: "renewal-call-1", CallID: calls[0].ID, Result: rankfile.ResultContact,
			Volunteer: true, At: now}
		if _, err := a.RecordCalls(ctx, rosa, p.ID, []*rankfile.Attempt{call}); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("someone else records the call: %v", err)
		}
		if _, err := a.RecordCalls(ctx, cal, p.ID, []*rankfile.Attempt{call}); err != nil {
			t.Fatal(err)
		}
		if repeats, err := a.RecordCalls(ctx, cal, p.ID, []*rankfile.Attempt{call}); err != nil || repeats != 1 {
			t.Errorf("the call sent again: %d repeats, %v", repeats, err)
		}
		if call.MemberID != lee.ID() || call.ByMemberID != cal.ID() || call.CampaignID != 0 {
			t.Errorf("the call as stored: %+v", call)
		}
		again := &rankfile.Phonebank{BodyID: chapter.ID, Name: "Renewals again", Source: rankfile.PhonebankRoster,
			Filter: rankfile.CallFilter{Standing: rankfile.StandingLapsed, LapsedWithinDays: 60, NotCalledDays: 7}}
		if err := a.CreatePhonebank(ctx, rosa, again); err != nil {
			t.Fatal(err)
		}
		if v, err := a.Phonebank(ctx, rosa, again.ID); err != nil || v.Progress.Calls != 0 {
			t.Errorf("a list leaving out whoever was called this week: %+v, %v", v.Progress, err)
		}
	})
}

// checkCallsShownAreLogged opens the phonebank's page as its caller and
// checks the numbers it shows are in the log of views.
func checkCallsShownAreLogged(t *testing.T, a *app.App, caller *rankfile.Actor, id int64) {
	t.Helper()
	v, err := a.Phonebank(ctx, caller, id)
	if err != nil || !v.Calls || len(v.Held) != 1 {
		t.Fatalf("the caller's page: %+v, %v", v, err)
	}
	entries, err := a.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditViewContact})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.ActorID == caller.ID() && strings.Contains(e.Detail, "numbers of calls") {
			return
		}
	}
	t.Errorf("the numbers shown are not in the log of views: %+v", entries)
}

// phoneCampaign is a campaign of n targets with phones, one a household.
func phoneCampaign(t *testing.T, w *votingWorld, n int) *rankfile.Campaign {
	t.Helper()
	c := &rankfile.Campaign{BodyID: w.chapter.ID, Name: "Yes on H", Kind: rankfile.CampaignMeasure}
	if err := w.app.CreateCampaign(ctx, w.admin, c); err != nil {
		t.Fatal(err)
	}
	var list strings.Builder
	list.WriteString("Name,Phone,Address,Zip\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&list, "Voter %d,(213) 555-%04d,%d N Main St,90026\n", i, 2000+i, 1200+2*i)
	}
	m := rankfile.TargetMapping{"full_name": "Name", "phone": "Phone", "address": "Address", "zip": "Zip"}
	if _, bad, err := w.app.ImportTargets(ctx, w.admin, c.ID, "voters", m, strings.NewReader(list.String())); err != nil || bad != nil {
		t.Fatal(err, bad)
	}
	return c
}
