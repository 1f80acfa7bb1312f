package rankfile

import (
	"strings"
	"time"
)

// Standing is a member's standing in the organization. Only members in good
// standing sign petitions, vote and run for office.
type Standing string

// The standings, in the words national member lists use.
const (
	StandingGood   Standing = "good"   // "Member in Good Standing"
	StandingMember Standing = "member" // "Member": on the list, dues not current
	StandingLapsed Standing = "lapsed" // "Lapsed", or missing from the newest list
)

// ParseStanding reads a standing as written on the command line or in a URL.
func ParseStanding(s string) (Standing, error) {
	switch st := Standing(strings.ToLower(strings.TrimSpace(s))); st {
	case StandingGood, StandingMember, StandingLapsed:
		return st, nil
	}
	return "", Errorf(EINVALID, "unknown standing %q (want good, member or lapsed)", s)
}

// IsGood reports whether s is good standing.
func (s Standing) IsGood() bool { return s == StandingGood }

// national membership_status values, compared case-insensitively.
var listStatuses = map[string]Standing{
	"member in good standing": StandingGood,
	"member":                  StandingMember,
	"lapsed":                  StandingLapsed,
}

// StandingFromList decides the standing a national list gives a member as of
// the list's date. This is the one place the rule lives:
//   - the list's own membership_status wins when the list has that column;
//   - without it, a member is in good standing when their membership expires
//     (xdate) on or after the as-of date, and lapsed otherwise.
//
// An unknown status, or a missing xdate on a list without statuses, is an
// error rather than a guess: the record is rejected and the member keeps the
// standing they had.
func StandingFromList(status string, hasStatus bool, xdate, asOf Date) (Standing, error) {
	if hasStatus {
		st, ok := listStatuses[strings.ToLower(strings.TrimSpace(status))]
		if !ok {
			return "", Errorf(EINVALID, "unknown membership_status %q (want Member in Good Standing, Member or Lapsed)", status)
		}
		return st, nil
	}
	if xdate.IsZero() {
		return "", Errorf(EINVALID, "no xdate, and the list has no membership_status to decide standing")
	}
	if xdate.Before(asOf) {
		return StandingLapsed, nil
	}
	return StandingGood, nil
}

// StandingOverride is the chapter's own decision about a member's standing,
// such as a local dues waiver or a correction of a national error. It is
// always shown as an override, never folded silently into the list's verdict.
type StandingOverride struct {
	ID        int64     `json:"id"`
	MemberID  int64     `json:"member_id"`
	Standing  Standing  `json:"standing"`
	Reason    string    `json:"reason"`
	Author    string    `json:"author"`
	CreatedAt time.Time `json:"created_at"`
	// Until is the last day the override applies; zero means until revoked.
	Until Date `json:"until"`
	// RevokedAt is when the override was withdrawn; zero while it stands.
	RevokedAt time.Time `json:"revoked_at,omitzero"`
	RevokedBy string    `json:"revoked_by,omitempty"`
}

// ActiveOn reports whether the override applies on day d.
func (o *StandingOverride) ActiveOn(d Date) bool {
	if o == nil || !o.RevokedAt.IsZero() {
		return false
	}
	return o.Until.IsZero() || !o.Until.Before(d)
}

// Validate checks an override before it is recorded on day today.
func (o *StandingOverride) Validate(today Date) error {
	if _, err := ParseStanding(string(o.Standing)); err != nil {
		return err
	}
	if strings.TrimSpace(o.Reason) == "" {
		return Errorf(EINVALID, "an override needs a reason")
	}
	if strings.TrimSpace(o.Author) == "" {
		return Errorf(EINVALID, "an override needs an author")
	}
	if !o.Until.IsZero() && o.Until.Before(today) {
		return Errorf(EINVALID, "the override would end on %s, which has passed", o.Until)
	}
	return CheckDates("an override's end", o.Until)
}

// EffectiveStanding combines the list's verdict with an override active on
// day d. It is the standing every feature uses.
func EffectiveStanding(list Standing, o *StandingOverride, d Date) Standing {
	if o.ActiveOn(d) {
		return o.Standing
	}
	return list
}
