package app

import (
	"context"
	"fmt"
	"time"

	"github.com/rankfile/rankfile"
)

// Vetting: the cycle's body keeps notes and research on a candidate, each
// read only by its author and the body's leaders (as notes of one-on-ones
// are), and interviews the candidate at events of its own.

// EndorsementVettingView is a candidate's vetting page.
type EndorsementVettingView struct {
	*EndorsementCandidateView
	// Notes are the notes the reader may read, oldest first; Withheld
	// counts the others, written by other members of the body.
	Notes    []*rankfile.EndorsementNote
	Withheld int
	// Interviews are the candidate's interviews, soonest first.
	Interviews []*rankfile.EndorsementInterview
}

// vetCandidate returns a candidate the actor takes part in vetting.
func (a *App) vetCandidate(ctx context.Context, actor *rankfile.Actor, candidateID int64) (*EndorsementCandidateView, error) {
	v, err := a.EndorsementCandidate(ctx, actor, candidateID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(v.CanVet); err != nil {
		return nil, err
	}
	return v, nil
}

// EndorsementVetting returns a candidate's notes and interviews, for those
// who vet: each note only to its author and the body's leaders.
func (a *App) EndorsementVetting(ctx context.Context, actor *rankfile.Actor, candidateID int64) (*EndorsementVettingView, error) {
	v, err := a.vetCandidate(ctx, actor, candidateID)
	if err != nil {
		return nil, err
	}
	out := &EndorsementVettingView{EndorsementCandidateView: v, Notes: []*rankfile.EndorsementNote{}}
	notes, err := a.Endorsements.Notes(ctx, candidateID)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		if actor.CanReadEndorsementNote(n, v.Cycle.BodyID) {
			out.Notes = append(out.Notes, n)
		} else {
			out.Withheld++
		}
	}
	if out.Interviews, err = a.Endorsements.Interviews(ctx, candidateID); err != nil {
		return nil, err
	}
	return out, nil
}

// AddEndorsementNote stores a note the actor writes on a candidate they
// vet.
func (a *App) AddEndorsementNote(ctx context.Context, actor *rankfile.Actor, n *rankfile.EndorsementNote) error {
	if _, err := a.vetCandidate(ctx, actor, n.CandidateID); err != nil {
		return err
	}
	n.AuthorID = actor.ID()
	return a.Endorsements.AddNote(as(ctx, actor), n)
}

// interviewLength is how long an interview is put on the calendar for
// when the form gives no end.
const interviewLength = time.Hour

// ScheduleInterview puts an interview of the candidate on the calendar: an
// event of the cycle's body, a meeting for its members, titled "Interview:
// NAME", made as any event of the body is (by its leaders), and linked to
// the candidate. e gives the time and the place or link.
func (a *App) ScheduleInterview(ctx context.Context, actor *rankfile.Actor, candidateID int64, e *rankfile.Event) (*rankfile.Event, error) {
	v, err := a.vetCandidate(ctx, actor, candidateID)
	if err != nil {
		return nil, err
	}
	if v.Candidate.Withdrawn() {
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "%s left the race: there is nobody to interview", v.Candidate.Name)
	}
	e.BodyID, e.Kind, e.Audience, e.Registration = v.Cycle.BodyID, rankfile.EventMeeting, rankfile.AudienceBody, false
	e.Title = fmt.Sprintf("Interview: %s", v.Candidate.Name)
	if e.EndsAt.IsZero() && !e.StartsAt.IsZero() {
		e.EndsAt = e.StartsAt.Add(interviewLength)
	}
	events, err := a.CreateEvent(ctx, actor, e, nil)
	if err != nil {
		return nil, err
	}
	if err := a.Endorsements.AddInterview(as(ctx, actor), candidateID, events[0].ID); err != nil {
		return nil, err
	}
	return events[0], nil
}
