package roster_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
)

// FuzzReader feeds the reader arbitrary files. It must never panic; every
// rejection names a data line and a reason; every other failure is a clear
// EINVALID error; every record it yields has an id and canonical values.
func FuzzReader(f *testing.F) {
	f.Add(headerA + "\n1,Ana,,García,,,,,,,,,,,90026,,,,A@B.C,,,1/2/2020,2021-01-01,,,Member,,,,,,,\n")
	f.Add(headerB + "\n2,\"x\ny\",,z\n")
	f.Add("\uFEFFAK_ID,Xdate\r\n1,13/13/2020\r\n1,2020-01-01\r\n")
	f.Add("actionkit_id,first_name\n1,\"Bo\n2,Cy\n")
	f.Add("actionkit_id,mailing_zip,do_not_call\n1,1234,yes\n2,123456789,no\n")
	f.Fuzz(func(t *testing.T, text string) {
		r, err := roster.NewReader(strings.NewReader(text))
		if err != nil {
			if rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Fatalf("NewReader error %v is not EINVALID", err)
			}
			return
		}
		for i := 0; ; i++ {
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			checkRead(t, r, rec, err)
			if i > len(text) {
				t.Fatalf("more records than bytes: the reader does not advance")
			}
		}
	})
}

func checkRead(t *testing.T, r *roster.Reader, rec *rankfile.RosterRecord, err error) {
	var re *rankfile.RecordError
	switch {
	case errors.As(err, &re):
		if re.Line < 2 || re.Reason == "" {
			t.Fatalf("rejection %+v lacks a data line or a reason", re)
		}
	case err != nil:
		if rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Fatalf("error %v is neither a rejection nor EINVALID", err)
		}
	default:
		if rec.NationalID() == "" || rec.Line < 2 {
			t.Fatalf("record without id or line: %+v", rec)
		}
		for i, v := range rec.Values {
			if !r.Has(i) {
				continue
			}
			again, err := rankfile.RosterFields[i].Normalize(v)
			if err != nil || again != v {
				t.Fatalf("%s value %q is not canonical (%q, %v)", rankfile.RosterFields[i].Name, v, again, err)
			}
		}
	}
}
