package store_test

import (
	"bytes"
	"crypto/ed25519"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// signHead takes the log's head and reads it back from its line, as a
// member who kept it would hand it in.
func signHead(t *testing.T, audit *store.AuditService) *rankfile.AuditHead {
	t.Helper()
	h, err := audit.SignAuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := rankfile.ParseAuditHead(h.String())
	if err != nil {
		t.Fatalf("the head %q does not read back: %v", h, err)
	}
	return kept
}

func TestAHeadSaysWhatTheLogHeld(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 500, time.UTC) }
		audit := store.NewAuditService(db)
		if h := signHead(t, audit); h.Entries != 0 || h.LastID != 0 || h.Hash != "" {
			t.Errorf("the head of an empty log: %s", h)
		}
		record(t, audit, 1, 3)
		h := signHead(t, audit)
		last := oldestFirst(t, audit)[2]
		ring := db.Keys.Keyring()
		public, _ := ring.AuditPublicKey(ring.AuditKeyID())
		if h.Entries != 3 || h.LastID != last.ID || h.Hash != last.Hash || !h.At.Equal(db.Now().Truncate(time.Second)) ||
			h.KeyID != ring.AuditKeyID() || !bytes.Equal(h.PublicKey, public) {
			t.Errorf("head %s; want 3 entries, the last %d %s, at %s, key %s", h, last.ID, last.Hash, db.Now(), ring.AuditKeyID())
		}
		if !ed25519.Verify(public, []byte(h.Message()), h.Signature) {
			t.Errorf("the head's signature does not check with its public key alone")
		}
		if !strings.HasPrefix(h.String(), "rankfile-audit-head v2 entries=3 last=") {
			t.Errorf("head line %q", h)
		}
		record(t, audit, 4, 2)
		wantIntact(t, check(t, audit, h), 5)
	})
}

func TestVerifyAgainstAHeadFindsACutTail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		audit := store.NewAuditService(db)
		record(t, audit, 1, 5)
		h := signHead(t, audit)
		record(t, audit, 6, 1)
		cut(t, dsn, db, 3)
		wantIntact(t, check(t, audit), 3) // the chain alone cannot tell
		wantProblem(t, check(t, audit, h), "the audit log was cut short", "holds 3 entries", "held 5")
	})
}

func TestVerifyAgainstAHeadFindsARewrittenLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		audit := store.NewAuditService(db)
		record(t, audit, 1, 4)
		h := signHead(t, audit)
		cut(t, dsn, db, 2)
		record(t, audit, 10, 2) // two other entries in place of the last two, keyed
		wantIntact(t, check(t, audit), 4)
		wantProblem(t, check(t, audit, h), "the audit log was rewritten", h.Hash)
	})
}

func TestForgedHeadsFail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		audit := store.NewAuditService(db)
		record(t, audit, 1, 4)
		h := signHead(t, audit)
		wantIntact(t, check(t, audit, h), 4)

		fewer := *h
		fewer.Entries = 3 // as someone hiding the last entry would
		wantProblem(t, check(t, audit, &fewer), "is forged", "signature")

		other := storetest.Open(t, storetest.SQLiteDSN(t)) // another installation's audit key
		record(t, store.NewAuditService(other), 1, 4)
		foreign := signHead(t, store.NewAuditService(other))
		wantProblem(t, check(t, audit, foreign), "is forged", "which the key file does not hold")

		// The right key id, the forger's own public key and signature.
		public, private, _ := ed25519.GenerateKey(nil)
		mine := *h
		mine.PublicKey = public
		mine.Signature = ed25519.Sign(private, []byte(mine.Message()))
		wantProblem(t, check(t, audit, &mine), "is forged", "public key is not that of audit key")
		mine.PublicKey = h.PublicKey
		mine.Signature = ed25519.Sign(private, []byte(mine.Message()))
		wantProblem(t, check(t, audit, &mine), "is forged", "signature")
	})
}

func TestHeadsNeedTheAuditKey(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		audit := store.NewAuditService(db)
		record(t, audit, 1, 1)
		h := signHead(t, audit)
		db.Keys = nil
		if _, err := audit.SignAuditHead(ctx); rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), "needs an audit key") {
			t.Errorf("signing without a key: %v", err)
		}
		if _, err := audit.CheckAudit(ctx, []*rankfile.AuditHead{h}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("checking a head without a key: %v", err)
		}
	})
}

// TestAHeadOfVersion1StillChecks keeps a head as rankfile wrote it before
// views had a log of their own (version 1: the main log alone): it reads
// back, and checks the main log as it did.
func TestAHeadOfVersion1StillChecks(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		audit := store.NewAuditService(db)
		record(t, audit, 1, 2)
		h := signHead(t, audit)
		h.Views = nil
		ring := db.Keys.Keyring()
		var err error
		if h.Signature, err = ring.SignAudit([]byte(h.Message())); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(h.String(), "rankfile-audit-head v1 entries=2 last=") {
			t.Fatalf("head line %q; want version 1", h)
		}
		kept, err := rankfile.ParseAuditHead(h.String())
		if err != nil || kept.Views != nil {
			t.Fatalf("the version 1 head reads back as %v, %v", kept, err)
		}
		record(t, audit, 3, 1)
		if err := audit.Record(ctx, rankfile.AuditSearchRoster, 0, "a view"); err != nil {
			t.Fatal(err)
		}
		if c := check(t, audit, kept); c.Problem != "" {
			t.Errorf("check against the version 1 head: %q", c.Problem)
		}
	})
}
