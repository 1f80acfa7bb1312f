package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/rankfile/rankfile"
)

// In SQLite, every commit makes each reading connection drop its cached
// pages and its memory map of the database: the next query reads its
// pages afresh. Auditing every roster search with a commit to the database
// file therefore made every search that followed one read from scratch,
// and at a few hundred searches a second that cost a third of the server's
// time (BENCHMARKS.md, "The web app"). So on SQLite the entries of the
// frequent views (roster searches, looks at contact details) go first to a
// queue in a file of their own beside the database
// (rankfile.db-audit-queue): committed there before the page is shown, and
// moved into the hash-chained log of the database, in order, a second
// later, many in one commit. Entries of changes are still chained in the
// change's own transaction.
//
// A view's entry is committed to the queue without waiting for the disk
// (synchronous=NORMAL): it survives rankfile crashing or being killed at
// once, since the system holds what was written, but a power cut or a crash
// of the system itself can lose the last second or two of views. The move
// commits them to the database with synchronous=FULL, and the queue's own
// checkpoint, once a second, puts them on the disk in any case. Waiting
// for the disk at each view stalled every roster search behind the disk's
// slowest flushes, up to half a second on the machines we measured
// (BENCHMARKS.md, "The web app"); system audit logs make the same trade
// for reads. Changes with their entries, exports and every other entry
// still wait for the disk.
//
// Moving is safe to repeat and to interrupt. audit_queues in the database
// remembers, for each queue file, the last entry chained, and is moved on in
// the transaction that chains; entries are deleted from the queue only
// after that commits. A crash in between leaves entries in the queue that
// the next move skips. Whatever is still queued when a process stops, or
// crashes, is moved when the database is next opened; reading the log
// moves first, so that the log read is whole.

// frequentView reports whether action is one of the views audited many
// times a minute, a page at a time, which go through the queue. Exports,
// downloads and operators' actions are rare, and wait for the disk.
func frequentView(action string) bool {
	switch action {
	case rankfile.AuditViewContact, rankfile.AuditSearchRoster, rankfile.AuditSearchNames, rankfile.AuditViewSensitive:
		return true
	}
	return false
}

// auditQueueSuffix names the queue file after the database's.
const auditQueueSuffix = "-audit-queue"

// auditMoveDelay is how long entries wait in the queue: the readers'
// caches are dropped once per move rather than once per view.
var auditMoveDelay = time.Second

// auditMoveLimit bounds the entries chained by one transaction; a longer
// queue (left by a crash) is moved in several.
const auditMoveLimit = 10000

// auditQueue is the queue file of a SQLite database.
type auditQueue struct {
	db   *DB
	conn *sql.DB // one connection: the queue's writes take turns anyway
	// checkpoints copies the queue's write-ahead log into the queue file,
	// and so onto the disk, beside the writes (see checkpoint.go).
	checkpoints *checkpointer
	path        string
	id          string // the queue file's own random id, to tell files apart

	mu     sync.Mutex
	timer  *time.Timer // the next move, when one is due
	closed bool
	// moving lets one move run at a time, so that closing waits for one
	// under way.
	moving sync.Mutex
}

// auditQueueSchema creates the queue file's tables. Entry ids are
// AUTOINCREMENT so that an id is never used twice, even once the queue has
// been emptied: a mark in the database says which have been moved.
const auditQueueSchema = `
CREATE TABLE IF NOT EXISTS queue_file (id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at INTEGER NOT NULL,
	actor_id INTEGER NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	subject_id INTEGER NOT NULL,
	detail TEXT NOT NULL
)`

// openAuditQueue opens the queue file of the database at dbPath, creating
// it if need be, and makes sure it belongs to db (see claim).
func openAuditQueue(ctx context.Context, db *DB, dbPath string) (*auditQueue, error) {
	path := strings.TrimPrefix(dbPath, "file:") + auditQueueSuffix
	q, err := connectAuditQueue(ctx, db, path)
	if err != nil {
		return nil, err
	}
	orphaned, err := q.claim(ctx)
	if err == nil && orphaned {
		if err = q.setAside(ctx); err == nil {
			return openAuditQueue(ctx, db, dbPath)
		}
	}
	if err != nil {
		q.closeFile()
		return nil, err
	}
	if err := q.move(ctx); err != nil {
		q.closeFile()
		return nil, fmt.Errorf("moving audit entries left in %s: %w", path, err)
	}
	return q, nil
}

