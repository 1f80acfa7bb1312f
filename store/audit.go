package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// AuditService keeps the append-only, hash-chained audit log. It
// implements rankfile.AuditService.
type AuditService struct{ db *DB }

// NewAuditService returns the audit service of db.
func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

var _ rankfile.AuditService = (*AuditService)(nil)

// Record appends an entry for the actor in ctx and returns once it is
// committed, together with any entries recorded at the same moment. On
// SQLite, the views that come many a minute go to the log of views (see
// audit_view.go); every other entry, an export for one, is chained in a
// transaction of its own that waits for the disk.
func (s *AuditService) Record(ctx context.Context, action string, subjectID int64, detail string) error {
	if s.db.views != nil && !frequentView(action) {
		return s.db.inTx(ctx, func(tx *Tx) error { return tx.audit(ctx, action, subjectID, detail) })
	}
	return s.db.audits.record(ctx, action, subjectID, detail)
}

// RecordWhile is Record with prepare run while the entry is committed
// (rankfile.AuditService). A view that many pages record waits in a batch
// of others for the disk; the page is written meanwhile rather than after,
// and when a batch commits, the pages waiting on it are ready to be sent
// instead of all starting to be written at once.
func (s *AuditService) RecordWhile(ctx context.Context, action string, subjectID int64, detail string, prepare func() error) error {
	if s.db.views != nil && !frequentView(action) {
		if err := s.Record(ctx, action, subjectID, detail); err != nil {
			return err
		}
		return prepare()
	}
	committed := s.db.audits.queue(ctx, action, subjectID, detail)
	prepared := prepare()
	if err := committed(); err != nil {
		return err
	}
	return prepared
}

// audit appends an entry inside the transaction, so that a change and its
// entry are written together or not at all.
func (tx *Tx) audit(ctx context.Context, action string, subjectID int64, detail string) error {
	return tx.chainAudit(ctx, newAuditEntry(rankfile.ActorFrom(ctx), tx.now, action, subjectID, detail))
}

// chainAudit appends e, which has no hashes yet, to the log. Entries are
// chained in the order they commit: the audit lock makes appends take
// turns.
func (tx *Tx) chainAudit(ctx context.Context, e *rankfile.AuditEntry) error {
	prev, err := tx.auditLogHead(ctx)
	if err != nil {
		return err
	}
	e.PrevHash = prev
	if e.Hash, err = hashAudit(tx.db.auditRing(), e); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor, action, subject_id, detail, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		tx.db.timeArg(e.At), nullID(e.ActorID), e.Actor, e.Action, nullID(e.SubjectID), e.Detail, e.PrevHash, e.Hash)
	if err == nil {
		tx.auditHead = e.Hash
	}
	return err
}

// auditLogHead takes the audit lock, the first time in the transaction,
// and returns the hash of the log's last entry ("" for an empty log); the
// transaction's own entries are remembered as they are written.
func (tx *Tx) auditLogHead(ctx context.Context) (string, error) {
	if tx.auditHead != "" {
		return tx.auditHead, nil
	}
	if err := tx.lock(ctx, "audit"); err != nil {
		return "", err
	}
	var head string
	err := tx.QueryRowContext(ctx, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&head)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return head, err
}

// newAuditEntry makes an entry of what actor did at now; it is hashed when
// it is chained.
func newAuditEntry(a *rankfile.Actor, now time.Time, action string, subjectID int64, detail string) *rankfile.AuditEntry {
	e := &rankfile.AuditEntry{
		// PostgreSQL keeps microseconds: the hash must cover what is stored.
		At: now.UTC().Truncate(time.Microsecond), ActorID: a.ID(), Actor: a.Name(),
		Action: action, SubjectID: subjectID, Detail: detail,
	}
	if e.Actor == "" {
		e.Actor = "(unknown)"
	}
	return e
}

const auditSelect = `SELECT id, at, COALESCE(actor_id, 0), actor, action, COALESCE(subject_id, 0), detail, prev_hash, hash
	FROM audit_log`

func scanAudit(rows *sql.Rows) (*rankfile.AuditEntry, error) {
	e := &rankfile.AuditEntry{}
	err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.SubjectID, &e.Detail, &e.PrevHash, &e.Hash)
	return e, err
}

// FindAuditEntries returns entries of both logs, newest first.
func (s *AuditService) FindAuditEntries(ctx context.Context, f rankfile.AuditFilter) ([]*rankfile.AuditEntry, error) {
	w := auditWhere(f)
	rows, err := s.db.read.QueryContext(ctx, auditSelect+w.sql()+" ORDER BY id DESC"+limitSQL(0, f.Limit), w.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.AuditEntry{}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil || s.db.views == nil {
		return out, s.db.translate(err)
	}
	views, err := s.db.views.find(ctx, f)
	if err != nil {
		return nil, err
	}
	return newestFirst(out, views, f.Limit), nil
}

// VerifyAudit checks both logs' chains and returns how many entries it
// checked in all; EINVALID says what is wrong, naming the first entry that breaks
// it.
func (s *AuditService) VerifyAudit(ctx context.Context) (int, error) {
	c, err := s.CheckAudit(ctx, nil)
	if err != nil {
		return 0, err
	}
	n := c.Entries
	if c.Views != nil {
		n += c.Views.Entries
	}
	if c.Problem != "" {
		return n, rankfile.Errorf(rankfile.EINVALID, "%s", c.Problem)
	}
	return n, nil
}

// Keyed reports whether the last entry of either log is keyed: a keyed
// log takes no entry without its audit key.
func (s *AuditService) Keyed(ctx context.Context) (bool, error) {
	var hash string
	err := s.db.read.QueryRowContext(ctx, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&hash)
	if err != nil && err != sql.ErrNoRows {
		return false, s.db.translate(err)
	}
	if strings.HasPrefix(hash, rankfile.AuditKeyedPrefix) || s.db.views == nil {
		return strings.HasPrefix(hash, rankfile.AuditKeyedPrefix), nil
	}
	head, err := s.db.views.head(ctx)
	if err != nil {
		return false, err
	}
	return strings.HasPrefix(head.Hash, rankfile.AuditKeyedPrefix), nil
}
