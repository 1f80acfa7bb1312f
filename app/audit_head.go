package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// SignAuditHead signs the audit log's head (see the AuditService) and
// makes it the one LatestAuditHead gives; the server does so when it
// starts, every hour and when it stops.
func (a *App) SignAuditHead(ctx context.Context) (*rankfile.AuditHead, error) {
	h, err := a.Audit.SignAuditHead(ctx)
	if err != nil {
		return nil, err
	}
	a.auditHead.Store(h)
	return h, nil
}

// LatestAuditHead returns the head the server signed last, for members
// and auditors to keep. It returns ENOTFOUND before the first.
func (a *App) LatestAuditHead(actor *rankfile.Actor) (*rankfile.AuditHead, error) {
	if err := actor.Require(actor.CanSeeAuditHead()); err != nil {
		return nil, err
	}
	h := a.auditHead.Load()
	if h == nil {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND,
			"the server has signed no head of the audit log yet: it signs one as it starts when it has an audit key")
	}
	return h, nil
}
