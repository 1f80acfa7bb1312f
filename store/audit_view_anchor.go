package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"github.com/rankfile/rankfile"
)

// The log of views is a chain of its own, so on its own its tail could be
// cut, or the whole file emptied, without breaking the main log. So its
// head (how many entries, the last one's id and hash) is anchored in the
// main log: an entry of its own, keyed and chained like any other, every
// anchorEvery while views are being recorded, and as the database closes. CheckAudit then checks the log of views against every anchor, as
// against a kept head: a view removed is noticed unless it was recorded
// after the last anchor. Anchoring commits to the database, which makes
// every reader start afresh: under a steward's roster load at 100,000
// members that is a stall of about 100 ms, which once a minute put the
// as-you-type search's p99 over its 25 ms in one 20 s run of two
// (BENCHMARKS.md, "The log of views"). So it is done once every ten
// minutes; the kept heads, signed hourly, and the keyed chain of each log
// cover the rest.

// anchorEvery is how often the head of the log of views is anchored, when
// it moved.
const anchorEvery = 10 * time.Minute

// viewAnchors anchors a log of views' head in the main log.
type viewAnchors struct {
	log     *viewLog
	mu      sync.Mutex
	through int64 // the count of entries last anchored
	stop    chan struct{}
	done    chan struct{}
	closed  sync.Once
}

// startAnchors reads the last anchor of l from the main log, and anchors
// every anchorEvery until stopped.
func startAnchors(ctx context.Context, l *viewLog) (*viewAnchors, error) {
	a := &viewAnchors{log: l, stop: make(chan struct{}), done: make(chan struct{})}
	var detail string
	err := l.db.read.QueryRowContext(ctx, `SELECT detail FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1`,
		rankfile.AuditAnchorViews).Scan(&detail)
	if err != nil && err != sql.ErrNoRows {
		return nil, l.db.translate(err)
	}
	if id, head, ok := parseAnchor(detail); ok && id == l.id {
		a.through = head.Entries
	}
	go a.run()
	return a, nil
}

func (a *viewAnchors) run() {
	defer close(a.done)
	tick := time.NewTicker(anchorEvery)
	defer tick.Stop()
	for {
		select {
		case <-a.stop:
			return
		case <-tick.C:
			// An anchor that fails is written at a later tick, or as the
			// database closes; the views stay in their log meanwhile.
			a.anchor(context.Background())
		}
	}
}

// anchor writes the log of views' head into the main log, when it grew
// since the last anchor. A log that shrank was cut behind rankfile's
// back: the anchors already written say so to CheckAudit, and none is
// written that would agree with the cut.
func (a *viewAnchors) anchor(ctx context.Context) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	head, err := a.log.head(ctx)
	if err != nil || head.Entries <= a.through {
		return err
	}
	err = a.log.db.inTx(ctx, func(tx *Tx) error {
		return tx.audit(rankfile.WithActor(ctx, &rankfile.Actor{Label: "rankfile"}),
			rankfile.AuditAnchorViews, 0, anchorDetail(a.log.id, head))
	})
	if err == nil {
		a.through = head.Entries
	}
	return err
}

// close stops the anchoring and anchors a last time; closing again does
// nothing.
func (a *viewAnchors) close() (err error) {
	a.closed.Do(func() {
		close(a.stop)
		<-a.done
		err = a.anchor(context.Background())
	})
	return err
}

// anchorDetail is an anchor entry's detail, which CheckAudit reads back.
func anchorDetail(logID string, h *rankfile.AuditChainHead) string {
	return fmt.Sprintf("log=%s views=%d last=%d hash=%s", logID, h.Entries, h.LastID, h.Hash)
}

// parseAnchor reads an anchor entry's detail.
func parseAnchor(detail string) (logID string, h *rankfile.AuditChainHead, ok bool) {
	h = &rankfile.AuditChainHead{}
	n, err := fmt.Sscanf(detail, "log=%s views=%d last=%d hash=%s", &logID, &h.Entries, &h.LastID, &h.Hash)
	return logID, h, err == nil && n == 4 && detail == anchorDetail(logID, h)
}
