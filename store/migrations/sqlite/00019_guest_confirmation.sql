-- +goose NO TRANSACTION
-- +goose Up
-- A guest's registration (someone not signed in, for a public event)
-- waits until the guest confirms it through the link emailed to them:
-- until then it is 'unconfirmed', holds no seat nor place in line, and
-- lapses at expires_at. typed_contact keeps the name, phone and ZIP they
-- typed, put on their contact only when they confirm, so that nobody
-- changes a contact's details by typing the contact's address.
--
-- SQLite cannot change a CHECK constraint, so event_registrations is made
-- again and its rows copied over, ids and all. The outbox refers to it, so
-- foreign keys are off while the old table is dropped and the new one takes
-- its name; that can only be set outside a transaction, hence NO
-- TRANSACTION and the migration's own BEGIN and COMMIT.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE event_registrations_new (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id),
    member_id INTEGER REFERENCES members (id),
    contact_id INTEGER REFERENCES contacts (id),
    status TEXT NOT NULL CHECK (status IN ('unconfirmed', 'registered', 'waitlisted', 'cancelled')),
    line INTEGER NOT NULL,
    registered_at TIMESTAMP NOT NULL,
    cancelled_at TIMESTAMP,
    attended_at TIMESTAMP,
    checked_in_by TEXT NOT NULL DEFAULT '',
    walk_in BOOLEAN NOT NULL DEFAULT FALSE,
    token TEXT UNIQUE,
    expires_at TIMESTAMP,
    typed_contact TEXT,
    CHECK ((member_id IS NULL) <> (contact_id IS NULL)),
    CHECK ((status = 'unconfirmed') = (expires_at IS NOT NULL)),
    UNIQUE (event_id, member_id),
    UNIQUE (event_id, contact_id)
);
INSERT INTO event_registrations_new (id, event_id, member_id, contact_id, status, line, registered_at, cancelled_at,
    attended_at, checked_in_by, walk_in, token)
    SELECT id, event_id, member_id, contact_id, status, line, registered_at, cancelled_at, attended_at, checked_in_by,
        walk_in, token FROM event_registrations;
DROP TABLE event_registrations;
ALTER TABLE event_registrations_new RENAME TO event_registrations;
CREATE INDEX event_registrations_line ON event_registrations (event_id, status, line);
CREATE INDEX event_registrations_member ON event_registrations (member_id);
-- How many emails asking to confirm an address had lately.
CREATE INDEX outbox_contact ON outbox (contact_id, kind, created_at);
COMMIT;
PRAGMA foreign_keys = ON;
