package store

import (
	"context"
	"fmt"
	"time"

	"github.com/rankfile/rankfile"
)

// DeferrableChecks lists the indexes and constraints a first import sets
// aside, with the statements that build them, for tests outside the package.
func DeferrableChecks(db *DB) ([]string, error) {
	var out []string
	ctx := context.Background()
	err := db.inTx(ctx, func(tx *Tx) error {
		for _, q := range db.deferrableQueries() {
			found, err := tx.queryDeferred(ctx, q)
			if err != nil {
				return err
			}
			for _, d := range found {
				out = append(out, d.name+": "+d.create)
			}
		}
		return nil
	})
	return out, err
}

// StoredSensitive returns a member's sensitive columns as stored, sealed.
func StoredSensitive(db *DB, memberID int64) (race, accommodations string, err error) {
	err = db.read.pool.QueryRow(`SELECT race, accommodations FROM member_sensitive WHERE member_id = $1`, memberID).
		Scan(&race, &accommodations)
	return race, accommodations, err
}

// SetStoredRace writes a member's race column as it is, unsealed or not.
func SetStoredRace(db *DB, memberID int64, race string) error {
	_, err := db.write.Exec(`UPDATE member_sensitive SET race = $1 WHERE member_id = $2`, race, memberID)
	return err
}

// OpenAtVersion opens dsn migrated only up to version, so that tests can
// put data in an older schema and see a later migration carry it over.
func OpenAtVersion(ctx context.Context, dsn string, version int64) (*DB, error) {
	db, err := connect(dsn)
	if err != nil {
		return nil, err
	}
	p, err := db.migrator(db.write)
	if err == nil {
		_, err = p.UpTo(ctx, version)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Exec runs a statement on the writer.
func (db *DB) Exec(query string, args ...any) error {
	_, err := db.write.Exec(query, args...)
	return err
}

// VersionRecheck is how soon a change another process made is seen.
const VersionRecheck = versionRecheck

// AnchorViews anchors the log of views' head in the main log now, as the
// database does once a minute.
func (db *DB) AnchorViews(ctx context.Context) error { return db.views.anchors.anchor(ctx) }

// AuditQueueSuffix names the audit queue file older rankfiles kept beside
// a SQLite database.
const AuditQueueSuffix = auditQueueSuffix

// FindAPITokenSQL is the query that authenticates an API token, for the
// test that checks its plan.
const FindAPITokenSQL = findAPITokenSQL

// TimeArg formats a time as the database's statements take it.
func (db *DB) TimeArg(t time.Time) any { return db.timeArg(t) }

// HashSecret is the hash a secret is stored as.
func HashSecret(secret string) string { return hashSecret(secret) }

// QueryStrings runs a query on the writer and returns each row's last
// column as text: the lines of a query plan.
func (db *DB) QueryStrings(query string, args ...any) ([]string, error) {
	rows, err := db.write.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprint(vals[len(vals)-1]))
	}
	return out, rows.Err()
}

// PlainAuditHash is the plain SHA-256 hash of an entry, as someone
// without the audit key can compute it.
var PlainAuditHash = plainAuditHash

// InsertAuditEntry writes e into the log as it is, id and hashes
// included, as someone with access to the database could.
func InsertAuditEntry(db *DB, e *rankfile.AuditEntry) error {
	_, err := db.write.Exec(`INSERT INTO audit_log (id, at, actor_id, actor, action, subject_id, detail, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		e.ID, db.timeArg(e.At), nullID(e.ActorID), e.Actor, e.Action, nullID(e.SubjectID), e.Detail, e.PrevHash, e.Hash)
	return err
}

// StoredDetails returns a member's details column as stored.
func StoredDetails(db *DB, memberID int64) (string, error) {
	var details string
	err := db.read.pool.QueryRow(`SELECT details FROM member_details WHERE member_id = $1`, memberID).Scan(&details)
	return details, err
}
