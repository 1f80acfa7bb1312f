package rankfile

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// A campaign is the chapter's field program for one fight: an endorsed
// candidate, a ballot measure, a tenants' or workers' campaign. It belongs
// to a body (the working group that runs it), and has its own universe of
// targets, kept apart from the roster and from other campaigns'.

// CampaignKind says what a campaign is for.
type CampaignKind string

// Campaign kinds.
const (
	CampaignCandidate CampaignKind = "candidate" // an endorsed candidate's election
	CampaignMeasure   CampaignKind = "measure"   // a ballot measure
	CampaignTenant    CampaignKind = "tenant"    // a tenants' campaign
	CampaignLabor     CampaignKind = "labor"     // a workers' campaign
	CampaignIssue     CampaignKind = "issue"     // any other campaign
)

// CampaignKinds lists the kinds in the order forms show them.
var CampaignKinds = []CampaignKind{CampaignCandidate, CampaignMeasure, CampaignTenant, CampaignLabor, CampaignIssue}

// Campaign is one field campaign.
type Campaign struct {
	ID          int64        `json:"id"`
	BodyID      int64        `json:"body_id"`
	Name        string       `json:"name"`
	Kind        CampaignKind `json:"kind"`
	Description string       `json:"description,omitempty"`
	// RetentionMonths purges targets not heard from in this many months,
	// unless they asked to stay in touch; 0 keeps them while the campaign
	// lasts.
	RetentionMonths int       `json:"retention_months"`
	CreatedAt       time.Time `json:"created_at"`
	ClosedAt        time.Time `json:"closed_at,omitzero"`
}

// MaxRetentionMonths bounds how long a campaign may keep the people it
// met: ten years.
const MaxRetentionMonths = 120

// Validate checks the campaign's name, kind and retention.
func (c *Campaign) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	switch {
	case c.Name == "" || utf8.RuneCountInString(c.Name) > 120:
		return FieldErrorf("name", EINVALID, "a campaign needs a name of at most 120 characters")
	case !slices.Contains(CampaignKinds, c.Kind):
		return FieldErrorf("kind", EINVALID, "%q is not a kind of campaign", c.Kind)
	case c.BodyID == 0:
		return FieldErrorf("body", EINVALID, "a campaign belongs to a body")
	case c.RetentionMonths < 0 || c.RetentionMonths > MaxRetentionMonths:
		return FieldErrorf("retention_months", EINVALID, "keep targets 0 to %d months", MaxRetentionMonths)
	}
	return nil
}

// SameTarget is the rule by which an imported row is merged into a target
// the campaign already has, rather than added. Two are the same person
// when
//   - both carry an id from the same source (a voter id), and the ids
//     match: the list's own word, whatever else differs;
//   - otherwise, their names match (case and accents aside) and they live
//     in the same household;
//   - otherwise, their last names match and they share a phone number or
//     an email address.
//
// Anything less (a shared phone between two names, a name at two
// addresses) is two people: a wrong merge loses a person, a missed one
// only means a door or a call twice.
func SameTarget(a, b *Target) bool {
	if a.ExternalID != "" && b.ExternalID != "" && a.SourceID == b.SourceID {
		return a.ExternalID == b.ExternalID
	}
	sameLast := FoldName(a.LastName) == FoldName(b.LastName)
	if sameLast && FoldName(a.FirstName) == FoldName(b.FirstName) && a.HouseholdID != 0 && a.HouseholdID == b.HouseholdID {
		return true
	}
	return sameLast && ((a.Phone != "" && a.Phone == b.Phone) || (a.Email != "" && a.Email == b.Email))
}

// Merge fills the target's empty fields from a newer row of the same
// person; what the target already holds is kept, since a canvasser may
// have corrected it at the door.
func (c *Target) Merge(row *Target) {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	if c.ExternalID == "" && row.ExternalID != "" {
		c.ExternalID, c.SourceID = row.ExternalID, row.SourceID // an id means something only with its list
	}
	fill(&c.FirstName, row.FirstName)
	fill(&c.LastName, row.LastName)
	fill(&c.Phone, row.Phone)
	fill(&c.Email, row.Email)
	if c.HouseholdID == 0 {
		c.HouseholdID = row.HouseholdID
	}
}

// Audit actions of the field program.
const (
	AuditChangeCampaign = "change_campaign" // created or changed a campaign
	AuditImportTargets  = "import_targets"  // imported a list into a campaign's targets
	AuditDoNotContact   = "do_not_contact"  // added a phone, email or address to the do-not-contact list
	AuditPurgeTargets   = "purge_targets"   // deleted targets not heard from in the campaign's retention
	AuditLinkTarget     = "link_target"     // linked a target to the member they became
	AuditExportTarget   = "export_target"   // downloaded everything kept on a target, who asked for it
)

// TargetImport says what an import did.
type TargetImport struct {
	SourceID   int64 `json:"source_id"`
	Added      int   `json:"added"`      // new targets
	Merged     int   `json:"merged"`     // rows that were targets already (SameTarget)
	Households int   `json:"households"` // new households
	Skipped    int   `json:"skipped"`    // rows on the do-not-contact list, left out
}

// Do-not-contact kinds: what an entry of the list matches.
const (
	DoNotContactPhone   = "phone"   // a phone number in E.164
	DoNotContactEmail   = "email"   // an email address, in small letters
	DoNotContactAddress = "address" // a door, by its DoorKey
)