// auditQueuePragmas are the queue file's settings: see the top of this
// file for synchronous=NORMAL.
const auditQueuePragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"

func connectAuditQueue(ctx context.Context, db *DB, path string) (*auditQueue, error) {
	conn, err := sql.Open("sqlite", sqliteURI(path)+auditQueuePragmas+"&_txlock=immediate&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		return nil, fmt.Errorf("opening the audit queue: %w", err)
	}
	conn.SetMaxOpenConns(1)
	conn.SetConnMaxIdleTime(0)
	q := &auditQueue{db: db, conn: conn, path: path}
	err = q.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, auditQueueSchema); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT id FROM queue_file`).Scan(&q.id)
		if err == sql.ErrNoRows {
			q.id = randomQueueID()
			_, err = tx.ExecContext(ctx, `INSERT INTO queue_file (id) VALUES ($1)`, q.id)
		}
		return err
	})
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("opening the audit queue %s: %w", path, err)
	}
	checkpoints, err := sql.Open("sqlite", sqliteURI(path)+auditQueuePragmas)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("opening the audit queue: %w", err)
	}
	checkpoints.SetMaxOpenConns(1)
	q.checkpoints = startCheckpointer(checkpoints)
	return q, nil
}

// closeFile stops the queue's checkpoints and closes its connections.
// SQLite checkpoints the queue as its last connection closes.
func (q *auditQueue) closeFile() error {
	cerr := q.checkpoints.close()
	if err := q.conn.Close(); err != nil {
		return err
	}
	return cerr
}

func randomQueueID() string { return randomHex(16) }

// claim registers the queue file with the database the first time they
// meet, and reports a queue file the database does not know that holds
// entries. Such a file was left by another database (one deleted, or
// replaced by a copy from elsewhere): its entries do not belong in this
// log, and they name members of another roster. It is set aside, kept for
// whoever wants to read it, and a new queue is started.
func (q *auditQueue) claim(ctx context.Context) (orphaned bool, err error) {
	err = q.db.inTx(ctx, func(tx *Tx) error {
		var known int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_queues WHERE queue_id = $1`, q.id).Scan(&known); err != nil {
			return err
		}
		if known > 0 {
			return nil
		}
		if orphaned, err = q.waiting(ctx); err != nil || orphaned {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO audit_queues (queue_id) VALUES ($1)`, q.id)
		return err
	})
	return orphaned, err
}

// setAside closes the queue file and renames it (with its write-ahead
// log) out of the way.
func (q *auditQueue) setAside(ctx context.Context) error {
	if _, err := q.conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return err
	}
	if err := q.closeFile(); err != nil {
		return err
	}
	aside := fmt.Sprintf("%s.orphaned-%s", q.path, time.Now().UTC().Format("20060102T150405.000000000Z"))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(q.path+suffix, aside+suffix); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("setting aside the audit queue of another database: %w", err)
		}
	}
	return nil
}

func (q *auditQueue) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := q.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// add commits entries to the queue and schedules their move. Entries name
// members of the database, which the queue file cannot check by a foreign
// key, so add checks them first: an entry the log would refuse is refused
// now, while someone is waiting for the answer.
func (q *auditQueue) add(ctx context.Context, entries []*rankfile.AuditEntry) error {
	if err := q.db.checkAuditMembers(ctx, entries); err != nil {
		return err
	}
	err := q.inTx(ctx, func(tx *sql.Tx) error {
		for _, e := range entries {
			if _, err := tx.ExecContext(ctx, `INSERT INTO entries (at, actor_id, actor, action, subject_id, detail)
				VALUES ($1, $2, $3, $4, $5, $6)`, e.At.UnixMicro(), e.ActorID, e.Actor, e.Action, e.SubjectID, e.Detail); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return q.db.translate(err)
	}
	q.scheduleMove()
	return nil
}

// checkAuditMembers checks that the members entries name are on the roster.
func (db *DB) checkAuditMembers(ctx context.Context, entries []*rankfile.AuditEntry) error {
	seen := map[int64]bool{0: true} // 0: no one named
	var ids []int64
	for _, e := range entries {
		for _, id := range []int64{e.ActorID, e.SubjectID} {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var found int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM members WHERE id IN (SELECT value FROM json_each($1))`,
		mustJSON(ids)).Scan(&found)
	if err != nil {
		return db.translate(err)
	}
	if found != len(ids) {
		return rankfile.Errorf(rankfile.EINVALID, "an audit entry names someone who is not on the roster")
	}
	return nil
}

