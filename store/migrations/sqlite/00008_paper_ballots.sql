-- +goose Up
-- Paper ballots, entered by one member of an election's committee in a
-- batch and confirmed by another. Until then the batch holds who voted on
-- paper and their ballots, the ballots in an order of their own; once
-- confirmed or rejected its ballots are cleared: a confirmed batch's are
-- in the box.
CREATE TABLE paper_batches (
    id INTEGER PRIMARY KEY,
    election_id INTEGER NOT NULL REFERENCES elections (id),
    entered_by INTEGER NOT NULL REFERENCES members (id),
    entered_at TIMESTAMP NOT NULL,
    voters TEXT NOT NULL,
    ballots TEXT,
    size INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
    decided_by INTEGER REFERENCES members (id),
    decided_at TIMESTAMP
);
CREATE INDEX paper_batches_election ON paper_batches (election_id);
