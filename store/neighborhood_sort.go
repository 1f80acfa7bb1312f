package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// neighborhoodSorter finds the neighborhood group a member lives in, among
// the groups of her branch only: a group's boundary is drawn inside its
// branch, and a member who chose another branch belongs to its groups.
type neighborhoodSorter struct {
	locators map[int64]*geo.Locator // branch id -> its groups' boundaries
	ids      map[string]int64       // group slug -> body id
	slugs    map[int64]string       // group id -> slug
	branchOf map[int64]int64        // group id -> its branch's id
	cache    map[placeKey]int64
}

type placeKey struct {
	branch int64
	point  rankfile.Point
}

// newNeighborhoodSorter loads every neighborhood group and the stored
// boundaries.
func newNeighborhoodSorter(ctx context.Context, q querier) (*neighborhoodSorter, error) {
	s := &neighborhoodSorter{locators: map[int64]*geo.Locator{}, ids: map[string]int64{},
		slugs: map[int64]string{}, branchOf: map[int64]int64{}, cache: map[placeKey]int64{}}
	if err := s.loadGroups(ctx, q); err != nil {
		return nil, err
	}
	byBranch, err := loadNeighborhoodBoundaries(ctx, q)
	if err != nil {
		return nil, err
	}
	for branch, js := range byBranch {
		if s.locators[branch], err = geo.NewLocator(js); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// loadGroups reads every neighborhood group that has not been dissolved.
func (s *neighborhoodSorter) loadGroups(ctx context.Context, q querier) error {
	rows, err := q.QueryContext(ctx, `SELECT id, slug, COALESCE(parent_id, 0) FROM bodies
		WHERE kind = $1 AND dissolved_at IS NULL`, rankfile.KindNeighborhoodGroup)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, parent int64
		var slug string
		if err := rows.Scan(&id, &slug, &parent); err != nil {
			return err
		}
		s.ids[slug], s.slugs[id], s.branchOf[id] = id, slug, parent
	}
	return rows.Err()
}

// loadNeighborhoodBoundaries returns the stored group boundaries by the
// id of their branch, each in load order.
func loadNeighborhoodBoundaries(ctx context.Context, q querier) (map[int64][]rankfile.Jurisdiction, error) {
	rows, err := q.QueryContext(ctx, `SELECT COALESCE(g.parent_id, 0), g.slug, g.name, COALESCE(p.slug, ''), nb.geometry
		FROM neighborhood_boundaries nb JOIN bodies g ON g.id = nb.body_id LEFT JOIN bodies p ON p.id = g.parent_id
		WHERE g.dissolved_at IS NULL ORDER BY nb.position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]rankfile.Jurisdiction{}
	for rows.Next() {
		var branch int64
		var j rankfile.Jurisdiction
		var geometry string
		if err := rows.Scan(&branch, &j.Slug, &j.Name, &j.Branch, &geometry); err != nil {
			return nil, err
		}
		j.Geometry = []byte(geometry)
		out[branch] = append(out[branch], j)
	}
	return out, rows.Err()
}

// locate returns the id of the group of the branch whose boundary holds
// the member's point, 0 for none: no point, no branch, or a point in none
// of its groups.
func (s *neighborhoodSorter) locate(branch int64, own *rankfile.Point, mailingZip, billingZip string) int64 {
	loc := s.locators[branch]
	if loc == nil {
		return 0
	}
	p, ok := geo.MemberPoint(own, mailingZip, billingZip)
	if !ok {
		return 0
	}
	key := placeKey{branch, p}
	if id, ok := s.cache[key]; ok {
		return id
	}
	id := s.ids[loc.Locate(p)]
	s.cache[key] = id
	return id
}

// groupedMember is a member as re-sorting into groups sees her.
type groupedMember struct {
	id                  int64
	name                string
	mailingZip, billZip string
	point               *rankfile.Point
	branch              int64 // effective
	located, chosen     int64
}

const groupedSelect = `SELECT id, first_name, last_name, mailing_zip, billing_zip, lat, lon,
	COALESCE(chosen_branch_id, located_branch_id, 0), COALESCE(located_group_id, 0), COALESCE(chosen_group_id, 0)
	FROM members`

// resortNeighborhoods places members in groups again: every member when
// memberID is 0, else that one. A member's own choice of group is dropped
// when the group is not in her branch (any more); a member whose point is
// in no group of her branch is in none. Each member whose group changed
// gets a history entry saying why (note).
func (tx *Tx) resortNeighborhoods(ctx context.Context, memberID int64, actor, note string) (*rankfile.NeighborhoodReport, error) {
	sorter, err := newNeighborhoodSorter(ctx, tx)
	if err != nil {
		return nil, err
	}
	report := &rankfile.NeighborhoodReport{Moves: []rankfile.NeighborhoodMove{}}
	if idle, err := tx.noNeighborhoods(ctx, sorter); idle || err != nil {
		return report, err // a chapter without group boundaries pays nothing on import
	}
	members, err := loadGroupedMembers(ctx, tx, memberID)
	if err != nil {
		return nil, err
	}
	var changed []*groupedMember
	for _, m := range members {
		if mv, ok := sorter.place(m); ok {
			changed = append(changed, m)
			if mv.From != mv.To || mv.Dropped {
				report.Moves = append(report.Moves, mv)
			}
		}
		if effective(m.chosen, m.located) != 0 {
			report.Placed++
		} else {
			report.Outside++
		}
	}
	report.Moved = len(report.Moves)
	for _, mv := range report.Moves {
		if mv.Dropped {
			report.Dropped++
		}
	}
	if err := tx.writeGroups(ctx, changed); err != nil {
		return nil, err
	}
	return report, tx.recordGroupMoves(ctx, report.Moves, actor, note)
}

// noNeighborhoods reports that no group has a boundary and no member is
// in a group: then nobody can be placed or moved.
func (tx *Tx) noNeighborhoods(ctx context.Context, sorter *neighborhoodSorter) (bool, error) {
	if len(sorter.locators) > 0 {
		return false, nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM members
		WHERE COALESCE(chosen_group_id, located_group_id) IS NOT NULL LIMIT 1) grouped`).Scan(&n) // as the index has it
	return n == 0, err
}

// place sorts one member, and says whether her row changes and how her
// group did.
func (s *neighborhoodSorter) place(m *groupedMember) (rankfile.NeighborhoodMove, bool) {
	before := effective(m.chosen, m.located)
	located := s.locate(m.branch, m.point, m.mailingZip, m.billZip)
	chosen := m.chosen
	dropped := chosen != 0 && (m.branch == 0 || s.branchOf[chosen] != m.branch)
	if dropped {
		chosen = 0 // the group she chose is not in her branch now
	}
	if located == m.located && chosen == m.chosen {
		return rankfile.NeighborhoodMove{}, false
	}
	m.located, m.chosen = located, chosen
	return rankfile.NeighborhoodMove{MemberID: m.id, Name: m.name, From: s.slugs[before],
		To: s.slugs[effective(chosen, located)], Dropped: dropped}, true
}

func loadGroupedMembers(ctx context.Context, tx *Tx, memberID int64) ([]*groupedMember, error) {
	q, args := groupedSelect+` ORDER BY id`, []any{}
	if memberID != 0 {
		q, args = groupedSelect+` WHERE id = $1`, []any{memberID}
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*groupedMember
	for rows.Next() {
		m := &groupedMember{}
		var first, last string
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&m.id, &first, &last, &m.mailingZip, &m.billZip, &lat, &lon,
			&m.branch, &m.located, &m.chosen); err != nil {
			return nil, err
		}
		m.name = first + " " + last
		if lat.Valid && lon.Valid {
			m.point = &rankfile.Point{Lat: lat.Float64, Lon: lon.Float64}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// writeGroups stores the new groups of each changed member, in id order,
// a chunk of members per statement as writeLocated does.
func (tx *Tx) writeGroups(ctx context.Context, changed []*groupedMember) error {
	if len(changed) == 0 {
		return nil
	}
	if tx.db.dialect == Postgres {
		return tx.writeGroupsPostgres(ctx, changed)
	}
	const perStmt = 300
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for len(changed) > 0 {
		n := min(len(changed), perStmt)
		args := make([]any, 0, 3*n+1)
		for _, m := range changed[:n] {
			args = append(args, m.id, nullID(m.located), nullID(m.chosen))
		}
		args = append(args, tx.stamp)
		changed = changed[n:]
		if err := tx.execChunk(ctx, &full, n == perStmt, groupsUpdateSQLite(n), args); err != nil {
			return err
		}
	}
	return nil
}

// groupsUpdateSQLite sets the groups of n members given as (id, located,
// chosen) triples, followed by the update time.
func groupsUpdateSQLite(n int) string {
	values := strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", n), ", ")
	return `WITH moved (id, located, chosen) AS (VALUES ` + values + `)
		UPDATE members SET located_group_id = moved.located, chosen_group_id = moved.chosen, updated_at = ?
		FROM moved WHERE members.id = moved.id`
}

// writeGroupsPostgres sends every change in one statement; 0 stands for
// no group.
func (tx *Tx) writeGroupsPostgres(ctx context.Context, changed []*groupedMember) error {
	ids := make([]int64, len(changed))
	located := make([]int64, len(changed))
	chosen := make([]int64, len(changed))
	for i, m := range changed {
		ids[i], located[i], chosen[i] = m.id, m.located, m.chosen
	}
	_, err := tx.ExecContext(ctx, `UPDATE members SET located_group_id = NULLIF(moved.located, 0),
		chosen_group_id = NULLIF(moved.chosen, 0), updated_at = $4
		FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS moved (id, located, chosen)
		WHERE members.id = moved.id`, ids, located, chosen, tx.stamp)
	return err
}

// recordGroupMoves writes a history entry for each member whose group
// changed, saying when her own choice was dropped.
func (tx *Tx) recordGroupMoves(ctx context.Context, moves []rankfile.NeighborhoodMove, actor, note string) error {
	h := newHistoryWriter(tx)
	defer h.close()
	for _, mv := range moves {
		c := &rankfile.MemberChange{MemberID: mv.MemberID, Kind: rankfile.ChangeBranch, Actor: actor, Note: note,
			Changes: []rankfile.FieldChange{{Field: "neighborhood", Old: mv.From, New: mv.To}}}
		if mv.Dropped { // the group she chose is not in her branch now
			c.Changes = append(c.Changes, rankfile.FieldChange{Field: "chosen_neighborhood", Old: mv.From})
		}
		if err := h.add(ctx, c); err != nil {
			return err
		}
	}
	return h.flush(ctx)
}
