package store_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// accentedList has names written with and without their accents.
var accentedList = list(listHeader,
	"1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,false,",
	"6,Héctor,Núñez,hn@example.org,91101,2027-01-01,Member in Good Standing,false,",
	"7,ÁNGELA,ORTIZ,ao@example.org,91101,2027-01-01,Member in Good Standing,false,",
	"8,Hector,Nunez,hector@example.org,91101,2027-01-01,Member in Good Standing,false,",
	"9,José,Peña,jp@example.org,90026,2027-01-01,Member in Good Standing,false,",
)

// accentSearches are searches of accentedList and the members they find:
// accents typed or left out, on either side.
var accentSearches = map[string][]string{
	"hector":     {"6", "8"},
	"Héctor":     {"6", "8"},
	"HÉCTOR NUÑ": {"6", "8"},
	"nunez":      {"6", "8"},
	"núñez":      {"6", "8"},
	"angela":     {"7"},
	"ángela ort": {"7"},
	"garcia":     {"1"},
	"garcía":     {"1"},
	"jose pena":  {"9"},
	"pena":       {"9"},
	"hn@":        {"6"}, // addresses as they are
	"zzz":        {},
}

// checkSearches runs each search as a whole-roster search and as a
// search by name, each both whole and for a page, and compares what they
// find.
func checkSearches(t *testing.T, db *store.DB, searches map[string][]string) {
	t.Helper()
	for search, want := range searches {
		for _, f := range []rankfile.MemberFilter{
			{Search: search}, {Search: search, Limit: 50, Brief: true},
			{Name: search}, {Name: search, Limit: 20, Brief: true},
		} {
			if f.Name != "" && strings.Contains(search, "@") {
				continue
			}
			got := nationalIDs(t, db, f)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%+v finds %v, want %v", f, got, want)
			}
		}
	}
}

func TestSearchIgnoresAccents(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, accentedList, rankfile.ImportOptions{})
		checkSearches(t, db, accentSearches)

		// A list that changes a name changes the folded name with it.
		importList(t, db, strings.Replace(accentedList, "ÁNGELA,ORTIZ", "Ángeles,Ortíz", 1), rankfile.ImportOptions{})
		checkSearches(t, db, map[string][]string{"angeles ortiz": {"7"}, "angela": {}, "ortiz": {"7"}})
	})
}

// TestFoldedNamesMigration puts members into the schema before folded
// names and checks that migrating folds their names, so that they are
// found without their accents, and that the stock sqlite3 program still
// reads the database.
func TestFoldedNamesMigration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		old, err := store.OpenAtVersion(ctx, dsn, 25)
		if err != nil {
			t.Fatal(err)
		}
		if err := old.Exec(`INSERT INTO members (id, national_id, first_name, last_name, list_standing, created_at, updated_at)
			VALUES (6, '6', 'Héctor', 'Núñez', 'good', '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
			(7, '7', 'ÁNGELA', 'ORTIZ', 'good', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`); err != nil {
			t.Fatal(err)
		}
		old.Close()
		db := storetest.Open(t, dsn)
		checkSearches(t, db, map[string][]string{"hector nunez": {"6"}, "nunez": {"6"}, "angela": {"7"}, "ortiz": {"7"}})
		if !strings.Contains(dsn, "://") {
			checkSQLiteProgram(t, dsn)
		}
	})
}

// checkSQLiteProgram has the stock sqlite3 program check the database and
// search it by a folded name, when the program is installed.
func checkSQLiteProgram(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Log("no sqlite3 program to check the database with")
		return
	}
	out, err := exec.Command("sqlite3", path, "PRAGMA integrity_check",
		"SELECT national_id FROM members WHERE last_name_folded = 'nunez'").CombinedOutput()
	if err != nil || string(out) != "ok\n6\n" {
		t.Errorf("sqlite3 reads the database: %v\n%s", err, out)
	}
}

// TestTheRosterSortsNamesFolded lists the roster, whole and a page at a
// time, by branch and by search: Álvarez and Ávila among the A's, not
// after Zapata, and ÁNGELA as Ángela.
func TestTheRosterSortsNamesFolded(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, list(listHeader,
			"1,Ana,Zapata,z@example.org,90026,2027-01-01,Member in Good Standing,false,",
			"2,Bea,Álvarez,al@example.org,90026,2027-01-01,Member in Good Standing,false,",
			"3,Cy,Alba,ab@example.org,90026,2027-01-01,Member in Good Standing,false,",
			"4,Di,ávila,av@example.org,90026,2027-01-01,Member in Good Standing,false,",
			"5,ÉDGAR,Avila,ed@example.org,90026,2027-01-01,Member in Good Standing,false,",
		), rankfile.ImportOptions{})
		want := []string{"3", "2", "4", "5", "1"}
		for _, f := range []rankfile.MemberFilter{{}, {Limit: 50}, {Limit: 50, Brief: true}, {Search: "a", Limit: 50}} {
			if got := nationalIDs(t, db, f); !slices.Equal(got, want) {
				t.Errorf("%+v lists %v, want %v", f, got, want)
			}
		}
	})
}
