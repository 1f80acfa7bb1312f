package rankfile

import (
	"slices"
	"time"
)

// Who may see and do what. Every page, API operation and command asks
// here; templates only show what a service already let through.

// Visibility is how much of a member's record a viewer may see.
type Visibility int

// Visibilities, each including the ones before.
const (
	SeeNothing    Visibility = iota
	SeeContact               // name, email, phones, branch, standing
	SeeEverything            // and addresses, sensitive fields, overrides, history
)

// MemberVisibility says how much of member m the actor may see, given the
// bodies m is in (their branch and the bodies they hold positions in):
// everything of themselves; everything for data stewards (a chapter's
// data stewards, for its members); name and contact for the leaders of a
// body m is in (a branch's co-coordinators for its members, a
// neighborhood group's captains for its members, a committee's co-chairs
// for its members). Nobody but the member and the
// stewards sees a street address. A member's organizer sees their contact
// too (PersonVisibility).
func (a *Actor) MemberVisibility(m *Member, memberBodies []int64) Visibility {
	switch {
	case !a.SignedIn() || m == nil:
		return SeeNothing
	case a.Member.ID == m.ID, a.Steward, a.StewardOf != 0 && a.StewardOf == m.ChapterID:
		return SeeEverything
	}
	for _, b := range memberBodies {
		if a.LeadsBody(b) {
			return SeeContact
		}
	}
	return SeeNothing
}

// PersonVisibility is MemberVisibility for a member whose organizer is
// known (organizerID, 0 for none): the organizer a member is assigned to
// sees their name and contact, to call them.
func (a *Actor) PersonVisibility(m *Member, memberBodies []int64, organizerID int64) Visibility {
	v := a.MemberVisibility(m, memberBodies)
	if v < SeeContact && a.SignedIn() && organizerID != 0 && organizerID == a.ID() {
		return SeeContact
	}
	return v
}

// CanAssignOrganizers reports whether the actor may give the members of
// a branch to organizers, end those assignments and see the branch's
// queue: the branch's leaders and the data stewards.
func (a *Actor) CanAssignOrganizers(branchID int64) bool {
	return a.SignedIn() && branchID != 0 && (a.Steward || a.LeadsBody(branchID))
}

// CanOrganize reports whether member o may be given members of the branch
// to call on day d: a member of that branch in good standing.
func CanOrganize(o *Member, branchID int64, d Date) bool {
	return o != nil && branchID != 0 && o.Branch.ID() == branchID && o.StandingOn(d).IsGood()
}

// CanLogConversation reports whether the actor may log a conversation with
// a member of the branch whose organizer is organizerID: their organizer,
// and the branch's leaders. Nobody else, stewards included, writes in
// someone's record of conversations.
func (a *Actor) CanLogConversation(memberBranchID, organizerID int64) bool {
	return a.SignedIn() && ((organizerID != 0 && organizerID == a.ID()) || (memberBranchID != 0 && a.LeadsBody(memberBranchID)))
}

// CanReadConversation reports whether the actor may read a conversation
// logged about a member of the branch: its author, the branch's leaders
// and the data stewards. This is the one rule for who reads notes; the
// member's next organizer does not read the last one's.
func (a *Actor) CanReadConversation(c *Conversation, memberBranchID int64) bool {
	if !a.SignedIn() {
		return false
	}
	return c.AuthorID == a.ID() || a.Steward || (memberBranchID != 0 && a.LeadsBody(memberBranchID))
}

// CanSeeRoster reports whether the actor may search the roster: the
// whole of it for the organization's data stewards, a chapter's members
// for a chapter's (RosterFilter).
func (a *Actor) CanSeeRoster() bool { return a.SignedIn() && (a.Steward || a.StewardOf != 0) }

// RosterChapter returns the chapter the actor's roster is limited to: a
// chapter's data steward's own; 0 for the organization's stewards (and
// for anyone who sees no roster at all).
func (a *Actor) RosterChapter() int64 {
	if a.SignedIn() && !a.Steward {
		return a.StewardOf
	}
	return 0
}

