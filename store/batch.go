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
	head    string // INSERT INTO t (a, b)
	suffix  string // e.g. RETURNING id
	width   int
	perStmt int
	args    []any
	full    *sql.Stmt // prepared once for full batches
	// scan, when set, reads each row a RETURNING suffix yields.
	scan func(*sql.Rows) error
}

func newBatchInsert(tx *Tx, table string, cols []string, suffix string) *batchInsert {
	return &batchInsert{
		tx:      tx,
		head:    "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		suffix:  suffix,
		width:   len(cols),
		perStmt: max(1, min(500, maxParams/len(cols))),
	}
}

// add queues one row and writes a batch when it is full.
func (b *batchInsert) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) == b.width*b.perStmt {
		return b.flush(ctx)
	}
	return nil
}

// flush writes the queued rows.
func (b *batchInsert) flush(ctx context.Context) error {
	rows := len(b.args) / b.width
	if rows == 0 {
		return nil
	}
	stmt, err := b.statement(ctx, rows)
	if err != nil {
		return err
	}
	if rows != b.perStmt {
		defer stmt.Close()
	}
	err = b.run(ctx, stmt)
	b.args = b.args[:0]
	return err
}

func (b *batchInsert) run(ctx context.Context, stmt *sql.Stmt) error {
	if b.scan == nil {
		_, err := stmt.ExecContext(ctx, b.args...)
		return err
	}
	rows, err := stmt.QueryContext(ctx, b.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := b.scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
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
	q.WriteString(" " + b.suffix)
	stmt, err := b.tx.PrepareContext(ctx, q.String())
	if err == nil && n == b.perStmt {
		b.full = stmt
	}
	return stmt, err
}

// close releases the prepared statement.
func (b *batchInsert) close() {
	if b.full != nil {
		b.full.Close()
	}
}
