package app

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
)

// Now is something open to the member now, on her home page: what it is (a
// message of the catalogs with its arguments), where to do it, and its
// deadline or start, if it has one.
type Now struct {
	Message string
	Args    []any
	Link    string
	// When is the deadline or the start; zero when there is none.
	When time.Time
	// WhenMessage says what When is ("closes {{.When}}", "starts …").
	WhenMessage string
	// rank orders the kinds of things by urgency.
	rank int
}

// How urgent each kind of thing is, most urgent first: dues come first,
// since without them she cannot vote or sign; a vote is lost
// when it closes, a meeting today is today, a petition needs its
// signatures by its deadline, an event one registered for comes when it
// comes, and minutes keep.
const (
	nowDues = iota
	nowVote
	nowMeeting
	nowSign
	nowEvent
	nowMinutes
)

// How far the home page looks for events ahead, and for minutes back.
const (
	nowEventsAhead  = 14 * 24 * time.Hour
	nowMinutesSince = 30 * 24 * time.Hour
)

// now gathers what is open to the member now, most urgent first, and
// within a kind what comes or closes soonest first (minutes: newest).
func (a *App) now(ctx context.Context, actor *rankfile.Actor, h *Home) ([]Now, error) {
	out := nowDuesOwed(h)
	for _, gather := range []func(context.Context, *rankfile.Actor) ([]Now, error){
		a.nowVotes, a.nowMeetings, a.nowPetitions, a.nowEvents,
	} {
		items, err := gather(ctx, actor)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
	}
	slices.SortStableFunc(out, func(x, y Now) int {
		if x.rank != y.rank {
			return x.rank - y.rank
		}
		if x.rank == nowMinutes {
			return y.When.Compare(x.When)
		}
		return x.When.Compare(y.When)
	})
	return out, nil
}

// renewalWarning is how early a member hears that their membership runs out.
const renewalWarning = 30

// nowDuesOwed tells a lapsed member, one behind on dues and one whose
// membership runs out within a month to renew, linking to where they do.
func nowDuesOwed(h *Home) []Now {
	n := Now{Link: h.RenewURL, rank: nowDues}
	switch {
	case h.Standing == rankfile.StandingLapsed:
		n.Message = "home.next.lapsed"
	case h.Standing == rankfile.StandingMember:
		n.Message = "home.next.dues"
	case !h.Member.Xdate.IsZero() && h.Member.Xdate.Before(h.Today.AddDays(renewalWarning)):
		n.Message, n.Args = "home.next.renew", []any{"Date", h.Member.Xdate}
	default:
		return nil
	}
	return []Now{n}
}

// nowVotes lists the elections open for voting whose roll the member is
// on and in which she has not voted yet.
func (a *App) nowVotes(ctx context.Context, actor *rankfile.Actor) ([]Now, error) {
	open, err := a.listElections(ctx, rankfile.ElectionVoting, true)
	if err != nil {
		return nil, err
	}
	var out []Now
	for _, e := range open {
		entry, err := a.MyVote(ctx, actor, e.ID)
		if err != nil {
			return nil, err
		}
		if entry.OnRoll && !entry.Voted {
			out = append(out, Now{Message: "home.now.vote", Args: []any{"Title", e.Title},
				Link: "/elections/" + strconv.FormatInt(e.ID, 10), When: e.VotingClose, WhenMessage: "home.now.closes", rank: nowVote})
		}
	}
	return out, nil
}

