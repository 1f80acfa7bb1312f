package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// makeToken makes an API token for a member of the october list.
func makeToken(t *testing.T, db *store.DB, nationalID, name string, days int) (string, *rankfile.APIToken) {
	t.Helper()
	secret, tok, err := store.NewAuthService(db).CreateAPIToken(ctx, member(t, db, nationalID).ID, name, days)
	if err != nil {
		t.Fatalf("token %q: %v", name, err)
	}
	return secret, tok
}

// refused checks that a secret no longer authenticates, with the very
// answer an unknown secret gets.
func refused(t *testing.T, db *store.DB, secret, why string) {
	t.Helper()
	auth := store.NewAuthService(db)
	_, err := auth.FindAPIToken(ctx, secret)
	_, unknown := auth.FindAPIToken(ctx, "rf_unknown")
	if rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED || rankfile.ErrorMessage(err) != rankfile.ErrorMessage(unknown) {
		t.Errorf("%s: err = %v, want the answer an unknown token gets (%v)", why, err, unknown)
	}
}

func works(t *testing.T, db *store.DB, secret, why string) {
	t.Helper()
	if _, err := store.NewAuthService(db).FindAPIToken(ctx, secret); err != nil {
		t.Errorf("%s: %v", why, err)
	}
}

func TestAnExpiredTokenIsRefused(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, october, rankfile.ImportOptions{})
		start := db.Now()
		month, tok := makeToken(t, db, "1", "month", 30)
		year, _ := makeToken(t, db, "1", "year", 365)
		if want := start.Add(30 * 24 * time.Hour); !tok.ExpiresAt.Equal(want) {
			t.Errorf("expires at %v, want %v", tok.ExpiresAt, want)
		}
		db.Now = func() time.Time { return start.Add(30*24*time.Hour - time.Second) }
		works(t, db, month, "a second before it expires")
		db.Now = func() time.Time { return start.Add(30 * 24 * time.Hour) }
		refused(t, db, month, "the moment it expires")
		works(t, db, year, "a token with a year to go")
		db.Now = func() time.Time { return start.Add(366 * 24 * time.Hour) }
		refused(t, db, year, "a year and a day later")
	})
}

func TestARevokedTokenIsRefusedAndKept(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, october, rankfile.ImportOptions{})
		auth := store.NewAuthService(db)
		ana, bo := member(t, db, "1").ID, member(t, db, "2").ID
		laptop, tok := makeToken(t, db, "1", "laptop", 90)
		phone, _ := makeToken(t, db, "1", "phone", 90)
		if _, err := auth.RevokeAPIToken(ctx, tok.ID, bo); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("Bo revoking Ana's token: %v, want not found", err)
		}
		works(t, db, laptop, "a token someone else tried to revoke")
		if _, err := auth.RevokeAPIToken(ctx, 999, 0); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("an unknown id: %v", err)
		}
		if _, err := auth.RevokeAPIToken(ctx, tok.ID, ana); err != nil {
			t.Fatal(err)
		}
		refused(t, db, laptop, "a revoked token")
		works(t, db, phone, "the member's other token")
		if _, err := auth.RevokeAPIToken(ctx, tok.ID, ana); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("revoking twice: %v, want conflict", err)
		}
		list, err := auth.FindAPITokens(ctx, rankfile.APITokenFilter{MemberID: ana})
		if err != nil || len(list) != 2 || list[0].Name != "phone" || list[1].Name != "laptop" ||
			!list[1].Revoked() || !list[1].RevokedAt.Equal(db.Now()) || list[0].Revoked() {
			t.Errorf("Ana's tokens = %+v, %v; want the phone's, then the revoked laptop's", list, err)
		}
	})
}

func TestSigningOutEverywhereRevokesTheMembersTokens(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, october, rankfile.ImportOptions{})
		laptop, _ := makeToken(t, db, "1", "laptop", 90)
		script, _ := makeToken(t, db, "1", "script", 365)
		bos, _ := makeToken(t, db, "2", "Bo's", 90)
		if err := store.NewAuthService(db).EndAllSessions(ctx, member(t, db, "1").ID); err != nil {
			t.Fatal(err)
		}
		refused(t, db, laptop, "Ana's laptop token after she signed out everywhere")
		refused(t, db, script, "Ana's script token after she signed out everywhere")
		works(t, db, bos, "Bo's token after Ana signed out everywhere")
		entries := auditEntries(t, db, rankfile.AuditRevokeAPIToken)
		if len(entries) != 2 || !strings.Contains(entries[0].Detail, "signing out everywhere") || entries[0].Actor != "store tests" {
			t.Errorf("audit entries = %+v, want one per token revoked", entries)
		}
	})
}

func TestRevokingEveryTokenOfAMember(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, october, rankfile.ImportOptions{})
		auth := store.NewAuthService(db)
		a, _ := makeToken(t, db, "1", "a", 90)
		b, tb := makeToken(t, db, "1", "b", 90)
		bos, _ := makeToken(t, db, "2", "Bo's", 90)
		auth.RevokeAPIToken(ctx, tb.ID, 0)
		if n, err := auth.RevokeAPITokens(ctx, member(t, db, "1").ID); err != nil || n != 1 {
			t.Errorf("revoked %d, %v; want the one still working", n, err)
		}
		refused(t, db, a, "a")
		refused(t, db, b, "b")
		works(t, db, bos, "another member's token")
		if _, err := auth.RevokeAPITokens(ctx, 999); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("an unknown member: %v", err)
		}
	})
}

