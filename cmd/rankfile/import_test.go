package main

import (
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rankfile/rankfile/store/storetest"
)

const genB = "\uFEFFactionkit_id,first_name,middle_name,last_name,suffix,billing_address1,billing_address2,billing_city,billing_state,billing_zip,mailing_address1,mailing_address2,mailing_city,mailing_state,mailing_zip,country,best_phone,mobile_phone,home_phone,work_phone,email,mail_preference,do_not_call,p2ptext_optout,join_date,xdate,membership_type,monthly_dues_status,yearly_dues_status,membership_status,memb_status_letter,union_member,union_name,union_local,student_yes_no,student_school_name,ydsa_chapter,dsa_chapter,accommodations,race,list_date,shoe_size\r\n" +
	"101,José,,García,,,,,,,\"12 Sunset Blvd, Apt 3\",,Los Angeles,CA,90026-1234,US,,,,,JOSE@EXAMPLE.ORG,Yes,FALSE,FALSE,2019-05-01,2027-05-01,monthly,active,never,Member in Good Standing,M,No,,,No,,,Los Angeles,,,2026-11-01,42\r\n" +
	"102,Siobhan,,O'Brien,,,,,,,1 Main St,,Van Nuys,CA,91405,US,,,,,siobhan@example.org,Yes,FALSE,FALSE,2020-01-01,2026-10-01,monthly,past_due,never,Member,M,No,,,No,,,Los Angeles,,,2026-11-01,38\r\n" +
	"103,Minh,,Nguyễn,,,,,,,\"line one\nline two\",,Lancaster,CA,93534,US,,,,,minh@example.org,Yes,FALSE,FALSE,2020-01-01,2024-01-01,yearly,never,lapsed,Lapsed,L,No,,,No,,,Los Angeles,,,2026-11-01,40\r\n" +
	"104,Bad,,Date,,,,,,,1 Main St,,Van Nuys,CA,91405,US,,,,,bad@example.org,Yes,FALSE,FALSE,someday,2027-01-01,monthly,active,never,Member in Good Standing,M,No,,,No,,,Los Angeles,,,2026-11-01,40\r\n" +
	"101,José,,Again,,,,,,,1 Main St,,Van Nuys,CA,91405,US,,,,,jose2@example.org,Yes,FALSE,FALSE,2019-05-01,2027-05-01,monthly,active,never,Member in Good Standing,M,No,,,No,,,Los Angeles,,,2026-11-01,40\r\n"

// importJSON is the shape `import roster --json` promises scripts.
type importJSON struct {
	Rows           int              `json:"rows"`
	Added          int              `json:"added"`
	Updated        int              `json:"updated"`
	Unchanged      int              `json:"unchanged"`
	Lapsed         int              `json:"lapsed"`
	Rejected       []map[string]any `json:"rejected"`
	UnknownColumns []string         `json:"unknown_columns"`
}

func TestImportRosterJSON(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		file := writeFile(t, "list.csv", genB)
		out := mustRun(t, dsn, "import", "roster", file, "--json")
		report := decode(t, out).(map[string]any)
		for _, key := range []string{"rows", "added", "updated", "unchanged", "lapsed", "rejected", "unknown_columns"} {
			if _, ok := report[key]; !ok {
				t.Errorf("JSON report lacks %q: %s", key, out)
			}
		}
		got := parseImport(t, out)
		want := importJSON{Rows: 5, Added: 3, Rejected: []map[string]any{
			{"line": 6.0, "reason": got.reason(0)}, {"line": 7.0, "reason": got.reason(1)},
		}, UnknownColumns: []string{"shoe_size"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("report = %+v, want %+v", got, want)
		}
		if !strings.Contains(got.reason(0), "join_date") || !strings.Contains(got.reason(1), "line 2") {
			t.Errorf("reasons %q, %q do not explain", got.reason(0), got.reason(1))
		}
		again := parseImport(t, mustRun(t, dsn, "import", "roster", file, "--json"))
		if again.Unchanged != 3 || again.Added+again.Updated+again.Lapsed != 0 {
			t.Errorf("re-import = %+v, want 3 unchanged and nothing else", again)
		}
	})
}

func parseImport(t *testing.T, out string) importJSON {
	t.Helper()
	var r importJSON
	decodeInto(t, out, &r)
	return r
}

func (r importJSON) reason(i int) string {
	if i >= len(r.Rejected) {
		return ""
	}
	s, _ := r.Rejected[i]["reason"].(string)
	return s
}

func TestImportRosterText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		out := mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB), "--as-of", "2026-11-01")
		for _, want := range []string{"3 added", "2 rejected", "line 6:", `"shoe_size"`} {
			if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
				t.Errorf("text report lacks %q:\n%s", want, out)
			}
		}
	})
}

