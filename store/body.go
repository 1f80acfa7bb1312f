package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// BodyService reads and changes bodies, seats and positions. It implements
// rankfile.BodyService.
type BodyService struct{ db *DB }

// NewBodyService returns the body service of db.
func NewBodyService(db *DB) *BodyService { return &BodyService{db: db} }

var _ rankfile.BodyService = (*BodyService)(nil)

const bodySelect = `SELECT id, COALESCE(parent_id, 0), kind, slug, name, description, contact_email,
	contact_url, joining, created_at, updated_at, COALESCE(formed_by_proposal_id, 0), dissolved_at,
	COALESCE(dissolved_by_proposal_id, 0) FROM bodies`

// FindBody returns one body. ENOTFOUND when none matches.
func (s *BodyService) FindBody(ctx context.Context, filter rankfile.BodyFilter) (*rankfile.Body, error) {
	bodies, err := s.FindBodies(ctx, filter)
	if err != nil {
		return nil, err
	} else if len(bodies) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such body")
	}
	return bodies[0], nil
}

// FindBodies returns bodies ordered by name. The list of all bodies, which
// most pages show in some form, is kept until a body changes; each caller
// gets copies of its own.
//
// A body asked for by its id or slug alone, as nearly every page asks for
// one, is taken from that list too.
func (s *BodyService) FindBodies(ctx context.Context, filter rankfile.BodyFilter) ([]*rankfile.Body, error) {
	one := filter == rankfile.BodyFilter{ID: filter.ID} || filter == rankfile.BodyFilter{Slug: filter.Slug}
	if !one && filter != (rankfile.BodyFilter{}) {
		return findBodies(ctx, s.db.read, filter)
	}
	all, err := kept(ctx, s.db, "all bodies", func(ctx context.Context) ([]*rankfile.Body, error) {
		return findBodies(ctx, s.db.read, rankfile.BodyFilter{})
	})
	copies := make([]*rankfile.Body, 0, len(all))
	for _, b := range all {
		if filter.ID != 0 && b.ID != filter.ID || filter.Slug != "" && b.Slug != filter.Slug {
			continue
		}
		c := *b
		copies = append(copies, &c)
	}
	return copies, err
}

func findBodies(ctx context.Context, q querier, filter rankfile.BodyFilter) ([]*rankfile.Body, error) {
	w := &where{}
	if filter.ID != 0 {
		w.add("id = $%d", filter.ID)
	}
	if filter.Slug != "" {
		w.add("slug = $%d", filter.Slug)
	}
	if filter.Kind != "" {
		w.add("kind = $%d", string(filter.Kind))
	}
	if filter.ParentID != 0 {
		w.add("parent_id = $%d", filter.ParentID)
	}
	if filter.FormedBy != 0 {
		w.add("formed_by_proposal_id = $%d", filter.FormedBy)
	}
	rows, err := q.QueryContext(ctx, bodySelect+w.sql()+" ORDER BY name, id", w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	bodies := []*rankfile.Body{}
	for rows.Next() {
		b := &rankfile.Body{}
		var dissolved sql.NullTime
		if err := rows.Scan(&b.ID, &b.ParentID, &b.Kind, &b.Slug, &b.Name, &b.Description,
			&b.ContactEmail, &b.ContactURL, &b.Joining, &b.CreatedAt, &b.UpdatedAt, &b.FormedBy, &dissolved,
			&b.DissolvedBy); err != nil {
			return nil, err
		}
		b.DissolvedAt = dissolved.Time
		bodies = append(bodies, b)
	}
	return bodies, rows.Err()
}

// CreateBody stores a body and the default seats of its kind.
func (s *BodyService) CreateBody(ctx context.Context, b *rankfile.Body) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.createBody(ctx, b); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeBodies, 0, sprintf("created %s %q (%s)", b.Kind, b.Name, b.Slug))
	})
}