// scheduleMove makes sure a move is due within auditMoveDelay.
func (q *auditQueue) scheduleMove() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.timer != nil || q.closed {
		return
	}
	q.timer = time.AfterFunc(auditMoveDelay, func() {
		q.mu.Lock()
		q.timer = nil
		q.mu.Unlock()
		if q.move(context.Background()) != nil {
			// The entries stay queued, on disk; try again later. Reading
			// the log moves first and reports the error to the reader.
			q.scheduleMove()
		}
	})
}

// move chains every queued entry into the log, oldest first.
func (q *auditQueue) move(ctx context.Context) error {
	q.moving.Lock()
	defer q.moving.Unlock()
	for {
		moved, err := q.moveSome(ctx)
		if err != nil || moved < auditMoveLimit {
			return err
		}
	}
}

// waiting reports whether any entries are in the queue.
func (q *auditQueue) waiting(ctx context.Context) (bool, error) {
	var some bool
	err := q.conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM entries)`).Scan(&some)
	return some, err
}

// moveSome chains up to auditMoveLimit entries in one transaction of the
// database, then deletes them from the queue, and says how many it chained.
func (q *auditQueue) moveSome(ctx context.Context) (int, error) {
	if waiting, err := q.waiting(ctx); err != nil || !waiting {
		return 0, err
	}
	var through int64
	moved := 0
	err := q.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT moved_through FROM audit_queues WHERE queue_id = $1`, q.id).
			Scan(&through); err != nil {
			return err
		}
		entries, last, err := q.entriesAfter(ctx, through)
		if err != nil || len(entries) == 0 {
			return err
		}
		for _, e := range entries {
			if err := tx.chainAudit(ctx, e); err != nil {
				return err
			}
		}
		through, moved = last, len(entries)
		_, err = tx.ExecContext(ctx, `UPDATE audit_queues SET moved_through = $1 WHERE queue_id = $2`, through, q.id)
		return err
	})
	if err != nil {
		return 0, err
	}
	_, err = q.conn.ExecContext(ctx, `DELETE FROM entries WHERE id <= $1`, through)
	return moved, err
}

// entriesAfter reads queued entries after id, oldest first, and the id of
// the last one.
func (q *auditQueue) entriesAfter(ctx context.Context, id int64) ([]*rankfile.AuditEntry, int64, error) {
	rows, err := q.conn.QueryContext(ctx, `SELECT id, at, actor_id, actor, action, subject_id, detail
		FROM entries WHERE id > $1 ORDER BY id LIMIT $2`, id, auditMoveLimit)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*rankfile.AuditEntry
	last := id
	for rows.Next() {
		e := &rankfile.AuditEntry{}
		var at int64
		if err := rows.Scan(&last, &at, &e.ActorID, &e.Actor, &e.Action, &e.SubjectID, &e.Detail); err != nil {
			return nil, 0, err
		}
		e.At = time.UnixMicro(at).UTC()
		out = append(out, e)
	}
	return out, last, rows.Err()
}

// close moves what is queued and closes the queue file.
func (q *auditQueue) close(ctx context.Context) error {
	q.mu.Lock()
	q.closed = true
	if q.timer != nil {
		q.timer.Stop()
		q.timer = nil
	}
	q.mu.Unlock()
	err := q.move(ctx)
	if cerr := q.closeFile(); err == nil {
		err = cerr
	}
	return err
}
