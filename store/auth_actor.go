package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// Actor gathers who the member is today: their roles, the bodies in which
// they hold a seat, and the bodies they are in.
//
// Every request asks who its actor is; the answer is kept until the roster
// changes (a role, a position, the member's own record) or the day does.
// The actor returned is shared: callers must not change it.
func (s *AuthService) Actor(ctx context.Context, memberID int64) (*rankfile.Actor, error) {
	key := fmt.Sprintf("actor %d %s", memberID, s.db.Today())
	return kept(ctx, s.db, key, func(ctx context.Context) (*rankfile.Actor, error) { return s.loadActor(ctx, memberID) })
}

func (s *AuthService) loadActor(ctx context.Context, memberID int64) (*rankfile.Actor, error) {
	m, err := NewMemberService(s.db).FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if err != nil {
		return nil, err
	}
	a := &rankfile.Actor{Member: m}
	if err := s.loadRoles(ctx, a); err != nil {
		return nil, err
	}
	if err := s.loadPositions(ctx, a); err != nil {
		return nil, err
	}
	if b := m.Branch.ID(); b != 0 {
		a.Belongs = append(a.Belongs, b)
	}
	return a, nil
}

func (s *AuthService) loadRoles(ctx context.Context, a *rankfile.Actor) error {
	roles, err := s.RoleGrants(ctx, a.Member.ID)
	for _, r := range roles {
		a.Steward = a.Steward || r.Role == rankfile.RoleSteward
		a.Admin = a.Admin || r.Role == rankfile.RoleAdmin
		a.Communications = a.Communications || r.Role == rankfile.RoleCommunications
		if r.Role == rankfile.RoleChapterSteward {
			a.StewardOf = r.ChapterID
		}
	}
	return err
}

// Roles returns the names of a member's roles.
func (s *AuthService) Roles(ctx context.Context, memberID int64) ([]string, error) {
	grants, err := s.RoleGrants(ctx, memberID)
	roles := make([]string, len(grants))
	for i, g := range grants {
		roles[i] = g.Role
	}
	return roles, err
}

// RoleGrants returns a member's roles, each with the chapter it is held
// for.
func (s *AuthService) RoleGrants(ctx context.Context, memberID int64) ([]rankfile.RoleGrant, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT role, COALESCE(body_id, 0) FROM member_roles
		WHERE member_id = $1 ORDER BY role`, memberID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var roles []rankfile.RoleGrant
	for rows.Next() {
		var r rankfile.RoleGrant
		if err := rows.Scan(&r.Role, &r.ChapterID); err != nil {
			return nil, err
		}
		roles = append(roles, r)
	}
	return roles, rows.Err()
}

// GrantChapterSteward makes a member the data steward of a chapter, or of
// another chapter than before, on behalf of the actor in ctx. EINVALID
// when the body is not a chapter.
func (s *AuthService) GrantChapterSteward(ctx context.Context, memberID, chapterID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.memberExists(ctx, memberID); err != nil {
			return err
		}
		chapter, err := tx.body(ctx, chapterID)
		if err != nil {
			return err
		} else if chapter.Kind != rankfile.KindChapter {
			return rankfile.Errorf(rankfile.EINVALID, "%s is not a chapter", chapter.Name)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO member_roles (member_id, role, body_id, granted_by, granted_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (member_id, role) DO UPDATE SET body_id = excluded.body_id,
			granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
			memberID, rankfile.RoleChapterSteward, chapterID, rankfile.ActorFrom(ctx).Name(), tx.stamp)
		if err != nil {
			return err
		}
		if err := tx.touchRoster(ctx); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditGrantRole, memberID, rankfile.RoleChapterSteward+" of "+chapter.Slug)
	})
}

// loadPositions adds the bodies the member leads (holds a seat of) and is
// in (holds any position in) today.
func (s *AuthService) loadPositions(ctx context.Context, a *rankfile.Actor) error {
	bodies := NewBodyService(s.db)
	positions, err := bodies.FindPositions(ctx, rankfile.PositionFilter{MemberID: a.Member.ID, ActiveOn: s.db.Today()})
	if err != nil {
		return err
	}
	for _, p := range positions {
		if !a.BelongsTo(p.BodyID) {
			a.Belongs = append(a.Belongs, p.BodyID)
		}
		if p.SeatID != 0 {
			a.Seats = append(a.Seats, p.SeatID)
		}
		if p.SeatID == 0 || a.LeadsBody(p.BodyID) {
			continue
		}
		b, err := bodies.FindBody(ctx, rankfile.BodyFilter{ID: p.BodyID})
		if err != nil {
			return err
		}
		a.Leads = append(a.Leads, b)
	}
	return nil
}

// GrantRole gives a member an installation role.
func (s *AuthService) GrantRole(ctx context.Context, memberID int64, role string) error {
	if err := checkRole(role); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.memberExists(ctx, memberID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO member_roles (member_id, role, granted_by, granted_at)
			VALUES ($1, $2, $3, $4) ON CONFLICT (member_id, role) DO NOTHING`, memberID, role, rankfile.ActorFrom(ctx).Name(), tx.stamp)
		if err != nil {
			return err
		}
		if err := tx.touchRoster(ctx); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditGrantRole, memberID, role)
	})
}

// RevokeRole takes a role away, a chapter's data steward's too.
func (s *AuthService) RevokeRole(ctx context.Context, memberID int64, role string) error {
	if err := checkRole(role); err != nil && role != rankfile.RoleChapterSteward {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM member_roles WHERE member_id = $1 AND role = $2`, memberID, role)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "the member does not have the %s role", role)
		}
		if err := tx.touchRoster(ctx); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditRevokeRole, memberID, role)
	})
}

func checkRole(role string) error {
	for _, r := range rankfile.Roles {
		if r == role {
			return nil
		}
	}
	return rankfile.Errorf(rankfile.EINVALID, "unknown role %q (want %s)", role, strings.Join(rankfile.Roles, ", "))
}

// RoleHolder is a member with a role, and the chapter it is held for (0
// for the whole organization).
type RoleHolder struct {
	Role      string
	ChapterID int64
	Member    *rankfile.Member
}

// RoleHolders lists every member with a role, by role.
func (db *DB) RoleHolders(ctx context.Context) ([]RoleHolder, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT role, COALESCE(body_id, 0), member_id FROM member_roles ORDER BY role, member_id`)
	if err != nil {
		return nil, db.translate(err)
	}
	type pair struct {
		role    string
		chapter int64
		id      int64
	}
	var pairs []pair
	for rows.Next() {
		var p pair
		if err := rows.Scan(&p.role, &p.chapter, &p.id); err != nil {
			rows.Close()
			return nil, err
		}
		pairs = append(pairs, p)
	}
	rows.Close()
	var out []RoleHolder
	for _, p := range pairs {
		m, err := NewMemberService(db).FindMember(ctx, rankfile.MemberFilter{ID: p.id})
		if err != nil {
			return nil, err
		}
		out = append(out, RoleHolder{Role: p.role, ChapterID: p.chapter, Member: m})
	}
	return out, rows.Err()
}
