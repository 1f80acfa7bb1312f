package app

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// Email the app sends itself rather than through the outbox's notices:
// sign-in links, a nomination, a comment hidden.

// mailTimeout bounds how long sending one email may take.
const mailTimeout = time.Minute

// sendLater sends a message outside the request, logging a failure
// without saying whom it was for.
func (a *App) sendLater(m *rankfile.Message) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), mailTimeout)
		defer cancel()
		if err := a.Mailer.Send(ctx, m); err != nil {
			a.Logger.Error("sending email", "kind", m.Kind, "err", err)
		}
	}()
}
