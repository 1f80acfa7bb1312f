package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

func TestUsageErrors(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	for name, args := range map[string][]string{
		"unknown flag":     {"members", "list", "--colour"},
		"missing argument": {"import", "roster"},
		"bad standing":     {"members", "list", "--standing", "excellent"},
		"bad date":         {"import", "roster", "x.csv", "--as-of", "yesterday"},
		"branch and none":  {"members", "list", "--branch", "central", "--unassigned"},
		"no body":          {"positions", "add", "101"},
	} {
		r := run(t, dsn, args...)
		if r.code != exitInvalid || !strings.HasPrefix(r.stderr, "rankfile: ") {
			t.Errorf("%s: exit %d, stderr %q; want %d and a message", name, r.code, r.stderr, exitInvalid)
		}
	}
}

func TestOverridesAndHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		mustRun(t, dsn, "members", "override", "102", "--standing", "good", "--reason", "local dues waiver",
			"--by", "Dana", "--until", "2099-12-31")
		var listed []map[string]any
		decodeInto(t, mustRun(t, dsn, "members", "list", "--json", "--standing", "good"), &listed)
		if len(listed) != 2 || listed[1]["override"] == nil || listed[1]["list_standing"] != "member" {
			t.Errorf("good standing after an override = %v; want Siobhan, shown as overridden", listed)
		}
		show := mustRun(t, dsn, "members", "show", "102")
		for _, want := range []string{"override; list says member", "local dues waiver", "override by Dana"} {
			if !strings.Contains(show, want) {
				t.Errorf("members show lacks %q:\n%s", want, show)
			}
		}
		if r := run(t, dsn, "members", "override", "102", "--standing", "good", "--by", "Dana"); r.code != exitInvalid {
			t.Errorf("an override without a reason: exit %d, want %d", r.code, exitInvalid)
		}
		if r := run(t, dsn, "members", "show", "999"); r.code != exitNotFound {
			t.Errorf("an unknown member: exit %d, want %d", r.code, exitNotFound)
		}
		mustRun(t, dsn, "members", "revoke-override", "102", "--by", "Dana")
		if got := listIDs(t, dsn, "--standing", "good"); len(got) != 1 {
			t.Errorf("after revoking, good standing = %v", got)
		}
	})
}

func TestBodiesAndPositions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		mustRun(t, dsn, "bodies", "add", "Los Angeles", "--kind", "chapter")
		mustRun(t, dsn, "bodies", "add", "Housing & Homelessness", "--kind", "committee", "--parent", "los-angeles")
		mustRun(t, dsn, "branches", "load", "../../demo/branches.geojson")
		mustRun(t, dsn, "positions", "add", "101", "--body", "housing-homelessness", "--seat", "Co-chair", "--start", "2026-01-01")
		mustRun(t, dsn, "positions", "add", "102", "--body", "housing-homelessness", "--start", "2026-01-01")
		show := mustRun(t, dsn, "bodies", "show", "housing-homelessness")
		if !strings.Contains(show, "Co-chair (2, elected): José García") || !strings.Contains(show, "Members: Siobhan O'Brien") {
			t.Errorf("bodies show:\n%s", show)
		}
		tree := mustRun(t, dsn, "bodies", "list")
		for _, want := range []string{"Los Angeles [los-angeles, chapter]: 3 members, 1 in good standing",
			"  Central [central, branch]: 1 members", "  Housing & Homelessness [housing-homelessness, committee]: 2 members"} {
			if !strings.Contains(tree, want) {
				t.Errorf("bodies list lacks %q:\n%s", want, tree)
			}
		}
		if r := run(t, dsn, "bodies", "add", "Housing", "--kind", "committee", "--slug", "housing-homelessness"); r.code != exitConflict {
			t.Errorf("a taken slug: exit %d, want %d", r.code, exitConflict)
		}
		if r := run(t, dsn, "positions", "add", "103", "--body", "housing-homelessness", "--seat", "Treasurer"); r.code != exitNotFound {
			t.Errorf("an unknown seat: exit %d, want %d", r.code, exitNotFound)
		}
	})
}

