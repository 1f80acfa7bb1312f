package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// In SQLite, every commit to the database makes each reading connection
// drop its cached pages before its next read. A steward's roster search is
// audited, and at a few hundred searches a second a commit for their
// entries, even one a second, made the readers start afresh every second:
// the roster's slowest pages took 100-150 ms instead of 10 (BENCHMARKS.md,
// "The web app"). So on SQLite the entries of the frequent views (roster
// searches, looks at contact or sensitive details, name searches at
// check-in) are chained into a log of their own, in a file beside the
// database (rankfile.db-audit-views), and never reach the database file.
// The log of views is kept exactly as the main log is: append-only (its
// triggers refuse changes), hash-chained, keyed with the same audit key,
// and covered by the signed heads; CheckAudit walks both. Entries of
// changes are still chained in the change's own transaction in the main
// log.
//
// A view's entry is committed without waiting for the disk
// (synchronous=NORMAL): it survives rankfile crashing or being killed at
// once, since the system holds what was written, but a power cut or a crash
// of the system itself can lose the last second or two of views. The log's
// own checkpoint, once a second, puts them on the disk in any case.
// Waiting for the disk at each view stalled every roster search behind the
// disk's slowest flushes, up to half a second on the machines we measured
// (BENCHMARKS.md, "The web app"); system audit logs make the same trade
// for reads. Changes with their entries, exports and every other entry
// still wait for the disk.
//
// The file keeps a random id, which the database records as its own
// (audit_view_logs). A file the database does not know, holding entries,
// is another database's: it is set aside and a new log started. A file the
// database knows that is gone was lost: a new log is started, and the main
// log says so, naming both; kept heads then find the views they named
// missing.

// frequentView reports whether action is one of the views audited many
// times a minute, a page at a time, which go to the log of views on SQLite.
// Exports, downloads and operators' actions are rare, and wait for the
// disk in the main log.
func frequentView(action string) bool {
	switch action {
	case rankfile.AuditViewContact, rankfile.AuditSearchRoster, rankfile.AuditSearchNames, rankfile.AuditViewSensitive,
		rankfile.AuditViewConversations:
		return true
	}
	return false
}

// viewLogSuffix names the log of views' file after the database's.
const viewLogSuffix = "-audit-views"

// ViewLogSuffix follows a SQLite database's file name to name its log of
// views: the file a backup writes beside the copy, and must be kept with it.
const ViewLogSuffix = viewLogSuffix

// viewLog is the log of views of a SQLite database.
type viewLog struct {
	db    *DB
	write *sql.DB // one connection: appends take turns
	read  *sql.DB // reading the log, beside the appends
	// checkpoints copies the log's write-ahead log into its file, and so
	// onto the disk, beside the appends (see checkpoint.go).
	checkpoints *checkpointer
	path        string
	id          string // the file's own random id, to tell files apart
	// anchors writes the log's head into the main log now and then (see
	// audit_view_anchor.go).
	anchors *viewAnchors
	// onRoster is the members the log has found on the roster.
	onRoster memberSet
}

// viewLogSchema creates the log's tables, indexes and triggers. at is in
// microseconds since 1970 UTC, which is what the hash covers; 0 in
// actor_id and subject_id names nobody.
const viewLogSchema = `
CREATE TABLE IF NOT EXISTS view_log (id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at INTEGER NOT NULL,
	actor_id INTEGER NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	subject_id INTEGER NOT NULL,
	detail TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_subject ON entries (subject_id, id);
CREATE INDEX IF NOT EXISTS entries_actor ON entries (actor_id, id);
CREATE INDEX IF NOT EXISTS entries_action ON entries (action, id);
CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_stays_keyed BEFORE INSERT ON entries
WHEN NEW.prev_hash LIKE 'hmac-sha256:%' AND NEW.hash NOT LIKE 'hmac-sha256:%'
BEGIN SELECT RAISE(ABORT, 'the audit log is keyed: an entry without the audit key cannot follow a keyed one'); END;
`

