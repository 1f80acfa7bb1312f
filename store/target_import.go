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
			im.add(&rows[i], out)
		}
		if err := im.write(ctx); err != nil {
			return err
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
// already, indexed the ways SameTarget can match, and what the import
// adds, held until every row is read and then written a batch at a time.
// A new household has a temporary id below zero until then, so that
// SameTarget's rule of one household holds for rows not yet written.
type targetImport struct {
	tx         *Tx
	campaignID int64
	sourceID   int64
	dnc        map[string]bool // kind + ":" + value
	households map[string]int64
	unlocated  map[int64]bool // households stored without coordinates
	byKey      map[string][]*rankfile.Target

	newHouseholds []*pendingHousehold
	located       map[int64]rankfile.Point // stored households the import gives coordinates
	added         []*rankfile.Target
	merged        map[*rankfile.Target]bool // stored targets the import fills in
}

// pendingHousehold is a household the import makes.
type pendingHousehold struct {
	id      int64 // below zero until written
	key     string
	address rankfile.HouseholdAddress
	point   *rankfile.Point
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
		unlocated: map[int64]bool{}, byKey: map[string][]*rankfile.Target{}, located: map[int64]rankfile.Point{},
		merged: map[*rankfile.Target]bool{}}
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
	if err := im.loadPairs(ctx, `SELECT '', id FROM households WHERE campaign_id = $1 AND lat IS NULL`,
		func(_ string, id int64) { im.unlocated[id] = true }, im.campaignID); err != nil {
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

// add takes one row in: left out, merged into a target, or a new one.
func (im *targetImport) add(row *rankfile.TargetRow, out *rankfile.TargetImport) {
	t := row.Target
	if im.onDoNotContact(&t, row.Address) {
		out.Skipped++
		return
	}
	t.HouseholdID = im.household(row, out)
	t.CampaignID, t.SourceID = im.campaignID, im.sourceID
	if found := im.find(&t); found != nil {
		out.Merged++
		im.merge(found, &t)
		return
	}
	out.Added++
	t.CreatedAt = im.tx.now
	added := &t
	im.added = append(im.added, added)
	im.index(added)
}

// onDoNotContact reports whether the row's phone, email or door is on the
// do-not-contact list.
func (im *targetImport) onDoNotContact(t *rankfile.Target, a rankfile.HouseholdAddress) bool {
	return (t.Phone != "" && im.dnc[rankfile.DoNotContactPhone+":"+t.Phone]) ||
		(t.Email != "" && im.dnc[rankfile.DoNotContactEmail+":"+t.Email]) ||
		im.dnc[rankfile.DoNotContactAddress+":"+a.DoorKey()]
}

// household returns the id of the row's household, made if new (with a
// temporary id); a household without coordinates takes the row's.
func (im *targetImport) household(row *rankfile.TargetRow, out *rankfile.TargetImport) int64 {
	key := row.Address.Key()
	if id, ok := im.households[key]; ok {
		if row.Point != nil && im.unlocated[id] {
			im.located[id], im.unlocated[id] = *row.Point, false
		}
		if row.Point != nil && id < 0 && im.newHouseholds[-id-1].point == nil {
			im.newHouseholds[-id-1].point = row.Point
		}
		return id
	}
	h := &pendingHousehold{id: -int64(len(im.newHouseholds) + 1), key: key, address: row.Address, point: row.Point}
	im.newHouseholds = append(im.newHouseholds, h)
	im.households[key] = h.id
	out.Households++
	return h.id
}

// merge fills the target's empty fields from the row; a stored target is
// written at the end, a new one goes in as it then is.
func (im *targetImport) merge(t, row *rankfile.Target) {
	before := *t
	t.Merge(row)
	if *t == before {
		return
	}
	im.index(t)
	if t.ID != 0 {
		im.merged[t] = true
	}
}

// write stores what the import made: the new households (their ids
// reserved first, so that the targets can name them), the coordinates
// given to stored ones, the new targets and the targets filled in.
func (im *targetImport) write(ctx context.Context) error {
	ids, err := im.tx.reserveIDs(ctx, "households", len(im.newHouseholds))
	if err != nil {
		return err
	}
	if err := im.writeHouseholds(ctx, ids); err != nil {
		return err
	}
	for id, p := range im.located {
		if _, err := im.tx.ExecContext(ctx, `UPDATE households SET lat = $1, lon = $2 WHERE id = $3 AND lat IS NULL`,
			p.Lat, p.Lon, id); err != nil {
			return err
		}
	}
	if err := im.writeTargets(ctx, ids); err != nil {
		return err
	}
	return im.writeMerged(ctx, ids)
}

// realID turns a temporary household id into the one it was written with.
func realID(id int64, ids []int64) int64 {
	if id < 0 {
		return ids[-id-1]
	}
	return id
}

// writeHouseholds writes the new households with the ids reserved.
func (im *targetImport) writeHouseholds(ctx context.Context, ids []int64) error {
	b := newBatchInsert(im.tx, "households", []string{"id", "campaign_id", "address_key", "number", "street", "unit",
		"city", "state", "zip", "lat", "lon"})
	defer b.close()
	for i, h := range im.newHouseholds {
		a := h.address
		var lat, lon any
		if h.point != nil {
			lat, lon = h.point.Lat, h.point.Lon
		}
		if err := b.add(ctx, ids[i], im.campaignID, h.key, a.Number, a.Street, a.Unit, a.City, a.State, a.Zip, lat, lon); err != nil {
			return err
		}
	}
	return b.flush(ctx)
}

// writeTargets writes the new targets.
func (im *targetImport) writeTargets(ctx context.Context, ids []int64) error {
	b := newBatchInsert(im.tx, "targets", []string{"campaign_id", "household_id", "source_id", "external_id",
		"first_name", "last_name", "phone", "email", "created_at"})
	defer b.close()
	for _, t := range im.added {
		t.HouseholdID = realID(t.HouseholdID, ids)
		if err := b.add(ctx, t.CampaignID, nullID(t.HouseholdID), t.SourceID, t.ExternalID, t.FirstName, t.LastName,
			t.Phone, t.Email, im.tx.stamp); err != nil {
			return err
		}
	}
	return b.flush(ctx)
}

// writeMerged writes the stored targets the import filled in.
func (im *targetImport) writeMerged(ctx context.Context, ids []int64) error {
	for t := range im.merged {
		t.HouseholdID = realID(t.HouseholdID, ids)
		if _, err := im.tx.ExecContext(ctx, `UPDATE targets SET source_id = $1, external_id = $2, first_name = $3,
			last_name = $4, phone = $5, email = $6, household_id = $7 WHERE id = $8`, nullID(t.SourceID), t.ExternalID,
			t.FirstName, t.LastName, t.Phone, t.Email, nullID(t.HouseholdID), t.ID); err != nil {
			return err
		}
	}
	return nil
}
