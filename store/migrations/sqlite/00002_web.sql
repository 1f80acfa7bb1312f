-- +goose Up
-- Installation-wide roles. Leadership of a body follows from its seats.
CREATE TABLE member_roles (
    member_id INTEGER NOT NULL REFERENCES members (id),
    role TEXT NOT NULL CHECK (role IN ('steward', 'admin')),
    granted_by TEXT NOT NULL DEFAULT '',
    granted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (member_id, role)
);

-- Emailed sign-in links and signed-in browsers. Only hashes of the secrets
-- are kept, so that a copy of the database signs nobody in.
CREATE TABLE sign_in_tokens (
    token_hash TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX sign_in_tokens_member ON sign_in_tokens (member_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    created_at TIMESTAMP NOT NULL,
    seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_member ON sessions (member_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);

-- The member's own choices in rankfile, which win over the national list's.
CREATE TABLE member_preferences (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    language TEXT NOT NULL DEFAULT '',
    mail_preference TEXT,
    do_not_call BOOLEAN,
    text_opt_out BOOLEAN,
    updated_at TIMESTAMP NOT NULL
);

-- Who may join a body: open (anyone), request (its leaders approve) or
-- none (membership follows from something else, such as where one lives).
ALTER TABLE bodies ADD COLUMN joining TEXT NOT NULL DEFAULT 'none' CHECK (joining IN ('open', 'request', 'none'));

CREATE TABLE join_requests (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    requested_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP,
    decided_by TEXT NOT NULL DEFAULT '',
    approved BOOLEAN
);
CREATE UNIQUE INDEX join_requests_open ON join_requests (member_id, body_id) WHERE decided_at IS NULL;

-- Every view of another member's contact details, every export and every
-- steward or admin action. Each entry's hash covers the one before, so a
-- changed or missing entry breaks the chain; triggers refuse changes.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    actor_id INTEGER REFERENCES members (id),
    actor TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    subject_id INTEGER REFERENCES members (id),
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd

INSERT INTO locks (name) VALUES ('audit');
