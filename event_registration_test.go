package rankfile_test

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile"
)

func TestAGuestsRegistrationLapsesAfterADayOrWhenTheEventEnds(t *testing.T) {
	now := time.Date(2026, 11, 2, 18, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		ends time.Time
		want time.Time
	}{
		{"a week ahead", now.Add(7 * 24 * time.Hour), now.Add(rankfile.GuestConfirmWithin)},
		{"ending in three hours", now.Add(3 * time.Hour), now.Add(3 * time.Hour)},
	} {
		e := &rankfile.Event{StartsAt: c.ends.Add(-2 * time.Hour), EndsAt: c.ends}
		got := rankfile.GuestExpiry(e, now)
		if !got.Equal(c.want) {
			t.Errorf("%s: lapses at %v, want %v", c.name, got, c.want)
		}
		reg := &rankfile.Registration{Status: rankfile.Unconfirmed, ExpiresAt: got}
		if reg.CheckConfirmable(got.Add(-time.Second)) != nil || rankfile.ErrorCode(reg.CheckConfirmable(got)) != rankfile.ECONFLICT {
			t.Errorf("%s: confirmable until %v and not from then", c.name, got)
		}
	}
	if seated := (&rankfile.Registration{Status: rankfile.Registered}); seated.Expired(now.Add(1000 * time.Hour)) {
		t.Errorf("a seat lapsed")
	}
}

func TestGuestEmailsAreRationed(t *testing.T) {
	for _, c := range []struct {
		lastDay, lately int
		want            bool
	}{{0, 0, true}, {2, 0, true}, {3, 0, false}, {1, 1, false}} {
		if got := rankfile.GuestEmailDue(c.lastDay, c.lately); got != c.want {
			t.Errorf("%d emails today, %d lately: due %v, want %v", c.lastDay, c.lately, got, c.want)
		}
	}
}
