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
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;
UPDATE api_tokens SET expires_at = now() + INTERVAL '90 days';
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE api_tokens ADD COLUMN revoked_at TIMESTAMPTZ;

-- A member's tokens, for their list and for revoking them all.
CREATE INDEX api_tokens_member ON api_tokens (member_id);
