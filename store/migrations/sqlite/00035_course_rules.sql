-- +goose Up
-- The training program's rules (course_requirement.go, event_lead.go,
-- course_quarter.go).
--
-- course_requirements: a role that requires a course's qualification,
-- valid on the day it is given. A role is a body's seat (seat_id) or
-- leading events of a kind (event_kind), never both; one table holds
-- both so that the chapter reads its rules in one list and a course or a
-- seat cannot vanish from under a rule.
CREATE TABLE course_requirements (
    seat_id INTEGER UNIQUE REFERENCES seats (id),
    event_kind TEXT UNIQUE,
    course_id INTEGER NOT NULL REFERENCES courses (id),
    set_at TIMESTAMP NOT NULL,
    CHECK ((seat_id IS NULL) <> (event_kind IS NULL))
);

-- event_leads: the members who run an event (a canvass's leads), in the
-- order they were named.
CREATE TABLE event_leads (
    event_id INTEGER NOT NULL REFERENCES events (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, member_id)
);

-- course_quarter_flags: a course found with no session in a quarter
-- ('2026Q4'), inserted in the transaction that queues the emails about
-- it, so that they go once however often and wherever the clock runs.
CREATE TABLE course_quarter_flags (
    course_id INTEGER NOT NULL REFERENCES courses (id),
    quarter TEXT NOT NULL,
    flagged_at TIMESTAMP NOT NULL,
    PRIMARY KEY (course_id, quarter)
);
