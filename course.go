package rankfile

import (
	"context"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Courses: the chapter's training program. A course is a training the
// chapter offers again and again ("Meeting facilitation", "Power
// mapping"), developed by committees and working groups whose leaders
// manage it. Its sessions are training events linked to it; a member who
// completes a session completes the course and holds its qualification,
// which lapses after the course's validity when it has one. Trainers are
// members holding a valid qualification; a course may require others
// completed first.

// Audit actions of courses.
const (
	AuditChangeCourse    = "change_course"    // created or changed a course, its levels or its trainers
	AuditFoundingTrainer = "founding_trainer" // recorded a qualification without a session, to start a course
	AuditCourseException = "course_exception" // let a member register without a course's prerequisites
	AuditCompleteCourse  = "complete_course"  // recorded who completed a session
)

// CourseLevel is a level of the program, "fundamental" or "advanced" at
// first; admins may add the chapter's own.
type CourseLevel struct {
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	NameEs   string `json:"name_es"`
	Position int    `json:"position"`
}

// Name of a level in the language given ("es" or else English).
func (l *CourseLevel) NameIn(lang string) string {
	if lang == "es" && l.NameEs != "" {
		return l.NameEs
	}
	return l.Name
}

var levelSlug = regexp.MustCompile(`^[a-z][a-z0-9-]{0,39}$`)

// Validate checks a level before it is stored.
func (l *CourseLevel) Validate() error {
	l.Name, l.NameEs = strings.TrimSpace(l.Name), strings.TrimSpace(l.NameEs)
	switch {
	case !levelSlug.MatchString(l.Slug):
		return Errorf(EINVALID, "a level's slug is lowercase letters, digits and dashes, such as %q", "advanced")
	case l.Name == "" || utf8.RuneCountInString(l.Name) > 60 || utf8.RuneCountInString(l.NameEs) > 60:
		return Errorf(EINVALID, "a level needs a name of at most 60 characters")
	}
	return nil
}

// CourseMaterial is a link to what a course uses: slides, a handout.
type CourseMaterial struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Prerequisite is a course to have completed before registering for a
// session of another: ever, or within the last WithinMonths months.
type Prerequisite struct {
	CourseID     int64 `json:"course_id"`
	WithinMonths int   `json:"within_months,omitempty"`
	// Title is the required course's, as read.
	Title string `json:"title,omitempty"`
}

// Course is one training of the program.
type Course struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	// Level is the slug of one of the chapter's levels.
	Level string `json:"level"`
	// Description is markdown, rendered sanitized.
	Description string `json:"description,omitempty"`
	// BodyIDs are the committees and working groups that develop the
	// course; their leaders manage it.
	BodyIDs   []int64          `json:"body_ids"`
	Materials []CourseMaterial `json:"materials,omitempty"`
	// DurationMinutes is how long a session usually runs.
	DurationMinutes int `json:"duration_minutes,omitempty"`
	// ValidityMonths is how long a qualification lasts; 0 is for good.
	ValidityMonths int            `json:"validity_months,omitempty"`
	Prerequisites  []Prerequisite `json:"prerequisites,omitempty"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// Limits on what a course holds.
const (
	maxCourseTitle     = 200
	maxCourseBodies    = 10
	maxCourseMaterials = 30
	maxCoursePrereqs   = 10
	maxCourseMinutes   = 7 * 24 * 60
	maxCourseMonths    = 120
)

// Validate checks a course before it is stored, and tidies its text. The
// level is checked against the chapter's levels, and loops of
// prerequisites against the other courses, where it is stored.
func (c *Course) Validate() error {
	c.Title = strings.TrimSpace(c.Title)
	switch {
	case c.Title == "" || utf8.RuneCountInString(c.Title) > maxCourseTitle:
		return Errorf(EINVALID, "a course needs a title of at most %d characters", maxCourseTitle)
	case c.Level == "":
		return Errorf(EINVALID, "a course needs a level")
	case len(c.Description) > maxEventDescription:
		return Errorf(EINVALID, "a description has at most %d characters", maxEventDescription)
	case len(c.BodyIDs) == 0 || len(c.BodyIDs) > maxCourseBodies:
		return Errorf(EINVALID, "a course is developed by 1 to %d committees or working groups", maxCourseBodies)
	case c.DurationMinutes < 0 || c.DurationMinutes > maxCourseMinutes:
		return Errorf(EINVALID, "a course lasts from 0 to %d minutes", maxCourseMinutes)
	case c.ValidityMonths < 0 || c.ValidityMonths > maxCourseMonths:
		return Errorf(EINVALID, "a qualification lasts 0 (for good) to %d months", maxCourseMonths)
	}
	c.BodyIDs = uniqueIDs(c.BodyIDs)
	if err := c.validateMaterials(); err != nil {
		return err
	}
	return c.validatePrerequisites()
}

func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func (c *Course) validateMaterials() error {
	if len(c.Materials) > maxCourseMaterials {
		return Errorf(EINVALID, "a course has at most %d materials", maxCourseMaterials)
	}
	for i := range c.Materials {
		m := &c.Materials[i]
		m.Title, m.URL = strings.TrimSpace(m.Title), strings.TrimSpace(m.URL)
		u, err := url.Parse(m.URL)
		if m.Title == "" || utf8.RuneCountInString(m.Title) > maxCourseTitle {
			return Errorf(EINVALID, "each material needs a title of at most %d characters", maxCourseTitle)
		}
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return Errorf(EINVALID, "a material's link must be a web address (https://...): %q", m.URL)
		}
	}
	return nil
}

func (c *Course) validatePrerequisites() error {
	if len(c.Prerequisites) > maxCoursePrereqs {
		return Errorf(EINVALID, "a course has at most %d prerequisites", maxCoursePrereqs)
	}
	seen := map[int64]bool{}
	for _, p := range c.Prerequisites {
		switch {
		case p.CourseID == 0 || seen[p.CourseID]:
			return Errorf(EINVALID, "each prerequisite is another course, named once")
		case c.ID != 0 && p.CourseID == c.ID:
			return Errorf(EINVALID, "a course cannot require itself")
		case p.WithinMonths < 0 || p.WithinMonths > maxCourseMonths:
			return Errorf(EINVALID, "a prerequisite is completed ever (0) or within 1 to %d months", maxCourseMonths)
		}
		seen[p.CourseID] = true
	}
	return nil
}

// ExpiryFrom returns when a qualification earned on day d lapses: the
// zero date when the course's qualifications last for good.
func (c *Course) ExpiryFrom(d Date) Date {
	if c.ValidityMonths == 0 {
		return Date{}
	}
	return d.AddMonths(c.ValidityMonths)
}

// PrerequisiteLoop returns the loop that requiring prereqs of course id
// would close, as course ids from id back to id, or nil. requires holds
// every other course's prerequisites by course.
func PrerequisiteLoop(id int64, prereqs []int64, requires map[int64][]int64) []int64 {
	var path []int64
	seen := map[int64]bool{}
	var walk func(at int64) bool
	walk = func(at int64) bool {
		path = append(path, at)
		if at == id {
			return true
		}
		if !seen[at] {
			seen[at] = true
			for _, next := range requires[at] {
				if walk(next) {
					return true
				}
			}
		}
		path = path[:len(path)-1]
		return false
	}
	for _, p := range prereqs {
		if walk(p) {
			return append([]int64{id}, path...)
		}
	}
	return nil
}

// CompletionOutcome is what a trainer recorded of an attendee.
type CompletionOutcome string

// Outcomes: only a complete one qualifies.
const (
	OutcomeComplete CompletionOutcome = "complete"
	OutcomePartial  CompletionOutcome = "partial"
	OutcomeAbsent   CompletionOutcome = "absent"
)

// CompletionOutcomes lists the outcomes in the order the page offers them.
var CompletionOutcomes = []CompletionOutcome{OutcomeComplete, OutcomePartial, OutcomeAbsent}

// Completion records a member's outcome at a session of a course, or a
// founding trainer's qualification recorded without a session (EventID 0,
// with a Reason).
type Completion struct {
	ID          int64             `json:"id"`
	CourseID    int64             `json:"course_id"`
	MemberID    int64             `json:"member_id"`
	EventID     int64             `json:"event_id,omitempty"`
	Outcome     CompletionOutcome `json:"outcome"`
	CompletedOn Date              `json:"completed_on"`
	// ExpiresOn is the day the qualification lapses, zero for never.
	ExpiresOn  Date      `json:"expires_on,omitzero"`
	RecordedBy int64     `json:"recorded_by,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	// CourseTitle is the course's, as read.
	CourseTitle string `json:"course_title,omitempty"`
}

