package store

import (
	"context"
	"fmt"
)

// A first import fills an empty roster with tens of thousands of members
// at once. Keeping secondary indexes up to date through 100,000 inserts in
// random order, and (in PostgreSQL) checking each row's foreign keys one at
// a time, costs far more than building each index once over sorted keys and
// checking each foreign key with one join. So a first import sets them
// aside and puts them back, in the same transaction: nobody ever sees the
// roster without them, and the rebuilt index or constraint checks all the
// rows that went in. Primary keys stay throughout.

// deferred is an index or constraint set aside, with the statements that
// drop it and build it again.
type deferred struct{ name, drop, create string }

// deferChecks sets aside the secondary indexes of the tables an import
// fills and, in PostgreSQL, their foreign keys.
func (tx *Tx) deferChecks(ctx context.Context) ([]deferred, error) {
	var all []deferred
	for _, q := range tx.db.deferrableQueries() {
		found, err := tx.queryDeferred(ctx, q)
		if err != nil {
			return nil, err
		}
		all = append(all, found...)
	}
	for _, d := range all {
		if _, err := tx.ExecContext(ctx, d.drop); err != nil {
			return nil, fmt.Errorf("setting %s aside: %w", d.name, err)
		}
	}
	return all, nil
}

// queryDeferred reads the indexes or constraints one of
// deferrableQueries lists.
func (tx *Tx) queryDeferred(ctx context.Context, q string) ([]deferred, error) {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []deferred
	for rows.Next() {
		var d deferred
		if err := rows.Scan(&d.name, &d.drop, &d.create); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// restoreChecks builds again what deferChecks set aside: indexes first,
// then the foreign keys, whose checks the indexes speed up.
func (tx *Tx) restoreChecks(ctx context.Context, all []deferred) error {
	for _, d := range all {
		if _, err := tx.ExecContext(ctx, d.create); err != nil {
			return fmt.Errorf("building %s again: %w", d.name, err)
		}
	}
	return nil
}

// deferrableQueries list, for each table an import fills, the name of each
// index and constraint a first import sets aside and the statements that
// drop and create it. Indexes come before foreign keys.
func (db *DB) deferrableQueries() []string {
	if db.dialect == Postgres {
		return []string{
			`SELECT indexname, 'DROP INDEX ' || quote_ident(indexname), indexdef FROM pg_indexes
			WHERE schemaname = current_schema() AND tablename IN ('members', 'member_details', 'member_history', 'member_sensitive')
			AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname`,
			`SELECT conname, 'ALTER TABLE ' || conrelid::regclass || ' DROP CONSTRAINT ' || quote_ident(conname),
			'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
			FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
			AND conrelid::regclass::text IN ('members', 'member_details', 'member_history', 'member_sensitive') ORDER BY conname`,
		}
	}
	return []string{`SELECT name, 'DROP INDEX ' || name, sql FROM sqlite_master
		WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ('members', 'member_details', 'member_history', 'member_sensitive') ORDER BY name`}
}
