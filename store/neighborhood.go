package store

import (
	"context"
	"database/sql"
	"maps"
	"slices"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// NeighborhoodService keeps members sorted into neighborhood groups. It
// implements rankfile.NeighborhoodService.
type NeighborhoodService struct{ db *DB }

// NewNeighborhoodService returns the neighborhood service of db.
func NewNeighborhoodService(db *DB) *NeighborhoodService { return &NeighborhoodService{db: db} }

var _ rankfile.NeighborhoodService = (*NeighborhoodService)(nil)

// LoadNeighborhoods replaces the group boundaries of the branches js names
// and re-sorts every member, in one transaction under the roster lock.
// Any bad boundary fails the whole load before anything is written.
func (s *NeighborhoodService) LoadNeighborhoods(ctx context.Context, js []rankfile.Jurisdiction, actor string) (*rankfile.NeighborhoodReport, error) {
	if len(js) == 0 {
		return nil, rankfile.Errorf(rankfile.EINVALID, "no neighborhood group boundaries given")
	}
	var report *rankfile.NeighborhoodReport
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lock(ctx, "roster"); err != nil {
			return err
		}
		if err := tx.storeNeighborhoods(ctx, js); err != nil {
			return err
		}
		var err error
		if report, err = tx.resortNeighborhoods(ctx, 0, actor, "neighborhood group boundaries loaded"); err != nil {
			return err
		}
		report.Groups = len(js)
		if err := tx.touchRoster(ctx); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditLoadNeighborhoods, 0, sprintf("%d groups: %d placed, %d outside, %d moved",
			report.Groups, report.Placed, report.Outside, report.Moved))
	})
	return report, s.db.translate(err)
}

// storeNeighborhoods checks every boundary against its group and branch,
// then replaces the boundaries of the groups of the branches named.
func (tx *Tx) storeNeighborhoods(ctx context.Context, js []rankfile.Jurisdiction) error {
	ids, branches, err := tx.checkNeighborhoods(ctx, js)
	if err != nil {
		return err
	}
	for branch := range branches {
		if _, err := tx.ExecContext(ctx, `DELETE FROM neighborhood_boundaries
			WHERE body_id IN (SELECT id FROM bodies WHERE parent_id = $1)`, branch); err != nil {
			return err
		}
	}
	for i, j := range js {
		if _, err := tx.ExecContext(ctx, `INSERT INTO neighborhood_boundaries (body_id, position, geometry, loaded_at)
			VALUES ($1, $2, $3, $4)`, ids[i], i, string(j.Geometry), tx.now); err != nil {
			return err
		}
	}
	return nil
}