func TestBackupWhileOpen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		if strings.HasPrefix(dsn, "postgres") {
			if _, err := exec.LookPath("pg_dump"); err != nil {
				t.Skip("pg_dump is not installed")
			}
		}
		backup := t.TempDir() + "/backup.db"
		db := storetest.Open(t, dsn) // another connection stays open, as a running server's would
		_ = db
		mustRun(t, dsn, "backup", backup)
		if r := run(t, dsn, "backup", backup); r.code != exitInvalid {
			t.Errorf("backing up over an existing file: exit %d, want %d", r.code, exitInvalid)
		}
		if strings.HasPrefix(dsn, "postgres") {
			out, err := exec.Command("pg_restore", "--list", backup).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "TABLE DATA") || !strings.Contains(string(out), "members") {
				t.Errorf("pg_restore --list: %v\n%s", err, out)
			}
			return
		}
		if got := listIDs(t, backup); len(got) != 3 {
			t.Errorf("the backup holds %d members, want 3", len(got))
		}
	})
}

func TestMigrate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		out := mustRun(t, dsn, "migrate")
		var current, latest int
		_, err := fmt.Sscanf(out[strings.Index(out, "version"):], "version %d of %d", &current, &latest)
		if err != nil || current != latest || latest < 2 {
			t.Errorf("migrate said %q", out)
		}
	})
}

func TestDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		env := map[string]string{"RANKFILE_DB": dsn, "RANKFILE_KEY": testKey}
		if !store.IsPostgres(dsn) {
			delete(env, "RANKFILE_KEY") // the demo makes its own key file
		}
		r := runWith(t, context.Background(), env, "", "demo", "--no-serve")
		out := r.stdout
		if r.code != 0 {
			t.Fatalf("demo: exit %d, %s", r.code, r.stderr)
		}
		if info, err := os.Stat(dsn + ".keys"); !store.IsPostgres(dsn) && (err != nil || info.Mode().Perm() != 0o600) {
			t.Errorf("the demo's key file: %v", err)
		}
		if !strings.Contains(out, "coordinator@example.org") {
			t.Errorf("demo output lacks the demo accounts:\n%s", out)
		}
		good := listIDs(t, dsn, "--standing", "good")
		if len(good) < 3300 || len(good) > 3700 {
			t.Errorf("the demo has %d members in good standing, want about 3,500", len(good))
		}
		checkDemoElections(t, dsn)
		checkDemoProposals(t, dsn)
		checkDemoMeetings(t, dsn)
		checkDemoEvents(t, dsn)
		checkDemoFeedback(t, dsn)
		checkDemoTrainingReport(t, dsn)
		checkDemoWeekly(t, dsn)
		checkDemoSeats(t, dsn)
		checkDemoOneOnOnes(t, dsn)
		checkDemoCourseRules(t, dsn)
		checkDemoPhonebanks(t, dsn)
		checkDemoCampaigns(t, dsn)
		checkDemoEndorsements(t, dsn)
		if out := mustRun(t, dsn, "demo", "--no-serve"); !strings.Contains(out, "already") {
			t.Errorf("a second demo run refilled the database: %s", out)
		}
	})
}

func TestDemoRefusesARealDatabase(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
	if r := run(t, dsn, "demo", "--no-serve"); r.code != exitConflict || !strings.Contains(r.stderr, "not the demo") {
		t.Errorf("demo on a real roster: exit %d, %q", r.code, r.stderr)
	}
	if got := listIDs(t, dsn); len(got) != 3 {
		t.Errorf("the refused demo changed the roster: %d members", len(got))
	}
}

func TestServe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "bodies", "add", "Los Angeles", "--kind", "chapter")
		heads := filepath.Join(t.TempDir(), "heads")
		ctx, cancel := context.WithCancel(context.Background())
		var stdout, stderr syncBuffer
		done := make(chan int)
		go func() {
			done <- Main(ctx, []string{"--db", dsn, "serve", "--addr", "127.0.0.1:0", "--audit-heads", heads}, withTestKey, nil, &stdout, &stderr)
		}()
		url := waitForURL(t, &stdout)
		if body := get(t, url+"healthz"); !strings.Contains(body, `"ok"`) {
			t.Errorf("/healthz = %q", body)
		}
		if body := get(t, url); !strings.Contains(body, "Los Angeles") {
			t.Errorf("/ does not list the chapter:\n%s", body)
		}
		published := waitForHead(t, url+"audit/head")
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d after shutdown: %s", code, stderr.String())
		}
		kept := readFile(t, heads)
		if lines := strings.Split(strings.TrimSpace(kept), "\n"); len(lines) != 2 || lines[0] != strings.TrimSpace(published) {
			t.Errorf("the server's heads, one as it started and one as it stopped:\n%s\npublished: %s", kept, published)
		}
		if out := mustRun(t, dsn, "audit", "verify", "--head", heads); !strings.Contains(out, "Checked against 2 kept head(s)") {
			t.Errorf("verify against the server's heads:\n%s", out)
		}
	})
}

