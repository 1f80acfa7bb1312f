-- +goose Up
-- Elections: contests, candidates, the roll and the ballot box.
CREATE TABLE elections (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    rules TEXT NOT NULL DEFAULT '',
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    cutoff DATE NOT NULL,
    nominations_open TIMESTAMP NOT NULL,
    nominations_close TIMESTAMP NOT NULL,
    voting_open TIMESTAMP NOT NULL,
    voting_close TIMESTAMP NOT NULL,
    seconders INTEGER NOT NULL DEFAULT 0,
    record_public BOOLEAN NOT NULL DEFAULT FALSE,
    seed TEXT NOT NULL,
    roll_frozen_at TIMESTAMP,
    roll_size INTEGER NOT NULL DEFAULT 0,
    counted_at TIMESTAMP,
    result TEXT,
    created_at TIMESTAMP NOT NULL
);

-- The election's committee: the members given the election-admin role.
CREATE TABLE election_admins (
    election_id INTEGER NOT NULL REFERENCES elections (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (election_id, member_id)
);

CREATE TABLE contests (
    id INTEGER PRIMARY KEY,
    election_id INTEGER NOT NULL REFERENCES elections (id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    seats INTEGER NOT NULL CHECK (seats > 0),
    method TEXT NOT NULL CHECK (method IN ('irv', 'scottish', 'meek')),
    constraints TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX contests_election ON contests (election_id, position);

CREATE TABLE candidates (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    name TEXT NOT NULL,
    statement TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('nominated', 'accepted', 'withdrawn')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (contest_id, member_id)
);

-- The roll, frozen at the cut-off: who may vote, and whether they have
-- (online or on paper). Nothing here says when, or which ballot.
CREATE TABLE election_roll (
    election_id INTEGER NOT NULL REFERENCES elections (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    voted TEXT NOT NULL DEFAULT '' CHECK (voted IN ('', 'online', 'paper')),
    PRIMARY KEY (election_id, member_id)
) WITHOUT ROWID;

-- The ballot box. A ballot is kept under a random id with only the day it
-- was cast; WITHOUT ROWID, so that no hidden row number keeps the order of
-- casting. Its rankings are keyed by the same random id.
CREATE TABLE ballots (
    election_id INTEGER NOT NULL REFERENCES elections (id),
    id TEXT NOT NULL,
    cast_on DATE NOT NULL,
    receipt_hash TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (election_id, id)
) WITHOUT ROWID;

CREATE TABLE ballot_rankings (
    election_id INTEGER NOT NULL,
    ballot_id TEXT NOT NULL,
    contest_id INTEGER NOT NULL REFERENCES contests (id),
    ranking TEXT NOT NULL,
    PRIMARY KEY (election_id, ballot_id, contest_id),
    FOREIGN KEY (election_id, ballot_id) REFERENCES ballots (election_id, id)
) WITHOUT ROWID;
