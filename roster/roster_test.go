package roster_test

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
)

const headerA = "AK_ID,first_name,middle_name,last_name,suffix,Billing_Address_Line_1,Billing_Address_Line_2,Billing_City,Billing_State,Billing_Zip,Mailing_Address1,Mailing_Address2,Mailing_City,Mailing_State,Mailing_Zip,Mobile_Phone,Home_Phone,Work_Phone,Email,Mail_preference,Do_Not_Call,Join_Date,Xdate,membership_type,monthly_dues_status,membership_status,union_member,union_name,union_local,student_yes_no,student_school_name,YDSA Chapter,DSA_chapter"

const headerB = "actionkit_id,first_name,middle_name,last_name,suffix,billing_address1,billing_address2,billing_city,billing_state,billing_zip,mailing_address1,mailing_address2,mailing_city,mailing_state,mailing_zip,country,best_phone,mobile_phone,home_phone,work_phone,email,mail_preference,do_not_call,p2ptext_optout,join_date,xdate,membership_type,monthly_dues_status,yearly_dues_status,membership_status,memb_status_letter,union_member,union_name,union_local,student_yes_no,student_school_name,ydsa_chapter,dsa_chapter,accommodations,race,list_date"

// result is everything a reader yields for one file.
type result struct {
	records  []*rankfile.RosterRecord
	rejected []*rankfile.RecordError
	reader   *roster.Reader
}

func readAll(t *testing.T, text string) result {
	t.Helper()
	r, err := roster.NewReader(strings.NewReader(text))
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	res := result{reader: r}
	for {
		rec, err := r.Next()
		var re *rankfile.RecordError
		switch {
		case err == io.EOF:
			return res
		case errors.As(err, &re):
			res.rejected = append(res.rejected, re)
		case err != nil:
			t.Fatalf("Next: %v", err)
		default:
			res.records = append(res.records, rec)
		}
	}
}

func value(rec *rankfile.RosterRecord, field int) string { return rec.Values[field] }

func TestReadGenerationA(t *testing.T) {
	row := `1001,Ana,María,García,,1 Main St,Apt 2,Los Angeles,CA,90026,2 Oak Ave,,Los Angeles,CA,90026-1234,213-555-0101,,,Ana.Garcia@Example.ORG,Yes,TRUE,3/7/2019,3/7/2021,yearly,never,Member in Good Standing,"Yes, current union member",UTLA,,No,,,Los Angeles`
	res := readAll(t, headerA+"\n"+row+"\n")
	if len(res.records) != 1 || len(res.rejected) != 0 {
		t.Fatalf("got %d records, %d rejected; want 1, 0 (%v)", len(res.records), len(res.rejected), res.rejected)
	}
	rec := res.records[0]
	checks := map[int]string{
		rankfile.FieldNationalID:       "1001",
		rankfile.FieldMiddleName:       "María",
		rankfile.FieldBillingAddress1:  "1 Main St",
		rankfile.FieldMailingZip:       "90026-1234",
		rankfile.FieldEmailAddress:     "ana.garcia@example.org",
		rankfile.FieldDoNotCall:        "true",
		rankfile.FieldJoinDate:         "2019-03-07",
		rankfile.FieldXdate:            "2021-03-07",
		rankfile.FieldMembershipStatus: "Member in Good Standing",
		rankfile.FieldUnionMember:      "Yes, current union member",
		rankfile.FieldStudent:          "No",
		rankfile.FieldChapter:          "Los Angeles",
	}
	for field, want := range checks {
		if got := value(rec, field); got != want {
			t.Errorf("%s = %q, want %q", rankfile.RosterFields[field].Name, got, want)
		}
	}
	if res.reader.Has(rankfile.FieldTextOptOut) || res.reader.Has(rankfile.FieldRace) {
		t.Errorf("generation A list claims p2ptext_optout or race, which it does not carry")
	}
	if !res.reader.Has(rankfile.FieldYDSAChapter) {
		t.Errorf("generation A list does not map 'YDSA Chapter'")
	}
	if got := res.reader.UnknownColumns(); len(got) != 0 {
		t.Errorf("unknown columns = %v, want none", got)
	}
}

