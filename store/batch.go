package store

import (
	"context"
	"database/sql"
	"strings"
)

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
}

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
		b.perStmt = 2000 // COPY has no limit on parameters
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
		return b.flush(ctx)
	}
	return nil
}

// flush writes the queued rows, then those of the followers.
func (b *batchInsert) flush(ctx context.Context) error {
	for len(b.args) > 0 {
		if err := b.write(ctx, min(len(b.args)/b.width, b.perStmt)); err != nil {
			return err
		}
	}
	for _, f := range b.followers {
		if err := f.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

// write writes the first n queued rows.
func (b *batchInsert) write(ctx context.Context, n int) error {
	if b.tx.db.dialect == Postgres {
		err := b.tx.copyRows(ctx, b.table, b.cols, b.args[:n*b.width], b.width)
		b.args = b.args[:copy(b.args, b.args[n*b.width:])]
		return err
	}
	stmt, err := b.statement(ctx, n)
	if err != nil {
		return err
	}
	if n != b.perStmt {
		defer stmt.Close()
	}
	if _, err := stmt.ExecContext(ctx, b.args[:n*b.width]...); err != nil {
		return err
	}
	b.args = b.args[:copy(b.args, b.args[n*b.width:])]
	return nil
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

// close releases the prepared statements.
func (b *batchInsert) close() {
	if b.full != nil {
		b.full.Close()
	}
	for _, f := range b.followers {
		f.close()
	}
}
