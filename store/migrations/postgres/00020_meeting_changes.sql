-- +goose Up
-- A meeting's planned end, and its cancellation with the reason members
-- are told; the outbox's notices of a meeting moved or called off name it.
ALTER TABLE meetings ADD COLUMN ends_at TIMESTAMPTZ;
ALTER TABLE meetings ADD COLUMN cancelled_at TIMESTAMPTZ;
ALTER TABLE meetings ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN meeting_id BIGINT REFERENCES meetings (id);
CREATE INDEX agenda_items_proposal ON agenda_items (proposal_id);
