package store

import "strings"

// ClaimServing claims a SQLite database for the one server that may serve
// it, refusing (ECONFLICT) while another process's server holds it: two
// servers on one SQLite file would each keep its own sessions, rate
// limits, caches and live meetings, and each run the clock's once-only
// work. The claim is a lock on a file beside the database, which the
// system drops when the process ends, however it ends. PostgreSQL takes
// any number of servers, and release does nothing there.
func (db *DB) ClaimServing() (release func(), err error) {
	if db.dialect != SQLite {
		return func() {}, nil
	}
	return claimServing(strings.TrimPrefix(db.dsn, "file:") + ".serving")
}
