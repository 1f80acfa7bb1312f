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
	if _, err := os.Stat(path); err == nil {
		return rankfile.Errorf(rankfile.EINVALID, "%s already exists; back up to a new file", path)
	}
	if db.dialect == Postgres {
		return db.backupPostgres(ctx, path)
	}
	return db.backupSQLite(ctx, path)
}

// backupSQLite moves queued audit entries into the log first, so that the
// copy holds every entry recorded so far. It uses VACUUM INTO, which copies
// one read transaction's view of the database, on a connection of its own
// so that writers are not held up behind it.
func (db *DB) backupSQLite(ctx context.Context, path string) error {
	if err := db.flushAudit(ctx); err != nil {
		return err
	}
	conn, err := sql.Open("sqlite", sqliteURI(db.dsn)+"?_pragma=busy_timeout(10000)")
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
