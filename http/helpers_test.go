package http_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/demo"
	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/mail"
	"github.com/rankfile/rankfile/mail/mailtest"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

var ctx = rankfile.WithActor(context.Background(), &rankfile.Actor{Label: "http tests"})

// The test chapter's people, by role. Each has an email and a phone no one
// else has, so that a page leaking them is easy to catch.
const worldList = "actionkit_id,first_name,last_name,email,mobile_phone,mailing_address1,mailing_zip,xdate,membership_status\n" +
	"1,Stella,Steward,steward@example.org,213-555-0001,1 Steward St,90026,2030-01-01,Member in Good Standing\n" +
	"2,Adam,Admin,admin@example.org,213-555-0002,2 Admin Ave,90026,2030-01-01,Member in Good Standing\n" +
	"3,Cora,Coordinator,coordinator@example.org,213-555-0003,3 Coord Ct,90026,2030-01-01,Member in Good Standing\n" +
	"4,Chen,Cochair,cochair@example.org,213-555-0004,4 Chair Rd,90401,2030-01-01,Member in Good Standing\n" +
	"5,Mia,Member,member@example.org,213-555-0005,5 Member Ln,90026,2030-01-01,Member in Good Standing\n" +
	"6,Wes,Westside,west@example.org,213-555-0006,6 West Way,90401,2030-01-01,Member in Good Standing\n" +
	"7,Lupe,Lapsed,lapsed@example.org,213-555-0007,7 Lapsed Pl,90026,2020-01-01,Lapsed\n" +
	"8,Hal,Housing,housing@example.org,213-555-0008,8 Housing Blvd,90401,2030-01-01,Member in Good Standing\n"

// roles names each test actor by the national id of its member.
var roles = map[string]string{
	"steward": "1", "admin": "2", "coordinator": "3", "cochair": "4",
	"member": "5", "other-branch": "6", "lapsed": "7", "communications": "5", "housing": "8",
}

// world is a running rankfile with a small chapter in it.
type world struct {
	t      *testing.T
	db     *store.DB
	srv    *httptest.Server
	smtp   *mailtest.Server
	app    *app.App
	bodies map[string]*rankfile.Body
	// shift moves the world's clock from the real one.
	shift time.Duration
	// receipt is the steward's receipt code in the counted election.
	receipt string
}

func newWorld(t *testing.T, dsn string) *world {
	t.Helper()
	return newWorldWith(t, dsn, rfhttp.Config{InsecureCookies: true})
}

// newWorldWith is newWorld with the server configured as given.
func newWorldWith(t *testing.T, dsn string, cfg rfhttp.Config) *world {
	t.Helper()
	db := storetest.Open(t, dsn)
	la, _ := time.LoadLocation("America/Los_Angeles")
	db.Zone = la // one chapter, one idea of what day it is
	w := &world{t: t, db: db, bodies: map[string]*rankfile.Body{}}
	db.Now = func() time.Time { return time.Now().Add(w.shift) }
	w.smtp = mailtest.Start(t)
	mailer, err := mail.NewSMTP(w.smtp.Config())
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	w.app = &app.App{
		Members: store.NewMemberService(db), Bodies: store.NewBodyService(db), Roster: store.NewRosterService(db),
		Branches: store.NewBranchService(db), Neighborhoods: store.NewNeighborhoodService(db), Auth: store.NewAuthService(db), Audit: store.NewAuditService(db),
		Elections: store.NewElectionService(db), Papers: store.NewElectionService(db), Proposals: store.NewProposalService(db), Settings: db, Meetings: store.NewMeetingService(db), Votes: store.NewMeetingService(db),
		Events: store.NewEventService(db), Outbox: store.NewOutboxService(db), Weekly: store.NewWeeklyService(db),
		OneOnOnes: store.NewOneOnOneService(db), Ladders: store.NewLadderService(db), Onboarding: store.NewOnboardingService(db), Courses: store.NewCourseService(db),
		Feedback:   store.NewFeedbackService(db),
		Benchmarks: store.NewBenchmarkService(db),
		Campaigns:  store.NewCampaignService(db), Turfs: store.NewTurfService(db),
		Endorsements: store.NewEndorsementService(db),
		Attempts:     store.NewAttemptService(db), Phonebanks: store.NewPhonebankService(db), Shifts: store.NewShiftService(db),
		Mailer: mailer, Logger: logger, Name: "Test Chapter", Zone: db.Zone, Now: db.Now,
	}
	w.app.Live = w.app.NewLive(50*time.Millisecond, logger)
	w.fill()
	w.elections()
	w.proposals()
	w.meetings()
	w.events()
	w.oneOnOnes()
	w.canvass()
	w.stewardsToken()
	if _, err := w.app.SignAuditHead(ctx); err != nil { // as the server does when it starts
		t.Fatal(err)
	}
	if db.Dialect() == store.Postgres && cfg.SharedLimits == nil {
		cfg.SharedLimits, w.app.SharedLimits = db, db // as a server on PostgreSQL counts
	}
	server := rfhttp.NewServer(w.app, db.Ping, logger, cfg)
	w.srv = httptest.NewServer(checkAPI(t, server.Handler()))
	t.Cleanup(w.srv.Close)
	return w
}

