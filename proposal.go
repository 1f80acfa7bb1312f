package rankfile

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ProposalKind is what a proposal asks the organization to do.
type ProposalKind string

// Proposal kinds.
const (
	ProposalResolution  ProposalKind = "resolution"
	ProposalBylaws      ProposalKind = "bylaws_amendment"
	ProposalPriorities  ProposalKind = "priorities_amendment" // the mission or priorities
	ProposalCampaign    ProposalKind = "campaign"
	ProposalEndorsement ProposalKind = "endorsement" // a candidate or a ballot measure
	ProposalNewBody     ProposalKind = "new_body"    // a committee, working group or branch
	ProposalBudget      ProposalKind = "budget_request"
	ProposalOther       ProposalKind = "other"
)

// ProposalKinds lists the kinds in the order forms offer them.
var ProposalKinds = []ProposalKind{ProposalResolution, ProposalBylaws, ProposalPriorities, ProposalCampaign,
	ProposalEndorsement, ProposalNewBody, ProposalBudget, ProposalOther}

// ProposalStatus is where a proposal stands on its way to the agenda.
type ProposalStatus string

// Proposal statuses, in the order a proposal passes through them.
const (
	ProposalDraft      ProposalStatus = "draft"      // seen by its authors only
	ProposalCollecting ProposalStatus = "collecting" // members see it and sign
	ProposalQualified  ProposalStatus = "qualified"  // enough members in good standing signed
	ProposalScheduled  ProposalStatus = "scheduled"  // on a meeting's agenda
	ProposalAdopted    ProposalStatus = "adopted"
	ProposalRejected   ProposalStatus = "rejected"
	ProposalWithdrawn  ProposalStatus = "withdrawn" // by its authors
	ProposalExpired    ProposalStatus = "expired"   // the deadline passed before it qualified
)

// ProposalStatuses lists the statuses in the order a proposal passes
// through them.
var ProposalStatuses = []ProposalStatus{ProposalDraft, ProposalCollecting, ProposalQualified, ProposalScheduled,
	ProposalAdopted, ProposalRejected, ProposalWithdrawn, ProposalExpired}

// ParseProposalStatus reads a status as written in a query.
func ParseProposalStatus(s string) (ProposalStatus, error) {
	if slices.Contains(ProposalStatuses, ProposalStatus(s)) {
		return ProposalStatus(s), nil
	}
	return "", Errorf(EINVALID, "unknown proposal status %q", s)
}

// ProposalText is a proposal's text in the chapter's resolution template.
type ProposalText struct {
	Whereas  []string `json:"whereas"`  // "Whereas ..." clauses
	Resolved []string `json:"resolved"` // "Be it resolved ..." clauses
	// Description says what will be done, with its timeline and the
	// resources it needs.
	Description string `json:"description"`
	Priorities  string `json:"priorities"` // the organizational priorities it serves
	Goals       string `json:"goals"`      // the committee goals it advances
}

// ProposalAuthor is an author of a proposal. Co-authors named by the
// first author become authors once they accept.
type ProposalAuthor struct {
	MemberID int64  `json:"member_id"`
	Name     string `json:"name"`
	Accepted bool   `json:"accepted"`
}