// withTestKey is the process's environment with the tests' key file text
// in RANKFILE_KEY.
func withTestKey(k string) string {
	if k == "RANKFILE_KEY" {
		return testKey
	}
	return os.Getenv(k)
}

// waitForHead fetches the server's audit head once it has signed one.
func waitForHead(t *testing.T, url string) string {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") || !strings.HasPrefix(string(body), "rankfile-audit-head v2 ") {
				t.Errorf("GET /audit/head: %s, %q", ct, body)
			}
			return string(body)
		}
	}
	t.Fatalf("the server published no audit head")
	return ""
}

func TestServeRefusesAKeyedLogWithoutItsKey(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	mustRun(t, dsn, "bodies", "add", "Los Angeles", "--kind", "chapter") // keyed
	r := runWith(t, context.Background(), map[string]string{"RANKFILE_DB": dsn}, "", "serve", "--addr", "127.0.0.1:0")
	if r.code != exitInvalid || !strings.Contains(r.stderr, "the audit log is keyed and no audit key is set") {
		t.Errorf("serve without the key: exit %d, %s", r.code, r.stderr)
	}
}

func waitForURL(t *testing.T, out *syncBuffer) string {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, after, ok := strings.Cut(out.String(), "serving at "); ok {
			return strings.TrimSpace(after)
		}
	}
	t.Fatalf("the server did not start: %s", out.String())
	return ""
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %s", url, resp.Status)
	}
	return string(body)
}

func TestChooseBranchAndSetPoint(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		mustRun(t, dsn, "branches", "load", "../../demo/branches.geojson")
		mustRun(t, dsn, "members", "choose-branch", "103", "eastside-sgv", "--by", "Minh")
		mustRun(t, dsn, "members", "set-point", "101", "34.0195,-118.4912", "--by", "Dana")
		for id, want := range map[string]string{"103": "eastside-sgv (chosen)", "101": "westside"} {
			if out := mustRun(t, dsn, "members", "show", id); !strings.Contains(out, "Branch:      "+want) {
				t.Errorf("member %s is not in %s:\n%s", id, want, out)
			}
		}
		if r := run(t, dsn, "members", "set-point", "101", "north"); r.code != exitInvalid {
			t.Errorf("bad coordinates: exit %d", r.code)
		}
		if r := run(t, dsn, "members", "choose-branch", "101", "atlantis"); r.code != exitNotFound {
			t.Errorf("unknown branch: exit %d", r.code)
		}
	})
}

func TestRolesTokensAndTheAuditLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		mustRun(t, dsn, "roles", "grant", "JOSE@example.org", "steward")
		mustRun(t, dsn, "roles", "grant", "102", "admin")
		mustRun(t, dsn, "roles", "grant", "102", "communications")
		if out := mustRun(t, dsn, "roles", "list"); !strings.Contains(out, "admin          Siobhan O'Brien") ||
			!strings.Contains(out, "communications Siobhan O'Brien") ||
			!strings.Contains(out, "steward        José García <jose@example.org>") {
			t.Errorf("roles list:\n%s", out)
		}
		if r := run(t, dsn, "roles", "grant", "jose@example.org", "king"); r.code != exitInvalid {
			t.Errorf("an unknown role: exit %d", r.code)
		}
		token := strings.TrimSpace(mustRun(t, dsn, "token", "create", "--email", "jose@example.org"))
		if !strings.HasPrefix(token, "rf_") || len(token) < 40 {
			t.Errorf("token %q", token)
		}
		if r := run(t, dsn, "token", "create", "--email", "nobody@example.org"); r.code != exitNotFound {
			t.Errorf("a token for nobody: exit %d", r.code)
		}
		mustRun(t, dsn, "roles", "revoke", "102", "admin")
		link := strings.TrimSpace(mustRun(t, dsn, "sign-in-link", "--email", "102", "--base-url", "https://rankfile.example.org/"))
		token, ok := strings.CutPrefix(link, "https://rankfile.example.org/sign-in/")
		if !ok {
			t.Fatalf("sign-in link %q", link)
		}
		db := storetest.Open(t, dsn)
		if err := store.NewAuthService(db).CheckSignInToken(context.Background(), token); err != nil {
			t.Errorf("the printed sign-in link does not work: %v", err)
		}
		if out := mustRun(t, dsn, "audit", "verify"); !strings.Contains(out, "intact: 7 entries") {
			t.Errorf("audit verify: %s", out)
		}
		log := mustRun(t, dsn, "audit", "log")
		for _, want := range []string{"import_roster", "grant_role", "revoke_role", "create_api_token", "sign_in_link", "command line"} {
			if !strings.Contains(log, want) {
				t.Errorf("audit log lacks %q:\n%s", want, log)
			}
		}
	})
}

