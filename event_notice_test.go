package rankfile_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
)

// TestEveryEventChangeOwesItsNotices checks the one set of rules for the
// emails an event's change owes: which notice goes to whom, for each
// change a page, the API, a command or a guest can make.
func TestEveryEventChangeOwesItsNotices(t *testing.T) {
	reg := func(id int64, s rankfile.RegistrationStatus) *rankfile.Registration {
		return &rankfile.Registration{ID: id, EventID: 7, MemberID: id * 10, Status: s}
	}
	guest := &rankfile.Registration{ID: 9, EventID: 7, ContactID: 90, Status: rankfile.Unconfirmed}
	for _, c := range []struct {
		name   string
		change rankfile.EventChange
		want   []string
	}{
		{"a seat", rankfile.EventChange{Placed: []*rankfile.Registration{reg(1, rankfile.Registered)}}, []string{"registered 1 m10"}},
		{"a place in line", rankfile.EventChange{Placed: []*rankfile.Registration{reg(2, rankfile.Waitlisted)}}, []string{"waitlisted 2 m20"}},
		{"registering again", rankfile.EventChange{}, nil},
		{"a guest asking", rankfile.EventChange{Asked: guest, AskedLastDay: 2}, []string{"confirm 9 c90"}},
		{"a guest asking again soon", rankfile.EventChange{Asked: guest, AskedLately: 1}, nil},
		{"a guest's address asked too often", rankfile.EventChange{Asked: guest, AskedLastDay: rankfile.GuestEmailsPerDay}, nil},
		{"a seat freed", rankfile.EventChange{Promoted: []*rankfile.Registration{reg(3, rankfile.Registered)}}, []string{"promoted 3 m30"}},
		{"moved, with more seats", rankfile.EventChange{Moved: true,
			Registrants: []*rankfile.Registration{reg(1, rankfile.Registered), reg(3, rankfile.Waitlisted)},
			Promoted:    []*rankfile.Registration{reg(3, rankfile.Registered)}},
			[]string{"moved 1 m10", "moved 3 m30", "promoted 3 m30"}},
		{"more seats, not moved", rankfile.EventChange{Registrants: []*rankfile.Registration{reg(1, rankfile.Registered)},
			Promoted: []*rankfile.Registration{reg(3, rankfile.Registered)}}, []string{"promoted 3 m30"}},
		{"cancelled", rankfile.EventChange{Cancelled: true,
			Registrants: []*rankfile.Registration{reg(1, rankfile.Registered), {ID: 4, EventID: 7, ContactID: 40, Status: rankfile.Waitlisted}}},
			[]string{"cancelled 1 m10", "cancelled 4 c40"}},
	} {
		var got []string
		for _, n := range c.change.Notices() {
			if n.EventID != 7 {
				t.Errorf("%s: a notice about event %d, want 7", c.name, n.EventID)
			}
			to := fmt.Sprintf("m%d", n.MemberID)
			if n.ContactID != 0 {
				to = fmt.Sprintf("c%d", n.ContactID)
			}
			got = append(got, fmt.Sprintf("%s %d %s", n.Kind, n.RegistrationID, to))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: notices %v, want %v", c.name, got, c.want)
		}
	}
}
