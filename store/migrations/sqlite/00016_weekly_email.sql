-- +goose Up
-- The weekly email: one a week, its events and those the editor left out;
-- who turned it off; the secrets of its unsubscribe links; and the role of
-- the communications team that edits and sends it.

-- SQLite cannot change a CHECK constraint, so member_roles is made again
-- with the new role and its rows copied over. No table refers to
-- member_roles, so dropping the old one breaks no foreign key (migrations
-- run with foreign keys on).
CREATE TABLE member_roles_new (
    member_id INTEGER NOT NULL REFERENCES members (id),
    role TEXT NOT NULL CHECK (role IN ('steward', 'admin', 'communications')),
    granted_by TEXT NOT NULL DEFAULT '',
    granted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (member_id, role)
);
INSERT INTO member_roles_new (member_id, role, granted_by, granted_at)
    SELECT member_id, role, granted_by, granted_at FROM member_roles;
DROP TABLE member_roles;
ALTER TABLE member_roles_new RENAME TO member_roles;

-- NULL: the member never said, and gets the weekly email.
ALTER TABLE member_preferences ADD COLUMN weekly_email BOOLEAN;

CREATE TABLE weekly_emails (
    id INTEGER PRIMARY KEY,
    week_of DATE NOT NULL UNIQUE,
    subject TEXT NOT NULL DEFAULT '',
    intro TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('draft', 'sent')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    sent_at TIMESTAMP,
    sent_by TEXT NOT NULL DEFAULT '',
    recipients INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE weekly_events (
    weekly_id INTEGER NOT NULL REFERENCES weekly_emails (id),
    event_id INTEGER NOT NULL REFERENCES events (id),
    excluded BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (weekly_id, event_id)
);

-- Only the SHA-256 of an unsubscribe link's secret is kept, as for sign-in
-- links: a copy of the database unsubscribes nobody. Each email carries a
-- secret of its own.
CREATE TABLE unsubscribe_tokens (
    token_hash TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX unsubscribe_tokens_created ON unsubscribe_tokens (created_at);
