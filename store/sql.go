package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

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

// mustJSON encodes values that cannot fail to encode (strings, numbers).
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// joinColumns lists columns for a SELECT or INSERT.
func joinColumns(cols ...[]string) string {
	var all []string
	for _, c := range cols {
		all = append(all, c...)
	}
	return strings.Join(all, ", ")
}

// randomHex returns n random bytes in hex: ids that say nothing of when
// or in what order they were made.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// itoa writes an id in decimal.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
