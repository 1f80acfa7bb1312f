package app_test

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestNothingJoinsTheRollAndTheBox casts ballots in a known order, closes
// and counts, then dumps every table of the database as stored, in the
// order the database returns rows, and checks that nothing ties a member
// to a ballot: the box holds only its own columns; no ballot id or receipt
// hash appears anywhere else; and neither the box nor the roll keeps the
// order of casting.
func TestNothingJoinsTheRollAndTheBox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		cast := w.castMany(50)
		w.closeVoting()
		dump := dumpDatabase(t, dsn)

		wantColumns := map[string]string{
			"ballots":         "election_id id cast_on receipt_hash sealed",
			"ballot_rankings": "election_id ballot_id contest_id ranking",
			"election_roll":   "election_id member_id voted",
		}
		for table, want := range wantColumns {
			if got := strings.Join(dump[table].columns, " "); got != want {
				t.Errorf("%s has columns %q; want %q and nothing that could tie a ballot to a voter", table, got, want)
			}
		}

		ballotIDs := dump["ballots"].column("id")
		secrets := append(ballotIDs, dump["ballots"].column("receipt_hash")...)
		for table, d := range dump {
			if table == "ballots" || table == "ballot_rankings" {
				continue
			}
			for _, row := range d.rows {
				for _, v := range row {
					for _, s := range secrets {
						if s != "" && strings.Contains(v, s) {
							t.Errorf("%s holds %q of the ballot box: %v", table, s, row)
						}
					}
				}
			}
		}

		castAt := map[string]int{} // receipt hash → the order of casting
		voterAt := map[string]int{}
		for _, cb := range cast {
			castAt[rankfile.ReceiptHash(w.election.ID, cb.code)] = cb.castNth
			voterAt[strconv.FormatInt(w.member(cb.voter).ID, 10)] = cb.castNth
		}
		checkUnordered(t, "the box", dump["ballots"].column("receipt_hash"), castAt)
		idToReceipt := map[string]string{}
		for _, row := range dump["ballots"].rows {
			idToReceipt[row[1]] = row[3]
		}
		var rankingOrder []string
		for _, id := range dump["ballot_rankings"].column("ballot_id") {
			rankingOrder = append(rankingOrder, idToReceipt[id])
		}
		checkUnordered(t, "the rankings", rankingOrder, castAt)
		checkUnordered(t, "the roll", dump["election_roll"].column("member_id"), voterAt)
		if store.IsPostgres(dsn) {
			checkOneWriter(t, dsn, w.election.ID)
		}
	})
}

// checkOneWriter checks that on PostgreSQL every ballot, and every mark on
// the roll, carries the id of one and the same transaction (xmin): the ids
// of the transactions that cast them would tie each ballot to its voter.
func checkOneWriter(t *testing.T, dsn string, electionID int64) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`SELECT COUNT(DISTINCT xmin::text) FROM ballots WHERE election_id = $1`,
		`SELECT COUNT(DISTINCT xmin::text) FROM ballot_rankings WHERE election_id = $1`,
		`SELECT COUNT(DISTINCT xmin::text) FROM election_roll WHERE election_id = $1 AND voted <> ''`,
	} {
		var n int
		if err := db.QueryRow(q, electionID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%s: %d transactions wrote the rows; want one, so that none ties a ballot to a voter", q, n)
		}
	}
}

// checkUnordered fails when the keys, in the order a table gave them, follow
// the order of casting: Spearman's rank correlation between the two is
// near 0 for a random order (standard deviation 0.14 for 50 ballots) and 1
// for the order of casting. Keys not cast are skipped.
func checkUnordered(t *testing.T, what string, keys []string, castAt map[string]int) {
	t.Helper()
	var order []int
	for _, k := range keys {
		if n, ok := castAt[k]; ok {
			order = append(order, n)
		}
	}
	if len(order) < 20 {
		t.Fatalf("%s: only %d of the ballots cast found", what, len(order))
	}
	if rho := spearman(order); rho > 0.6 || rho < -0.6 {
		t.Errorf("%s keeps the order of casting (rank correlation %.2f)", what, rho)
	}
}

// spearman returns the rank correlation between positions 0..n-1 and the
// values, which are distinct.
func spearman(values []int) float64 {
	n := len(values)
	ranks := make([]int, n)
	for i := range values {
		for j := range values {
			if values[j] < values[i] {
				ranks[i]++
			}
		}
	}
	var d2 float64
	for i, r := range ranks {
		d := float64(i - r)
		d2 += d * d
	}
	return 1 - 6*d2/float64(n*(n*n-1))
}

// tableDump is a table's columns and rows, every value as text, in the
// order the database returned them.
type tableDump struct {
	columns []string
	rows    [][]string
}

func (d tableDump) column(name string) []string {
	i := -1
	for j, c := range d.columns {
		if c == name {
			i = j
		}
	}
	var out []string
	for _, row := range d.rows {
		if i >= 0 {
			out = append(out, row[i])
		}
	}
	return out
}

// dumpDatabase reads every table whole, as a dump would: SELECT * with no
// ORDER BY, so rows come in the order they are stored.
func dumpDatabase(t *testing.T, dsn string) map[string]tableDump {
	t.Helper()
	driver, list := "sqlite", `SELECT name FROM sqlite_master WHERE type = 'table'`
	if store.IsPostgres(dsn) {
		driver, list = "pgx", `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables, err := queryStrings(db, list)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]tableDump{}
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		d := tableDump{}
		d.columns, _ = rows.Columns()
		for rows.Next() {
			vals := make([]any, len(d.columns))
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := make([]string, len(vals))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				row[i] = fmt.Sprint(v)
			}
			d.rows = append(d.rows, row)
		}
		rows.Close()
		out[table] = d
	}
	if len(out["ballots"].rows) == 0 {
		t.Fatal("the dump holds no ballots")
	}
	return out
}

func queryStrings(db *sql.DB, query string) ([]string, error) {
	rows, err := db.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
