package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// MemberService reads and changes members. It implements
// rankfile.MemberService.
type MemberService struct{ db *DB }

// NewMemberService returns the member service of db.
func NewMemberService(db *DB) *MemberService { return &MemberService{db: db} }

var _ rankfile.MemberService = (*MemberService)(nil)

// memberJoins adds the effective branch (b) and the standing override (o).
const memberJoins = `
	LEFT JOIN bodies b ON b.id = ` + effectiveBranch + `
	LEFT JOIN standing_overrides o ON o.member_id = m.id AND o.revoked_at IS NULL`

// effectiveBranch is BranchState.ID in SQL: the chosen branch, else the located one.
const effectiveBranch = `COALESCE(m.chosen_branch_id, m.located_branch_id)`

var memberSelect = `SELECT m.id, ` + memberFieldList() + `, COALESCE(m.chapter_id, 0), m.list_standing, m.on_list, m.lat, m.lon,
	COALESCE(m.located_branch_id, 0), COALESCE(m.chosen_branch_id, 0), COALESCE(b.slug, ''),
	m.created_at, m.updated_at, o.id, o.standing, o.reason, o.author, o.created_at, o.until,
	COALESCE(pr.language, ''), pr.mail_preference, pr.do_not_call, pr.text_opt_out, pr.weekly_email
	FROM members m LEFT JOIN member_details d ON d.member_id = m.id
	LEFT JOIN member_preferences pr ON pr.member_id = m.id` + memberJoins

// memberFieldList lists the roster columns and details, as memberScan reads them.
func memberFieldList() string {
	cols := append(fieldColumns(columnFields, "m."), "COALESCE(d.details, '{}')")
	cols[0] = "COALESCE(m.national_id, '')" // members added by hand may have none
	return strings.Join(cols, ", ")
}

// FindMember returns one member. ENOTFOUND when no member matches.
func (s *MemberService) FindMember(ctx context.Context, filter rankfile.MemberFilter) (*rankfile.Member, error) {
	filter.Offset, filter.Limit = 0, 1
	var members []*rankfile.Member
	var err error
	if filter.ID != 0 || filter.NationalID != "" || filter.Email != "" {
		// At most a few members match: no count, no page of ids first.
		members, err = s.readMembers(ctx, filter, memberOrder+` LIMIT 1`)
	} else {
		members, _, err = s.FindMembers(ctx, filter)
	}
	if err != nil {
		return nil, err
	} else if len(members) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	}
	return members[0], nil
}

// readMembers reads the members a filter matches, whole or brief, with
// the order (and limit) given.
func (s *MemberService) readMembers(ctx context.Context, filter rankfile.MemberFilter, order string) ([]*rankfile.Member, error) {
	c, err := s.memberWhere(ctx, filter)
	if err != nil {
		return nil, s.db.translate(err)
	}
	w := c.where()
	return s.queryMembers(ctx, filter.Brief, w.sql()+order, w.args)
}

