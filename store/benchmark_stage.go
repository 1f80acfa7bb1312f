package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// MemberStages returns every member's stage on day, loading the records
// the benchmarks load, once for all members: a phonebank choosing members
// by stage asks this rather than one member at a time.
func (s *BenchmarkService) MemberStages(ctx context.Context, day rankfile.Date) (map[int64]string, error) {
	ladder, err := NewLadderService(s.db).Ladder(ctx)
	if err != nil {
		return nil, err
	}
	members, err := s.benchmarkMembers(ctx, day)
	if err != nil {
		return nil, err
	}
	return ladder.Stages(members, day), nil
}
