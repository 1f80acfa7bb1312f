package store

import (
	"encoding/hex"
	"hash/fnv"
	"testing"

	"github.com/rankfile/rankfile"
)

// everyField is a list source that has every roster field.
type everyField struct{ rankfile.RosterSource }

func (everyField) Has(int) bool { return true }

// TestTheFingerprintIsFNV1a checks the importer's fingerprint against
// hash/fnv's, which computed the fingerprints already stored.
func TestTheFingerprintIsFNV1a(t *testing.T) {
	imp := &importer{src: everyField{}}
	for _, values := range [][2]string{{"", ""}, {"Ana", "García"}, {"ÁNGELA \x00 \xff", "90026-1234"}} {
		rec := &rankfile.RosterRecord{}
		rec.Values[rankfile.FieldFirstName], rec.Values[rankfile.FieldLastName] = values[0], values[1]
		want := fnv.New64a()
		for i, v := range rec.Values {
			want.Write([]byte{byte(i)})
			want.Write([]byte(v))
			want.Write([]byte{0})
		}
		want.Write([]byte(rankfile.StandingGood))
		if got := imp.hash(rec, rankfile.StandingGood); got != hex.EncodeToString(want.Sum(nil)) {
			t.Errorf("%q: %s, want %s", values, got, hex.EncodeToString(want.Sum(nil)))
		}
	}
}