// RosterFilter narrows a search of the roster to the part of it the actor
// may search: a chapter's data steward searches their chapter's members,
// whatever else the filter asks.
func (a *Actor) RosterFilter(f MemberFilter) MemberFilter {
	if c := a.RosterChapter(); c != 0 {
		f.ChapterID = c
	}
	return f
}

// CanGrantChapterSteward reports whether the actor may make member m a
// data steward of a chapter, or end it: the organization's data stewards
// for any chapter, a chapter's data stewards for their own, and nobody
// for themselves.
func (a *Actor) CanGrantChapterSteward(chapterID, memberID int64) bool {
	return a.CanNameChapterStewards() && a.ID() != memberID && chapterID != 0 && (a.Steward || a.StewardOf == chapterID)
}

// CanNameChapterStewards reports whether the actor names chapters' data
// stewards at all (CanGrantChapterSteward says for which chapter and
// whom): the organization's data stewards and the chapters'.
func (a *Actor) CanNameChapterStewards() bool { return a.SignedIn() && (a.Steward || a.StewardOf != 0) }

// CanImport reports whether the actor may import national lists and
// load branch boundaries.
func (a *Actor) CanImport() bool { return a.SignedIn() && a.Steward }

// CanManageBodies reports whether the actor may change bodies, seats and
// positions.
func (a *Actor) CanManageBodies() bool { return a.SignedIn() && a.Admin }

// CanSetLadder reports whether the actor may write the chapter's ladder:
// admins, who keep the chapter's settings.
func (a *Actor) CanSetLadder() bool { return a.SignedIn() && a.Admin }

// CanAppoint reports whether the actor may appoint members to the seat
// and remove its holders, as the bylaws give it: the holders of the seat
// named as appointing it (a branch's co-coordinators for the captains of
// its neighborhood groups), and admins. An elected seat is filled by its
// election, and by admins recording one.
func (a *Actor) CanAppoint(s *Seat) bool {
	if !a.SignedIn() || s == nil {
		return false
	}
	return a.Admin || (s.FilledBy == FilledByAppointment && a.HoldsSeat(s.AppointingSeatID))
}

// CanManageMembers reports whether the actor may add members to a body and
// remove them: a committee's or working group's leaders (its co-chairs),
// and admins. Branches take members by address and caucuses by request.
func (a *Actor) CanManageMembers(b *Body) bool {
	if !a.SignedIn() || (b.Kind != KindCommittee && b.Kind != KindWorkingGroup) {
		return false
	}
	return a.Admin || a.LeadsBody(b.ID)
}

// CanOverrideStanding reports whether the actor may set and clear the
// chapter's override of a member's standing: data stewards.
func (a *Actor) CanOverrideStanding() bool { return a.SignedIn() && a.Steward }

// CanPlaceMember reports whether the actor may record, as a member tells
// them, the branch the member chose and where they live more precisely
// than their ZIP: data stewards, not for themselves (their own profile
// does that).
func (a *Actor) CanPlaceMember(memberID int64) bool {
	return a.SignedIn() && a.Steward && a.ID() != memberID
}

// CanGrantRole reports whether the actor may give the role to member m
// or take it away: data stewards name stewards, admins name admins and
// the communications team. Nobody changes their own roles from a page, so
// that one person alone can neither lock the door nor lose the last key;
// the operator's command line does anything.
func (a *Actor) CanGrantRole(role string, memberID int64) bool {
	if !a.SignedIn() || a.ID() == memberID {
		return false
	}
	switch role {
	case RoleSteward:
		return a.Steward
	case RoleAdmin, RoleCommunications:
		return a.Admin
	}
	return false
}

// CanSeeMembersOf reports whether the actor may list a body's members.
func (a *Actor) CanSeeMembersOf(b *Body) bool {
	return a.SignedIn() && (a.Steward || a.LeadsBody(b.ID))
}

