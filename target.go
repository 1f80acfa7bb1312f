package rankfile

import (
	"strings"
	"time"
	"unicode"
)

// A target is a person a field campaign means to reach: someone on a voter
// file or a list the campaign imported, or met on the doors. Targets are
// not members: they are kept apart from the roster, in their campaign, and
// link to a member (MemberID) once they join. People at one address (one
// unit of a building) make a household, which is the door a canvasser
// knocks on.

// HouseholdAddress is where a household lives, normalized so that one
// address has one spelling: "1234 north Main Street apt 5" and "1234 N
// Main St #5" are the same door.
type HouseholdAddress struct {
	Number string `json:"number"` // the house number, "1234" or "1234-B"
	Street string `json:"street"` // "N Main St"
	Unit   string `json:"unit,omitempty"`
	City   string `json:"city,omitempty"`
	State  string `json:"state,omitempty"`
	Zip    string `json:"zip,omitempty"`
}

// Key is the address as a household is found by: its DoorKey and its ZIP
// code (or city when there is none).
func (a HouseholdAddress) Key() string {
	place := a.Zip
	if place == "" {
		place = a.City
	}
	return a.DoorKey() + "|" + strings.ToUpper(place)
}

// DoorKey is the address without its place: number, street and unit, in
// capitals. The do-not-contact list holds addresses so, as people write
// them to a campaign.
func (a HouseholdAddress) DoorKey() string {
	return strings.ToUpper(a.Number + "|" + a.Street + "|" + a.Unit)
}

// Line writes the address on one line, as a walk sheet prints it.
func (a HouseholdAddress) Line() string {
	line := strings.TrimSpace(a.Number + " " + a.Street)
	if a.Unit != "" {
		line += " #" + a.Unit
	}
	return line
}

