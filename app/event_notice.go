package app

import "github.com/rankfile/rankfile"

// EventNotices is what a change to an event owes the people registered
// for it, by rankfile's rules (rankfile.EventChange.Notices): every path
// that registers, confirms, cancels, moves or promotes (pages, API,
// commands, guests) passes it to the store, which asks it under the
// event's lock and queues what it returns in the change's transaction.
func EventNotices(c *rankfile.EventChange) ([]*rankfile.Notice, error) {
	return c.Notices(), nil
}