// CanSeeNeighborhood reports whether the actor may list the members of
// neighborhood group g: its captains (the holders of its seats), the
// leaders of its branch (who appoint the captains), and the data stewards.
// What of each member they see is still MemberVisibility's, with the
// group counted among the bodies the member is in: a captain leads it.
func (a *Actor) CanSeeNeighborhood(g *Body) bool {
	if !a.SignedIn() || g == nil || g.Kind != KindNeighborhoodGroup {
		return false
	}
	return a.Steward || a.LeadsBody(g.ID) || (g.ParentID != 0 && a.LeadsBody(g.ParentID))
}

// CanSeeBenchmarks reports whether the actor may see the benchmarks of
// body b, nil for the whole chapter: the chapter's figures to the steering
// committee, the admins and the data stewards; a branch's also to its
// leaders; a neighborhood group's also to its captains and its branch's
// leaders. A branch's leaders see no other branch's figures.
func (a *Actor) CanSeeBenchmarks(b *Body) bool {
	switch {
	case !a.SignedIn():
		return false
	case a.Admin || a.Steward || a.onSteeringCommittee():
		return true
	case b == nil:
		return false
	}
	return a.LeadsBody(b.ID) || (b.Kind == KindNeighborhoodGroup && b.ParentID != 0 && a.LeadsBody(b.ParentID))
}

// onSteeringCommittee reports whether the actor holds a seat on a steering
// committee today.
func (a *Actor) onSteeringCommittee() bool {
	return slices.ContainsFunc(a.Leads, func(b *Body) bool { return b.Kind == KindSteeringCommittee })
}

// CanSeeLeaders reports whether the actor may see who leads the bodies.
// The organization's public face shows bodies and their public contacts;
// the names of the people who lead them are for members.
func (a *Actor) CanSeeLeaders() bool { return a.SignedIn() }

// CanDecideJoinRequests reports whether the actor may let members into a
// body that asks them to request.
func (a *Actor) CanDecideJoinRequests(b *Body) bool {
	return a.SignedIn() && (a.LeadsBody(b.ID) || a.Admin)
}

// CanTakePart reports whether the actor may join bodies and ask to: a
// member on the roster whose membership has not lapsed on day d.
func (a *Actor) CanTakePart(d Date) bool {
	return a.SignedIn() && a.Member.StandingOn(d) != StandingLapsed
}

// Require turns a permission into an error: EUNAUTHORIZED for nobody
// signed in, EFORBIDDEN for a member without it.
func (a *Actor) Require(allowed bool) error {
	switch {
	case allowed:
		return nil
	case !a.SignedIn():
		return Errorf(EUNAUTHORIZED, "sign in first")
	}
	return Errorf(EFORBIDDEN, "you may not do that")
}

// Redact returns a copy of m holding only what a viewer with visibility v
// may see on day d. Everything shown to anyone goes through here. Below
// SeeEverything the standing shown is the effective one, without saying
// whether an override made it so.
func Redact(m *Member, v Visibility, d Date) *Member {
	if v >= SeeEverything {
		return m
	}
	out := &Member{ID: m.ID, FirstName: m.FirstName, LastName: m.LastName, Branch: BranchState{Slug: m.Branch.Slug}}
	if v < SeeContact {
		return out
	}
	out.MiddleName, out.Suffix = m.MiddleName, m.Suffix
	out.Email, out.BestPhone, out.MobilePhone = m.Email, m.BestPhone, m.MobilePhone
	out.HomePhone, out.WorkPhone = m.HomePhone, m.WorkPhone
	out.Contact = m.Contact
	out.Roster = RosterState{ListStanding: m.StandingOn(d), OnList: m.Roster.OnList}
	return out
}

// CanCreateElection reports whether the actor may call an election and
// name its committee: admins.
func (a *Actor) CanCreateElection() bool { return a.SignedIn() && a.Admin }

