package main

import (
	"database/sql"
	"os"
	"strings"
	"testing"

	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// readFile returns a file's text or fails the test.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAuditHeadAndVerify(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		mustRun(t, dsn, "bodies", "add", "Los Angeles", "--kind", "chapter")
		head := mustRun(t, dsn, "audit", "head")
		if !strings.HasPrefix(head, "rankfile-audit-head v2 entries=2 last=") {
			t.Fatalf("audit head printed %q", head)
		}
		public := strings.TrimSpace(mustRun(t, dsn, "audit", "head", "--public-key"))
		if !strings.HasPrefix(public, "key=") || !strings.Contains(head, public+" signature=") {
			t.Errorf("the public key %q is not the head's:\n%s", public, head)
		}
		heads := t.TempDir() + "/heads"
		mustRun(t, dsn, "audit", "head", "--out", heads)
		mustRun(t, dsn, "bodies", "add", "Housing", "--kind", "committee", "--parent", "los-angeles")
		mustRun(t, dsn, "audit", "head", "--out", heads)
		if n := strings.Count(readFile(t, heads), "\n"); n != 2 {
			t.Fatalf("the file of heads holds %d lines, want 2", n)
		}
		out := mustRun(t, dsn, "audit", "verify", "--head", heads)
		for _, want := range []string{"intact: 3 entries", "Keyed: every entry", "Checked against 2 kept head(s)", "the last of them: 3 entries"} {
			if !strings.Contains(out, want) {
				t.Errorf("verify --head lacks %q:\n%s", want, out)
			}
		}

		forged := writeFile(t, "forged", strings.Replace(head, "entries=2 ", "entries=1 ", 1))
		if r := run(t, dsn, "audit", "verify", "--head", forged); r.code != exitFailed || !strings.Contains(r.stderr, "is forged") {
			t.Errorf("verify against a forged head: exit %d, %s", r.code, r.stderr)
		}
		if r := run(t, dsn, "audit", "verify", "--head", writeFile(t, "junk", "not a head\n")); r.code != exitInvalid {
			t.Errorf("verify against a file that holds no head: exit %d, %s", r.code, r.stderr)
		}
		if r := runWith(t, t.Context(), map[string]string{"RANKFILE_DB": dsn}, "", "audit", "verify"); r.code != exitInvalid ||
			!strings.Contains(r.stderr, "give the key file") {
			t.Errorf("verify of a keyed log without the key: exit %d, %s", r.code, r.stderr)
		}

		cutAuditLog(t, dsn, 2)
		r := run(t, dsn, "audit", "verify", "--head", heads)
		if r.code != exitFailed || !strings.Contains(r.stderr, "the audit log was cut short: it holds 2 entries") {
			t.Errorf("verify of a cut log against the heads: exit %d, %s", r.code, r.stderr)
		}
		if out := mustRun(t, dsn, "audit", "verify"); !strings.Contains(out, "intact: 2 entries") {
			t.Errorf("verify of the cut log alone, which cannot tell:\n%s", out)
		}
	})
}

func TestAuditVerifySaysWhenTheLogIsNotKeyed(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	env := map[string]string{"RANKFILE_DB": dsn}
	if r := runWith(t, t.Context(), env, "", "bodies", "add", "Los Angeles", "--kind", "chapter"); r.code != 0 {
		t.Fatalf("bodies add without a key: exit %d, %s", r.code, r.stderr)
	}
	r := runWith(t, t.Context(), env, "", "audit", "verify")
	if r.code != 0 || !strings.Contains(r.stdout, "NOT keyed") {
		t.Errorf("verify of a log recorded without a key: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runWith(t, t.Context(), env, "", "audit", "head"); r.code != exitInvalid || !strings.Contains(r.stderr, "needs an audit key") {
		t.Errorf("audit head without a key: exit %d, %s", r.code, r.stderr)
	}
	mustRun(t, dsn, "bodies", "add", "Housing", "--kind", "committee", "--parent", "los-angeles")
	if out := mustRun(t, dsn, "audit", "verify"); !strings.Contains(out, "Keyed from entry 2 on") {
		t.Errorf("verify once an entry was recorded with the key:\n%s", out)
	}
}

// cutAuditLog deletes the entries after the first n, getting around the
// append-only triggers as someone with access to the database could.
func cutAuditLog(t *testing.T, dsn string, n int) {
	t.Helper()
	driver, guards := "sqlite", []string{"audit_log_no_delete"}
	if store.IsPostgres(dsn) {
		driver, guards = "pgx", []string{"audit_log_no_change ON audit_log"}
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, g := range guards {
		if _, err := raw.Exec("DROP TRIGGER " + g); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`DELETE FROM audit_log WHERE id NOT IN (SELECT id FROM audit_log ORDER BY id LIMIT $1)`, n); err != nil {
		t.Fatal(err)
	}
}
