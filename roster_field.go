package rankfile

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FieldType says how a roster field's text is normalized and stored.
type FieldType int

// Field types.
const (
	FieldText  FieldType = iota // trimmed, Unicode NFC
	FieldEmail                  // trimmed, lower case
	FieldZip                    // 5 digits, or ZIP+4 as 12345-6789
	FieldDate                   // YYYY-MM-DD
	FieldBool                   // "true" or "false"
)

// RosterField describes one member field that national lists carry.
type RosterField struct {
	// Name is the field's column in rankfile's database and its JSON name.
	Name string
	Type FieldType
	// Sensitive fields are stored apart from the member and never copied
	// into history.
	Sensitive bool
}

// Indexes into RosterFields and RosterRecord.Values.
const (
	FieldNationalID = iota
	FieldFirstName
	FieldMiddleName
	FieldLastName
	FieldSuffix
	FieldEmailAddress
	FieldBestPhone
	FieldMobilePhone
	FieldHomePhone
	FieldWorkPhone
	FieldMailingAddress1
	FieldMailingAddress2
	FieldMailingCity
	FieldMailingState
	FieldMailingZip
	FieldBillingAddress1
	FieldBillingAddress2
	FieldBillingCity
	FieldBillingState
	FieldBillingZip
	FieldCountry
	FieldJoinDate
	FieldXdate
	FieldMembershipType
	FieldMonthlyDuesStatus
	FieldYearlyDuesStatus
	FieldMembershipStatus
	FieldStatusLetter
	FieldMailPreference
	FieldDoNotCall
	FieldTextOptOut
	FieldUnionMember
	FieldUnionName
	FieldUnionLocal
	FieldStudent
	FieldStudentSchoolName
	FieldYDSAChapter
	FieldChapter
	FieldRace
	FieldAccommodations
	NumRosterFields
)

// RosterFields lists the fields national lists carry, indexed by the Field
// constants.
var RosterFields = [NumRosterFields]RosterField{
	FieldNationalID:        {"national_id", FieldText, false},
	FieldFirstName:         {"first_name", FieldText, false},
	FieldMiddleName:        {"middle_name", FieldText, false},
	FieldLastName:          {"last_name", FieldText, false},
	FieldSuffix:            {"suffix", FieldText, false},
	FieldEmailAddress:      {"email", FieldEmail, false},
	FieldBestPhone:         {"best_phone", FieldText, false},
	FieldMobilePhone:       {"mobile_phone", FieldText, false},
	FieldHomePhone:         {"home_phone", FieldText, false},
	FieldWorkPhone:         {"work_phone", FieldText, false},
	FieldMailingAddress1:   {"mailing_address1", FieldText, false},
	FieldMailingAddress2:   {"mailing_address2", FieldText, false},
	FieldMailingCity:       {"mailing_city", FieldText, false},
	FieldMailingState:      {"mailing_state", FieldText, false},
	FieldMailingZip:        {"mailing_zip", FieldZip, false},
	FieldBillingAddress1:   {"billing_address1", FieldText, false},
	FieldBillingAddress2:   {"billing_address2", FieldText, false},
	FieldBillingCity:       {"billing_city", FieldText, false},
	FieldBillingState:      {"billing_state", FieldText, false},
	FieldBillingZip:        {"billing_zip", FieldZip, false},
	FieldCountry:           {"country", FieldText, false},
	FieldJoinDate:          {"join_date", FieldDate, false},
	FieldXdate:             {"xdate", FieldDate, false},
	FieldMembershipType:    {"membership_type", FieldText, false},
	FieldMonthlyDuesStatus: {"monthly_dues_status", FieldText, false},
	FieldYearlyDuesStatus:  {"yearly_dues_status", FieldText, false},
	FieldMembershipStatus:  {"membership_status", FieldText, false},
	FieldStatusLetter:      {"memb_status_letter", FieldText, false},
	FieldMailPreference:    {"mail_preference", FieldText, false},
	FieldDoNotCall:         {"do_not_call", FieldBool, false},
	FieldTextOptOut:        {"p2ptext_optout", FieldBool, false},
	FieldUnionMember:       {"union_member", FieldText, false},
	FieldUnionName:         {"union_name", FieldText, false},
	FieldUnionLocal:        {"union_local", FieldText, false},
	FieldStudent:           {"student", FieldText, false},
	FieldStudentSchoolName: {"student_school_name", FieldText, false},
	FieldYDSAChapter:       {"ydsa_chapter", FieldText, false},
	FieldChapter:           {"dsa_chapter", FieldText, false},
	FieldRace:              {"race", FieldText, true},
	FieldAccommodations:    {"accommodations", FieldText, true},
}

// Normalize turns a value as written in a list or a form into the field's
// canonical text, or explains why it cannot be read.
func (f RosterField) Normalize(raw string) (string, error) {
	s, err := cleanText(raw)
	if err != nil {
		return "", fmt.Errorf("%s is not UTF-8 text (save the file as UTF-8)", f.Name)
	}
	switch f.Type {
	case FieldEmail:
		return strings.ToLower(s), nil
	case FieldZip:
		return normalizeZip(s), nil
	case FieldDate:
		d, err := ParseDate(s)
		if err != nil {
			return "", fmt.Errorf("%s: %v", f.Name, err)
		}
		return d.String(), nil
	case FieldBool:
		return normalizeBool(f.Name, s)
	}
	return s, nil
}

// cleanText trims text and composes its accents (Unicode NFC), so that a
// name typed on two different machines compares equal. Plain ASCII, most
// of any list, is already both and skips the work.
func cleanText(raw string) (string, error) {
	for i := 0; i < len(raw); i++ {
		if raw[i] >= utf8.RuneSelf {
			if !utf8.ValidString(raw) {
				return "", errNotUTF8
			}
			return strings.TrimSpace(norm.NFC.String(raw)), nil
		}
	}
	return strings.TrimSpace(raw), nil
}

var errNotUTF8 = errors.New("not UTF-8")

// normalizeZip pads ZIPs that lost their leading zeros in a spreadsheet and
// writes nine-digit ZIPs as ZIP+4. Anything else is kept as written.
func normalizeZip(s string) string {
	if !isDigits(s) {
		return s
	}
	switch len(s) {
	case 3, 4:
		return strings.Repeat("0", 5-len(s)) + s
	case 9:
		return s[:5] + "-" + s[5:]
	}
	return s
}

// Zip5 returns the five-digit ZIP code of a normalized ZIP, or "".
func Zip5(zip string) string {
	if len(zip) >= 5 && isDigits(zip[:5]) && (len(zip) == 5 || zip[5] == '-') {
		return zip[:5]
	}
	return ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

var boolWords = map[string]string{
	"": "false", "false": "false", "f": "false", "no": "false", "n": "false", "0": "false",
	"true": "true", "t": "true", "yes": "true", "y": "true", "1": "true", "x": "true",
}

func normalizeBool(name, s string) (string, error) {
	if v, ok := boolWords[strings.ToLower(s)]; ok {
		return v, nil
	}
	return "", fmt.Errorf("%s: %q is not yes or no", name, s)
}