func TestReadGenerationB(t *testing.T) {
	row := `2002,Minh,,Nguyễn,Jr.,,,,,,500 S Grand Ave,,Los Angeles,CA,900711234,US,3235550102,3235550102,,,MINH@EXAMPLE.COM,No,FALSE,TRUE,2021-05-01,2026-05-01,monthly,active,never,Member,M,No,,,Yes,UCLA,UCLA YDSA,Los Angeles,wheelchair access,Asian,2026-11-01`
	res := readAll(t, headerB+"\n"+row+"\n")
	if len(res.records) != 1 {
		t.Fatalf("got %d records, %d rejected (%v); want 1", len(res.records), len(res.rejected), res.rejected)
	}
	rec := res.records[0]
	checks := map[int]string{
		rankfile.FieldNationalID:        "2002",
		rankfile.FieldLastName:          "Nguyễn",
		rankfile.FieldSuffix:            "Jr.",
		rankfile.FieldMailingZip:        "90071-1234",
		rankfile.FieldEmailAddress:      "minh@example.com",
		rankfile.FieldTextOptOut:        "true",
		rankfile.FieldDoNotCall:         "false",
		rankfile.FieldYearlyDuesStatus:  "never",
		rankfile.FieldStatusLetter:      "M",
		rankfile.FieldRace:              "Asian",
		rankfile.FieldAccommodations:    "wheelchair access",
		rankfile.FieldStudentSchoolName: "UCLA",
	}
	for field, want := range checks {
		if got := value(rec, field); got != want {
			t.Errorf("%s = %q, want %q", rankfile.RosterFields[field].Name, got, want)
		}
	}
	if got, want := rec.ListDate.String(), "2026-11-01"; got != want {
		t.Errorf("ListDate = %q, want %q", got, want)
	}
}

