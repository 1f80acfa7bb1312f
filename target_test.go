package rankfile_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
)

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"(213) 555-0101":   "+12135550101",
		"213.555.0101":     "+12135550101",
		"1-213-555-0101":   "+12135550101",
		"+1 213 555 0101":  "+12135550101",
		"+44 20 7946 0958": "+442079460958",
	} {
		if got, err := rankfile.NormalizePhone(in); err != nil || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"555-0101", "(013) 555-0101", "213 155 0101", "213-555-0101 ext 4", "+0 123 456 789", "call me"} {
		if got, err := rankfile.NormalizePhone(bad); err == nil || rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("NormalizePhone(%q) = %q, %v; want refused", bad, got, err)
		}
	}
}

func TestParseAddressLine(t *testing.T) {
	for in, want := range map[string][3]string{
		"1234 north Main Street apt 5": {"1234", "N Main St", "5"},
		"1234 N. Main St. #5":          {"1234", "N Main St", "5"},
		"12B west 3RD avenue":          {"12B", "W 3rd Ave", ""},
		"800 Sunset Blvd Unit 2 B":     {"800", "Sunset Blvd", "2B"},
		"45 Calle de la Luz":           {"45", "Calle De La Luz", ""},
	} {
		n, s, u, err := rankfile.ParseAddressLine(in)
		if err != nil || [3]string{n, s, u} != want {
			t.Errorf("ParseAddressLine(%q) = %q %q %q, %v; want %q", in, n, s, u, err, want)
		}
	}
	if _, _, _, err := rankfile.ParseAddressLine("Main Street"); err == nil || !strings.Contains(err.Error(), "house number") {
		t.Errorf("an address without a number: %v", err)
	}
}

// TestHouseholdAddressKeyIsOneSpelling checks that two spellings of one
// door find the same household, and that two units of a building do not.
func TestHouseholdAddressKeyIsOneSpelling(t *testing.T) {
	key := func(line, zip string) string {
		n, s, u, err := rankfile.ParseAddressLine(line)
		if err != nil {
			t.Fatal(err)
		}
		return rankfile.HouseholdAddress{Number: n, Street: s, Unit: u, Zip: zip}.Key()
	}
	if a, b := key("1234 north Main Street apt 5", "90026"), key("1234 N MAIN ST #5", "90026"); a != b {
		t.Errorf("one door, two keys: %q and %q", a, b)
	}
	if a, b := key("1234 N Main St #5", "90026"), key("1234 N Main St #6", "90026"); a == b {
		t.Errorf("two units, one key %q", a)
	}
}

var voterMapping = rankfile.TargetMapping{
	rankfile.TargetExternalID: "VoterID", rankfile.TargetFirstName: "First", rankfile.TargetLastName: "Last",
	rankfile.TargetPhone: "Phone", rankfile.TargetAddress: "Residence", rankfile.TargetZip: "Zip",
	rankfile.TargetCity: "City", rankfile.TargetLat: "Lat", rankfile.TargetLon: "Lon",
}

