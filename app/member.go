package app

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
)

// Member returns what the actor may see of a member. A member the actor
// may not see is not found, so that nobody learns who is on the roster by
// trying ids. Seeing someone else's contact details is audited.
func (a *App) Member(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Member, rankfile.Visibility, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, rankfile.SeeNothing, err
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
	if err != nil {
		return nil, rankfile.SeeNothing, err
	}
	shown, v, err := a.visible(ctx, actor, m)
	switch {
	case err != nil:
		return nil, v, err
	case v == rankfile.SeeNothing:
		return nil, v, rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	case m.ID != actor.ID():
		err = a.Audit.Record(as(ctx, actor), rankfile.AuditViewContact, m.ID, "member page")
	}
	return shown, v, err
}

// wholeRecordOf returns member id, brief, when the actor sees the whole
// of their record: the member themselves, or a data steward of theirs
// (MemberVisibility); nil for anyone else. ENOTFOUND for an unknown member.
func (a *App) wholeRecordOf(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Member, error) {
	if actor.SignedIn() && actor.ID() == id {
		return actor.Member, nil
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id, Brief: true})
	if err != nil || actor.MemberVisibility(m, nil) < rankfile.SeeEverything {
		return nil, err
	}
	return m, nil
}

// Sensitive returns a member's sensitive fields, for the data stewards and
// the member themselves; the stewards' looks are audited.
func (a *App) Sensitive(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.MemberSensitive, error) {
	if err := actor.Require(actor.SignedIn() && (actor.Steward || actor.ID() == id)); err != nil {
		return nil, err
	}
	s, err := a.Members.FindMemberSensitive(ctx, id)
	if err != nil || actor.ID() == id {
		return s, err
	}
	return s, a.Audit.Record(as(ctx, actor), rankfile.AuditViewSensitive, id, "")
}

// SearchRoster searches the whole roster, for the data stewards, and
// returns the members found once the search is audited.
func (a *App) SearchRoster(ctx context.Context, actor *rankfile.Actor, f rankfile.MemberFilter) ([]*rankfile.Member, int, error) {
	var members []*rankfile.Member
	var total int
	err := a.ShowRoster(ctx, actor, f, func(m []*rankfile.Member, n int) error {
		members, total = m, n
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return members, total, nil
}

// ShowRoster searches the whole roster, for the data stewards, and calls
// prepare with what it found while the search is being audited: a page
// writes itself meanwhile, and may be sent once ShowRoster returns nil.
func (a *App) ShowRoster(ctx context.Context, actor *rankfile.Actor, f rankfile.MemberFilter, prepare func([]*rankfile.Member, int) error) error {
	if err := actor.Require(actor.CanSeeRoster()); err != nil {
		return err
	}
	f = actor.RosterFilter(f)
	members, total, err := a.Members.FindMembers(ctx, f)
	if err != nil {
		return err
	}
	return a.Audit.RecordWhile(as(ctx, actor), rankfile.AuditSearchRoster, 0,
		fmt.Sprintf("%s: %d of %d shown", describeFilter(f), len(members), total),
		func() error { return prepare(members, total) })
}

// ExportRoster returns every member matching the filter for a CSV export,
// for the data stewards; the export is audited before it is made.
func (a *App) ExportRoster(ctx context.Context, actor *rankfile.Actor, f rankfile.MemberFilter) ([]*rankfile.Member, error) {
	if err := actor.Require(actor.CanSeeRoster()); err != nil {
		return nil, err
	}
	f = actor.RosterFilter(f)
	f.Offset, f.Limit = 0, 0
	members, _, err := a.Members.FindMembers(ctx, f)
	if err != nil {
		return nil, err
	}
	return members, a.Audit.Record(as(ctx, actor), rankfile.AuditExportRoster, 0,
		fmt.Sprintf("%s: %d members", describeFilter(f), len(members)))
}

// describeFilter words a roster filter for the audit log.
func describeFilter(f rankfile.MemberFilter) string {
	s := "all members"
	if f.Standing != "" {
		s += ", standing " + string(f.Standing)
	}
	if f.BranchSlug != "" {
		s += ", branch " + f.BranchSlug
	}
	if f.Unassigned {
		s += ", unassigned"
	}
	if f.BodyID != 0 {
		s += fmt.Sprintf(", body %d", f.BodyID)
	}
	if f.ChapterID != 0 {
		s += fmt.Sprintf(", chapter %d", f.ChapterID)
	}
	if f.Search != "" {
		s += fmt.Sprintf(", search %q", f.Search)
	}
	return s
}

// SetPreferences records the actor's own choices.
func (a *App) SetPreferences(ctx context.Context, actor *rankfile.Actor, p rankfile.Preferences) error {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return err
	}
	return a.Members.SetPreferences(as(ctx, actor), actor.ID(), p)
}

// PersonalData is everything rankfile holds about a member.
type PersonalData struct {
	Member       *rankfile.Member          `json:"member"`
	Sensitive    *rankfile.MemberSensitive `json:"sensitive"`
	History      []*rankfile.MemberChange  `json:"history"`
	Positions    []*rankfile.Position      `json:"positions"`
	Roles        []string                  `json:"roles"`
	JoinRequests []*rankfile.JoinRequest   `json:"join_requests"`
	// Meetings are the meetings the member was checked into.
	Meetings []*rankfile.AttendedMeeting `json:"meetings_attended"`
	// Organizers are the member's assignments to organizers, newest first.
	Organizers []*rankfile.Assignment `json:"organizers"`
	// Conversations are the one-on-ones organizers logged with the
	// member, notes and all, newest first.
	Conversations []*rankfile.Conversation `json:"conversations_about_you"`
	// Views are the audit log's entries about the member: who saw their
	// details, and what was done to their record.
	Views []*rankfile.AuditEntry `json:"audit_entries_about_you"`
	// Training is the courses the member completed and their
	// qualifications.
	Training *TrainingRecord `json:"training"`
}

// MyData gathers everything held about the actor, for them to download.
func (a *App) MyData(ctx context.Context, actor *rankfile.Actor) (*PersonalData, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	id := actor.ID()
	d := &PersonalData{Member: actor.Member}
	var err error
	steps := []func() error{
		func() error { d.Sensitive, err = a.Members.FindMemberSensitive(ctx, id); return err },
		func() error { d.History, err = a.Members.MemberHistory(ctx, id); return err },
		func() error {
			d.Positions, err = a.Bodies.FindPositions(ctx, rankfile.PositionFilter{MemberID: id})
			return err
		},
		func() error { d.Roles, err = a.Auth.Roles(ctx, id); return err },
		func() error {
			d.JoinRequests, err = a.Bodies.FindJoinRequests(ctx, rankfile.JoinRequestFilter{MemberID: id})
			return err
		},
		func() error { d.Meetings, err = a.Meetings.MemberAttendance(ctx, id); return err },
		func() error {
			d.Organizers, err = a.OneOnOnes.FindAssignments(ctx, rankfile.AssignmentFilter{MemberID: id})
			return err
		},
		func() error { d.Conversations, err = a.OneOnOnes.FindConversations(ctx, id); return err },
		func() error { d.Training, err = a.TrainingRecord(ctx, actor, id); return err },
		func() error {
			d.Views, err = a.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{SubjectID: id})
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return d, a.Audit.Record(as(ctx, actor), rankfile.AuditDownloadOwnData, id, "")
}
