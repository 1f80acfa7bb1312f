package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// addColumns are the members columns an import writes for a new member.
var addColumns = append(append([]string{"id"}, fieldColumns(columnFields, "")...), "first_name_folded", "last_name_folded",
	"list_standing", "on_list", "import_hash", "located_branch_id", "chapter_id", "created_import_id", "created_at", "updated_at")

// memberAdds inserts new members in batches, with ids it takes itself so
// that their details and sensitive fields can go in right behind them. The
// first entry of their history is the row itself: the import that created
// it and when. Into an empty roster, where the import adds members and
// does nothing else until the list is read, the batches are written in the
// background while the next ones are made (see backgroundWrites).
type memberAdds struct {
	imp       *importer
	ids       *idBlock
	members   *batchInsert
	details   *batchInsert
	sensitive *batchInsert
}

func newMemberAdds(imp *importer) *memberAdds {
	a := &memberAdds{
		imp:       imp,
		ids:       &idBlock{tx: imp.tx},
		members:   newBatchInsert(imp.tx, "members", addColumns),
		details:   newBatchInsert(imp.tx, "member_details", []string{"member_id", "details"}),
		sensitive: newBatchInsert(imp.tx, "member_sensitive", append([]string{"member_id"}, sensitiveColumns...)),
	}
	a.details.follow(a.members)
	a.sensitive.follow(a.members)
	if imp.intoEmptyRoster() {
		a.members.inBackground()
		a.ids.settle = a.members.wait
	}
	return a
}

// add queues a new member.
func (a *memberAdds) add(ctx context.Context, it *readItem) error {
	rec := it.rec
	id, err := a.ids.take(ctx)
	if err != nil {
		return err
	}
	if err := a.details.add(ctx, id, it.details); err != nil {
		return err
	}
	sealed, some, err := a.imp.tx.db.sealFields(id, sensitiveFields, &rec.Values)
	if err != nil {
		return err
	}
	if some {
		if err := a.sensitive.add(ctx, sealed...); err != nil {
			return err
		}
	}
	it.memberArgs[0] = id
	a.imp.report.Added++
	return a.members.add(ctx, it.memberArgs...) // writes its followers with it
}

// memberArgs builds a new member's row but for the id. It runs in the
// reading goroutine, beside the writer.
func (a *memberAdds) memberArgs(it *readItem) []any {
	rec, now := it.rec, a.imp.tx.stamp
	args := make([]any, 0, len(addColumns))
	args = append(args, nil) // the id
	for _, f := range columnFields {
		args = append(args, a.imp.tx.db.fieldArg(f, rec.Values[f]))
	}
	args = append(args, rankfile.FoldName(rec.Values[rankfile.FieldFirstName]), rankfile.FoldName(rec.Values[rankfile.FieldLastName]))
	chapter := a.imp.chapters.Place(rec.Values[rankfile.FieldChapter])
	located := a.imp.sorter.locate(chapter, nil, rec.Values[rankfile.FieldMailingZip], rec.Values[rankfile.FieldBillingZip])
	return append(args, string(it.standing), true, it.hash, nullID(located), nullID(chapter), a.imp.report.ID, now, now)
}

// flush writes every queued member, then their details and sensitive fields.
func (a *memberAdds) flush(ctx context.Context) error { return a.members.flush(ctx) }

func (a *memberAdds) close() { a.members.close() }

// idBlock hands out ids for new members. In SQLite they follow the largest
// id, which is safe because the import holds the database's write lock
// from its first statement; in PostgreSQL they come from the table's
// identity sequence, a block at a time (not necessarily consecutive, as
// other sessions may draw from it too).
type idBlock struct {
	tx      *Tx
	pending []int64
	next    int64 // SQLite: the next id to hand out; 0 before the first
	size    int   // PostgreSQL: how many ids the last block held
	// settle, when set, waits for the writes in the background before a
	// query: the connection is theirs while they run.
	settle func(context.Context) error
}

// idBlockSize is how many ids PostgreSQL hands out at first: as many as
// one COPY writes. Each block after it holds twice as
// many, up to maxIDBlockSize, so that a large list waits for the writes
// in the background (see idBlock.settle) a few times rather than at every
// batch; the ids a last block leaves unused are a gap in the sequence,
// which the table's ids may have anyway.
const (
	idBlockSize    = copyRows
	maxIDBlockSize = 32000
)

func (b *idBlock) take(ctx context.Context) (int64, error) {
	if b.tx.db.dialect == SQLite {
		if b.next == 0 {
			if err := b.wait(ctx); err != nil {
				return 0, err
			}
			err := b.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM members`).Scan(&b.next)
			if err != nil {
				return 0, err
			}
		}
		b.next++
		return b.next - 1, nil
	}
	if len(b.pending) == 0 {
		if err := b.refill(ctx); err != nil {
			return 0, err
		}
	}
	id := b.pending[0]
	b.pending = b.pending[1:]
	return id, nil
}

func (b *idBlock) refill(ctx context.Context) (err error) {
	if err := b.wait(ctx); err != nil {
		return err
	}
	b.size = min(max(2*b.size, idBlockSize), maxIDBlockSize)
	b.pending, err = b.tx.reserveIDs(ctx, "members", b.size)
	return err
}

func (b *idBlock) wait(ctx context.Context) error {
	if b.settle == nil {
		return nil
	}
	return b.settle(ctx)
}
