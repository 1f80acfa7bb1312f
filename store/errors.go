package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/rankfile/rankfile"
)

// translate turns driver errors into domain errors at the storage edge, so
// no caller needs to know which database it talks to. Errors that are
// already domain errors, and faults of ours, pass through unchanged.
func (db *DB) translate(err error) error {
	var domain *rankfile.Error
	switch {
	case err == nil, errors.As(err, &domain):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, sql.ErrNoRows):
		return rankfile.Errorf(rankfile.ENOTFOUND, "not found")
	}
	if code := sqliteCode(err); code != 0 {
		return translateSQLite(err, code)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return translatePostgres(err, pgErr)
	}
	return err
}

func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

func translateSQLite(err error, code int) error {
	switch code & 0xff { // the primary result code
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return rankfile.Errorf(rankfile.EBUSY, "the database is busy with another change (an import?); try again shortly")
	case sqlite3.SQLITE_CONSTRAINT:
		if code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
			return rankfile.Errorf(rankfile.ECONFLICT, "that already exists")
		}
		return rankfile.Errorf(rankfile.EINVALID, "the change breaks a rule of the data: %v", err)
	}
	return err
}

func translatePostgres(err error, pgErr *pgconn.PgError) error {
	switch pgErr.Code {
	case "23505": // unique_violation
		return rankfile.Errorf(rankfile.ECONFLICT, "that already exists")
	case "23503", "23514", "23502": // foreign key, check, not null
		return rankfile.Errorf(rankfile.EINVALID, "the change breaks a rule of the data: %s", pgErr.Message)
	case "40001", "40P01", "55P03": // serialization failure, deadlock, lock not available
		return rankfile.Errorf(rankfile.EBUSY, "the database is busy with another change; try again shortly")
	}
	return err
}

// isDomain reports whether err is a refusal to tell the one who asked,
// rather than a failure of the transaction.
func isDomain(err error) bool {
	var domain *rankfile.Error
	return errors.As(err, &domain)
}

// unauthorized is the one answer for every bad secret: which check failed
// is nobody's business.
var unauthorized = rankfile.Errorf(rankfile.EUNAUTHORIZED, "this link or session is not valid any more: sign in again")
