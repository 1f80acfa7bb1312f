package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// killedAuditEntries is how many entries the killed process records.
const killedAuditEntries = 20

// TestRecordedViewsSurviveAKill kills a process right after its views were
// recorded, before they could be moved from SQLite's queue into the log,
// and checks that they are all in the log, chained, once the database is
// opened again.
func TestRecordedViewsSurviveAKill(t *testing.T) {
	if dsn := os.Getenv("RANKFILE_TEST_AUDIT_KILL_DSN"); dsn != "" {
		recordUntilKilled(t, dsn)
		return
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		storetest.Open(t, dsn).Close()
		killAfterRecording(t, dsn)
		if !store.IsPostgres(dsn) {
			if n := queuedEntries(t, dsn+store.AuditQueueSuffix); n != killedAuditEntries {
				t.Fatalf("%d entries wait in the queue after the kill, want %d", n, killedAuditEntries)
			}
		}
		audit := store.NewAuditService(storetest.Open(t, dsn))
		if n, err := audit.VerifyAudit(ctx); err != nil || n != killedAuditEntries {
			t.Errorf("verify = %d, %v; want %d entries in an unbroken chain", n, err, killedAuditEntries)
		}
		entries, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range entries {
			seen[e.Detail] = true
		}
		for i := range killedAuditEntries {
			if !seen[fmt.Sprintf("view %d", i)] {
				t.Errorf("view %d is missing from the log", i)
			}
		}
	})
}

// killAfterRecording runs recordUntilKilled in a child process and kills
// it once it says its entries are recorded.
func killAfterRecording(t *testing.T, dsn string) {
	t.Helper()
	// The killed process has the database's key file, as an installation's processes do.
	t.Setenv("RANKFILE_TEST_AUDIT_KILL_KEYS", storetest.Keys(t, dsn).Text())
	killChildAfter(t, "TestRecordedViewsSurviveAKill", "RANKFILE_TEST_AUDIT_KILL_DSN="+dsn, "recorded")
}

// recordUntilKilled records views at once, as a busy server does, with
// moves put off, says so once every Record has returned, and waits.
func recordUntilKilled(t *testing.T, dsn string) {
	store.DelayAuditMoves(t, time.Hour)
	keys, err := secret.Parse("the test's keys", os.Getenv("RANKFILE_TEST_AUDIT_KILL_KEYS"))
	if err != nil {
		fmt.Println("keys:", err)
		os.Exit(1)
	}
	db, err := store.OpenWithKeys(ctx, dsn, keys)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	audit := store.NewAuditService(db)
	var wg sync.WaitGroup
	for i := range killedAuditEntries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := audit.Record(ctx, rankfile.AuditViewContact, 0, fmt.Sprintf("view %d", i)); err != nil {
				fmt.Println("record:", err)
				os.Exit(1)
			}
		}()
	}
	wg.Wait()
	fmt.Println("recorded")
	select {} // wait for the kill
}

