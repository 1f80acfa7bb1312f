package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"

	"github.com/rankfile/rankfile"
)

// ImportTargets adds a list's rows to a campaign in one transaction: a row
// on the do-not-contact list is left out; each other row's household is
// found by its address key, or made; a row that is a target already
// (rankfile.SameTarget, against the campaign's targets and the rows
// before it) fills that target's empty fields; any other row is a new
// target.
func (s *CampaignService) ImportTargets(ctx context.Context, campaignID int64, source string, m rankfile.TargetMapping, rows []rankfile.TargetRow) (*rankfile.TargetImport, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if source == "" {
		return nil, rankfile.FieldErrorf("source", rankfile.EINVALID, "name the list, so that its next import finds its columns")
	}
	out := &rankfile.TargetImport{}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		im, err := tx.startTargetImport(ctx, campaignID, source, m)
		if err != nil {
			return err
		}
		out.SourceID = im.sourceID
		for i := range rows {
			if err := im.add(ctx, &rows[i], out); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditImportTargets, 0, "campaign "+itoa(campaignID)+" from "+source+": "+
			strconv.Itoa(out.Added)+" added, "+strconv.Itoa(out.Merged)+" merged, "+strconv.Itoa(out.Skipped)+" left out")
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// targetImport is the state of one import: what the campaign holds
// already, indexed the ways SameTarget can match.
type targetImport struct {
	tx         *Tx
	campaignID int64
	sourceID   int64
	dnc        map[string]bool // kind + ":" + value
	households map[string]int64
	byKey      map[string][]*rankfile.Target
}

// startTargetImport checks the campaign, saves the source's mapping and
// reads what the import compares rows with.
func (tx *Tx) startTargetImport(ctx context.Context, campaignID int64, source string, m rankfile.TargetMapping) (*targetImport, error) {
	var closed sql.NullTime
	if err := tx.QueryRowContext(ctx, `SELECT closed_at FROM campaigns WHERE id = $1`, campaignID).Scan(&closed); err != nil {
		if err == sql.ErrNoRows {
			return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such campaign")
		}
		return nil, err
	}
	if closed.Valid {
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "the campaign is closed")
	}
	im := &targetImport{tx: tx, campaignID: campaignID, dnc: map[string]bool{}, households: map[string]int64{},
		byKey: map[string][]*rankfile.Target{}}
	mapping, _ := json.Marshal(m)
	if err := tx.QueryRowContext(ctx, `INSERT INTO target_sources (campaign_id, name, mapping, imported_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (campaign_id, name) DO UPDATE SET mapping = excluded.mapping,
		imported_at = excluded.imported_at RETURNING id`, campaignID, source, string(mapping), tx.stamp).Scan(&im.sourceID); err != nil {
		return nil, err
	}
	return im, im.load(ctx)
}

// load reads the do-not-contact list and the campaign's households and
// targets.
func (im *targetImport) load(ctx context.Context) error {
	if err := im.loadPairs(ctx, `SELECT kind || ':' || value, 0 FROM do_not_contact`, func(k string, _ int64) { im.dnc[k] = true }); err != nil {
		return err
	}
	if err := im.loadPairs(ctx, `SELECT address_key, id FROM households WHERE campaign_id = $1`,
		func(k string, id int64) { im.households[k] = id }, im.campaignID); err != nil {
		return err
	}
	rows, err := im.tx.QueryContext(ctx, `SELECT `+targetColumns+` FROM targets WHERE campaign_id = $1`, im.campaignID)
	if err != nil {
		return err
	}
	targets, err := scanTargets(rows)
	for _, t := range targets {
		im.index(t)
	}
	return err
}

func (im *targetImport) loadPairs(ctx context.Context, q string, put func(string, int64), args ...any) error {
	rows, err := im.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return err
		}
		put(k, id)
	}
	return rows.Err()
}