// fill makes the chapter: branches, an open committee, a caucus that asks,
// the people and their seats.
func (w *world) fill() {
	t := w.t
	src, err := roster.NewReader(strings.NewReader(worldList))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewRosterService(w.db).ImportRoster(ctx, src, rankfile.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	bodies := store.NewBodyService(w.db)
	chapter := w.body(&rankfile.Body{Kind: rankfile.KindChapter, Slug: "chapter", Name: "Test Chapter"})
	if _, err := store.NewBranchService(w.db).LoadBranches(ctx, demo.Branches(), rankfile.BranchOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, slug := range []string{"central", "westside"} {
		w.bodies[slug], _ = bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	}
	w.body(&rankfile.Body{Kind: rankfile.KindCommittee, Slug: "housing", Name: "Housing", ParentID: chapter.ID})
	w.body(&rankfile.Body{Kind: rankfile.KindCaucus, Slug: "caucus", Name: "A Caucus", ParentID: chapter.ID})
	// Central's neighborhood group: its captains' seat, id 8 (after the five
	// branches' and the two co-chairs' seats), is appointed by Central's
	// co-coordinators.
	w.body(&rankfile.Body{Kind: rankfile.KindNeighborhoodGroup, Slug: "echo-park", Name: "Echo Park", ParentID: w.bodies["central"].ID})
	w.seat("central", rankfile.SeatCoCoordinator, "3")
	w.seat("housing", rankfile.SeatCoChair, "4")
	w.join("housing", "8")
	auth := store.NewAuthService(w.db)
	auth.GrantRole(ctx, w.member("1").ID, rankfile.RoleSteward)
	auth.GrantRole(ctx, w.member("2").ID, rankfile.RoleAdmin)
}

func (w *world) body(b *rankfile.Body) *rankfile.Body {
	if err := store.NewBodyService(w.db).CreateBody(ctx, b); err != nil {
		w.t.Fatal(err)
	}
	w.bodies[b.Slug] = b
	return b
}

func (w *world) member(nationalID string) *rankfile.Member {
	m, err := store.NewMemberService(w.db).FindMember(ctx, rankfile.MemberFilter{NationalID: nationalID})
	if err != nil {
		w.t.Fatal(err)
	}
	return m
}

func (w *world) seat(slug, title, nationalID string) {
	bodies := store.NewBodyService(w.db)
	seats, _ := bodies.FindSeats(ctx, w.bodies[slug].ID)
	for _, s := range seats {
		if s.Title == title {
			// Seats' terms end: a seat is held from a month ago, in its term.
			p := &rankfile.Position{MemberID: w.member(nationalID).ID, BodyID: w.bodies[slug].ID, SeatID: s.ID,
				StartOn: w.db.Today().AddDays(-30)}
			if err := bodies.CreatePosition(ctx, p); err != nil {
				w.t.Fatal(err)
			}
		}
	}
}

func (w *world) join(slug, nationalID string) {
	p := &rankfile.Position{MemberID: w.member(nationalID).ID, BodyID: w.bodies[slug].ID, StartOn: rankfile.MustParseDate("2020-01-01")}
	if err := store.NewBodyService(w.db).CreatePosition(ctx, p); err != nil {
		w.t.Fatal(err)
	}
}

// client is a browser: a cookie jar, signed in as a role, or anonymous
// for role "".
func (w *world) client(role string) *http.Client {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if role == "" {
		return c
	}
	links, err := store.NewAuthService(w.db).CreateSignInTokens(ctx, w.member(roles[role]).Email)
	if err != nil || len(links) != 1 {
		w.t.Fatalf("sign-in link for %s: %v", role, err)
	}
	secret, _, err := store.NewAuthService(w.db).RedeemSignInToken(ctx, links[0].Token)
	if err != nil {
		w.t.Fatal(err)
	}
	u, _ := url.Parse(w.srv.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: "rankfile_session", Value: secret, Path: "/"}})
	return c
}

