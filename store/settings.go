package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// Setting returns the value of an installation setting, "" when unset.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var value string
	err := db.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&value)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return value, db.translate(err)
}

// SetSetting stores an installation setting.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

// IsEmpty reports whether the database holds no members and no bodies.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM members) + (SELECT COUNT(*) FROM bodies)`).Scan(&n)
	return n == 0, db.translate(err)
}

// LoadSettings applies the stored settings that shape how the database
// works: the chapter's time zone, which decides what day "today" is.
func (db *DB) LoadSettings(ctx context.Context) error {
	zone, err := db.Setting(ctx, "time_zone")
	if err != nil || zone == "" {
		return err
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the time_zone setting %q is not a time zone: %v", zone, err)
	}
	db.Zone = loc
	return nil
}
