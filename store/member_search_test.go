package store_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

func TestRosterSearch(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, list(listHeader,
			"1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,false,",
			"2,Mary Ann,Smith,mas@example.org,91405,2027-01-01,Member in Good Standing,false,",
			"3,Bo,de la Cruz,bo@example.net,90401,2027-01-01,Member in Good Standing,false,",
			"4,Anabel,Okafor,a_okafor@example.org,93534,2027-01-01,Member in Good Standing,false,",
			"5,Cy,Ng,cy%@example.org,90026,2027-01-01,Member in Good Standing,false,",
		), rankfile.ImportOptions{})
		for search, want := range map[string][]string{
			"ana":          {"1", "4"}, // first names
			"ANA GAR":      {"1"},      // first and last name
			"  ana   gar ": {"1"},
			"mary ann smi": {"2"}, // a first name of two words
			"de la":        {"3"}, // a last name of several
			"garcía":       {"1"}, // beyond ASCII
			"smith":        {"2"}, // a whole last name
			"bo@":          {"3"}, // an email address
			"a_":           {"4"}, // LIKE's wildcards mean themselves
			"cy%":          {"5"},
			"%":            {},
			"9002":         {"1", "5"}, // a ZIP
			"zzz":          {},
		} {
			got := nationalIDs(t, db, rankfile.MemberFilter{Search: search})
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("search %q finds %v, want %v", search, got, want)
			}
		}
	})
}

// checkTotals compares, for each filter, the total a page reports (which
// may come from the cache) with the members a fresh search lists.
func checkTotals(t *testing.T, db *store.DB, when string) {
	t.Helper()
	members := store.NewMemberService(db)
	for name, f := range map[string]rankfile.MemberFilter{
		"all": {}, "good": {Standing: rankfile.StandingGood}, "central": {BranchSlug: "central"},
		"unassigned": {Unassigned: true}, "housing": {BodyID: 0}, "search": {Search: "a"},
	} {
		if name == "housing" {
			f.BodyID = bodyID(t, db, "housing")
		}
		f.Limit = 1
		_, total, err := members.FindMembers(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		f.Limit = 0
		listed, _, err := members.FindMembers(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if total != len(listed) {
			t.Errorf("%s, %s: a page counts %d, a search lists %d", when, name, total, len(listed))
		}
	}
}

func bodyID(t *testing.T, db *store.DB, slug string) int64 {
	t.Helper()
	b, err := store.NewBodyService(db).FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if err != nil {
		t.Fatal(err)
	}
	return b.ID
}

func TestRosterCountsFollowEveryChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		other := storetest.Open(t, dsn) // another process: the command line beside the server
		other.Keys = db.Keys
		setClock(db, "2026-11-01")
		setClock(other, "2026-11-01")
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		housing := &rankfile.Body{Kind: rankfile.KindCommittee, Name: "Housing", Slug: "housing"}
		if err := store.NewBodyService(db).CreateBody(ctx, housing); err != nil {
			t.Fatal(err)
		}
		checkTotals(t, db, "after the first import")

		// What another process changes is seen once the version is read again.
		loadBranches(t, other, demo.Branches())
		time.Sleep(store.VersionRecheck)
		checkTotals(t, db, "after another process loaded branches")
		importList(t, other, list(listHeader, "1,Ana,García,ana@example.org,90026,2027-01-01,Lapsed,true,Latina",
			"9,Al,Adams,al@example.org,90026,2027-01-01,Member in Good Standing,false,"), rankfile.ImportOptions{})
		time.Sleep(store.VersionRecheck)
		checkTotals(t, db, "after another process imported")

		// What this process changes is seen at once.
		members, bodies := store.NewMemberService(db), store.NewBodyService(db)
		di := member(t, db, "4")
		steps := []struct {
			what string
			do   func() error
		}{
			{"an override", func() error {
				return members.SetStandingOverride(ctx, &rankfile.StandingOverride{MemberID: member(t, db, "1").ID,
					Standing: rankfile.StandingGood, Reason: "waiver", Author: "steward"})
			}},
			{"a revoked override", func() error { return members.RevokeStandingOverride(ctx, member(t, db, "1").ID, "steward") }},
			{"a chosen branch", func() error { return members.ChooseBranch(ctx, di.ID, "central", "Di") }},
			{"a point", func() error {
				return members.SetPoint(ctx, member(t, db, "2").ID, &rankfile.Point{Lat: 34.0777, Lon: -118.2606}, "steward")
			}},
			{"a position", func() error {
				return bodies.CreatePosition(ctx, &rankfile.Position{MemberID: di.ID, BodyID: housing.ID,
					StartOn: rankfile.MustParseDate("2026-10-01")})
			}},
			{"leaving a body", func() error { return bodies.LeaveBody(ctx, di.ID, housing.ID) }},
		}
		for _, step := range steps {
			if err := step.do(); err != nil {
				t.Fatalf("%s: %v", step.what, err)
			}
			checkTotals(t, db, "after "+step.what)
		}
	})
}