func TestImportRosterFromStandardInput(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	r := runWith(t, t.Context(), map[string]string{"RANKFILE_DB": dsn}, genB, "import", "roster", "-", "--json")
	if r.code != 0 || parseImport(t, r.stdout).Added != 3 {
		t.Errorf("import from stdin: exit %d, %s %s", r.code, r.stdout, r.stderr)
	}
}

func TestImportRefusesWhatIsNotANationalList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		for name, content := range map[string]string{
			"spreadsheet of something else": "name,phone\nAna,555\n",
			"empty":                         "",
			"header only":                   "actionkit_id,first_name\n",
		} {
			r := run(t, dsn, "import", "roster", writeFile(t, "x.csv", content), "--json")
			if r.code != exitInvalid || !strings.Contains(r.stderr, "rankfile: ") || r.stdout != "" {
				t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d and a message", name, r.code, r.stdout, r.stderr, exitInvalid)
			}
		}
		if r := run(t, dsn, "import", "roster", "/no/such/file.csv"); r.code != exitInvalid || !strings.Contains(r.stderr, "cannot open") {
			t.Errorf("missing file: exit %d, %q", r.code, r.stderr)
		}
		list := decode(t, mustRun(t, dsn, "members", "list", "--json")).([]any)
		if len(list) != 3 {
			t.Errorf("refused imports changed the roster: %d members", len(list))
		}
	})
}

func TestBranchesLoadAndMembersList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		out := mustRun(t, dsn, "branches", "load", "../../demo/branches.geojson", "--json")
		report := decode(t, out).(map[string]any)
		want := map[string]float64{"branches": 5, "assigned": 2, "unassigned": 1, "moved": 2}
		for k, v := range want {
			if report[k] != v {
				t.Errorf("branches load %s = %v, want %v (%s)", k, report[k], v, out)
			}
		}
		members := decode(t, mustRun(t, dsn, "members", "list", "--json")).([]any)
		byID := map[string]map[string]any{}
		for _, m := range members {
			m := m.(map[string]any)
			for _, key := range []string{"national_id", "first_name", "last_name", "email", "standing", "branch"} {
				if _, ok := m[key]; !ok {
					t.Errorf("member JSON lacks %q: %v", key, m)
				}
			}
			byID[m["national_id"].(string)] = m
		}
		checkMember(t, byID["101"], "José", "García", "jose@example.org", "good", "central")
		checkMember(t, byID["102"], "Siobhan", "O'Brien", "siobhan@example.org", "member", "san-fernando-valley")
		checkMember(t, byID["103"], "Minh", "Nguyễn", "minh@example.org", "lapsed", "")
		if got := listIDs(t, dsn, "--standing", "good"); !slices.Equal(got, []string{"101"}) {
			t.Errorf("--standing good = %v", got)
		}
		if got := listIDs(t, dsn, "--branch", "san-fernando-valley"); !slices.Equal(got, []string{"102"}) {
			t.Errorf("--branch san-fernando-valley = %v", got)
		}
		if got := listIDs(t, dsn, "--unassigned"); !slices.Equal(got, []string{"103"}) {
			t.Errorf("--unassigned = %v", got)
		}
	})
}

func checkMember(t *testing.T, m map[string]any, first, last, email, standing, branch string) {
	t.Helper()
	got := []any{m["first_name"], m["last_name"], m["email"], m["standing"], m["branch"]}
	want := []any{first, last, email, standing, branch}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("member = %v, want %v", got, want)
	}
}

func listIDs(t *testing.T, dsn string, args ...string) []string {
	t.Helper()
	var members []struct {
		NationalID string `json:"national_id"`
	}
	decodeInto(t, mustRun(t, dsn, append([]string{"members", "list", "--json"}, args...)...), &members)
	ids := []string{}
	for _, m := range members {
		ids = append(ids, m.NationalID)
	}
	sort.Strings(ids)
	return ids
}

func TestTheDatabaseFlagAndEnvironment(t *testing.T) {
	dir := t.TempDir()
	envDB, flagDB := dir+"/env.db", dir+"/flag.db"
	file := writeFile(t, "list.csv", genB)
	mustRun(t, envDB, "import", "roster", file)
	mustRun(t, envDB, "--db", flagDB, "migrate")
	if out := mustRun(t, envDB, "--db", flagDB, "members", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("--db did not win over RANKFILE_DB: %s", out)
	}
	t.Chdir(dir)
	r := runWith(t, t.Context(), nil, "", "migrate")
	if _, err := os.Stat(dir + "/rankfile.db"); r.code != 0 || err != nil {
		t.Errorf("without --db or RANKFILE_DB, rankfile.db was not made in the working directory: %v %s", err, r.stderr)
	}
}
