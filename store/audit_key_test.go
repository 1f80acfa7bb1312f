package store_test

import (
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// record appends n entries whose details count from first.
func record(t *testing.T, audit *store.AuditService, first, n int) {
	t.Helper()
	for i := first; i < first+n; i++ {
		if err := audit.Record(ctx, rankfile.AuditExportRoster, 0, fmt.Sprintf("entry %d", i)); err != nil {
			t.Fatal(err)
		}
	}
}

// oldestFirst returns the whole log, oldest entry first.
func oldestFirst(t *testing.T, audit *store.AuditService) []*rankfile.AuditEntry {
	t.Helper()
	entries, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(entries)
	return entries
}

// check runs CheckAudit and fails the test if the check could not be made.
func check(t *testing.T, audit *store.AuditService, heads ...*rankfile.AuditHead) *rankfile.AuditCheck {
	t.Helper()
	c, err := audit.CheckAudit(ctx, heads)
	if err != nil {
		t.Fatalf("the check could not be made: %v", err)
	}
	return c
}

// wantIntact fails the test unless the check found nothing wrong in n entries.
func wantIntact(t *testing.T, c *rankfile.AuditCheck, n int) {
	t.Helper()
	if c.Problem != "" || c.Entries != n {
		t.Errorf("check: %d entries, problem %q; want %d entries and none", c.Entries, c.Problem, n)
	}
}

// wantProblem fails the test unless the check found a problem that says
// each of parts.
func wantProblem(t *testing.T, c *rankfile.AuditCheck, parts ...string) {
	t.Helper()
	if c.Problem == "" {
		t.Fatalf("check of %d entries found nothing wrong; want %q", c.Entries, parts)
	}
	for _, p := range parts {
		if !strings.Contains(c.Problem, p) {
			t.Errorf("problem %q: want it to say %q", c.Problem, p)
		}
	}
}

// asAttacker runs fn on the database with the audit log's guards (the
// append-only triggers and the keyed check) dropped, then puts them back,
// as someone with full access to the database could.
func asAttacker(t *testing.T, dsn string, fn func(raw *sql.DB)) {
	t.Helper()
	raw := rawDB(t, dsn)
	drop, restore := auditGuards(store.IsPostgres(dsn))
	for _, q := range drop {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	fn(raw)
	for _, q := range restore {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// auditGuards returns the statements that drop the audit log's guards and
// those that put them back.
func auditGuards(postgres bool) (drop, restore []string) {
	if postgres {
		return []string{`DROP TRIGGER audit_log_no_change ON audit_log`, `DROP TRIGGER audit_log_no_truncate ON audit_log`,
				`ALTER TABLE audit_log DROP CONSTRAINT audit_log_stays_keyed`},
			[]string{`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
				`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
				`ALTER TABLE audit_log ADD CONSTRAINT audit_log_stays_keyed CHECK (prev_hash NOT LIKE 'hmac-sha256:%' OR hash LIKE 'hmac-sha256:%') NOT VALID`}
	}
	return []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`, `DROP TRIGGER audit_log_stays_keyed`},
		[]string{`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
			`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
			`CREATE TRIGGER audit_log_stays_keyed BEFORE INSERT ON audit_log WHEN NEW.prev_hash LIKE 'hmac-sha256:%' AND NEW.hash NOT LIKE 'hmac-sha256:%' BEGIN SELECT RAISE(ABORT, 'keyed'); END`}
}

// cut deletes the entries after the first n, as someone hiding them would.
func cut(t *testing.T, dsn string, db *store.DB, n int) {
	t.Helper()
	entries := oldestFirst(t, store.NewAuditService(db))
	asAttacker(t, dsn, func(raw *sql.DB) {
		if _, err := raw.Exec(`DELETE FROM audit_log WHERE id > $1`, entries[n-1].ID); err != nil {
			t.Fatal(err)
		}
	})
}

// rewritePlain rewrites the whole log from its first entry, leaving out
// the entries keep refuses and chaining the rest with plain SHA-256: what
// someone who can write the database, but has no audit key, can do.
func rewritePlain(t *testing.T, dsn string, db *store.DB, keep func(*rankfile.AuditEntry) bool) {
	t.Helper()
	entries := oldestFirst(t, store.NewAuditService(db))
	asAttacker(t, dsn, func(raw *sql.DB) {
		if _, err := raw.Exec(`DELETE FROM audit_log`); err != nil {
			t.Fatal(err)
		}
		prev := ""
		for _, e := range entries {
			if !keep(e) {
				continue
			}
			e.PrevHash = prev
			e.Hash = store.PlainAuditHash(e)
			if err := store.InsertAuditEntry(db, e); err != nil {
				t.Fatal(err)
			}
			prev = e.Hash
		}
	})
}

func TestEntriesRecordedWithAnAuditKeyAreKeyed(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		audit := store.NewAuditService(db)
		record(t, audit, 1, 2)
		if err := audit.Record(ctx, rankfile.AuditViewContact, 0, "a view, in the log of views on SQLite"); err != nil {
			t.Fatal(err)
		}
		prefix := rankfile.AuditKeyedPrefix + db.Keys.Keyring().AuditKeyID() + ":"
		for _, e := range oldestFirst(t, audit) {
			if !strings.HasPrefix(e.Hash, prefix) || len(e.Hash) != len(prefix)+64 {
				t.Errorf("entry %d (%s) has hash %q; want it keyed, %q and 64 hex digits", e.ID, e.Detail, e.Hash, prefix)
			}
		}
		c := check(t, audit)
		n, keyed := c.Entries, c.Keyed
		if c.Views != nil {
			n, keyed = n+c.Views.Entries, keyed+c.Views.Keyed
		}
		if c.Problem != "" || n != 3 || keyed != 3 || c.FirstKeyedID != 1 {
			t.Errorf("check: %d entries, %d keyed from entry %d, problem %q; want all 3 keyed from the first", n, keyed, c.FirstKeyedID, c.Problem)
		}
	})
}

func TestAChainRewrittenWithPlainHashesFailsVerify(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		audit := store.NewAuditService(db)
		record(t, audit, 1, 4)
		wantIntact(t, check(t, audit), 4)
		rewritePlain(t, dsn, db, func(e *rankfile.AuditEntry) bool { return e.Detail != "entry 2" })
		wantProblem(t, check(t, audit), "none of the 3 entries of the audit log is keyed", "rewritten by someone without the key")
		if _, err := audit.VerifyAudit(ctx); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("VerifyAudit: %v; want EINVALID", err)
		}
	})
}

func TestAPlainEntryAfterKeyedOnesFailsVerify(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		audit := store.NewAuditService(db)
		record(t, audit, 1, 3)
		last := oldestFirst(t, audit)[2]
		forged := &rankfile.AuditEntry{ID: last.ID + 1, At: last.At, Actor: "nobody", Action: rankfile.AuditExportRoster,
			Detail: "written without the key", PrevHash: last.Hash}
		forged.Hash = store.PlainAuditHash(forged)
		if err := store.InsertAuditEntry(db, forged); err == nil {
			t.Fatal("the database took a plain entry after a keyed one")
		}
		asAttacker(t, dsn, func(*sql.DB) {
			if err := store.InsertAuditEntry(db, forged); err != nil {
				t.Fatal(err)
			}
		})
		wantProblem(t, check(t, audit), fmt.Sprintf("audit entry %d is not keyed, but entries before it are", forged.ID))
	})
}

func TestWithoutTheAuditKeyAKeyedLogTakesNoEntry(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		audit := store.NewAuditService(db)
		record(t, audit, 1, 2)
		keys := db.Keys
		db.Keys = nil
		err := audit.Record(ctx, rankfile.AuditExportRoster, 0, "without the key")
		if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), "the audit log is keyed") {
			t.Errorf("recording without the key: %v; want a refusal naming the keyed log", err)
		}
		if _, err := audit.CheckAudit(ctx, nil); rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), "give the key file") {
			t.Errorf("checking without the key: %v; want a refusal asking for the key file", err)
		}
		db.Keys = keys
		wantIntact(t, check(t, audit), 2)
	})
}

func TestPlainEntriesBeforeTheAuditKeyStillVerify(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		audit := store.NewAuditService(db)
		keys := db.Keys
		db.Keys = nil // as before audit keys existed
		record(t, audit, 1, 3)
		c := check(t, audit)
		wantIntact(t, c, 3)
		if c.Keyed != 0 {
			t.Errorf("%d entries keyed without a key", c.Keyed)
		}
		db.Keys = keys
		record(t, audit, 4, 2)
		c = check(t, audit)
		wantIntact(t, c, 5)
		if entries := oldestFirst(t, audit); c.Keyed != 2 || c.FirstKeyedID != entries[3].ID {
			t.Errorf("check: %d keyed from entry %d; want 2 from entry %d", c.Keyed, c.FirstKeyedID, entries[3].ID)
		}
	})
}

func TestKeyedEntriesVerifyAfterRotations(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		audit := store.NewAuditService(db)
		record(t, audit, 1, 2)
		first := db.Keys.Keyring()
		// A rotation of the sealing key, its old key retired.
		text, err := secret.GenerateKeyFile(first)
		if err != nil {
			t.Fatal(err)
		}
		rotated, err := secret.Parse("rotated", text)
		if err != nil {
			t.Fatal(err)
		}
		db.Keys = rotated.CurrentOnly()
		wantIntact(t, check(t, audit), 2)
		record(t, audit, 3, 2)
		// A new audit key: later entries are keyed with it.
		text, err = secret.GenerateAuditKey(rotated.CurrentOnly())
		if err != nil {
			t.Fatal(err)
		}
		both, err := secret.Parse("new audit key", text)
		if err != nil {
			t.Fatal(err)
		}
		db.Keys = both
		record(t, audit, 5, 2)
		entries := oldestFirst(t, audit)
		if !strings.Contains(entries[5].Hash, ":"+both.AuditKeyID()+":") || !strings.Contains(entries[0].Hash, ":"+first.AuditKeyID()+":") {
			t.Errorf("hashes %q and %q: want the first audit key, then the new one", entries[0].Hash, entries[5].Hash)
		}
		wantIntact(t, check(t, audit), 6)
		db.Keys = first // lacks the new audit key
		wantProblem(t, check(t, audit), "names audit key "+both.AuditKeyID()+", which the key file does not hold")
	})
}

// TestKeyedHashesFollowTheDescription checks stored entries as an auditor
// would from the key file's text and the secret package's description
// alone, with the standard library.
func TestKeyedHashesFollowTheDescription(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		audit := store.NewAuditService(db)
		ana := rankfile.WithActor(ctx, &rankfile.Actor{Label: "Ana <steward> & co"})
		if err := audit.Record(ana, rankfile.AuditViewSensitive, 0, "race, accommodations: ñ"); err != nil {
			t.Fatal(err)
		}
		record(t, audit, 1, 1)
		ring := db.Keys.Keyring()
		var auditKey []byte
		for _, line := range strings.Split(ring.Text(), "\n") {
			if f := strings.Fields(line); len(f) == 3 && f[0] == "audit" && f[1] == ring.AuditKeyID() {
				auditKey, _ = base64.StdEncoding.DecodeString(f[2])
			}
		}
		macKey, err := hkdf.Key(sha256.New, auditKey, nil, "rankfile audit v1: HMAC-SHA256 of audit entries", 32)
		if err != nil {
			t.Fatal(err)
		}
		prevs := map[string]string{} // by log: each log is a chain of its own
		if db.Dialect() == store.SQLite {
			var id string // the log of views starts from its own id
			if err := rawDB(t, dsn+store.ViewLogSuffix).QueryRow(`SELECT id FROM view_log`).Scan(&id); err != nil {
				t.Fatal(err)
			}
			prevs[rankfile.AuditViewLog] = "views:" + id
		}
		for _, e := range oldestFirst(t, audit) {
			prev := prevs[e.Log]
			var msg []byte
			for _, f := range []string{strconv.FormatInt(e.At.UnixMicro(), 10), strconv.FormatInt(e.ActorID, 10), e.Actor, e.Action,
				strconv.FormatInt(e.SubjectID, 10), e.Detail, prev} {
				msg = fmt.Appendf(msg, "%d:%s,", len(f), f)
			}
			h := hmac.New(sha256.New, macKey)
			h.Write(msg)
			if want := "hmac-sha256:" + ring.AuditKeyID() + ":" + hex.EncodeToString(h.Sum(nil)); e.Hash != want || e.PrevHash != prev {
				t.Errorf("entry %d: hash %q after %q; want %q after %q", e.ID, e.Hash, e.PrevHash, want, prev)
			}
			prevs[e.Log] = e.Hash
		}
	})
}