func TestBriefMembersCarryWhatAListShows(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, list("actionkit_id,first_name,middle_name,last_name,suffix,email,mobile_phone,home_phone,mailing_zip,billing_zip,union_name,xdate,membership_status",
			"1,Ana,María,García,Jr.,ana@example.org,213-555-0101,323-555-0102,90026,90027,UAW,2027-01-01,Member"), rankfile.ImportOptions{})
		loadBranches(t, db, demo.Branches())
		members := store.NewMemberService(db)
		ana := member(t, db, "1")
		if err := members.SetStandingOverride(ctx, &rankfile.StandingOverride{MemberID: ana.ID, Standing: rankfile.StandingGood,
			Reason: "waiver", Author: "steward", Until: rankfile.MustParseDate("2026-12-31")}); err != nil {
			t.Fatal(err)
		}
		full := member(t, db, "1")
		got, _, err := members.FindMembers(ctx, rankfile.MemberFilter{Brief: true, Limit: 10})
		if err != nil || len(got) != 1 {
			t.Fatalf("brief members: %v, %v", got, err)
		}
		b := got[0]
		if b.ID != full.ID || b.NationalID != "1" || b.FullName() != "Ana María García Jr." || b.Email != full.Email ||
			b.Phone() != "213-555-0101" || b.HomePhone != "323-555-0102" || b.Mailing.Zip != "90026" ||
			b.Branch.Slug != "central" || b.StandingOn(rankfile.MustParseDate("2026-11-01")) != rankfile.StandingGood {
			t.Errorf("brief member %+v lacks what the whole one has: %+v", b, full)
		}
		if b.Billing.Zip != "" || b.UnionName != "" || !b.CreatedAt.IsZero() {
			t.Errorf("a brief member carries more than it promises: %+v", b)
		}
	})
}

// TestPagesAgreeWithTheWholeList pages through searches and filters, which
// takes the page query's every path (walking a name index, a branch's
// index, or finding and sorting, by one query or by one for each way a
// search can match), and checks the pages against the whole list.
func TestPagesAgreeWithTheWholeList(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		rng := rand.New(rand.NewPCG(3, 4))
		firsts := []string{"Ana", "Anabel", "Bo", "María", "Maria José", "Jo", "Cy"}
		lasts := []string{"García", "Garcia", "Garza", "Ng", "Nguyen", "de la Cruz", "Smith"}
		zips := []string{"90026", "90401", "91405", "93534"}
		statuses := []string{"Member in Good Standing", "Member", "Lapsed"}
		var rows []string
		for i := 1; i <= 60; i++ {
			rows = append(rows, fmt.Sprintf("%d,%s,%s,m%d@example.org,%s,2027-01-01,%s,false,", i,
				firsts[rng.IntN(len(firsts))], lasts[rng.IntN(len(lasts))], i, zips[rng.IntN(len(zips))], statuses[rng.IntN(3)]))
		}
		importList(t, db, list(listHeader, rows...), rankfile.ImportOptions{})
		loadBranches(t, db, demo.Branches())
		members := store.NewMemberService(db)
		for _, f := range []rankfile.MemberFilter{
			{}, {Search: "gar"}, {Search: "ana"}, {Search: "m1"}, {Search: "9"}, {Search: "maria jo"},
			{Standing: rankfile.StandingGood}, {BranchSlug: "central"}, {Unassigned: true},
			{Search: "ng", Standing: rankfile.StandingLapsed}, {Search: "a", BranchSlug: "westside"},
		} {
			whole, total, err := members.FindMembers(ctx, f)
			if err != nil || total != len(whole) {
				t.Fatalf("%+v: %d members, total %d, %v", f, len(whole), total, err)
			}
			for _, size := range []int{1, 3, 50} {
				var paged []*rankfile.Member
				for off := 0; off < total+size; off += size {
					g := f
					g.Offset, g.Limit, g.Brief = off, size, size == 3
					page, n, err := members.FindMembers(ctx, g)
					if err != nil || n != total {
						t.Fatalf("%+v: total %d, want %d, %v", g, n, total, err)
					}
					paged = append(paged, page...)
				}
				if got, want := ids(paged), ids(whole); !slices.Equal(got, want) {
					t.Errorf("%+v in pages of %d: %v, the whole list %v", f, size, got, want)
				}
			}
		}
	})
}

