package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// memberUpdates applies a list's changes to members already on the roster:
// only the fields the list carries are written, and every difference goes
// into the member's history.
type memberUpdates struct {
	imp *importer
	// present are the member's fields (columns and details) the list
	// carries, and presentColumns those with columns; sensitive are the
	// sensitive fields it carries.
	present, presentColumns, sensitive []int

	selectOld, selectSensitive                *sql.Stmt
	updateRow, upsertDetails, upsertSensitive *sql.Stmt
}

// storedMember is a member's row as the update needs it.
type storedMember struct {
	values   [rankfile.NumRosterFields]string
	standing rankfile.Standing
	onList   bool
	point    *rankfile.Point
	located  int64
	chosen   int64
}

func newMemberUpdates(ctx context.Context, imp *importer) (*memberUpdates, error) {
	u := &memberUpdates{imp: imp}
	for _, f := range append(append([]int{}, columnFields...), detailFields...) {
		if imp.src.Has(f) {
			u.present = append(u.present, f)
		}
	}
	for _, f := range columnFields {
		if imp.src.Has(f) {
			u.presentColumns = append(u.presentColumns, f)
		}
	}
	for _, f := range sensitiveFields {
		if imp.src.Has(f) {
			u.sensitive = append(u.sensitive, f)
		}
	}
	return u, u.prepare(ctx)
}

func (u *memberUpdates) prepare(ctx context.Context) error {
	tx := u.imp.tx
	var err error
	u.selectOld, err = tx.PrepareContext(ctx, `SELECT `+joinColumns(fieldColumns(columnFields, "m."))+`,
		COALESCE(d.details, '{}'), list_standing, on_list, lat, lon, located_branch_id, chosen_branch_id
		FROM members m LEFT JOIN member_details d ON d.member_id = m.id WHERE m.id = $1`)
	if err != nil {
		return err
	}
	set := fieldColumns(u.presentColumns, "")
	for i := range set {
		set[i] += " = $" + strconv.Itoa(i+1)
	}
	n := len(set)
	u.updateRow, err = tx.PrepareContext(ctx, `UPDATE members SET `+strings.Join(set, ", ")+
		sprintf(`, first_name_folded = $%d, last_name_folded = $%d, list_standing = $%d, on_list = TRUE, import_hash = $%d,
			located_branch_id = $%d, chapter_id = $%d, updated_at = $%d WHERE id = $%d`, n+1, n+2, n+3, n+4, n+5, n+6, n+7, n+8))
	if err != nil {
		return err
	}
	u.upsertDetails, err = tx.PrepareContext(ctx, `INSERT INTO member_details (member_id, details) VALUES ($1, $2)
		ON CONFLICT (member_id) DO UPDATE SET details = excluded.details`)
	if err != nil || len(u.sensitive) == 0 {
		return err
	}
	return u.prepareSensitive(ctx)
}

func (u *memberUpdates) prepareSensitive(ctx context.Context) error {
	cols := fieldColumns(u.sensitive, "")
	var err error
	u.selectSensitive, err = u.imp.tx.PrepareContext(ctx,
		`SELECT `+joinColumns(cols)+` FROM member_sensitive WHERE member_id = $1`)
	if err != nil {
		return err
	}
	set := make([]string, len(cols))
	for i, c := range cols {
		set[i] = c + " = excluded." + c
	}
	u.upsertSensitive, err = u.imp.tx.PrepareContext(ctx, `INSERT INTO member_sensitive (member_id, `+
		joinColumns(cols)+`) VALUES (`+placeholders(1, len(cols)+1)+`) ON CONFLICT (member_id) DO UPDATE SET `+
		strings.Join(set, ", "))
	return err
}

// update compares the record with the stored member and writes what differs.
func (u *memberUpdates) update(ctx context.Context, k *knownMember, it *readItem) error {
	rec, standing, hash := it.rec, it.standing, it.hash
	old, err := u.load(ctx, k.id)
	if err != nil {
		return err
	}
	changes := u.diff(old, rec, standing)
	located, branchChange := u.relocate(old, rec, u.chapter(old, rec))
	if branchChange != nil {
		changes = append(changes, *branchChange)
	}
	if len(changes) == 0 {
		// Only the fingerprint differs (say, a list of the other generation).
		u.imp.report.Unchanged++
		_, err := u.imp.tx.ExecContext(ctx, `UPDATE members SET import_hash = $1 WHERE id = $2`, hash, k.id)
		return err
	}
	if err := u.write(ctx, k.id, old, rec, standing, hash, located); err != nil {
		return err
	}
	u.imp.report.Updated++
	return u.imp.history.add(ctx, &rankfile.MemberChange{
		MemberID: k.id, Kind: rankfile.ChangeUpdated, ImportID: u.imp.report.ID, Changes: changes,
	})
}

func (u *memberUpdates) load(ctx context.Context, id int64) (*storedMember, error) {
	old := &storedMember{}
	dests := make([]any, len(columnFields))
	for i, f := range columnFields {
		dests[i] = fieldDest(f)
	}
	var details string
	var lat, lon sql.NullFloat64
	var located, chosen sql.NullInt64
	dests = append(dests, &details, &old.standing, &old.onList, &lat, &lon, &located, &chosen)
	if err := u.selectOld.QueryRowContext(ctx, id).Scan(dests...); err != nil {
		return nil, err
	}
	for i, f := range columnFields {
		old.values[f] = destText(dests[i])
	}
	if err := decodeDetails(details, &old.values); err != nil {
		return nil, err
	}
	if lat.Valid && lon.Valid {
		old.point = &rankfile.Point{Lat: lat.Float64, Lon: lon.Float64}
	}
	old.located, old.chosen = located.Int64, chosen.Int64
	return old, u.loadSensitive(ctx, id, old)
}

