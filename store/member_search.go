package store

import (
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// memberOrder is the roster's order: by name, folded (Álvarez among the A's).
const memberOrder = ` ORDER BY m.last_name_folded, m.first_name_folded, m.id`

// cond is a condition whose %d stand for its arguments' parameter numbers.
type cond struct {
	sql  string
	args []any
}

// memberConds are a filter's conditions on members m: all of rest hold,
// and, for a search, at least one of its alternatives.
type memberConds struct {
	rest   []cond
	search []cond
}

func (c *memberConds) add(sql string, args ...any) {
	c.rest = append(c.rest, cond{sql, args})
}

// where puts the conditions together as one WHERE clause.
func (c *memberConds) where() *where {
	w := &where{}
	for _, r := range c.rest {
		w.add(r.sql, r.args...)
	}
	if len(c.search) > 0 {
		alts := make([]string, len(c.search))
		for i, alt := range c.search {
			alts[i] = w.param(alt.sql, alt.args...)
		}
		w.conds = append(w.conds, "("+strings.Join(alts, " OR ")+")")
	}
	return w
}

// searchUnion selects the first n matching members' ids, in name order,
// with the names they sort by (sort_last, sort_first): n from each
// alternative of the search, among which are the first n of all. Each
// alternative reads one index, which holds the names and the filters'
// columns, so that none reads a table row; the last names' index is in
// name order already, so that alternative stops after n. One query with
// the alternatives joined by OR would read every match's row to learn
// its name: 1,300 rows for a common surname.
func (c *memberConds) searchUnion(n int) (string, []any) {
	w := &where{}
	parts := make([]string, len(c.search))
	for i, alt := range c.search {
		conds := []string{w.param(alt.sql, alt.args...)}
		for _, r := range c.rest {
			conds = append(conds, w.param(r.sql, r.args...))
		}
		parts[i] = `SELECT * FROM (SELECT m.id, m.last_name_folded AS sort_last, m.first_name_folded AS sort_first
			FROM members m WHERE ` + strings.Join(conds, " AND ") + memberOrder + fmt.Sprintf(" LIMIT %d) alt%d", n, i)
	}
	return strings.Join(parts, " UNION ALL "), w.args
}

// The columns a search matches by their beginning: the roster search of
// the data stewards, who see them all, matches addresses and ZIPs too; a
// search by name (a host's at the door) matches names alone. Names are
// matched folded (see member_fold.go), the rest lower-cased.
var (
	searchColumns = []string{"m.last_name_folded", "m.first_name_folded", "m.email", "m.mailing_zip"}
	nameColumns   = searchColumns[:2]
)

// searchTerms are the alternatives of a search: members one of whose
// columns begins with the text, or whose first names begin with its first
// words and last names with the rest ("ana gar", "mary ann smi"). Each is
// a range of an index, so that a search reads only the members it finds.
func searchTerms(text string, columns []string) []cond {
	words := strings.Fields(strings.ToLower(text))
	if len(words) == 0 {
		return nil
	}
	folded := strings.Fields(rankfile.FoldName(text))
	prefix := func(expr, p string) cond {
		return cond{prefixSQL(expr), []any{p, p + "\U0010FFFF"}}
	}
	var terms []cond
	for _, expr := range columns {
		if strings.HasSuffix(expr, "_folded") {
			terms = append(terms, prefix(expr, strings.Join(folded, " ")))
		} else {
			terms = append(terms, prefix(expr, strings.Join(words, " ")))
		}
	}
	for i := 1; i < len(folded); i++ {
		first := prefix("m.first_name_folded", strings.Join(folded[:i], " "))
		last := prefix("m.last_name_folded", strings.Join(folded[i:], " "))
		terms = append(terms, cond{"(" + first.sql + " AND " + last.sql + ")", append(first.args, last.args...)})
	}
	return terms
}

// prefixSQL is the condition that expr begins with a prefix, given as two
// parameters: the prefix, and the prefix followed by the last character
// there is. The columns searched compare by byte (SQLite's default;
// PostgreSQL's "C" collation, which migration 00047 gives them), so that
// is a range of the index the roster is sorted by.
func prefixSQL(expr string) string {
	return "(" + expr + " >= $%d AND " + expr + " < $%d)"
}
