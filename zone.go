package rankfile

import (
	"sync"
	"time"
)

// zones keeps the time zones loaded by name: time.LoadLocation reads and
// parses the zone's file each time, and every event read from the store
// asks for its zone (5,000 of them for a year's feed, a third of the
// time it took).
var zones sync.Map

// loadZone is time.LoadLocation, loading each zone once.
func loadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}