// queuedEntries counts the entries waiting in an audit queue file.
func queuedEntries(t *testing.T, path string) int {
	t.Helper()
	raw := rawDB(t, path)
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM entries`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAnEntryMovedTwiceIsChainedOnce leaves moved entries in the queue, as
// a crash between chaining them and deleting them from the queue would,
// and checks that the next move skips them and clears them away.
func TestAnEntryMovedTwiceIsChainedOnce(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	db := storetest.Open(t, dsn)
	audit := store.NewAuditService(db)
	for i := range 3 {
		if err := audit.Record(ctx, rankfile.AuditSearchRoster, 0, fmt.Sprintf("search %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := audit.VerifyAudit(ctx); err != nil || n != 3 {
		t.Fatalf("verify = %d, %v; want 3", n, err)
	}
	queue := rawDB(t, dsn+store.AuditQueueSuffix)
	for _, id := range []int{2, 3} {
		if _, err := queue.Exec(`INSERT INTO entries (id, at, actor_id, actor, action, subject_id, detail)
			VALUES ($1, 0, 0, 'again', 'search_roster', 0, 'moved already')`, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := audit.Record(ctx, rankfile.AuditSearchRoster, 0, "search 3"); err != nil {
		t.Fatal(err)
	}
	entries, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 || entries[0].Detail != "search 3" {
		t.Errorf("the log holds %d entries, newest %q; want 4, newest search 3", len(entries), entries[0].Detail)
	}
	for _, e := range entries {
		if e.Detail == "moved already" {
			t.Errorf("an entry already moved was chained again: %+v", e)
		}
	}
	if n := queuedEntries(t, dsn+store.AuditQueueSuffix); n != 0 {
		t.Errorf("%d entries are left in the queue, want none", n)
	}
}

// TestAQueueOfAnotherDatabaseIsSetAside leaves entries in the queue, then
// replaces the database beside it with a new one: the entries are not
// chained into the new database's log but kept in a file set aside.
func TestAQueueOfAnotherDatabaseIsSetAside(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	storetest.Open(t, dsn).Close()
	killAfterRecording(t, dsn)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(dsn + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	audit := store.NewAuditService(storetest.Open(t, dsn))
	if n, err := audit.VerifyAudit(ctx); err != nil || n != 0 {
		t.Errorf("verify = %d, %v; want an empty log in the new database", n, err)
	}
	aside, err := filepath.Glob(dsn + store.AuditQueueSuffix + ".orphaned-*")
	if err != nil || len(aside) != 1 {
		t.Fatalf("set aside: %v, %v; want one file", aside, err)
	}
	if n := queuedEntries(t, aside[0]); n != killedAuditEntries {
		t.Errorf("the file set aside holds %d entries, want %d", n, killedAuditEntries)
	}
	if err := audit.Record(ctx, rankfile.AuditSearchRoster, 0, "new"); err != nil {
		t.Fatal(err)
	}
	if n, err := audit.VerifyAudit(ctx); err != nil || n != 1 {
		t.Errorf("verify = %d, %v; want the new database's one entry", n, err)
	}
}

// TestAnEntryNamingNobodyIsRefused records, at the same moment, an entry
// about a member who is not on the roster and one about a member who is:
// the first is refused and the second committed, on both databases.
func TestAnEntryNamingNobodyIsRefused(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		ana := member(t, db, "1")
		audit := store.NewAuditService(db)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, subject := range []int64{ana.ID, ana.ID + 1000} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = audit.Record(ctx, rankfile.AuditViewContact, subject, "")
			}()
		}
		wg.Wait()
		if errs[0] != nil || rankfile.ErrorCode(errs[1]) != rankfile.EINVALID {
			t.Errorf("errors = %v; want none for Ana, and invalid for nobody", errs)
		}
		entries, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditViewContact})
		if err != nil || len(entries) != 1 || entries[0].SubjectID != ana.ID {
			t.Errorf("the log = %v, %v; want Ana's entry alone", entries, err)
		}
	})
}

// TestOnlyFrequentViewsAreQueued records a roster search and an export on
// SQLite: the search waits in the queue, while the export is in the log at
// once, committed in a transaction of its own that waited for the disk.
func TestOnlyFrequentViewsAreQueued(t *testing.T) {
	store.DelayAuditMoves(t, time.Hour)
	dsn := storetest.SQLiteDSN(t)
	audit := store.NewAuditService(storetest.Open(t, dsn))
	for _, action := range []string{rankfile.AuditSearchRoster, rankfile.AuditExportRoster} {
		if err := audit.Record(ctx, action, 0, ""); err != nil {
			t.Fatal(err)
		}
	}
	var logged []string
	rows, err := rawDB(t, dsn).Query(`SELECT action FROM audit_log`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var action string
		if err := rows.Scan(&action); err != nil {
			t.Fatal(err)
		}
		logged = append(logged, action)
	}
	rows.Close()
	if len(logged) != 1 || logged[0] != rankfile.AuditExportRoster {
		t.Errorf("the log holds %v before any move; want the export alone", logged)
	}
	if n := queuedEntries(t, dsn+store.AuditQueueSuffix); n != 1 {
		t.Errorf("%d entries wait in the queue, want the search alone", n)
	}
	if n, err := audit.VerifyAudit(ctx); err != nil || n != 2 {
		t.Errorf("verify = %d, %v; want both entries chained", n, err)
	}
}
