package app

import (
	"context"
	"time"
)

// Reminders of events, queued a day ahead for those registered; the
// outbox sends them.

// reminderAhead is how long before an event its reminders go.
const reminderAhead = 24 * time.Hour

// QueueReminders queues the reminders of events starting within a day.
func (a *App) QueueReminders(ctx context.Context) (int, error) {
	return a.Events.QueueReminders(ctx, a.Now().Add(reminderAhead))
}
