package store_test

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

func signInLinks(t *testing.T, db *store.DB, email string) []rankfile.SignInLink {
	t.Helper()
	links, err := store.NewAuthService(db).CreateSignInTokens(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	return links
}

func TestSignInLinksWorkOnceAndExpire(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, october, rankfile.ImportOptions{})
		auth := store.NewAuthService(db)
		if links := signInLinks(t, db, "nobody@example.org"); len(links) != 0 {
			t.Fatalf("an unknown address got %d links", len(links))
		}
		links := signInLinks(t, db, " ANA@Example.org ")
		if len(links) != 1 || links[0].Member.NationalID != "1" || len(links[0].Token) < 40 {
			t.Fatalf("links = %+v, want one for Ana", links)
		}
		token := links[0].Token
		if err := auth.CheckSignInToken(ctx, token); err != nil {
			t.Errorf("a fresh link does not check: %v", err)
		}
		secret, sess, err := auth.RedeemSignInToken(ctx, token)
		if err != nil || sess.MemberID != member(t, db, "1").ID || secret == "" {
			t.Fatalf("redeem: %+v, %v", sess, err)
		}
		if _, _, err := auth.RedeemSignInToken(ctx, token); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("a used link worked again: %v", err)
		}
		late := signInLinks(t, db, "ana@example.org")[0].Token
		setClock(db, "2026-11-02") // a day later: long past 15 minutes
		if _, _, err := auth.RedeemSignInToken(ctx, late); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("an expired link worked: %v", err)
		}
		if _, _, err := auth.RedeemSignInToken(ctx, "made-up"); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("a made-up link worked: %v", err)
		}
	})
}

func TestAHouseholdSharingAnAddressGetsALinkEach(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, list(listHeader,
			"1,Ana,García,home@example.org,90026,2027-01-01,Member in Good Standing,false,",
			"2,Luis,García,home@example.org,90026,2027-01-01,Member in Good Standing,false,"), rankfile.ImportOptions{})
		if links := signInLinks(t, db, "home@example.org"); len(links) != 2 || links[0].Token == links[1].Token {
			t.Errorf("links = %+v, want two different ones", links)
		}
	})
}

func TestSessions(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		importList(t, db, october, rankfile.ImportOptions{})
		auth := store.NewAuthService(db)
		open := func() string {
			s, _, err := auth.RedeemSignInToken(ctx, signInLinks(t, db, "ana@example.org")[0].Token)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		phone, laptop := open(), open()
		if _, err := auth.FindSession(ctx, phone); err != nil {
			t.Fatalf("a new session is not found: %v", err)
		}
		now = now.Add(20 * 24 * time.Hour) // used 20 days later: extended
		if _, err := auth.FindSession(ctx, phone); err != nil {
			t.Fatal(err)
		}
		now = now.Add(20 * 24 * time.Hour) // 40 days after it began, 20 after its last use
		if _, err := auth.FindSession(ctx, phone); err != nil {
			t.Errorf("a session in use expired: %v", err)
		}
		if _, err := auth.FindSession(ctx, laptop); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("a session unused for 40 days still works: %v", err)
		}
		second := open()
		if err := auth.EndSession(ctx, phone); err != nil {
			t.Fatal(err)
		}
		if _, err := auth.FindSession(ctx, phone); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("a signed-out session still works")
		}
		pending := signInLinks(t, db, "ana@example.org")[0].Token
		if err := auth.EndAllSessions(ctx, member(t, db, "1").ID); err != nil {
			t.Fatal(err)
		}
		if _, err := auth.FindSession(ctx, second); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("signing out everywhere left a session")
		}
		if _, _, err := auth.RedeemSignInToken(ctx, pending); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("signing out everywhere left a sign-in link working")
		}
	})
}