func ids(ms []*rankfile.Member) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

// TestOneIndexSortsAndSearchesNames checks that a search by the beginning
// of a last name is a range of the index the roster is sorted by, on both
// databases: PostgreSQL compares folded names byte by byte, as SQLite
// does (migration 00047), and needs no second index to search them.
func TestOneIndexSortsAndSearchesNames(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importDemoList(t, db, 2000)
		query := `SELECT m.id FROM members m WHERE m.last_name_folded >= $1 AND m.last_name_folded < $2
			ORDER BY m.last_name_folded, m.first_name_folded, m.id LIMIT 50`
		explain, uses := "EXPLAIN QUERY PLAN ", "INDEX members_name (last_name_folded>? AND last_name_folded<?)"
		if db.Dialect() == store.Postgres {
			if err := db.Exec(`ANALYZE members`); err != nil {
				t.Fatal(err)
			}
			explain, uses = "EXPLAIN ", "Index Cond: ((last_name_folded >= 'gar'::text)"
			collations, err := db.QueryStrings(`SELECT a.attname || ' ' || c.collname FROM pg_attribute a
				JOIN pg_collation c ON c.oid = a.attcollation WHERE a.attrelid = 'members'::regclass
				AND a.attname IN ('national_id', 'email', 'mailing_zip', 'last_name_folded', 'first_name_folded')
				ORDER BY a.attname`)
			want := []string{"email C", "first_name_folded C", "last_name_folded C", "mailing_zip C", "national_id C"}
			if err != nil || !slices.Equal(collations, want) {
				t.Errorf("collations %v (%v), want %v", collations, err, want)
			}
		}
		plan, err := db.QueryStrings(explain+query, "gar", "gar\U0010FFFF")
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(plan, "\n")
		if !strings.Contains(text, uses) || db.Dialect() == store.Postgres && !strings.Contains(text, "members_name") {
			t.Errorf("%s: a last name's prefix is not a range of the roster's own index:\n%s", db.Dialect(), text)
		}
	})
}

// TestABranchPageWalksTheBranchIndex checks that a page of a branch's
// members is a range of the index of members in branches, on both
// databases, and that the index holds only the members in one (migration
// 00049): the roster's others, and the whole of a national list outside
// any branch, are left to the roster's own name index.
func TestABranchPageWalksTheBranchIndex(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importDemoList(t, db, 2000)
		loadBranches(t, db, demo.Branches())
		query := `SELECT m.id FROM members m WHERE COALESCE(m.chosen_branch_id, m.located_branch_id) = $1
			ORDER BY m.last_name_folded, m.first_name_folded, m.id LIMIT 50`
		explain, uses := "EXPLAIN QUERY PLAN ", "INDEX members_branch_name (<expr>=?)"
		definition := `SELECT sql FROM sqlite_master WHERE name = 'members_branch_name'`
		if db.Dialect() == store.Postgres {
			if err := db.Exec(`ANALYZE members`); err != nil {
				t.Fatal(err)
			}
			explain, uses = "EXPLAIN ", "Index Cond: (COALESCE(chosen_branch_id, located_branch_id) = "
			definition = `SELECT indexdef FROM pg_indexes WHERE indexname = 'members_branch_name'`
		}
		branch, err := db.QueryStrings(`SELECT id FROM bodies WHERE slug = 'central'`)
		if err != nil || len(branch) != 1 {
			t.Fatalf("the central branch: %v (%v)", branch, err)
		}
		id, _ := strconv.Atoi(branch[0])
		plan, err := db.QueryStrings(explain+query, id)
		if err != nil {
			t.Fatal(err)
		}
		if text := strings.Join(plan, "\n"); !strings.Contains(text, uses) || !strings.Contains(text, "members_branch_name") {
			t.Errorf("%s: a branch's page does not walk the branch index:\n%s", db.Dialect(), text)
		}
		def, err := db.QueryStrings(definition)
		if err != nil || len(def) != 1 || !strings.Contains(def[0], "WHERE (COALESCE(chosen_branch_id, located_branch_id) IS NOT NULL)") &&
			!strings.Contains(def[0], "WHERE COALESCE(chosen_branch_id, located_branch_id) IS NOT NULL") {
			t.Errorf("%s: the branch index holds members in no branch: %v (%v)", db.Dialect(), def, err)
		}
	})
}

// importDemoList imports the demo's list of n members.
func importDemoList(t *testing.T, db *store.DB, n int) {
	t.Helper()
	list, err := demo.NationalList(n, rankfile.MustParseDate("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	importList(t, db, string(list), rankfile.ImportOptions{})
}
