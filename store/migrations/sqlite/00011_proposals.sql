-- +goose Up
-- Proposals on their way to the agenda, and the members who sign them.
-- The text (JSON, in the resolution template) is the current version;
-- every version stays in proposal_versions.
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    links TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
        ('draft', 'collecting', 'qualified', 'scheduled', 'adopted', 'rejected', 'withdrawn', 'expired')),
    version INTEGER NOT NULL DEFAULT 1,
    threshold INTEGER NOT NULL DEFAULT 0,
    deadline TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX proposals_status ON proposals (status, id);

CREATE TABLE proposal_authors (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    position INTEGER NOT NULL,
    accepted_at TIMESTAMP,
    PRIMARY KEY (proposal_id, member_id)
);

CREATE TABLE proposal_versions (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    text TEXT NOT NULL,
    written_by INTEGER REFERENCES members (id),
    written_at TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, version)
);

CREATE TABLE proposal_signatures (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    signed_at TIMESTAMP NOT NULL,
    anonymous BOOLEAN NOT NULL DEFAULT FALSE,
    entered_by INTEGER REFERENCES members (id), -- the steward, for a paper signature
    PRIMARY KEY (proposal_id, member_id)
);

CREATE TABLE proposal_events (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    at TIMESTAMP NOT NULL,
    by_name TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposal_events_proposal ON proposal_events (proposal_id, id);
