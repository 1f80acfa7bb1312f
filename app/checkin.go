package app

import (
	"context"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

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
	// Tag tells apart members of one name: the last two digits of their
	// member number, which says nothing of where they live or how to
	// reach them, and which they can read on their membership card.
	// Namesake says another found has the same name, so that pages show
	// it then.
	Tag      string `json:"tag,omitempty"`
	Namesake bool   `json:"namesake,omitempty"`
}

// candidate is a member as a host sees them.
func (a *App) candidate(m *rankfile.Member, branches map[int64]string) *CheckInCandidate {
	return &CheckInCandidate{ID: m.ID, Name: m.FullName(), Branch: branches[m.Branch.ID()],
		Good: m.StandingOn(a.Today()).IsGood(), Tag: lastDigits(m.NationalID, 2)}
}

// lastDigits returns the last n characters of a member number, "" when
// it is not longer than n (it would be the whole number).
func lastDigits(id string, n int) string {
	if len(id) <= n {
		return ""
	}
	return id[len(id)-n:]
}

// markNamesakes marks those found who share their name with another.
func markNamesakes(list []*CheckInCandidate) {
	names := map[string]int{}
	for _, c := range list {
		names[strings.ToLower(c.Name)]++
	}
	for _, c := range list {
		c.Namesake = names[strings.ToLower(c.Name)] > 1
	}
}

// SortCandidates puts those found in the order of their names in the
// reader's language (accents where that language sorts them), their
// branches and tags after.
func SortCandidates(list []*CheckInCandidate, lang string) {
	c := collate.New(language.Make(lang), collate.Loose)
	slices.SortStableFunc(list, func(a, b *CheckInCandidate) int {
		if n := c.CompareString(a.Name, b.Name); n != 0 {
			return n
		}
		if n := c.CompareString(a.Branch, b.Branch); n != 0 {
			return n
		}
		return strings.Compare(a.Tag, b.Tag)
	})
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