func TestReadTargetRows(t *testing.T) {
	list := "\uFEFFVoterID,First,Last,Phone,Residence,City,Zip,Lat,Lon\n" +
		"V1,Ana,Núñez,(213) 555-0101,1234 north Main Street apt 5,los angeles,90026,34.07,-118.26\n" +
		"V2,Bo,Li,,\"77 W 3rd St\",Los Angeles,90013,,\n"
	rows, bad, err := rankfile.ReadTargetRows(strings.NewReader(list), voterMapping)
	if err != nil || bad != nil {
		t.Fatalf("err %v, bad lines %v", err, bad)
	}
	want := []rankfile.TargetRow{
		{Line: 2, Target: rankfile.Target{ExternalID: "V1", FirstName: "Ana", LastName: "Núñez", Phone: "+12135550101"},
			Address: rankfile.HouseholdAddress{Number: "1234", Street: "N Main St", Unit: "5", City: "Los Angeles", Zip: "90026"},
			Point:   &rankfile.Point{Lat: 34.07, Lon: -118.26}},
		{Line: 3, Target: rankfile.Target{ExternalID: "V2", FirstName: "Bo", LastName: "Li"},
			Address: rankfile.HouseholdAddress{Number: "77", Street: "W 3rd St", City: "Los Angeles", Zip: "90013"}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows\n got %+v\nwant %+v", rows, want)
	}
}

// TestReadTargetRowsReportsEveryBadLine checks that a list with bad lines
// gives no rows and names each bad line and what is wrong with it.
func TestReadTargetRowsReportsEveryBadLine(t *testing.T) {
	list := "VoterID,First,Last,Phone,Residence,City,Zip,Lat,Lon\n" +
		"V1,Ana,Núñez,213-555-0101,1234 Main St,LA,90026,,\n" +
		"V2,,,,12 Elm St,LA,90026,,\n" +
		"V3,Bo,Li,555-0101,12 Elm St,LA,90026,,\n" +
		"V4,Cy,Ray,,Elm St,LA,90026,,\n" +
		"V5,Di,Dee,,12 Elm St,LA,9002,,\n" +
		"V6,Ed,Eng,,12 Elm St,LA,90026,95,-118\n" +
		"V7,\"Fa,Fo\n"
	rows, bad, err := rankfile.ReadTargetRows(strings.NewReader(list), voterMapping)
	if err != nil || rows != nil {
		t.Fatalf("rows %v, err %v; want none and the bad lines", rows, err)
	}
	want := []string{
		"line 3: no name",
		`line 4: "555-0101" is not a phone number: write ten digits, or + and the country code`,
		`line 5: "Elm St" does not start with a house number`,
		`line 6: "9002" is not a ZIP code`,
		"line 7: 95, -118 is not a latitude and longitude",
		"line 8: extraneous or missing \" in quoted-field",
	}
	var got []string
	for _, b := range bad {
		got = append(got, b.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bad lines\n got %q\nwant %q", got, want)
	}
}

func TestTargetMappingValidate(t *testing.T) {
	for _, c := range []struct {
		m    rankfile.TargetMapping
		want string
	}{
		{rankfile.TargetMapping{"full_name": "Name", "address": "Addr", "shoe_size": "Shoes"}, `"shoe_size" is not a target field`},
		{rankfile.TargetMapping{"first_name": "First", "address": "Addr"}, "full_name, or to first_name and last_name"},
		{rankfile.TargetMapping{"full_name": "Name", "street": "Street"}, "address, or to house_number and street"},
		{rankfile.TargetMapping{"full_name": "Name", "address": "Name"}, `column "Name" is mapped to both`},
		{rankfile.TargetMapping{"full_name": "Name", "address": "Addr", "lat": "Y"}, "both lat and lon"},
	} {
		if err := c.m.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: got %v, want %q", c.m, err, c.want)
		}
	}
	_, _, err := rankfile.ReadTargetRows(strings.NewReader("Name,Street\n"), rankfile.TargetMapping{"full_name": "Name", "address": "Addr"})
	if err == nil || !strings.Contains(err.Error(), `no column "Addr" (mapped to address)`) {
		t.Errorf("a mapped column missing from the list: %v", err)
	}
}

// FuzzReadTargetRows feeds arbitrary lists to the reader: it must never
// panic, give rows or bad lines but not both, name only lines the list
// has, and give rows whose phones are E.164 and whose doors have a number
// and a street.
//
//	go test . -run '^$' -fuzz FuzzReadTargetRows -fuzztime 1m
func FuzzReadTargetRows(f *testing.F) {
	f.Add("VoterID,First,Last,Phone,Residence,City,Zip,Lat,Lon\nV1,Ana,Núñez,(213) 555-0101,1234 north Main Street apt 5,los angeles,90026,34.07,-118.26\n")
	f.Add("VoterID,First,Last,Phone,Residence,City,Zip,Lat,Lon\nV2,,,,12 Elm St,LA,90026,,\nV3,\"a\nb\",c\n")
	f.Fuzz(func(t *testing.T, list string) {
		rows, bad, err := rankfile.ReadTargetRows(strings.NewReader(list), voterMapping)
		if err != nil {
			return
		}
		if len(rows) > 0 && len(bad) > 0 {
			t.Fatal("rows and bad lines both")
		}
		lines := strings.Count(list, "\n") + 1
		for _, b := range bad {
			if b.Line < 2 || b.Line > lines {
				t.Fatalf("bad line %d of %d", b.Line, lines)
			}
		}
		for _, r := range rows {
			if r.Target.Phone != "" && !strings.HasPrefix(r.Target.Phone, "+") || r.Address.Number == "" || r.Address.Street == "" {
				t.Fatalf("row %+v", r)
			}
		}
	})
}
