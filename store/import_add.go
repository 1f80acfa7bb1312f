package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// addColumns are the members columns an import writes for a new member.
var addColumns = append(fieldColumns(memberFields, ""),
	"list_standing", "on_list", "import_hash", "located_branch_id", "created_import_id", "created_at", "updated_at")

// memberAdds inserts new members in batches. Their ids come back from the
// database (RETURNING), and only then can their sensitive fields be
// written. The first entry of their history is the row itself: the import
// that created it and when.
type memberAdds struct {
	imp       *importer
	members   *batchInsert
	sensitive *batchInsert
	returned  []returnedMember
	// pendingSensitive holds race and accommodations of members not yet
	// written, by national id; only non-empty ones are stored.
	pendingSensitive map[string][2]string
}

type returnedMember struct {
	id         int64
	nationalID string
}

func newMemberAdds(imp *importer) *memberAdds {
	a := &memberAdds{imp: imp, pendingSensitive: map[string][2]string{}}
	a.members = newBatchInsert(imp.tx, "members", addColumns, "RETURNING id, national_id")
	a.members.scan = func(rows *sql.Rows) error {
		var r returnedMember
		err := rows.Scan(&r.id, &r.nationalID)
		a.returned = append(a.returned, r)
		return err
	}
	a.sensitive = newBatchInsert(imp.tx, "member_sensitive", []string{"member_id", "race", "accommodations"}, "")
	return a
}

// add queues a new member.
func (a *memberAdds) add(ctx context.Context, rec *rankfile.RosterRecord, standing rankfile.Standing, hash string) error {
	now := a.imp.tx.stamp
	args := make([]any, 0, len(addColumns))
	for _, f := range memberFields {
		args = append(args, fieldArg(f, rec.Values[f]))
	}
	located := a.imp.sorter.locate(nil, rec.Values[rankfile.FieldMailingZip], rec.Values[rankfile.FieldBillingZip])
	args = append(args, string(standing), true, hash, nullID(located), a.imp.report.ID, now, now)
	race, acc := rec.Values[rankfile.FieldRace], rec.Values[rankfile.FieldAccommodations]
	if race != "" || acc != "" {
		a.pendingSensitive[rec.NationalID()] = [2]string{race, acc}
	}
	a.imp.report.Added++
	if err := a.members.add(ctx, args...); err != nil {
		return err
	}
	return a.writeReturned(ctx)
}

// flush writes every queued member and what depends on them.
func (a *memberAdds) flush(ctx context.Context) error {
	if err := a.members.flush(ctx); err != nil {
		return err
	}
	if err := a.writeReturned(ctx); err != nil {
		return err
	}
	return a.sensitive.flush(ctx)
}

// writeReturned writes the sensitive fields of members whose ids have
// come back.
func (a *memberAdds) writeReturned(ctx context.Context) error {
	for _, r := range a.returned {
		if s, ok := a.pendingSensitive[r.nationalID]; ok {
			delete(a.pendingSensitive, r.nationalID)
			if err := a.sensitive.add(ctx, r.id, s[0], s[1]); err != nil {
				return err
			}
		}
	}
	a.returned = a.returned[:0]
	return nil
}

func (a *memberAdds) close() {
	a.members.close()
	a.sensitive.close()
}
