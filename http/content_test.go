package http_test

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
)

// The authorization matrix checks statuses, and a status says nothing of a
// 200 that carries someone else's address. So the test chapter's members
// are seeded with recognizable private values, and every answer of every
// route, for every role, is scanned for the values the role may not see:
// contact details, street addresses, ZIPs, race, accommodations, session
// and check-in codes, calendar feed addresses, receipts, sign-in links and
// API tokens.

// private is a value only some roles may see anywhere.
type private struct {
	what  string
	value string
	// seenBy reports whether a role may see the value.
	seenBy func(role string) bool
}

// scope says whose contact details each role may see, by national id.
var scope = map[string][]string{
	"":             {},
	"member":       {"5", "7"}, // and Lupe, whose organizer Mia is
	"other-branch": {"6"},
	"coordinator":  {"1", "2", "3", "5", "7"}, // Central's members
	"cochair":      {"4", "8"},                // Housing's members
	"steward":      {"1", "2", "3", "4", "5", "6", "7", "8"},
	"admin":        {"2"},
	"lapsed":       {"7"},
	// The communications role is the member's, Mia, with the role.
	"communications": {"5", "7"},
}

// contacts are the unique email and phone of each test member.
var contacts = map[string][]string{
	"1": {"steward@example.org", "213-555-0001"}, "2": {"admin@example.org", "213-555-0002"},
	"3": {"coordinator@example.org", "213-555-0003"}, "4": {"cochair@example.org", "213-555-0004"},
	"5": {"member@example.org", "213-555-0005"}, "6": {"west@example.org", "213-555-0006"},
	"7": {"lapsed@example.org", "213-555-0007"}, "8": {"housing@example.org", "213-555-0008"},
}

// streets are the members' street addresses, which only they and the
// data stewards may see.
var streets = map[string]string{"1": "1 Steward St", "2": "2 Admin Ave", "3": "3 Coord Ct", "4": "4 Chair Rd",
	"5": "5 Member Ln", "6": "6 West Way", "7": "7 Lapsed Pl", "8": "8 Housing Blvd"}

// zips are the members' ZIPs, each ZIP+4 made unique to its member.
var zips = map[string]string{"1": "90026-1001", "2": "90026-1002", "3": "90026-1003", "4": "90401-1004",
	"5": "90026-1005", "6": "90401-1006", "7": "90026-1007", "8": "90401-1008"}

// privateList is worldList again with every member's ZIP+4, race and
// accommodations, values no one else has.
func privateList() string {
	var b strings.Builder
	b.WriteString("actionkit_id,first_name,last_name,email,mobile_phone,mailing_address1,mailing_zip,xdate,membership_status,race,accommodations\n")
	for _, line := range strings.Split(strings.TrimSpace(worldList), "\n")[1:] {
		f := strings.Split(line, ",")
		id := f[0]
		f[6] = zips[id]
		fmt.Fprintf(&b, "%s,Racevalue%s,Accomvalue%s\n", strings.Join(f, ","), id, id)
	}
	return b.String()
}

// selfOrSteward lets the member with the national id and the data stewards
// see a value.
func selfOrSteward(id string) func(string) bool {
	return func(role string) bool { return roles[role] == id || role == "steward" }
}

// only lets the roles named see a value.
func only(names ...string) func(string) bool {
	return func(role string) bool { return slices.Contains(names, role) }
}

// seedPrivate gives the chapter's members their private values and makes
// the codes, addresses and secrets a role might be shown, and returns all
// of them with who may see each.
func (w *world) seedPrivate() []private {
	w.t.Helper()
	src, err := roster.NewReader(strings.NewReader(privateList()))
	if err != nil {
		w.t.Fatal(err)
	}
	if _, err := store.NewRosterService(w.db).ImportRoster(ctx, src, rankfile.ImportOptions{}); err != nil {
		w.t.Fatal(err)
	}
	var out []private
	for id, c := range contacts {
		inScope := func(role string) bool { return slices.Contains(scope[role], id) }
		out = append(out, private{"email of " + id, c[0], inScope}, private{"phone of " + id, c[1], inScope},
			private{"street of " + id, streets[id], selfOrSteward(id)}, private{"ZIP of " + id, zips[id], selfOrSteward(id)},
			private{"race of " + id, "Racevalue" + id, selfOrSteward(id)},
			private{"accommodations of " + id, "Accomvalue" + id, selfOrSteward(id)},
			private{"calendar feed of " + id, w.feedToken(id), only(rolesOf(id)...)})
	}
	out = append(out, w.codes()...)
	out = append(out, oneOnOneSecrets()...)
	return append(out, w.secrets()...)
}