// CanRunElection reports whether the actor runs the election: a member of
// its committee, those given the election-admin role for it. Admins name
// the committee but do not run the election unless they are on it.
func (a *Actor) CanRunElection(e *Election) bool {
	if !a.SignedIn() {
		return false
	}
	for _, id := range e.AdminIDs {
		if id == a.Member.ID {
			return true
		}
	}
	return false
}

// CanSeeTurnout reports whether the actor may see how many on an
// election's roll have voted: its committee while voting is open or the
// count waits, since a running turnout could steer a campaign's last push;
// whoever may see the record once it is counted.
func (a *Actor) CanSeeTurnout(e *Election, now time.Time) bool {
	switch e.StatusAt(now) {
	case ElectionCounted:
		return a.CanSeeElectionRecord(e)
	case ElectionVoting, ElectionClosed:
		return a.CanRunElection(e)
	}
	return false
}

// CanSetUpElection reports whether the actor may change an election's
// set-up: its committee, or the admins who call elections.
func (a *Actor) CanSetUpElection(e *Election) bool {
	return a.CanRunElection(e) || a.CanCreateElection()
}

// CanSeeElectionRecord reports whether the actor may see an election's
// public record and results: anyone when the election makes it public,
// else members.
func (a *Actor) CanSeeElectionRecord(e *Election) bool { return e.RecordPublic || a.SignedIn() }

// CanSeeProposal reports whether the actor may read a proposal: members
// once it collects signatures; its authors and admins while a draft.
func (a *Actor) CanSeeProposal(p *Proposal) bool {
	return a.SignedIn() && (p.Status != ProposalDraft || p.Author(a.ID()) != nil || a.Admin)
}

// CanWriteProposal reports whether the actor may start a proposal: a
// member whose membership has not lapsed on day d.
func (a *Actor) CanWriteProposal(d Date) bool { return a.CanTakePart(d) }

// CanEditProposal reports whether the actor may change a proposal's text,
// open it for signatures or withdraw it: an author who accepted.
func (a *Actor) CanEditProposal(p *Proposal) bool {
	author := p.Author(a.ID())
	return a.SignedIn() && author != nil && author.Accepted
}

// CanSign reports whether the actor may sign proposals on day d: only
// members in good standing.
func (a *Actor) CanSign(d Date) bool { return a.SignedIn() && a.Member.StandingOn(d).IsGood() }

// CanEnterPaperSignatures reports whether the actor may enter signatures
// collected on paper: data stewards, who match them against the roster.
func (a *Actor) CanEnterPaperSignatures() bool { return a.SignedIn() && a.Steward }

// CanSeeSignerNames reports whether the actor sees the names of signers
// who asked members to see only their branch.
func (a *Actor) CanSeeSignerNames() bool { return a.SignedIn() && a.Steward }

// CanManageProposal reports whether the actor may put a proposal on an
// agenda, record its decision and hide comments on it under the code of
// conduct: the leaders of the body that decides it, and admins.
func (a *Actor) CanManageProposal(p *Proposal) bool { return a.CanCallMeeting(p.BodyID) }

// CanTakePartInProposal reports whether the actor may comment on and
// propose amendments to proposals on day d: members whose membership has
// not lapsed.
func (a *Actor) CanTakePartInProposal(d Date) bool { return a.CanTakePart(d) }

// CanCallMeeting reports whether the actor may call a meeting of the body,
// set its sessions and agenda and record what it decided: the body's
// leaders, and admins.
func (a *Actor) CanCallMeeting(bodyID int64) bool {
	return a.SignedIn() && (a.LeadsBody(bodyID) || a.Admin)
}

// CanHostSession reports whether the actor checks members into a session
// of a meeting: its chair and secretary, and those who may call the
// meeting.
func (a *Actor) CanHostSession(m *Meeting, s *MeetingSession) bool {
	return a.SignedIn() && (s.Hosts(a.ID()) || a.CanCallMeeting(m.BodyID))
}

