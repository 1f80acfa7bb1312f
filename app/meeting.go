package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Meetings: called by a body's leaders, held in one session or one a
// branch, attended by members checked in by a session's hosts or by
// themselves with the session's code.

// MeetingPage is a meeting as one member sees it.
type MeetingPage struct {
	Meeting *rankfile.Meeting       `json:"meeting"`
	Body    *rankfile.Body          `json:"body"`
	Counts  []rankfile.SessionCount `json:"counts"`
	// Present is how many members in good standing are checked in across
	// all sessions; Needed is the quorum.
	Present int `json:"present"`
	Needed  int `json:"needed"`
	// MySession is the session the reader is checked into, or nil.
	MySession *rankfile.MeetingSession `json:"my_session"`
	// Hosting lists the sessions the reader checks members into.
	Hosting []*rankfile.MeetingSession `json:"hosting"`
	// Live is the live state the page starts from.
	Live *LiveState `json:"-"`
	// Votes are the meeting's votes in the order they opened; Open is the
	// one open, if any, and Voted whether the reader has voted in it.
	Votes []*rankfile.MeetingVote `json:"votes"`
	Open  *rankfile.MeetingVote   `json:"open"`
	Voted bool                    `json:"voted"`
	// CanVote is whether the reader may vote: checked in and in good
	// standing.
	CanVote bool `json:"can_vote"`
	// CanChair and CanWriteMinutes are what the reader may do here.
	CanChair        bool `json:"can_chair"`
	CanWriteMinutes bool `json:"can_write_minutes"`
	// CanManage is whether the reader may change the meeting, its agenda,
	// or call it off: the body's leaders.
	CanManage bool `json:"can_manage"`
}

// Quorate reports whether enough members are present to decide.
func (p *MeetingPage) Quorate() bool { return p.Present >= p.Needed }

// BranchSessions makes one session for each branch of the chapter, for a
// branched meeting.
func (a *App) BranchSessions(ctx context.Context) ([]*rankfile.MeetingSession, error) {
	branches, err := a.Bodies.FindBodies(ctx, rankfile.BodyFilter{Kind: rankfile.KindBranch})
	if err != nil {
		return nil, err
	}
	var out []*rankfile.MeetingSession
	for _, b := range branches {
		out = append(out, &rankfile.MeetingSession{Name: b.Name, BranchID: b.ID})
	}
	return out, nil
}

// CreateMeeting calls a meeting, by a leader of its body. The qualified
// proposals on its agenda are scheduled for it in the meeting's own
// transaction: a meeting is called with its whole agenda, or not at all.
func (a *App) CreateMeeting(ctx context.Context, actor *rankfile.Actor, m *rankfile.Meeting) error {
	if err := actor.Require(actor.CanCallMeeting(m.BodyID)); err != nil {
		return err
	}
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: m.BodyID})
	if err != nil {
		return err
	}
	if err := body.CheckActive(); err != nil {
		return err
	}
	if err := a.checkSessionPeople(ctx, body, m); err != nil {
		return err
	}
	for _, item := range m.Agenda {
		if _, err := a.agendaProposal(ctx, m, item); err != nil {
			return err
		}
	}
	return a.Meetings.CreateMeeting(as(ctx, actor), m, scheduleStep(m))
}

// scheduleStep is the step that puts a proposal on the meeting's agenda;
// its note names the meeting, as the proposal's history shows it in each
// reader's language.
func scheduleStep(m *rankfile.Meeting) *rankfile.ProposalStep {
	return rankfile.NewProposalStep(rankfile.ProposalQualified, rankfile.ProposalScheduled, meetingNote("proposal.note.scheduled", m))
}

// meetingNote is a note of a proposal's history that names a meeting: its
// title and when it starts.
func meetingNote(id string, m *rankfile.Meeting) string {
	return rankfile.NoteMessage(id, "Meeting", m.Title, "At", m.StartsAt)
}

// agendaProposal returns the proposal an agenda item names, or nil for
// an item of another kind, refusing one that is not qualified or that
// another body decides.
func (a *App) agendaProposal(ctx context.Context, m *rankfile.Meeting, item *rankfile.AgendaItem) (*rankfile.Proposal, error) {
	if item.Kind != rankfile.AgendaProposal {
		return nil, nil
	}
	list, err := a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{ID: item.ProposalID, NoCounts: true})
	if err != nil {
		return nil, err
	}
	switch {
	case len(list) == 0:
		return nil, rankfile.Errorf(rankfile.EINVALID, "agenda item %d names no proposal", item.Position)
	case list[0].BodyID != m.BodyID:
		return nil, rankfile.Errorf(rankfile.EINVALID, "%q is for another body to decide", list[0].Title)
	case list[0].Status != rankfile.ProposalQualified:
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "%q is %s: only a qualified proposal goes on an agenda", list[0].Title, list[0].Status)
	}
	return list[0], nil
}

