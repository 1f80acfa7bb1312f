package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/pressly/goose/v3"

	"github.com/rankfile/rankfile"
)

// A member's details (member_details.details) are a JSON object of the
// detail fields' text, each under a short key of its own, empty fields
// left out:
//
//	{"ma1":"584 Lincoln Blvd","mci":"Los Angeles","mst":"CA","mss":"Member in Good Standing",...}
//
// The keys are short because every member's row repeats them: under the
// list's column names ("monthly_dues_status") they were half the details'
// bytes and a quarter of the whole database, which an import into an
// empty roster writes to the write-ahead log and then into the database.
// The keys are part of the stored format: a key is never changed or given
// to another field, and a new detail field takes a new key here.
var detailKeys = [rankfile.NumRosterFields]string{
	rankfile.FieldWorkPhone:         "wph",
	rankfile.FieldMailingAddress1:   "ma1",
	rankfile.FieldMailingAddress2:   "ma2",
	rankfile.FieldMailingCity:       "mci",
	rankfile.FieldMailingState:      "mst",
	rankfile.FieldBillingAddress1:   "ba1",
	rankfile.FieldBillingAddress2:   "ba2",
	rankfile.FieldBillingCity:       "bci",
	rankfile.FieldBillingState:      "bst",
	rankfile.FieldCountry:           "cty",
	rankfile.FieldMembershipType:    "mty",
	rankfile.FieldMonthlyDuesStatus: "mdu",
	rankfile.FieldYearlyDuesStatus:  "ydu",
	rankfile.FieldMembershipStatus:  "mss",
	rankfile.FieldStatusLetter:      "msl",
	rankfile.FieldMailPreference:    "mpr",
	rankfile.FieldUnionMember:       "uni",
	rankfile.FieldUnionName:         "unn",
	rankfile.FieldUnionLocal:        "unl",
	rankfile.FieldStudent:           "stu",
	rankfile.FieldStudentSchoolName: "sch",
	rankfile.FieldYDSAChapter:       "ydc",
	rankfile.FieldChapter:           "chp",
}

// detailFieldOfKey finds a detail field by its stored key.
var detailFieldOfKey = func() map[string]int {
	m := make(map[string]int, len(detailFields))
	for _, f := range detailFields {
		k := detailKeys[f]
		if _, taken := m[k]; taken || k == "" {
			panic("store: detail field " + rankfile.RosterFields[f].Name + " needs a key of its own in detailKeys")
		}
		m[k] = f
	}
	return m
}()

// encodeDetails writes the detail fields of values as member_details
// holds them, in field order. It writes the JSON by hand because
// encoding/json's maps took a quarter of a large import.
func encodeDetails(values *[rankfile.NumRosterFields]string) string {
	b := make([]byte, 0, 320)
	b = append(b, '{')
	for _, f := range detailFields {
		if values[f] == "" {
			continue
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = appendJSONString(b, detailKeys[f])
		b = append(b, ':')
		b = appendJSONString(b, values[f])
	}
	return string(append(b, '}'))
}

// appendJSONString appends s as a JSON string (RFC 8259): quotes,
// backslashes and control characters escaped, the rest as it is. Roster
// values are valid UTF-8 by the time they get here.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// decodeDetails reads a details column into values.
func decodeDetails(text string, values *[rankfile.NumRosterFields]string) error {
	var m map[string]string
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		return fmt.Errorf("member details: %w", err)
	}
	for k, v := range m {
		if f, ok := detailFieldOfKey[k]; ok {
			values[f] = v
		}
	}
	return nil
}

// detailKeySQL reads a detail field from a member's details (d), in each
// database's JSON.
func (db *DB) detailKeySQL(field int) string {
	if db.dialect == SQLite {
		return `COALESCE(json_extract(d.details, '$.` + detailKeys[field] + `'), '')`
	}
	return `COALESCE(d.details::jsonb ->> '` + detailKeys[field] + `', '')`
}

// detailKeysVersion is the migration that stores details under their
// short keys.
const detailKeysVersion = 48

// detailKeysMigration writes every member's details again under the short
// keys, from the list's column names they were stored under before. It is
// written in Go so that the rows come out exactly as encodeDetails writes
// a new member's.
func detailKeysMigration(dialect string) *goose.Migration {
	return goose.NewGoMigration(detailKeysVersion, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
		ids, details, err := rekeyDetails(ctx, tx)
		if err != nil {
			return fmt.Errorf("member details: %w", err)
		}
		if err := updateRows(ctx, tx, dialect, "member_details", "member_id", []string{"details"}, ids, details); err != nil {
			return fmt.Errorf("member details: %w", err)
		}
		return nil
	}}, nil)
}

// rekeyDetails reads every member's details, stored under the fields'
// names, and encodes them under their keys.
func rekeyDetails(ctx context.Context, tx *sql.Tx) ([]int64, []string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT member_id, details FROM member_details ORDER BY member_id`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ids []int64
	var details []string
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, nil, err
		}
		var byName map[string]string
		if err := json.Unmarshal([]byte(text), &byName); err != nil {
			return nil, nil, fmt.Errorf("member %d: %w", id, err)
		}
		var values [rankfile.NumRosterFields]string
		for _, f := range detailFields {
			values[f] = byName[rankfile.RosterFields[f].Name]
		}
		ids, details = append(ids, id), append(details, encodeDetails(&values))
	}
	return ids, details, rows.Err()
}
