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

// Before the log of views (audit_view.go), SQLite's views went to a queue
// file beside the database (rankfile.db-audit-queue) and were moved into
// the main log a second later. A database that was last closed by a crash
// may have entries still queued there: they are moved into the main log,
// in order, when the database is first opened by this rankfile, as they
// would have been, and the file is removed. audit_queues in the database
// remembers, for each queue file, the last entry chained, moved on in the
// transaction that chains, so that an entry is never chained twice; once
// the queue is drained, or at the first opening when there is none, the
// database forgets its queues, so that no queue file put beside it later
// is ever chained (queued entries carry no hash: whoever could write such
// a file could have rankfile key any entry it held). A queue file the
// database does not know is set aside unread, and so is one holding
// anything but views.

// auditQueueSuffix names the queue file after the database's.
const auditQueueSuffix = "-audit-queue"

// auditMoveLimit bounds the entries chained by one transaction; a longer
// queue is moved in several.
const auditMoveLimit = 10000

// auditQueue is the queue file of a SQLite database.
type auditQueue struct {
	db   *DB
	conn *sql.DB
	path string
	id   string // the queue file's own random id, to tell files apart
}

// drainAuditQueue moves the entries of the database's queue file, if it
// has one, into the main log, and removes the file.
func drainAuditQueue(ctx context.Context, db *DB, dbPath string) error {
	path := strings.TrimPrefix(dbPath, "file:") + auditQueueSuffix
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return db.forgetAuditQueues(ctx)
	}
	q, err := connectAuditQueue(ctx, db, path)
	if err != nil {
		return setAsideFile(ctx, nil, path, "queue")
	}
	if err := q.drain(ctx); err != nil {
		q.conn.Close()
		return fmt.Errorf("moving audit entries left in %s: %w", path, err)
	}
	if err := q.conn.Close(); err != nil {
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return db.forgetAuditQueues(ctx)
}

// forgetAuditQueues forgets the queue files the database had, once none
// is left to drain; it commits only when there is something to forget.
func (db *DB) forgetAuditQueues(ctx context.Context) error {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_queues`).Scan(&n); err != nil || n == 0 {
		return db.translate(err)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM audit_queues`)
		return err
	})
}

// drain moves the queue's entries, or sets the file aside when it is not
// a queue of this database's views; either way the file is done with after.
func (q *auditQueue) drain(ctx context.Context) error {
	known, err := q.known(ctx)
	if err == nil && known {
		known, err = q.viewsOnly(ctx)
	}
	if err != nil {
		return err
	}
	if !known {
		return setAsideFile(ctx, q.conn, q.path, "queue")
	}
	for {
		moved, err := q.moveSome(ctx)
		if err != nil || moved < auditMoveLimit {
			return err
		}
	}
}

// connectAuditQueue opens the queue file at path and reads its id.
func connectAuditQueue(ctx context.Context, db *DB, path string) (*auditQueue, error) {
	conn, err := sql.Open("sqlite", sqliteURI(path)+viewLogPragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("opening the audit queue: %w", err)
	}
	conn.SetMaxOpenConns(1)
	q := &auditQueue{db: db, conn: conn, path: path}
	if err := conn.QueryRowContext(ctx, `SELECT id FROM queue_file`).Scan(&q.id); err != nil {
		conn.Close()
		return nil, fmt.Errorf("opening the audit queue %s: %w", path, err)
	}
	return q, nil
}

// known reports whether the database knows the queue file.
func (q *auditQueue) known(ctx context.Context) (bool, error) {
	var n int
	err := q.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_queues WHERE queue_id = $1`, q.id).Scan(&n)
	return n > 0, err
}

// viewsOnly reports whether every queued entry is of a view: nothing else
// ever went through the queue.
func (q *auditQueue) viewsOnly(ctx context.Context) (bool, error) {
	rows, err := q.conn.QueryContext(ctx, `SELECT DISTINCT action FROM entries`)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var action string
		if err := rows.Scan(&action); err != nil || !frequentView(action) {
			return false, err
		}
	}
	return true, rows.Err()
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
