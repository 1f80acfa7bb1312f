package store

import (
	"time"

	"github.com/rankfile/rankfile"
)

// How the roster fields are stored, as indexes into rankfile.RosterFields.
//
// columnFields have columns of their own: the fields rankfile matches,
// searches, sorts, filters or places members by, and those every list of
// members shows (names and phones), so that a page of the roster reads
// members alone. Everything else national says of a member (street
// addresses, dues statuses, union and student fields ...) is kept whole as
// JSON in the details column (member_details.go). A row of two dozen values instead of
// forty-five is what lets a 100,000-member list import in seconds.
// sensitiveFields live in member_sensitive.
var (
	columnFields = []int{
		rankfile.FieldNationalID, rankfile.FieldFirstName, rankfile.FieldMiddleName, rankfile.FieldLastName,
		rankfile.FieldSuffix, rankfile.FieldEmailAddress, rankfile.FieldBestPhone, rankfile.FieldMobilePhone,
		rankfile.FieldHomePhone, rankfile.FieldMailingZip, rankfile.FieldBillingZip,
		rankfile.FieldJoinDate, rankfile.FieldXdate, rankfile.FieldDoNotCall, rankfile.FieldTextOptOut,
	}
	detailFields, sensitiveFields = splitFields()
)

func splitFields() (details, sensitive []int) {
	for i, f := range rankfile.RosterFields {
		switch {
		case f.Sensitive:
			sensitive = append(sensitive, i)
		case !isColumn(i):
			if f.Type != rankfile.FieldText {
				panic("store: roster field " + f.Name + " is not text, so it needs a column of its own")
			}
			details = append(details, i)
		}
	}
	return details, sensitive
}

func isColumn(field int) bool {
	for _, c := range columnFields {
		if c == field {
			return true
		}
	}
	return false
}

// fieldColumns returns the column names of fields, each with prefix.
func fieldColumns(fields []int, prefix string) []string {
	cols := make([]string, len(fields))
	for i, f := range fields {
		cols[i] = prefix + rankfile.RosterFields[f].Name
	}
	return cols
}

// fieldArg converts a field's canonical text into the value stored.
func (db *DB) fieldArg(field int, text string) any {
	switch rankfile.RosterFields[field].Type {
	case rankfile.FieldDate:
		if text == "" {
			return nil
		}
		if db.dialect == Postgres { // COPY's binary format wants a time
			return rankfile.MustParseDate(text).Time(time.UTC)
		}
		return text // canonical YYYY-MM-DD, as Date.Value would write it
	case rankfile.FieldBool:
		return text == "true"
	}
	return text
}

// fieldDest returns a place to scan a field's stored value into.
func fieldDest(field int) any {
	switch rankfile.RosterFields[field].Type {
	case rankfile.FieldDate:
		return new(rankfile.Date)
	case rankfile.FieldBool:
		return new(bool)
	}
	return new(string)
}

// destText turns a scanned value back into the field's canonical text.
func destText(dest any) string {
	switch v := dest.(type) {
	case *rankfile.Date:
		return v.String()
	case *bool:
		if *v {
			return "true"
		}
		return "false"
	}
	return *dest.(*string)
}

// memberPointers returns where each stored roster field of m lives.
func memberPointers(m *rankfile.Member) map[int]any {
	return map[int]any{
		rankfile.FieldNationalID: &m.NationalID, rankfile.FieldFirstName: &m.FirstName,
		rankfile.FieldMiddleName: &m.MiddleName, rankfile.FieldLastName: &m.LastName,
		rankfile.FieldSuffix: &m.Suffix, rankfile.FieldEmailAddress: &m.Email,
		rankfile.FieldBestPhone: &m.BestPhone, rankfile.FieldMobilePhone: &m.MobilePhone,
		rankfile.FieldHomePhone: &m.HomePhone, rankfile.FieldWorkPhone: &m.WorkPhone,
		rankfile.FieldMailingAddress1: &m.Mailing.Line1, rankfile.FieldMailingAddress2: &m.Mailing.Line2,
		rankfile.FieldMailingCity: &m.Mailing.City, rankfile.FieldMailingState: &m.Mailing.State,
		rankfile.FieldMailingZip: &m.Mailing.Zip, rankfile.FieldBillingAddress1: &m.Billing.Line1,
		rankfile.FieldBillingAddress2: &m.Billing.Line2, rankfile.FieldBillingCity: &m.Billing.City,
		rankfile.FieldBillingState: &m.Billing.State, rankfile.FieldBillingZip: &m.Billing.Zip,
		rankfile.FieldCountry: &m.Country, rankfile.FieldJoinDate: &m.JoinDate,
		rankfile.FieldXdate: &m.Xdate, rankfile.FieldMembershipType: &m.MembershipType,
		rankfile.FieldMonthlyDuesStatus: &m.MonthlyDuesStatus, rankfile.FieldYearlyDuesStatus: &m.YearlyDuesStatus,
		rankfile.FieldMembershipStatus: &m.MembershipStatus, rankfile.FieldStatusLetter: &m.StatusLetter,
		rankfile.FieldMailPreference: &m.Contact.MailPreference, rankfile.FieldDoNotCall: &m.Contact.DoNotCall,
		rankfile.FieldTextOptOut: &m.Contact.TextOptOut, rankfile.FieldUnionMember: &m.UnionMember,
		rankfile.FieldUnionName: &m.UnionName, rankfile.FieldUnionLocal: &m.UnionLocal,
		rankfile.FieldStudent: &m.Student, rankfile.FieldStudentSchoolName: &m.StudentSchoolName,
		rankfile.FieldYDSAChapter: &m.YDSAChapter, rankfile.FieldChapter: &m.Chapter,
	}
}

// memberScan reads a member's roster columns and details into a Member.
type memberScan struct {
	m       *rankfile.Member
	ptrs    map[int]any
	details string
}

func newMemberScan(m *rankfile.Member) *memberScan {
	return &memberScan{m: m, ptrs: memberPointers(m)}
}

// dests are the scan destinations of the roster columns and details, in
// the order of memberColumnList.
func (s *memberScan) dests() []any {
	out := make([]any, 0, len(columnFields)+1)
	for _, f := range columnFields {
		out = append(out, s.ptrs[f])
	}
	return append(out, &s.details)
}

// finish copies the details into the member once the row is scanned.
func (s *memberScan) finish() error {
	var values [rankfile.NumRosterFields]string
	if err := decodeDetails(s.details, &values); err != nil {
		return err
	}
	for _, f := range detailFields {
		*s.ptrs[f].(*string) = values[f]
	}
	return nil
}
