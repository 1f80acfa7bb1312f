package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/rankfile/rankfile"
)

// CourseService keeps the training program's courses, trainers, sessions
// and completions (migration 00033).
type CourseService struct{ db *DB }

// NewCourseService returns the course service of db.
func NewCourseService(db *DB) *CourseService { return &CourseService{db: db} }

var _ rankfile.CourseService = (*CourseService)(nil)

// CourseLevels lists the chapter's levels in order.
func (s *CourseService) CourseLevels(ctx context.Context) ([]*rankfile.CourseLevel, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT slug, name, name_es, position FROM course_levels
		ORDER BY position, slug`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.CourseLevel
	for rows.Next() {
		l := &rankfile.CourseLevel{}
		if err := rows.Scan(&l.Slug, &l.Name, &l.NameEs, &l.Position); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// SaveCourseLevel adds a level after the others, or renames one.
func (s *CourseService) SaveCourseLevel(ctx context.Context, l *rankfile.CourseLevel) error {
	if err := l.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO course_levels (slug, name, name_es, position)
			VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM course_levels))
			ON CONFLICT (slug) DO UPDATE SET name = excluded.name, name_es = excluded.name_es`,
			l.Slug, l.Name, l.NameEs); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeCourse, 0, "level "+l.Slug)
	})
}

// FindCourses lists courses by level and title with their owners,
// materials and prerequisites, or the one with id (ENOTFOUND if none).
func (s *CourseService) FindCourses(ctx context.Context, id int64) ([]*rankfile.Course, error) {
	q := `SELECT c.id, c.title, c.level, c.description, c.materials, c.duration_minutes, c.validity_months,
		c.created_at, c.updated_at FROM courses c JOIN course_levels l ON l.slug = c.level`
	var args []any
	if id != 0 {
		q, args = q+` WHERE c.id = $1`, []any{id}
	}
	rows, err := s.db.read.QueryContext(ctx, q+` ORDER BY l.position, lower(c.title), c.id`, args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	out, err := scanCourses(rows)
	if err != nil {
		return nil, err
	}
	if id != 0 && len(out) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such course")
	}
	return out, s.readCourseLinks(ctx, out, id)
}

func scanCourses(rows *sql.Rows) ([]*rankfile.Course, error) {
	defer rows.Close()
	var out []*rankfile.Course
	for rows.Next() {
		c, materials := &rankfile.Course{}, ""
		if err := rows.Scan(&c.ID, &c.Title, &c.Level, &c.Description, &materials, &c.DurationMinutes,
			&c.ValidityMonths, &c.CreatedAt, &c.UpdatedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(materials), &c.Materials); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// readCourseLinks reads the owners and prerequisites of the courses: of
// course only, or of all when only is 0.
func (s *CourseService) readCourseLinks(ctx context.Context, courses []*rankfile.Course, only int64) error {
	byID := map[int64]*rankfile.Course{}
	for _, c := range courses {
		byID[c.ID] = c
	}
	where, args := onlyCourse("course_id", only)
	rows, err := s.db.read.QueryContext(ctx, `SELECT course_id, body_id FROM course_bodies`+where+` ORDER BY body_id`, args...)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c, b int64
		if err := rows.Scan(&c, &b); err != nil {
			return err
		}
		if byID[c] != nil {
			byID[c].BodyIDs = append(byID[c].BodyIDs, b)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return s.readPrerequisites(ctx, byID, only)
}

// onlyCourse restricts a query of a course's links to one course, none
// when only is 0.
func onlyCourse(column string, only int64) (string, []any) {
	if only == 0 {
		return "", nil
	}
	return ` WHERE ` + column + ` = $1`, []any{only}
}

func (s *CourseService) readPrerequisites(ctx context.Context, byID map[int64]*rankfile.Course, only int64) error {
	where, args := onlyCourse("p.course_id", only)
	rows, err := s.db.read.QueryContext(ctx, `SELECT p.course_id, p.required_id, p.within_months, r.title
		FROM course_prerequisites p JOIN courses r ON r.id = p.required_id`+where+` ORDER BY lower(r.title), r.id`, args...)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c int64
		var p rankfile.Prerequisite
		if err := rows.Scan(&c, &p.CourseID, &p.WithinMonths, &p.Title); err != nil {
			return err
		}
		if byID[c] != nil {
			byID[c].Prerequisites = append(byID[c].Prerequisites, p)
		}
	}
	return rows.Err()
}

// CreateCourse stores a new course with its owners and prerequisites.
func (s *CourseService) CreateCourse(ctx context.Context, c *rankfile.Course) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkCourse(ctx, c); err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = tx.now, tx.now
		if err := tx.QueryRowContext(ctx, `INSERT INTO courses (title, level, description, materials,
			duration_minutes, validity_months, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
			RETURNING id`, c.Title, c.Level, c.Description, mustJSON(nonNilMaterials(c.Materials)), c.DurationMinutes,
			c.ValidityMonths, tx.stamp).Scan(&c.ID); err != nil {
			return err
		}
		return tx.writeCourseLinks(ctx, c, "created")
	})
}

