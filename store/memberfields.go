package store

import (
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// The roster fields stored in the members table and in member_sensitive,
// as indexes into rankfile.RosterFields.
var memberFields, sensitiveFields = splitFields()

func splitFields() (plain, sensitive []int) {
	for i, f := range rankfile.RosterFields {
		if f.Sensitive {
			sensitive = append(sensitive, i)
		} else {
			plain = append(plain, i)
		}
	}
	return plain, sensitive
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
func fieldArg(field int, text string) any {
	switch rankfile.RosterFields[field].Type {
	case rankfile.FieldDate:
		return rankfile.MustParseDate(text) // canonical text always parses
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

// memberPointers returns where each stored roster field of m lives, in
// memberFields order, for scanning a row into a Member.
func memberPointers(m *rankfile.Member) []any {
	ptr := map[int]any{
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
	out := make([]any, len(memberFields))
	for i, f := range memberFields {
		out[i] = ptr[f]
	}
	return out
}

// placeholders returns "$from, $from+1, ..." for n parameters.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(from + i))
	}
	return b.String()
}

// params is placeholders for statements with many parameters. SQLite gets
// anonymous "?" parameters: it looks numbered ones up by name, one linear
// search per parameter, which makes a 30,000-parameter batch quadratic.
// The "?" must follow every numbered parameter of the statement.
func (db *DB) params(from, n int) string {
	if db.dialect != SQLite {
		return placeholders(from, n)
	}
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
