-- +goose Up
-- Personal API tokens expire and can be revoked. Every token gets an end
-- (chosen when it is made, a year at most) and, once revoked, the time it
-- was revoked: revoked tokens are kept so that the member's list and the
-- audit log still make sense.
--
-- Tokens made before this migration had no end: they expire 90 days after
-- the migration runs, as a new token does by default, so that a forgotten
-- or stolen token stops working on its own without cutting anyone off
-- today.
--
-- SQLite cannot add a NOT NULL column without a default, so api_tokens is
-- made again with the new columns and its rows copied over. No table
-- refers to api_tokens. Times are written as rankfile writes them (UTC,
-- "YYYY-MM-DD HH:MM:SS+00:00"), so that they compare as text with the
-- times it writes.
CREATE TABLE api_tokens_new (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
INSERT INTO api_tokens_new (id, member_id, name, token_hash, created_at, last_used_at, expires_at)
    SELECT id, member_id, name, token_hash, created_at, last_used_at,
        strftime('%Y-%m-%d %H:%M:%S', 'now', '+90 days') || '+00:00'
    FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;

-- A member's tokens, for their list and for revoking them all.
CREATE INDEX api_tokens_member ON api_tokens (member_id);
