package rankfile

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
)

// A campaign's targets come from lists: a voter file, a tenants' union's
// sign-up sheet, last year's petition. Each list names its columns its own
// way, so a source maps the fields rankfile reads to the list's column
// headers, and the mapping is kept with the source for its next import.

// Target fields a source can map a column to.
const (
	TargetExternalID = "external_id" // the list's id for the person, such as a voter id
	TargetFirstName  = "first_name"
	TargetLastName   = "last_name"
	TargetFullName   = "full_name" // "First Last", when the list has no separate columns
	TargetPhone      = "phone"
	TargetEmail      = "email"
	TargetAddress    = "address" // a one-line street address: number, street, unit
	TargetNumber     = "house_number"
	TargetStreet     = "street"
	TargetUnit       = "unit"
	TargetCity       = "city"
	TargetState      = "state"
	TargetZip        = "zip"
	TargetLat        = "lat"
	TargetLon        = "lon"
)

// TargetFields lists the fields in the order a mapping form shows them.
var TargetFields = []string{TargetExternalID, TargetFirstName, TargetLastName, TargetFullName, TargetPhone,
	TargetEmail, TargetAddress, TargetNumber, TargetStreet, TargetUnit, TargetCity, TargetState, TargetZip,
	TargetLat, TargetLon}

// TargetMapping maps target fields to the column headers of a source.
type TargetMapping map[string]string

// Validate checks that the mapping names known fields, gives a name (full
// or first and last) and an address (one line, or number and street), and
// maps no column twice, nor a coordinate without the other.
func (m TargetMapping) Validate() error {
	used := map[string]string{}
	for field, header := range m {
		if !slices.Contains(TargetFields, field) {
			return Errorf(EINVALID, "%q is not a target field: map %s", field, strings.Join(TargetFields, ", "))
		}
		if other, dup := used[header]; dup && header != "" {
			return Errorf(EINVALID, "column %q is mapped to both %s and %s", header, other, field)
		}
		used[header] = field
	}
	switch {
	case m[TargetFullName] == "" && (m[TargetFirstName] == "" || m[TargetLastName] == ""):
		return Errorf(EINVALID, "map a column to full_name, or to first_name and last_name")
	case m[TargetAddress] == "" && (m[TargetNumber] == "" || m[TargetStreet] == ""):
		return Errorf(EINVALID, "map a column to address, or to house_number and street")
	case (m[TargetLat] == "") != (m[TargetLon] == ""):
		return Errorf(EINVALID, "map both lat and lon, or neither")
	}
	return nil
}

// TargetRow is one target read from a list, with the line it is on.
type TargetRow struct {
	Line    int
	Target  Target
	Address HouseholdAddress
	Point   *Point // nil when the list gives no coordinates
}

// RowError is what is wrong with one line of a list.
type RowError struct {
	Line    int    `json:"line"`
	Problem string `json:"problem"`
	// Err is the problem as the domain's error, so that a page can say it
	// in its reader's language; nil for a line the CSV reader refused.
	Err error `json:"-"`
}

// MaxRowErrors is how many bad lines a refused import lists; the rest are
// counted.
const MaxRowErrors = 100

// ReadTargetRows reads a CSV list through the mapping. A list with a bad
// line gives no rows: every bad line (up to MaxRowErrors) is reported by
// its number, so the whole list can be fixed and imported at once.
func ReadTargetRows(r io.Reader, m TargetMapping) ([]TargetRow, []RowError, error) {
	if err := m.Validate(); err != nil {
		return nil, nil, err
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, nil, Errorf(EINVALID, "the list has no header line: %v", err)
	}
	columns, err := m.columns(header)
	if err != nil {
		return nil, nil, err
	}
	var rows []TargetRow
	var bad []RowError
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			bad = append(bad, csvRowError(err))
			continue
		}
		line, _ := cr.FieldPos(0)
		row, err := readTargetRow(record, columns)
		if err != nil {
			bad = append(bad, RowError{Line: line, Problem: ErrorMessage(err), Err: err})
			continue
		}
		row.Line = line
		rows = append(rows, row)
	}
	if len(bad) > 0 {
		return nil, bad[:min(len(bad), MaxRowErrors)], nil
	}
	return rows, nil, nil
}

// csvRowError says what the CSV reader found wrong, on the line the
// record starts on.
func csvRowError(err error) RowError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return RowError{Line: pe.StartLine, Problem: pe.Err.Error()}
	}
	return RowError{Problem: err.Error()}
}

// columns finds each mapped field's column in the header.
func (m TargetMapping) columns(header []string) (map[string]int, error) {
	at := map[string]int{}
	for i, h := range header {
		at[strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))] = i
	}
	columns := map[string]int{}
	for field, h := range m {
		if h == "" {
			continue
		}
		i, ok := at[h]
		if !ok {
			return nil, Errorf(EINVALID, "the list has no column %q (mapped to %s)", h, field)
		}
		columns[field] = i
	}
	return columns, nil
}