// CanHostMeeting reports whether the actor hosts any session of the
// meeting: who checks members in and sees its attendance.
func (a *Actor) CanHostMeeting(m *Meeting) bool {
	return slices.ContainsFunc(m.Sessions, func(s *MeetingSession) bool { return a.CanHostSession(m, s) })
}

// CanChairMeeting reports whether the actor opens and closes the
// meeting's votes, which are the whole meeting's: its chair (the first
// session's, who calls it to order), and those who may call it. The other
// sessions' chairs run their own rooms (CanHostSession), not the votes.
func (a *Actor) CanChairMeeting(m *Meeting) bool {
	return a.SignedIn() && ((m.ChairID() != 0 && m.ChairID() == a.ID()) || a.CanCallMeeting(m.BodyID))
}

// CanCallMeetings reports whether the actor may call a meeting of some
// body: those who lead a body, and admins.
func (a *Actor) CanCallMeetings() bool { return a.SignedIn() && (a.Admin || len(a.Leads) > 0) }

// CanWriteMinutes reports whether the actor writes the meeting's minutes:
// the secretary of any of its sessions, and those who may call it.
func (a *Actor) CanWriteMinutes(m *Meeting) bool {
	return a.SignedIn() && (slices.ContainsFunc(m.Sessions, func(s *MeetingSession) bool { return s.SecretaryID == a.ID() }) ||
		a.CanCallMeeting(m.BodyID))
}

// CanSeeEvent reports whether the actor may see an event: anyone a public
// one, members signed in a members' one, and a body's one its members,
// the leaders of its hosts and admins.
func (a *Actor) CanSeeEvent(e *Event) bool {
	switch e.Audience {
	case AudiencePublic:
		return true
	case AudienceMembers:
		return a.SignedIn()
	}
	if a.CanManageEvent(e) {
		return true
	}
	return a.SignedIn() && slices.ContainsFunc(e.Hosts(), a.BelongsTo)
}

// CanCreateEvent reports whether the actor may put an event of the body
// on the calendar: its leaders, and admins.
func (a *Actor) CanCreateEvent(bodyID int64) bool {
	return a.SignedIn() && (a.LeadsBody(bodyID) || a.Admin)
}

// CanCreateEvents reports whether the actor may put events of some body
// on the calendar: those who lead a body, and admins.
func (a *Actor) CanCreateEvents() bool { return a.SignedIn() && (a.Admin || len(a.Leads) > 0) }

// CanManageEvent reports whether the actor may change or cancel an event,
// see its registrations and check people in: the leaders of its host and
// co-hosts, and admins.
func (a *Actor) CanManageEvent(e *Event) bool {
	return slices.ContainsFunc(e.Hosts(), a.CanCreateEvent)
}

// CanCheckIn reports whether the actor may check people in at an event
// and see its registrations, which the door needs: those who manage it,
// and the trainers of a course's session (trainerIDs, empty for other
// events), who may lead no body of its hosts yet run the session. Editing
// and cancelling it stay with those who manage it.
func (a *Actor) CanCheckIn(e *Event, trainerIDs []int64) bool {
	return a.CanManageEvent(e) || a.TrainsSession(trainerIDs)
}

// TrainsSession reports whether the actor is one of a session's trainers
// (trainerIDs, none for an event that is no course's session).
func (a *Actor) TrainsSession(trainerIDs []int64) bool {
	return a.SignedIn() && slices.Contains(trainerIDs, a.ID())
}

// CanHostCourseSession reports whether a session of the course may be
// hosted by the body: one of the bodies that develop it, or one whose
// events the actor may create.
func (a *Actor) CanHostCourseSession(c *Course, bodyID int64) bool {
	return slices.Contains(c.BodyIDs, bodyID) || a.CanCreateEvent(bodyID)
}