// TestServeTrustedProxies starts the server with a trusted proxy named by
// the flag and by the environment, and sees it believe the proxy's word
// that the client came by HTTPS; without one, it does not.
func TestServeTrustedProxies(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	mustRun(t, dsn, "migrate")
	for _, c := range []struct {
		args []string
		env  string
		hsts bool
	}{
		{nil, "", false},
		{[]string{"--trusted-proxy", "10.0.0.0/8,127.0.0.1", "--trusted-proxy", "::1"}, "", true},
		{nil, "10.0.0.0/8, 127.0.0.1", true},
		{[]string{"--trusted-proxy", "10.0.0.1"}, "127.0.0.1", false}, // the flag wins
	} {
		env := map[string]string{"RANKFILE_DB": dsn, "RANKFILE_TRUSTED_PROXIES": c.env}
		ctx, cancel := context.WithCancel(context.Background())
		var stdout, stderr syncBuffer
		done := make(chan int)
		go func() {
			args := append([]string{"serve", "--addr", "127.0.0.1:0"}, c.args...)
			done <- Main(ctx, args, func(k string) string { return env[k] }, nil, &stdout, &stderr)
		}()
		r, _ := http.NewRequest("GET", waitForURL(t, &stdout)+"healthz", nil)
		r.Header.Set("X-Forwarded-Proto", "https")
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Strict-Transport-Security") != ""; got != c.hsts {
			t.Errorf("serve %v with RANKFILE_TRUSTED_PROXIES=%q: HSTS %v, want %v", c.args, c.env, got, c.hsts)
		}
		cancel()
		<-done
	}
	r := run(t, dsn, "serve", "--addr", "0.0.0.0:0")
	if r.code != exitInvalid || !strings.Contains(r.stderr, "--base-url") {
		t.Errorf("serving every address without --base-url: exit %d, %q; want refused, naming --base-url", r.code, r.stderr)
	}
	for _, bad := range []string{"proxy.example", "10.0.0.0/33", "10.0.0.1/8/8"} {
		if r := run(t, dsn, "serve", "--addr", "127.0.0.1:0", "--trusted-proxy", bad); r.code != exitInvalid || !strings.Contains(r.stderr, bad) {
			t.Errorf("--trusted-proxy %s: exit %d, %q", bad, r.code, r.stderr)
		}
	}
}

// TestASecondServerOnOneSQLiteFileIsRefused starts a server on a SQLite
// file, then a second on the same file, which exits at once saying why
// and naming the first's process; once the first has stopped, a server
// starts there again.
func TestASecondServerOnOneSQLiteFileIsRefused(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	mustRun(t, dsn, "bodies", "add", "Los Angeles", "--kind", "chapter")
	serve := func(ctx context.Context, stdout, stderr *syncBuffer) chan int {
		done := make(chan int, 1)
		go func() {
			done <- Main(ctx, []string{"--db", dsn, "serve", "--addr", "127.0.0.1:0"}, withTestKey, nil, stdout, stderr)
		}()
		return done
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out1, err1 syncBuffer
	first := serve(ctx, &out1, &err1)
	waitForURL(t, &out1)
	var out2, err2 syncBuffer
	second := serve(context.Background(), &out2, &err2)
	select {
	case code := <-second:
		if code != exitConflict || !strings.Contains(err2.String(), "one process serves at a time") ||
			!strings.Contains(err2.String(), strconv.Itoa(os.Getpid())) {
			t.Errorf("a second server: exit %d, %s", code, err2.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a second server on the same file did not stop")
	}
	cancel()
	if code := <-first; code != 0 {
		t.Errorf("the first server exited %d: %s", code, err1.String())
	}
	ctx, cancel = context.WithCancel(context.Background())
	var out3, err3 syncBuffer
	third := serve(ctx, &out3, &err3)
	waitForURL(t, &out3)
	cancel()
	if code := <-third; code != 0 {
		t.Errorf("a server after the first stopped exited %d: %s", code, err3.String())
	}
}
