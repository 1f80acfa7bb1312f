// Package storetest gives tests real databases: a SQLite file of their own
// and, when RANKFILE_TEST_POSTGRES names a PostgreSQL server, a schema of
// their own in it. The same test runs against both.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
)

// PostgresEnv names the environment variable holding a PostgreSQL URL that
// tests may create schemas in. RequireEnv, set to 1, makes a missing
// PostgreSQL a failure instead of a skip, so CI cannot pass on SQLite alone.
const (
	PostgresEnv = "RANKFILE_TEST_POSTGRES"
	RequireEnv  = "RANKFILE_TEST_REQUIRE_POSTGRES"
)

// Each runs fn once per available database, as subtests named "sqlite" and
// "postgres", each with a fresh empty database.
func Each(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Run(store.SQLite, func(t *testing.T) { fn(t, SQLiteDSN(t)) })
	t.Run(store.Postgres, func(t *testing.T) { fn(t, PostgresDSN(t)) })
}

// EachDB is Each with the database opened.
func EachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	Each(t, func(t *testing.T, dsn string) { fn(t, Open(t, dsn)) })
}

// SQLiteDSN returns the path of a new SQLite database in a temporary folder.
func SQLiteDSN(tb testing.TB) string {
	return filepath.Join(tb.TempDir(), "rankfile.db")
}

// PostgresDSN returns a URL whose search path is a new, empty schema that is
// dropped when the test ends. It skips the test when no server is set.
func PostgresDSN(tb testing.TB) string {
	admin := os.Getenv(PostgresEnv)
	if admin == "" {
		if os.Getenv(RequireEnv) == "1" {
			tb.Fatalf("%s is not set but %s=1", PostgresEnv, RequireEnv)
		}
		tb.Skipf("set %s to run this test on PostgreSQL too", PostgresEnv)
	}
	schema := "test_" + randomHex(8)
	exec(tb, admin, "CREATE SCHEMA "+schema)
	tb.Cleanup(func() { exec(tb, admin, "DROP SCHEMA "+schema+" CASCADE") })
	u, err := url.Parse(admin)
	if err != nil {
		tb.Fatalf("%s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens dsn with its keys, new the first time the database is
// opened and the same every later time, as an installation has one key
// file; it closes the database when the test ends.
func Open(tb testing.TB, dsn string) *store.DB {
	tb.Helper()
	db, err := store.OpenWithKeys(context.Background(), dsn, Keys(tb, dsn))
	if err != nil {
		tb.Fatalf("opening %s: %v", dsn, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Keys returns the keys of the database dsn: new the first time it is
// asked, the same every later time.
func Keys(tb testing.TB, dsn string) *secret.Keyring {
	ring, _ := keyrings.LoadOrStore(dsn, NewKeyring(tb))
	return ring.(*secret.Keyring)
}

// keyrings holds each database's keys, by DSN.
var keyrings sync.Map

// UseKeys makes ring the keys of the database dsn, before it is first
// opened: for a test that also runs rankfile as a process of its own,
// which is given the same keys.
func UseKeys(dsn string, ring *secret.Keyring) { keyrings.Store(dsn, ring) }

// NewKeyring returns a keyring with one new random key and a new audit key.
func NewKeyring(tb testing.TB) *secret.Keyring {
	tb.Helper()
	text, err := secret.GenerateKeyFile(nil)
	if err != nil {
		tb.Fatal(err)
	}
	ring, err := secret.Parse("test keys", text)
	if err != nil {
		tb.Fatal(err)
	}
	return ring
}

func exec(tb testing.TB, dsn, query string) {
	conn, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(query); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
