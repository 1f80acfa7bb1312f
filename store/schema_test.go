package store_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rankfile/rankfile/store/storetest"
)

// An organization's rankfile on PostgreSQL lives in one schema, which is
// what lets many organizations share a cluster (docs/scale.md): each in a
// schema of its own, and with Citus's schema-based sharding each schema
// on one node. These tests check the facts that rests on.

// TestEveryTableLivesInItsOrganizationsSchema migrates a rankfile into a
// schema of its own and checks that every table the migrations create is
// there, that none of its foreign keys leaves the schema, and that every
// table has a primary key (which a distributed table needs).
func TestEveryTableLivesInItsOrganizationsSchema(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	db := storetest.Open(t, dsn)
	created := migrationTables(t)
	inSchema, err := db.QueryStrings(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, name := range inSchema {
		have[name] = true
	}
	for _, name := range created {
		if !have[name] {
			t.Errorf("the migrations create %s, which is not in the organization's schema", name)
		}
	}
	crossing, err := db.QueryStrings(`SELECT c.conname FROM pg_constraint c
		JOIN pg_namespace n ON n.oid = c.connamespace
		JOIN pg_class r ON r.oid = c.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
		WHERE c.contype = 'f' AND n.nspname = current_schema() AND rn.nspname <> current_schema()`)
	if err != nil || len(crossing) > 0 {
		t.Errorf("foreign keys leaving the schema: %v %v", crossing, err)
	}
	keyless, err := db.QueryStrings(`SELECT t.tablename FROM pg_tables t WHERE t.schemaname = current_schema()
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
			JOIN pg_namespace n ON n.oid = r.relnamespace
			WHERE c.contype = 'p' AND r.relname = t.tablename AND n.nspname = t.schemaname)`)
	if err != nil || len(keyless) > 0 {
		t.Errorf("tables without a primary key: %v %v", keyless, err)
	}
}

// TestNoMigrationNamesASchema: rankfile's SQL names no schema, so that it
// runs in whichever schema the connection's search path gives it.
func TestNoMigrationNamesASchema(t *testing.T) {
	qualified := regexp.MustCompile(`(?i)\b(public|pg_catalog|information_schema)\.|search_path|CREATE SCHEMA`)
	files, _ := filepath.Glob("migrations/postgres/*.sql")
	if len(files) == 0 {
		t.Fatal("no migrations found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if m := qualified.Find(b); m != nil {
			t.Errorf("%s names a schema: %q", f, m)
		}
	}
}

// migrationTables lists the tables the PostgreSQL migrations create.
func migrationTables(t *testing.T) []string {
	t.Helper()
	create := regexp.MustCompile(`(?i)CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?(\w+)`)
	drop := regexp.MustCompile(`(?i)DROP TABLE (?:IF EXISTS )?(\w+)`)
	files, _ := filepath.Glob("migrations/postgres/*.sql")
	tables := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		up, _, _ := strings.Cut(string(b), "-- +goose Down")
		for _, m := range create.FindAllStringSubmatch(up, -1) {
			tables[strings.ToLower(m[1])] = true
		}
		for _, m := range drop.FindAllStringSubmatch(up, -1) {
			delete(tables, strings.ToLower(m[1]))
		}
	}
	var out []string
	for name := range tables {
		out = append(out, name)
	}
	if len(out) < 50 {
		t.Fatalf("found only %d tables in the migrations", len(out))
	}
	return out
}