// UpdateCourse stores a course's new details, owners and prerequisites.
func (s *CourseService) UpdateCourse(ctx context.Context, c *rankfile.Course) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkCourse(ctx, c); err != nil {
			return err
		}
		c.UpdatedAt = tx.now
		res, err := tx.ExecContext(ctx, `UPDATE courses SET title = $1, level = $2, description = $3, materials = $4,
			duration_minutes = $5, validity_months = $6, updated_at = $7 WHERE id = $8`, c.Title, c.Level,
			c.Description, mustJSON(nonNilMaterials(c.Materials)), c.DurationMinutes, c.ValidityMonths, tx.stamp, c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such course")
		}
		return tx.writeCourseLinks(ctx, c, "changed")
	})
}

func nonNilMaterials(m []rankfile.CourseMaterial) []rankfile.CourseMaterial {
	if m == nil {
		return []rankfile.CourseMaterial{}
	}
	return m
}

// checkCourse checks the course's level and prerequisites against the
// others, under the courses' lock so that two changes cannot close a loop
// together.
func (tx *Tx) checkCourse(ctx context.Context, c *rankfile.Course) error {
	if err := tx.lock(ctx, "courses"); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM course_levels WHERE slug = $1`, c.Level).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return rankfile.Errorf(rankfile.EINVALID, "the chapter has no level %q", c.Level)
	}
	return tx.checkPrerequisiteLoop(ctx, c)
}

func (tx *Tx) checkPrerequisiteLoop(ctx context.Context, c *rankfile.Course) error {
	requires, titles, err := tx.prerequisiteGraph(ctx)
	if err != nil {
		return err
	}
	var want []int64
	for _, p := range c.Prerequisites {
		if titles[p.CourseID] == "" {
			return rankfile.Errorf(rankfile.EINVALID, "no course %d to require", p.CourseID)
		}
		want = append(want, p.CourseID)
	}
	delete(requires, c.ID)
	loop := rankfile.PrerequisiteLoop(c.ID, want, requires)
	if loop == nil {
		return nil
	}
	titles[c.ID] = c.Title
	names := make([]string, len(loop))
	for i, id := range loop {
		names[i] = titles[id]
	}
	return rankfile.Errorf(rankfile.EINVALID, "these prerequisites would make a loop: %s", strings.Join(names, " → "))
}

// prerequisiteGraph reads every course's prerequisites, and the titles.
func (tx *Tx) prerequisiteGraph(ctx context.Context) (map[int64][]int64, map[int64]string, error) {
	titles := map[int64]string{}
	rows, err := tx.QueryContext(ctx, `SELECT id, title FROM courses`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			rows.Close()
			return nil, nil, err
		}
		titles[id] = t
	}
	rows.Close()
	requires := map[int64][]int64{}
	rows, err = tx.QueryContext(ctx, `SELECT course_id, required_id FROM course_prerequisites ORDER BY course_id, required_id`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c, r int64
		if err := rows.Scan(&c, &r); err != nil {
			return nil, nil, err
		}
		requires[c] = append(requires[c], r)
	}
	return requires, titles, rows.Err()
}

// writeCourseLinks replaces the course's owners and prerequisites, and
// audits the change.
func (tx *Tx) writeCourseLinks(ctx context.Context, c *rankfile.Course, what string) error {
	for _, q := range []string{`DELETE FROM course_bodies WHERE course_id = $1`,
		`DELETE FROM course_prerequisites WHERE course_id = $1`} {
		if _, err := tx.ExecContext(ctx, q, c.ID); err != nil {
			return err
		}
	}
	for _, b := range c.BodyIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO course_bodies (course_id, body_id) VALUES ($1, $2)`, c.ID, b); err != nil {
			return err
		}
	}
	for _, p := range c.Prerequisites {
		if _, err := tx.ExecContext(ctx, `INSERT INTO course_prerequisites (course_id, required_id, within_months)
			VALUES ($1, $2, $3)`, c.ID, p.CourseID, p.WithinMonths); err != nil {
			return err
		}
	}
	return tx.audit(ctx, rankfile.AuditChangeCourse, 0, what+" course "+itoa(c.ID)+": "+c.Title)
}
