package rankfile

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// One-on-ones: every member is someone's to call. A branch's leaders (or
// the data stewards, or the onboarding path) assign each member of the
// branch to an organizer, a member in good standing of the same branch;
// the organizer calls them and logs each conversation. A member with no
// open assignment waits in the branch's queue.

// AssignReason is why a member was given to an organizer.
type AssignReason string

// Assignment reasons.
const (
	AssignNew       AssignReason = "new"       // a new member, to welcome
	AssignReturning AssignReason = "returning" // back after lapsing
	AssignManual    AssignReason = "manual"    // a leader's choice
)

// Why an assignment ended.
const (
	EndReassigned   = "reassigned"       // given to another organizer
	EndByLeader     = "ended"            // a leader sent the member back to the queue
	EndLapsed       = "organizer_lapsed" // the organizer is no longer in good standing
	EndLeftBranch   = "left_branch"      // organizer and member are no longer in one branch
	EndByOnboarding = "onboarding"       // the onboarding path gave the member anew
)

// Assignment is a member given to an organizer, from AssignedAt until
// EndedAt (zero while open).
type Assignment struct {
	ID          int64        `json:"id"`
	MemberID    int64        `json:"member_id"`
	OrganizerID int64        `json:"organizer_id"`
	Reason      AssignReason `json:"reason"`
	AssignedAt  time.Time    `json:"assigned_at"`
	// AssignedBy names who or which path assigned the member.
	AssignedBy string    `json:"assigned_by"`
	EndedAt    time.Time `json:"ended_at,omitzero"`
	EndReason  string    `json:"end_reason,omitempty"`
	EndedBy    string    `json:"ended_by,omitempty"`
}

// Open reports whether the assignment has not ended.
func (a *Assignment) Open() bool { return a.EndedAt.IsZero() }

// Organizer returns the organizer's id, 0 for no assignment (nil).
func (a *Assignment) Organizer() int64 {
	if a == nil {
		return 0
	}
	return a.OrganizerID
}

// Validate checks the reason.
func (a *Assignment) Validate() error {
	switch a.Reason {
	case AssignNew, AssignReturning, AssignManual:
		return nil
	}
	return Errorf(EINVALID, "the reason for an assignment is new, returning or manual, not %q", a.Reason)
}

// ContactMethod is how a conversation was held.
type ContactMethod string

// Contact methods.
const (
	MethodCall     ContactMethod = "call"
	MethodText     ContactMethod = "text"
	MethodInPerson ContactMethod = "in_person"
	MethodVideo    ContactMethod = "video"
	MethodEmail    ContactMethod = "email"
)

// ContactMethods lists the methods in the order forms offer them.
var ContactMethods = []ContactMethod{MethodCall, MethodText, MethodInPerson, MethodVideo, MethodEmail}

// Limits of a conversation's fields, in characters.
const (
	MaxConversationNotes = 4000
	MaxConversationShort = 300 // availability, next step
	MaxConversationTags  = 20
	MaxConversationTag   = 40
	AssessmentLevels     = 5
)

// Conversation is a one-on-one an organizer logged with a member.
type Conversation struct {
	ID       int64         `json:"id"`
	MemberID int64         `json:"member_id"`
	AuthorID int64         `json:"author_id"`
	Author   string        `json:"author,omitempty"`
	On       Date          `json:"on"`
	Method   ContactMethod `json:"method"`
	// Notes are read only by their author, the member's branch leaders and
	// the data stewards (Actor.CanReadConversation).
	Notes string `json:"notes"`
	// Tags are the member's interests and skills, a word or two each.
	Tags         []string `json:"tags"`
	Availability string   `json:"availability"`
	NextStep     string   `json:"next_step"`
	// Assessment is a level of the chapter's scale, 1 to 5; 0 for none.
	Assessment int       `json:"assessment"`
	FollowUpOn Date      `json:"follow_up_on,omitzero"`
	CreatedAt  time.Time `json:"created_at"`
}

