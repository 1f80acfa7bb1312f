package store_test

import (
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

func TestChangesAreAudited(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		ana := member(t, db, "1")
		dana := rankfile.WithActor(ctx, &rankfile.Actor{Member: ana})
		if err := store.NewAuthService(db).GrantRole(dana, ana.ID, rankfile.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		o := &rankfile.StandingOverride{MemberID: ana.ID, Standing: "good", Reason: "waiver", Author: "Ana"}
		if err := store.NewMemberService(db).SetStandingOverride(dana, o); err != nil {
			t.Fatal(err)
		}
		audit := store.NewAuditService(db)
		entries, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, e.Action+" by "+e.Actor)
		}
		want := "standing_override by Ana García, grant_role by Ana García, import_roster by store tests"
		if strings.Join(got, ", ") != want {
			t.Errorf("audit log (newest first) = %q, want %q", strings.Join(got, ", "), want)
		}
		if entries[0].ActorID != ana.ID || entries[0].SubjectID != ana.ID {
			t.Errorf("entry = %+v, want Ana as actor and subject", entries[0])
		}
		if n, err := audit.VerifyAudit(ctx); err != nil || n != 3 {
			t.Errorf("verify = %d, %v; want 3 entries, no error", n, err)
		}
	})
}

func TestTheAuditLogIsAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		audit := store.NewAuditService(db)
		for i := 0; i < 3; i++ {
			if err := audit.Record(ctx, rankfile.AuditExportRoster, 0, "test"); err != nil {
				t.Fatal(err)
			}
		}
		if entries, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{}); err != nil || len(entries) != 3 {
			t.Fatalf("the log holds %d entries (%v), want 3", len(entries), err)
		}
		raw := rawDB(t, dsn)
		for _, q := range []string{`UPDATE audit_log SET detail = 'changed'`, `DELETE FROM audit_log`} {
			if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err = %v, want the append-only refusal", q, err)
			}
		}
	})
}

func TestVerifyFindsTampering(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		audit := store.NewAuditService(db)
		for i := 0; i < 4; i++ {
			if err := audit.Record(ctx, rankfile.AuditExportRoster, 0, "entry"); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := audit.VerifyAudit(ctx); err != nil || n != 4 {
			t.Fatalf("verify = %d, %v before tampering; want 4 entries", n, err)
		}
		raw := rawDB(t, dsn)
		dropAuditTriggers(t, raw, store.IsPostgres(dsn))
		if _, err := raw.Exec(`UPDATE audit_log SET detail = 'nothing to see' WHERE id = 2`); err != nil {
			t.Fatal(err)
		}
		if _, err := audit.VerifyAudit(ctx); err == nil || !strings.Contains(rankfile.ErrorMessage(err), "entry 2 does not match") {
			t.Errorf("a changed entry: err = %v", err)
		}
		if _, err := raw.Exec(`DELETE FROM audit_log WHERE id = 2`); err != nil {
			t.Fatal(err)
		}
		if _, err := audit.VerifyAudit(ctx); err == nil || !strings.Contains(rankfile.ErrorMessage(err), "entry 3 does not follow") {
			t.Errorf("a removed entry: err = %v", err)
		}
	})
}

// dropAuditTriggers removes the append-only guard, as someone with full
// access to the database could, so that the chain itself is tested.
func dropAuditTriggers(t *testing.T, raw *sql.DB, postgres bool) {
	t.Helper()
	drops := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if postgres {
		drops = []string{`DROP TRIGGER audit_log_no_change ON audit_log`, `DROP TRIGGER audit_log_no_truncate ON audit_log`}
	}
	for _, q := range drops {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestConcurrentAuditEntriesKeepTheChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		storetest.Open(t, dsn)
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			db := storetest.Open(t, dsn) // as several server processes would
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					if err := store.NewAuditService(db).Record(ctx, rankfile.AuditViewContact, 0, "x"); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		if n, err := store.NewAuditService(storetest.Open(t, dsn)).VerifyAudit(ctx); err != nil || n != 40 {
			t.Errorf("verify = %d, %v; want 40 entries in an unbroken chain", n, err)
		}
	})
}

// TestEntriesRecordedTogetherAreCommittedTogether records many entries at
// once from one process, as a busy server does: each is committed before
// Record returns, with its own actor, and the chain holds.
func TestEntriesRecordedTogetherAreCommittedTogether(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		audit := store.NewAuditService(db)
		const n = 300
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				actorCtx := rankfile.WithActor(ctx, &rankfile.Actor{Label: fmt.Sprintf("viewer %d", i)})
				detail := fmt.Sprintf("entry %d", i)
				if err := audit.Record(actorCtx, rankfile.AuditViewContact, 0, detail); err != nil {
					t.Error(err)
					return
				}
				entries, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{})
				if err != nil {
					t.Error(err)
					return
				}
				for _, e := range entries {
					if e.Detail == detail {
						if e.Actor != fmt.Sprintf("viewer %d", i) {
							t.Errorf("%s recorded for %q", detail, e.Actor)
						}
						return
					}
				}
				t.Errorf("%s is not in the log once Record returned", detail)
			}()
		}
		wg.Wait()
		if count, err := audit.VerifyAudit(ctx); err != nil || count != n {
			t.Errorf("verify = %d, %v; want %d entries in an unbroken chain", count, err, n)
		}
	})
}
