-- +goose Up
-- Events on the calendar, who registered and who came, contacts (people
-- who are not members and registered for public events), members' private
-- calendar feeds, and the outbox of emails owed.
--
-- A recurring series is stored as its occurrences, each an event with the
-- series' id. A registration's line is its place in the order
-- registrations arrived (taken under the event's lock): the waitlist is
-- served in that order.
CREATE TABLE event_series (
    id INTEGER PRIMARY KEY,
    frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'monthly')),
    until_date DATE NOT NULL,
    except_dates TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    series_id INTEGER REFERENCES event_series (id),
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    zone TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    private_details TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    safety TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL CHECK (audience IN ('public', 'members', 'body')),
    registration BOOLEAN NOT NULL DEFAULT FALSE,
    capacity INTEGER NOT NULL DEFAULT 0,
    cancelled BOOLEAN NOT NULL DEFAULT FALSE,
    sequence INTEGER NOT NULL DEFAULT 0,
    check_in_code TEXT NOT NULL,
    reminders_queued_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX events_starts ON events (starts_at);
CREATE INDEX events_body ON events (body_id, starts_at);
CREATE INDEX events_series ON events (series_id);

CREATE TABLE event_cohosts (
    event_id INTEGER NOT NULL REFERENCES events (id),
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    PRIMARY KEY (event_id, body_id)
);
CREATE INDEX event_cohosts_body ON event_cohosts (body_id);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    phone TEXT NOT NULL DEFAULT '',
    zip TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE event_registrations (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id),
    member_id INTEGER REFERENCES members (id),
    contact_id INTEGER REFERENCES contacts (id),
    status TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
    line INTEGER NOT NULL,
    registered_at TIMESTAMP NOT NULL,
    cancelled_at TIMESTAMP,
    attended_at TIMESTAMP,
    checked_in_by TEXT NOT NULL DEFAULT '',
    walk_in BOOLEAN NOT NULL DEFAULT FALSE,
    token TEXT UNIQUE,
    CHECK ((member_id IS NULL) <> (contact_id IS NULL)),
    UNIQUE (event_id, member_id),
    UNIQUE (event_id, contact_id)
);
CREATE INDEX event_registrations_line ON event_registrations (event_id, status, line);
CREATE INDEX event_registrations_member ON event_registrations (member_id);

-- The secrets of a member's private feed and of a contact's registration
-- link are kept as they are, unlike sign-in secrets: they open only what
-- the database holds anyway, and they are sent or shown again.
CREATE TABLE calendar_feeds (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    event_id INTEGER REFERENCES events (id),
    registration_id INTEGER REFERENCES event_registrations (id),
    member_id INTEGER REFERENCES members (id),
    contact_id INTEGER REFERENCES contacts (id),
    weekly_id INTEGER,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'held', 'failed', 'dropped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at TIMESTAMP NOT NULL,
    claimed_at TIMESTAMP,
    changed_at TIMESTAMP,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (state, next_at, id);
