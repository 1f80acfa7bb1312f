package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Migrations are append-only: a released migration is never edited; a
// change to the schema is a new file in both dialects' folders.
//
//go:embed migrations
var migrations embed.FS

// Migrate applies every migration the database lacks, each in its own
// transaction. Two processes migrating one PostgreSQL database at once take
// turns through an advisory lock; SQLite serializes them on its write lock.
func (db *DB) Migrate(ctx context.Context) error {
	pool, err := db.migrationPool()
	if err != nil {
		return err
	}
	if pool != db.write {
		defer pool.Close()
	}
	p, err := db.migrator(pool)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrating the database: %w", err)
	}
	return nil
}

// migrationPool returns the connections the migrations run on. SQLite's
// is a connection of their own, which commits without waiting for the
// disk (synchronous=NORMAL; the writer's is FULL): a new database's forty
// or so migrations waited for it forty times, some 20 ms on a quiet
// machine and up to 0.3 s when the disk is busy (BENCHMARKS.md), in a
// first start, a first import into a new file and every test's database.
// With the write-ahead log a crash can then undo the last migrations but
// never leave one half done, and goose applies what was undone at the
// next start; the first commit that waits for the disk after them makes
// them durable with it, as the log is written in order.
func (db *DB) migrationPool() (*sql.DB, error) {
	if db.dialect != SQLite {
		return db.write, nil
	}
	pool, err := sql.Open("sqlite", sqliteURI(db.dsn)+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"+
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=temp_store(memory)&_time_format=sqlite&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("opening SQLite to migrate it: %w", err)
	}
	pool.SetMaxOpenConns(1)
	return pool, nil
}

// MigrationVersion returns the version the database is at and the newest
// version this binary knows.
func (db *DB) MigrationVersion(ctx context.Context) (current, latest int64, err error) {
	p, err := db.migrator(db.write)
	if err != nil {
		return 0, 0, err
	}
	return p.GetVersions(ctx)
}

func (db *DB) migrator(pool *sql.DB) (*goose.Provider, error) {
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if db.dialect == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	dir, err := fs.Sub(migrations, "migrations/"+db.dialect)
	if err != nil {
		return nil, err
	}
	opts = append(opts, goose.WithGoMigrations(foldedNamesMigration(db.dialect), detailKeysMigration(db.dialect)))
	return goose.NewProvider(dialect, pool, dir, opts...)
}

// updateRows sets text columns of many rows by key, for the migrations
// written in Go: in SQLite one prepared statement a row, in PostgreSQL
// arrays of a few thousand rows a statement, as a round trip a row would
// take a 100,000-member roster minutes. values holds a column's values,
// in the order of keys, for each of cols.
func updateRows(ctx context.Context, tx *sql.Tx, dialect, table, key string, cols []string, keys []int64, values ...[]string) error {
	if dialect == Postgres {
		set, arrays := make([]string, len(cols)), make([]string, len(cols))
		for i, c := range cols {
			set[i], arrays[i] = c+" = v."+c, fmt.Sprintf("$%d::text[]", i+2)
		}
		q := "UPDATE " + table + " t SET " + strings.Join(set, ", ") + " FROM unnest($1::bigint[], " +
			strings.Join(arrays, ", ") + ") AS v (id, " + strings.Join(cols, ", ") + ") WHERE t." + key + " = v.id"
		for start := 0; start < len(keys); start += 5000 {
			end := min(start+5000, len(keys))
			args := []any{keys[start:end]}
			for _, v := range values {
				args = append(args, v[start:end])
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	}
	set := make([]string, len(cols))
	for i, c := range cols {
		set[i] = fmt.Sprintf("%s = $%d", c, i+1)
	}
	stmt, err := tx.PrepareContext(ctx, "UPDATE "+table+" SET "+strings.Join(set, ", ")+fmt.Sprintf(" WHERE %s = $%d", key, len(cols)+1))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, k := range keys {
		args := make([]any, 0, len(cols)+1)
		for _, v := range values {
			args = append(args, v[i])
		}
		if _, err := stmt.ExecContext(ctx, append(args, k)...); err != nil {
			return err
		}
	}
	return nil
}
