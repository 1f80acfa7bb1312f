-- +goose NO TRANSACTION
-- +goose Up
-- Trainings repeat every three months too: event_series' CHECK takes
-- 'quarterly'. SQLite cannot change a CHECK constraint, so the table is
-- made again and its rows copied over, ids and all, with foreign keys off
-- (events refer to it) while the old one is dropped, which can only be
-- set outside a transaction, hence NO TRANSACTION and the migration's own
-- BEGIN and COMMIT.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE event_series_new (
    id INTEGER PRIMARY KEY,
    frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly')),
    until_date DATE NOT NULL,
    except_dates TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO event_series_new (id, frequency, until_date, except_dates)
    SELECT id, frequency, until_date, except_dates FROM event_series;
DROP TABLE event_series;
ALTER TABLE event_series_new RENAME TO event_series;

-- The training program's courses (see course.go): a catalogue of
-- courses, each at one of the chapter's levels and developed by the
-- committees and working groups that own it; the courses each requires
-- first; its trainers; its sessions, which are training events linked to
-- it with the trainers who give each; what each attendee came to
-- (complete, partial, absent), a complete one being a qualification that
-- lapses on expires_on when the course's qualifications lapse; and the
-- exceptions that let a member register without the prerequisites.
-- lapse_notice_at is when the member was told the qualification lapses
-- soon: set in the transaction that queues the notice, so it goes once.
CREATE TABLE course_levels (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_es TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
);
INSERT INTO course_levels (slug, name, name_es, position) VALUES
    ('fundamental', 'Fundamental', 'Fundamental', 1), ('advanced', 'Advanced', 'Avanzado', 2);

CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    level TEXT NOT NULL REFERENCES course_levels (slug),
    description TEXT NOT NULL DEFAULT '',
    materials TEXT NOT NULL DEFAULT '[]',
    duration_minutes INTEGER NOT NULL DEFAULT 0,
    validity_months INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE course_bodies (
    course_id INTEGER NOT NULL REFERENCES courses (id),
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    PRIMARY KEY (course_id, body_id)
);
CREATE INDEX course_bodies_body ON course_bodies (body_id);

CREATE TABLE course_prerequisites (
    course_id INTEGER NOT NULL REFERENCES courses (id),
    required_id INTEGER NOT NULL REFERENCES courses (id),
    within_months INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (course_id, required_id),
    CHECK (course_id <> required_id)
);

CREATE TABLE course_trainers (
    course_id INTEGER NOT NULL REFERENCES courses (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (course_id, member_id)
);

CREATE TABLE course_sessions (
    event_id INTEGER PRIMARY KEY REFERENCES events (id),
    course_id INTEGER NOT NULL REFERENCES courses (id)
);
CREATE INDEX course_sessions_course ON course_sessions (course_id);

CREATE TABLE course_session_trainers (
    event_id INTEGER NOT NULL REFERENCES course_sessions (event_id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (event_id, member_id)
);

CREATE TABLE course_completions (
    id INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    event_id INTEGER REFERENCES events (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('complete', 'partial', 'absent')),
    completed_on DATE NOT NULL,
    expires_on DATE,
    recorded_by INTEGER REFERENCES members (id),
    reason TEXT NOT NULL DEFAULT '',
    lapse_notice_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    CHECK (event_id IS NOT NULL OR reason <> '')
);
CREATE UNIQUE INDEX course_completions_session ON course_completions (event_id, member_id) WHERE event_id IS NOT NULL;
CREATE INDEX course_completions_member ON course_completions (member_id, course_id);
CREATE INDEX course_completions_lapse ON course_completions (expires_on) WHERE lapse_notice_at IS NULL AND outcome = 'complete';

CREATE TABLE course_exceptions (
    course_id INTEGER NOT NULL REFERENCES courses (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    granted_by INTEGER NOT NULL REFERENCES members (id),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (course_id, member_id)
);
COMMIT;
PRAGMA foreign_keys = ON;