// viewLogPragmas are the file's settings: see the top of this file for
// synchronous=NORMAL.
const viewLogPragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"

// openViewLog opens the log of views of the database at dbPath, creating
// it if need be, and makes sure it belongs to db (see claim).
func openViewLog(ctx context.Context, db *DB, dbPath string) (*viewLog, error) {
	path := strings.TrimPrefix(dbPath, "file:") + viewLogSuffix
	l, err := connectViewLog(ctx, db, path)
	if err != nil {
		return nil, err
	}
	orphaned, err := l.claim(ctx)
	if err == nil && orphaned {
		if err = setAsideFile(ctx, l.write, path, "of views"); err == nil {
			l.closeFile()
			return openViewLog(ctx, db, dbPath)
		}
	}
	if err == nil {
		l.anchors, err = startAnchors(ctx, l)
	}
	if err != nil {
		l.closeFile()
		return nil, err
	}
	return l, nil
}

// connectViewLog opens the file at path, creating its tables and its id.
func connectViewLog(ctx context.Context, db *DB, path string) (*viewLog, error) {
	write, err := sql.Open("sqlite", sqliteURI(path)+viewLogPragmas+"&_txlock=immediate&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		return nil, fmt.Errorf("opening the log of views: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	l := &viewLog{db: db, write: write, path: path}
	if err := l.create(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("opening the log of views %s: %w", path, err)
	}
	l.read, _ = sql.Open("sqlite", sqliteURI(path)+viewLogPragmas+"&_pragma=query_only(1)")
	l.read.SetMaxOpenConns(2)
	checkpoints, _ := sql.Open("sqlite", sqliteURI(path)+viewLogPragmas)
	checkpoints.SetMaxOpenConns(1)
	l.checkpoints = startCheckpointer(checkpoints, viewLogRestartFrames)
	return l, nil
}

// create makes the log's tables, and its id the first time.
func (l *viewLog) create(ctx context.Context) error {
	return sqliteTx(ctx, l.write, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, viewLogSchema); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT id FROM view_log`).Scan(&l.id)
		if err == sql.ErrNoRows {
			l.id = randomHex(16)
			_, err = tx.ExecContext(ctx, `INSERT INTO view_log (id) VALUES ($1)`, l.id)
		}
		return err
	})
}

// closeFile stops the log's checkpoints and closes its connections.
// SQLite checkpoints the file as its last connection closes.
func (l *viewLog) closeFile() error {
	cerr := l.checkpoints.close()
	l.read.Close()
	if err := l.write.Close(); err != nil {
		return err
	}
	return cerr
}

// claim registers the file with the database the first time they meet,
// and reports a file the database does not know that holds entries (see
// the top of this file). A new file, when the database has had another,
// replaces one that was lost: the main log says so in the same
// transaction.
func (l *viewLog) claim(ctx context.Context) (orphaned bool, err error) {
	err = l.db.inTx(ctx, func(tx *Tx) error {
		var known, others int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE log_id = $1), COUNT(*) FROM audit_view_logs`, l.id).
			Scan(&known, &others)
		if err != nil || known > 0 {
			return err
		}
		if orphaned, err = l.holdsEntries(ctx); err != nil || orphaned {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_view_logs (log_id, started_at) VALUES ($1, $2)`, l.id, tx.stamp); err != nil {
			return err
		}
		if others == 0 {
			return nil
		}
		return tx.audit(rankfile.WithActor(ctx, &rankfile.Actor{Label: "rankfile, opening the database"}),
			rankfile.AuditNewViewLog, 0, fmt.Sprintf("the log of views this database had was not found at %s; a new one was started there, %s", l.path, l.id))
	})
	return orphaned, err
}

// holdsEntries reports whether the log holds any entry.
func (l *viewLog) holdsEntries(ctx context.Context) (bool, error) {
	var some bool
	err := l.write.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM entries)`).Scan(&some)
	return some, err
}

