package store

import (
	"context"
	"strconv"
)

// The calendar's version: one more with every committed change to what
// calendar feeds show (an event put on the calendar, changed or
// cancelled, its co-hosts), so that a feed written once can be served
// again until the calendar changes. Registrations do not move it: feeds
// show no counts. It is a row of the settings table, moved in the same
// transaction as the change, so that a change made by any process is seen
// by every other at its next read, and two changes committed in any order
// leave two versions.

// calendarVersionKey is the settings row holding the version.
const calendarVersionKey = "calendar_version"

// touchCalendar moves the calendar's version on, as part of the
// transaction.
func (tx *Tx) touchCalendar(ctx context.Context) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, '1')
		ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT)`, calendarVersionKey)
	return err
}

// CalendarVersion returns the calendar's version as last committed: 0
// until the first event.
func (s *EventService) CalendarVersion(ctx context.Context) (int64, error) {
	v, err := s.db.Setting(ctx, calendarVersionKey)
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}
