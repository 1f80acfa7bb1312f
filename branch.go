package rankfile

import (
	"context"
	"encoding/json"
)

// Jurisdiction is the area a branch covers. Members belong to the branch
// where they live.
type Jurisdiction struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	// Branch is the slug of the branch a neighborhood group's boundary
	// lies in; empty for a branch's own boundary.
	Branch string `json:"branch,omitempty"`
	// Geometry is a GeoJSON Polygon or MultiPolygon in WGS 84.
	Geometry json.RawMessage `json:"geometry"`
}

// BranchMove is one member whose branch changed.
type BranchMove struct {
	MemberID   int64  `json:"member_id"`
	NationalID string `json:"national_id"`
	Name       string `json:"name"`
	From       string `json:"from"` // branch slug, "" for unassigned
	To         string `json:"to"`
}

// BranchReport says what loading branch boundaries did.
type BranchReport struct {
	Branches   int          `json:"branches"`
	Assigned   int          `json:"assigned"`
	Unassigned int          `json:"unassigned"`
	Moved      int          `json:"moved"`
	Moves      []BranchMove `json:"moves"`
}

// BranchOptions are the settings of a boundary load.
type BranchOptions struct {
	// ChapterSlug is the body the branches belong to; when empty, the only
	// chapter if there is exactly one, else none.
	ChapterSlug string
	Actor       string
}

// BranchService keeps members sorted into branches.
type BranchService interface {
	// LoadBranches replaces the branch boundaries with js, creating branch
	// bodies that do not exist yet, and re-sorts every member in one
	// transaction. Branches missing from js keep their body but lose their
	// boundary. Members' own choices of branch are kept.
	LoadBranches(ctx context.Context, js []Jurisdiction, opts BranchOptions) (*BranchReport, error)

	// FindJurisdictions returns the stored boundaries.
	FindJurisdictions(ctx context.Context) ([]Jurisdiction, error)
}
