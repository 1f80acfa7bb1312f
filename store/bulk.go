package store

import (
	"context"
	"fmt"
)

// deferredIndex is a secondary index dropped for a bulk load, with the
// statement that builds it again.
type deferredIndex struct{ name, create string }

// deferIndexes drops the secondary indexes of the bulk tables. Building an
// index once over 100,000 sorted keys is far cheaper than keeping it up to
// date through 100,000 inserts in random order. Unique constraints and
// primary keys stay, so the data is checked as it goes in. The indexes come
// back in restoreIndexes, in the same transaction: readers never see a
// roster without them.
func (tx *Tx) deferIndexes(ctx context.Context) ([]deferredIndex, error) {
	rows, err := tx.QueryContext(ctx, tx.db.secondaryIndexQuery())
	if err != nil {
		return nil, err
	}
	var idx []deferredIndex
	for rows.Next() {
		var d deferredIndex
		if err := rows.Scan(&d.name, &d.create); err != nil {
			rows.Close()
			return nil, err
		}
		idx = append(idx, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, d := range idx {
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+d.name); err != nil {
			return nil, fmt.Errorf("setting index %s aside: %w", d.name, err)
		}
	}
	return idx, nil
}

// restoreIndexes builds again the indexes deferIndexes dropped.
func (tx *Tx) restoreIndexes(ctx context.Context, idx []deferredIndex) error {
	for _, d := range idx {
		if _, err := tx.ExecContext(ctx, d.create); err != nil {
			return fmt.Errorf("building index %s: %w", d.name, err)
		}
	}
	return nil
}

// secondaryIndexQuery lists the name and definition of each index of the
// bulk tables that backs no constraint.
func (db *DB) secondaryIndexQuery() string {
	if db.dialect == Postgres {
		return `SELECT indexname, indexdef FROM pg_indexes
			WHERE schemaname = current_schema() AND tablename IN ('members', 'member_history', 'member_sensitive')
			AND indexname NOT IN (SELECT conname FROM pg_constraint)`
	}
	return `SELECT name, sql FROM sqlite_master
		WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('members', 'member_history', 'member_sensitive')`
}
