package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// EventService keeps events, registrations, attendance and contacts
// (migration 00015).
type EventService struct{ db *DB }

// NewEventService returns the event service of db.
func NewEventService(db *DB) *EventService { return &EventService{db: db} }

var _ rankfile.EventService = (*EventService)(nil)

// CreateEvents stores the events, under one new series when r is set.
func (s *EventService) CreateEvents(ctx context.Context, events []*rankfile.Event, r *rankfile.Recurrence) error {
	for _, e := range events {
		if err := e.Validate(); err != nil {
			return err
		}
	}
	return s.db.inTx(ctx, func(tx *Tx) error { return tx.createEvents(ctx, events, r) })
}

// createEvents stores validated events, under one new series when r is
// set, in the transaction: a course's sessions are stored with their link
// to it (store/course_session.go).
func (tx *Tx) createEvents(ctx context.Context, events []*rankfile.Event, r *rankfile.Recurrence) error {
	var series int64
	if r != nil {
		if err := tx.QueryRowContext(ctx, `INSERT INTO event_series (frequency, until_date, except_dates)
			VALUES ($1, $2, $3) RETURNING id`, string(r.Frequency), r.Until, mustJSON(r.Except)).Scan(&series); err != nil {
			return err
		}
	}
	for _, e := range events {
		e.SeriesID = series
		if err := tx.insertEvent(ctx, e); err != nil {
			return err
		}
	}
	return tx.touchCalendar(ctx)
}

func (tx *Tx) insertEvent(ctx context.Context, e *rankfile.Event) error {
	e.CreatedAt, e.UpdatedAt, e.CheckInCode = tx.now, tx.now, sessionCode()
	if err := tx.QueryRowContext(ctx, `INSERT INTO events (series_id, body_id, kind, title, description, starts_at,
		ends_at, zone, address, online_url, private_details, accessibility, safety, audience, registration, capacity,
		check_in_code, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
		$15, $16, $17, $18, $18) RETURNING id`, nullID(e.SeriesID), e.BodyID, string(e.Kind), e.Title, e.Description,
		tx.db.timeArg(e.StartsAt.UTC()), tx.db.timeArg(e.EndsAt.UTC()), e.Zone, e.Address, e.OnlineURL,
		e.PrivateDetails, e.Accessibility, e.Safety, string(e.Audience), e.Registration, e.Capacity, e.CheckInCode,
		tx.stamp).Scan(&e.ID); err != nil {
		return err
	}
	return tx.writeCohosts(ctx, e)
}

