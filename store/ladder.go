package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// LadderService keeps the chapter's ladder in the settings and gathers the
// records it counts. It implements rankfile.LadderService.
type LadderService struct{ db *DB }

// NewLadderService returns the ladder service of db.
func NewLadderService(db *DB) *LadderService { return &LadderService{db: db} }

var _ rankfile.LadderService = (*LadderService)(nil)

// Ladder returns the chapter's ladder, or the default one.
func (s *LadderService) Ladder(ctx context.Context) (rankfile.Ladder, error) {
	text, err := s.db.Setting(ctx, rankfile.LadderSetting)
	if err != nil {
		return nil, err
	}
	if text == "" {
		text = rankfile.DefaultLadder
	}
	return rankfile.ParseLadder(text)
}

// SetLadder stores the ladder once it reads, with its audit entry.
func (s *LadderService) SetLadder(ctx context.Context, text string) error {
	l, err := rankfile.ParseLadder(text)
	if err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkLadderLevels(ctx, l); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, rankfile.LadderSetting, text)
		if err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditSetLadder, 0, strings.TrimSpace(l.String()))
	})
}

// checkLadderLevels refuses a ladder that counts courses of a level the
// chapter does not have, which would hold for nobody, ever.
func (tx *Tx) checkLadderLevels(ctx context.Context, l rankfile.Ladder) error {
	for _, level := range l.CourseLevels() {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM course_levels WHERE slug = $1`, level).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return rankfile.Errorf(rankfile.EINVALID, "courses:%s: the program has no level %q (its levels are on the courses' page)", level, level)
		}
	}
	return nil
}

// MemberActivity gathers the member's check-ins at events (by kind) and
// meetings, each as the day it happened where the chapter is, the
// one-on-ones she had and those she held as organizer, the courses she
// completed, and the seats she holds on the day.
func (s *LadderService) MemberActivity(ctx context.Context, memberID int64, on rankfile.Date) (*rankfile.MemberActivity, error) {
	a := &rankfile.MemberActivity{Dates: map[string][]rankfile.Date{}}
	err := s.eventDays(ctx, memberID, a)
	if err == nil {
		err = s.meetingDays(ctx, memberID, a)
	}
	if err == nil {
		err = s.conversationDays(ctx, `member_id`, memberID, rankfile.CountOneOnOnes, a)
	}
	if err == nil {
		err = s.conversationDays(ctx, `author_id`, memberID, rankfile.CountOneOnOnesGiven, a)
	}
	if err == nil {
		err = s.courseDays(ctx, memberID, a)
	}
	if err == nil {
		err = s.fieldDays(ctx, memberID, a)
	}
	if err == nil {
		err = s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM positions
			WHERE member_id = $1 AND seat_id IS NOT NULL AND start_on <= $2 AND (end_on IS NULL OR end_on >= $2)`,
			memberID, on).Scan(&a.Seats)
	}
	return a, s.db.translate(err)
}

// fieldDays adds the days of the doors the member knocked on and the
// calls she made.
func (s *LadderService) fieldDays(ctx context.Context, memberID int64, a *rankfile.MemberActivity) error {
	rows, err := s.db.read.QueryContext(ctx, `SELECT channel, made_on FROM attempts WHERE by_member_id = $1`, memberID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var channel rankfile.Channel
		var d rankfile.Date
		if err := rows.Scan(&channel, &d); err != nil {
			return err
		}
		addFieldDay(a, channel, d)
	}
	return rows.Err()
}

// addFieldDay adds a knock's or a call's day to what a ladder counts.
func addFieldDay(a *rankfile.MemberActivity, channel rankfile.Channel, d rankfile.Date) {
	counter := rankfile.CountDoors
	if channel == rankfile.ChannelPhone {
		counter = rankfile.CountCalls
	}
	a.Dates[counter] = append(a.Dates[counter], d)
}