func TestBadTokensAreRefusedAndChangeNothing(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		auth := store.NewAuthService(db)
		ana := member(t, db, "1").ID
		for _, c := range []struct {
			name string
			days int
			code string
		}{
			{"", 90, rankfile.EINVALID},
			{"   ", 90, rankfile.EINVALID},
			{strings.Repeat("ñ", 101), 90, rankfile.EINVALID},
			{"a year and more", 400, rankfile.EINVALID},
			{"none", 0, rankfile.EINVALID},
			{"backwards", -5, rankfile.EINVALID},
		} {
			if _, _, err := auth.CreateAPIToken(ctx, ana, c.name, c.days); rankfile.ErrorCode(err) != c.code {
				t.Errorf("%q for %d days: %v, want %s", c.name, c.days, err, c.code)
			}
		}
		if _, _, err := auth.CreateAPIToken(ctx, 999, "nobody's", 90); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a token for nobody: %v", err)
		}
		if list, _ := auth.FindAPITokens(ctx, rankfile.APITokenFilter{}); len(list) != 0 {
			t.Errorf("bad tokens were stored: %+v", list)
		}
		if e := auditEntries(t, db, rankfile.AuditCreateAPIToken); len(e) != 0 {
			t.Errorf("bad tokens were audited: %+v", e)
		}
		if _, _, err := auth.CreateAPIToken(ctx, ana, strings.Repeat("ñ", 100), 365); err != nil {
			t.Errorf("a name of 100 characters for a year: %v", err)
		}
	})
}

func TestMakingAndRevokingATokenIsAuditedWithoutTheSecret(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, october, rankfile.ImportOptions{})
		secret, tok := makeToken(t, db, "1", "my script", 30)
		if _, err := store.NewAuthService(db).RevokeAPIToken(ctx, tok.ID, 0); err != nil {
			t.Fatal(err)
		}
		made, revoked := auditEntries(t, db, rankfile.AuditCreateAPIToken), auditEntries(t, db, rankfile.AuditRevokeAPIToken)
		want := fmt.Sprintf(`token %d "my script"`, tok.ID)
		if len(made) != 1 || made[0].Detail != want+", expires 2026-12-01" || made[0].SubjectID != tok.MemberID {
			t.Errorf("made: %+v", made)
		}
		if len(revoked) != 1 || revoked[0].Detail != want || revoked[0].Actor != "store tests" {
			t.Errorf("revoked: %+v", revoked)
		}
		for _, e := range append(made, revoked...) {
			if strings.Contains(e.Detail, secret) || strings.Contains(e.Detail, store.HashSecret(secret)) {
				t.Errorf("the audit log holds the secret: %+v", e)
			}
		}
	})
}

func auditEntries(t *testing.T, db *store.DB, action string) []*rankfile.AuditEntry {
	t.Helper()
	entries, err := store.NewAuditService(db).FindAuditEntries(ctx, rankfile.AuditFilter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// TestTokensMadeBeforeExpiryGetNinetyDays puts a token into the schema
// before tokens expired, and checks that the migration gives it 90 days
// from when it runs.
func TestTokensMadeBeforeExpiryGetNinetyDays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		old, err := store.OpenAtVersion(ctx, dsn, 16)
		if err != nil {
			t.Fatal(err)
		}
		secret := "rf_made-before-tokens-expired"
		for _, q := range []string{
			`INSERT INTO members (id, national_id, first_name, last_name, list_standing, created_at, updated_at)
				VALUES (7, '7', 'Ana', 'García', 'good', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
			`INSERT INTO api_tokens (member_id, name, token_hash, created_at) VALUES (7, 'old script', '` +
				store.HashSecret(secret) + `', '2025-01-01 00:00:00+00:00')`,
		} {
			if err := old.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
		migrated := time.Now()
		db := storetest.Open(t, dsn)
		works(t, db, secret, "an old token just after the migration")
		list, err := store.NewAuthService(db).FindAPITokens(ctx, rankfile.APITokenFilter{MemberID: 7})
		if err != nil || len(list) != 1 {
			t.Fatalf("tokens = %+v, %v", list, err)
		}
		if got, want := list[0].ExpiresAt, migrated.Add(90*24*time.Hour); got.Sub(want).Abs() > time.Minute {
			t.Errorf("an old token expires at %v, want 90 days after the migration, %v", got, want)
		}
		db.Now = func() time.Time { return migrated.Add(89 * 24 * time.Hour) }
		works(t, db, secret, "an old token 89 days after the migration")
		db.Now = func() time.Time { return migrated.Add(91 * 24 * time.Hour) }
		refused(t, db, secret, "an old token 91 days after the migration")
	})
}

// TestTokenLookupUsesTheHashIndex asks each database how it would find a
// token among many: through the unique index on the hash, not by reading
// every token.
func TestTokenLookupUsesTheHashIndex(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		ana := member(t, db, "1").ID
		err := db.Exec(`WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
			INSERT INTO api_tokens (member_id, name, token_hash, created_at, expires_at)
			SELECT $1, 'bulk', 'hash' || i, $2, $2 FROM n`, ana, db.TimeArg(time.Now().UTC()))
		if err != nil {
			t.Fatal(err)
		}
		explain, want := "EXPLAIN QUERY PLAN ", "USING INDEX sqlite_autoindex_api_tokens_1 (token_hash=?)"
		if db.Dialect() == store.Postgres {
			if err := db.Exec(`ANALYZE api_tokens`); err != nil {
				t.Fatal(err)
			}
			explain, want = "EXPLAIN ", "Index Scan using api_tokens_token_hash_key on api_tokens"
		}
		plan, err := db.QueryStrings(explain+store.FindAPITokenSQL, store.HashSecret("x"), db.TimeArg(time.Now().UTC()))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s plan:\n%s", db.Dialect(), strings.Join(plan, "\n"))
		if !strings.Contains(strings.Join(plan, "\n"), want) {
			t.Errorf("the plan does not use the index on the hash:\n%s", strings.Join(plan, "\n"))
		}
	})
}