func (tx *Tx) writeCohosts(ctx context.Context, e *rankfile.Event) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_cohosts WHERE event_id = $1`, e.ID); err != nil {
		return err
	}
	for _, b := range e.CohostIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_cohosts (event_id, body_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, e.ID, b); err != nil {
			return err
		}
	}
	return nil
}

// eventColumns are the columns scanEvent reads, from events e.
const eventColumns = `e.id, COALESCE(e.series_id, 0), e.body_id, e.kind, e.title, e.description, e.starts_at,
	e.ends_at, e.zone, e.address, e.online_url, e.private_details, e.accessibility, e.safety, e.audience,
	e.registration, e.capacity, e.cancelled, e.sequence, e.check_in_code, e.created_at, e.updated_at`

func scanEvent(row interface{ Scan(...any) error }) (*rankfile.Event, error) {
	e := &rankfile.Event{}
	err := row.Scan(&e.ID, &e.SeriesID, &e.BodyID, &e.Kind, &e.Title, &e.Description, &e.StartsAt, &e.EndsAt,
		&e.Zone, &e.Address, &e.OnlineURL, &e.PrivateDetails, &e.Accessibility, &e.Safety, &e.Audience,
		&e.Registration, &e.Capacity, &e.Cancelled, &e.Sequence, &e.CheckInCode, &e.CreatedAt, &e.UpdatedAt)
	if err != nil {
		return nil, err
	}
	loc := e.Location()
	e.StartsAt, e.EndsAt = e.StartsAt.In(loc), e.EndsAt.In(loc)
	return e, nil
}

// FindEvents returns events in the order they start, with their co-hosts
// and counts of registrations.
func (s *EventService) FindEvents(ctx context.Context, f rankfile.EventFilter) ([]*rankfile.Event, error) {
	c := eventWhere(s.db, f)
	q := `SELECT ` + eventColumns + ` FROM events e` + c.sql() + ` ORDER BY e.starts_at, e.id`
	if f.Limit > 0 {
		q += ` LIMIT ` + itoa(int64(f.Limit))
	}
	rows, err := s.db.read.QueryContext(ctx, q, c.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Event
	byID := map[int64]*rankfile.Event{}
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out, byID[e.ID] = append(out, e), e
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	if err := s.readCohosts(ctx, byID); err != nil {
		return nil, err
	}
	return out, s.readCounts(ctx, byID)
}

// eventWhere turns a filter into conditions on events e.
func eventWhere(db *DB, f rankfile.EventFilter) *where {
	c := &where{}
	if f.ID != 0 {
		c.add("e.id = $%d", f.ID)
	}
	addInIDs(c, "e.id", f.IDs)
	if f.BodyID != 0 {
		c.add("(e.body_id = $%d OR e.id IN (SELECT event_id FROM event_cohosts WHERE body_id = $%[1]d))", f.BodyID)
	}
	if !f.From.IsZero() {
		c.add("e.ends_at > $%d", db.timeArg(f.From.UTC()))
	}
	if !f.To.IsZero() {
		c.add("e.starts_at < $%d", db.timeArg(f.To.UTC()))
	}
	if f.RegisteredMember != 0 {
		c.add(`e.id IN (SELECT event_id FROM event_registrations WHERE member_id = $%d
			AND status IN `+placed+`)`, f.RegisteredMember)
	}
	if f.Scheduled {
		c.add("NOT e.cancelled")
	}
	addIn(c, "e.kind", f.Kinds)
	addIn(c, "e.audience", f.Audiences)
	return c
}

func (s *EventService) readCohosts(ctx context.Context, byID map[int64]*rankfile.Event) error {
	return s.forEventIDs(ctx, byID, `SELECT event_id, body_id FROM event_cohosts WHERE event_id IN (%s)
		ORDER BY event_id, body_id`, func(rows *sql.Rows) error {
		var event, body int64
		if err := rows.Scan(&event, &body); err != nil {
			return err
		}
		byID[event].CohostIDs = append(byID[event].CohostIDs, body)
		return nil
	})
}

func (s *EventService) readCounts(ctx context.Context, byID map[int64]*rankfile.Event) error {
	return s.forEventIDs(ctx, byID, `SELECT event_id, status, COUNT(*) FROM event_registrations
		WHERE event_id IN (%s) AND status IN `+placed+` AND NOT walk_in GROUP BY event_id, status`, func(rows *sql.Rows) error {
		var event int64
		var status rankfile.RegistrationStatus
		var n int
		if err := rows.Scan(&event, &status, &n); err != nil {
			return err
		}
		if status == rankfile.Registered {
			byID[event].Registered = n
		} else {
			byID[event].Waitlisted = n
		}
		return nil
	})
}

// forEventIDs runs query (with %s for the ids) over the events' ids in
// chunks, calling scan for each row. The ids go in as db.params: SQLite
// looks numbered parameters up one by one, which took a year's feed 7 ms.
func (s *EventService) forEventIDs(ctx context.Context, byID map[int64]*rankfile.Event, query string,
	scan func(*sql.Rows) error) error {
	ids := keyArgs(byID)
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), idChunk)]
		ids = ids[len(chunk):]
		if err := s.scanRows(ctx, sprintf(query, s.db.params(1, len(chunk))), chunk, scan); err != nil {
			return err
		}
	}
	return nil
}

func (s *EventService) scanRows(ctx context.Context, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := s.db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// lockEvent reads an event inside tx, holding its row on PostgreSQL until
// the transaction ends, so that registrations for it take turns (SQLite's
// writers always do): each sees the seats the others took.
func (tx *Tx) lockEvent(ctx context.Context, id int64) (*rankfile.Event, error) {
	q := `SELECT ` + eventColumns + ` FROM events e WHERE e.id = $1`
	if tx.db.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	e, err := scanEvent(tx.QueryRowContext(ctx, q, id))
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such event")
	}
	return e, err
}
