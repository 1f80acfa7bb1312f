package rankfile

import (
	"strings"
	"time"
	"unicode/utf8"
)

// What members do with a proposal besides signing it: propose amendments,
// which its authors accept as friendly or decline, and discuss it.

// AmendmentStatus is where a proposed amendment stands.
type AmendmentStatus string

// Amendment statuses.
const (
	AmendmentOpen     AmendmentStatus = "open"
	AmendmentAccepted AmendmentStatus = "accepted" // as friendly: it became the next version
	AmendmentDeclined AmendmentStatus = "declined"
)

// Amendment is a change to a proposal's text a member proposes: the whole
// text as they would have it, written against a version.
type Amendment struct {
	ID          int64           `json:"id"`
	ProposalID  int64           `json:"proposal_id"`
	MemberID    int64           `json:"member_id"`
	Name        string          `json:"name"`
	BaseVersion int             `json:"base_version"`
	Text        ProposalText    `json:"text"`
	Reason      string          `json:"reason"`
	Status      AmendmentStatus `json:"status"`
	CreatedAt   time.Time       `json:"created_at"`
	DecidedBy   string          `json:"decided_by,omitempty"`
	DecidedAt   time.Time       `json:"decided_at,omitzero"`
}

// Validate checks an amendment to a proposal of a kind before it is
// stored.
func (a *Amendment) Validate(kind ProposalKind) error {
	a.Reason = strings.TrimSpace(a.Reason)
	if utf8.RuneCountInString(a.Reason) > maxProposalSummary {
		return Errorf(EINVALID, "the reason is longer than %d characters", maxProposalSummary)
	}
	return a.Text.validate(kind)
}

// CheckAmendable refuses amendments once a proposal is on an agenda or
// done with: members amend what they are asked to sign.
func (p *Proposal) CheckAmendable(now time.Time) error {
	switch s := p.StatusAt(now); s {
	case ProposalCollecting, ProposalQualified:
		return nil
	default:
		return Errorf(ECONFLICT, "%q is %s: amendments are taken only while it collects signatures", p.Title, s)
	}
}

// ProposalVersion is a proposal's text as it stood at one version.
type ProposalVersion struct {
	Version   int          `json:"version"`
	Title     string       `json:"title"`
	Summary   string       `json:"summary"`
	Text      ProposalText `json:"text"`
	WrittenBy string       `json:"written_by"`
	WrittenAt time.Time    `json:"written_at"`
}

// Comment is a member's contribution to the discussion of a proposal. A
// body's leaders may hide one under the code of conduct; it is kept, with
// who hid it and why.
type Comment struct {
	ID           int64     `json:"id"`
	ProposalID   int64     `json:"proposal_id"`
	MemberID     int64     `json:"member_id,omitempty"`
	Name         string    `json:"name,omitempty"`
	Body         string    `json:"body,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	Hidden       bool      `json:"hidden"`
	HiddenBy     string    `json:"hidden_by,omitempty"`
	HiddenReason string    `json:"hidden_reason,omitempty"`
}

// Limits on comments.
const (
	maxCommentLength = 5000
	maxHideReason    = 500
)

// Validate checks a comment before it is stored.
func (c *Comment) Validate() error {
	c.Body = strings.TrimSpace(c.Body)
	switch {
	case c.Body == "":
		return Errorf(EINVALID, "write something to comment")
	case utf8.RuneCountInString(c.Body) > maxCommentLength:
		return Errorf(EINVALID, "a comment is at most %d characters", maxCommentLength)
	}
	return nil
}

// CheckHideReason refuses to hide a comment without saying why.
func CheckHideReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return "", Errorf(EINVALID, "say which part of the code of conduct the comment breaks")
	case utf8.RuneCountInString(reason) > maxHideReason:
		return "", Errorf(EINVALID, "the reason is at most %d characters", maxHideReason)
	}
	return reason, nil
}

// CheckDiscussable refuses comments on a draft, which members do not
// see, and once a proposal is done with.
func (p *Proposal) CheckDiscussable(now time.Time) error {
	switch s := p.StatusAt(now); s {
	case ProposalCollecting, ProposalQualified, ProposalScheduled:
		return nil
	default:
		return Errorf(ECONFLICT, "%q is %s: its discussion is closed", p.Title, s)
	}
}

// SubmissionsClose is the setting holding the last day (YYYY-MM-DD) a
// convention takes resolutions and bylaws amendments.
func SubmissionsClose(conventionSlug string) string { return "submissions_close." + conventionSlug }

// CheckConventionSubmission refuses what a convention does not take: any
// kind but resolutions and bylaws amendments, and anything after the
// last day for submissions (lastDay zero: none set), in today's terms.
func CheckConventionSubmission(body *Body, kind ProposalKind, lastDay, today Date) error {
	if body.Kind != KindConvention {
		return nil
	}
	if kind != ProposalResolution && kind != ProposalBylaws {
		return Errorf(EINVALID, "%s takes resolutions and bylaws amendments only", body.Name)
	}
	if !lastDay.IsZero() && today.After(lastDay) {
		return Errorf(ECONFLICT, "%s took resolutions and bylaws amendments until %s", body.Name, lastDay)
	}
	return nil
}

// PrioritySeats is how many chapter resolutions a convention adopts as
// the next year's priorities, by a ranked vote counted by STV.
const PrioritySeats = 3