// DoNotContactEntry is one entry of the chapter's do-not-contact list.
type DoNotContactEntry struct {
	Kind    string    `json:"kind"`
	Value   string    `json:"value"`
	Reason  string    `json:"reason,omitempty"`
	AddedAt time.Time `json:"added_at"`
}

// CampaignService keeps the field program's campaigns and their targets.
type CampaignService interface {
	CampaignScriptService // scripts and surveys (campaign_script.go)
	// CreateCampaign stores a new campaign.
	CreateCampaign(ctx context.Context, c *Campaign) error
	// FindCampaigns lists the campaigns, newest first, or the one with id
	// (ENOTFOUND if none).
	FindCampaigns(ctx context.Context, id int64) ([]*Campaign, error)
	// ImportTargets adds a list's rows to a campaign, under the source of
	// that name (made if new, its mapping kept), merging rows that are
	// targets already (SameTarget) and leaving out rows on the
	// do-not-contact list: all of it, or nothing.
	ImportTargets(ctx context.Context, campaignID int64, source string, m TargetMapping, rows []TargetRow) (*TargetImport, error)
	// TargetSources returns the mappings of a campaign's sources by
	// name, for the next import of each.
	TargetSources(ctx context.Context, campaignID int64) (map[string]TargetMapping, error)
	// Targets lists a campaign's targets by household and name.
	Targets(ctx context.Context, campaignID int64) ([]*Target, error)
	// Households lists a campaign's households by street and number.
	Households(ctx context.Context, campaignID int64) ([]*Household, error)
	// AddDoNotContact puts an entry on the do-not-contact list and marks
	// the targets it matches in every campaign.
	AddDoNotContact(ctx context.Context, e *DoNotContactEntry) error
	// UnlocatedHouseholds lists up to limit of a campaign's households
	// without coordinates that no geocoder has failed to find yet.
	UnlocatedHouseholds(ctx context.Context, campaignID int64, limit int) ([]*Household, error)
	// LocateHousehold stores where a household is, or with nil that the
	// geocoder could not find it (so it is not asked again).
	LocateHousehold(ctx context.Context, householdID int64, p *Point) error
	// PurgeTargets deletes the targets each campaign's retention no longer
	// keeps (not heard from in RetentionMonths before today, and not asked
	// to stay in touch), keeping their attempts without who answered.
	PurgeTargets(ctx context.Context, today Date) (int, error)
	// UpdateCampaign stores a campaign's name, kind, description,
	// retention and closing: ENOTFOUND if there is no such campaign.
	UpdateCampaign(ctx context.Context, c *Campaign) error
	// CampaignCounts counts a campaign's targets and doors.
	CampaignCounts(ctx context.Context, campaignID int64) (*CampaignCounts, error)
	// DoNotContactList lists the do-not-contact list, newest first.
	DoNotContactList(ctx context.Context) ([]*DoNotContactEntry, error)
	// FindTargets lists a campaign's targets matching the filter, by
	// street, number, unit and name, with how many match in all.
	FindTargets(ctx context.Context, f TargetFilter) ([]*Target, int, error)
	// FindTarget returns one target, ENOTFOUND if none.
	FindTarget(ctx context.Context, id int64) (*Target, error)
	// FindHousehold returns one household, ENOTFOUND if none.
	FindHousehold(ctx context.Context, id int64) (*Household, error)
	// LinkTarget links a target to the member they became (0 unlinks):
	// ENOTFOUND for no such target, ECONFLICT when the member is linked
	// to another target of the campaign already.
	LinkTarget(ctx context.Context, targetID, memberID int64) error
}

// CampaignCounts is what a campaign's summary counts.
type CampaignCounts struct {
	Targets    int `json:"targets"`
	Households int `json:"households"`
	Located    int `json:"located"`        // households with coordinates
	Missed     int `json:"geocode_missed"` // households the geocoder could not find
	Members    int `json:"members"`        // targets linked to a member
}

// Closed reports whether the campaign has been closed: its pages stay,
// and nothing new is imported or cut.
func (c *Campaign) Closed() bool { return !c.ClosedAt.IsZero() }

// Normalize checks an entry's kind and writes its value the way targets
// hold it, so that it matches them.
func (e *DoNotContactEntry) Normalize() error {
	e.Value = strings.TrimSpace(e.Value)
	switch e.Kind {
	case DoNotContactPhone:
		phone, err := NormalizePhone(e.Value)
		e.Value = phone
		return err
	case DoNotContactEmail:
		email, err := NormalizeEmail(e.Value)
		e.Value = email
		return err
	case DoNotContactAddress:
		number, street, unit, err := ParseAddressLine(e.Value)
		if err != nil {
			return err
		}
		e.Value = HouseholdAddress{Number: number, Street: street, Unit: unit}.DoorKey()
	default:
		return Errorf(EINVALID, "%q is not a kind of do-not-contact entry: phone, email or address", e.Kind)
	}
	return nil
}

// Geocoder finds where an address is: ENOTFOUND when it knows no such
// place (see the geocode package).
type Geocoder interface {
	Locate(ctx context.Context, address string) (*Point, error)
}

// GeocoderLine writes a household's address as geocoders read it:
// "1234 N Main St #5, Los Angeles, CA 90026".
func (a HouseholdAddress) GeocoderLine() string {
	parts := []string{a.Line()}
	if a.City != "" {
		parts = append(parts, a.City)
	}
	if place := strings.TrimSpace(a.State + " " + a.Zip); place != "" {
		parts = append(parts, place)
	}
	return strings.Join(parts, ", ")
}