// ValidOn reports whether the completion qualifies its member on day d.
func (c *Completion) ValidOn(d Date) bool {
	return c.Outcome == OutcomeComplete && (c.ExpiresOn.IsZero() || d.Before(c.ExpiresOn))
}

// Meets reports whether the completion meets prerequisite p on day d.
func (c *Completion) Meets(p Prerequisite, d Date) bool {
	if c.Outcome != OutcomeComplete || c.CourseID != p.CourseID {
		return false
	}
	return p.WithinMonths == 0 || !c.CompletedOn.Before(d.AddMonths(-p.WithinMonths))
}

// MissingPrerequisite returns the first of the course's prerequisites that
// the completions given (a member's) do not meet on day d, or nil.
func (c *Course) MissingPrerequisite(done []*Completion, d Date) *Prerequisite {
	for i, p := range c.Prerequisites {
		if !slices.ContainsFunc(done, func(x *Completion) bool { return x.Meets(p, d) }) {
			return &c.Prerequisites[i]
		}
	}
	return nil
}

// Trainer is a member who gives a course's sessions.
type Trainer struct {
	CourseID int64     `json:"course_id"`
	MemberID int64     `json:"member_id"`
	Name     string    `json:"name"`
	AddedAt  time.Time `json:"added_at"`
}

