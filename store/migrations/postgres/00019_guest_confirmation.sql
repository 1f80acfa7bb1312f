-- +goose Up
-- A guest's registration (someone not signed in, for a public event)
-- waits until the guest confirms it through the link emailed to them:
-- until then it is 'unconfirmed', holds no seat nor place in line, and
-- lapses at expires_at. typed_contact keeps the name, phone and ZIP they
-- typed, put on their contact only when they confirm, so that nobody
-- changes a contact's details by typing the contact's address.
ALTER TABLE event_registrations DROP CONSTRAINT event_registrations_status_check;
ALTER TABLE event_registrations ADD CONSTRAINT event_registrations_status_check
    CHECK (status IN ('unconfirmed', 'registered', 'waitlisted', 'cancelled'));
ALTER TABLE event_registrations ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE event_registrations ADD COLUMN typed_contact TEXT;
ALTER TABLE event_registrations ADD CONSTRAINT event_registrations_unconfirmed_expire
    CHECK ((status = 'unconfirmed') = (expires_at IS NOT NULL));
-- How many emails asking to confirm an address had lately.
CREATE INDEX outbox_contact ON outbox (contact_id, kind, created_at);
