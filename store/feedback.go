package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// Feedback after events. Who answered (feedback_answerers) and what was
// answered (feedback_answers) share nothing but the event, and however the
// database lays rows out, nothing it keeps ties the two: each answer is
// stored by rewriting the event's rows of both tables in the transaction
// that adds it, the answers in a random order under new random ids, the
// answerers in the order of their member ids. Neither table has a time.
// So the order of rows on disk, their ids, and on PostgreSQL the
// transaction that wrote each row (xmin), which is the same for all of an
// event's answers, say nothing of who wrote which. What remains is what
// no table can hide: two copies of the database taken either side of one
// answer differ by that answer and its answerer; and until PostgreSQL
// vacuums the tables (or SQLite reuses the freed pages), the versions of
// the rows each rewrite replaced are still in the data files, for one
// who reads those files rather than the tables. Elections go further
// (ballots sealed with a key kept outside the database until the count);
// feedback does not, so that it needs no key.

// FeedbackService keeps feedback after events.
type FeedbackService struct{ db *DB }

// NewFeedbackService returns the feedback service of db.
func NewFeedbackService(db *DB) *FeedbackService { return &FeedbackService{db: db} }

var _ rankfile.FeedbackService = (*FeedbackService)(nil)

// SubmitFeedback stores an answer and marks its member as having
// answered, under the event's lock: a second answer, even one sent at the
// same moment, finds the first and is refused.
func (s *FeedbackService) SubmitFeedback(ctx context.Context, memberID int64, a *rankfile.FeedbackAnswer) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		e, err := tx.lockEvent(ctx, a.EventID)
		if err != nil {
			return err
		}
		if err := e.CheckFeedbackOpen(tx.now); err != nil {
			return err
		}
		if err := tx.checkAttended(ctx, e.ID, memberID); err != nil {
			return err
		}
		if err := tx.rewriteAnswerers(ctx, e.ID, memberID); err != nil {
			return err
		}
		return tx.rewriteAnswers(ctx, e.ID, a)
	})
}

// checkAttended refuses a member who was not checked in at the event.
func (tx *Tx) checkAttended(ctx context.Context, eventID, memberID int64) error {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND member_id = $2
		AND attended_at IS NOT NULL`, eventID, memberID).Scan(&n)
	if err == nil && n == 0 {
		return rankfile.Errorf(rankfile.EFORBIDDEN, "only those checked in at an event give feedback on it")
	}
	return err
}

// rewriteAnswerers adds the member to those who answered about the event,
// writing the event's answerers again in the order of their ids.
func (tx *Tx) rewriteAnswerers(ctx context.Context, eventID, memberID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT member_id FROM feedback_answerers WHERE event_id = $1`, eventID)
	if err != nil {
		return err
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return err
	}
	if slices.Contains(ids, memberID) {
		return rankfile.Errorf(rankfile.ECONFLICT, "you have already given feedback on this event; an answer is final")
	}
	ids = append(ids, memberID)
	slices.Sort(ids)
	if _, err := tx.ExecContext(ctx, `DELETE FROM feedback_answerers WHERE event_id = $1`, eventID); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_answerers (event_id, member_id) VALUES ($1, $2)`,
			eventID, id); err != nil {
			return err
		}
	}
	return nil
}

// rewriteAnswers adds an answer to the event's, writing them all again in
// a random order, each under a new random id.
func (tx *Tx) rewriteAnswers(ctx context.Context, eventID int64, a *rankfile.FeedbackAnswer) error {
	answers, err := readAnswers(ctx, tx, []int64{eventID})
	if err != nil {
		return err
	}
	answers = append(answers, a)
	shuffle(answers)
	if _, err := tx.ExecContext(ctx, `DELETE FROM feedback_answers WHERE event_id = $1`, eventID); err != nil {
		return err
	}
	for _, x := range answers {
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_answers (event_id, id, form_version, scores, comment,
			signed_by) VALUES ($1, $2, $3, $4, $5, $6)`, eventID, randomHex(16), x.FormVersion, encodeScores(x.Scores),
			x.Text, x.SignedBy); err != nil {
			return err
		}
	}
	return nil
}

