package rankfile_test

import (
	"testing"

	"github.com/rankfile/rankfile"
)

// member returns a member of branch 10 and group 20 in good standing who
// joined on joined, with the records given.
func member(id int64, joined rankfile.Date, dates map[string][]rankfile.Date) *rankfile.BenchmarkMember {
	return &rankfile.BenchmarkMember{ID: id, BranchID: 10, GroupID: 20, JoinDate: joined, Standing: rankfile.StandingGood,
		Activity: &rankfile.MemberActivity{Dates: dates}}
}

func TestANewMemberIsReachedByAOneOnOneWithinFourteenDays(t *testing.T) {
	ladder, _ := rankfile.ParseLadder(rankfile.DefaultLadder)
	joined := day(-30)
	members := []*rankfile.BenchmarkMember{
		member(1, joined, map[string][]rankfile.Date{"one_on_ones": {joined.AddDays(10)}}),
		member(2, joined, map[string][]rankfile.Date{"one_on_ones": {joined.AddDays(20)}, "events:orientation": {joined.AddDays(3)}}),
		member(3, day(-5), map[string][]rankfile.Date{"one_on_ones": {day(-4)}}), // too new to judge
	}
	got := ladder.Benchmarks(members, day(0), rankfile.Date{})
	for _, scope := range []int64{rankfile.ChapterScope, 10, 20} {
		b := got[scope]
		if b == nil || b.Members != 3 || b.NewMembers != 2 || b.NewReached != 1 || b.NewOriented != 1 || b.OneOnOneYear != 3 {
			t.Errorf("scope %d: %+v, want 3 members, 2 new, 1 reached, 1 oriented, 3 with a one-on-one this year", scope, b)
		}
	}
}

func TestBenchmarksCountMeetingsStagesAndMoves(t *testing.T) {
	ladder, _ := rankfile.ParseLadder(rankfile.DefaultLadder)
	up := member(1, day(-400), map[string][]rankfile.Date{"events": {day(0)}, "meetings": {day(-89)}})
	down := member(2, day(-400), map[string][]rankfile.Date{"events": {day(-180)}, "events:meeting": {day(-90)}})
	leader := member(3, day(-400), map[string][]rankfile.Date{})
	leader.SeatTerms = [][2]rankfile.Date{{day(-100), {}}}
	lapsed := member(4, day(-400), map[string][]rankfile.Date{"events": {day(0)}})
	lapsed.Standing = rankfile.StandingLapsed
	later := member(5, day(1), map[string][]rankfile.Date{"events": {day(1)}})
	got := ladder.Benchmarks([]*rankfile.BenchmarkMember{up, down, leader, lapsed, later}, day(0), day(-1))[rankfile.ChapterScope]
	want := map[string]int{"participant": 1, "leader": 1, rankfile.NoStage: 1}
	if got.Members != 3 || len(got.Stages) != 3 || got.Stages["participant"] != 1 || got.Stages["leader"] != 1 || got.Stages[rankfile.NoStage] != 1 {
		t.Errorf("stages %v of %d members, want %v of 3", got.Stages, got.Members, want)
	}
	if got.AtMeeting != 1 {
		t.Errorf("at a meeting in 90 days: %d, want 1 (89 days ago counts, 90 does not)", got.AtMeeting)
	}
	if got.MovedUp != 1 || got.MovedDown != 1 {
		t.Errorf("moves: %d up, %d down; want 1 and 1", got.MovedUp, got.MovedDown)
	}
	if none := ladder.Benchmarks([]*rankfile.BenchmarkMember{up}, day(0), rankfile.Date{})[0]; none.MovedUp != 0 {
		t.Errorf("the first snapshot counts %d moves, want none", none.MovedUp)
	}
}

func TestALaterRecordDoesNotCountOnAnEarlierDay(t *testing.T) {
	ladder, _ := rankfile.ParseLadder("trained: trainings >= 1")
	a := &rankfile.MemberActivity{Dates: map[string][]rankfile.Date{"trainings": {day(5)}}}
	if got := ladder.StageOf(a, day(0)); got != "" {
		t.Errorf("a training five days later: stage %q on the day, want none", got)
	}
	if got := ladder.StageOf(a, day(5)); got != "trained" {
		t.Errorf("on the training's day: stage %q, want trained", got)
	}
}

func TestWhoSeesWhichBenchmarks(t *testing.T) {
	central := &rankfile.Body{ID: 1, Kind: rankfile.KindBranch}
	westside := &rankfile.Body{ID: 2, Kind: rankfile.KindBranch}
	echoPark := &rankfile.Body{ID: 3, Kind: rankfile.KindNeighborhoodGroup, ParentID: 1}
	steering := &rankfile.Body{ID: 4, Kind: rankfile.KindSteeringCommittee}
	coordinator := &rankfile.Actor{Member: &rankfile.Member{ID: 1}, Leads: []*rankfile.Body{central}}
	captain := &rankfile.Actor{Member: &rankfile.Member{ID: 2}, Leads: []*rankfile.Body{echoPark}}
	officer := &rankfile.Actor{Member: &rankfile.Member{ID: 3}, Leads: []*rankfile.Body{steering}}
	steward := &rankfile.Actor{Member: &rankfile.Member{ID: 4}, Steward: true}
	member := &rankfile.Actor{Member: &rankfile.Member{ID: 5}}
	for _, c := range []struct {
		what      string
		got, want bool
	}{
		{"the steering committee sees the chapter's", officer.CanSeeBenchmarks(nil), true},
		{"the steering committee sees a branch's", officer.CanSeeBenchmarks(westside), true},
		{"a steward sees the chapter's", steward.CanSeeBenchmarks(nil), true},
		{"a co-coordinator sees her branch's", coordinator.CanSeeBenchmarks(central), true},
		{"a co-coordinator sees her branch's groups'", coordinator.CanSeeBenchmarks(echoPark), true},
		{"a co-coordinator sees another branch's", coordinator.CanSeeBenchmarks(westside), false},
		{"a co-coordinator sees the chapter's", coordinator.CanSeeBenchmarks(nil), false},
		{"a captain sees her group's", captain.CanSeeBenchmarks(echoPark), true},
		{"a captain sees her branch's", captain.CanSeeBenchmarks(central), false},
		{"a member sees her branch's", member.CanSeeBenchmarks(central), false},
		{"nobody signed in sees the chapter's", rankfile.Anonymous.CanSeeBenchmarks(nil), false},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
}
