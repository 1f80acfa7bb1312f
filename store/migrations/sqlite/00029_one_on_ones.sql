-- +goose Up
-- One-on-ones: which organizer each member is assigned to, and the
-- conversations organizers log with the members they call.
--
-- A member has at most one open assignment (ended_at NULL); ended ones
-- are kept, with when, by whom and why they ended, as the history.
CREATE TABLE oneonone_assignments (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    organizer_id INTEGER NOT NULL REFERENCES members (id),
    reason TEXT NOT NULL CHECK (reason IN ('new', 'returning', 'manual')),
    assigned_at TIMESTAMP NOT NULL,
    assigned_by TEXT NOT NULL,
    ended_at TIMESTAMP,
    end_reason TEXT NOT NULL DEFAULT '',
    ended_by TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX oneonone_assignments_open ON oneonone_assignments (member_id) WHERE ended_at IS NULL;
CREATE INDEX oneonone_assignments_organizer ON oneonone_assignments (organizer_id) WHERE ended_at IS NULL;
CREATE INDEX oneonone_assignments_member ON oneonone_assignments (member_id, id);

-- A conversation's notes are sealed with the installation's key (as
-- members' sensitive fields are); tags is a JSON array of short words.
-- follow_up_queued_at is when the reminder of its follow-up was queued:
-- once a conversation.
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    author_id INTEGER NOT NULL REFERENCES members (id),
    held_on DATE NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('call', 'text', 'in_person', 'video', 'email')),
    notes TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    availability TEXT NOT NULL DEFAULT '',
    next_step TEXT NOT NULL DEFAULT '',
    assessment INTEGER NOT NULL DEFAULT 0 CHECK (assessment BETWEEN 0 AND 5),
    follow_up_on DATE,
    follow_up_queued_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX conversations_member ON conversations (member_id, held_on, id);
CREATE INDEX conversations_follow_up ON conversations (follow_up_on) WHERE follow_up_queued_at IS NULL;