// nowMeetings lists the meetings of the member's bodies held today that
// she has not checked in to, and those whose minutes were approved lately.
func (a *App) nowMeetings(ctx context.Context, actor *rankfile.Actor) ([]Now, error) {
	list, err := a.listMeetings(ctx, actor, rankfile.MeetingFilter{
		StartsFrom: a.Today().Time(a.Zone), MinutesFrom: a.Now().Add(-nowMinutesSince)})
	if err != nil {
		return nil, err
	}
	attended, err := a.MeetingsAttended(ctx, actor, actor.ID())
	if err != nil {
		return nil, err
	}
	var out []Now
	for _, m := range list {
		today, minutes := a.meetingToday(m), a.minutesNew(m)
		if !today && !minutes {
			continue
		}
		if err := a.checkAttendee(ctx, m, actor.ID()); rankfile.ErrorCode(err) == rankfile.EFORBIDDEN {
			continue // a meeting of a body she is not in
		} else if err != nil {
			return nil, err
		}
		link := "/meetings/" + strconv.FormatInt(m.ID, 10)
		if today && !slices.ContainsFunc(attended, func(x *rankfile.AttendedMeeting) bool { return x.MeetingID == m.ID }) {
			out = append(out, Now{Message: "home.now.meeting", Args: []any{"Title", m.Title}, Link: link,
				When: m.StartsAt, WhenMessage: "home.now.starts", rank: nowMeeting})
		}
		if minutes {
			out = append(out, Now{Message: "home.now.minutes", Args: []any{"Title", m.Title}, Link: link + "#minutes",
				When: m.Minutes.ApprovedAt, WhenMessage: "home.now.approved", rank: nowMinutes})
		}
	}
	return out, nil
}

// meetingToday reports whether a meeting is held on the chapter's today.
func (a *App) meetingToday(m *rankfile.Meeting) bool {
	return rankfile.DateOf(m.StartsAt.In(a.Zone)) == a.Today()
}

// minutesNew reports whether a meeting's minutes were approved lately.
func (a *App) minutesNew(m *rankfile.Meeting) bool {
	at := m.Minutes.ApprovedAt
	return !at.IsZero() && a.Now().Sub(at) < nowMinutesSince
}

// nowPetitions lists the proposals collecting signatures in the member's
// bodies (or the chapter's, which are every member's) that she may sign
// and has not.
func (a *App) nowPetitions(ctx context.Context, actor *rankfile.Actor) ([]Now, error) {
	if !actor.CanSign(a.Today()) {
		return nil, nil
	}
	// The home shows no counts, and counting signers in good standing is
	// the dearest part of reading petitions.
	list, err := a.listProposals(ctx, actor, rankfile.ProposalFilter{Status: rankfile.ProposalCollecting, NoCounts: true})
	if err != nil {
		return nil, err
	}
	var out []Now
	mine := map[int64]bool{} // by body: petitions of one body are many
	for _, p := range list {
		in, known := mine[p.BodyID]
		if !known {
			if in, err = a.bodyIsMine(ctx, actor, p.BodyID); err != nil {
				return nil, err
			}
			mine[p.BodyID] = in
		}
		if !in {
			continue
		}
		signed, err := a.Proposals.Signed(ctx, p.ID, actor.ID())
		if err != nil {
			return nil, err
		}
		if !signed {
			out = append(out, Now{Message: "home.now.sign", Args: []any{"Title", p.Title},
				Link: "/proposals/" + strconv.FormatInt(p.ID, 10), When: p.Deadline, WhenMessage: "home.now.closes", rank: nowSign})
		}
	}
	return out, nil
}

// bodyIsMine reports whether the member is in a body today, by the rule
// meetings check attendees by (inBody).
func (a *App) bodyIsMine(ctx context.Context, actor *rankfile.Actor, id int64) (bool, error) {
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: id})
	if err != nil {
		return false, err
	}
	return a.inBody(ctx, b, actor.ID())
}

// nowEvents lists the events the member registered for in the coming two
// weeks.
func (a *App) nowEvents(ctx context.Context, actor *rankfile.Actor) ([]Now, error) {
	now := a.Now()
	views, err := a.MyEvents(ctx, actor, rankfile.EventFilter{From: now, To: now.Add(nowEventsAhead), Scheduled: true})
	if err != nil {
		return nil, err
	}
	var out []Now
	for _, v := range views {
		msg := "home.now.event"
		if v.Mine != nil && v.Mine.Status == rankfile.Waitlisted {
			msg = "home.now.event.waitlisted"
		}
		out = append(out, Now{Message: msg, Args: []any{"Title", v.Event.Title},
			Link: "/events/" + strconv.FormatInt(v.Event.ID, 10), When: v.Event.StartsAt, WhenMessage: "home.now.starts", rank: nowEvent})
	}
	return out, nil
}
