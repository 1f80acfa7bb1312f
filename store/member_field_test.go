package store

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/rankfile/rankfile"
)

// FuzzDetails checks that details written by hand read back through
// encoding/json as they went in, whatever the text.
func FuzzDetails(f *testing.F) {
	f.Add("Apt \"4\"", "back\\slash", "line\nbreak\ttab\x01", "Nguyễn")
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		var in, out [rankfile.NumRosterFields]string
		for i, v := range []string{a, b, c, d} {
			in[detailFields[i*3%len(detailFields)]] = v
		}
		text := encodeDetails(&in)
		if !json.Valid([]byte(text)) {
			t.Fatalf("not JSON: %s", text)
		}
		if err := decodeDetails(text, &out); err != nil {
			t.Fatal(err)
		}
		for _, f := range detailFields {
			if in[f] != out[f] && utf8.ValidString(in[f]) { // roster text is always UTF-8

				t.Fatalf("%s: wrote %q, read %q", rankfile.RosterFields[f].Name, in[f], out[f])
			}
		}
	})
}

// FuzzChanges checks that history changes written by hand read back
// through encoding/json as they went in.
func FuzzChanges(f *testing.F) {
	f.Add("mailing_zip", "90026", "90\"401", false)
	f.Add("race", "", "", true)
	f.Fuzz(func(t *testing.T, field, old, new string, redacted bool) {
		if !utf8.ValidString(field) || !utf8.ValidString(old) || !utf8.ValidString(new) {
			return // roster text is always UTF-8
		}
		in := []rankfile.FieldChange{{Field: field, Old: old, New: new, Redacted: redacted}, {Field: "branch"}}
		var out []rankfile.FieldChange
		if err := json.Unmarshal([]byte(encodeChanges(in)), &out); err != nil {
			t.Fatalf("%s: %v", encodeChanges(in), err)
		}
		if len(out) != 2 || out[0] != in[0] || out[1] != in[1] {
			t.Fatalf("wrote %+v, read %+v", in, out)
		}
		want, _ := json.Marshal(in)
		if !json.Valid(want) || encodeChanges(nil) != "[]" {
			t.Fatal("encoding/json disagrees on the empty case")
		}
	})
}
