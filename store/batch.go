package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Writing many rows at once: requests that arrive together committed in
// one transaction (group commit), rows written a few large statements at a
// time (multi-row INSERT, COPY on PostgreSQL), and the indexes and foreign
// keys a first import sets aside while it fills an empty roster.

// groupCommit commits work that arrives at the same moment together: while
// one batch commits (waiting on the disk, or on the writer), what arrives
// queues up and goes in the next batch, up to limit at a time. One
// goroutine runs while there is work and none otherwise.
type groupCommit[T any] struct {
	limit  int
	commit func(batch []T)

	mu      sync.Mutex
	queue   []T
	running bool
}

// add queues an item; commit will be called with it in a batch.
func (g *groupCommit[T]) add(item T) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.queue = append(g.queue, item)
	if !g.running {
		g.running = true
		go g.run()
	}
}

// run commits batches until the queue is empty.
func (g *groupCommit[T]) run() {
	for {
		g.mu.Lock()
		n := min(len(g.queue), g.limit)
		batch := g.queue[:n:n]
		g.queue = g.queue[n:]
		if n == 0 {
			g.running = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		g.commit(batch)
	}
}

// commitEach writes a batch in one transaction, in which write records
// in refused why an item was refused (the others still go in), and gives
// each item its answer. When the transaction fails as a whole, each item
// is tried alone, so that one cannot fail the others.
func commitEach[T any](db *DB, ctx context.Context, batch []T, write func(tx *Tx, batch []T, refused []error) error, answer func(T, error)) {
	refused := make([]error, len(batch))
	err := db.inTx(ctx, func(tx *Tx) error { return write(tx, batch, refused) })
	if err != nil && len(batch) > 1 {
		for _, item := range batch {
			commitEach(db, ctx, []T{item}, write, answer)
		}
		return
	}
	for i, item := range batch {
		if err != nil {
			answer(item, err)
		} else {
			answer(item, refused[i])
		}
	}
}

// awaitedCommit is a group commit whose senders each wait for their own
// answer (ballots, signatures, meeting votes): wait queues an item and
// returns only once the transaction that holds it has committed it, or
// write refused it; so nothing is acknowledged that a crash could still
// lose. write writes a batch in one transaction, recording in refused why
// an item was refused, the others still going in (see commitEach).
type awaitedCommit[T any] struct {
	db      *DB
	write   func(tx *Tx, batch []T, refused []error) error
	batches groupCommit[*awaited[T]]
}

// awaited is an item waiting for its batch, and where its answer goes.
type awaited[T any] struct {
	item T
	done chan error
}

// start readies the batches of db, up to limit items each.
func (b *awaitedCommit[T]) start(db *DB, limit int, write func(tx *Tx, batch []T, refused []error) error) {
	b.db, b.write = db, write
	b.batches = groupCommit[*awaited[T]]{limit: limit, commit: b.commit}
}

// wait queues an item and returns its answer once its batch committed or
// refused it. It waits even when the sender's request is given up: the
// item may be committed all the same, and the sender is then told so at
// their next try.
func (b *awaitedCommit[T]) wait(item T) error {
	a := &awaited[T]{item: item, done: make(chan error, 1)}
	b.batches.add(a)
	return <-a.done
}

// commit writes a batch in one transaction and answers each sender.
func (b *awaitedCommit[T]) commit(batch []*awaited[T]) {
	commitEach(b.db, context.Background(), batch, b.writeItems, func(a *awaited[T], err error) { a.done <- err })
}

// writeItems writes the items of a batch.
func (b *awaitedCommit[T]) writeItems(tx *Tx, batch []*awaited[T], refused []error) error {
	items := make([]T, len(batch))
	for i, a := range batch {
		items[i] = a.item
	}
	return b.write(tx, items, refused)
}

// copyRows is how many rows one PostgreSQL COPY of a batchInsert writes.
const copyRows = 2000

// maxParams keeps a multi-row statement under both databases' limits on
// bound parameters (SQLite 32766, PostgreSQL 65535).
const maxParams = 30000

// batchInsert collects rows for a multi-row INSERT and writes them in a few
// large statements instead of one statement per row: the difference between
// minutes and seconds for a national list of 100,000 members.
type batchInsert struct {
	tx      *Tx
	table   string
	cols    []string
	head    string // INSERT INTO t (a, b) VALUES
	width   int
	perStmt int
	args    []any
	full    *sql.Stmt // prepared once for full batches
	// followers are batches of rows that refer to this batch's rows: they
	// are written right after it, never on their own.
	followers []*batchInsert
	follows   bool
	// bg, when set, writes the batches in the background (see inBackground).
	bg *backgroundWrites
}

// newBatchInsert starts a batch of rows for the columns of table.
func newBatchInsert(tx *Tx, table string, cols []string) *batchInsert {
	b := &batchInsert{
		tx:      tx,
		table:   table,
		cols:    cols,
		head:    "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		width:   len(cols),
		perStmt: max(1, min(500, maxParams/len(cols))),
	}
	if tx.db.dialect == Postgres {
		b.perStmt = copyRows // COPY has no limit on parameters
	}
	return b
}

// follow makes b a follower of parent.
func (b *batchInsert) follow(parent *batchInsert) {
	b.follows = true
	parent.followers = append(parent.followers, b)
}

// add queues one row and writes a batch when it is full.
func (b *batchInsert) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	if !b.follows && len(b.args) == b.width*b.perStmt {
		return b.writeOut(ctx, false)
	}
	return nil
}

