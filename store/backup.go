package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"

	"github.com/rankfile/rankfile"
)

// Backup writes a consistent copy of the database to path while others go
// on reading and writing. For SQLite the copy is a database file rankfile
// opens directly; for PostgreSQL it is a pg_dump archive (custom format,
// restored with pg_restore), so pg_dump must be installed.
func (db *DB) Backup(ctx context.Context, path string) error {
	taken := []string{path}
	if db.views != nil {
		taken = append(taken, path+viewLogSuffix)
	}
	for _, p := range taken {
		if _, err := os.Stat(p); err == nil {
			return rankfile.Errorf(rankfile.EINVALID, "%s already exists; back up to a new file", p)
		}
	}
	if db.dialect == Postgres {
		return db.backupPostgres(ctx, path)
	}
	return db.backupSQLite(ctx, path)
}

// backupSQLite copies the database, then its log of views beside the copy
// (path + "-audit-views"), where opening the copy finds it: the log of
// views copied after the database holds every view the database's copy
// could name, and perhaps a few more. It uses VACUUM INTO, which copies
// one read transaction's view of a file, on a connection of its own so
// that writers are not held up behind it.
func (db *DB) backupSQLite(ctx context.Context, path string) error {
	err := vacuumInto(ctx, db.dsn, path)
	if err == nil && db.views != nil {
		if err = vacuumInto(ctx, db.views.path, path+viewLogSuffix); err != nil {
			os.Remove(path)
			os.Remove(path + viewLogSuffix)
		}
	}
	return err
}

// vacuumInto copies the SQLite file at from to a new file at path.
func vacuumInto(ctx context.Context, from, path string) error {
	conn, err := sql.Open("sqlite", sqliteURI(from)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		return fmt.Errorf("backing up to %s: %w", path, err)
	}
	return nil
}

// backupPostgres runs pg_dump, which dumps from one snapshot. A search_path
// in the URL (how tests isolate schemas) becomes pg_dump's --schema.
func (db *DB) backupPostgres(ctx context.Context, path string) error {
	u, err := url.Parse(db.dsn)
	if err != nil {
		return err
	}
	args := []string{"--format=custom", "--file=" + path}
	q := u.Query()
	if schema := q.Get("search_path"); schema != "" {
		args = append(args, "--schema="+schema)
		q.Del("search_path")
		u.RawQuery = q.Encode()
	}
	cmd := exec.CommandContext(ctx, "pg_dump", append(args, u.String())...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("pg_dump: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}