// setAsideFile renames a SQLite file of audit entries that belongs to
// another database, with its write-ahead log, out of the way, for whoever
// wants to read it: its entries name members of another roster. conn is
// the file's connection, which the caller closes after, or nil for a file
// that could not be read.
func setAsideFile(ctx context.Context, conn *sql.DB, path, what string) error {
	if conn != nil {
		if _, err := conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return err
		}
	}
	aside := fmt.Sprintf("%s.orphaned-%s", path, time.Now().UTC().Format("20060102T150405.000000000Z"))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(path+suffix, aside+suffix); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("setting aside the audit log %s of another database: %w", what, err)
		}
	}
	return nil
}

// sqliteTx runs fn in a transaction of conn, a SQLite file of its own.
func sqliteTx(ctx context.Context, conn *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// append chains entries after the log's last, in the order given, in one
// commit. Entries name members of the database, which the file cannot
// check by a foreign key, so append checks them first: an entry the main
// log would refuse is refused here too.
func (l *viewLog) append(ctx context.Context, entries []*rankfile.AuditEntry) error {
	if err := l.checkAuditMembers(ctx, entries); err != nil {
		return err
	}
	err := sqliteTx(ctx, l.write, func(tx *sql.Tx) error {
		prev := l.genesis()
		err := tx.QueryRowContext(ctx, `SELECT hash FROM entries ORDER BY id DESC LIMIT 1`).Scan(&prev)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		for _, e := range entries {
			if err := l.chain(ctx, tx, e, prev); err != nil {
				return err
			}
			prev = e.Hash
		}
		return nil
	})
	return l.db.translate(err)
}

// genesis is what the log's first entry follows: the log's own id, so
// that its entries cannot pass for another log's, nor the main log's,
// whose first entry follows "".
func (l *viewLog) genesis() string { return "views:" + l.id }

// chain hashes e after prev and inserts it.
func (l *viewLog) chain(ctx context.Context, tx *sql.Tx, e *rankfile.AuditEntry, prev string) error {
	e.PrevHash, e.Log = prev, rankfile.AuditViewLog
	var err error
	if e.Hash, err = hashAudit(l.db.auditRing(), e); err != nil {
		return err
	}
	return tx.QueryRowContext(ctx, `INSERT INTO entries (at, actor_id, actor, action, subject_id, detail, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		e.At.UnixMicro(), e.ActorID, e.Actor, e.Action, e.SubjectID, e.Detail, e.PrevHash, e.Hash).Scan(&e.ID)
}

// checkAuditMembers checks that the members entries name are on the
// roster. Members are never deleted, only marked, so a member once found
// stays found: the log remembers whom it found (up to rosterMemo), and
// asks the database only about the others. Without that, each commit of
// the log, hundreds a second while a steward searches, waited for one of
// the readers the pages wait for.
func (l *viewLog) checkAuditMembers(ctx context.Context, entries []*rankfile.AuditEntry) error {
	ids := l.onRoster.unknown(entries)
	if len(ids) == 0 {
		return nil
	}
	rows, err := l.db.read.QueryContext(ctx, `SELECT id FROM members WHERE id IN (SELECT value FROM json_each($1))`, mustJSON(ids))
	if err != nil {
		return l.db.translate(err)
	}
	defer rows.Close()
	found := make([]int64, 0, len(ids))
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return l.db.translate(err)
		}
		found = append(found, id)
	}
	if err := rows.Err(); err != nil {
		return l.db.translate(err)
	}
	l.onRoster.add(found)
	if len(found) != len(ids) {
		return rankfile.Errorf(rankfile.EINVALID, "an audit entry names someone who is not on the roster")
	}
	return nil
}

// close anchors the log's head in the main log a last time, and closes the
// file.
func (l *viewLog) close() error {
	err := l.anchors.close()
	if cerr := l.closeFile(); err == nil {
		err = cerr
	}
	return err
}