// flush writes the queued rows, then those of the followers, and returns
// once they are written.
func (b *batchInsert) flush(ctx context.Context) error {
	if err := b.writeOut(ctx, true); err != nil {
		return err
	}
	return b.wait(ctx)
}

// writeOut writes the queued rows in full statements, and the rest too when
// all is set; then the followers' rows, whose rows refer to rows written by
// now, likewise. A follower that does not fill a statement keeps its rows
// for the next time: a statement for fewer rows is prepared for one use,
// and a follower with a row for two thirds of its parent's (the sensitive
// fields) prepared one at every batch.
func (b *batchInsert) writeOut(ctx context.Context, all bool) error {
	for len(b.args) >= b.width*b.perStmt || all && len(b.args) > 0 {
		if err := b.write(ctx, min(len(b.args)/b.width, b.perStmt)); err != nil {
			return err
		}
	}
	for _, f := range b.followers {
		if err := f.writeOut(ctx, all); err != nil {
			return err
		}
	}
	return nil
}

// write writes the first n queued rows, or hands them to the background.
func (b *batchInsert) write(ctx context.Context, n int) error {
	rows := b.args[:n*b.width]
	if b.bg != nil {
		// The rows handed over keep their array; the next ones get another.
		b.args = append(make([]any, 0, cap(b.args)), b.args[n*b.width:]...)
		return b.bg.queue(ctx, func() error { return b.exec(ctx, n, rows) })
	}
	err := b.exec(ctx, n, rows)
	b.args = b.args[:copy(b.args, b.args[n*b.width:])]
	return err
}

// exec writes n rows whose values are args.
func (b *batchInsert) exec(ctx context.Context, n int, args []any) error {
	if b.tx.db.dialect == Postgres {
		return b.tx.copyRows(ctx, b.table, b.cols, args, b.width)
	}
	stmt, err := b.statement(ctx, n)
	if err != nil {
		return err
	}
	if n != b.perStmt {
		defer stmt.Close()
	}
	_, err = stmt.ExecContext(ctx, args...)
	return err
}

// statement prepares the statement for n rows, keeping the full-batch one.
func (b *batchInsert) statement(ctx context.Context, n int) (*sql.Stmt, error) {
	if n == b.perStmt && b.full != nil {
		return b.full, nil
	}
	var q strings.Builder
	q.WriteString(b.head)
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(" + b.tx.db.params(i*b.width+1, b.width) + ")")
	}
	stmt, err := b.tx.PrepareContext(ctx, q.String())
	if err == nil && n == b.perStmt {
		b.full = stmt
	}
	return stmt, err
}

// close waits for the writes in the background and releases the
// prepared statements.
func (b *batchInsert) close() {
	if b.bg != nil {
		b.bg.close()
	}
	if b.full != nil {
		b.full.Close()
	}
	for _, f := range b.followers {
		f.close()
	}
}

// copyRows writes rows with PostgreSQL's COPY, which loads a batch of rows
// several times faster than a multi-row INSERT. It runs inside the
// transaction, on its connection.
func (tx *Tx) copyRows(ctx context.Context, table string, cols []string, args []any, width int) error {
	rows := make([][]any, len(args)/width)
	for i := range rows {
		rows[i] = args[i*width : (i+1)*width]
	}
	return tx.conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("COPY needs the pgx driver, not %T", driverConn)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
}

// reserveIDs takes n ids of a table's id column for rows the transaction
// will write with them, as a batch written by COPY (which returns no ids)
// must: PostgreSQL's sequence hands them out, so that other writers never
// take them; SQLite has one writer at a time, which holds the write lock
// for the whole transaction, so the ids after the largest are free.
func (tx *Tx) reserveIDs(ctx context.Context, table string, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, n)
	if tx.db.dialect == SQLite {
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table).Scan(&last); err != nil {
			return nil, err
		}
		for i := range n {
			ids = append(ids, last+int64(i)+1)
		}
		return ids, nil
	}
	// The sequence is looked up once, in a subquery kept apart (OFFSET 0):
	// looked up for each id, it took 13 times as long as the ids themselves.
	rows, err := tx.QueryContext(ctx, `SELECT nextval(s.seq) FROM
		(SELECT pg_get_serial_sequence($1, 'id')::regclass AS seq OFFSET 0) s, generate_series(1, $2)`, table, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
