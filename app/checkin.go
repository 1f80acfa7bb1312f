package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Checking people in at the door, as meetings' and events' hosts do: a
// member as a host sees them (see name_search.go for how hosts find them).

// CheckInCandidate is a member a host may check in.
type CheckInCandidate struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Branch string `json:"branch,omitempty"`
	// Good is whether they are in good standing today: whether they vote.
	Good bool `json:"good"`
	// In names the session they are checked into, "" when none.
	In string `json:"in,omitempty"`
}

// candidate is a member as a host sees them.
func (a *App) candidate(m *rankfile.Member, branches map[int64]string) *CheckInCandidate {
	return &CheckInCandidate{ID: m.ID, Name: m.FullName(), Branch: branches[m.Branch.ID()],
		Good: m.StandingOn(a.Today()).IsGood()}
}

// branchNames maps branch ids to names.
func (a *App) branchNames(ctx context.Context) (map[int64]string, error) {
	branches, err := a.BranchList(ctx)
	names := map[int64]string{}
	for _, b := range branches {
		names[b.ID] = b.Name
	}
	return names, err
}
