package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// AuditClaimCalls is the audit action of handing calls to a caller: its
// entry names the lines, so the log says whose numbers each caller saw.
const AuditClaimCalls = "claim_calls"

const callColumns = `c.id, c.phonebank_id, COALESCE(c.target_id, 0), COALESCE(c.member_id, 0), c.name, c.phone,
	COALESCE(c.claimed_by, 0), c.claimed_until, c.next_at, c.tries, c.done, c.last_result`

func scanCalls(rows *sql.Rows) ([]*rankfile.Call, error) {
	defer rows.Close()
	var out []*rankfile.Call
	for rows.Next() {
		c := &rankfile.Call{}
		var until, next sql.NullTime
		if err := rows.Scan(&c.ID, &c.PhonebankID, &c.TargetID, &c.MemberID, &c.Name, &c.Phone, &c.ClaimedBy, &until,
			&next, &c.Tries, &c.Done, &c.LastResult); err != nil {
			return nil, err
		}
		c.ClaimedUntil, c.NextAt = until.Time, next.Time
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindCall returns one line of a list.
func (s *PhonebankService) FindCall(ctx context.Context, id int64) (*rankfile.Call, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+callColumns+` FROM calls c WHERE c.id = $1`, id)
	if err != nil {
		return nil, s.db.translate(err)
	}
	found, err := scanCalls(rows)
	if err == nil && len(found) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such call")
	}
	if err != nil {
		return nil, err
	}
	return found[0], nil
}

// ClaimCalls hands a caller her batch in one transaction. On PostgreSQL
// the calls taken are locked with SKIP LOCKED, so that callers asking at
// once take different calls without waiting on each other; SQLite has
// one writer at a time.
func (s *PhonebankService) ClaimCalls(ctx context.Context, phonebankID, callerID int64) ([]*rankfile.Call, error) {
	var out []*rankfile.Call
	err := s.db.inTx(ctx, func(tx *Tx) error {
		p, err := tx.openPhonebank(ctx, phonebankID)
		if err != nil {
			return err
		}
		until := tx.db.timeArg(tx.now.Add(rankfile.CallHold).UTC())
		held, err := tx.extendHeldCalls(ctx, phonebankID, callerID, until)
		if err != nil {
			return err
		}
		if need := p.BatchSize - held; need > 0 {
			if err := tx.claimFreeCalls(ctx, p, callerID, until, need); err != nil {
				return err
			}
		}
		if out, err = tx.heldCalls(ctx, phonebankID, callerID); err != nil {
			return err
		}
		return tx.audit(ctx, AuditClaimCalls, callerID, "phonebank "+itoa(phonebankID)+": calls "+callIDs(out))
	})
	return out, err
}

// openPhonebank reads a phonebank that is not closed.
func (tx *Tx) openPhonebank(ctx context.Context, id int64) (*rankfile.Phonebank, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+phonebankColumns+` FROM phonebanks WHERE id = $1`, id)
	if err != nil {
		return nil, err
	}
	found, err := scanPhonebanks(rows)
	switch {
	case err != nil:
		return nil, err
	case len(found) == 0:
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such phonebank")
	case !found[0].ClosedAt.IsZero():
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "the phonebank is closed")
	}
	return found[0], nil
}