// checkNeighborhoods returns the body id of each boundary's group and the
// ids of the branches named, or the first boundary that is wrong: a group
// that does not exist, is not a neighborhood group of the branch named, or
// strays outside the branch's boundary.
func (tx *Tx) checkNeighborhoods(ctx context.Context, js []rankfile.Jurisdiction) ([]int64, map[int64]bool, error) {
	branchGeo, branchIDs, err := loadJurisdictions(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	shapes := map[string][]byte{}
	for _, b := range branchGeo {
		shapes[b.Slug] = b.Geometry
	}
	ids := make([]int64, len(js))
	branches := map[int64]bool{}
	for i, j := range js {
		if ids[i], err = tx.neighborhoodOf(ctx, j, branchIDs[j.Branch]); err != nil {
			return nil, nil, err
		}
		if err := checkInside(j, shapes[j.Branch]); err != nil {
			return nil, nil, err
		}
		branches[branchIDs[j.Branch]] = true
	}
	return ids, branches, nil
}

// neighborhoodOf returns the id of the neighborhood group j names, which
// must belong to the branch (0 when the branch has no boundary).
func (tx *Tx) neighborhoodOf(ctx context.Context, j rankfile.Jurisdiction, branch int64) (int64, error) {
	bodies, err := findBodies(ctx, tx, rankfile.BodyFilter{Slug: j.Slug})
	switch {
	case err != nil:
		return 0, err
	case branch == 0:
		return 0, rankfile.Errorf(rankfile.ENOTFOUND, "%s: no branch %q with a boundary", j.Slug, j.Branch)
	case len(bodies) == 0:
		return 0, rankfile.Errorf(rankfile.ENOTFOUND, "no neighborhood group %q", j.Slug)
	case bodies[0].Kind != rankfile.KindNeighborhoodGroup:
		return 0, rankfile.Errorf(rankfile.EINVALID, "%s is a %s, not a neighborhood group", j.Slug, bodies[0].Kind)
	case bodies[0].ParentID != branch:
		return 0, rankfile.Errorf(rankfile.EINVALID, "%s is not a neighborhood group of the branch %s", j.Slug, j.Branch)
	case bodies[0].Dissolved():
		return 0, rankfile.Errorf(rankfile.EINVALID, "%s has been dissolved", j.Slug)
	}
	return bodies[0].ID, nil
}

// checkInside refuses a group boundary that strays outside its branch's.
func checkInside(j rankfile.Jurisdiction, branch []byte) error {
	inside, err := geo.Inside(j.Geometry, branch)
	if err != nil {
		return err
	}
	if !inside {
		return rankfile.Errorf(rankfile.EINVALID, "the boundary of %s lies outside its branch %s", j.Slug, j.Branch)
	}
	return nil
}

// FindNeighborhoodBoundaries returns the stored group boundaries, branch by
// branch, each in load order.
func (s *NeighborhoodService) FindNeighborhoodBoundaries(ctx context.Context) ([]rankfile.Jurisdiction, error) {
	byBranch, err := loadNeighborhoodBoundaries(ctx, s.db.read)
	if err != nil {
		return nil, s.db.translate(err)
	}
	var out []rankfile.Jurisdiction
	for _, branch := range slices.Sorted(maps.Keys(byBranch)) { // the same order every time
		out = append(out, byBranch[branch]...)
	}
	return out, nil
}

// FindNeighborhoodPlace returns the member's group and the groups of her
// branch she may choose from.
func (s *NeighborhoodService) FindNeighborhoodPlace(ctx context.Context, memberID int64) (*rankfile.NeighborhoodPlace, error) {
	var branch, located, chosen int64
	err := s.db.read.QueryRowContext(ctx, `SELECT COALESCE(chosen_branch_id, located_branch_id, 0),
		COALESCE(located_group_id, 0), COALESCE(chosen_group_id, 0) FROM members WHERE id = $1`, memberID).
		Scan(&branch, &located, &chosen)
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	} else if err != nil {
		return nil, s.db.translate(err)
	}
	place := &rankfile.NeighborhoodPlace{Chosen: chosen != 0, Choices: []*rankfile.Body{}}
	if branch == 0 {
		return place, nil
	}
	groups, err := findBodies(ctx, s.db.read, rankfile.BodyFilter{ParentID: branch, Kind: rankfile.KindNeighborhoodGroup})
	if err != nil {
		return nil, s.db.translate(err)
	}
	for _, g := range groups {
		if g.Dissolved() {
			continue
		}
		place.Choices = append(place.Choices, g)
		if g.ID == effective(chosen, located) {
			place.Group = g
		}
	}
	return place, nil
}

// ChooseNeighborhood records the group a member chose within her branch;
// slug "" clears the choice, and she is placed by her point again.
func (s *NeighborhoodService) ChooseNeighborhood(ctx context.Context, memberID int64, slug, by string) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		var branch, chosen int64
		err := tx.QueryRowContext(ctx, `SELECT COALESCE(chosen_branch_id, located_branch_id, 0),
			COALESCE(chosen_group_id, 0) FROM members WHERE id = $1`, memberID).Scan(&branch, &chosen)
		if err == sql.ErrNoRows {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
		} else if err != nil {
			return err
		}
		group, err := tx.groupInBranch(ctx, slug, branch)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE members SET chosen_group_id = $1, updated_at = $2 WHERE id = $3`,
			nullID(group), tx.stamp, memberID); err != nil {
			return err
		}
		if err := tx.touchRoster(ctx); err != nil {
			return err
		}
		return tx.recordAuditedChange(ctx, rankfile.AuditChooseNeighborhood, &rankfile.MemberChange{
			MemberID: memberID, Kind: rankfile.ChangeBranch, Actor: by, Note: "neighborhood group chosen by the member",
			Changes: []rankfile.FieldChange{{Field: "chosen_neighborhood", Old: tx.bodySlug(ctx, chosen), New: slug}},
		})
	})
}

// groupInBranch returns the id of the neighborhood group with the slug,
// which must be in the branch; "" is no group.
func (tx *Tx) groupInBranch(ctx context.Context, slug string, branch int64) (int64, error) {
	if slug == "" {
		return 0, nil
	}
	bodies, err := findBodies(ctx, tx, rankfile.BodyFilter{Slug: slug})
	switch {
	case err != nil:
		return 0, err
	case len(bodies) == 0 || bodies[0].Kind != rankfile.KindNeighborhoodGroup || bodies[0].Dissolved():
		return 0, rankfile.Errorf(rankfile.ENOTFOUND, "no neighborhood group %q", slug)
	case branch == 0 || bodies[0].ParentID != branch:
		return 0, rankfile.Errorf(rankfile.EINVALID, "%s is not a neighborhood group of the member's branch", bodies[0].Name)
	}
	return bodies[0].ID, nil
}

// bodySlug returns the slug of a body, "" for none or on any error: it
// only labels a history entry.
func (tx *Tx) bodySlug(ctx context.Context, id int64) string {
	var slug string
	if id != 0 {
		_ = tx.QueryRowContext(ctx, `SELECT slug FROM bodies WHERE id = $1`, id).Scan(&slug)
	}
	return slug
}
