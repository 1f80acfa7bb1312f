package rankfile

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Member is a person on the chapter's roster, as the national list and the
// chapter's own records describe them. Sensitive fields (race, accommodations)
// are not here: they live in MemberSensitive so that no code reads them by
// accident.
type Member struct {
	ID         int64  `json:"id"`
	NationalID string `json:"national_id"` // ActionKit id from the national list

	FirstName  string `json:"first_name"`
	MiddleName string `json:"middle_name"`
	LastName   string `json:"last_name"`
	Suffix     string `json:"suffix"`

	Email       string `json:"email"` // lower case
	BestPhone   string `json:"best_phone"`
	MobilePhone string `json:"mobile_phone"`
	HomePhone   string `json:"home_phone"`
	WorkPhone   string `json:"work_phone"`

	Mailing Address `json:"mailing"`
	Billing Address `json:"billing"`
	Country string  `json:"country"`

	JoinDate          Date   `json:"join_date"`
	Xdate             Date   `json:"xdate"` // when the membership expires
	MembershipType    string `json:"membership_type"`
	MonthlyDuesStatus string `json:"monthly_dues_status"`
	YearlyDuesStatus  string `json:"yearly_dues_status"`
	MembershipStatus  string `json:"membership_status"` // as printed on the list
	StatusLetter      string `json:"memb_status_letter"`

	Contact ContactPreferences `json:"contact"`

	UnionMember       string `json:"union_member"`
	UnionName         string `json:"union_name"`
	UnionLocal        string `json:"union_local"`
	Student           string `json:"student"`
	StudentSchoolName string `json:"student_school_name"`
	YDSAChapter       string `json:"ydsa_chapter"`
	Chapter           string `json:"dsa_chapter"`
	// ChapterID is the chapter body the member is placed in (see
	// chapter.go); 0 for a member at large.
	ChapterID int64 `json:"chapter_id"`

	Roster RosterState `json:"roster"`
	Branch BranchState `json:"branch"`
	// Preferences are the member's own choices made in rankfile.
	Preferences Preferences `json:"preferences"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Address is a postal address.
type Address struct {
	Line1 string `json:"address1"`
	Line2 string `json:"address2"`
	City  string `json:"city"`
	State string `json:"state"`
	Zip   string `json:"zip"`
}

// ContactPreferences are the member's wishes about being contacted, as
// the national list says them.
type ContactPreferences struct {
	MailPreference string `json:"mail_preference"`
	DoNotCall      bool   `json:"do_not_call"`
	TextOptOut     bool   `json:"text_opt_out"`
}

// Preferences are the choices a member makes in rankfile: the language
// they read, and how they wish to be contacted. A nil choice follows the
// national list; a choice made here wins over it, being the member's own
// and more recent.
type Preferences struct {
	Language       string  `json:"language"` // a tag rankfile speaks, or "" for the browser's
	MailPreference *string `json:"mail_preference,omitempty"`
	DoNotCall      *bool   `json:"do_not_call,omitempty"`
	TextOptOut     *bool   `json:"text_opt_out,omitempty"`
	// WeeklyEmail is false for a member who asked not to get the weekly
	// email; nil (never asked) gets it, as does true.
	WeeklyEmail *bool `json:"weekly_email,omitempty"`
}

// WantsWeekly reports whether the member's choices let the weekly email
// come: it does unless they turned it off.
func (p Preferences) WantsWeekly() bool { return p.WeeklyEmail == nil || *p.WeeklyEmail }

// LanguageTags are the languages rankfile speaks; the first is the default.
var LanguageTags = []string{"en", "es"}

// Validate checks preferences before they are stored.
func (p *Preferences) Validate() error {
	if p.Language == "" {
		return nil
	}
	for _, tag := range LanguageTags {
		if p.Language == tag {
			return nil
		}
	}
	return Errorf(EINVALID, "rankfile does not speak %q", p.Language)
}

// ContactWishes returns how the member wishes to be contacted: their own
// choices, else the national list's. Everything that contacts members asks
// here.
func (m *Member) ContactWishes() ContactPreferences {
	c := m.Contact
	if p := m.Preferences.MailPreference; p != nil {
		c.MailPreference = *p
	}
	if p := m.Preferences.DoNotCall; p != nil {
		c.DoNotCall = *p
	}
	if p := m.Preferences.TextOptOut; p != nil {
		c.TextOptOut = *p
	}
	return c
}

// RosterState is what the national lists have said about a member.
type RosterState struct {
	// ListStanding is the standing the newest list gave, or lapsed when the
	// member is missing from it.
	ListStanding Standing `json:"list_standing"`
	// OnList is false once a newer list no longer carries the member.
	OnList bool `json:"on_list"`
	// ListDate is the as-of date of the newest list that carried the member.
	ListDate Date `json:"list_date"`
	// Override is the chapter's standing override, if one was ever recorded
	// and still stands (it may have ended: see ActiveOn).
	Override *StandingOverride `json:"override,omitempty"`
}

// BranchState is the member's branch: where they live, or where they chose.
type BranchState struct {
	// LocatedID is the branch whose boundary holds the member's point; 0 when
	// the point is unknown or outside every branch.
	LocatedID int64 `json:"located_id"`
	// ChosenID is a branch the member chose instead; 0 when none.
	ChosenID int64 `json:"chosen_id"`
	// Slug is the slug of the effective branch, "" when unassigned.
	Slug string `json:"slug"`
	// Point is the member's own coordinates when known.
	Point *Point `json:"point,omitempty"`
}

// ID returns the effective branch: the chosen one when set, else the located one.
func (b BranchState) ID() int64 {
	if b.ChosenID != 0 {
		return b.ChosenID
	}
	return b.LocatedID
}

// Point is a place on Earth in WGS 84 degrees.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Validate checks that p is a place on Earth.
func (p *Point) Validate() error {
	if p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
		return Errorf(EINVALID, "%g, %g is not a latitude and longitude", p.Lat, p.Lon)
	}
	return nil
}

// ParsePoint reads a point written "lat,lon", as String writes it, and
// checks it is a place on Earth.
func ParsePoint(s string) (*Point, error) {
	lat, lon, found := strings.Cut(s, ",")
	p := &Point{}
	var err1, err2 error
	p.Lat, err1 = strconv.ParseFloat(strings.TrimSpace(lat), 64)
	p.Lon, err2 = strconv.ParseFloat(strings.TrimSpace(lon), 64)
	if !found || err1 != nil || err2 != nil {
		return nil, Errorf(EINVALID, "%q is not a latitude and longitude", s)
	}
	return p, p.Validate()
}

// String writes p as "lat,lon".
func (p *Point) String() string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(p.Lat, 'f', -1, 64) + "," + strconv.FormatFloat(p.Lon, 'f', -1, 64)
}

// FullName joins the member's names for display.
func (m *Member) FullName() string {
	name := m.FirstName
	for _, part := range []string{m.MiddleName, m.LastName, m.Suffix} {
		if part != "" {
			name += " " + part
		}
	}
	return name
}

// Phone is the number to reach the member at: their mobile, else the one
// national marks best, else their home phone.
func (m *Member) Phone() string {
	for _, p := range []string{m.MobilePhone, m.BestPhone, m.HomePhone} {
		if p != "" {
			return p
		}
	}
	return ""
}

// StandingOn returns the member's effective standing on day d.
func (m *Member) StandingOn(d Date) Standing {
	return EffectiveStanding(m.Roster.ListStanding, m.Roster.Override, d)
}

// MemberSensitive holds the fields a political organization must guard most:
// they are stored apart, shown only to data stewards, and never copied into
// history.
type MemberSensitive struct {
	MemberID       int64  `json:"member_id"`
	Race           string `json:"race"`
	Accommodations string `json:"accommodations"`
}

// MemberFilter selects members. Zero fields do not filter.
type MemberFilter struct {
	ID         int64
	NationalID string
	Email      string
	// Standing filters by effective standing on day AsOf (today when zero).
	Standing Standing
	AsOf     Date
	// BranchSlug filters by effective branch; Unassigned selects members
	// without one.
	BranchSlug string
	Unassigned bool
	// BodyID selects the members holding a position in the body on AsOf.
	BodyID int64
	// ChapterID selects the members placed in a chapter.
	ChapterID int64
	// NeighborhoodID selects the members of a neighborhood group: the ones
	// who chose it, and the others placed in it by where they live.
	NeighborhoodID int64
	// Search matches names, email addresses and mailing ZIPs by their
	// beginning: for those who see all three, the data stewards.
	Search string
	// Name matches names only, by their beginning: for searches whose
	// results show names and nothing else, so that nobody can learn an
	// address or a ZIP by searching for it.
	Name string

	Offset int
	Limit  int // 0 means no limit

	// Brief reads only what a list of members shows: ids, names, email
	// address and phones, mailing ZIP, standing (with any override) and
	// branch. The other fields are left empty. A page of fifty brief
	// members costs a third of fifty whole ones.
	Brief bool
}

// MemberService reads and changes members.
type MemberService interface {
	// FindMember returns one member. ENOTFOUND when no member matches.
	FindMember(ctx context.Context, filter MemberFilter) (*Member, error)

	// FindMembers returns members in last name, first name order and the
	// number of members matching the filter without Offset and Limit.
	FindMembers(ctx context.Context, filter MemberFilter) ([]*Member, int, error)

	// FindMemberSensitive returns the sensitive fields of a member.
	FindMemberSensitive(ctx context.Context, memberID int64) (*MemberSensitive, error)

	// MemberHistory returns every recorded change to a member, oldest first.
	MemberHistory(ctx context.Context, memberID int64) ([]*MemberChange, error)

	// SetStandingOverride records the chapter's override of a member's
	// standing, replacing an earlier one. EINVALID for a bad override.
	SetStandingOverride(ctx context.Context, o *StandingOverride) error

	// RevokeStandingOverride withdraws the member's override. ENOTFOUND when
	// the member has none.
	RevokeStandingOverride(ctx context.Context, memberID int64, by string) error

	// SetPreferences records the member's own choices.
	SetPreferences(ctx context.Context, memberID int64, p Preferences) error

	// ChooseBranch records the branch a member chose instead of the one they
	// live in; slug "" clears the choice. ENOTFOUND for an unknown branch.
	ChooseBranch(ctx context.Context, memberID int64, slug, by string) error

	// SetPoint records where a member lives, more precisely than their ZIP
	// (nil forgets it), and places them in the branch that point lies in.
	// EINVALID for coordinates out of range.
	SetPoint(ctx context.Context, memberID int64, p *Point, by string) error
}
