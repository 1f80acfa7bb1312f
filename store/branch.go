package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rankfile/rankfile"
)

// BranchService keeps members sorted into branches. It implements
// rankfile.BranchService.
type BranchService struct{ db *DB }

// NewBranchService returns the branch service of db.
func NewBranchService(db *DB) *BranchService { return &BranchService{db: db} }

var _ rankfile.BranchService = (*BranchService)(nil)

// LoadBranches replaces the boundaries and re-sorts every member, in one
// transaction under the roster lock (an import running at the same time
// waits, or is waited for).
func (s *BranchService) LoadBranches(ctx context.Context, js []rankfile.Jurisdiction, opts rankfile.BranchOptions) (*rankfile.BranchReport, error) {
	if len(js) == 0 {
		return nil, rankfile.Errorf(rankfile.EINVALID, "no branch boundaries given")
	}
	var report *rankfile.BranchReport
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lock(ctx, "roster"); err != nil {
			return err
		}
		if err := tx.storeJurisdictions(ctx, js, opts.ChapterSlug); err != nil {
			return err
		}
		var err error
		report, err = tx.resortMembers(ctx, opts.Actor)
		if err != nil {
			return err
		}
		report.Branches = len(js)
		if _, err := tx.resortNeighborhoods(ctx, 0, opts.Actor, "branch boundaries loaded"); err != nil {
			return err
		}
		return tx.touchRoster(ctx)
	})
	if err == nil {
		s.db.refreshStatistics(ctx)
	}
	return report, err
}

// storeJurisdictions creates missing branch bodies and replaces every
// stored boundary with the new ones.
func (tx *Tx) storeJurisdictions(ctx context.Context, js []rankfile.Jurisdiction, chapterSlug string) error {
	parent, err := tx.branchParent(ctx, chapterSlug)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM jurisdictions`); err != nil {
		return err
	}
	for i, j := range js {
		id, err := tx.branchBody(ctx, j, parent)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO jurisdictions (body_id, position, geometry, loaded_at)
			VALUES ($1, $2, $3, $4)`, id, i, string(j.Geometry), tx.now); err != nil {
			return err
		}
	}
	return nil
}

// branchParent finds the chapter new branches belong to: the one named,
// else the only chapter, else none.
func (tx *Tx) branchParent(ctx context.Context, slug string) (int64, error) {
	chapters, err := findBodies(ctx, tx, rankfile.BodyFilter{Kind: rankfile.KindChapter, Slug: slug})
	switch {
	case err != nil:
		return 0, err
	case slug != "" && len(chapters) == 0:
		return 0, rankfile.Errorf(rankfile.ENOTFOUND, "no chapter %q", slug)
	case len(chapters) == 1:
		return chapters[0].ID, nil
	}
	return 0, nil
}

// branchBody returns the id of the branch body for j, creating it if needed.
func (tx *Tx) branchBody(ctx context.Context, j rankfile.Jurisdiction, parent int64) (int64, error) {
	bodies, err := findBodies(ctx, tx, rankfile.BodyFilter{Slug: j.Slug})
	if err != nil {
		return 0, err
	}
	if len(bodies) == 1 {
		if bodies[0].Kind != rankfile.KindBranch {
			return 0, rankfile.Errorf(rankfile.ECONFLICT, "the slug %q belongs to a %s, not a branch", j.Slug, bodies[0].Kind)
		}
		return bodies[0].ID, nil
	}
	b := &rankfile.Body{ParentID: parent, Kind: rankfile.KindBranch, Slug: j.Slug, Name: j.Name}
	err = tx.createBody(ctx, b)
	return b.ID, err
}

// FindJurisdictions returns the stored boundaries in load order.
func (s *BranchService) FindJurisdictions(ctx context.Context) ([]rankfile.Jurisdiction, error) {
	js, _, err := loadJurisdictions(ctx, s.db.read)
	return js, s.db.translate(err)
}

// placedMember is a member as re-sorting sees them.
type placedMember struct {
	id                   int64
	nationalID, name     string
	mailingZip, billZip  string
	point                *rankfile.Point
	located, chosen, was int64
	chapter              int64
}

