package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// listedToken is a line of `token list --json`.
type listedToken struct {
	ID        int64  `json:"id"`
	Member    string `json:"member"`
	Name      string `json:"name"`
	ExpiresAt string `json:"expires_at"`
	Revoked   bool   `json:"revoked"`
}

func listTokens(t *testing.T, dsn string, args ...string) []listedToken {
	t.Helper()
	var out []listedToken
	decodeInto(t, mustRun(t, dsn, append([]string{"token", "list", "--json"}, args...)...), &out)
	return out
}

func TestTokensAreListedAndRevoked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		laptop := strings.TrimSpace(mustRun(t, dsn, "token", "create", "--email", "jose@example.org", "--name", "laptop", "--expires", "30d"))
		mustRun(t, dsn, "token", "create", "--email", "jose@example.org", "--name", "phone", "--expires", "45")
		mustRun(t, dsn, "token", "create", "--email", "102", "--name", "Siobhan's script")
		out := mustRun(t, dsn, "token", "list")
		for _, want := range []string{"ID  MEMBER", "LAST USED", "jose@example.org", `"laptop"`, "never", "siobhan@example.org", "3 tokens"} {
			if !strings.Contains(out, want) {
				t.Errorf("token list lacks %q:\n%s", want, out)
			}
		}
		jose := listTokens(t, dsn, "--email", "jose@example.org")
		if len(jose) != 2 || jose[0].Name != "phone" || jose[1].Name != "laptop" || jose[1].Member != "jose@example.org" {
			t.Fatalf("José's tokens: %+v", jose)
		}
		if out := mustRun(t, dsn, "token", "list", "--json"); strings.Contains(out, "hash") || strings.Contains(out, laptop) {
			t.Errorf("token list gives a secret or a hash away:\n%s", out)
		}

		mustRun(t, dsn, "token", "revoke", strconv.FormatInt(jose[1].ID, 10))
		if err := findToken(t, dsn, laptop); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("a revoked token still works: %v", err)
		}
		if got := listTokens(t, dsn, "--email", "jose@example.org"); !got[1].Revoked || got[0].Revoked {
			t.Errorf("after revoking the laptop's: %+v", got)
		}
		if r := run(t, dsn, "token", "revoke", strconv.FormatInt(jose[1].ID, 10)); r.code != exitConflict {
			t.Errorf("revoking twice: exit %d, want %d", r.code, exitConflict)
		}
		if out := mustRun(t, dsn, "token", "revoke", "--email", "jose@example.org", "--all"); !strings.Contains(out, "Revoked 1 tokens of José García") {
			t.Errorf("revoking all of José's: %s", out)
		}
		if got := listTokens(t, dsn); !got[1].Revoked || got[0].Revoked || got[0].Member != "siobhan@example.org" {
			t.Errorf("revoking José's touched Siobhan's: %+v", got)
		}
		log := mustRun(t, dsn, "audit", "log")
		if strings.Count(log, "revoke_api_token") != 2 || !strings.Contains(log, "command line") {
			t.Errorf("the audit log lacks the revoking:\n%s", log)
		}
	})
}

// findToken asks the database whether a secret still authenticates.
func findToken(t *testing.T, dsn, secret string) error {
	_, err := store.NewAuthService(storetest.Open(t, dsn)).FindAPIToken(context.Background(), secret)
	return err
}

func TestBadTokenCommandsChangeNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		for _, c := range []struct {
			args []string
			code int
		}{
			{[]string{"token", "create", "--email", "jose@example.org", "--expires", "400d"}, exitInvalid},
			{[]string{"token", "create", "--email", "jose@example.org", "--expires", "forever"}, exitInvalid},
			{[]string{"token", "create", "--email", "jose@example.org", "--name", ""}, exitInvalid},
			{[]string{"token", "create", "--email", "jose@example.org", "--name", strings.Repeat("x", 101)}, exitInvalid},
			{[]string{"token", "create", "--email", "nobody@example.org"}, exitNotFound},
			{[]string{"token", "revoke", "999"}, exitNotFound},
			{[]string{"token", "revoke", "first"}, exitInvalid},
			{[]string{"token", "revoke"}, exitInvalid},
			{[]string{"token", "revoke", "--all"}, exitInvalid},
			{[]string{"token", "revoke", "1", "--email", "jose@example.org"}, exitInvalid},
			{[]string{"token", "revoke", "--email", "nobody@example.org", "--all"}, exitNotFound},
			{[]string{"token", "list", "--email", "nobody@example.org"}, exitNotFound},
		} {
			r := run(t, dsn, c.args...)
			if r.code != c.code || !strings.HasPrefix(r.stderr, "rankfile: ") {
				t.Errorf("%s: exit %d, stderr %q; want %d and a message", strings.Join(c.args, " "), r.code, r.stderr, c.code)
			}
		}
		if got := listTokens(t, dsn); len(got) != 0 {
			t.Errorf("bad commands made tokens: %+v", got)
		}
		if log := mustRun(t, dsn, "audit", "log"); strings.Contains(log, "api_token") {
			t.Errorf("bad commands were audited:\n%s", log)
		}
	})
}
