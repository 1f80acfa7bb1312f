package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SQL every feature's storage writes with, the same on SQLite and
// PostgreSQL: placeholders, WHERE clauses, limits, statements over many
// ids, scanning ids, NULLs for zero values, and the small encodings the
// columns hold.

// querier is what both *sql.DB and *sql.Tx offer for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// placeholders returns "$from, $from+1, ..." for n parameters.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(from + i))
	}
	return b.String()
}

// params is placeholders for statements with many parameters. SQLite gets
// anonymous "?" parameters: it looks numbered ones up by name, one linear
// search per parameter, which makes a 30,000-parameter batch quadratic.
// The "?" must follow every numbered parameter of the statement.
func (db *DB) params(from, n int) string {
	if db.dialect != SQLite {
		return placeholders(from, n)
	}
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// where builds a WHERE clause whose conditions number their own parameters.
type where struct {
	conds []string
	args  []any
}

// add appends a condition; each %d in cond becomes the next parameter number.
func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, w.param(cond, args...))
}

// param takes args as the next parameters and returns cond with their
// numbers in place of its %d, for conditions put together by hand.
func (w *where) param(cond string, args ...any) string {
	nums := make([]any, len(args))
	for i := range args {
		nums[i] = len(w.args) + i + 1
	}
	w.args = append(w.args, args...)
	return fmt.Sprintf(cond, nums...)
}

// sql is the WHERE clause of the conditions added, "" when there are none.
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// addIn adds "column IN (values)" when there are values.
func addIn[T ~string](c *where, column string, values []T) {
	if len(values) == 0 {
		return
	}
	args := make([]any, len(values))
	marks := make([]string, len(values))
	for i, v := range values {
		args[i], marks[i] = string(v), "$%d"
	}
	c.add(column+" IN ("+strings.Join(marks, ", ")+")", args...)
}

// addInIDs adds "column IN (ids)" unless ids is nil; an empty list
// selects nothing.
func addInIDs(c *where, column string, ids []int64) {
	if ids == nil {
		return
	}
	if len(ids) == 0 {
		c.add("FALSE")
		return
	}
	args := make([]any, len(ids))
	marks := make([]string, len(ids))
	for i, id := range ids {
		args[i], marks[i] = id, "$%d"
	}
	c.add(column+" IN ("+strings.Join(marks, ", ")+")", args...)
}

// limitSQL pages through rows: limit rows (0: all) after offset.
func limitSQL(offset, limit int) string {
	if limit <= 0 && offset <= 0 {
		return ""
	}
	if limit <= 0 {
		limit = 1 << 30 // both databases need a LIMIT before OFFSET
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
}

// idChunk bounds the ids in one IN list.
const idChunk = 500

// updateIDs runs query once per chunk of ids; query has one %s where the
// ids' placeholders go, after the leading args. The statement for a full
// chunk is prepared once.
func (tx *Tx) updateIDs(ctx context.Context, ids []int64, query string, args ...any) error {
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	all := make([]any, 0, len(args)+idChunk)
	for len(ids) > 0 {
		n := min(len(ids), idChunk)
		all = append(all[:0], args...)
		for _, id := range ids[:n] {
			all = append(all, id)
		}
		ids = ids[n:]
		q := fmt.Sprintf(query, tx.db.params(len(args)+1, n))
		if n < idChunk {
			if _, err := tx.ExecContext(ctx, q, all...); err != nil {
				return err
			}
			continue
		}
		if full == nil {
			var err error
			if full, err = tx.PrepareContext(ctx, q); err != nil {
				return err
			}
		}
		if _, err := full.ExecContext(ctx, all...); err != nil {
			return err
		}
	}
	return nil
}

// execChunk runs one statement of a series; a full chunk's statement is
// prepared once into *full and reused.
func (tx *Tx) execChunk(ctx context.Context, full **sql.Stmt, isFull bool, query string, args []any) error {
	if !isFull {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	}
	if *full == nil {
		stmt, err := tx.PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		*full = stmt
	}
	_, err := (*full).ExecContext(ctx, args...)
	return err
}

// keyArgs returns the keys of a map of rows by id as statement
// arguments, for an IN list.
func keyArgs[V any](byID map[int64]V) []any {
	args := make([]any, 0, len(byID))
	for id := range byID {
		args = append(args, id)
	}
	return args
}

// scanIDs reads a column of ids and closes rows.
func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullable returns a pointer to v when valid, else nil.
func nullable[T any](v T, valid bool) *T {
	if !valid {
		return nil
	}
	return &v
}

// ptrArg stores a nil choice as NULL.
func ptrArg[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// mustJSON encodes values that cannot fail to encode (strings, numbers).
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// joinColumns lists columns for a SELECT or INSERT.
func joinColumns(cols ...[]string) string {
	var all []string
	for _, c := range cols {
		all = append(all, c...)
	}
	return strings.Join(all, ", ")
}

// sprintf is fmt.Sprintf, shorter where SQL and audit notes are put
// together.
func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// itoa writes an id in decimal.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// nonNil stores a list never set as an empty JSON list, not null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// nullTimeArg stores the zero time as NULL, and any other as the
// database compares times (timeArg).
func nullTimeArg(db *DB, t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return db.timeArg(t.UTC())
}