// Validate checks a conversation before it is stored, tidying its tags.
func (c *Conversation) Validate() error {
	switch {
	case c.On.IsZero():
		return Errorf(EINVALID, "give the date of the conversation")
	case !validMethod(c.Method):
		return Errorf(EINVALID, "how the conversation was held is call, text, in person, video or email")
	case utf8.RuneCountInString(c.Notes) > MaxConversationNotes:
		return Errorf(EINVALID, "the notes are %d characters long; the most is %d", utf8.RuneCountInString(c.Notes), MaxConversationNotes)
	case utf8.RuneCountInString(c.Availability) > MaxConversationShort, utf8.RuneCountInString(c.NextStep) > MaxConversationShort:
		return Errorf(EINVALID, "availability and next step are at most %d characters each", MaxConversationShort)
	case c.Assessment < 0 || c.Assessment > AssessmentLevels:
		return Errorf(EINVALID, "the assessment is a level from 1 to %d", AssessmentLevels)
	case !c.FollowUpOn.IsZero() && c.FollowUpOn.Before(c.On):
		return Errorf(EINVALID, "the follow-up date comes after the conversation")
	}
	return c.tidyTags()
}

// tidyTags trims the tags, drops empty and repeated ones, and checks
// their number and length.
func (c *Conversation) tidyTags() error {
	var out []string
	for _, t := range c.Tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || containsString(out, t) {
			continue
		}
		if utf8.RuneCountInString(t) > MaxConversationTag {
			return Errorf(EINVALID, "a tag is at most %d characters: %q", MaxConversationTag, t)
		}
		out = append(out, t)
	}
	if len(out) > MaxConversationTags {
		return Errorf(EINVALID, "at most %d interests and skills", MaxConversationTags)
	}
	c.Tags = out
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func validMethod(m ContactMethod) bool {
	for _, x := range ContactMethods {
		if x == m {
			return true
		}
	}
	return false
}

// SplitTags splits what a form's tag field holds, words separated by commas.
func SplitTags(s string) []string { return strings.Split(s, ",") }

// PersonGroup is where a person stands in an organizer's list of calls.
type PersonGroup string

// Person groups, in the order an organizer calls them.
const (
	PersonNew       PersonGroup = "new"       // assigned, never contacted
	PersonFollowUp  PersonGroup = "follow_up" // a follow-up due today or overdue
	PersonStale     PersonGroup = "stale"     // not contacted in the chapter's number of days
	PersonReturning PersonGroup = "returning" // back after lapsing, not contacted since
	PersonRecent    PersonGroup = "recent"    // contacted lately, nothing due
)

// PersonGroups lists the groups in the order the list shows them.
var PersonGroups = []PersonGroup{PersonNew, PersonFollowUp, PersonStale, PersonReturning, PersonRecent}

// Person is one of an organizer's people: the member (as much as the
// organizer may see), their assignment and their last contact.
type Person struct {
	Member     *Member     `json:"member"`
	Assignment *Assignment `json:"assignment"`
	// LastContact is the day of the latest conversation logged about them.
	LastContact Date `json:"last_contact,omitzero"`
	// FollowUpOn is the follow-up date of the latest conversation.
	FollowUpOn Date        `json:"follow_up_on,omitzero"`
	Group      PersonGroup `json:"group"`
	// Checklist is how far along their first steps they are.
	Checklist *Checklist `json:"checklist"`
}

// GroupPerson decides a person's group on day today, staleDays being
// the chapter's "not contacted in N days".
func GroupPerson(p *Person, today Date, staleDays int) PersonGroup {
	contactedSince := !p.LastContact.IsZero() && !p.LastContact.Before(DateOf(p.Assignment.AssignedAt))
	switch {
	case p.LastContact.IsZero() && p.Assignment.Reason != AssignReturning:
		return PersonNew
	case !p.FollowUpOn.IsZero() && !p.FollowUpOn.After(today):
		return PersonFollowUp
	case p.Assignment.Reason == AssignReturning && !contactedSince:
		return PersonReturning
	case p.LastContact.Before(today.AddDays(-staleDays)):
		return PersonStale
	}
	return PersonRecent
}

