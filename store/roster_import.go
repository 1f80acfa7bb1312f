package store

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"sort"

	"github.com/rankfile/rankfile"
)

// importer applies one national list inside one transaction.
type importer struct {
	tx     *Tx
	src    rankfile.RosterSource
	opts   rankfile.ImportOptions
	report *rankfile.ImportReport
	// prevListDate is the newest earlier list's date, to warn about a list
	// older than one already imported.
	prevListDate rankfile.Date

	known  map[string]*knownMember // by national id
	onList int                     // members the previous list carried
	sorter *branchSorter
	// chapters places each member added or changed in their chapter.
	chapters *rankfile.ChapterPlacement
	adds     *memberAdds
	updates  *memberUpdates
	history  *historyWriter
	// deferred are the indexes and constraints set aside while filling an
	// empty roster.
	deferred []deferred
	today    rankfile.Date
	// returning are the members this list brings back from lapsed: each
	// starts a new onboarding path.
	returning []int64
}

// intoEmptyRoster reports whether the list is the roster's first: the
// import widens the writer's cache (widenCache), sets the indexes aside
// (deferChecks), writes in the background (memberAdds) and starts no
// onboarding paths (startPaths).
func (imp *importer) intoEmptyRoster() bool { return len(imp.known) == 0 }

// knownMember is what the importer keeps in memory about each member
// already on the roster: enough to skip an unchanged record without a query.
type knownMember struct {
	id       int64
	hash     string
	standing rankfile.Standing
	onList   bool
	seen     bool // the list being imported carries the member
}

func newImporter(ctx context.Context, tx *Tx, src rankfile.RosterSource, opts rankfile.ImportOptions) (*importer, error) {
	imp := &importer{tx: tx, src: src, opts: opts, history: newHistoryWriter(tx), today: tx.today()}
	imp.report = &rankfile.ImportReport{
		Rejected: []rankfile.Rejection{}, UnknownColumns: src.UnknownColumns(), Warnings: []string{},
		FileName: opts.FileName, Actor: opts.Actor, FinishedAt: tx.now,
	}
	if imp.report.UnknownColumns == nil {
		imp.report.UnknownColumns = []string{}
	}
	if err := imp.start(ctx); err != nil {
		imp.close()
		return nil, err
	}
	return imp, nil
}

// start logs the import and loads what it needs to know before reading.
func (imp *importer) start(ctx context.Context) error {
	err := imp.tx.QueryRowContext(ctx, `SELECT MAX(list_date) FROM imports`).Scan(&imp.prevListDate)
	if err != nil {
		return err
	}
	err = imp.tx.QueryRowContext(ctx, `INSERT INTO imports (file_name, actor, list_date, finished_at)
		VALUES ($1, $2, $3, $4) RETURNING id`,
		imp.opts.FileName, imp.opts.Actor, imp.tx.today(), imp.tx.now).Scan(&imp.report.ID)
	if err != nil {
		return err
	}
	if imp.known, imp.onList, err = loadKnownMembers(ctx, imp.tx); err != nil {
		return err
	}
	if imp.intoEmptyRoster() {
		if err := imp.tx.widenCache(ctx); err != nil {
			return err
		}
		if imp.deferred, err = imp.tx.deferChecks(ctx); err != nil {
			return err
		}
	}
	if imp.sorter, err = newBranchSorter(ctx, imp.tx); err != nil {
		return err
	}
	if imp.chapters, err = imp.tx.chapterPlacement(ctx); err != nil {
		return err
	}
	imp.adds = newMemberAdds(imp)
	imp.updates, err = newMemberUpdates(ctx, imp)
	return err
}