// resortMembers places every member by the stored boundaries, writes the
// ones whose branch changed, and records a history entry for each member
// whose effective branch moved.
func (tx *Tx) resortMembers(ctx context.Context, actor string) (*rankfile.BranchReport, error) {
	sorter, err := newBranchSorter(ctx, tx)
	if err != nil {
		return nil, err
	}
	members, err := loadPlacedMembers(ctx, tx)
	if err != nil {
		return nil, err
	}
	report := &rankfile.BranchReport{Moves: []rankfile.BranchMove{}}
	var changed []*placedMember
	for _, m := range members {
		before := effective(m.chosen, m.located)
		m.was = m.located
		m.located = sorter.locate(m.chapter, m.point, m.mailingZip, m.billZip)
		if m.located != m.was {
			changed = append(changed, m)
		}
		after := effective(m.chosen, m.located)
		if after == 0 {
			report.Unassigned++
		} else {
			report.Assigned++
		}
		if after != before {
			report.Moves = append(report.Moves, rankfile.BranchMove{MemberID: m.id, NationalID: m.nationalID,
				Name: m.name, From: sorter.slugs[before], To: sorter.slugs[after]})
		}
	}
	report.Moved = len(report.Moves)
	if err := tx.writeLocated(ctx, changed); err != nil {
		return nil, err
	}
	if err := tx.recordMoves(ctx, report.Moves, actor); err != nil {
		return nil, err
	}
	return report, tx.audit(ctx, rankfile.AuditLoadBranches, 0,
		sprintf("%d assigned, %d unassigned, %d moved", report.Assigned, report.Unassigned, report.Moved))
}

func effective(chosen, located int64) int64 {
	if chosen != 0 {
		return chosen
	}
	return located
}

const placedSelect = `SELECT id, COALESCE(national_id, ''), first_name, last_name, mailing_zip, billing_zip,
	lat, lon, COALESCE(located_branch_id, 0), COALESCE(chosen_branch_id, 0), COALESCE(chapter_id, 0) FROM members`

func loadPlacedMembers(ctx context.Context, tx *Tx) ([]*placedMember, error) {
	rows, err := tx.QueryContext(ctx, placedSelect+` ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*placedMember
	for rows.Next() {
		m, err := scanPlaced(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// placedMember returns one member as re-sorting sees them.
func (tx *Tx) placedMember(ctx context.Context, id int64) (*placedMember, error) {
	m, err := scanPlaced(tx.QueryRowContext(ctx, placedSelect+` WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	}
	return m, err
}

func scanPlaced(row interface{ Scan(...any) error }) (*placedMember, error) {
	m := &placedMember{}
	var first, last string
	var lat, lon sql.NullFloat64
	if err := row.Scan(&m.id, &m.nationalID, &first, &last, &m.mailingZip, &m.billZip,
		&lat, &lon, &m.located, &m.chosen, &m.chapter); err != nil {
		return nil, err
	}
	m.name = first + " " + last
	if lat.Valid && lon.Valid {
		m.point = &rankfile.Point{Lat: lat.Float64, Lon: lon.Float64}
	}
	return m, nil
}

// writeLocated stores the new located branch of each changed member, in
// id order, so that the table is passed over once however many branches
// members move between.
func (tx *Tx) writeLocated(ctx context.Context, changed []*placedMember) error {
	if len(changed) == 0 {
		return nil
	}
	if tx.db.dialect == Postgres {
		return tx.writeLocatedPostgres(ctx, changed)
	}
	const perStmt = 500
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for len(changed) > 0 {
		n := min(len(changed), perStmt)
		args := make([]any, 0, 2*n+1)
		for _, m := range changed[:n] {
			args = append(args, m.id, nullID(m.located))
		}
		args = append(args, tx.stamp)
		changed = changed[n:]
		if err := tx.execChunk(ctx, &full, n == perStmt, locatedUpdateSQLite(n), args); err != nil {
			return err
		}
	}
	return nil
}

// locatedUpdateSQLite sets the located branch of n members given as
// (id, branch) pairs, followed by the update time: the pairs are joined in
// as a table of values.
func locatedUpdateSQLite(n int) string {
	values := strings.TrimSuffix(strings.Repeat("(?, ?), ", n), ", ")
	return `WITH moved (id, branch) AS (VALUES ` + values + `)
		UPDATE members SET located_branch_id = moved.branch, updated_at = ?
		FROM moved WHERE members.id = moved.id`
}

// writeLocatedPostgres sends every change in one statement, as two arrays
// PostgreSQL unnests into a table; branch 0 stands for none.
func (tx *Tx) writeLocatedPostgres(ctx context.Context, changed []*placedMember) error {
	ids := make([]int64, len(changed))
	branches := make([]int64, len(changed))
	for i, m := range changed {
		ids[i], branches[i] = m.id, m.located
	}
	_, err := tx.ExecContext(ctx, `UPDATE members SET located_branch_id = NULLIF(moved.branch, 0), updated_at = $3
		FROM unnest($1::bigint[], $2::bigint[]) AS moved (id, branch) WHERE members.id = moved.id`,
		ids, branches, tx.stamp)
	return err
}

func (tx *Tx) recordMoves(ctx context.Context, moves []rankfile.BranchMove, actor string) error {
	h := newHistoryWriter(tx)
	defer h.close()
	for _, mv := range moves {
		err := h.add(ctx, &rankfile.MemberChange{MemberID: mv.MemberID, Kind: rankfile.ChangeBranch,
			Actor: actor, Note: "branch boundaries loaded",
			Changes: []rankfile.FieldChange{{Field: "branch", Old: mv.From, New: mv.To}}})
		if err != nil {
			return err
		}
	}
	return h.flush(ctx)
}
