-- +goose Up
-- Campaigns' turfs (see turf.go): each holds doors (households) in walking
-- order. turf_doors.open copies its turf's, so that one partial index keeps
-- a door in one open turf at most. A turf is checked out to a canvasser
-- (and a partner) until a time, after which it is back without a job to
-- take it back.
CREATE TABLE turfs (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    name TEXT NOT NULL,
    open BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    canvasser_id INTEGER REFERENCES members (id),
    partner_id INTEGER REFERENCES members (id),
    until TIMESTAMP
);
CREATE INDEX turfs_campaign ON turfs (campaign_id);

CREATE TABLE turf_doors (
    turf_id INTEGER NOT NULL REFERENCES turfs (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    position INTEGER NOT NULL,
    open BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (turf_id, household_id)
);
CREATE UNIQUE INDEX turf_doors_one_open ON turf_doors (household_id) WHERE open;
