package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// SignAuditHead returns the logs' head: how many entries each holds and
// the id and hash of its last, at the database's clock to the second,
// signed with the current audit key. The log of views is read after the
// main log; where there is none (PostgreSQL), its part is empty. It returns EINVALID when no audit key is set.
func (s *AuditService) SignAuditHead(ctx context.Context) (*rankfile.AuditHead, error) {
	ring := s.db.auditRing()
	id := ring.AuditKeyID()
	if id == "" {
		return nil, rankfile.Errorf(rankfile.EINVALID,
			"signing the audit log's head needs an audit key: give a key file that holds one (--key-file or RANKFILE_KEY; rankfile key add-audit adds one to an older key file)")
	}
	h := &rankfile.AuditHead{At: s.db.Now().UTC().Truncate(time.Second), KeyID: id, Views: &rankfile.AuditChainHead{}}
	// One statement, so that the count and the last entry are of one moment.
	err := s.db.read.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM audit_log), id, hash
		FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&h.Entries, &h.LastID, &h.Hash)
	if err != nil && err != sql.ErrNoRows {
		return nil, s.db.translate(err)
	}
	if s.db.views != nil {
		if h.Views, err = s.db.views.head(ctx); err != nil {
			return nil, err
		}
	}
	if h.PublicKey, err = ring.AuditPublicKey(id); err != nil {
		return nil, err
	}
	if h.Signature, err = ring.SignAudit([]byte(h.Message())); err != nil {
		return nil, err
	}
	return h, nil
}