// extendHeldCalls renews the hold on the calls a caller has not made yet
// and returns how many she holds.
func (tx *Tx) extendHeldCalls(ctx context.Context, phonebankID, callerID int64, until any) (int, error) {
	res, err := tx.ExecContext(ctx, `UPDATE calls SET claimed_until = $1 WHERE phonebank_id = $2 AND claimed_by = $3
		AND claimed_until > $4 AND NOT done`, until, phonebankID, callerID, tx.stamp)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// claimFreeCalls gives a caller up to n calls nobody holds that are due:
// call-backs first, then the list in order. A person on the do-not-contact
// list since the list was made, or called by another phonebank within
// this one's cooldown, is passed over.
func (tx *Tx) claimFreeCalls(ctx context.Context, p *rankfile.Phonebank, callerID int64, until any, n int) error {
	free := `SELECT c.id FROM calls c WHERE c.phonebank_id = $3 AND NOT c.done
		AND (c.claimed_until IS NULL OR c.claimed_until <= $4) AND (c.next_at IS NULL OR c.next_at <= $4)
		AND NOT EXISTS (SELECT 1 FROM do_not_contact d WHERE d.kind = 'phone' AND d.value = c.phone)
		AND NOT EXISTS (SELECT 1 FROM targets t WHERE t.id = c.target_id AND t.do_not_contact)`
	args := []any{callerID, until, p.ID, tx.stamp, n}
	if p.CooldownDays > 0 {
		free += ` AND NOT EXISTS (SELECT 1 FROM attempts a JOIN calls o ON o.id = a.call_id
			WHERE o.phonebank_id <> c.phonebank_id AND a.made_at > $6
			AND (a.member_id = c.member_id OR a.target_id = c.target_id))`
		args = append(args, tx.db.timeArg(tx.now.AddDate(0, 0, -p.CooldownDays).UTC()))
	}
	free += ` ORDER BY c.next_at IS NULL, c.next_at, c.id LIMIT $5`
	if tx.db.dialect != SQLite {
		free += ` FOR UPDATE SKIP LOCKED`
	}
	_, err := tx.ExecContext(ctx, `UPDATE calls SET claimed_by = $1, claimed_until = $2 WHERE id IN (`+free+`)`, args...)
	return err
}

// HeldCalls lists the calls a caller holds now.
func (s *PhonebankService) HeldCalls(ctx context.Context, phonebankID, callerID int64) ([]*rankfile.Call, error) {
	rows, err := s.db.read.QueryContext(ctx, heldCallsQuery, phonebankID, callerID, s.db.timeArg(s.db.Now().UTC()))
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanCalls(rows)
}

const heldCallsQuery = `SELECT ` + callColumns + ` FROM calls c WHERE c.phonebank_id = $1 AND c.claimed_by = $2
	AND c.claimed_until > $3 AND NOT c.done ORDER BY c.next_at IS NULL, c.next_at, c.id`

// heldCalls lists the calls a caller holds now, in the order handed out.
func (tx *Tx) heldCalls(ctx context.Context, phonebankID, callerID int64) ([]*rankfile.Call, error) {
	rows, err := tx.QueryContext(ctx, heldCallsQuery, phonebankID, callerID, tx.stamp)
	if err != nil {
		return nil, err
	}
	return scanCalls(rows)
}

// callIDs writes calls' ids for the log: "4, 9, 12".
func callIDs(calls []*rankfile.Call) string {
	ids := make([]string, len(calls))
	for i, c := range calls {
		ids[i] = itoa(c.ID)
	}
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

// checkAttemptCall fills a call's attempt from its line (the campaign, who
// was called and their door) and refuses a line that is done.
func (tx *Tx) checkAttemptCall(ctx context.Context, a *rankfile.Attempt) (*callLine, error) {
	l := &callLine{}
	var household sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(p.campaign_id, 0), COALESCE(c.target_id, 0),
		COALESCE(c.member_id, 0), t.household_id, c.phone, c.tries, p.retry_hours, p.max_tries
		FROM calls c JOIN phonebanks p ON p.id = c.phonebank_id LEFT JOIN targets t ON t.id = c.target_id
		WHERE c.id = $1`, a.CallID).Scan(&a.CampaignID, &a.TargetID, &a.MemberID, &household, &l.phone, &l.tries,
		&l.retryHours, &l.maxTries)
	if err == sql.ErrNoRows {
		return nil, rankfile.FieldErrorf("call_id", rankfile.EINVALID, "no call %d on any list", a.CallID)
	}
	a.HouseholdID = household.Int64
	return l, err
}

// callLine is what recording a call needs of its line.
type callLine struct {
	phone                       string
	tries, retryHours, maxTries int
}

// callEffects moves a line on after a call, letting go of the hold (the
// line keeps who called it last): done once someone was reached
// or refused or the number was wrong; an unanswered call waits its retry
// (done after the last try); a call-back waits for its time. A member who
// asks not to be called puts their number on the do-not-contact list.
func (tx *Tx) callEffects(ctx context.Context, a *rankfile.Attempt, l *callLine) error {
	done, next := true, any(nil)
	switch a.Result {
	case rankfile.ResultNotHome:
		if done = l.tries+1 >= l.maxTries; !done {
			next = tx.db.timeArg(a.At.Add(time.Duration(l.retryHours) * time.Hour).UTC())
		}
	case rankfile.ResultCallBack:
		done, next = false, tx.db.timeArg(a.CallBackAt.UTC())
	}
	if _, err := tx.ExecContext(ctx, `UPDATE calls SET tries = tries + 1, done = $1, next_at = $2, last_result = $3,
		claimed_until = NULL WHERE id = $4`, done, next, a.Result, a.CallID); err != nil {
		return err
	}
	if a.Result != rankfile.ResultDoNotContact || l.phone == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO do_not_contact (kind, value, reason, added_at) VALUES ('phone', $1,
		'asked on a call', $2) ON CONFLICT DO NOTHING`, l.phone, tx.stamp)
	return err
}
