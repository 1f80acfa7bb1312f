package store

import (
	"context"
	"sync"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// branchSorter finds the branch a member lives in. Most members are placed
// by their ZIP's centroid, so it remembers the answer for each point: a
// county has hundreds of ZIPs and a roster has thousands of members.
type branchSorter struct {
	locator *geo.Locator
	ids     map[string]int64 // branch slug -> body id
	slugs   map[int64]string
	// chapters gives each branch's chapter: a branch takes only the
	// members of its own chapter, whoever else lives inside its boundary.
	chapters map[int64]int64
	mu       sync.Mutex // the importer places members from two goroutines
	cache    map[rankfile.Point]int64
}

// newBranchSorter loads the stored boundaries.
func newBranchSorter(ctx context.Context, q querier) (*branchSorter, error) {
	js, ids, err := loadJurisdictions(ctx, q)
	if err != nil {
		return nil, err
	}
	loc, err := geo.NewLocator(js)
	if err != nil {
		return nil, err
	}
	slugs, chapters, err := branchIndex(ctx, q)
	if err != nil {
		return nil, err
	}
	return &branchSorter{locator: loc, ids: ids, slugs: slugs, chapters: chapters, cache: map[rankfile.Point]int64{}}, nil
}

// branchIndex returns the slug of every branch, with or without a
// boundary, and the chapter of each branch in one (0 for none), from one
// reading of the bodies.
func branchIndex(ctx context.Context, q querier) (slugs map[int64]string, chapters map[int64]int64, err error) {
	bodies, err := findBodies(ctx, q, rankfile.BodyFilter{})
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[int64]*rankfile.Body, len(bodies))
	for _, b := range bodies {
		byID[b.ID] = b
	}
	slugs, chapters = map[int64]string{}, map[int64]int64{}
	for _, b := range bodies {
		if b.Kind == rankfile.KindBranch {
			slugs[b.ID], chapters[b.ID] = b.Slug, rankfile.ChapterOf(b.ID, byID)
		}
	}
	return slugs, chapters, nil
}

// locate returns the body id of the branch of a member of the chapter
// (0 for none) who lives where their point or ZIPs say; 0 for none. A
// branch of a chapter takes no member of another.
func (s *branchSorter) locate(chapter int64, own *rankfile.Point, mailingZip, billingZip string) int64 {
	if len(s.ids) == 0 {
		// No branch has a boundary (a national list, most chapters): a
		// tenth of reading such a list went to finding points nobody needs.
		return 0
	}
	p, ok := geo.MemberPoint(own, mailingZip, billingZip)
	if !ok {
		return 0
	}
	id := s.at(p)
	if c := s.chapters[id]; c != 0 && c != chapter {
		return 0
	}
	return id
}

// at returns the id of the branch whose boundary holds p, 0 for none.
func (s *branchSorter) at(p rankfile.Point) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.cache[p]; ok {
		return id
	}
	id := s.ids[s.locator.Locate(p)]
	s.cache[p] = id
	return id
}

// loadJurisdictions returns the stored boundaries in load order and the
// body id of each branch slug.
func loadJurisdictions(ctx context.Context, q querier) ([]rankfile.Jurisdiction, map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT b.id, b.slug, b.name, j.geometry
		FROM jurisdictions j JOIN bodies b ON b.id = j.body_id
		ORDER BY j.position`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var js []rankfile.Jurisdiction
	ids := map[string]int64{}
	for rows.Next() {
		var j rankfile.Jurisdiction
		var id int64
		var geometry string
		if err := rows.Scan(&id, &j.Slug, &j.Name, &geometry); err != nil {
			return nil, nil, err
		}
		j.Geometry = []byte(geometry)
		js = append(js, j)
		ids[j.Slug] = id
	}
	return js, ids, rows.Err()
}
