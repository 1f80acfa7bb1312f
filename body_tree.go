package rankfile

import (
	"context"
	"slices"
)

// BodyNode is a body in the organization's tree, with its member count.
type BodyNode struct {
	Body     *Body
	Count    *MemberCount
	Children []*BodyNode
}

// BodyTree is the whole organization as a tree.
type BodyTree struct {
	Roots []*BodyNode
}

// LoadBodyTree builds the tree of the active bodies (not dissolved) with
// their member counts on day d. Siblings are ordered by kind (branches
// before committees), then name.
func LoadBodyTree(ctx context.Context, bodies BodyService, d Date) (*BodyTree, error) {
	all, err := bodies.FindBodies(ctx, BodyFilter{})
	if err != nil {
		return nil, err
	}
	all = ActiveBodies(all)
	counts, err := bodies.CountMembers(ctx, d)
	if err != nil {
		return nil, err
	}
	nodes := make(map[int64]*BodyNode, len(all))
	for _, b := range all {
		n := &BodyNode{Body: b}
		if c, ok := counts[b.ID]; ok {
			n.Count = &c
		}
		nodes[b.ID] = n
	}
	tree := &BodyTree{}
	for _, b := range all {
		if parent, ok := nodes[b.ParentID]; ok {
			parent.Children = append(parent.Children, nodes[b.ID])
		} else {
			tree.Roots = append(tree.Roots, nodes[b.ID])
		}
	}
	sortNodes(tree.Roots)
	return tree, nil
}

func sortNodes(nodes []*BodyNode) {
	slices.SortStableFunc(nodes, func(a, b *BodyNode) int {
		return slices.Index(BodyKinds, a.Body.Kind) - slices.Index(BodyKinds, b.Body.Kind)
	})
	for _, n := range nodes {
		sortNodes(n.Children)
	}
}

// Walk visits every node, parents before children, with its depth.
func (t *BodyTree) Walk(fn func(n *BodyNode, depth int)) {
	var walk func(nodes []*BodyNode, depth int)
	walk = func(nodes []*BodyNode, depth int) {
		for _, n := range nodes {
			fn(n, depth)
			walk(n.Children, depth+1)
		}
	}
	walk(t.Roots, 0)
}

// FlatBody is a body as a list entry, for JSON.
type FlatBody struct {
	*Body
	ParentSlug string       `json:"parent_slug"`
	Depth      int          `json:"depth"`
	Members    *MemberCount `json:"members,omitempty"`
}

// Flatten lists the tree in Walk order.
func (t *BodyTree) Flatten() []FlatBody {
	slugs := map[int64]string{}
	out := []FlatBody{}
	t.Walk(func(n *BodyNode, depth int) {
		slugs[n.Body.ID] = n.Body.Slug
		out = append(out, FlatBody{Body: n.Body, ParentSlug: slugs[n.Body.ParentID], Depth: depth, Members: n.Count})
	})
	return out
}

// BodyView is a body with its seats, who holds them, and its members, on a day.
type BodyView struct {
	Body    *Body
	Seats   []SeatHolders
	Members []*Member // members holding no seat, as of a committee
}

// SeatHolders is a seat and the members holding it, with their positions
// in the same order.
type SeatHolders struct {
	Seat      *Seat       `json:"seat"`
	Holders   []*Member   `json:"holders"`
	Positions []*Position `json:"positions"`
}

// LoadBodyView gathers a body's seats and positions as they stand on day d.
func LoadBodyView(ctx context.Context, bodies BodyService, members MemberService, id int64, d Date) (*BodyView, error) {
	b, err := bodies.FindBody(ctx, BodyFilter{ID: id})
	if err != nil {
		return nil, err
	}
	seats, err := bodies.FindSeats(ctx, id)
	if err != nil {
		return nil, err
	}
	positions, err := bodies.FindPositions(ctx, PositionFilter{BodyID: id, ActiveOn: d})
	if err != nil {
		return nil, err
	}
	holders, err := holdersOf(ctx, members, id, d)
	if err != nil {
		return nil, err
	}
	view := &BodyView{Body: b}
	bySeat := map[int64]*SeatHolders{0: {}}
	for _, s := range seats {
		bySeat[s.ID] = &SeatHolders{Seat: s}
	}
	for _, p := range positions {
		m := holders[p.MemberID]
		if m == nil {
			return nil, Errorf(ENOTFOUND, "no such member")
		}
		h := bySeat[p.SeatID]
		h.Holders, h.Positions = append(h.Holders, m), append(h.Positions, p)
	}
	for _, s := range seats {
		view.Seats = append(view.Seats, *bySeat[s.ID])
	}
	view.Members = bySeat[0].Holders
	return view, nil
}

// holdersOf reads the members holding a position in body id on day d,
// by id: one read for all of them rather than one each.
func holdersOf(ctx context.Context, members MemberService, id int64, d Date) (map[int64]*Member, error) {
	list, _, err := members.FindMembers(ctx, MemberFilter{BodyID: id, AsOf: d})
	byID := make(map[int64]*Member, len(list))
	for _, m := range list {
		byID[m.ID] = m
	}
	return byID, err
}

// BranchOf returns the branch a body is, or is inside of, following its
// parents through bodies (every body, by id); 0 for a body in no branch,
// such as the chapter or one of its committees.
func BranchOf(id int64, bodies map[int64]*Body) int64 {
	return ancestorOf(id, KindBranch, bodies)
}

// ChapterOf returns the id of the chapter body id is in (itself when it
// is one), 0 for a body of the national organization or none.
func ChapterOf(id int64, bodies map[int64]*Body) int64 {
	return ancestorOf(id, KindChapter, bodies)
}

// ancestorOf returns the id of the nearest body of the kind among body id
// and its parents, 0 when there is none.
func ancestorOf(id int64, kind BodyKind, bodies map[int64]*Body) int64 {
	for range len(bodies) + 1 { // at most every body once, whatever the data says
		b, ok := bodies[id]
		switch {
		case !ok:
			return 0
		case b.Kind == kind:
			return b.ID
		}
		id = b.ParentID
	}
	return 0
}
