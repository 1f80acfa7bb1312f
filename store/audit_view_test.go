package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// killedAuditEntries is how many entries the killed process records.
const killedAuditEntries = 20

// TestRecordedViewsSurviveAKill kills a process right after its views were
// recorded, and checks that they are all in the log, chained, once the
// database is opened again: on SQLite in the log of views, none of them in
// the database's own log.
func TestRecordedViewsSurviveAKill(t *testing.T) {
	if dsn := os.Getenv("RANKFILE_TEST_AUDIT_KILL_DSN"); dsn != "" {
		recordUntilKilled(t, dsn)
		return
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		storetest.Open(t, dsn).Close()
		killAfterRecording(t, dsn)
		if !store.IsPostgres(dsn) {
			if n := countRows(t, dsn+store.ViewLogSuffix, "entries"); n != killedAuditEntries {
				t.Fatalf("the log of views holds %d entries after the kill, want %d", n, killedAuditEntries)
			}
			if n := countRows(t, dsn, "audit_log"); n != 0 {
				t.Errorf("the database's own log holds %d entries, want none: views go to the log of views", n)
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

// recordUntilKilled records views at once, as a busy server does, says so
// once every Record has returned, and waits.
func recordUntilKilled(t *testing.T, dsn string) {
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

// countRows counts the rows of a table in a SQLite file.
func countRows(t *testing.T, path, table string) int {
	t.Helper()
	var n int
	if err := rawDB(t, path).QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRecordingAViewLeavesTheDatabaseAsItWas checks what the log of views
// is for: recording roster searches commits nothing to the database file,
// so its readers keep their caches (SQLite's data_version, read on one
// connection, moves when another connection commits).
func TestRecordingAViewLeavesTheDatabaseAsItWas(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	audit := store.NewAuditService(storetest.Open(t, dsn))
	conn, err := rawDB(t, dsn).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	version := func() (v int64) {
		if err := conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := version()
	for i := range 10 {
		if err := audit.Record(ctx, rankfile.AuditSearchRoster, 0, fmt.Sprintf("search %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if after := version(); after != before {
		t.Errorf("the database's data_version went from %d to %d: recording views committed to it", before, after)
	}
	if err := audit.Record(ctx, rankfile.AuditExportRoster, 0, "an export"); err != nil {
		t.Fatal(err)
	}
	if after := version(); after == before {
		t.Errorf("the database's data_version stayed %d after an export was audited: the test cannot see a commit", before)
	}
}

// TestOnlyFrequentViewsGoToTheLogOfViews records a roster search and an
// export on SQLite: the search is in the log of views, the export in the
// database's log, committed in a transaction of its own that waited for
// the disk, and reading the log gives both, newest first, each saying its
// log.
func TestOnlyFrequentViewsGoToTheLogOfViews(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	audit := store.NewAuditService(storetest.Open(t, dsn))
	for _, action := range []string{rankfile.AuditSearchRoster, rankfile.AuditExportRoster} {
		if err := audit.Record(ctx, action, 0, ""); err != nil {
			t.Fatal(err)
		}
	}
	if n := countRows(t, dsn, "audit_log"); n != 1 {
		t.Errorf("the database's log holds %d entries; want the export alone", n)
	}
	if n := countRows(t, dsn+store.ViewLogSuffix, "entries"); n != 1 {
		t.Errorf("the log of views holds %d entries; want the search alone", n)
	}
	entries, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{})
	if err != nil || len(entries) != 2 {
		t.Fatalf("entries = %v, %v; want two", entries, err)
	}
	if entries[0].Action != rankfile.AuditExportRoster || entries[0].Log != "" ||
		entries[1].Action != rankfile.AuditSearchRoster || entries[1].Log != rankfile.AuditViewLog {
		t.Errorf("entries = %+v, %+v; want the export (main log), then the search (log of views)", entries[0], entries[1])
	}
	if n, err := audit.VerifyAudit(ctx); err != nil || n != 2 {
		t.Errorf("verify = %d, %v; want both entries chained", n, err)
	}
}

// TestAViewLogOfAnotherDatabaseIsSetAside leaves views in the log of
// views, then replaces the database beside it with a new one: the views
// are not taken into the new database's log but kept in a file set aside.
func TestAViewLogOfAnotherDatabaseIsSetAside(t *testing.T) {
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
	aside, err := filepath.Glob(dsn + store.ViewLogSuffix + ".orphaned-*Z")
	if err != nil || len(aside) != 1 {
		t.Fatalf("set aside: %v, %v; want one file", aside, err)
	}
	if n := countRows(t, aside[0], "entries"); n != killedAuditEntries {
		t.Errorf("the file set aside holds %d entries, want %d", n, killedAuditEntries)
	}
	if err := audit.Record(ctx, rankfile.AuditSearchRoster, 0, "new"); err != nil {
		t.Fatal(err)
	}
	if n, err := audit.VerifyAudit(ctx); err != nil || n != 1 {
		t.Errorf("verify = %d, %v; want the new database's one entry", n, err)
	}
}

// TestALostViewLogIsFound removes the log of views of a database: opening
// it again starts a new log and says so in the main log, and a head kept
// from before finds the views it counted missing.
func TestALostViewLogIsFound(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	db := storetest.Open(t, dsn)
	audit := store.NewAuditService(db)
	for range 3 {
		if err := audit.Record(ctx, rankfile.AuditSearchRoster, 0, "search"); err != nil {
			t.Fatal(err)
		}
	}
	kept := signHead(t, audit)
	if kept.Views == nil || kept.Views.Entries != 3 {
		t.Fatalf("head %s; want 3 views", kept)
	}
	db.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(dsn + store.ViewLogSuffix + suffix)
	}
	audit = store.NewAuditService(storetest.Open(t, dsn))
	said, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditNewViewLog})
	if err != nil || len(said) != 1 || !strings.Contains(said[0].Detail, "was not found") {
		t.Errorf("the main log says %v, %v; want one entry saying the log of views was not found", said, err)
	}
	wantProblem(t, check(t, audit, kept), "says the log of views was lost", "the views it held are gone")
}

// TestViewsRemovedAfterAnAnchorAreFound removes the last view, and then
// empties the log of views in place, keeping its file and id, as someone
// who can write the file could: the anchors in the main log find both,
// without any kept head.
func TestViewsRemovedAfterAnAnchorAreFound(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	db := storetest.Open(t, dsn)
	audit := store.NewAuditService(db)
	for _, action := range []string{rankfile.AuditViewContact, rankfile.AuditViewContact, rankfile.AuditExportRoster} {
		if err := audit.Record(ctx, action, 0, "real"); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AnchorViews(ctx); err != nil {
		t.Fatal(err)
	}
	wantIntact(t, check(t, audit), 2)
	raw := rawDB(t, dsn+store.ViewLogSuffix)
	for _, q := range []string{`DROP TRIGGER entries_no_delete`, `DELETE FROM entries WHERE id = 2`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	wantProblem(t, check(t, audit), "the log of views was cut short: it holds 1 entries", "audit entry 2 held 2")
	if _, err := raw.Exec(`DELETE FROM entries`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	audit = store.NewAuditService(storetest.Open(t, dsn))
	wantProblem(t, check(t, audit), "the log of views was cut short: it holds 0 entries")
}

// TestTheDatabaseClosingAnchorsItsViews closes a database with views not
// yet anchored: closing anchors them, and opening again anchors nothing
// more until views are added.
func TestTheDatabaseClosingAnchorsItsViews(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	db := storetest.Open(t, dsn)
	if err := store.NewAuditService(db).Record(ctx, rankfile.AuditSearchRoster, 0, "a search"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = storetest.Open(t, dsn)
	db.Close()
	audit := store.NewAuditService(storetest.Open(t, dsn))
	anchors, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditAnchorViews})
	if err != nil || len(anchors) != 1 || !strings.Contains(anchors[0].Detail, " views=1 last=1 hash=hmac-sha256:") {
		t.Errorf("anchors = %v, %v; want one, of the one view", anchors, err)
	}
}

// TestAViewForgedBeforeTheFirstIsFound puts an entry before the log of
// views' first, as someone who can write the file could: verify names it,
// and the real first entry after it does not clear the problem.
func TestAViewForgedBeforeTheFirstIsFound(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	audit := store.NewAuditService(storetest.Open(t, dsn))
	for range 3 {
		if err := audit.Record(ctx, rankfile.AuditSearchRoster, 0, "real"); err != nil {
			t.Fatal(err)
		}
	}
	raw := rawDB(t, dsn+store.ViewLogSuffix)
	var first rankfile.AuditEntry
	if err := raw.QueryRow(`SELECT prev_hash, hash FROM entries WHERE id = 1`).Scan(&first.PrevHash, &first.Hash); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO entries (id, at, actor_id, actor, action, subject_id, detail, prev_hash, hash)
		VALUES (0, 1, 0, 'someone', 'view_contact', 0, 'forged', $1, $2)`, first.PrevHash, first.Hash); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, check(t, audit), "entry 0 of the log of views does not match its hash")
	if _, err := audit.VerifyAudit(ctx); err == nil {
		t.Error("verify passed a forged entry")
	}
}

// TestAForgedQueueFileIsNeverChained puts a queue file, as older rankfiles
// kept, beside a database that has opened since it had one: its entries,
// which carry no hash, are set aside unread, never keyed into the log.
// A file that is no queue at all is set aside too, and the database opens.
func TestAForgedQueueFileIsNeverChained(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	storetest.Open(t, dsn).Close()
	if _, err := rawDB(t, dsn).Exec(`INSERT INTO audit_queues (queue_id) VALUES ('an-old-queue')`); err != nil {
		t.Fatal(err)
	}
	storetest.Open(t, dsn).Close() // no queue file: the database forgets its queues
	writeQueue(t, dsn, "an-old-queue", "export_roster")
	audit := store.NewAuditService(storetest.Open(t, dsn))
	if entries := oldestFirst(t, audit); len(entries) != 0 {
		t.Errorf("the log holds %+v; want nothing from the forged queue", entries)
	}
	if aside, _ := filepath.Glob(dsn + store.AuditQueueSuffix + ".orphaned-*Z"); len(aside) != 1 {
		t.Errorf("set aside: %v; want the forged queue", aside)
	}
	if err := os.WriteFile(dsn+store.AuditQueueSuffix, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenWithKeys(ctx, dsn, storetest.Keys(t, dsn))
	if err != nil {
		t.Fatalf("an empty queue file stops the database opening: %v", err)
	}
	db.Close()
	if _, err := os.Stat(dsn + store.AuditQueueSuffix); !os.IsNotExist(err) {
		t.Errorf("the empty queue file is still in place (%v); want it set aside", err)
	}
}

// TestAQueueHoldingMoreThanViewsIsSetAside leaves a known queue file
// holding an export, which never went through the queue: it is set aside
// rather than chained.
func TestAQueueHoldingMoreThanViewsIsSetAside(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	storetest.Open(t, dsn).Close()
	writeQueue(t, dsn, "an-old-queue", "export_roster")
	if _, err := rawDB(t, dsn).Exec(`INSERT INTO audit_queues (queue_id) VALUES ('an-old-queue')`); err != nil {
		t.Fatal(err)
	}
	audit := store.NewAuditService(storetest.Open(t, dsn))
	if entries := oldestFirst(t, audit); len(entries) != 0 {
		t.Errorf("the log holds %+v; want nothing from a queue holding an export", entries)
	}
}

// writeQueue writes a queue file as older rankfiles kept, with one entry.
func writeQueue(t *testing.T, dsn, id, action string) {
	t.Helper()
	queue := rawDB(t, dsn+store.AuditQueueSuffix)
	for _, q := range []string{
		`CREATE TABLE queue_file (id TEXT NOT NULL)`, `INSERT INTO queue_file VALUES ('` + id + `')`,
		`CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_id INTEGER NOT NULL,
			actor TEXT NOT NULL, action TEXT NOT NULL, subject_id INTEGER NOT NULL, detail TEXT NOT NULL)`,
		`INSERT INTO entries (at, actor_id, actor, action, subject_id, detail) VALUES (1000, 0, 'the president', '` + action + `', 0, 'forged')`,
	} {
		if _, err := queue.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	queue.Close()
}

// TestTamperingWithTheLogOfViewsFailsVerify changes a view's entry in the
// file behind rankfile's back, past its triggers: verify names it.
func TestTamperingWithTheLogOfViewsFailsVerify(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	audit := store.NewAuditService(storetest.Open(t, dsn))
	for i := range 3 {
		if err := audit.Record(ctx, rankfile.AuditSearchRoster, 0, fmt.Sprintf("search %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	raw := rawDB(t, dsn+store.ViewLogSuffix)
	if _, err := raw.Exec(`UPDATE entries SET detail = 'nothing' WHERE id = 2`); err == nil {
		t.Fatal("the log of views took a change: want its trigger to refuse it")
	}
	if _, err := raw.Exec(`DROP TRIGGER entries_no_update`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE entries SET detail = 'nothing' WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, check(t, audit), "entry 2 of the log of views does not match its hash")
}

// TestABackupCarriesTheLogOfViews backs up a database with views and opens
// the copy: its log of views holds them and verifies.
func TestABackupCarriesTheLogOfViews(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	db := storetest.Open(t, dsn)
	audit := store.NewAuditService(db)
	for _, action := range []string{rankfile.AuditSearchRoster, rankfile.AuditExportRoster, rankfile.AuditViewContact} {
		if err := audit.Record(ctx, action, 0, ""); err != nil {
			t.Fatal(err)
		}
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := db.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	opened, err := store.OpenWithKeys(ctx, copyPath, storetest.Keys(t, dsn)) // the copy is keyed as the database is
	if err != nil {
		t.Fatal(err)
	}
	defer opened.Close()
	copied := store.NewAuditService(opened)
	if n, err := copied.VerifyAudit(ctx); err != nil || n != 3 {
		t.Errorf("the copy verifies %d entries, %v; want 3", n, err)
	}
	if aside, _ := filepath.Glob(copyPath + store.ViewLogSuffix + ".orphaned-*Z"); len(aside) > 0 {
		t.Errorf("opening the copy set its log of views aside (%v): want it taken as the copy's own", aside)
	}
	if err := db.Backup(ctx, copyPath); rankfile.ErrorCode(err) != rankfile.EINVALID {
		t.Errorf("a second backup to the same file = %v; want it refused", err)
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

// TestAQueueLeftByAnOlderRankfileIsMovedOnce leaves a queue file as an
// older rankfile that crashed would: entries 1 to 3 queued, entry 1
// already chained (the crash came before the queue was cleared). Opening
// the database chains 2 and 3 into the main log, in order, and removes the
// file.
func TestAQueueLeftByAnOlderRankfileIsMovedOnce(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	storetest.Open(t, dsn).Close()
	queue := rawDB(t, dsn+store.AuditQueueSuffix)
	for _, q := range []string{
		`CREATE TABLE queue_file (id TEXT NOT NULL)`, `INSERT INTO queue_file VALUES ('an-old-queue')`,
		`CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_id INTEGER NOT NULL,
			actor TEXT NOT NULL, action TEXT NOT NULL, subject_id INTEGER NOT NULL, detail TEXT NOT NULL)`,
		`INSERT INTO entries (at, actor_id, actor, action, subject_id, detail) VALUES
			(1000, 0, 'x', 'search_roster', 0, 'moved already'), (2000, 0, 'x', 'search_roster', 0, 'second'),
			(3000, 0, 'x', 'search_roster', 0, 'third')`,
	} {
		if _, err := queue.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	queue.Close()
	if _, err := rawDB(t, dsn).Exec(`INSERT INTO audit_queues (queue_id, moved_through) VALUES ('an-old-queue', 1)`); err != nil {
		t.Fatal(err)
	}
	audit := store.NewAuditService(storetest.Open(t, dsn))
	entries := oldestFirst(t, audit)
	if len(entries) != 2 || entries[0].Detail != "second" || entries[1].Detail != "third" || entries[0].Log != "" {
		t.Errorf("the log holds %+v; want the second and third queued entries, in the main log", entries)
	}
	if _, err := os.Stat(dsn + store.AuditQueueSuffix); !os.IsNotExist(err) {
		t.Errorf("the queue file is still there (%v); want it removed once moved", err)
	}
	if n, err := audit.VerifyAudit(ctx); err != nil || n != 2 {
		t.Errorf("verify = %d, %v; want 2", n, err)
	}
}

// TestRecordWhilePreparesAsTheEntryCommits records a roster search with a
// page prepared meanwhile, on both databases: the entry is in the log when
// RecordWhile returns; prepare's own error comes back after the entry is
// committed; and an entry the log refuses is the answer even when prepare
// succeeded, so that nothing prepared is shown.
func TestRecordWhilePreparesAsTheEntryCommits(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		ana := member(t, db, "1")
		audit := store.NewAuditService(db)
		prepared := 0
		prepare := func() error { prepared++; return nil }
		if err := audit.RecordWhile(ctx, rankfile.AuditSearchRoster, ana.ID, "all members: 1 of 1 shown", prepare); err != nil || prepared != 1 {
			t.Fatalf("RecordWhile = %v after %d preparations; want nil after 1", err, prepared)
		}
		entries, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditSearchRoster})
		if err != nil || len(entries) != 1 || entries[0].SubjectID != ana.ID {
			t.Fatalf("the log = %v, %v; want the search, committed", entries, err)
		}
		failed := rankfile.Errorf(rankfile.EINTERNAL, "the template failed")
		if err := audit.RecordWhile(ctx, rankfile.AuditSearchRoster, ana.ID, "again", func() error { return failed }); err != failed {
			t.Errorf("RecordWhile with a failing page = %v; want the page's error", err)
		}
		err = audit.RecordWhile(ctx, rankfile.AuditSearchRoster, ana.ID+1000, "nobody", prepare)
		if rankfile.ErrorCode(err) != rankfile.EINVALID || prepared != 2 {
			t.Errorf("RecordWhile naming nobody = %v after %d preparations; want invalid after 2", err, prepared)
		}
		entries, _ = audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditSearchRoster})
		if len(entries) != 2 {
			t.Errorf("the log holds %d searches; want 2: the first two, committed, and not the refused one", len(entries))
		}
	})
}
