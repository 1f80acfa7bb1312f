// Package store keeps rankfile's data in SQLite (embedded, the default) or
// PostgreSQL, and implements the domain's services over them. The same SQL
// runs on both; where the databases differ, the difference is handled here
// once (migrations, driver errors, backups).
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
)

// Dialects rankfile speaks.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is an open rankfile database.
type DB struct {
	// write takes every transaction that changes data. For SQLite it is a
	// single connection, so writers queue in the process instead of failing
	// on the database lock.
	write *sql.DB
	// read serves queries; for PostgreSQL it is the same pool as write.
	read    *reader
	dialect string
	dsn     string
	// kept keeps counts of the roster and actors until the roster changes;
	// version remembers its version for a moment.
	kept    keptCache
	version versionMemo
	// audits commits audit entries recorded at the same moment together.
	audits auditBatcher
	// casts commits ballots cast at the same moment together.
	casts awaitedCommit[*pendingCast]
	// signs commits signatures given at the same moment together.
	signs awaitedCommit[*pendingSign]
	// votes commits meeting votes cast at the same moment together.
	votes awaitedCommit[*pendingVote]
	// records commits the knocks and calls phones send at the same
	// moment together.
	records awaitedCommit[*pendingRecord]
	// touches records when API tokens were last used.
	touches tokenTouches
	// ballotPads remembers, by election id, the length its sealed ballots
	// are padded to: the ballot is fixed once voting opens, and a ballot
	// is cast only then.
	ballotPads sync.Map
	// views is SQLite's log of views (see audit_view.go); nil for
	// PostgreSQL, which chains views into the main log.
	views *viewLog
	// checkpoints copies SQLite's write-ahead log back into the database.
	checkpoints *checkpointer
	// signals gathers the news of changes for the other servers sharing a
	// PostgreSQL database (see signal.go).
	signals signaler
	// rateSweep remembers when the shared rate limits' old counts were
	// last deleted (see rate_limit.go).
	rateSweep rateSweep

	// Now returns the current time; tests set it to fix the clock.
	Now func() time.Time
	// Zone is where the chapter is: it decides what day "today" is.
	Zone *time.Location
	// Keys seals and opens members' sensitive fields. Without it, those
	// fields can be neither stored nor read, and saying so is the answer.
	Keys secret.Source
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database named by dsn, a postgres:// URL or a SQLite file
// path, and applies any migrations it lacks. It sets no keys.
func Open(ctx context.Context, dsn string) (*DB, error) {
	return OpenWithKeys(ctx, dsn, nil)
}

// OpenWithKeys is Open with Keys set from the start: audit entries a crash
// left in the queue file of an older rankfile are chained into the log as
// the database opens (see audit_queue.go), and must be keyed with the
// audit key as the entries before them were.
func OpenWithKeys(ctx context.Context, dsn string, keys secret.Source) (*DB, error) {
	db, err := connect(dsn)
	if err != nil {
		return nil, err
	}
	db.Keys = keys
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.LoadSettings(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if db.dialect == SQLite {
		err = drainAuditQueue(ctx, db, dsn)
		if err == nil {
			db.views, err = openViewLog(ctx, db, dsn)
		}
		if err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

// connect opens the database named by dsn without migrating it.
func connect(dsn string) (*DB, error) {
	db := &DB{dsn: dsn, Now: time.Now, Zone: time.Local}
	db.audits.start(db)
	db.casts.start(db, castBatchLimit, (*Tx).castBatch)
	db.signs.start(db, signBatchLimit, (*Tx).signBatch)
	db.votes.start(db, voteBatchLimit, (*Tx).voteBatch)
	db.records.start(db, recordBatchLimit, (*Tx).recordBatch)
	db.touches.start(db)
	var err error
	if IsPostgres(dsn) {
		err = db.openPostgres(dsn)
	} else {
		err = db.openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	return db, nil
}

func (db *DB) openPostgres(dsn string) error {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("opening PostgreSQL: %w", err)
	}
	pool.SetMaxOpenConns(16)
	pool.SetMaxIdleConns(16)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	db.write, db.read, db.dialect = pool, newReader(pool, false), Postgres
	return nil
}

// openSQLite opens a writer connection and a pool of read-only connections.
// busy_timeout comes first so that the pragmas after it already wait for a
// lock held by another process; WAL lets readers run beside the writer;
// synchronous=FULL makes every commit durable, even across a power cut;
// _txlock=immediate takes the write lock at BEGIN, which avoids deadlocks
// between transactions that read before they write. Readers map the file
// into memory: after another connection commits, SQLite makes each reader
// drop its cached pages, and mapped pages come back by page faults rather
// than a system call each (under the roster load of scripts/bench-web,
// readers without the map fall behind by seconds). The writer leaves checkpoints to a
// connection of their own (see checkpoint.go).
func (db *DB) openSQLite(path string) error {
	if path == "" {
		return rankfile.Errorf(rankfile.EINVALID, "no database given")
	}
	base := sqliteURI(path)
	pragmas := "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(FULL)&_pragma=cache_size(" + strconv.Itoa(-cacheKiB) + ")&_pragma=temp_store(memory)&_time_format=sqlite"
	write, err := sql.Open("sqlite", base+pragmas+"&_txlock=immediate&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		return fmt.Errorf("opening SQLite: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	read, err := sql.Open("sqlite", base+pragmas+"&_pragma=query_only(1)&_pragma=mmap_size(1073741824)")
	if err != nil {
		write.Close()
		return fmt.Errorf("opening SQLite: %w", err)
	}
	// Readers stay open: a new one starts with an empty cache and prepares
	// its statements again (database/sql keeps only two idle by default).
	read.SetMaxOpenConns(4)
	read.SetMaxIdleConns(4)
	checkpoints, err := sql.Open("sqlite", base+pragmas)
	if err != nil {
		write.Close()
		read.Close()
		return fmt.Errorf("opening SQLite: %w", err)
	}
	checkpoints.SetMaxOpenConns(1)
	db.write, db.read, db.dialect = write, newReader(read, true), SQLite
	db.checkpoints = startCheckpointer(checkpoints, 0)
	if err := write.Ping(); err != nil {
		db.Close()
		return fmt.Errorf("opening SQLite database %s: %w", path, err)
	}
	return nil
}

// sqliteURI makes a file: URI of a path, escaping what URIs reserve.
func sqliteURI(path string) string {
	return "file:" + (&url.URL{Path: strings.TrimPrefix(path, "file:")}).EscapedPath()
}

// Dialect returns SQLite or Postgres.
func (db *DB) Dialect() string { return db.dialect }

// Close closes the database and its log of views.
func (db *DB) Close() error {
	var qerr error
	if db.views != nil {
		qerr = db.views.close()
	}
	db.read.close()
	if db.checkpoints != nil {
		db.checkpoints.close()
	}
	err := db.write.Close()
	if db.read.pool != db.write {
		if rerr := db.read.pool.Close(); err == nil {
			err = rerr
		}
	}
	if qerr != nil {
		return qerr
	}
	return err
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	return db.read.PingContext(ctx)
}

// Tx is a write transaction with one clock reading for everything it does.
type Tx struct {
	*sql.Tx
	db *DB
	// conn is the connection the transaction runs on, for what only the
	// driver itself offers (PostgreSQL's COPY) and to close it after
	// (closeConn).
	conn *sql.Conn
	now  time.Time
	// stamp is now as a statement argument, formatted once: a national
	// list of 100,000 members stamps every row it writes.
	stamp any
	// touchedRoster is set when the transaction moves the roster's version.
	touchedRoster bool
	// auditHead is the hash of the audit log's last entry once the
	// transaction has taken the audit lock; "" before.
	auditHead string
	// closeConn is set when the connection is to be closed once the
	// transaction has ended rather than go back to the pool (widenCache).
	closeConn bool
}

// inTx runs fn in a write transaction and commits when fn returns nil.
// Driver errors become domain errors here, once.
func (db *DB) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return db.translate(err)
	}
	defer conn.Close()
	var tx *Tx
	defer func() { tx.releaseConn() }() // after the rollback below
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return db.translate(err)
	}
	defer sqlTx.Rollback()
	now := db.Now().UTC()
	tx = &Tx{Tx: sqlTx, db: db, conn: conn, now: now, stamp: db.timeArg(now)}
	if err := fn(tx); err != nil {
		return db.translate(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return db.translate(err)
	}
	if tx.touchedRoster {
		db.version.forget()
	}
	return nil
}

// timeArg formats a time as the SQLite driver would store it (its
// "sqlite" time format); PostgreSQL takes the time itself.
func (db *DB) timeArg(t time.Time) any {
	if db.dialect == SQLite {
		return t.Format("2006-01-02 15:04:05.999999999-07:00")
	}
	return t
}

// today is the date of the transaction's clock where the chapter is.
func (tx *Tx) today() rankfile.Date { return rankfile.DateOf(tx.now.In(tx.db.Zone)) }

// lock serializes work on a named resource across processes: the row lock
// in PostgreSQL, the database write lock (taken at BEGIN) in SQLite.
func (tx *Tx) lock(ctx context.Context, name string) error {
	if tx.db.dialect == SQLite {
		return nil // the transaction holds the database's write lock already
	}
	_, err := tx.ExecContext(ctx, `UPDATE locks SET taken_at = $1 WHERE name = $2`, tx.now, name)
	return err
}

// Today returns the date where the chapter is.
func (db *DB) Today() rankfile.Date { return rankfile.DateOf(db.Now().In(db.Zone)) }

// day returns d, or today when d is zero.
func (db *DB) day(d rankfile.Date) rankfile.Date {
	if d.IsZero() {
		return db.Today()
	}
	return d
}

// clusterTables rewrites PostgreSQL tables in the order of their primary
// keys, leaving neither old rows nor the order they were written in.
func (db *DB) clusterTables(ctx context.Context, tables ...string) error {
	for _, table := range tables {
		if _, err := db.write.ExecContext(ctx, `CLUSTER `+table+` USING `+table+`_pkey`); err != nil {
			return db.translate(err)
		}
	}
	return nil
}

// refreshStatistics tells PostgreSQL's planner about the roster after an
// import or a branch load changed much of it, rather than waiting for
// autovacuum: until then it may take a common surname for a rare one. The
// change is committed by now, so a failure here costs only speed and is
// not reported. SQLite keeps no statistics here; pageQuery chooses for it.
func (db *DB) refreshStatistics(ctx context.Context) {
	if db.dialect == Postgres {
		db.write.ExecContext(ctx, `ANALYZE members`)
	}
}
