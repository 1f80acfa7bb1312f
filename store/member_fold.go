package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"

	"github.com/pressly/goose/v3"
	"golang.org/x/text/unicode/norm"
)

// Searches by name match whatever accents are typed or left out: "hector"
// finds Héctor and "Núñez" finds Nunez. Each member's names are kept
// folded as well, in columns of their own (first_name_folded,
// last_name_folded) that every write of a name writes and plain indexes
// cover, and a search folds its words the same way. Folding in Go rather
// than in SQL keeps the two databases alike and the schema readable by
// any SQLite program: an index of the expression that folds in SQLite
// took 46 nested replace() calls, which the stock sqlite3 program refused
// to parse.
//
// The folded names are stored: changing foldName changes what is stored,
// so a change to it needs a migration that folds every name again.

// foldLetters are letters without a decomposition that people write with
// their plain neighbours all the same.
var foldLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// foldName folds a name for matching: lower case, its letters decomposed
// (NFD) and their accents (nonspacing marks) dropped, and the few letters
// of foldLetters spelled plainly.
func foldName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case foldLetters[r] != "":
			b.WriteString(foldLetters[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldedNamesVersion is the migration that adds the folded names.
const foldedNamesVersion = 26

// foldedNamesMigration adds the folded names, folds every member's names
// into them and indexes them. It is written in Go because the fold is Go's:
// a fresh database and one migrated from an older version both get their
// folded names from this one function, so they hold the same values and
// the same indexes (a fold written again in SQL for the backfill would
// differ from foldName on some letter sooner or later). Each name index
// carries the names the roster sorts by and the list's standing, so that
// a search reads no row of the table (see member_search.go); the indexes
// of names merely lower-cased, which searches no longer use, are dropped.
func foldedNamesMigration(dialect string) *goose.Migration {
	return goose.NewGoMigration(foldedNamesVersion, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
		for _, q := range foldedNamesSchema(dialect) {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("folded names: %w", err)
			}
		}
		return foldAllNames(ctx, tx, dialect)
	}}, nil)
}

// foldedNamesSchema is migration 00026's SQL: the columns before the
// backfill, the indexes after it (building them once, over the folded
// values, is cheaper than keeping them up to date through it).
func foldedNamesSchema(dialect string) []string {
	cols := []string{
		`ALTER TABLE members ADD COLUMN first_name_folded TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE members ADD COLUMN last_name_folded TEXT NOT NULL DEFAULT ''`,
	}
	if dialect == Postgres {
		return append(cols, `DROP INDEX members_last_name_prefix`, `DROP INDEX members_first_name_prefix`)
	}
	return append(cols, `DROP INDEX members_first_name`)
}

// foldedNamesIndexes index the folded names; PostgreSQL compares them by
// byte ("C"), as searchTerms' prefix ranges do.
func foldedNamesIndexes(dialect string) []string {
	collate := ""
	if dialect == Postgres {
		collate = ` COLLATE "C"`
	}
	return []string{
		`CREATE INDEX members_last_name_folded ON members ((last_name_folded` + collate + `), lower(last_name), lower(first_name), id, list_standing)`,
		`CREATE INDEX members_first_name_folded ON members ((first_name_folded` + collate + `), lower(last_name), lower(first_name), id, list_standing)`,
	}
}

// foldAllNames writes every member's folded names, then indexes them.
func foldAllNames(ctx context.Context, tx *sql.Tx, dialect string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, first_name, last_name FROM members ORDER BY id`)
	if err != nil {
		return err
	}
	var ids []int64
	var firsts, lasts []string
	for rows.Next() {
		var id int64
		var first, last string
		if err := rows.Scan(&id, &first, &last); err != nil {
			rows.Close()
			return err
		}
		ids, firsts, lasts = append(ids, id), append(firsts, foldName(first)), append(lasts, foldName(last))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := writeFolded(ctx, tx, dialect, ids, firsts, lasts); err != nil {
		return err
	}
	for _, q := range foldedNamesIndexes(dialect) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("folded names: %w", err)
		}
	}
	return nil
}

// writeFolded stores folded names by member id: in SQLite one prepared
// statement a member, in PostgreSQL arrays of a few thousand a statement,
// as a round trip a member would take a 100,000-member roster minutes.
func writeFolded(ctx context.Context, tx *sql.Tx, dialect string, ids []int64, firsts, lasts []string) error {
	if dialect == Postgres {
		for start := 0; start < len(ids); start += 5000 {
			end := min(start+5000, len(ids))
			_, err := tx.ExecContext(ctx, `UPDATE members m SET first_name_folded = v.f, last_name_folded = v.l
				FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v (id, f, l) WHERE m.id = v.id`,
				ids[start:end], firsts[start:end], lasts[start:end])
			if err != nil {
				return err
			}
		}
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE members SET first_name_folded = $1, last_name_folded = $2 WHERE id = $3`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, id := range ids {
		if _, err := stmt.ExecContext(ctx, firsts[i], lasts[i], id); err != nil {
			return err
		}
	}
	return nil
}
