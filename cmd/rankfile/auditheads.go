package main

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	rfapp "github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store"
)

// The server signs the audit log's head when it starts, every
// auditHeadEvery and when it stops, appends each to a file of heads beside
// the database, and publishes the latest at /audit/head for members to
// fetch and keep. The file is a convenience for the operator; the copies
// that protect the log are those kept away from the server.

// auditHeadEvery is how often the server signs the log's head.
const auditHeadEvery = time.Hour

// auditHeadsSuffix names a SQLite database's file of heads after it.
const auditHeadsSuffix = "-audit-heads"

// defaultHeadsFile is where the server appends heads: beside a SQLite
// database, or in the working directory for PostgreSQL.
func defaultHeadsFile(dsn string) string {
	if store.IsPostgres(dsn) {
		return "rankfile" + auditHeadsSuffix
	}
	return strings.TrimPrefix(dsn, "file:") + auditHeadsSuffix
}

// appendHead appends the head's line to the file at path, creating it,
// and waits for the disk. A head is not secret: the file may be read by
// others.
func appendHead(path string, h *rankfile.AuditHead) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "cannot write the audit head: %v", err)
	}
	_, err = f.WriteString(h.String() + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "cannot write the audit head to %s: %v", path, err)
	}
	return nil
}

// headKeeper signs and keeps the server's heads.
type headKeeper struct {
	web    *rfapp.App
	path   string
	logger *slog.Logger
	done   chan struct{}
}

// keepAuditHeads signs a head now and every auditHeadEvery until ctx ends;
// the caller signs the last with final once the server has stopped. Without
// an audit key it only says so.
func keepAuditHeads(ctx context.Context, db *store.DB, web *rfapp.App, path string, logger *slog.Logger) *headKeeper {
	if db.Keys == nil || db.Keys.Keyring().AuditKeyID() == "" {
		logger.Warn("no audit key is set: the audit log is not keyed and no signed heads are written")
		return nil
	}
	k := &headKeeper{web: web, path: path, logger: logger, done: make(chan struct{})}
	go k.run(ctx)
	return k
}

func (k *headKeeper) run(ctx context.Context) {
	defer close(k.done)
	tick := time.NewTicker(auditHeadEvery)
	defer tick.Stop()
	for {
		k.sign(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// sign signs a head, publishes it and appends it to the file.
func (k *headKeeper) sign(ctx context.Context) {
	h, err := k.web.SignAuditHead(ctx)
	if err == nil {
		err = appendHead(k.path, h)
	}
	if err != nil && ctx.Err() == nil {
		k.logger.Error("signing the audit log's head", "err", err)
	}
}

// final waits for the loop to end and signs the head the log has as the
// server stops. A nil keeper does nothing.
func (k *headKeeper) final() {
	if k == nil {
		return
	}
	<-k.done
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	k.sign(ctx)
}
