package store

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
)

// BenchmarkAuditHash compares the hash of an entry recorded without an
// audit key (plain SHA-256 of its JSON) with the keyed one (HMAC-SHA256
// under the audit key), the only work keying adds to recording. Reproduce
// with
//
//	go test ./store -run '^$' -bench AuditHash -count 6
func BenchmarkAuditHash(b *testing.B) {
	text, err := secret.GenerateKeyFile(nil)
	if err != nil {
		b.Fatal(err)
	}
	ring, err := secret.Parse("bench keys", text)
	if err != nil {
		b.Fatal(err)
	}
	e := newAuditEntry(&rankfile.Actor{Label: "Dana Steward"}, time.Now(), rankfile.AuditSearchRoster, 0,
		"standing=good branch=central q=garc page 1")
	e.PrevHash = "hmac-sha256:0a1b2c3d:9c56cc51b374c3ba189210d5b6d4bf57790d351c96c47c02190ecf1e430635ab"
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			plainAuditHash(e)
		}
	})
	b.Run("keyed", func(b *testing.B) {
		for b.Loop() {
			if _, err := hashAudit(ring, e); err != nil {
				b.Fatal(err)
			}
		}
	})
}
