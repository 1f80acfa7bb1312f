package store

import (
	"sync"

	"github.com/rankfile/rankfile"
)

// rosterMemo is how many members a memberSet remembers before it starts
// again: more than the largest chapter's roster, and a few megabytes.
const rosterMemo = 250_000

// memberSet remembers member ids found on the roster, for checks that
// would otherwise ask the database each time. It is safe for concurrent
// use.
type memberSet struct {
	mu  sync.Mutex
	ids map[int64]struct{}
}

// unknown returns the ids the entries name (as actor or subject) that the
// set does not hold, each once; 0 names nobody and is never returned.
func (s *memberSet) unknown(entries []*rankfile.AuditEntry) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	asked := map[int64]bool{0: true}
	for _, e := range entries {
		for _, id := range []int64{e.ActorID, e.SubjectID} {
			if _, held := s.ids[id]; !held && !asked[id] {
				asked[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// add remembers ids, starting again once the set holds rosterMemo.
func (s *memberSet) add(ids []int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil || len(s.ids)+len(ids) > rosterMemo {
		s.ids = make(map[int64]struct{}, len(ids))
	}
	for _, id := range ids {
		s.ids[id] = struct{}{}
	}
}
