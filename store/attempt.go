package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/rankfile/rankfile"
)

// AttemptService keeps campaigns' knocks and calls (migration 00039).
type AttemptService struct{ db *DB }

// NewAttemptService returns the attempt service of db.
func NewAttemptService(db *DB) *AttemptService { return &AttemptService{db: db} }

var _ rankfile.AttemptService = (*AttemptService)(nil)

// RecordAttempts stores attempts in one transaction, each once. Phones
// that send at the same moment share a transaction (a group commit: one
// wait on the disk for all of them), and each is answered only once it
// is committed; a request the store refuses fails alone.
func (s *AttemptService) RecordAttempts(ctx context.Context, attempts []*rankfile.Attempt) (int, error) {
	for _, a := range attempts {
		if err := a.Validate(); err != nil {
			return 0, err
		}
	}
	p := &pendingRecord{actor: rankfile.ActorFrom(ctx), attempts: attempts}
	if err := s.db.records.wait(p); err != nil {
		return 0, err
	}
	return p.repeats, nil
}

// recordBatchLimit bounds how many requests share a transaction.
const recordBatchLimit = 8

// pendingRecord is one request's attempts waiting for their transaction,
// and how many of them were stored before.
type pendingRecord struct {
	actor    *rankfile.Actor
	attempts []*rankfile.Attempt
	repeats  int
}

// recordBatch writes the requests of a batch, each all or nothing: a
// request the store refuses fails the transaction, and commitEach then
// writes each request alone, so that it fails only itself.
func (tx *Tx) recordBatch(batch []*pendingRecord, _ []error) error {
	for _, p := range batch {
		ctx := rankfile.WithActor(context.Background(), p.actor)
		p.repeats = 0
		for _, a := range p.attempts {
			if a.Met != nil {
				a.TargetID = 0 // made by the store: a transaction tried before and rolled back may have set it
			}
			stored, err := tx.recordAttempt(ctx, a)
			if err != nil {
				return err
			}
			if !stored {
				p.repeats++
			}
		}
		if err := tx.audit(ctx, rankfile.AuditRecordAttempts, 0, itoa(int64(len(p.attempts)-p.repeats))+" attempts"); err != nil {
			return err
		}
	}
	return nil
}

// recordAttempt stores one attempt unless its id is stored already, and
// reports whether it stored it.
func (tx *Tx) recordAttempt(ctx context.Context, a *rankfile.Attempt) (bool, error) {
	var line *callLine
	var err error
	if a.Channel == rankfile.ChannelPhone {
		line, err = tx.checkAttemptCall(ctx, a)
	} else {
		err = tx.checkAttemptDoor(ctx, a)
	}
	if err != nil {
		return false, err
	}
	issues, _ := json.Marshal(nonNil(a.Issues))
	answers, _ := json.Marshal(nonNilMap(a.Answers))
	a.RecordedAt = tx.now
	err = tx.QueryRowContext(ctx, `INSERT INTO attempts (client_id, campaign_id, household_id, target_id, turf_id,
		call_id, member_id, by_member_id, channel, result, support, issues, volunteer, keep_in_touch, answers, notes,
		call_back_at, made_at, made_on, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
		$14, $15, $16, $17, $18, $19, $20) ON CONFLICT (client_id) DO NOTHING RETURNING id`, a.ClientID,
		nullID(a.CampaignID), nullID(a.HouseholdID), nullID(a.TargetID), nullID(a.TurfID), nullID(a.CallID),
		nullID(a.MemberID), a.ByMemberID, a.Channel, a.Result, a.Support, string(issues), a.Volunteer, a.KeepInTouch,
		string(answers), a.Notes, nullTimeArg(tx.db, a.CallBackAt), tx.db.timeArg(a.At.UTC()),
		rankfile.DateOf(a.At.In(tx.db.Zone)), tx.stamp).Scan(&a.ID)
	if err == sql.ErrNoRows {
		return false, nil // sent before: stored then, with its effects
	}
	if err != nil {
		return false, err
	}
	if line != nil {
		if err := tx.callEffects(ctx, a, line); err != nil {
			return false, err
		}
	}
	if err := tx.addPersonMet(ctx, a); err != nil {
		return false, err
	}
	return true, tx.attemptEffects(ctx, a)
}

// checkAttemptDoor refuses an attempt at a door not of its campaign, or
// naming someone who does not live there.
func (tx *Tx) checkAttemptDoor(ctx context.Context, a *rankfile.Attempt) error {
	var campaignID int64
	err := tx.QueryRowContext(ctx, `SELECT campaign_id FROM households WHERE id = $1`, a.HouseholdID).Scan(&campaignID)
	if err == sql.ErrNoRows || (err == nil && campaignID != a.CampaignID) {
		return rankfile.FieldErrorf("household_id", rankfile.EINVALID, "door %d is not one of the campaign's", a.HouseholdID)
	}
	if err != nil || a.TargetID == 0 {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM targets WHERE id = $1 AND household_id = $2`,
		a.TargetID, a.HouseholdID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return rankfile.FieldErrorf("target_id", rankfile.EINVALID, "%d does not live at door %d", a.TargetID, a.HouseholdID)
	}
	return nil
}

// attemptEffects marks the targets an attempt concerns: asked not to be
// contacted (the one who answered, or else the whole door), or heard from.
func (tx *Tx) attemptEffects(ctx context.Context, a *rankfile.Attempt) error {
	who, args := `household_id = $2`, []any{nil, a.HouseholdID}
	if a.TargetID != 0 {
		who, args[1] = `id = $2`, a.TargetID
	}
	if a.HouseholdID == 0 && a.TargetID == 0 {
		return nil // a call to a member: no target to mark
	}
	switch {
	case a.Result == rankfile.ResultDoNotContact:
		args[0] = true
		_, err := tx.ExecContext(ctx, `UPDATE targets SET do_not_contact = $1 WHERE `+who, args...)
		return err
	case a.Result == rankfile.ResultContact && a.TargetID != 0:
		args[0] = rankfile.DateOf(a.At.In(tx.db.Zone))
		if _, err := tx.ExecContext(ctx, `UPDATE targets SET last_heard_on = $1 WHERE `+who+`
			AND (last_heard_on IS NULL OR last_heard_on < $1)`, args...); err != nil {
			return err
		}
		if a.KeepInTouch {
			_, err := tx.ExecContext(ctx, `UPDATE targets SET keep_in_touch = TRUE WHERE id = $1`, a.TargetID)
			return err
		}
	}
	return nil
}

// HouseholdAttempts lists the attempts at a door, newest first.
func (s *AttemptService) HouseholdAttempts(ctx context.Context, householdID int64) ([]*rankfile.Attempt, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, client_id, COALESCE(campaign_id, 0), household_id, COALESCE(target_id, 0),
		COALESCE(turf_id, 0), by_member_id, channel, result, support, issues, volunteer, keep_in_touch, answers, notes,
		made_at, recorded_at FROM attempts WHERE household_id = $1 ORDER BY made_at DESC, id DESC`, householdID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Attempt
	for rows.Next() {
		a := &rankfile.Attempt{}
		var issues, answers string
		if err := rows.Scan(&a.ID, &a.ClientID, &a.CampaignID, &a.HouseholdID, &a.TargetID, &a.TurfID, &a.ByMemberID,
			&a.Channel, &a.Result, &a.Support, &issues, &a.Volunteer, &a.KeepInTouch, &answers, &a.Notes, &a.At,
			&a.RecordedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(issues), &a.Issues); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(answers), &a.Answers); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
