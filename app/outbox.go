package app

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// The outbox sender turns the notices queued with registrations, changes
// and reminders into emails. Each notice is claimed before it is sent and
// marked after: a failure is tried again later, waiting longer each time;
// a notice whose sending was cut short by the server dying is held, not
// sent again (see rankfile.OutboxService).

// Outbox timing.
const (
	// outboxBatch is how many notices one claim takes.
	outboxBatch = 50
	// outboxLease is how long a claimed notice may be being sent before it
	// is taken for interrupted: far longer than one send may take.
	outboxLease = 5 * time.Minute
)

// SendOutbox sends the emails owed until none is due or ctx ends, and
// returns how many were sent. base is the address people reach rankfile
// at, for links.
func (a *App) SendOutbox(ctx context.Context, base string) (int, error) {
	sent := 0
	for ctx.Err() == nil {
		batch, err := a.Outbox.Claim(ctx, outboxBatch, a.Now().Add(-outboxLease))
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		weeklies := weeklyReads{} // a weekly email's thousands of copies share one read per batch
		for _, n := range batch {
			ok, err := a.deliver(ctx, n, base, weeklies)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
	}
	return sent, ctx.Err()
}

// deliver sends one claimed notice and records what became of it; it
// reports whether the email went.
func (a *App) deliver(ctx context.Context, n *rankfile.Notice, base string, weeklies weeklyReads) (bool, error) {
	// What became of a send is recorded even when the server is stopping
	// mid-send: a notice sent and not marked so would be held.
	record := context.WithoutCancel(ctx)
	msg, drop, err := a.noticeMessage(ctx, n, base, weeklies)
	if err != nil {
		a.Logger.Error("composing an email", "notice", n.ID, "err", err)
		return false, a.Outbox.Failed(record, n.ID, "composing: "+rankfile.ErrorMessage(err),
			rankfile.NoticeRetryAt(a.Now(), n.Attempts))
	}
	if drop != "" {
		return false, a.Outbox.Drop(record, n.ID, drop)
	}
	if err := a.Mailer.Send(ctx, msg); err != nil {
		retry := rankfile.NoticeRetryAt(a.Now(), n.Attempts)
		if rankfile.ErrorCode(err) == rankfile.EINVALID {
			retry = time.Time{} // the server would refuse it again
		}
		a.Logger.Warn("email not sent", "kind", msg.Kind, "notice", n.ID, "attempt", n.Attempts, "err", err)
		return false, a.Outbox.Failed(record, n.ID, err.Error(), retry)
	}
	return true, a.Outbox.Sent(record, n.ID)
}

// OutboxStatus is what an admin sees of the outbox: counts by state, and
// the emails that need a person (held or failed), newest first.
type OutboxStatus struct {
	Counts rankfile.OutboxCounts `json:"counts"`
	Stuck  []*rankfile.Notice    `json:"stuck"`
}

// maxStuck bounds the stuck emails listed.
const maxStuck = 200

// OutboxStatus returns the outbox's state, for admins.
func (a *App) OutboxStatus(ctx context.Context, actor *rankfile.Actor) (*OutboxStatus, error) {
	if err := actor.Require(actor.CanManageOutbox()); err != nil {
		return nil, err
	}
	counts, err := a.Outbox.Counts(ctx)
	if err != nil {
		return nil, err
	}
	stuck, err := a.Outbox.FindNotices(ctx, []rankfile.NoticeState{rankfile.NoticeHeld, rankfile.NoticeFailed}, maxStuck)
	return &OutboxStatus{Counts: counts, Stuck: stuck}, err
}

// ReleaseNotice sends a held or failed email again, for admins: for a held
// one, after they judged it did not go out.
func (a *App) ReleaseNotice(ctx context.Context, actor *rankfile.Actor, id int64) error {
	if err := actor.Require(actor.CanManageOutbox()); err != nil {
		return err
	}
	return a.Outbox.Release(as(ctx, actor), id)
}