func (u *memberUpdates) loadSensitive(ctx context.Context, id int64, old *storedMember) error {
	if len(u.sensitive) == 0 {
		return nil
	}
	dests := make([]any, len(u.sensitive))
	for i := range dests {
		dests[i] = new(string)
	}
	err := u.selectSensitive.QueryRowContext(ctx, id).Scan(dests...)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return err
	}
	for i, f := range u.sensitive {
		if old.values[f], err = u.imp.tx.db.unseal(rankfile.RosterFields[f].Name, id, *dests[i].(*string)); err != nil {
			return err
		}
	}
	return nil
}

// diff lists the fields the record changes. Sensitive fields are named but
// their values are not copied into history.
func (u *memberUpdates) diff(old *storedMember, rec *rankfile.RosterRecord, standing rankfile.Standing) []rankfile.FieldChange {
	var changes []rankfile.FieldChange
	for _, f := range u.present {
		if old.values[f] != rec.Values[f] {
			changes = append(changes, rankfile.FieldChange{
				Field: rankfile.RosterFields[f].Name, Old: old.values[f], New: rec.Values[f]})
		}
	}
	for _, f := range u.sensitive {
		if old.values[f] != rec.Values[f] {
			changes = append(changes, rankfile.FieldChange{Field: rankfile.RosterFields[f].Name, Redacted: true})
		}
	}
	if standing != old.standing {
		changes = append(changes, rankfile.FieldChange{Field: "list_standing", Old: string(old.standing), New: string(standing)})
	}
	if !old.onList {
		changes = append(changes, rankfile.FieldChange{Field: "on_list", Old: "false", New: "true"})
	}
	return changes
}

// chapter returns the chapter the member is placed in by the record, or
// by what the roster holds when the list does not say.
func (u *memberUpdates) chapter(old *storedMember, rec *rankfile.RosterRecord) int64 {
	if u.imp.src.Has(rankfile.FieldChapter) {
		return u.imp.chapters.Place(rec.Values[rankfile.FieldChapter])
	}
	return u.imp.chapters.Place(old.values[rankfile.FieldChapter])
}

// relocate finds the member's branch again when the record moves their ZIP
// or their chapter, and describes the change when their effective branch
// changes with it.
func (u *memberUpdates) relocate(old *storedMember, rec *rankfile.RosterRecord, chapter int64) (int64, *rankfile.FieldChange) {
	zips := [2]string{old.values[rankfile.FieldMailingZip], old.values[rankfile.FieldBillingZip]}
	for i, f := range []int{rankfile.FieldMailingZip, rankfile.FieldBillingZip} {
		if u.imp.src.Has(f) {
			zips[i] = rec.Values[f]
		}
	}
	if zips[0] == old.values[rankfile.FieldMailingZip] && zips[1] == old.values[rankfile.FieldBillingZip] &&
		chapter == u.imp.chapters.Place(old.values[rankfile.FieldChapter]) {
		return old.located, nil
	}
	located := u.imp.sorter.locate(chapter, old.point, zips[0], zips[1])
	if located == old.located || old.chosen != 0 {
		return located, nil
	}
	s := u.imp.sorter
	return located, &rankfile.FieldChange{Field: "branch", Old: s.slugs[old.located], New: s.slugs[located]}
}

func (u *memberUpdates) write(ctx context.Context, id int64, old *storedMember, rec *rankfile.RosterRecord, standing rankfile.Standing, hash string, located int64) error {
	merged := old.values // what the list does not carry stays as it was
	for _, f := range u.present {
		merged[f] = rec.Values[f]
	}
	args := make([]any, 0, len(u.presentColumns)+8)
	for _, f := range u.presentColumns {
		args = append(args, u.imp.tx.db.fieldArg(f, rec.Values[f]))
	}
	// The folded names follow the names, whether or not the list carries them.
	args = append(args, rankfile.FoldName(merged[rankfile.FieldFirstName]), rankfile.FoldName(merged[rankfile.FieldLastName]),
		string(standing), hash, nullID(located), nullID(u.imp.chapters.Place(merged[rankfile.FieldChapter])), u.imp.tx.stamp, id)
	if _, err := u.updateRow.ExecContext(ctx, args...); err != nil {
		return err
	}
	if _, err := u.upsertDetails.ExecContext(ctx, id, encodeDetails(&merged)); err != nil {
		return err
	}
	changed := false
	for _, f := range u.sensitive {
		changed = changed || rec.Values[f] != old.values[f]
	}
	if !changed {
		return nil
	}
	sealed, _, err := u.imp.tx.db.sealFields(id, u.sensitive, &rec.Values)
	if err != nil {
		return err
	}
	_, err = u.upsertSensitive.ExecContext(ctx, sealed...)
	return err
}

func (u *memberUpdates) close() {
	for _, s := range []*sql.Stmt{u.selectOld, u.selectSensitive, u.updateRow, u.upsertDetails, u.upsertSensitive} {
		if s != nil {
			s.Close()
		}
	}
}
