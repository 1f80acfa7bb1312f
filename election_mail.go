package rankfile

import "time"

// The emails an election sends its roll.
const (
	MailOpening  = "opening"  // voting has opened, with the link
	MailReminder = "reminder" // to those who have not voted, before the close
	MailResults  = "results"  // the results are out
)

// ReminderBefore is how long before voting closes the reminder goes.
const ReminderBefore = 24 * time.Hour

// MailDue says which of the election's emails is due at time t, if any:
// the opening while voting is open, the reminder in its last
// ReminderBefore (instead of the opening, if that was never sent), the
// results once counted.
func (e *Election) MailDue(t time.Time) []string {
	switch e.StatusAt(t) {
	case ElectionVoting:
		if !t.Before(e.VotingClose.Add(-ReminderBefore)) {
			return []string{MailReminder} // an opening not sent by now is superseded
		}
		return []string{MailOpening}
	case ElectionCounted:
		return []string{MailResults}
	}
	return nil
}

// NoticeElection is the outbox's kind of an election's email to one
// member on its roll: "election_" and the Mail kind.
func NoticeElection(mailKind string) NoticeKind { return NoticeKind("election_" + mailKind) }

// ElectionMailKind is the Mail kind of an election's notice, "" for a
// notice of another kind.
func ElectionMailKind(k NoticeKind) string { return mailingKind(k, "election_") }