// readTargetRow reads one line's fields.
func readTargetRow(record []string, columns map[string]int) (TargetRow, error) {
	get := func(field string) string {
		if i, ok := columns[field]; ok && i < len(record) {
			return strings.TrimSpace(record[i])
		}
		return ""
	}
	var row TargetRow
	c := &row.Target
	c.ExternalID, c.FirstName, c.LastName = get(TargetExternalID), get(TargetFirstName), get(TargetLastName)
	if full := get(TargetFullName); full != "" && c.FirstName == "" && c.LastName == "" {
		c.FirstName, c.LastName = splitFullName(full)
	}
	if c.FirstName == "" && c.LastName == "" {
		return row, Errorf(EINVALID, "no name")
	}
	if err := readTargetReach(c, get(TargetPhone), get(TargetEmail)); err != nil {
		return row, err
	}
	var err error
	if row.Address, err = readAddress(get); err != nil {
		return row, err
	}
	row.Point, err = readPoint(get(TargetLat), get(TargetLon))
	return row, err
}

// readTargetReach reads the phone and email, refusing what they cannot be.
func readTargetReach(c *Target, phone, email string) error {
	if phone != "" {
		var err error
		if c.Phone, err = NormalizePhone(phone); err != nil {
			return err
		}
	}
	if email != "" {
		var err error
		c.Email, err = NormalizeEmail(email)
		return err
	}
	return nil
}

// readAddress reads the address from its one line or its parts.
func readAddress(get func(string) string) (HouseholdAddress, error) {
	a := HouseholdAddress{City: capitalizeWords(get(TargetCity)), State: strings.ToUpper(get(TargetState)), Zip: get(TargetZip)}
	if a.Zip != "" && !validZip(a.Zip) {
		return a, Errorf(EINVALID, "%q is not a ZIP code", a.Zip)
	}
	if line := get(TargetAddress); line != "" {
		var err error
		a.Number, a.Street, a.Unit, err = ParseAddressLine(line)
		return a, err
	}
	a.Number, a.Street, a.Unit = strings.ToUpper(get(TargetNumber)), NormalizeStreet(get(TargetStreet)), strings.ToUpper(strings.TrimPrefix(get(TargetUnit), "#"))
	if a.Number == "" || a.Street == "" {
		return a, Errorf(EINVALID, "no street address")
	}
	return a, nil
}

// readPoint reads coordinates, when the list gives them.
func readPoint(lat, lon string) (*Point, error) {
	if lat == "" && lon == "" {
		return nil, nil
	}
	p, err := ParsePoint(lat + "," + lon)
	if err != nil {
		return nil, Errorf(EINVALID, "%s, %s is not a latitude and longitude", lat, lon)
	}
	return p, nil
}

// splitFullName splits "First Middle Last" at its last space; "Last,
// First" at its comma.
func splitFullName(full string) (first, last string) {
	if before, after, ok := strings.Cut(full, ","); ok {
		return strings.TrimSpace(after), strings.TrimSpace(before)
	}
	if i := strings.LastIndex(full, " "); i > 0 {
		return strings.TrimSpace(full[:i]), full[i+1:]
	}
	return "", full
}

// capitalizeWords capitalizes each word of a place name.
func capitalizeWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = capitalize(w)
	}
	return strings.Join(words, " ")
}

// String writes a row error as "line 7: no name".
func (e RowError) String() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Problem }

// targetFieldNames are the header names, folded to small letters and
// digits alone, by which GuessTargetMapping recognizes each field: the
// names voter files, sign-up sheets and spreadsheet exports use.
var targetFieldNames = map[string][]string{
	TargetExternalID: {"externalid", "voterid", "vanid", "id", "sosid", "statevoterid", "registrantid"},
	TargetFirstName:  {"firstname", "first", "givenname", "fname"},
	TargetLastName:   {"lastname", "last", "surname", "familyname", "lname"},
	TargetFullName:   {"fullname", "name"},
	TargetPhone:      {"phone", "phonenumber", "cell", "cellphone", "mobile", "mobilephone", "telephone"},
	TargetEmail:      {"email", "emailaddress"},
	TargetAddress:    {"address", "streetaddress", "residence", "residenceaddress", "address1", "addressline1"},
	TargetNumber:     {"housenumber", "streetnumber", "number", "houseno"},
	TargetStreet:     {"street", "streetname"},
	TargetUnit:       {"unit", "apt", "apartment", "aptnumber", "unitnumber"},
	TargetCity:       {"city", "town"},
	TargetState:      {"state", "st"},
	TargetZip:        {"zip", "zipcode", "postalcode", "zip5"},
	TargetLat:        {"lat", "latitude"},
	TargetLon:        {"lon", "lng", "long", "longitude"},
}

// GuessTargetMapping maps the fields whose usual names a list's header
// uses, for a first import's form to start from; the person importing
// checks it. A full name is left out when first and last names are
// found, and one-line addresses when number and street are.
func GuessTargetMapping(header []string) TargetMapping {
	m := TargetMapping{}
	for _, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		folded := foldHeader(h)
		for field, names := range targetFieldNames {
			if m[field] == "" && slices.Contains(names, folded) {
				m[field] = h
			}
		}
	}
	if m[TargetFirstName] != "" && m[TargetLastName] != "" {
		delete(m, TargetFullName)
	}
	if m[TargetNumber] != "" && m[TargetStreet] != "" {
		delete(m, TargetAddress)
	}
	return m
}

// foldHeader keeps a header's letters and digits, in small letters.
func foldHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ReadTargetHeader returns the column headers of a CSV list.
func ReadTargetHeader(r io.Reader) ([]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil || len(header) == 0 {
		return nil, Errorf(EINVALID, "the list has no header line")
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
	}
	return header, nil
}