func loadKnownMembers(ctx context.Context, tx *Tx) (map[string]*knownMember, int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, national_id, import_hash, list_standing, on_list
		FROM members WHERE national_id IS NOT NULL`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	known := make(map[string]*knownMember)
	onList := 0
	for rows.Next() {
		k := &knownMember{}
		var nationalID string
		if err := rows.Scan(&k.id, &nationalID, &k.hash, &k.standing, &k.onList); err != nil {
			return nil, 0, err
		}
		known[nationalID] = k
		if k.onList {
			onList++
		}
	}
	return known, onList, rows.Err()
}

func (imp *importer) close() {
	imp.history.close()
	if imp.adds != nil {
		imp.adds.close()
	}
	if imp.updates != nil {
		imp.updates.close()
	}
}

// run reads every record, then lapses the members the list left out.
func (imp *importer) run(ctx context.Context) (*rankfile.ImportReport, error) {
	if err := imp.readAll(ctx); err != nil {
		return nil, err
	}
	if err := imp.adds.flush(ctx); err != nil {
		return nil, err
	}
	r := imp.report
	if r.Added+r.Updated+r.Unchanged == 0 {
		return nil, rankfile.Errorf(rankfile.EINVALID,
			"the list holds no valid member records (%d rejected), so nothing was imported: an empty list would lapse everyone", len(r.Rejected))
	}
	if err := imp.lapseMissing(ctx); err != nil {
		return nil, err
	}
	if err := imp.startPaths(ctx); err != nil {
		return nil, err
	}
	if err := imp.history.flush(ctx); err != nil {
		return nil, err
	}
	if err := imp.tx.restoreChecks(ctx, imp.deferred); err != nil {
		return nil, err
	}
	imp.warn()
	return r, imp.finish(ctx)
}

// markSeen notes that the list carries a member even though their record
// was rejected: a typo in someone's row must not lapse them.
func (imp *importer) markSeen(nationalID string) *knownMember {
	k := imp.known[nationalID]
	if k != nil {
		k.seen = true
	}
	return k
}

func (imp *importer) reject(line int, reason string) {
	imp.report.Rejected = append(imp.report.Rejected, rankfile.Rejection{Line: line, Reason: reason})
}

// record adds, updates or skips one member.
func (imp *importer) record(ctx context.Context, it *readItem) error {
	k := imp.markSeen(it.rec.NationalID())
	if it.standingErr != nil {
		imp.reject(it.rec.Line, rankfile.ErrorMessage(it.standingErr))
		return nil
	}
	if it.asOf.After(imp.report.ListDate) {
		imp.report.ListDate = it.asOf
	}
	switch {
	case k == nil:
		return imp.adds.add(ctx, it)
	case k.hash == it.hash && k.onList:
		imp.report.Unchanged++
		return nil
	case k.standing == rankfile.StandingLapsed && it.standing != rankfile.StandingLapsed:
		imp.returning = append(imp.returning, k.id)
	}
	return imp.updates.update(ctx, k, it)
}

// prepare works out what it can from a record alone, before the database
// is consulted: it runs beside the writer, in the reading goroutine.
func (imp *importer) prepare(it *readItem) {
	it.asOf = it.rec.ListDate
	if it.asOf.IsZero() {
		it.asOf = imp.opts.AsOf
	}
	if it.asOf.IsZero() {
		it.asOf = imp.today
	}
	xdate := rankfile.MustParseDate(it.rec.Values[rankfile.FieldXdate])
	it.standing, it.standingErr = rankfile.StandingFromList(it.rec.Values[rankfile.FieldMembershipStatus],
		imp.src.Has(rankfile.FieldMembershipStatus), xdate, it.asOf)
	it.hash = imp.hash(it.rec, it.standing)
	// Only a new member's rows are made here: an update merges the list
	// with what the roster holds (see memberUpdates), and re-encoding the
	// details of every unchanged member took a sixth of reading a list
	// the roster already holds. known is only read once reading starts.
	if it.standingErr == nil && imp.known[it.rec.NationalID()] == nil {
		it.details = encodeDetails(&it.rec.Values)
		it.memberArgs = imp.adds.memberArgs(it)
	}
}

// hash fingerprints what the list says of a member, so that re-importing an
// unchanged member costs a map lookup instead of a query. It is FNV-1a
// (64 bits, as hash/fnv's New64a), written out so that hashing a record
// allocates nothing: through hash.Hash each of its forty values was copied
// to the heap first. The fingerprints are stored: the function must not
// change, or the next list would look changed for every member.
func (imp *importer) hash(rec *rankfile.RosterRecord, standing rankfile.Standing) string {
	h := fnv64a(fnvOffset64)
	for i, v := range rec.Values {
		if imp.src.Has(i) {
			h = h.addByte(byte(i)).addString(v).addByte(0)
		}
	}
	h = h.addString(string(standing))
	return hex.EncodeToString(binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(h)))
}

// fnv64a is a 64-bit FNV-1a hash being computed.
type fnv64a uint64

const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

func (h fnv64a) addByte(b byte) fnv64a { return (h ^ fnv64a(b)) * fnvPrime64 }

func (h fnv64a) addString(s string) fnv64a {
	for i := 0; i < len(s); i++ {
		h = (h ^ fnv64a(s[i])) * fnvPrime64
	}
	return h
}

// lapseMissing marks lapsed every member the previous list carried and this
// one does not. They are never deleted: history and positions stay.
func (imp *importer) lapseMissing(ctx context.Context) error {
	var missing []*knownMember
	for _, k := range imp.known {
		if k.onList && !k.seen {
			missing = append(missing, k)
		}
	}
	sort.Slice(missing, func(i, j int) bool { return missing[i].id < missing[j].id })
	ids := make([]int64, len(missing))
	for i, k := range missing {
		ids[i] = k.id
		if err := imp.history.add(ctx, lapseChange(k, imp.report)); err != nil {
			return err
		}
	}
	imp.report.Lapsed = len(missing)
	return imp.tx.updateIDs(ctx, ids, `UPDATE members SET list_standing = 'lapsed', on_list = FALSE,
		import_hash = '', updated_at = $1 WHERE id IN (%s)`, imp.tx.now)
}

func lapseChange(k *knownMember, r *rankfile.ImportReport) *rankfile.MemberChange {
	c := &rankfile.MemberChange{
		MemberID: k.id, Kind: rankfile.ChangeLapsed, ImportID: r.ID,
		Note:    "missing from the list of " + r.ListDate.String(),
		Changes: []rankfile.FieldChange{{Field: "on_list", Old: "true", New: "false"}},
	}
	if k.standing != rankfile.StandingLapsed {
		c.Changes = append(c.Changes, rankfile.FieldChange{Field: "list_standing", Old: string(k.standing), New: "lapsed"})
	}
	return c
}

// warn points out what a data steward should check.
func (imp *importer) warn() {
	r := imp.report
	if r.Lapsed > 0 && r.Lapsed*2 > imp.onList {
		r.Warnings = append(r.Warnings, sprintf(
			"%d of the %d members on the previous list are missing from this one and were marked lapsed; "+
				"if this list is incomplete, import the complete list to restore them", r.Lapsed, imp.onList))
	}
	if imp.prevListDate.After(r.ListDate) {
		r.Warnings = append(r.Warnings, sprintf(
			"this list is dated %s, older than the list of %s imported before; newer renewals may have been undone",
			r.ListDate, imp.prevListDate))
	}
}

// finish records the outcome in the import log.
func (imp *importer) finish(ctx context.Context) error {
	r := imp.report
	_, err := imp.tx.ExecContext(ctx, `UPDATE imports SET list_date = $1, rows_read = $2, added = $3,
		updated = $4, unchanged = $5, lapsed = $6, unknown_columns = $7, warnings = $8 WHERE id = $9`,
		r.ListDate, r.Rows, r.Added, r.Updated, r.Unchanged, r.Lapsed,
		mustJSON(r.UnknownColumns), mustJSON(r.Warnings), r.ID)
	if err != nil {
		return err
	}
	rejections := newBatchInsert(imp.tx, "import_rejections", []string{"import_id", "line", "reason"})
	defer rejections.close()
	for _, rej := range r.Rejected {
		if err := rejections.add(ctx, r.ID, rej.Line, rej.Reason); err != nil {
			return err
		}
	}
	if err := rejections.flush(ctx); err != nil {
		return err
	}
	if err := imp.tx.touchRoster(ctx); err != nil {
		return err
	}
	return imp.tx.audit(ctx, rankfile.AuditImport, 0, sprintf("import %d of %s: %d rows, %d added, %d updated, %d lapsed, %d rejected",
		r.ID, r.FileName, r.Rows, r.Added, r.Updated, r.Lapsed, len(r.Rejected)))
}