// WalkInWindow is how long before a session its trainers may look
// members up to check in walk-ins; they may until it ends.
const WalkInWindow = 2 * time.Hour

// CanAddWalkIns reports whether the actor may look members up by name to
// check in one who did not register, at now: those who manage the event
// at any time; a session's trainers, who may lead no body, only from
// WalkInWindow before it starts until it ends, so that checking people in
// does not open the roster to them on other days.
func (a *Actor) CanAddWalkIns(e *Event, trainerIDs []int64, now time.Time) bool {
	if a.CanManageEvent(e) {
		return true
	}
	return a.CanCheckIn(e, trainerIDs) && !now.Before(e.StartsAt.Add(-WalkInWindow)) && now.Before(e.EndsAt)
}

// CanSeeFeedback reports whether the actor may see the feedback on an
// event: the leaders of its host and co-hosts, a training session's
// trainers (trainerIDs, none for other events), stewards and admins.
func (a *Actor) CanSeeFeedback(e *Event, trainerIDs []int64) bool {
	return a.SignedIn() && (a.Steward || a.Admin || a.CanManageEvent(e) || a.TrainsSession(trainerIDs))
}

// CanSeeFeedbackAnswers reports whether the actor may see what an event's
// answered feedback says, given how many answered: one who may see its
// feedback, once FeedbackThreshold answered, so that a handful of answers
// (and a signed one beside them) identify nobody. Below it, not even the
// number who answered is shown.
func (a *Actor) CanSeeFeedbackAnswers(e *Event, trainerIDs []int64, answered int) bool {
	return a.CanSeeFeedback(e, trainerIDs) && enoughFeedback(answered)
}

// enoughFeedback reports whether an event's answers are enough to show
// anything of them: the one place the threshold is applied.
func enoughFeedback(answered int) bool { return answered >= FeedbackThreshold }

// CanSetFeedback reports whether the actor may choose whether an event
// asks for feedback: those who manage it.
func (a *Actor) CanSetFeedback(e *Event) bool { return a.CanManageEvent(e) }

// CanRegister reports whether the actor may register as a member for an
// event they can see: any member on the roster, lapsed or not, since
// events are how people come back.
func (a *Actor) CanRegister(e *Event) bool { return a.SignedIn() && a.CanSeeEvent(e) }

// CanManageOutbox reports whether the actor may see the emails owed and
// send again those held or failed: admins.
func (a *Actor) CanManageOutbox() bool { return a.SignedIn() && a.Admin }

// CanEditWeekly reports whether the actor may draft, edit and send the
// weekly email: the communications team, and admins. They see every event
// the email carries, the events for a body's own members among them, since
// they decide what goes out to whom.
func (a *Actor) CanEditWeekly() bool { return a.SignedIn() && (a.Communications || a.Admin) }

// CanManageOwnAPITokens reports whether the actor may make, list and revoke
// personal API tokens: any signed-in member, their own only. Nobody
// manages another member's tokens through pages or the API; the operator
// does, on the command line.
func (a *Actor) CanManageOwnAPITokens() bool { return a.SignedIn() }

// CanSeeAuditHead reports whether the actor may fetch the audit log's
// signed head: anyone, signed in or not. A head says only how many entries
// the log holds, the hash of the last and when, which names nobody and
// tells nothing of what the entries say; the more people and programs
// (a member's daily fetch, an outside auditor) keep copies of it without
// needing an account, the harder a rewritten log is to hide. What it does
// show is how busy the log is, roughly how many views and changes happen
// in an hour, which is the organization's own business but not a member's
// secret.
func (a *Actor) CanSeeAuditHead() bool { return true }

// CanSeeCourses reports whether the actor may see the training program's
// catalogue and a course's page: members signed in.
func (a *Actor) CanSeeCourses() bool { return a.SignedIn() }