// rolesOf names the roles that are the member with the national id.
func rolesOf(id string) []string {
	var out []string
	for role, n := range roles {
		if n == id {
			out = append(out, role)
		}
	}
	return out
}

// feedToken returns the secret of a member's private calendar feed.
func (w *world) feedToken(id string) string {
	token, err := store.NewEventService(w.db).CalendarToken(ctx, w.member(id).ID, false)
	if err != nil {
		w.t.Fatal(err)
	}
	return token
}

// codes are the meeting's session codes, which only each session's hosts
// see, and the events' check-in codes, which only their hosts see.
func (w *world) codes() []private {
	meetings, err := store.NewMeetingService(w.db).FindMeetings(ctx, rankfile.MeetingFilter{ID: 1})
	if err != nil || len(meetings) != 1 {
		w.t.Fatalf("the meeting: %v", err)
	}
	s := meetings[0].Sessions
	events, err := store.NewEventService(w.db).FindEvents(ctx, rankfile.EventFilter{})
	if err != nil || len(events) < 2 {
		w.t.Fatalf("the events: %v", err)
	}
	return []private{
		{"the Central session's code", s[0].Code, only("coordinator", "admin")},
		{"the Westside session's code", s[1].Code, only("other-branch", "admin")},
		{"the canvass training's check-in code", events[0].CheckInCode, only("coordinator", "admin")},
		{"the Housing meeting's check-in code", events[1].CheckInCode, only("cochair", "admin")},
	}
}

