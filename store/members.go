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

// standingSQL is Member.StandingOn in SQL, for filtering and counting by
// standing in the database: the override when one stands on the day (the
// one parameter), else the list's standing. It needs the join of
// memberJoins; the member tests check that it agrees with the Go rule.
const standingSQL = `(CASE WHEN o.id IS NOT NULL AND (o.until IS NULL OR o.until >= $%d)
	THEN o.standing ELSE m.list_standing END)`

// memberJoins adds the effective branch (b) and the standing override (o).
const memberJoins = `
	LEFT JOIN bodies b ON b.id = ` + effectiveBranch + `
	LEFT JOIN standing_overrides o ON o.member_id = m.id AND o.revoked_at IS NULL`

// effectiveBranch is BranchState.ID in SQL: the chosen branch, else the located one.
const effectiveBranch = `COALESCE(m.chosen_branch_id, m.located_branch_id)`

var memberSelect = `SELECT m.id, ` + memberFieldList() + `, m.list_standing, m.on_list, m.lat, m.lon,
	COALESCE(m.located_branch_id, 0), COALESCE(m.chosen_branch_id, 0), COALESCE(b.slug, ''),
	m.created_at, m.updated_at, o.id, o.standing, o.reason, o.author, o.created_at, o.until,
	COALESCE(pr.language, ''), pr.mail_preference, pr.do_not_call, pr.text_opt_out
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
	filter.Limit = 1
	members, _, err := s.FindMembers(ctx, filter)
	if err != nil {
		return nil, err
	} else if len(members) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	}
	return members[0], nil
}

// FindMembers returns the members matching filter in name order, and how
// many match without Offset and Limit.
func (s *MemberService) FindMembers(ctx context.Context, filter rankfile.MemberFilter) ([]*rankfile.Member, int, error) {
	w := s.memberWhere(filter)
	var total int
	err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM members m`+memberJoins+w.sql(), w.args...).Scan(&total)
	if err != nil {
		return nil, 0, s.db.translate(err)
	}
	q := memberSelect + w.sql() + ` ORDER BY lower(m.last_name), lower(m.first_name), m.id` + limitSQL(filter.Offset, filter.Limit)
	rows, err := s.db.read.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, 0, s.db.translate(err)
	}
	defer rows.Close()
	members := []*rankfile.Member{}
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, 0, err
		}
		members = append(members, m)
	}
	return members, total, rows.Err()
}

func (s *MemberService) memberWhere(f rankfile.MemberFilter) *where {
	w := &where{}
	if f.ID != 0 {
		w.add("m.id = $%d", f.ID)
	}
	if f.NationalID != "" {
		w.add("m.national_id = $%d", f.NationalID)
	}
	if f.Email != "" {
		w.add("m.email = $%d", strings.ToLower(strings.TrimSpace(f.Email)))
	}
	if f.Standing != "" {
		w.add(standingSQL+" = $%d", s.db.day(f.AsOf), string(f.Standing))
	}
	if f.BranchSlug != "" {
		w.add("b.slug = $%d", f.BranchSlug)
	}
	if f.Unassigned {
		w.add(effectiveBranch + " IS NULL")
	}
	if f.BodyID != 0 {
		w.add(`m.id IN (SELECT member_id FROM positions WHERE body_id = $%d
			AND start_on <= $%d AND (end_on IS NULL OR end_on >= $%d))`, f.BodyID, s.db.day(f.AsOf), s.db.day(f.AsOf))
	}
	if q := searchPattern(f.Search); q != "" {
		w.add(`(lower(m.first_name) LIKE $%d ESCAPE '\' OR lower(m.last_name) LIKE $%d ESCAPE '\'
			OR lower(m.first_name || ' ' || m.last_name) LIKE $%d ESCAPE '\' OR m.email LIKE $%d ESCAPE '\'
			OR m.mailing_zip LIKE $%d ESCAPE '\')`, q, q, q, q, q)
	}
	return w
}

// searchPattern makes a LIKE pattern matching text that begins with s,
// with LIKE's own wildcards in s taken literally.
func searchPattern(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s) + "%"
}

func scanMember(rows *sql.Rows) (*rankfile.Member, error) {
	m := &rankfile.Member{}
	var lat, lon sql.NullFloat64
	var oID sql.NullInt64
	var oStanding, oReason, oAuthor sql.NullString
	var oCreated sql.NullTime
	var oUntil rankfile.Date
	var mailPref sql.NullString
	var doNotCall, textOptOut sql.NullBool
	fields := newMemberScan(m)
	dests := append([]any{&m.ID}, fields.dests()...)
	dests = append(dests, &m.Roster.ListStanding, &m.Roster.OnList, &lat, &lon,
		&m.Branch.LocatedID, &m.Branch.ChosenID, &m.Branch.Slug, &m.CreatedAt, &m.UpdatedAt,
		&oID, &oStanding, &oReason, &oAuthor, &oCreated, &oUntil,
		&m.Preferences.Language, &mailPref, &doNotCall, &textOptOut)
	if err := rows.Scan(dests...); err != nil {
		return nil, err
	}
	if err := fields.finish(); err != nil {
		return nil, err
	}
	m.Preferences.MailPreference = nullable(mailPref.String, mailPref.Valid)
	m.Preferences.DoNotCall = nullable(doNotCall.Bool, doNotCall.Valid)
	m.Preferences.TextOptOut = nullable(textOptOut.Bool, textOptOut.Valid)
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

// FindMemberSensitive returns the sensitive fields of a member.
func (s *MemberService) FindMemberSensitive(ctx context.Context, memberID int64) (*rankfile.MemberSensitive, error) {
	if _, err := s.FindMember(ctx, rankfile.MemberFilter{ID: memberID}); err != nil {
		return nil, err
	}
	out := &rankfile.MemberSensitive{MemberID: memberID}
	var race, accommodations string
	err := s.db.read.QueryRowContext(ctx, `SELECT race, accommodations FROM member_sensitive WHERE member_id = $1`,
		memberID).Scan(&race, &accommodations)
	if err == sql.ErrNoRows {
		return out, nil
	} else if err != nil {
		return nil, s.db.translate(err)
	}
	if out.Race, err = s.db.unseal("race", memberID, race); err != nil {
		return nil, err
	}
	out.Accommodations, err = s.db.unseal("accommodations", memberID, accommodations)
	return out, err
}

// nullable returns a pointer to v when valid, else nil.
func nullable[T any](v T, valid bool) *T {
	if !valid {
		return nil
	}
	return &v
}

// where builds a WHERE clause whose conditions number their own parameters.
type where struct {
	conds []string
	args  []any
}

// add appends a condition; each %d in cond becomes the next parameter number.
func (w *where) add(cond string, args ...any) {
	nums := make([]any, len(args))
	for i := range args {
		nums[i] = len(w.args) + i + 1
	}
	w.conds = append(w.conds, fmt.Sprintf(cond, nums...))
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

func limitSQL(offset, limit int) string {
	if limit <= 0 && offset <= 0 {
		return ""
	}
	if limit <= 0 {
		limit = 1 << 30 // both databases need a LIMIT before OFFSET
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
}