// Proposal is a piece of official business on its way to a meeting's
// agenda: written up by its authors, then signed by members in good
// standing until enough have signed.
type Proposal struct {
	ID      int64          `json:"id"`
	Kind    ProposalKind   `json:"kind"`
	BodyID  int64          `json:"body_id"` // the body that is to decide it
	Title   string         `json:"title"`
	Summary string         `json:"summary"`
	Text    ProposalText   `json:"text"`
	Links   []string       `json:"links"`
	Status  ProposalStatus `json:"status"`
	// Version counts the changes of the text, from 1.
	Version int              `json:"version"`
	Authors []ProposalAuthor `json:"authors"` // the first wrote it
	// Threshold is how many valid signatures it needs, fixed when
	// signatures open; Deadline is when they close.
	Threshold  int            `json:"threshold"`
	Deadline   time.Time      `json:"deadline,omitzero"`
	Signatures SignatureCount `json:"signatures"`
	// Forms is the body the proposal forms when adopted, if it forms one;
	// Dissolves the id of the body it dissolves (see body_formation.go).
	Forms     *BodyFormation `json:"forms,omitempty"`
	Dissolves int64          `json:"dissolves,omitempty"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
}

// Limits on what a proposal holds.
const (
	maxProposalTitle   = 200
	maxProposalSummary = 2000
	maxProposalClause  = 4000
	maxProposalClauses = 50
	maxProposalSection = 20000
	maxProposalLinks   = 20
)

// Validate checks what an author wrote, before anything is stored.
func (p *Proposal) Validate() error {
	p.Title, p.Summary = strings.TrimSpace(p.Title), strings.TrimSpace(p.Summary)
	switch {
	case !slices.Contains(ProposalKinds, p.Kind):
		return Errorf(EINVALID, "unknown kind of proposal %q", p.Kind)
	case p.BodyID == 0:
		return Errorf(EINVALID, "a proposal names the body that is to decide it")
	case p.Title == "":
		return Errorf(EINVALID, "a proposal needs a title")
	case utf8.RuneCountInString(p.Title) > maxProposalTitle:
		return Errorf(EINVALID, "the title is longer than %d characters", maxProposalTitle)
	case utf8.RuneCountInString(p.Summary) > maxProposalSummary:
		return Errorf(EINVALID, "the summary is longer than %d characters", maxProposalSummary)
	}
	if err := p.Text.validate(p.Kind); err != nil {
		return err
	}
	if err := p.validateBodies(); err != nil {
		return err
	}
	return validateLinks(p.Links)
}

// validate trims the clauses, drops empty ones and checks the sizes. A
// resolution or an amendment resolves something.
func (t *ProposalText) validate(kind ProposalKind) error {
	t.Whereas, t.Resolved = clauses(t.Whereas), clauses(t.Resolved)
	if len(t.Whereas) > maxProposalClauses || len(t.Resolved) > maxProposalClauses {
		return Errorf(EINVALID, "a proposal has at most %d clauses of each sort", maxProposalClauses)
	}
	for _, c := range append(append([]string{}, t.Whereas...), t.Resolved...) {
		if utf8.RuneCountInString(c) > maxProposalClause {
			return Errorf(EINVALID, "a clause is longer than %d characters", maxProposalClause)
		}
	}
	for _, s := range []*string{&t.Description, &t.Priorities, &t.Goals} {
		*s = strings.TrimSpace(*s)
		if utf8.RuneCountInString(*s) > maxProposalSection {
			return Errorf(EINVALID, "a section is longer than %d characters", maxProposalSection)
		}
	}
	switch kind {
	case ProposalResolution, ProposalBylaws, ProposalPriorities:
		if len(t.Resolved) == 0 {
			return Errorf(EINVALID, "a %s needs at least one \"be it resolved\" clause", strings.ReplaceAll(string(kind), "_", " "))
		}
	}
	return nil
}

func clauses(in []string) []string {
	var out []string
	for _, c := range in {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// validateLinks accepts web addresses only.
func validateLinks(links []string) error {
	if len(links) > maxProposalLinks {
		return Errorf(EINVALID, "a proposal has at most %d links", maxProposalLinks)
	}
	for i, l := range links {
		links[i] = strings.TrimSpace(l)
		u, err := url.Parse(links[i])
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return Errorf(EINVALID, "link %q is not a web address (https://...)", l)
		}
	}
	return nil
}

// StatusAt is the proposal's status at a moment: one still collecting
// signatures when its deadline passes has expired.
func (p *Proposal) StatusAt(now time.Time) ProposalStatus {
	if p.Status == ProposalCollecting && !p.Deadline.IsZero() && !now.Before(p.Deadline) {
		return ProposalExpired
	}
	return p.Status
}

// Author returns the author with the member id, or nil.
func (p *Proposal) Author(memberID int64) *ProposalAuthor {
	for i := range p.Authors {
		if p.Authors[i].MemberID == memberID {
			return &p.Authors[i]
		}
	}
	return nil
}

// HideInvitations leaves out of the authors the co-authors invited who have
// not accepted, but for the viewer's own invitation. Showing them to the
// author who named them by address would tell whose address it is, and
// whether they are a member at all.
func (p *Proposal) HideInvitations(viewerID int64) {
	p.Authors = slices.DeleteFunc(p.Authors, func(a ProposalAuthor) bool { return !a.Accepted && a.MemberID != viewerID })
}

// ProposalFilter selects proposals. Zero fields do not filter.
type ProposalFilter struct {
	ID     int64
	Status ProposalStatus
	BodyID int64
	// VisibleTo, when not zero, keeps drafts to those the member authors.
	VisibleTo int64
	// NoCounts leaves Signatures zero, for a check that needs only the
	// proposal: counting who of thousands of signers is in good standing
	// takes milliseconds.
	NoCounts bool
}

// ProposalService stores proposals and their signatures.
type ProposalService interface {
	// PrioritiesService stores the resolutions conventions adopt as
	// priorities, which it steps as it stores them.
	PrioritiesService
	// AcceptAuthorship records that a co-author named on a proposal accepts.
	AcceptAuthorship(ctx context.Context, proposalID, memberID int64) error
	// CreateProposal stores a draft, authored by its first author.
	CreateProposal(ctx context.Context, p *Proposal) error
	// UpdateProposal stores a new version of a draft's text and details.
	UpdateProposal(ctx context.Context, p *Proposal) error
	// FindProposals returns proposals, newest first.
	FindProposals(ctx context.Context, f ProposalFilter) ([]*Proposal, error)
	// OpenSignatures moves a draft to collecting, with its threshold and
	// deadline.
	OpenSignatures(ctx context.Context, id int64, threshold int, deadline time.Time) error
	// StepProposal takes a step of a proposal, with all it causes, in one
	// transaction, refusing it when the proposal is no longer in step.From.
	StepProposal(ctx context.Context, id int64, step *ProposalStep) error
	// Sign adds a member's signature, then takes the step qualify makes of
	// the proposal's count of signatures, if any, in the same transaction.
	Sign(ctx context.Context, s *Signature, qualify func(*Proposal, SignatureCount) *ProposalStep) error
	// Unsign takes a member's signature back while the proposal collects.
	Unsign(ctx context.Context, proposalID, memberID int64) error
	// Signatures returns a proposal's signatures, oldest first.
	Signatures(ctx context.Context, proposalID int64) ([]*Signature, error)
	// Signed reports whether a member signed a proposal.
	Signed(ctx context.Context, proposalID, memberID int64) (bool, error)
	// ProposalHistory returns the steps of a proposal's life, oldest first.
	ProposalHistory(ctx context.Context, id int64) ([]*ProposalEvent, error)
	// ProposalVersions returns every version of a proposal's text, oldest
	// first.
	ProposalVersions(ctx context.Context, id int64) ([]*ProposalVersion, error)

	// ProposeAmendment stores a member's amendment while the proposal
	// takes them.
	ProposeAmendment(ctx context.Context, a *Amendment) error
	// DecideAmendment accepts an open amendment as friendly, making its
	// text the next version, or declines it.
	DecideAmendment(ctx context.Context, proposalID, amendmentID int64, accept bool) error
	// Amendments returns a proposal's amendments, oldest first.
	Amendments(ctx context.Context, proposalID int64) ([]*Amendment, error)

	// AddComment stores a member's comment while the proposal is discussed.
	AddComment(ctx context.Context, c *Comment) error
	// HideComment hides a comment under the code of conduct, saying why,
	// and returns it as it was.
	HideComment(ctx context.Context, proposalID, commentID int64, reason string) (*Comment, error)
	// Comments returns a proposal's comments, oldest first, hidden ones
	// with their text.
	Comments(ctx context.Context, proposalID int64) ([]*Comment, error)

	// QueueProposalMail queues in the outbox, once, every email that
	// proposals' steps owe: a notice to each of the proposal's accepted
	// authors when it qualifies, to each of its signers when it is
	// scheduled and when it is decided. It returns how many it queued.
	QueueProposalMail(ctx context.Context) (int, error)
}