// secrets are what nobody may be shown again once made: a receipt code, a
// sign-in link's token, an API token's secret; and the steward's token's
// name, which only the steward sees.
func (w *world) secrets() []private {
	links, err := store.NewAuthService(w.db).CreateSignInTokens(ctx, contacts["5"][0])
	if err != nil || len(links) != 1 {
		w.t.Fatalf("a sign-in link: %v", err)
	}
	token, _, err := store.NewAuthService(w.db).CreateAPIToken(ctx, w.member("5").ID, "phonebank", 30)
	if err != nil {
		w.t.Fatal(err)
	}
	guest, err := w.app.RegisterGuest(ctx, 1, &rankfile.Contact{Name: "Gina Guest", Email: "gina@example.net", Phone: "310-555-0199"})
	if err != nil || guest.Token == "" {
		w.t.Fatalf("a guest's registration: %+v, %v", guest, err)
	}
	feedbackLink, err := store.NewFeedbackService(w.db).FeedbackLink(ctx, 1, w.member("5").ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return []private{
		{"a feedback link's token", feedbackLink, only()},
		{"a guest's registration link", guest.Token, only()},
		{"a guest's email", "gina@example.net", only("coordinator", "admin")},
		{"a guest's phone", "310-555-0199", only("coordinator", "admin")},
		{"the steward's receipt code", w.receipt, only()},
		{"a sign-in link's token", links[0].Token, only()},
		{"an API token's secret", token, only()},
		{"the name of the steward's token", stewardsTokenName, only("steward")},
	}
}

// shows reports whether a body shows a value: as it is, escaped for HTML
// or escaped for JSON.
func shows(body, value string) bool {
	if value == "" {
		return false
	}
	js, _ := json.Marshal(value)
	return strings.Contains(body, value) || strings.Contains(body, template.HTMLEscapeString(value)) ||
		strings.Contains(body, strings.Trim(string(js), `"`))
}

// apiSecret is what an API token's secret looks like.
var apiSecret = regexp.MustCompile(`rf_[A-Za-z0-9_-]{40,}`)

// checkNoLeaks looks through every answer a role got for a private value
// it may not see, and for any API token's secret but in the one answer
// that makes a token for its maker.
func checkNoLeaks(t *testing.T, role string, answers []answer, secrets []private) {
	t.Helper()
	for _, a := range answers {
		for _, p := range secrets {
			if !p.seenBy(role) && shows(a.body, p.value) {
				t.Errorf("%s: %s was shown %s (%q)", a.route, roleName(role), p.what, p.value)
			}
		}
		if a.route != "POST /profile/tokens" && apiSecret.MatchString(a.body) {
			t.Errorf("%s: %s was shown an API token's secret %q", a.route, roleName(role), apiSecret.FindString(a.body))
		}
	}
}

// mustSee lists what each signed-in role is shown somewhere in the matrix:
// the leak check's control, so that a leak would have been seen too.
func mustSee(role string) []string {
	if role == "" {
		return nil
	}
	self := roles[role]
	out := []string{"email of " + self, "street of " + self, "ZIP of " + self, "race of " + self,
		"accommodations of " + self, "calendar feed of " + self}
	for _, id := range scope[role] {
		out = append(out, "email of "+id)
	}
	switch role {
	case "steward":
		out = append(out, "race of 5", "the name of the steward's token")
	case "coordinator":
		out = append(out, "the Central session's code", "the canvass training's check-in code", "the co-coordinator's notes on 7")
	case "member":
		out = append(out, "the organizer's notes on 7")
	}
	return out
}

// checkSeen is the control of checkNoLeaks: each role is shown what it may
// see, so a route that leaked would have been caught showing it.
func checkSeen(t *testing.T, role string, answers []answer, secrets []private) {
	t.Helper()
	for _, what := range mustSee(role) {
		i := slices.IndexFunc(secrets, func(p private) bool { return p.what == what })
		if i < 0 {
			t.Fatalf("no private value %q", what)
		}
		if !slices.ContainsFunc(answers, func(a answer) bool { return shows(a.body, secrets[i].value) }) {
			t.Errorf("%s was never shown %s, which it may see", roleName(role), what)
		}
	}
}

// publicRoutes may be kept by caches: they show the same to everyone and
// nothing private.
var publicRoutes = []string{"GET /calendar.ics", "GET /bodies/central/calendar.ics", "GET /api/v1/openapi.json", "GET /audit/head",
	"GET /elections/3/candidates/999/photo"}

// checkNotCached checks that no answer may be kept by a shared cache, but
// those of public routes: a page for a member carries at least their name.
func checkNotCached(t *testing.T, role string, answers []answer) {
	t.Helper()
	for _, a := range answers {
		cc := a.header.Get("Cache-Control")
		if a.status < 300 && a.status != http.StatusNoContent && !slices.Contains(publicRoutes, a.route) &&
			cc != "no-store" && !strings.HasPrefix(cc, "private") {
			t.Errorf("%s for %s: Cache-Control %q; want no-store", a.route, roleName(role), cc)
		}
	}
}

// TestEveryRouteIsInTheMatrix reads the route table and checks that the
// authorization matrix asks each route at least once, so that no route
// escapes the checks of status and content.
func TestEveryRouteIsInTheMatrix(t *testing.T) {
	routes, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	found := regexp.MustCompile(`mux\.Handle\((?:"|unsubscribeRoute)((GET|POST|PUT|DELETE) (/[^"]*))?`).FindAllStringSubmatch(string(routes), -1)
	if len(found) < 100 {
		t.Fatalf("found %d routes in routes.go: the pattern no longer reads it", len(found))
	}
	checks := append(slices.Clone(pageChecks), apiChecks...)
	for _, m := range found {
		if m[1] == "" || strings.HasPrefix(m[3], "/static/") || m[3] == "/metrics" || m[3] == "/healthz" {
			continue // the unsubscribe route is asked as its path; static files and health are no one's
		}
		pattern := routePattern(m[3])
		if !slices.ContainsFunc(checks, func(c check) bool { return c.method == m[2] && pattern.MatchString(c.path) }) {
			t.Errorf("%s %s is not in the authorization matrix", m[2], m[3])
		}
	}
}

// routePattern turns a route's path into an expression that paths it
// serves match: a wildcard is one segment, {$} the end.
func routePattern(route string) *regexp.Regexp {
	var b strings.Builder
	for _, part := range regexp.MustCompile(`\{[^}]*\}|[^{]+`).FindAllString(route, -1) {
		switch {
		case part == "{$}":
		case strings.HasPrefix(part, "{"):
			b.WriteString("[^/?]+")
		default:
			b.WriteString(regexp.QuoteMeta(part))
		}
	}
	if strings.HasSuffix(route, "/") {
		return regexp.MustCompile("^" + b.String()) // a subtree
	}
	return regexp.MustCompile("^" + b.String() + `(\?.*)?$`)
}
