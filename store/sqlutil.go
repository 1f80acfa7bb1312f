package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// idChunk bounds the ids in one IN list.
const idChunk = 500

// updateIDs runs query once per chunk of ids; query has one %s where the
// ids' placeholders go, after the leading args.
func (tx *Tx) updateIDs(ctx context.Context, ids []int64, query string, args ...any) error {
	for len(ids) > 0 {
		n := min(len(ids), idChunk)
		all := append([]any{}, args...)
		for _, id := range ids[:n] {
			all = append(all, id)
		}
		q := fmt.Sprintf(query, tx.db.params(len(args)+1, n))
		if _, err := tx.ExecContext(ctx, q, all...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
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
