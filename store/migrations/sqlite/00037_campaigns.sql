-- +goose Up
-- The field program's campaigns (see campaign.go and target.go): each
-- belongs to a body and keeps its own universe of targets, people it means
-- to reach who are not members (member_id links one who joins). Targets
-- live in households, one for each door (address and unit), found by
-- address_key, the address in one spelling. Each list imported is a source
-- whose column mapping is kept for its next import. do_not_contact holds
-- the phones, emails and addresses (by key) that every import leaves out.
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('candidate', 'measure', 'tenant', 'labor', 'issue')),
    description TEXT NOT NULL DEFAULT '',
    retention_months INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE INDEX campaigns_body ON campaigns (body_id);

CREATE TABLE target_sources (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    name TEXT NOT NULL,
    mapping TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    UNIQUE (campaign_id, name)
);

CREATE TABLE households (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    address_key TEXT NOT NULL,
    number TEXT NOT NULL,
    street TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT '',
    zip TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    geocode_missed BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (campaign_id, address_key)
);

CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    household_id INTEGER REFERENCES households (id),
    source_id INTEGER REFERENCES target_sources (id),
    external_id TEXT NOT NULL DEFAULT '',
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    member_id INTEGER REFERENCES members (id),
    do_not_contact BOOLEAN NOT NULL DEFAULT FALSE,
    keep_in_touch BOOLEAN NOT NULL DEFAULT FALSE,
    last_heard_on DATE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX targets_campaign ON targets (campaign_id);
CREATE INDEX targets_household ON targets (household_id);

CREATE TABLE do_not_contact (
    kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'address')),
    value TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, value)
);

