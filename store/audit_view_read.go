package store

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"github.com/rankfile/rankfile"
)

// viewLogSelect reads the log of views' entries as the main log's are read.
const viewLogSelect = `SELECT id, at, actor_id, actor, action, subject_id, detail, prev_hash, hash FROM entries`

// scanViewEntry reads an entry of the log of views.
func scanViewEntry(rows *sql.Rows) (*rankfile.AuditEntry, error) {
	e := &rankfile.AuditEntry{Log: rankfile.AuditViewLog}
	var at int64
	err := rows.Scan(&e.ID, &at, &e.ActorID, &e.Actor, &e.Action, &e.SubjectID, &e.Detail, &e.PrevHash, &e.Hash)
	e.At = time.UnixMicro(at).UTC()
	return e, err
}

// find returns the log's entries that f selects, newest first.
func (l *viewLog) find(ctx context.Context, f rankfile.AuditFilter) ([]*rankfile.AuditEntry, error) {
	w := auditWhere(f)
	rows, err := l.read.QueryContext(ctx, viewLogSelect+w.sql()+" ORDER BY id DESC"+limitSQL(0, f.Limit), w.args...)
	if err != nil {
		return nil, l.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.AuditEntry
	for rows.Next() {
		e, err := scanViewEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// auditWhere is the condition of f, for either log: both name nobody by 0
// (the main log by NULL, which f never asks for).
func auditWhere(f rankfile.AuditFilter) *where {
	w := &where{}
	if f.ActorID != 0 {
		w.add("actor_id = $%d", f.ActorID)
	}
	if f.SubjectID != 0 {
		w.add("subject_id = $%d", f.SubjectID)
	}
	if f.Action != "" {
		w.add("action = $%d", f.Action)
	}
	return w
}

// newestFirst merges two lists of entries, each newest first, into one
// newest first, cut to limit (none when 0); at the same moment the main
// log's entry comes first.
func newestFirst(main, views []*rankfile.AuditEntry, limit int) []*rankfile.AuditEntry {
	out := append(main, views...)
	slices.SortStableFunc(out, func(a, b *rankfile.AuditEntry) int { return b.At.Compare(a.At) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// head returns the log's part of a head: how many entries it holds and
// the id and hash of the last, in one statement so that they are of one
// moment.
func (l *viewLog) head(ctx context.Context) (*rankfile.AuditChainHead, error) {
	h := &rankfile.AuditChainHead{}
	err := l.read.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM entries), id, hash FROM entries ORDER BY id DESC LIMIT 1`).
		Scan(&h.Entries, &h.LastID, &h.Hash)
	if err != nil && err != sql.ErrNoRows {
		return nil, l.db.translate(err)
	}
	return h, nil
}

// walk calls fn with each of the log's entries in id order, until fn says
// to stop.
func (l *viewLog) walk(ctx context.Context, fn func(e *rankfile.AuditEntry) (more bool, err error)) error {
	rows, err := l.read.QueryContext(ctx, viewLogSelect+" ORDER BY id")
	if err != nil {
		return l.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanViewEntry(rows)
		if err != nil {
			return err
		}
		if more, err := fn(e); err != nil || !more {
			return err
		}
	}
	return l.db.translate(rows.Err())
}
