package rankfile

import (
	"fmt"
	"strconv"
	"time"
)

// Signatures: who signed, how many count, and how many a proposal needs.

// SignatureCount is how many members signed a proposal, and how many of
// them count: those in good standing today.
type SignatureCount struct {
	Total int `json:"total"`
	Valid int `json:"valid"`
}

// Summary says how many signatures there are and how many count, and why
// any do not: "52 signatures, 50 count: 2 signers are no longer in good
// standing".
func (c SignatureCount) Summary() string {
	note := plural(c.Total, "signature", "signatures") + ", " + plural(c.Valid, "counts", "count")
	switch gone := c.Total - c.Valid; gone {
	case 0:
	case 1:
		note += ": 1 signer is no longer in good standing"
	default:
		note += fmt.Sprintf(": %d signers are no longer in good standing", gone)
	}
	return note
}

// Note says the same as Summary as a note (NoteMessage), for the
// proposal's history and for pages and emails in each reader's language.
func (c SignatureCount) Note() string {
	if gone := c.Total - c.Valid; gone > 0 {
		return NoteMessage("proposal.note.signatures.gone", "Total", c.Total, "Valid", c.Valid, "Gone", gone)
	}
	return NoteMessage("proposal.note.signatures", "Total", c.Total, "Valid", c.Valid)
}

// plural writes n with the word for one or for several.
func plural(n int, one, several string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + several
}

// CheckSignable refuses a signature when the proposal takes none: before
// signatures open, after its deadline, once scheduled or decided. Dates
// are told in now's location: give it in the chapter's.
func (p *Proposal) CheckSignable(now time.Time) error {
	switch p.StatusAt(now) {
	case ProposalCollecting, ProposalQualified:
		if !p.Deadline.IsZero() && !now.Before(p.Deadline) {
			return Errorf(ECONFLICT, "signatures for %q closed on %s", p.Title, p.Deadline.In(now.Location()).Format("2 January 2006"))
		}
		return nil
	case ProposalDraft:
		return Errorf(ECONFLICT, "%q is a draft and takes no signatures yet", p.Title)
	case ProposalExpired:
		return Errorf(ECONFLICT, "signatures for %q closed on %s", p.Title, p.Deadline.In(now.Location()).Format("2 January 2006"))
	}
	return Errorf(ECONFLICT, "%q is %s and takes no more signatures", p.Title, p.Status)
}

// CheckUnsignable refuses to take a signature back once the proposal has
// qualified: the signatures that qualified it stand.
func (p *Proposal) CheckUnsignable(now time.Time) error {
	if s := p.StatusAt(now); s != ProposalCollecting {
		return Errorf(ECONFLICT, "%q is %s: signatures can be withdrawn only while it collects them", p.Title, s)
	}
	return nil
}

// Qualifies reports whether a count of signatures meets the threshold.
func (p *Proposal) Qualifies(c SignatureCount) bool { return p.Threshold > 0 && c.Valid >= p.Threshold }

// Default signature thresholds: chapter-wide business needs more members
// in support than a branch's or a committee's.
const (
	DefaultChapterThreshold = 50
	DefaultBodyThreshold    = 10
)

// ThresholdSetting names the setting that overrides the threshold of
// proposals of a kind before a body, and the one for every kind before it.
func ThresholdSetting(bodySlug string, kind ProposalKind) (forKind, forBody string) {
	return "signatures_needed." + bodySlug + "." + string(kind), "signatures_needed." + bodySlug
}

// SignatureThreshold is how many valid signatures a proposal of a kind
// before a body needs: the setting for that kind and body, else the one
// for the body, else the default for its kind of body.
func SignatureThreshold(body *Body, kind ProposalKind, setting func(key string) string) (int, error) {
	forKind, forBody := ThresholdSetting(body.Slug, kind)
	for _, key := range []string{forKind, forBody} {
		if v := setting(key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return 0, Errorf(EINVALID, "the setting %s is %q, not a number of signatures", key, v)
			}
			return n, nil
		}
	}
	switch body.Kind {
	case KindChapter, KindNational:
		return DefaultChapterThreshold, nil
	}
	return DefaultBodyThreshold, nil
}

// Signature is a member's signature in support of a proposal.
type Signature struct {
	ProposalID int64  `json:"proposal_id"`
	MemberID   int64  `json:"member_id,omitempty"`
	Name       string `json:"name,omitempty"`
	Branch     string `json:"branch,omitempty"` // the name of the signer's branch
	// SignedAt is the moment the signature was given, shown only to the
	// signer and to data stewards; SignedOn is its day, for everyone.
	SignedAt time.Time `json:"signed_at,omitzero"`
	SignedOn Date      `json:"signed_on"`
	// Version is the version of the text the signer signed.
	Version int `json:"version"`
	// Paper is set for a signature collected on paper, entered by a steward.
	Paper bool `json:"paper,omitempty"`
	// Valid is whether the signer is in good standing today.
	Valid bool `json:"valid"`
	// Anonymous is set when the signer asked members to see only their
	// branch; stewards still see the name.
	Anonymous bool `json:"anonymous,omitempty"`
}

// ShowTo leaves of the signature what the actor may see: the day it was
// given but not the moment, which could be matched to whatever else the
// signer did then, and no name for a signer who asked to be shown by
// branch alone; the signer and data stewards see it all.
func (s *Signature) ShowTo(a *Actor, zone *time.Location) {
	s.SignedOn = DateOf(s.SignedAt.In(zone))
	if s.MemberID == a.ID() || a.CanSeeSignerNames() {
		return
	}
	s.SignedAt = time.Time{}
	if s.Anonymous {
		s.Name, s.MemberID = "", 0
	}
}
