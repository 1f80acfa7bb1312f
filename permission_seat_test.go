package rankfile_test

import (
	"testing"

	"github.com/rankfile/rankfile"
)

// TestWhoAppointsAndWhoNamesRoles reads the rules of permission.go for
// seats, committees' members and roles, actor by actor.
func TestWhoAppointsAndWhoNamesRoles(t *testing.T) {
	branch := &rankfile.Body{ID: 1, Kind: rankfile.KindBranch}
	committee := &rankfile.Body{ID: 3, Kind: rankfile.KindCommittee}
	caucus := &rankfile.Body{ID: 4, Kind: rankfile.KindCaucus}
	coordinators := &rankfile.Seat{ID: 10, BodyID: 1, FilledBy: rankfile.FilledByElection, ElectorateBodyID: 1}
	captains := &rankfile.Seat{ID: 20, BodyID: 2, FilledBy: rankfile.FilledByAppointment, AppointingSeatID: 10}
	coordinator := &rankfile.Actor{Member: &rankfile.Member{ID: 1}, Seats: []int64{10}, Leads: []*rankfile.Body{branch}}
	otherCoordinator := &rankfile.Actor{Member: &rankfile.Member{ID: 2}, Seats: []int64{11}}
	cochair := &rankfile.Actor{Member: &rankfile.Member{ID: 3}, Seats: []int64{30}, Leads: []*rankfile.Body{committee}}
	steward := &rankfile.Actor{Member: &rankfile.Member{ID: 4}, Steward: true}
	admin := &rankfile.Actor{Member: &rankfile.Member{ID: 5}, Admin: true}
	member := &rankfile.Actor{Member: &rankfile.Member{ID: 6}}
	for _, c := range []struct {
		what string
		got  bool
		want bool
	}{
		{"the co-coordinator appoints captains", coordinator.CanAppoint(captains), true},
		{"the co-coordinator appoints to their own elected seat", coordinator.CanAppoint(coordinators), false},
		{"another branch's co-coordinator appoints captains", otherCoordinator.CanAppoint(captains), false},
		{"a member appoints captains", member.CanAppoint(captains), false},
		{"nobody signed in appoints captains", rankfile.Anonymous.CanAppoint(captains), false},
		{"an admin appoints captains", admin.CanAppoint(captains), true},
		{"the co-chair manages their committee", cochair.CanManageMembers(committee), true},
		{"the co-chair manages a caucus", cochair.CanManageMembers(caucus), false},
		{"the co-coordinator manages their branch's members", coordinator.CanManageMembers(branch), false},
		{"an admin manages a committee", admin.CanManageMembers(committee), true},
		{"a steward names a steward", steward.CanGrantRole(rankfile.RoleSteward, 6), true},
		{"a steward names an admin", steward.CanGrantRole(rankfile.RoleAdmin, 6), false},
		{"a steward takes their own role", steward.CanGrantRole(rankfile.RoleSteward, 4), false},
		{"an admin names the communications team", admin.CanGrantRole(rankfile.RoleCommunications, 6), true},
		{"an admin names a steward", admin.CanGrantRole(rankfile.RoleSteward, 6), false},
		{"an admin names a role that is none", admin.CanGrantRole("wizard", 6), false},
		{"a steward overrides a standing", steward.CanOverrideStanding(), true},
		{"an admin overrides a standing", admin.CanOverrideStanding(), false},
		{"a steward records a member's branch", steward.CanPlaceMember(6), true},
		{"a steward records their own branch here", steward.CanPlaceMember(4), false},
		{"a co-coordinator records a member's branch", coordinator.CanPlaceMember(6), false},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
}

// TestATermEndsTheDayBeforeItsMonthsAreUp checks Seat.TermEnd.
func TestATermEndsTheDayBeforeItsMonthsAreUp(t *testing.T) {
	d := rankfile.MustParseDate
	for _, c := range []struct {
		months      int
		start, want string
	}{
		{12, "2025-03-15", "2026-03-14"},
		{12, "2026-01-01", "2026-12-31"},
		{6, "2026-07-01", "2026-12-31"},
		{0, "2026-07-01", ""},
	} {
		got := (&rankfile.Seat{TermMonths: c.months}).TermEnd(d(c.start))
		if got.String() != c.want && !(got.IsZero() && c.want == "") {
			t.Errorf("%d months from %s end %s, want %s", c.months, c.start, got, c.want)
		}
	}
}