// CourseException lets a member register for a course's sessions without
// its prerequisites.
type CourseException struct {
	CourseID  int64     `json:"course_id"`
	MemberID  int64     `json:"member_id"`
	GrantedBy int64     `json:"granted_by"`
	Reason    string    `json:"reason"`
	CreatedAt time.Time `json:"created_at"`
}

// maxReason bounds the reasons given for a founding trainer or an
// exception.
const maxReason = 500

// CheckReason tidies and checks a reason given for a founding trainer or
// an exception, which the audit log keeps.
func CheckReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > maxReason {
		return "", Errorf(EINVALID, "give a reason of at most %d characters", maxReason)
	}
	return reason, nil
}

// SessionOutcome is a trainer's record of one attendee of a session.
type SessionOutcome struct {
	MemberID int64             `json:"member_id"`
	Outcome  CompletionOutcome `json:"outcome"`
}

// LapseNoticeDays is how long before a qualification lapses its holder
// is told.
const LapseNoticeDays = 30

// NoticeQualificationLapsing tells a member a qualification of theirs
// lapses within LapseNoticeDays.
const NoticeQualificationLapsing NoticeKind = "qualification_lapsing"

// CourseService stores courses, their trainers, sessions and completions.
type CourseService interface {
	// CourseLevels lists the chapter's levels in order.
	CourseLevels(ctx context.Context) ([]*CourseLevel, error)
	// SaveCourseLevel adds a level or renames one.
	SaveCourseLevel(ctx context.Context, l *CourseLevel) error
	// FindCourses lists courses by level and title, or the one with id
	// when id is not 0 (ENOTFOUND if none).
	FindCourses(ctx context.Context, id int64) ([]*Course, error)
	// CreateCourse stores a new course. EINVALID for an unknown level,
	// EINVALID naming the loop when its prerequisites would close one.
	CreateCourse(ctx context.Context, c *Course) error
	// UpdateCourse stores a course's new details, as CreateCourse checks.
	UpdateCourse(ctx context.Context, c *Course) error
	// CourseRequirements lists the roles that require a course.
	CourseRequirements(ctx context.Context) ([]*CourseRequirement, error)
	// SetCourseRequirement makes a seat or leading a kind of event require
	// a course, or none with a CourseID of 0. ENOTFOUND for an unknown seat
	// or course.
	SetCourseRequirement(ctx context.Context, r *CourseRequirement) error
	// Trainers lists a course's trainers by name.
	Trainers(ctx context.Context, courseID int64) ([]*Trainer, error)
	// AddTrainer makes a member a trainer of the course; ECONFLICT unless
	// they hold its qualification valid today.
	AddTrainer(ctx context.Context, courseID, memberID int64) error
	// RemoveTrainer takes a member off the course's trainers.
	RemoveTrainer(ctx context.Context, courseID, memberID int64) error
	// RecordFoundingTrainer records a qualification of the course for a
	// member without a session, with the reason, and makes them a trainer.
	RecordFoundingTrainer(ctx context.Context, courseID, memberID int64, reason string) error
	// CreateSessions stores training events (one, or a series' under r)
	// as sessions of the course given by the trainers given, all or none:
	// EINVALID naming a trainer who is not the course's or whose
	// qualification is not valid today.
	CreateSessions(ctx context.Context, events []*Event, r *Recurrence, courseID int64, trainerIDs []int64) error
	// SessionCourse returns the course of a session and its trainers,
	// a zero course id for an event that is no course's session.
	SessionCourse(ctx context.Context, eventID int64) (courseID int64, trainerIDs []int64, err error)
	// CourseSessions lists the ids of a course's sessions.
	CourseSessions(ctx context.Context, courseID int64) ([]int64, error)
	// MemberCompletions lists a member's completions, latest first.
	MemberCompletions(ctx context.Context, memberID int64) ([]*Completion, error)
	// SessionCompletions lists the outcomes recorded for a session.
	SessionCompletions(ctx context.Context, eventID int64) ([]*Completion, error)
	// RecordCompletions records the outcomes of a session's attendees on
	// day d; recording again replaces a member's outcome.
	RecordCompletions(ctx context.Context, eventID int64, d Date, outcomes []SessionOutcome) error
	// GrantException lets a member register for a course's sessions
	// without its prerequisites.
	GrantException(ctx context.Context, e *CourseException) error
	// HasException reports whether a member has an exception for a course.
	HasException(ctx context.Context, courseID, memberID int64) (bool, error)
	// FlagUnofferedCourses flags, once a quarter, each course of a body not
	// dissolved with no session in quarter q, and queues a notice to the
	// leaders of its bodies and the steering committee; it returns how
	// many courses it flagged.
	FlagUnofferedCourses(ctx context.Context, q Quarter) (int, error)
	// UnofferedCourses lists the courses flagged for quarter q that still
	// have no session in it.
	UnofferedCourses(ctx context.Context, q Quarter) ([]int64, error)
	// QueueLapseNotices queues, once a qualification, a notice to each
	// member whose qualification lapses between today and until.
	QueueLapseNotices(ctx context.Context, until Date) (int, error)
	// TrainingReportService reads the program's report's figures.
	TrainingReportService
}