// CanCreateCourse reports whether the actor may add a course developed by
// the bodies given: data stewards, admins, and the leaders of one of the
// bodies (a committee's co-chairs for their committee's course).
func (a *Actor) CanCreateCourse(bodyIDs []int64) bool {
	return a.SignedIn() && (a.Steward || a.Admin || slices.ContainsFunc(bodyIDs, a.LeadsBody))
}

// CanCreateCourses reports whether the actor may add some course: data
// stewards, admins and those who lead a body.
func (a *Actor) CanCreateCourses() bool {
	return a.SignedIn() && (a.Steward || a.Admin || len(a.Leads) > 0)
}

// CanManageCourse reports whether the actor may change a course, add and
// remove its trainers, record founding trainers, schedule its sessions
// and let members in without its prerequisites: data stewards, admins and
// the leaders of the bodies that develop it.
func (a *Actor) CanManageCourse(c *Course) bool { return a.CanCreateCourse(c.BodyIDs) }

// CanManageCourseLevels reports whether the actor may add and rename the
// program's levels: admins, who keep the chapter's settings.
func (a *Actor) CanManageCourseLevels() bool { return a.SignedIn() && a.Admin }

// CanSetCourseRequirements reports whether the actor may say which seats
// and which kinds of event's leads require a course: admins, who keep the
// chapter's settings.
func (a *Actor) CanSetCourseRequirements() bool { return a.SignedIn() && a.Admin }

// CanSeeUnofferedCourse reports whether the actor is told that course c
// has no session this quarter, by email and on the catalogue: those who
// manage it, and the steering committee, which sees the program whole.
func (a *Actor) CanSeeUnofferedCourse(c *Course) bool {
	return a.CanManageCourse(c) || (a.SignedIn() && a.onSteeringCommittee())
}

// CanTrainSession reports whether the actor may record who completed a
// session of course c and let a member into it without the course's
// prerequisites: the session's trainers (trainerIDs) and those who manage
// the course.
func (a *Actor) CanTrainSession(c *Course, trainerIDs []int64) bool {
	return a.TrainsSession(trainerIDs) || (a.SignedIn() && a.CanManageCourse(c))
}

// CanSeeTrainingReport reports whether the actor may see the training
// program's report on course c, nil for the whole chapter's (members
// trained in every branch, time from joining to a first course): the
// steering committee, admins and data stewards, as the benchmarks; a
// course's rows also to those who manage it (CanManageCourse), so that a
// committee sees how its own courses do. Page, API and CSV ask this alike.
func (a *Actor) CanSeeTrainingReport(c *Course) bool {
	switch {
	case !a.SignedIn():
		return false
	case a.Admin || a.Steward || a.onSteeringCommittee():
		return true
	}
	return c != nil && a.CanManageCourse(c)
}

// CanSeeTrainingFeedback reports whether the report shows the averages
// of a session of course c, given how many answered its feedback: to one
// who may see the course's report, once FeedbackThreshold answered, as
// CanSeeFeedbackAnswers. The report shows averages only, no free text.
func (a *Actor) CanSeeTrainingFeedback(c *Course, answered int) bool {
	return a.CanSeeTrainingReport(c) && enoughFeedback(answered)
}

// CanSeeTrainingRecord reports whether the actor may see a member's
// training record (courses completed, qualifications): the member, and
// data stewards.
func (a *Actor) CanSeeTrainingRecord(memberID int64) bool {
	return a.SignedIn() && (a.ID() == memberID || a.Steward)
}

// CanSeeCampaigns reports whether the actor may see the field program's
// campaigns (their names and what they are for, not their targets):
// members signed in, who volunteer for them.
func (a *Actor) CanSeeCampaigns() bool { return a.SignedIn() }

// CanManageCampaign reports whether the actor may run a campaign of the
// body: start it, import its lists and see its targets: the body's
// leaders, and the data stewards and admins who keep the chapter's data.
func (a *Actor) CanManageCampaign(bodyID int64) bool {
	return a.SignedIn() && (a.Steward || a.Admin || a.LeadsBody(bodyID))
}

