package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

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
	p, err := db.migrator()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrating the database: %w", err)
	}
	return nil
}

// MigrationVersion returns the version the database is at and the newest
// version this binary knows.
func (db *DB) MigrationVersion(ctx context.Context) (current, latest int64, err error) {
	p, err := db.migrator()
	if err != nil {
		return 0, 0, err
	}
	return p.GetVersions(ctx)
}

func (db *DB) migrator() (*goose.Provider, error) {
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
	opts = append(opts, goose.WithGoMigrations(foldedNamesMigration(db.dialect)))
	return goose.NewProvider(dialect, db.write, dir, opts...)
}
