package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/live"
)

// A meeting's live state is what every member following it sees the same:
// attendance and quorum, and the vote under way with how many in each
// session have voted (never how), or the last vote's result. Phones and
// the projector page get it as Server-Sent Events; what is theirs alone
// (whether they voted, their session) they fetch when the vote changes.

// LiveState is a meeting's state as its live pages show it.
type LiveState struct {
	MeetingID int64          `json:"meeting_id"`
	Present   int            `json:"present"`
	Needed    int            `json:"needed"`
	Sessions  []*LiveSession `json:"sessions"`
	// Vote is the open vote, or else the last one closed; nil before any.
	Vote *LiveVote `json:"vote,omitempty"`
}

// LiveSession is a session's attendance, and how many of it have voted in
// the open vote, Room of them in the room (the count its hosts entered).
type LiveSession struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Present int    `json:"present"`
	Voted   int    `json:"voted"`
	Room    int    `json:"room"`
}

// Phones is how many of the session voted on their phones.
func (s *LiveSession) Phones() int { return s.Voted - s.Room }

// Unheard reports whether nothing has come in from the session in the
// open vote: no ballot and no count of the room.
func (s *LiveSession) Unheard() bool { return s.Voted == 0 }

// LiveVote is the vote a live page shows.
type LiveVote struct {
	ID       int64                `json:"id"`
	Status   rankfile.VoteStatus  `json:"status"`
	Question string               `json:"question"`
	Voted    int                  `json:"voted"`
	Result   *rankfile.VoteResult `json:"result,omitempty"`
}

// Phase names the vote the state shows and where it stands: a page whose
// phase differs has a ballot or result to fetch.
func (s *LiveState) Phase() string {
	if s.Vote == nil {
		return "none"
	}
	return strconv.FormatInt(s.Vote.ID, 10) + ":" + string(s.Vote.Status)
}

// NewLive returns the hub that keeps meetings' live pages up to date,
// loading a meeting's state at most every interval.
func (a *App) NewLive(every time.Duration, logger *slog.Logger) *live.Hub {
	return live.New(func(ctx context.Context, meetingID int64) ([]byte, error) {
		s, err := a.liveState(ctx, meetingID)
		if err != nil {
			return nil, err
		}
		return json.Marshal(s)
	}, every, logger)
}

// FollowMeeting subscribes a member to a meeting's live state.
func (a *App) FollowMeeting(ctx context.Context, actor *rankfile.Actor, meetingID int64) (*live.Sub, error) {
	if _, err := a.findMeeting(ctx, actor, meetingID); err != nil {
		return nil, err
	}
	if a.Live == nil {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "live updates are off")
	}
	return a.Live.Subscribe(meetingID), nil
}

// liveState reads a meeting's live state.
func (a *App) liveState(ctx context.Context, meetingID int64) (*LiveState, error) {
	list, err := a.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{ID: meetingID})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	m := list[0]
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: m.BodyID})
	if err != nil {
		return nil, err
	}
	counts, err := a.Meetings.SessionCounts(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	votes, err := a.Votes.FindVotes(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	return a.stateOf(ctx, m, body, counts, votes)
}

// stateOf makes a meeting's live state from its body, its sessions'
// counts and its votes, read by the caller, which a meeting's page also
// shows.
func (a *App) stateOf(ctx context.Context, m *rankfile.Meeting, body *rankfile.Body, counts []rankfile.SessionCount,
	votes []*rankfile.MeetingVote) (*LiveState, error) {
	s := &LiveState{MeetingID: m.ID}
	bySession := map[int64]*LiveSession{}
	for i, c := range counts {
		ls := &LiveSession{ID: c.SessionID, Name: m.Sessions[i].Name, Present: c.Good}
		s.Sessions, bySession[c.SessionID] = append(s.Sessions, ls), ls
		s.Present += c.Good
	}
	var err error
	if s.Needed, err = a.quorum(ctx, m, body); err != nil || len(votes) == 0 {
		return s, err
	}
	v := votes[len(votes)-1]
	s.Vote = &LiveVote{ID: v.ID, Status: v.Status, Question: v.Question, Result: v.Result}
	if v.Status != rankfile.VoteOpen {
		return s, nil
	}
	progress, err := a.Votes.VoteProgress(ctx, v.ID)
	for _, p := range progress {
		if ls := bySession[p.SessionID]; ls != nil {
			ls.Voted, ls.Room = p.Voted, p.Room
		}
		s.Vote.Voted += p.Voted
	}
	return s, err
}

// quorum is how many members in good standing the meeting of body needs.
func (a *App) quorum(ctx context.Context, m *rankfile.Meeting, body *rankfile.Body) (int, error) {
	electorate := rankfile.ElectorateFilter(body, a.Today())
	electorate.Limit = 1 // only the count is wanted
	_, members, err := a.Members.FindMembers(ctx, electorate)
	return m.Quorum.Needed(members), err
}
