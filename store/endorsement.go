package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// EndorsementService stores endorsement cycles and all they hold
// (migration 00043).
type EndorsementService struct{ db *DB }

// NewEndorsementService returns the endorsement service of db.
func NewEndorsementService(db *DB) *EndorsementService { return &EndorsementService{db: db} }

var _ rankfile.EndorsementService = (*EndorsementService)(nil)

// CreateCycle stores a cycle with its races, and as its questionnaire's
// version 1 the current questions of the body's latest cycle before it.
func (s *EndorsementService) CreateCycle(ctx context.Context, c *rankfile.EndorsementCycle, races []*rankfile.EndorsementRace) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if len(races) > rankfile.MaxRaces {
		return rankfile.Errorf(rankfile.EINVALID, "a cycle has at most %d races", rankfile.MaxRaces)
	}
	for _, r := range races {
		if err := r.Validate(); err != nil {
			return err
		}
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		c.CreatedAt, c.QuestionnaireVersion = tx.now, 1
		if err := tx.QueryRowContext(ctx, `INSERT INTO endorsement_cycles (body_id, deciding_body_id, name, election_date,
			questionnaire_due, publish_at, decide_by, threshold, questionnaire_version, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9) RETURNING id`, c.BodyID, c.DecidingBodyID, c.Name, c.ElectionDate,
			tx.db.timeArg(c.QuestionnaireDue.UTC()), tx.db.timeArg(c.PublishAt.UTC()), c.DecideBy, string(c.Threshold),
			tx.stamp).Scan(&c.ID); err != nil {
			return err
		}
		for i, r := range races {
			r.CycleID, r.Position = c.ID, i+1
			if err := tx.insertRace(ctx, r); err != nil {
				return err
			}
		}
		if err := tx.copyLastQuestions(ctx, c); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "started endorsement cycle "+itoa(c.ID)+": "+c.Name)
	})
}

// copyLastQuestions gives the new cycle c, as version 1, the current
// questions of the body's cycle created before it, if any.
func (tx *Tx) copyLastQuestions(ctx context.Context, c *rankfile.EndorsementCycle) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO endorsement_questions (cycle_id, version, position, text, text_es)
		SELECT $1, 1, q.position, q.text, q.text_es FROM endorsement_questions q
		JOIN endorsement_cycles c ON c.id = q.cycle_id AND q.version = c.questionnaire_version
		WHERE c.id = (SELECT MAX(id) FROM endorsement_cycles WHERE body_id = $2 AND id <> $1)`, c.ID, c.BodyID)
	return err
}

// UpdateCycle changes a cycle's name, dates and threshold.
func (s *EndorsementService) UpdateCycle(ctx context.Context, c *rankfile.EndorsementCycle) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE endorsement_cycles SET name = $1, election_date = $2, questionnaire_due = $3,
			publish_at = $4, decide_by = $5, threshold = $6 WHERE id = $7`, c.Name, c.ElectionDate,
			tx.db.timeArg(c.QuestionnaireDue.UTC()), tx.db.timeArg(c.PublishAt.UTC()), c.DecideBy, string(c.Threshold), c.ID)
		if err := mustAffect(res, err, "no such endorsement cycle"); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "changed endorsement cycle "+itoa(c.ID)+": "+c.Name)
	})
}

// mustAffect turns an update that changed no row into ENOTFOUND.
func mustAffect(res sql.Result, err error, notFound string) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return rankfile.Errorf(rankfile.ENOTFOUND, "%s", notFound)
	}
	return nil
}

// FindCycles returns cycles, the latest election first.
func (s *EndorsementService) FindCycles(ctx context.Context, f rankfile.EndorsementCycleFilter) ([]*rankfile.EndorsementCycle, error) {
	w := &where{}
	if f.ID != 0 {
		w.add("id = $%d", f.ID)
	}
	if f.BodyID != 0 {
		w.add("body_id = $%d", f.BodyID)
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, body_id, deciding_body_id, name, election_date, questionnaire_due,
		publish_at, decide_by, threshold, questionnaire_version, created_at FROM endorsement_cycles`+w.sql()+`
		ORDER BY election_date DESC, id DESC`, w.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.EndorsementCycle
	for rows.Next() {
		c := &rankfile.EndorsementCycle{}
		if err := rows.Scan(&c.ID, &c.BodyID, &c.DecidingBodyID, &c.Name, &c.ElectionDate, &c.QuestionnaireDue,
			&c.PublishAt, &c.DecideBy, &c.Threshold, &c.QuestionnaireVersion, &c.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if f.ID != 0 && len(out) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such endorsement cycle")
	}
	return out, nil
}

// SaveRace adds a race at the end of its cycle (no id) or changes one.
func (s *EndorsementService) SaveRace(ctx context.Context, r *rankfile.EndorsementRace) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if r.ID == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM endorsement_races WHERE cycle_id = $1`,
				r.CycleID).Scan(&r.Position); err != nil {
				return err
			}
			if r.Position > rankfile.MaxRaces {
				return rankfile.Errorf(rankfile.EINVALID, "a cycle has at most %d races", rankfile.MaxRaces)
			}
			return tx.insertRace(ctx, r)
		}
		res, err := tx.ExecContext(ctx, `UPDATE endorsement_races SET office = $1, district = $2, seats = $3, geometry = $4
			WHERE id = $5 AND cycle_id = $6`, r.Office, r.District, r.Seats, geometryArg(r.Geometry), r.ID, r.CycleID)
		if err := mustAffect(res, err, "no such race"); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "changed race "+itoa(r.ID)+": "+r.Title())
	})
}

// insertRace stores a new race of a cycle.
func (tx *Tx) insertRace(ctx context.Context, r *rankfile.EndorsementRace) error {
	if err := tx.QueryRowContext(ctx, `INSERT INTO endorsement_races (cycle_id, position, office, district, seats, geometry)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, r.CycleID, r.Position, r.Office, r.District, r.Seats,
		geometryArg(r.Geometry)).Scan(&r.ID); err != nil {
		return err
	}
	return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "added race "+itoa(r.ID)+": "+r.Title())
}

// geometryArg stores a district's shape, or NULL for none.
func geometryArg(g []byte) any {
	if len(g) == 0 {
		return nil
	}
	return string(g)
}

// Races returns a cycle's races in order.
func (s *EndorsementService) Races(ctx context.Context, cycleID int64) ([]*rankfile.EndorsementRace, error) {
	return s.races(ctx, `cycle_id = $1`, cycleID)
}

// FindRace returns the race with the id.
func (s *EndorsementService) FindRace(ctx context.Context, id int64) (*rankfile.EndorsementRace, error) {
	found, err := s.races(ctx, `id = $1`, id)
	if err == nil && len(found) == 0 {
		err = rankfile.Errorf(rankfile.ENOTFOUND, "no such race")
	}
	if err != nil {
		return nil, err
	}
	return found[0], nil
}

// races returns the races cond selects, in order.
func (s *EndorsementService) races(ctx context.Context, cond string, args ...any) ([]*rankfile.EndorsementRace, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, cycle_id, position, office, district, seats, geometry
		FROM endorsement_races WHERE `+cond+` ORDER BY cycle_id, position`, args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.EndorsementRace
	for rows.Next() {
		r := &rankfile.EndorsementRace{}
		var geometry sql.NullString
		if err := rows.Scan(&r.ID, &r.CycleID, &r.Position, &r.Office, &r.District, &r.Seats, &geometry); err != nil {
			return nil, err
		}
		if geometry.Valid {
			r.Geometry = []byte(geometry.String)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
