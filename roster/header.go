package roster

import (
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// Column index markers besides the roster fields.
const (
	colUnknown  = -1
	colListDate = -2
)

// aliases maps normalized header names of both generations to fields.
// Every field's own name is added by init.
var aliases = map[string]int{
	"ak_id":                  rankfile.FieldNationalID,
	"actionkit_id":           rankfile.FieldNationalID,
	"billing_address_line_1": rankfile.FieldBillingAddress1,
	"billing_address_line_2": rankfile.FieldBillingAddress2,
	"mailing_address_line_1": rankfile.FieldMailingAddress1,
	"mailing_address_line_2": rankfile.FieldMailingAddress2,
	"student_yes_no":         rankfile.FieldStudent,
	"list_date":              colListDate,
}

func init() {
	for i, f := range rankfile.RosterFields {
		if _, taken := aliases[f.Name]; !taken {
			aliases[f.Name] = i
		}
	}
}

// normalizeName makes "YDSA Chapter", "DSA_chapter" and "Billing-Zip" comparable.
func normalizeName(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(name)
}

// header maps a list's columns to roster fields.
type header struct {
	cols    []int // per column: a field index, colListDate or colUnknown
	has     [rankfile.NumRosterFields]bool
	unknown []string
	width   int
	idCol   int
}

func parseHeader(names []string) (header, error) {
	h := header{cols: make([]int, len(names)), width: len(names), idCol: -1}
	where := map[int]int{} // field -> column, to catch a field named twice
	for i, name := range names {
		field, ok := aliases[normalizeName(name)]
		if !ok {
			h.cols[i] = colUnknown
			h.unknown = append(h.unknown, unknownName(name, i))
			continue
		}
		if prev, dup := where[field]; dup {
			return header{}, rankfile.Errorf(rankfile.EINVALID,
				"the header names the same field twice: %q (column %d) and %q (column %d)",
				names[prev], prev+1, name, i+1)
		}
		where[field] = i
		h.cols[i] = field
		if field >= 0 {
			h.has[field] = true
		}
	}
	if col, ok := where[rankfile.FieldNationalID]; ok {
		h.idCol = col
		return h, nil
	}
	return header{}, rankfile.Errorf(rankfile.EINVALID,
		"this is not a national member list: the header has no AK_ID or actionkit_id column (it has %s)",
		describeColumns(names))
}

func unknownName(name string, i int) string {
	if strings.TrimSpace(name) == "" {
		return fmt.Sprintf("(column %d, no name)", i+1)
	}
	return name
}

// nationalID returns a record's id, or "" when the record is too short.
func (h *header) nationalID(fields []string) string {
	if h.idCol < len(fields) {
		return strings.TrimSpace(fields[h.idCol])
	}
	return ""
}

// record reads one row into a record, or rejects it.
func (h *header) record(fields []string, line int) (*rankfile.RosterRecord, error) {
	rec := &rankfile.RosterRecord{Line: line}
	reject := func(reason string) error {
		return &rankfile.RecordError{Line: line, NationalID: rec.NationalID(), Reason: reason}
	}
	if id := h.nationalID(fields); id != "" {
		rec.Values[rankfile.FieldNationalID] = id
	}
	for i, raw := range fields {
		if err := h.setColumn(rec, h.cols[i], raw); err != nil {
			return nil, reject(err.Error())
		}
	}
	if rec.NationalID() == "" {
		return nil, reject("has no national id (AK_ID or actionkit_id)")
	}
	return rec, nil
}

func (h *header) setColumn(rec *rankfile.RosterRecord, col int, raw string) error {
	switch {
	case col == colUnknown:
		return nil
	case col == colListDate:
		d, err := rankfile.ParseDate(raw)
		if err != nil {
			return fmt.Errorf("list_date: %v", err)
		}
		rec.ListDate = d
		return nil
	}
	v, err := rankfile.RosterFields[col].Normalize(raw)
	rec.Values[col] = v
	return err
}