func (tx *Tx) createBody(ctx context.Context, b *rankfile.Body) error {
	if err := tx.insertBody(ctx, b); err != nil {
		return err
	}
	return tx.createSeats(ctx, b, rankfile.DefaultSeats(b.Kind))
}

// insertBody stores a body, without its seats.
func (tx *Tx) insertBody(ctx context.Context, b *rankfile.Body) error {
	if b.Joining == "" {
		b.Joining = rankfile.DefaultJoining(b.Kind)
	}
	if err := b.Validate(); err != nil {
		return err
	}
	if b.ParentID != 0 {
		if _, err := tx.body(ctx, b.ParentID); err != nil {
			return err
		}
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO bodies (parent_id, kind, slug, name, description,
		contact_email, contact_url, joining, created_at, updated_at, formed_by_proposal_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id`, nullID(b.ParentID), string(b.Kind), b.Slug, b.Name,
		b.Description, b.ContactEmail, b.ContactURL, b.Joining, tx.now, nullID(b.FormedBy)).Scan(&b.ID)
	if rankfile.ErrorCode(tx.db.translate(err)) == rankfile.ECONFLICT {
		return rankfile.Errorf(rankfile.ECONFLICT, "the slug %q is taken", b.Slug)
	} else if err != nil {
		return err
	}
	b.CreatedAt, b.UpdatedAt = tx.now, tx.now
	if b.Kind == rankfile.KindChapter {
		if err := tx.placeMembers(ctx); err != nil {
			return err
		}
	}
	return tx.touchRoster(ctx)
}

// body returns one body by id, ENOTFOUND when there is none.
func (tx *Tx) body(ctx context.Context, id int64) (*rankfile.Body, error) {
	bodies, err := findBodies(ctx, tx, rankfile.BodyFilter{ID: id})
	if err != nil {
		return nil, err
	} else if len(bodies) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no body with id %d", id)
	}
	return bodies[0], nil
}

// UpdateBody changes a body's description fields.
func (s *BodyService) UpdateBody(ctx context.Context, id int64, upd rankfile.BodyUpdate) (*rankfile.Body, error) {
	var b *rankfile.Body
	err := s.db.inTx(ctx, func(tx *Tx) error {
		var err error
		if b, err = tx.body(ctx, id); err != nil {
			return err
		}
		for dst, src := range map[*string]*string{&b.Name: upd.Name, &b.Description: upd.Description,
			&b.ContactEmail: upd.ContactEmail, &b.ContactURL: upd.ContactURL, &b.Joining: upd.Joining} {
			if src != nil {
				*dst = *src
			}
		}
		if err := b.Validate(); err != nil {
			return err
		}
		b.UpdatedAt = tx.now
		_, err = tx.ExecContext(ctx, `UPDATE bodies SET name = $1, description = $2, contact_email = $3,
			contact_url = $4, joining = $5, updated_at = $6 WHERE id = $7`,
			b.Name, b.Description, b.ContactEmail, b.ContactURL, b.Joining, tx.now, id)
		if err != nil {
			return err
		}
		if b.Kind == rankfile.KindChapter && upd.Name != nil {
			if err := tx.placeMembers(ctx); err != nil {
				return err
			}
		}
		if err := tx.touchRoster(ctx); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeBodies, 0, sprintf("updated %q (%s)", b.Name, b.Slug))
	})
	return b, err
}

// ancestor returns the nearest ancestor of b (or b itself) of the kind,
// nil when there is none.
func (tx *Tx) ancestor(ctx context.Context, b *rankfile.Body, kind rankfile.BodyKind) (*rankfile.Body, error) {
	for cur := b; ; {
		if cur.Kind == kind {
			return cur, nil
		}
		if cur.ParentID == 0 {
			return nil, nil
		}
		var err error
		if cur, err = tx.body(ctx, cur.ParentID); err != nil {
			return nil, err
		}
	}
}