// matchKeys are the keys under which a target can be found again: every
// way SameTarget can match is one of them.
func matchKeys(t *rankfile.Target) []string {
	last := rankfile.FoldName(t.LastName)
	keys := []string{"h:" + itoa(t.HouseholdID) + ":" + rankfile.FoldName(t.FirstName) + ":" + last}
	if t.ExternalID != "" {
		keys = append(keys, "x:"+itoa(t.SourceID)+":"+t.ExternalID)
	}
	if t.Phone != "" {
		keys = append(keys, "p:"+last+":"+t.Phone)
	}
	if t.Email != "" {
		keys = append(keys, "e:"+last+":"+t.Email)
	}
	return keys
}

func (im *targetImport) index(t *rankfile.Target) {
	for _, k := range matchKeys(t) {
		im.byKey[k] = append(im.byKey[k], t)
	}
}

// find returns the target the row is, or nil.
func (im *targetImport) find(row *rankfile.Target) *rankfile.Target {
	for _, k := range matchKeys(row) {
		for _, t := range im.byKey[k] {
			if rankfile.SameTarget(t, row) {
				return t
			}
		}
	}
	return nil
}

// add imports one row.
func (im *targetImport) add(ctx context.Context, row *rankfile.TargetRow, out *rankfile.TargetImport) error {
	t := row.Target
	if im.onDoNotContact(&t, row.Address) {
		out.Skipped++
		return nil
	}
	var err error
	if t.HouseholdID, err = im.household(ctx, row, out); err != nil {
		return err
	}
	t.CampaignID, t.SourceID = im.campaignID, im.sourceID
	if found := im.find(&t); found != nil {
		out.Merged++
		return im.merge(ctx, found, &t)
	}
	out.Added++
	t.CreatedAt = im.tx.now
	if err := im.tx.QueryRowContext(ctx, `INSERT INTO targets (campaign_id, household_id, source_id, external_id,
		first_name, last_name, phone, email, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		t.CampaignID, nullID(t.HouseholdID), t.SourceID, t.ExternalID, t.FirstName, t.LastName, t.Phone, t.Email,
		im.tx.stamp).Scan(&t.ID); err != nil {
		return err
	}
	im.index(&t)
	return nil
}

// onDoNotContact reports whether the row's phone, email or door is on the
// do-not-contact list.
func (im *targetImport) onDoNotContact(t *rankfile.Target, a rankfile.HouseholdAddress) bool {
	return (t.Phone != "" && im.dnc[rankfile.DoNotContactPhone+":"+t.Phone]) ||
		(t.Email != "" && im.dnc[rankfile.DoNotContactEmail+":"+t.Email]) ||
		im.dnc[rankfile.DoNotContactAddress+":"+a.DoorKey()]
}

// household returns the id of the row's household, made if new; a
// household without coordinates takes the row's.
func (im *targetImport) household(ctx context.Context, row *rankfile.TargetRow, out *rankfile.TargetImport) (int64, error) {
	a, key := row.Address, row.Address.Key()
	var lat, lon any
	if row.Point != nil {
		lat, lon = row.Point.Lat, row.Point.Lon
	}
	if id, ok := im.households[key]; ok {
		if row.Point == nil {
			return id, nil
		}
		_, err := im.tx.ExecContext(ctx, `UPDATE households SET lat = $1, lon = $2 WHERE id = $3 AND lat IS NULL`, lat, lon, id)
		return id, err
	}
	var id int64
	if err := im.tx.QueryRowContext(ctx, `INSERT INTO households (campaign_id, address_key, number, street, unit, city,
		state, zip, lat, lon) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, im.campaignID, key,
		a.Number, a.Street, a.Unit, a.City, a.State, a.Zip, lat, lon).Scan(&id); err != nil {
		return 0, err
	}
	im.households[key] = id
	out.Households++
	return id, nil
}

// merge fills the target's empty fields from the row and stores them.
func (im *targetImport) merge(ctx context.Context, t, row *rankfile.Target) error {
	before := *t
	t.Merge(row)
	if *t == before {
		return nil
	}
	im.index(t)
	_, err := im.tx.ExecContext(ctx, `UPDATE targets SET source_id = $1, external_id = $2, first_name = $3, last_name = $4,
		phone = $5, email = $6, household_id = $7 WHERE id = $8`, nullID(t.SourceID), t.ExternalID, t.FirstName,
		t.LastName, t.Phone, t.Email, nullID(t.HouseholdID), t.ID)
	return err
}