func TestSecretsAreStoredHashed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		importList(t, db, october, rankfile.ImportOptions{})
		auth := store.NewAuthService(db)
		link := signInLinks(t, db, "ana@example.org")[0].Token
		session, _, _ := auth.RedeemSignInToken(ctx, link)
		api, tok, err := auth.CreateAPIToken(ctx, member(t, db, "1").ID, "my script", rankfile.DefaultTokenDays)
		if err != nil || !strings.HasPrefix(api, "rf_") {
			t.Fatalf("api token %q, %v", api, err)
		}
		if found, err := auth.FindAPIToken(ctx, api); err != nil || found.ID != tok.ID {
			t.Errorf("api token not found: %v", err)
		}
		if _, err := auth.FindAPIToken(ctx, api+"x"); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("a wrong api token worked")
		}
		raw := rawDB(t, dsn)
		for _, secret := range []string{link, session, api} {
			var n int
			raw.QueryRow(`SELECT (SELECT COUNT(*) FROM sign_in_tokens WHERE token_hash = $1)
				+ (SELECT COUNT(*) FROM sessions WHERE token_hash = $1)
				+ (SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1)`, secret).Scan(&n)
			if n != 0 {
				t.Errorf("a secret is stored as it is")
			}
		}
	})
}

// rawDB opens the database without rankfile, as an intruder would.
func rawDB(t *testing.T, dsn string) *sql.DB {
	driver := "sqlite"
	if store.IsPostgres(dsn) {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func TestActorRolesAndBodies(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		tree := chapterTree(t, db)
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		loadBranches(t, db, demo.Branches())
		auth, bodies := store.NewAuthService(db), store.NewBodyService(db)
		ana := member(t, db, "1")
		chairs := seatsByTitle(t, db, tree["housing"])[rankfile.SeatCoChair]
		for _, p := range []*rankfile.Position{
			{MemberID: ana.ID, BodyID: tree["housing"].ID, SeatID: chairs.ID, StartOn: rankfile.MustParseDate("2026-01-01")},
			{MemberID: ana.ID, BodyID: tree["labor"].ID, StartOn: rankfile.MustParseDate("2026-01-01")},
		} {
			if err := bodies.CreatePosition(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		if err := auth.GrantRole(ctx, ana.ID, rankfile.RoleSteward); err != nil {
			t.Fatal(err)
		}
		a, err := auth.Actor(ctx, ana.ID)
		if err != nil {
			t.Fatal(err)
		}
		central, _ := bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "central"})
		if !a.Steward || a.Admin || !a.LeadsBody(tree["housing"].ID) || a.LeadsBody(tree["labor"].ID) ||
			!a.BelongsTo(tree["labor"].ID) || !a.BelongsTo(central.ID) {
			t.Errorf("actor = steward %v admin %v leads %v belongs %v", a.Steward, a.Admin, a.Leads, a.Belongs)
		}
		if err := auth.GrantRole(ctx, ana.ID, "queen"); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("an unknown role: err = %v", err)
		}
		if err := auth.RevokeRole(ctx, ana.ID, rankfile.RoleAdmin); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("revoking a role she lacks: err = %v", err)
		}

		// Actors are kept between requests, but never past a change to them.
		if err := auth.RevokeRole(ctx, ana.ID, rankfile.RoleSteward); err != nil {
			t.Fatal(err)
		}
		if a, _ := auth.Actor(ctx, ana.ID); a.Steward {
			t.Error("a revoked steward is still a steward")
		}
		seated, _ := bodies.FindPositions(ctx, rankfile.PositionFilter{MemberID: ana.ID, BodyID: tree["housing"].ID})
		if err := bodies.EndPosition(ctx, seated[0].ID, rankfile.MustParseDate("2026-01-31")); err != nil {
			t.Fatal(err)
		}
		if a, _ := auth.Actor(ctx, ana.ID); a.LeadsBody(tree["housing"].ID) {
			t.Error("a co-chair whose seat ended still leads the committee")
		}
		if err := store.NewMemberService(db).SetPreferences(ctx, ana.ID, rankfile.Preferences{Language: "es"}); err != nil {
			t.Fatal(err)
		}
		if a, _ := auth.Actor(ctx, ana.ID); a.Member.Preferences.Language != "es" {
			t.Error("the actor does not carry the language just chosen")
		}
	})
}