// Answered reports whether the member answered about the event.
func (s *FeedbackService) Answered(ctx context.Context, eventID, memberID int64) (bool, error) {
	var n int
	err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM feedback_answerers WHERE event_id = $1 AND member_id = $2`,
		eventID, memberID).Scan(&n)
	return n > 0, s.db.translate(err)
}

// FeedbackAnswers returns the answers about the events by event, then by
// their random ids: an order that changes with each answer and says
// nothing of when any came.
func (s *FeedbackService) FeedbackAnswers(ctx context.Context, eventIDs []int64) ([]*rankfile.FeedbackAnswer, error) {
	answers, err := readAnswers(ctx, s.db.read, eventIDs)
	return answers, s.db.translate(err)
}

func readAnswers(ctx context.Context, q querier, eventIDs []int64) ([]*rankfile.FeedbackAnswer, error) {
	if len(eventIDs) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT event_id, form_version, scores, comment, signed_by FROM feedback_answers
		WHERE event_id IN (`+placeholders(1, len(eventIDs))+`) ORDER BY event_id, id`, idArgs(eventIDs)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*rankfile.FeedbackAnswer
	for rows.Next() {
		a, scores := &rankfile.FeedbackAnswer{}, ""
		if err := rows.Scan(&a.EventID, &a.FormVersion, &scores, &a.Text, &a.SignedBy); err != nil {
			return nil, err
		}
		if a.Scores, err = decodeScores(scores); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// FeedbackCounts returns how many answered about each event that has an
// answer.
func (s *FeedbackService) FeedbackCounts(ctx context.Context, eventIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(eventIDs) == 0 {
		return out, nil
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT event_id, COUNT(*) FROM feedback_answers
		WHERE event_id IN (`+placeholders(1, len(eventIDs))+`) GROUP BY event_id`, idArgs(eventIDs)...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// encodeScores writes scores as "4,5,3".
func encodeScores(scores []int) string {
	parts := make([]string, len(scores))
	for i, s := range scores {
		parts[i] = strconv.Itoa(s)
	}
	return strings.Join(parts, ",")
}

func decodeScores(s string) ([]int, error) {
	parts := strings.Split(s, ",")
	out := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

// idArgs returns ids as statement arguments.
func idArgs(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// FeedbackSettings returns the hosts' choice for each event that has one.
func (s *FeedbackService) FeedbackSettings(ctx context.Context, eventIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(eventIDs) == 0 {
		return out, nil
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT event_id, asked FROM feedback_settings
		WHERE event_id IN (`+placeholders(1, len(eventIDs))+`)`, idArgs(eventIDs)...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var asked bool
		if err := rows.Scan(&id, &asked); err != nil {
			return nil, err
		}
		out[id] = asked
	}
	return out, rows.Err()
}

// SetFeedbackAsked records whether an event asks for feedback.
func (s *FeedbackService) SetFeedbackAsked(ctx context.Context, eventID int64, asked bool) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.lockEvent(ctx, eventID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO feedback_settings (event_id, asked) VALUES ($1, $2)
			ON CONFLICT (event_id) DO UPDATE SET asked = excluded.asked`, eventID, asked)
		return err
	})
}

// errBadFeedbackLink is the one answer for a link that does not work.
var errBadFeedbackLink = rankfile.Errorf(rankfile.ENOTFOUND,
	"this feedback link does not work: sign in and open the event to give feedback")

// FeedbackLink makes a new secret for a member's link to an event's form;
// only its hash is stored.
func (s *FeedbackService) FeedbackLink(ctx context.Context, eventID, memberID int64) (string, error) {
	token, hash := newSecret("")
	err := s.db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO feedback_links (token_hash, event_id, member_id, created_at)
			VALUES ($1, $2, $3, $4)`, hash, eventID, memberID, tx.stamp)
		return err
	})
	return token, err
}

// FindFeedbackLink returns the event and the member a link is for.
func (s *FeedbackService) FindFeedbackLink(ctx context.Context, token string) (int64, int64, error) {
	var eventID, memberID int64
	err := s.db.read.QueryRowContext(ctx, `SELECT event_id, member_id FROM feedback_links WHERE token_hash = $1`,
		hashSecret(token)).Scan(&eventID, &memberID)
	if err == sql.ErrNoRows {
		return 0, 0, errBadFeedbackLink
	}
	return eventID, memberID, s.db.translate(err)
}
