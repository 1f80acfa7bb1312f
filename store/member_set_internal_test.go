package store

import (
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
)

// TestMemberSetAsksOnlyAboutWhomItHasNotFound checks that the set returns
// each unknown id once, never 0, and forgets nothing it was told until it
// is full, when it starts again.
func TestMemberSetAsksOnlyAboutWhomItHasNotFound(t *testing.T) {
	var s memberSet
	entries := []*rankfile.AuditEntry{{ActorID: 7, SubjectID: 0}, {ActorID: 7, SubjectID: 9}, {ActorID: 0, SubjectID: 11}}
	if got := s.unknown(entries); !slices.Equal(got, []int64{7, 9, 11}) {
		t.Fatalf("unknown at first = %v; want 7, 9, 11", got)
	}
	s.add([]int64{7, 9})
	if got := s.unknown(entries); !slices.Equal(got, []int64{11}) {
		t.Errorf("unknown after finding 7 and 9 = %v; want 11 alone", got)
	}
	full := make([]int64, rosterMemo)
	for i := range full {
		full[i] = int64(1000 + i)
	}
	s.add(full)
	if got := s.unknown(entries); !slices.Equal(got, []int64{7, 9, 11}) {
		t.Errorf("unknown once the set started again = %v; want 7, 9, 11", got)
	}
}