func TestReadAwkwardButValidInput(t *testing.T) {
	text := "\uFEFFactionkit_id,first_name,last_name,email,mailing_address1,xdate\r\n" +
		"1,José,O'Brien,JOSE@EXAMPLE.ORG,\"123 Main St, Apt 4\",2027-01-01\r\n" +
		"2,\"Mary\nAnn\",Nguyễn,mary@example.org,\"line one\r\nline two\",1/2/2027\r\n" +
		"3,Zoë,\"Smith \"\"Smitty\"\"\",z@example.org,,2027-01-01\r\n"
	res := readAll(t, text)
	if len(res.records) != 3 || len(res.rejected) != 0 {
		t.Fatalf("got %d records, %d rejected (%v); want 3, 0", len(res.records), len(res.rejected), res.rejected)
	}
	got := []string{}
	for _, rec := range res.records {
		got = append(got, value(rec, rankfile.FieldFirstName)+"|"+value(rec, rankfile.FieldLastName))
	}
	want := []string{"José|O'Brien", "Mary\nAnn|Nguyễn", `Zoë|Smith "Smitty"`}
	if !slices.Equal(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
	if got := value(res.records[0], rankfile.FieldMailingAddress1); got != "123 Main St, Apt 4" {
		t.Errorf("quoted comma: address = %q", got)
	}
	if got := value(res.records[0], rankfile.FieldEmailAddress); got != "jose@example.org" {
		t.Errorf("upper-case email read as %q", got)
	}
	if got := value(res.records[1], rankfile.FieldXdate); got != "2027-01-02" {
		t.Errorf("M/D/YYYY xdate read as %q", got)
	}
	if got, want := res.records[2].Line, 6; got != want {
		t.Errorf("line of the record after a multi-line one = %d, want %d", got, want)
	}
}

func TestDecomposedAccentsAreComposed(t *testing.T) {
	res := readAll(t, "actionkit_id,first_name\n1,Jose\u0301\n")
	if got := value(res.records[0], rankfile.FieldFirstName); got != "José" {
		t.Errorf("first_name = %q, want composed José", got)
	}
}

func TestUnknownColumnsAreReportedAndSkipped(t *testing.T) {
	res := readAll(t, "actionkit_id,first_name,favorite_color,,Email\n1,Ana,red,x,a@example.org\n")
	if len(res.records) != 1 {
		t.Fatalf("got %d records, want 1", len(res.records))
	}
	want := []string{"favorite_color", "(column 4, no name)"}
	if got := res.reader.UnknownColumns(); !slices.Equal(got, want) {
		t.Errorf("unknown columns = %q, want %q", got, want)
	}
}

func TestBadRecordsAreRejectedWithTheirLine(t *testing.T) {
	text := "actionkit_id,first_name,join_date\n" + // line 1
		"1,Ana,2020-01-01\n" + // 2: fine
		",Bo,2020-01-01\n" + // 3: no id
		"3,Cy,2020-13-45\n" + // 4: bad date
		"4,Di\n" + // 5: too few fields
		"1,Ana again,2020-01-01\n" + // 6: repeated id
		"\"7\",\"Eve\nline two\",yesterday\n" + // 7-8: bad date in a multi-line record
		"8,Flo,2020-01-01\n" // 9: fine
	res := readAll(t, text)
	if len(res.records) != 2 {
		t.Errorf("got %d records, want 2", len(res.records))
	}
	type rej struct {
		line int
		id   string
		has  string
	}
	want := []rej{
		{3, "", "no national id"},
		{4, "3", "join_date"},
		{5, "4", "has 2 fields, the header has 3"},
		{6, "1", "already appears on line 2"},
		{7, "7", "join_date"},
	}
	if len(res.rejected) != len(want) {
		t.Fatalf("got %d rejections %v, want %d", len(res.rejected), res.rejected, len(want))
	}
	for i, w := range want {
		got := res.rejected[i]
		if got.Line != w.line || got.NationalID != w.id || !strings.Contains(got.Reason, w.has) {
			t.Errorf("rejection %d = {%d %q %q}, want line %d id %q reason containing %q",
				i, got.Line, got.NationalID, got.Reason, w.line, w.id, w.has)
		}
	}
}

func TestBadFlagsAreRejected(t *testing.T) {
	res := readAll(t, "actionkit_id,do_not_call\n1,maybe\n2,Y\n")
	if len(res.rejected) != 1 || !strings.Contains(res.rejected[0].Reason, "do_not_call") {
		t.Fatalf("rejections = %v, want one naming do_not_call", res.rejected)
	}
	if got := value(res.records[0], rankfile.FieldDoNotCall); got != "true" {
		t.Errorf("do_not_call Y read as %q", got)
	}
}

func TestNotANationalList(t *testing.T) {
	for name, text := range map[string]string{
		"empty":          "",
		"no id column":   "name,email\nAna,a@example.org\n",
		"binary":         "\x00\x01\x02PK\x03\x04",
		"field twice":    "AK_ID,email,Email\n1,a@example.org,b@example.org\n",
		"two id columns": "AK_ID,actionkit_id\n1,1\n",
		"broken header":  "\"AK_ID,email\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := roster.NewReader(strings.NewReader(text))
			if rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Fatalf("err = %v, want an EINVALID error", err)
			}
			if msg := rankfile.ErrorMessage(err); len(msg) < 20 {
				t.Errorf("message %q does not explain", msg)
			}
		})
	}
}

func TestUnclosedQuoteStopsTheImport(t *testing.T) {
	text := "actionkit_id,first_name\n1,Ana\n2,\"Bo\n3,Cy\n4,Di\n"
	r, err := roster.NewReader(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err != nil {
		t.Fatalf("first record: %v", err)
	}
	_, err = r.Next()
	var re *rankfile.RecordError
	if errors.As(err, &re) || rankfile.ErrorCode(err) != rankfile.EINVALID {
		t.Fatalf("err = %v, want a fatal EINVALID error, not a rejection", err)
	}
	if !strings.Contains(rankfile.ErrorMessage(err), "line 3") {
		t.Errorf("message %q does not name line 3", rankfile.ErrorMessage(err))
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after a fatal error Next = %v, want io.EOF", err)
	}
}