// HouseNumber returns the number's leading digits as a number, for
// ordering doors along a street; 0 when it has none.
func (a HouseholdAddress) HouseNumber() int {
	n := 0
	for _, r := range a.Number {
		if r < '0' || r > '9' || n > 1_000_000 {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// Household is one door of a campaign: the people at one address.
type Household struct {
	ID         int64            `json:"id"`
	CampaignID int64            `json:"campaign_id"`
	Address    HouseholdAddress `json:"address"`
	Point      *Point           `json:"point,omitempty"`
}

// Target is one person of a campaign's universe.
type Target struct {
	ID          int64  `json:"id"`
	CampaignID  int64  `json:"campaign_id"`
	HouseholdID int64  `json:"household_id,omitempty"`
	SourceID    int64  `json:"source_id,omitempty"`
	ExternalID  string `json:"external_id,omitempty"` // the list's own id, such as a voter id
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Phone       string `json:"phone,omitempty"` // E.164, +12135550101
	Email       string `json:"email,omitempty"`
	MemberID    int64  `json:"member_id,omitempty"`
	// DoNotContact is set when the person asked not to be contacted.
	DoNotContact bool `json:"do_not_contact"`
	// KeepInTouch is set when the person asked to hear from the campaign
	// again: retention never purges them.
	KeepInTouch bool      `json:"keep_in_touch"`
	LastHeardOn Date      `json:"last_heard_on,omitzero"`
	CreatedAt   time.Time `json:"created_at"`
}

// TargetFilter chooses a campaign's targets for a page of its list.
type TargetFilter struct {
	CampaignID  int64
	HouseholdID int64
	// Query matches a first or last name, or a street, by its start or
	// any part, case aside.
	Query  string
	Offset int
	Limit  int
}

// Name returns the target's full name.
func (c *Target) Name() string { return strings.TrimSpace(c.FirstName + " " + c.LastName) }

// NormalizePhone writes a phone number in E.164 form. A number of ten
// digits (or eleven starting with 1) is North American, and its area code
// and exchange must not start with 0 or 1; a number written with a leading
// "+" is kept as its 8 to 15 digits. Spaces, dots, dashes and brackets are
// ignored; anything else, or another length, is not a phone number.
func NormalizePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	plus := strings.HasPrefix(s, "+")
	var digits []byte
	for _, r := range strings.TrimPrefix(s, "+") {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		default:
			return "", Errorf(EINVALID, "%q is not a phone number", s)
		}
	}
	if plus && len(digits) >= 8 && len(digits) <= 15 && digits[0] != '0' {
		return "+" + string(digits), nil
	}
	if len(digits) == 11 && digits[0] == '1' {
		digits = digits[1:]
	}
	if len(digits) != 10 || digits[0] < '2' || digits[3] < '2' {
		return "", Errorf(EINVALID, "%q is not a phone number: write ten digits, or + and the country code", s)
	}
	return "+1" + string(digits), nil
}

// FormatPhone writes a number NormalizePhone wrote as people read it:
// "(213) 555-0101" for a North American number, as it is otherwise.
func FormatPhone(e164 string) string {
	d := strings.TrimPrefix(e164, "+1")
	if len(d) != 10 || len(e164) != 12 {
		return e164
	}
	return "(" + d[:3] + ") " + d[3:6] + "-" + d[6:]
}

// streetWords are the words of street names written the way the US
// Postal Service abbreviates them, by the word in capitals.
var streetWords = map[string]string{
	"NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W",
	"NORTHEAST": "NE", "NORTHWEST": "NW", "SOUTHEAST": "SE", "SOUTHWEST": "SW",
	"STREET": "St", "ST": "St", "AVENUE": "Ave", "AVE": "Ave", "AV": "Ave", "BOULEVARD": "Blvd", "BLVD": "Blvd",
	"ROAD": "Rd", "RD": "Rd", "DRIVE": "Dr", "DR": "Dr", "LANE": "Ln", "LN": "Ln", "COURT": "Ct", "CT": "Ct",
	"PLACE": "Pl", "PL": "Pl", "TERRACE": "Ter", "TER": "Ter", "HIGHWAY": "Hwy", "HWY": "Hwy",
	"PARKWAY": "Pkwy", "PKWY": "Pkwy", "CIRCLE": "Cir", "CIR": "Cir", "WAY": "Way", "SQUARE": "Sq", "SQ": "Sq",
	"N": "N", "S": "S", "E": "E", "W": "W", "NE": "NE", "NW": "NW", "SE": "SE", "SW": "SW",
}

// NormalizeStreet writes a street name one way: single spaces, each word
// capitalized, and directions and street types abbreviated as the Postal
// Service does ("north main street" is "N Main St").
func NormalizeStreet(s string) string {
	words := strings.Fields(strings.NewReplacer(".", " ", ",", " ").Replace(s))
	for i, w := range words {
		if short, ok := streetWords[strings.ToUpper(w)]; ok {
			words[i] = short
			continue
		}
		words[i] = capitalize(w)
	}
	return strings.Join(words, " ")
}

// capitalize writes a word with its first letter in capitals and the rest
// in small letters; an ordinal such as 3RD becomes 3rd.
func capitalize(w string) string {
	runes := []rune(strings.ToLower(w))
	if len(runes) > 0 && unicode.IsLetter(runes[0]) {
		runes[0] = unicode.ToUpper(runes[0])
	}
	return string(runes)
}

// unitWords introduce an apartment or unit at the end of an address line.
var unitWords = map[string]bool{"APT": true, "APARTMENT": true, "UNIT": true, "STE": true, "SUITE": true, "#": true, "NO": true}

// ParseAddressLine splits a one-line street address ("1234 N Main Street
// Apt 5") into its number, normalized street and unit. A line that does
// not start with a number is refused: a door needs one.
func ParseAddressLine(line string) (number, street, unit string, err error) {
	words := strings.Fields(strings.ReplaceAll(line, "#", " # "))
	if len(words) < 2 || words[0][0] < '0' || words[0][0] > '9' {
		return "", "", "", Errorf(EINVALID, "%q does not start with a house number", strings.TrimSpace(line))
	}
	number, words = strings.ToUpper(words[0]), words[1:]
	for i := len(words) - 1; i > 0; i-- {
		if unitWords[strings.ToUpper(strings.TrimSuffix(words[i], "."))] {
			unit = strings.ToUpper(strings.Join(words[i+1:], ""))
			words = words[:i]
			break
		}
	}
	if street = NormalizeStreet(strings.Join(words, " ")); street == "" {
		return "", "", "", Errorf(EINVALID, "%q has no street name", strings.TrimSpace(line))
	}
	return number, street, unit, nil
}
