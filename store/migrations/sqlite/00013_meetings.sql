-- +goose Up
-- Meetings of bodies, held in one or more simultaneous sessions, their
-- agendas and who attends. A member attends one session of a meeting:
-- the key of meeting_attendance is (meeting, member).
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    format TEXT NOT NULL,
    quorum_count INTEGER NOT NULL DEFAULT 0,
    quorum_percent INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX meetings_starts ON meetings (starts_at);

CREATE TABLE meeting_sessions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    name TEXT NOT NULL,
    branch_id INTEGER REFERENCES bodies (id),
    chair_id INTEGER REFERENCES members (id),
    secretary_id INTEGER REFERENCES members (id),
    place TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL,
    UNIQUE (meeting_id, code)
);
CREATE INDEX meeting_sessions_meeting ON meeting_sessions (meeting_id, id);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    proposal_id INTEGER REFERENCES proposals (id)
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    session_id INTEGER NOT NULL REFERENCES meeting_sessions (id),
    checked_in_at TIMESTAMP NOT NULL,
    checked_in_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX meeting_attendance_member ON meeting_attendance (member_id);
