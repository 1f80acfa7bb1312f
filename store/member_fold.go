package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"

	"github.com/rankfile/rankfile"
)

// Each member's names are kept folded (rankfile.FoldName) in columns of
// their own, first_name_folded and last_name_folded, which every write of a
// name writes (the imports: nothing else writes names) and plain indexes
// cover; the roster is sorted by them and a search folds its words the
// same way. Folding in Go rather than in SQL keeps the two databases alike
// and the schema readable by any SQLite program: an index of an expression
// that folded in SQLite took 46 nested replace() calls, which the stock
// sqlite3 program refused to parse.

// foldedNamesVersion is the migration that adds the folded names.
const foldedNamesVersion = 26

// foldedNamesMigration adds the folded names, folds every member's names
// into them and indexes them. It is written in Go because the fold is Go's:
// a fresh database and one migrated from an older version both get their
// folded names from this one function, so they hold the same values and
// the same indexes (a fold written again in SQL for the backfill would
// differ from rankfile.FoldName on some letter sooner or later).
//
// The roster's name indexes are built again on the folded names, which
// the roster now sorts by, so that a search by the beginning of a last name
// reads the roster's own order and stops after a page: as many indexes as
// before, of plain columns, so that an import builds no more of them.
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

// foldedNamesSchema is migration 00026's SQL before the backfill: the
// columns, and the indexes of names merely lower-cased dropped.
func foldedNamesSchema(dialect string) []string {
	stmts := []string{
		`ALTER TABLE members ADD COLUMN first_name_folded TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE members ADD COLUMN last_name_folded TEXT NOT NULL DEFAULT ''`,
		`DROP INDEX members_name`,
		`DROP INDEX members_branch_name`,
	}
	if dialect == Postgres {
		return append(stmts, `DROP INDEX members_last_name_prefix`, `DROP INDEX members_first_name_prefix`)
	}
	return append(stmts, `DROP INDEX members_first_name`)
}

// foldedNamesIndexes are the name indexes, built after the backfill
// (building them once over the folded names is cheaper than keeping them
// up to date through it). Each carries the names the roster sorts by and
// the list's standing, so that walking one, or searching by a name, reads
// no row of the table (see member.go). SQLite compares text by byte, so
// the roster's order serves prefix ranges too; PostgreSQL sorts by the
// database's collation and ranges by byte ("C"), as searchTerms' prefix
// ranges do, so it had an index of each until migration 00047 made the
// folded names compare by byte there too.
func foldedNamesIndexes(dialect string) []string {
	branch := `COALESCE(chosen_branch_id, located_branch_id)` // as the queries write it
	if dialect == Postgres {
		branch = "(" + branch + ")"
	}
	stmts := []string{
		`CREATE INDEX members_name ON members (last_name_folded, first_name_folded, id, list_standing)`,
		`CREATE INDEX members_branch_name ON members (` + branch + `, last_name_folded, first_name_folded, id, list_standing)`,
	}
	if dialect == Postgres {
		return append(stmts,
			`CREATE INDEX members_last_name_folded ON members ((last_name_folded COLLATE "C"), first_name_folded, id, list_standing)`,
			`CREATE INDEX members_first_name_folded ON members ((first_name_folded COLLATE "C"), last_name_folded, id, list_standing)`)
	}
	return append(stmts, `CREATE INDEX members_first_name_folded ON members (first_name_folded, last_name_folded, id, list_standing)`)
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
		ids, firsts, lasts = append(ids, id), append(firsts, rankfile.FoldName(first)), append(lasts, rankfile.FoldName(last))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	err = updateRows(ctx, tx, dialect, "members", "id", []string{"first_name_folded", "last_name_folded"}, ids, firsts, lasts)
	if err != nil {
		return err
	}
	for _, q := range foldedNamesIndexes(dialect) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("folded names: %w", err)
		}
	}
	return nil
}