// Chapter settings of one-on-ones.
const (
	// SettingStaleDays is after how many days without a conversation a
	// person is due a call again.
	SettingStaleDays = "oneonone_stale_days"
	// SettingAssessmentScale holds the names of the assessment scale's
	// levels, lowest first, separated by "|"; unset, the catalog's names.
	SettingAssessmentScale = "oneonone_assessment_scale"
	// DefaultStaleDays is SettingStaleDays unset.
	DefaultStaleDays = 30
)

// ParseStaleDays reads SettingStaleDays, DefaultStaleDays when unset.
func ParseStaleDays(s string) (int, error) {
	if s == "" {
		return DefaultStaleDays, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 366 {
		return 0, Errorf(EINVALID, "the %s setting is a number of days from 1 to 366, not %q", SettingStaleDays, s)
	}
	return n, nil
}

// ParseAssessmentScale reads SettingAssessmentScale: nil when unset (the
// catalog's names), else its five names.
func ParseAssessmentScale(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	names := strings.Split(s, "|")
	if len(names) != AssessmentLevels {
		return nil, Errorf(EINVALID, "the %s setting holds %d names separated by |, not %d", SettingAssessmentScale, AssessmentLevels, len(names))
	}
	for i := range names {
		names[i] = strings.TrimSpace(names[i])
	}
	return names, nil
}

// AssignmentFilter selects assignments. Zero fields do not filter.
type AssignmentFilter struct {
	MemberID    int64
	OrganizerID int64
	OpenOnly    bool
}

// OneOnOneService stores assignments and conversations.
type OneOnOneService interface {
	// Assign gives a member to an organizer, ending their open assignment
	// if any (EndReassigned), in one transaction.
	Assign(ctx context.Context, a *Assignment) error
	// EndAssignment ends a member's open assignment with the reason;
	// ENOTFOUND when there is none.
	EndAssignment(ctx context.Context, memberID int64, reason string) error
	// FindAssignments returns assignments, newest first.
	FindAssignments(ctx context.Context, f AssignmentFilter) ([]*Assignment, error)
	// BranchQueue returns up to limit members of the branch (brief) with
	// no open assignment, newest members first, and how many there are.
	BranchQueue(ctx context.Context, branchID int64, limit int) ([]*Member, int, error)
	// OpenOrganizers returns the organizers with open assignments, and for
	// each the branch of each of their people, for a turnover check.
	OpenOrganizers(ctx context.Context) (map[int64][]int64, error)
	// EndAssignmentsOf ends the organizer's open assignments of members in
	// the branches given (all when nil) with the reason, and returns how many.
	EndAssignmentsOf(ctx context.Context, organizerID int64, branches []int64, reason string) (int, error)
	// People returns the organizer's people: their members, open
	// assignments, last contacts and follow-ups. Group is left to the app.
	People(ctx context.Context, organizerID int64) ([]*Person, error)

	// CreateConversation stores a conversation, its notes sealed.
	CreateConversation(ctx context.Context, c *Conversation) error
	// FindConversations returns the conversations about a member, newest first.
	FindConversations(ctx context.Context, memberID int64) ([]*Conversation, error)
	// QueueFollowUps queues, once a conversation, a reminder to its author
	// of each follow-up due on or before today that no later conversation
	// about the member replaced: one notice an author. It returns how many.
	QueueFollowUps(ctx context.Context, today Date) (int, error)
	// FollowUpsDue returns the author's conversations whose follow-up is
	// due on or before today and not replaced by a later conversation.
	FollowUpsDue(ctx context.Context, authorID int64, today Date) ([]*Conversation, error)
}