// queryMembers runs the member query with tail (conditions, order) after
// its SELECT, and scans the members.
func (s *MemberService) queryMembers(ctx context.Context, brief bool, tail string, args []any) ([]*rankfile.Member, error) {
	sel, scan := memberSelect, scanMember
	if brief {
		sel, scan = briefSelect, scanBrief
	}
	rows, err := s.db.read.QueryContext(ctx, sel+tail, args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	members := []*rankfile.Member{}
	for rows.Next() {
		m, err := scan(rows)
		if err != nil {
			return nil, err
		}
		members = append(members, m)
	}
	return members, rows.Err()
}

// FindMembers returns the members matching filter in name order, and how
// many match without Offset and Limit. The page's members are chosen first
// by their ids alone, which the indexes answer in name order, and only
// they are read whole.
func (s *MemberService) FindMembers(ctx context.Context, filter rankfile.MemberFilter) ([]*rankfile.Member, int, error) {
	c, err := s.memberWhere(ctx, filter)
	if err != nil {
		return nil, 0, s.db.translate(err)
	}
	total, err := s.countMembers(ctx, filter, c)
	if err != nil {
		return nil, 0, s.db.translate(err)
	}
	if total == 0 && oneMember(filter) {
		// Asked whether one member is among some (in a body, a branch, a
		// host's scope), which the count, read just now, has answered.
		return []*rankfile.Member{}, 0, nil
	}
	w := c.where()
	tail, args := w.sql()+memberOrder, w.args
	if page := limitSQL(filter.Offset, filter.Limit); page != "" {
		ids, idArgs, err := s.pageIDs(ctx, filter, c, total, page)
		if err != nil {
			return nil, 0, s.db.translate(err)
		}
		tail, args = ` WHERE m.id IN (`+ids+`)`+memberOrder, idArgs
	}
	members, err := s.queryMembers(ctx, filter.Brief, tail, args)
	return members, total, err
}

// countMembers counts the members a filter matches. Counts of the roster
// at large (not of one member) are kept until the roster changes.
func (s *MemberService) countMembers(ctx context.Context, f rankfile.MemberFilter, c *memberConds) (int, error) {
	w := c.where()
	count := func(ctx context.Context) (int, error) {
		var n int
		err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM members m`+w.sql(), w.args...).Scan(&n)
		return n, err
	}
	if oneMember(f) {
		return count(ctx)
	}
	return kept(ctx, s.db, fmt.Sprintf("members %q %v", w.sql(), w.args), count)
}

// oneMember reports whether a filter names one member, whose count is
// read afresh rather than kept.
func oneMember(f rankfile.MemberFilter) bool {
	return f.ID != 0 || f.NationalID != "" || f.Email != ""
}

// pageIDs returns a query for the ids of a page of members, and its
// arguments. When many members match (members in good standing, a ZIP
// prefix that covers the city), walking a name index in order and stopping
// after the page reads a few index entries for each member shown, where
// finding every match and sorting them reads them all. When few match (a
// surname), finding them and sorting is cheaper than a walk that passes
// every name before theirs; a search then takes each of its alternatives
// from an index that holds the names to sort by. The exact count, known by
// now, decides: the databases' own guesses assume matches spread evenly
// through the alphabet, and a surname's do not. SQLite is told which index
// to walk; to keep either database from walking, the order is written so
// that no index serves it.
func (s *MemberService) pageIDs(ctx context.Context, f rankfile.MemberFilter, c *memberConds, matching int, page string) (string, []any, error) {
	walk, err := s.walkInNameOrder(ctx, f, matching)
	if err != nil {
		return "", nil, err
	}
	w := c.where()
	switch {
	case !walk && len(c.search) > 0:
		q, args := c.searchUnion(f.Offset + f.Limit)
		return `SELECT id FROM (SELECT DISTINCT id, sort_last, sort_first FROM (` + q + `) found
			ORDER BY sort_last, sort_first, id` + page + `) ranked`, args, nil
	case !walk:
		return `SELECT m.id FROM members m` + w.sql() + ` ORDER BY m.last_name_folded || '', m.first_name_folded, m.id` + page, w.args, nil
	case s.db.dialect == SQLite && f.BranchSlug == "":
		return `SELECT m.id FROM members m INDEXED BY members_name` + w.sql() + memberOrder + page, w.args, nil
	}
	return `SELECT m.id FROM members m` + w.sql() + memberOrder + page, w.args, nil // a branch walks its own index
}

// walkInNameOrder reports whether walking an index in name order finds a
// page sooner than finding every match. A walk goes through the whole
// roster, or through a branch's members when the filter names one (they
// have an index of their own; members in no branch have none, see
// migration 00049), and reads about (Offset+Limit) * walked/matching
// entries; finding reads the matching members and sorts them.
func (s *MemberService) walkInNameOrder(ctx context.Context, f rankfile.MemberFilter, matching int) (bool, error) {
	if matching == 0 {
		return false, nil
	}
	branch := rankfile.MemberFilter{BranchSlug: f.BranchSlug}
	bc, err := s.memberWhere(ctx, branch)
	if err != nil {
		return false, err
	}
	walked, err := s.countMembers(ctx, branch, bc)
	if err != nil {
		return false, err
	}
	return float64(f.Offset+f.Limit)*float64(walked)/float64(matching) < float64(matching), nil
}

// memberWhere turns a filter into conditions on members m alone, each of
// which an index serves, so that counting needs no join.
func (s *MemberService) memberWhere(ctx context.Context, f rankfile.MemberFilter) (*memberConds, error) {
	c := &memberConds{}
	if f.ID != 0 {
		c.add("m.id = $%d", f.ID)
	}
	if f.NationalID != "" {
		c.add("m.national_id = $%d", f.NationalID)
	}
	if f.Email != "" {
		c.add("m.email = $%d", strings.ToLower(strings.TrimSpace(f.Email)))
	}
	if f.Standing != "" {
		day := s.db.day(f.AsOf)
		c.add(standingIsSQL, string(f.Standing), day, day, string(f.Standing))
	}
	if f.BranchSlug != "" {
		// An id, not a subquery: SQLite uses the branch index only for a value.
		id, err := s.branchID(ctx, f.BranchSlug)
		if err != nil {
			return nil, err
		}
		c.add(effectiveBranch+" = $%d", id)
	}
	if f.Unassigned {
		c.add(effectiveBranch + " IS NULL")
	}
	if f.BodyID != 0 {
		day := s.db.day(f.AsOf)
		c.add(`m.id IN (SELECT member_id FROM positions WHERE body_id = $%d
			AND start_on <= $%d AND (end_on IS NULL OR end_on >= $%d))`, f.BodyID, day, day)
	}
	if f.ChapterID != 0 {
		c.add(`m.chapter_id = $%d`, f.ChapterID)
	}
	if f.NeighborhoodID != 0 {
		c.add(`COALESCE(m.chosen_group_id, m.located_group_id) = $%d`, f.NeighborhoodID)
	}
	if f.Name != "" {
		c.search = searchTerms(f.Name, nameColumns)
	} else {
		c.search = searchTerms(f.Search, searchColumns)
	}
	return c, nil
}

// branchID returns the id of the body with the slug, from the kept list
// of bodies; 0, which no body has, when there is none.
func (s *MemberService) branchID(ctx context.Context, slug string) (int64, error) {
	bodies, err := NewBodyService(s.db).FindBodies(ctx, rankfile.BodyFilter{})
	for _, b := range bodies {
		if b.Slug == slug {
			return b.ID, err
		}
	}
	return 0, err
}

// briefSelect reads what MemberFilter.Brief promises, in scanBrief's order:
// members' own columns, their branch's slug and their override.
const briefSelect = `SELECT m.id, COALESCE(m.national_id, ''), m.first_name, m.middle_name, m.last_name, m.suffix,
	m.email, m.best_phone, m.mobile_phone, m.home_phone, m.mailing_zip, COALESCE(m.chapter_id, 0), m.list_standing, m.on_list,
	COALESCE(m.located_branch_id, 0), COALESCE(m.chosen_branch_id, 0), COALESCE(b.slug, ''),
	o.id, o.standing, o.until
	FROM members m` + memberJoins

func scanBrief(rows *sql.Rows) (*rankfile.Member, error) {
	m := &rankfile.Member{}
	var oID sql.NullInt64
	var oStanding sql.NullString
	var oUntil rankfile.Date
	err := rows.Scan(&m.ID, &m.NationalID, &m.FirstName, &m.MiddleName, &m.LastName, &m.Suffix,
		&m.Email, &m.BestPhone, &m.MobilePhone, &m.HomePhone, &m.Mailing.Zip, &m.ChapterID, &m.Roster.ListStanding, &m.Roster.OnList,
		&m.Branch.LocatedID, &m.Branch.ChosenID, &m.Branch.Slug, &oID, &oStanding, &oUntil)
	if err != nil {
		return nil, err
	}
	if oID.Valid {
		m.Roster.Override = &rankfile.StandingOverride{ID: oID.Int64, MemberID: m.ID,
			Standing: rankfile.Standing(oStanding.String), Until: oUntil}
	}
	return m, nil
}

func scanMember(rows *sql.Rows) (*rankfile.Member, error) {
	m := &rankfile.Member{}
	var lat, lon sql.NullFloat64
	var oID sql.NullInt64
	var oStanding, oReason, oAuthor sql.NullString
	var oCreated sql.NullTime
	var oUntil rankfile.Date
	var mailPref sql.NullString
	var doNotCall, textOptOut, weekly sql.NullBool
	fields := newMemberScan(m)
	dests := append([]any{&m.ID}, fields.dests()...)
	dests = append(dests, &m.ChapterID, &m.Roster.ListStanding, &m.Roster.OnList, &lat, &lon,
		&m.Branch.LocatedID, &m.Branch.ChosenID, &m.Branch.Slug, &m.CreatedAt, &m.UpdatedAt,
		&oID, &oStanding, &oReason, &oAuthor, &oCreated, &oUntil,
		&m.Preferences.Language, &mailPref, &doNotCall, &textOptOut, &weekly)
	if err := rows.Scan(dests...); err != nil {
		return nil, err
	}
	if err := fields.finish(); err != nil {
		return nil, err
	}
	m.Preferences.MailPreference = nullable(mailPref.String, mailPref.Valid)
	m.Preferences.DoNotCall = nullable(doNotCall.Bool, doNotCall.Valid)
	m.Preferences.TextOptOut = nullable(textOptOut.Bool, textOptOut.Valid)
	m.Preferences.WeeklyEmail = nullable(weekly.Bool, weekly.Valid)
	if lat.Valid && lon.Valid {
		m.Branch.Point = &rankfile.Point{Lat: lat.Float64, Lon: lon.Float64}
	}
	if oID.Valid {
		m.Roster.Override = &rankfile.StandingOverride{
			ID: oID.Int64, MemberID: m.ID, Standing: rankfile.Standing(oStanding.String),
			Reason: oReason.String, Author: oAuthor.String, CreatedAt: oCreated.Time, Until: oUntil,
		}
	}
	return m, nil
}

func (tx *Tx) memberExists(ctx context.Context, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM members WHERE id = $1`, id).Scan(&one)
	if err == sql.ErrNoRows {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	}
	return err
}
