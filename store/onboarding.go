package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// OnboardingService keeps the steps of new members' paths (migration
// 00031) and reads what their checklists tick from. It implements
// rankfile.OnboardingService.
type OnboardingService struct{ db *DB }

// NewOnboardingService returns the onboarding paths of db.
func NewOnboardingService(db *DB) *OnboardingService { return &OnboardingService{db: db} }

var _ rankfile.OnboardingService = (*OnboardingService)(nil)

// pathSteps is the three steps as rows, to start a path with one statement.
const pathSteps = `(SELECT 'welcome' AS step UNION ALL SELECT 'orientation' UNION ALL SELECT 'organizer') s`

// startPaths records the steps owed by the members the list adds (in good
// standing or members) and those it brings back from lapsed, once per
// member, step and import. The first list of an empty roster starts none:
// its members were the chapter's before rankfile was.
func (imp *importer) startPaths(ctx context.Context) error {
	if imp.intoEmptyRoster() {
		return nil
	}
	id, tx := imp.report.ID, imp.tx
	_, err := tx.ExecContext(ctx, `INSERT INTO onboarding_steps (member_id, import_id, step, reason, owed_at)
		SELECT m.id, $1, s.step, 'new', $2 FROM members m CROSS JOIN `+pathSteps+`
		WHERE m.created_import_id = $1 AND m.list_standing <> 'lapsed'
		ON CONFLICT (member_id, step, import_id) DO NOTHING`, id, tx.stamp)
	if err != nil || len(imp.returning) == 0 {
		return err
	}
	return tx.updateIDs(ctx, imp.returning, `INSERT INTO onboarding_steps (member_id, import_id, step, reason, owed_at)
		SELECT m.id, $1, s.step, 'returning', $2 FROM members m CROSS JOIN `+pathSteps+`
		WHERE m.id IN (%s) ON CONFLICT (member_id, step, import_id) DO NOTHING`, id, tx.stamp)
}

const stepColumns = `o.id, o.member_id, o.import_id, o.step, o.reason, o.owed_at, o.done_at, o.outcome,
	COALESCE(o.event_id, 0)`

// OwedSteps returns steps of the kind not yet done after afterID, oldest
// first.
func (s *OnboardingService) OwedSteps(ctx context.Context, step rankfile.OnboardingStep, afterID int64, limit int) ([]*rankfile.PathStep, error) {
	return s.steps(ctx, `SELECT `+stepColumns+`, COALESCE(`+effectiveBranch+`, 0),
		COALESCE(m.chosen_group_id, m.located_group_id, 0)
		FROM onboarding_steps o JOIN members m ON m.id = o.member_id
		WHERE o.step = $1 AND o.done_at IS NULL AND o.id > $2 ORDER BY o.id`+limitSQL(0, limit), string(step), afterID)
}

// MemberPath returns the steps of the member's latest path.
func (s *OnboardingService) MemberPath(ctx context.Context, memberID int64) ([]*rankfile.PathStep, error) {
	return s.steps(ctx, `SELECT `+stepColumns+`, 0, 0 FROM onboarding_steps o
		WHERE o.member_id = $1 AND o.import_id = (SELECT MAX(import_id) FROM onboarding_steps WHERE member_id = $1)
		ORDER BY CASE o.step WHEN 'welcome' THEN 1 WHEN 'orientation' THEN 2 ELSE 3 END`, memberID)
}

func (s *OnboardingService) steps(ctx context.Context, query string, args ...any) ([]*rankfile.PathStep, error) {
	rows, err := s.db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.PathStep{}
	for rows.Next() {
		p := &rankfile.PathStep{}
		var done sql.NullTime
		if err := rows.Scan(&p.ID, &p.MemberID, &p.ImportID, &p.Step, &p.Reason, &p.OwedAt, &done,
			&p.Outcome, &p.EventID, &p.BranchID, &p.GroupID); err != nil {
			return nil, err
		}
		p.DoneAt = done.Time
		out = append(out, p)
	}
	return out, rows.Err()
}

// QueueStepNotices marks the steps still owed done and queues their
// notices. The update comes first: in PostgreSQL a second clock's update
// of the same rows waits for the first to commit and then finds them
// done, so it queues nothing.
func (s *OnboardingService) QueueStepNotices(ctx context.Context, stepIDs []int64, kind rankfile.NoticeKind, eventID int64) (int, error) {
	queued := 0
	err := s.db.inTx(ctx, func(tx *Tx) error {
		members, err := tx.markSteps(ctx, stepIDs, eventID)
		if err != nil {
			return err
		}
		notices := newBatchInsert(tx, "outbox", []string{"kind", "member_id", "event_id", "state", "next_at", "created_at"})
		defer notices.close()
		for _, m := range members {
			if err := notices.add(ctx, string(kind), m, nullID(eventID), string(rankfile.NoticePending), tx.stamp, tx.stamp); err != nil {
				return err
			}
		}
		queued = len(members)
		return notices.flush(ctx)
	})
	return queued, err
}

// markSteps marks done (queued) those of the steps still owed and returns
// their members.
func (tx *Tx) markSteps(ctx context.Context, stepIDs []int64, eventID int64) ([]int64, error) {
	var members []int64
	for len(stepIDs) > 0 {
		n := min(len(stepIDs), idChunk)
		args := []any{tx.stamp, nullID(eventID)}
		for _, id := range stepIDs[:n] {
			args = append(args, id)
		}
		rows, err := tx.QueryContext(ctx, `UPDATE onboarding_steps SET done_at = $1, outcome = 'queued', event_id = $2
			WHERE done_at IS NULL AND id IN (`+tx.db.params(3, n)+`) RETURNING member_id`, args...)
		if err != nil {
			return nil, err
		}
		ids, err := scanIDs(rows)
		if err != nil {
			return nil, err
		}
		members, stepIDs = append(members, ids...), stepIDs[n:]
	}
	return members, nil
}

// OrganizerLoads counts each organizer's open assignments.
func (s *OnboardingService) OrganizerLoads(ctx context.Context) (map[int64]int, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT organizer_id, COUNT(*) FROM oneonone_assignments
		WHERE ended_at IS NULL GROUP BY organizer_id`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := map[int64]int{}
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

// CaptainAssignments returns the open assignments made to captains.
func (s *OnboardingService) CaptainAssignments(ctx context.Context) ([]rankfile.CaptainAssignment, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT a.member_id, a.organizer_id, o.group_id FROM onboarding_steps o
		JOIN oneonone_assignments a ON a.id = o.assignment_id AND a.ended_at IS NULL
		WHERE o.outcome = 'captain' ORDER BY a.id`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []rankfile.CaptainAssignment
	for rows.Next() {
		var c rankfile.CaptainAssignment
		if err := rows.Scan(&c.MemberID, &c.OrganizerID, &c.GroupID); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