// HoldsTurf reports whether the actor is the canvasser or partner a turf
// is out with at now: who reads its doors besides its campaign's runners.
func (a *Actor) HoldsTurf(t *Turf, now time.Time) bool { return t.CheckedOut(now) && a.WalkedTurf(t) }

// WalkedTurf reports whether the actor is the canvasser or partner a turf
// was last checked out to, whose phone may send its knocks after the time
// is up (it was offline).
func (a *Actor) WalkedTurf(t *Turf) bool {
	return a.SignedIn() && t.CanvasserID != 0 && (a.ID() == t.CanvasserID || (t.PartnerID != 0 && a.ID() == t.PartnerID))
}

// CanKeepDoNotContact reports whether the actor may add to the chapter's
// do-not-contact list from its page: data stewards and admins. (A
// canvasser's "do not contact" at a door reaches it through the result.)
func (a *Actor) CanKeepDoNotContact() bool { return a.SignedIn() && (a.Steward || a.Admin) }

// CanRunPhonebank reports whether the actor may start, top up and close a
// phonebank of the body and choose its callers: the same people who run
// the body's campaigns.
func (a *Actor) CanRunPhonebank(bodyID int64) bool { return a.CanManageCampaign(bodyID) }

// CanCall reports whether the actor may take calls from a phonebank and
// see the numbers on them: its callers, and nobody else (not even those
// who run it, until they add themselves), since each number shown is a
// member's or a target's personal data.
func (a *Actor) CanCall(callers []int64) bool {
	return a.SignedIn() && slices.Contains(callers, a.ID())
}

// CanStartCampaigns reports whether the actor may start a campaign of some
// body: the leaders of a body, and the data stewards and admins (see
// CanManageCampaign for which bodies).
func (a *Actor) CanStartCampaigns() bool {
	return a.SignedIn() && (a.Steward || a.Admin || len(a.Leads) > 0)
}

// CanExportTarget reports whether the actor may download everything a
// campaign keeps on a target, for a person who asks for their data: the
// data stewards and admins who answer such requests, as for members.
func (a *Actor) CanExportTarget() bool { return a.SignedIn() && (a.Steward || a.Admin) }

// CanSeeEndorsements reports whether the actor may see the chapter's
// endorsement cycles: their races, candidates, recommendations and, once
// published, the questionnaires candidates submitted: members signed in.
func (a *Actor) CanSeeEndorsements() bool { return a.SignedIn() }

// CanStartEndorsementCycles reports whether the actor may start an
// endorsement cycle of some body: the leaders of a body, and admins.
func (a *Actor) CanStartEndorsementCycles() bool {
	return a.SignedIn() && (a.Admin || len(a.Leads) > 0)
}

// CanRunEndorsements reports whether the actor may run the endorsement
// cycles of the body: set their races, candidates and questions, send
// the links, write the recommendations and record national's answers and
// the results: the body's leaders, and admins.
func (a *Actor) CanRunEndorsements(bodyID int64) bool {
	return a.SignedIn() && (a.Admin || a.LeadsBody(bodyID))
}

// CanVet reports whether the actor takes part in vetting a cycle of the
// body: reads the answers before they are published and the candidates'
// addresses, and writes notes: the body's members and those who run it.
func (a *Actor) CanVet(bodyID int64) bool {
	return a.CanRunEndorsements(bodyID) || (a.SignedIn() && a.BelongsTo(bodyID))
}

// CanReadEndorsementNote reports whether the actor may read a vetting
// note of a cycle of the body: its author and the body's leaders, as for
// the notes of one-on-ones. What is said of a candidate in confidence
// goes no further than those who must weigh it.
func (a *Actor) CanReadEndorsementNote(n *EndorsementNote, bodyID int64) bool {
	return a.SignedIn() && (n.AuthorID == a.ID() || a.LeadsBody(bodyID))
}