// token makes an API token for a role.
func (w *world) token(role string) string {
	secret, _, err := store.NewAuthService(w.db).CreateAPIToken(ctx, w.member(roles[role]).ID, "test", rankfile.DefaultTokenDays)
	if err != nil {
		w.t.Fatal(err)
	}
	return secret
}

// stewardsTokenName names the token the steward has from the start, token
// 1: nobody else may see it, and revoking it is the steward's alone.
const stewardsTokenName = "Stella's canvass script"

func (w *world) stewardsToken() {
	_, _, err := store.NewAuthService(w.db).CreateAPIToken(ctx, w.member("1").ID, stewardsTokenName, 30)
	if err != nil {
		w.t.Fatal(err)
	}
}

// do makes a request and returns the status and body.
func (w *world) do(c *http.Client, method, path string, form url.Values, header ...string) (int, string) {
	w.t.Helper()
	a := w.fetch(c, method, path, formBody(form), formType, header...)
	return a.status, a.body
}

// formType is the type of a form's body.
const formType = "application/x-www-form-urlencoded"

// formBody is a form as a request's body, nil for none.
func formBody(form url.Values) io.Reader {
	if form == nil {
		return nil
	}
	return strings.NewReader(form.Encode())
}

// answer is one response, read whole.
type answer struct {
	route  string // "GET /path"
	status int
	header http.Header
	body   string
}

// fetch makes a request and returns the whole answer.
func (w *world) fetch(c *http.Client, method, path string, body io.Reader, contentType string, header ...string) answer {
	w.t.Helper()
	r, err := http.NewRequest(method, w.srv.URL+path, body)
	if err != nil {
		w.t.Fatal(err)
	}
	if body != nil && contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(r)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{route: method + " " + path, status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// signInLink makes a sign-in link for a role, as its email would carry.
func (w *world) signInLink(role string) string {
	links, err := store.NewAuthService(w.db).CreateSignInTokens(ctx, w.member(roles[role]).Email)
	if err != nil || len(links) != 1 {
		w.t.Fatalf("sign-in link for %s: %v", role, err)
	}
	return w.srv.URL + "/sign-in/" + links[0].Token
}

// doBody sends a request with a raw body, as API clients do.
func (w *world) doBody(method, path, body string, header ...string) (int, string) {
	w.t.Helper()
	r, err := http.NewRequest(method, w.srv.URL+path, strings.NewReader(body))
	if err != nil {
		w.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, b.String()
}

// submit sends a form and follows its answer's redirect, as a browser
// does.
func (w *world) submit(c *http.Client, method, path string, form url.Values) (int, string) {
	w.t.Helper()
	r, err := http.NewRequest(method, w.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		w.t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(r)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	return w.do(c, "GET", resp.Header.Get("Location"), nil)
}

// actor is a role's member as rankfile knows them, with their seats.
func (w *world) actor(role string) *rankfile.Actor {
	a, err := w.app.Auth.Actor(ctx, w.member(roles[role]).ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return a
}

// grant gives a member a role.
func (w *world) grant(nationalID, role string) {
	w.t.Helper()
	if err := store.NewAuthService(w.db).GrantRole(ctx, w.member(nationalID).ID, role); err != nil {
		w.t.Fatal(err)
	}
}

// between returns the part of s from the first from to the next to.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