// checkSessionPeople refuses a chair or secretary who is not a member of
// the meeting's body: they run its members' meeting.
func (a *App) checkSessionPeople(ctx context.Context, body *rankfile.Body, m *rankfile.Meeting) error {
	for i, s := range m.Sessions {
		for _, p := range []struct {
			field string
			id    int64
		}{{"chair", s.ChairID}, {"secretary", s.SecretaryID}} {
			if p.id == 0 {
				continue
			}
			if ok, err := a.inBody(ctx, body, p.id); err != nil || !ok {
				if err == nil {
					err = rankfile.FieldErrorf(rankfile.SessionField(i, p.field), rankfile.EINVALID,
						"a session's chair and secretary are members of %s", body.Name)
				}
				return err
			}
		}
	}
	return nil
}

// findMeeting returns a meeting, for members.
func (a *App) findMeeting(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Meeting, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	list, err := a.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such meeting")
	}
	return list[0], nil
}

// Meeting returns a meeting's page for the actor: session codes only for
// the sessions they host, minutes only once approved unless they write
// or chair them.
func (a *App) Meeting(ctx context.Context, actor *rankfile.Actor, id int64) (*MeetingPage, error) {
	m, err := a.findMeeting(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	p := &MeetingPage{Meeting: m, CanChair: actor.CanChairMeeting(m), CanWriteMinutes: actor.CanWriteMinutes(m),
		CanManage: actor.CanCallMeeting(m.BodyID) && !m.Cancelled()}
	if p.Body, err = a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: m.BodyID}); err != nil {
		return nil, err
	}
	if p.Counts, err = a.Meetings.SessionCounts(ctx, id); err != nil {
		return nil, err
	}
	if p.Votes, err = a.Votes.FindVotes(ctx, id); err != nil {
		return nil, err
	}
	if p.Live, err = a.stateOf(ctx, m, p.Body, p.Counts, p.Votes); err != nil {
		return nil, err
	}
	p.Present, p.Needed = p.Live.Present, p.Live.Needed
	if err := a.readerInMeeting(ctx, actor, p); err != nil {
		return nil, err
	}
	p.Hosting = hostedSessions(actor, m)
	if m.Minutes.ApprovedAt.IsZero() && !p.CanWriteMinutes && !p.CanChair {
		m.Minutes.Text = ""
	}
	return p, nil
}

// readerInMeeting fills in the reader's session and their part in the
// open vote, of the votes p holds.
func (a *App) readerInMeeting(ctx context.Context, actor *rankfile.Actor, p *MeetingPage) error {
	at, err := a.Meetings.Attendee(ctx, p.Meeting.ID, actor.ID())
	if err != nil {
		return err
	}
	if at != nil {
		p.MySession, p.CanVote = p.Meeting.Session(at.SessionID), at.Good
	}
	if n := len(p.Votes); n > 0 && p.Votes[n-1].Status == rankfile.VoteOpen {
		p.Open = p.Votes[n-1]
		p.Voted, err = a.Votes.HasVoted(ctx, p.Open.ID, actor.ID())
	}
	return err
}

// ListMeetings lists meetings in the order they start, for members.
func (a *App) ListMeetings(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.Meeting, error) {
	return a.listMeetings(ctx, actor, rankfile.MeetingFilter{})
}

// listMeetings lists the meetings of filter f, as ListMeetings does.
func (a *App) listMeetings(ctx context.Context, actor *rankfile.Actor, f rankfile.MeetingFilter) ([]*rankfile.Meeting, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	list, err := a.Meetings.FindMeetings(ctx, f)
	for _, m := range list {
		hostedSessions(actor, m)
	}
	return list, err
}

// hostedSessions returns the sessions of m the actor hosts, and blanks
// the codes of the others: a code is for the room it is read out in.
func hostedSessions(actor *rankfile.Actor, m *rankfile.Meeting) []*rankfile.MeetingSession {
	var hosted []*rankfile.MeetingSession
	for _, s := range m.Sessions {
		if actor.CanHostSession(m, s) {
			hosted = append(hosted, s)
		} else {
			s.Code = ""
		}
	}
	return hosted
}