// eventDays adds the days of the member's check-ins at events.
func (s *LadderService) eventDays(ctx context.Context, memberID int64, a *rankfile.MemberActivity) error {
	rows, err := s.db.read.QueryContext(ctx, `SELECT e.kind, r.attended_at FROM event_registrations r
		JOIN events e ON e.id = r.event_id WHERE r.member_id = $1 AND r.attended_at IS NOT NULL`, memberID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var at time.Time
		if err := rows.Scan(&kind, &at); err != nil {
			return err
		}
		d := rankfile.DateOf(at.In(s.db.Zone))
		a.Dates[rankfile.CountEvents] = append(a.Dates[rankfile.CountEvents], d)
		a.Dates["events:"+kind] = append(a.Dates["events:"+kind], d)
		if rankfile.EventKind(kind) == rankfile.EventTraining {
			a.Dates[rankfile.CountTrainings] = append(a.Dates[rankfile.CountTrainings], d)
		}
	}
	return rows.Err()
}

// meetingDays adds the days of the meetings the member checked in at.
func (s *LadderService) meetingDays(ctx context.Context, memberID int64, a *rankfile.MemberActivity) error {
	rows, err := s.db.read.QueryContext(ctx, `SELECT DISTINCT m.id, m.starts_at FROM meeting_attendance t
		JOIN meetings m ON m.id = t.meeting_id WHERE t.member_id = $1`, memberID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var at time.Time
		if err := rows.Scan(&id, &at); err != nil {
			return err
		}
		a.Dates[rankfile.CountMeetings] = append(a.Dates[rankfile.CountMeetings], rankfile.DateOf(at.In(s.db.Zone)))
	}
	return rows.Err()
}

// conversationDays adds the days of the one-on-ones whose column (the
// member talked with, or the organizer who logged it) is the member.
func (s *LadderService) conversationDays(ctx context.Context, column string, memberID int64, counter string, a *rankfile.MemberActivity) error {
	rows, err := s.db.read.QueryContext(ctx, `SELECT held_on FROM conversations WHERE `+column+` = $1`, memberID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var d rankfile.Date
		if err := rows.Scan(&d); err != nil {
			return err
		}
		a.Dates[counter] = append(a.Dates[counter], d)
	}
	return rows.Err()
}

// courseDays adds the member's complete completions of courses: the days
// of all of them and of each level, and the qualifications they give.
func (s *LadderService) courseDays(ctx context.Context, memberID int64, a *rankfile.MemberActivity) error {
	rows, err := s.db.read.QueryContext(ctx, completionRecords+` AND c.member_id = $1`, memberID)
	if err != nil {
		return err
	}
	return addCompletions(rows, func(_ int64) *rankfile.MemberActivity { return a })
}

// completionRecords reads complete completions as member, course, level,
// completed and expiry days.
const completionRecords = `SELECT c.member_id, c.course_id, k.level, c.completed_on, c.expires_on
	FROM course_completions c JOIN courses k ON k.id = c.course_id WHERE c.outcome = 'complete'`

// addCompletions adds each completion of rows to its member's activity,
// skipping members activity returns nil for.
func addCompletions(rows *sql.Rows, activity func(memberID int64) *rankfile.MemberActivity) error {
	defer rows.Close()
	for rows.Next() {
		var memberID, courseID int64
		var level string
		var on, until rankfile.Date
		if err := rows.Scan(&memberID, &courseID, &level, &on, &until); err != nil {
			return err
		}
		a := activity(memberID)
		if a == nil {
			continue
		}
		byLevel := rankfile.CourseLevelCounter(level)
		a.Dates[rankfile.CountCourses] = append(a.Dates[rankfile.CountCourses], on)
		a.Dates[byLevel] = append(a.Dates[byLevel], on)
		a.Qualifications = append(a.Qualifications, rankfile.Qualification{CourseID: courseID, From: on, Until: until})
	}
	return rows.Err()
}
