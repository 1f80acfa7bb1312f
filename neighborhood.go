package rankfile

import "context"

// Neighborhood groups by geography: the primary place new members are
// plugged into. Each neighborhood group of a branch may have a boundary
// inside its branch's; a member is placed in the group of her branch whose
// boundary holds her point (her own coordinates, else the centre of her
// mailing ZIP, else of her billing ZIP: the point that places her in her
// branch), or in the group of her branch she chose instead.
//
// A member whose point lies in no group of her branch, or who has no point
// or no branch, is in no group until she chooses one. When her branch
// changes (new branch boundaries, a new point, a new list, or a branch she
// chose), she is placed again in her new branch's groups, and her own
// choice of group is dropped if that group is not in her new branch.

// NeighborhoodMove is one member whose neighborhood group changed.
type NeighborhoodMove struct {
	MemberID int64  `json:"member_id"`
	Name     string `json:"name"`
	From     string `json:"from"` // group slug, "" for none
	To       string `json:"to"`
	// Dropped is set when the member's own choice of group was dropped
	// because the group is not in her branch any more.
	Dropped bool `json:"dropped,omitempty"`
}

// NeighborhoodReport says what placing members in groups did.
type NeighborhoodReport struct {
	Groups  int                `json:"groups"` // boundaries loaded
	Placed  int                `json:"placed"` // members in a group
	Outside int                `json:"outside"`
	Moved   int                `json:"moved"`
	Dropped int                `json:"dropped"` // own choices dropped
	Moves   []NeighborhoodMove `json:"moves"`
}

// NeighborhoodPlace is the group a member is in and the groups she may
// choose from.
type NeighborhoodPlace struct {
	// Group is her effective group, nil for none.
	Group *Body
	// Chosen says that she chose Group herself.
	Chosen bool
	// Choices are the neighborhood groups of her branch.
	Choices []*Body
}

// NeighborhoodService keeps members sorted into neighborhood groups.
type NeighborhoodService interface {
	// LoadNeighborhoods replaces the boundaries of the neighborhood groups
	// of every branch js names with js (groups of those branches missing
	// from js lose theirs) and re-sorts every member, in one transaction.
	// Each boundary names an existing neighborhood group (Slug) and its
	// branch (Branch), and must lie inside the branch's boundary: EINVALID
	// or ENOTFOUND otherwise, and nothing changes.
	LoadNeighborhoods(ctx context.Context, js []Jurisdiction, actor string) (*NeighborhoodReport, error)

	// FindNeighborhoodBoundaries returns the stored group boundaries, each
	// with its branch.
	FindNeighborhoodBoundaries(ctx context.Context) ([]Jurisdiction, error)

	// FindNeighborhoodPlace returns the member's group and her choices.
	FindNeighborhoodPlace(ctx context.Context, memberID int64) (*NeighborhoodPlace, error)

	// ChooseNeighborhood records the group a member chose, "" to go back to
	// the one she lives in. EINVALID for a group not in her branch.
	ChooseNeighborhood(ctx context.Context, memberID int64, slug, by string) error
}
