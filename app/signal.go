package app

// Several servers may share one PostgreSQL database behind a load
// balancer. What one server's members change, the pages another serves
// must show at once: a meeting's live state is loaded by each server for
// the phones following it there, and a change made on one server is told
// to the others as a signal (store.DB.Signal, on PostgreSQL's NOTIFY).

// Signaler tells the other servers sharing the database that something
// changed: kind names what (signalMeeting), id which.
type Signaler interface {
	Signal(kind string, id int64)
}

// signalMeeting is the kind of signal a meeting's live state changing
// sends.
const signalMeeting = "meeting"

// meetingChanged brings the live pages following a meeting up to date,
// on this server and the others.
func (a *App) meetingChanged(meetingID int64) {
	a.Live.Changed(meetingID)
	if a.Signals != nil {
		a.Signals.Signal(signalMeeting, meetingID)
	}
}

// Heard takes a signal from another server (or this one, which hears its
// own): the pages this server serves that show what changed are brought
// up to date.
func (a *App) Heard(kind string, id int64) {
	if kind == signalMeeting {
		a.Live.Changed(id)
	}
}

// SignalsLost brings every page that a signal might have changed up to
// date: the server was not listening for a while, and may have missed
// some.
func (a *App) SignalsLost() {
	a.Live.ChangedAll()
}
