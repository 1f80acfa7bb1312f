-- +goose Up
-- The emails of each election sent (voting opens, the reminder, the
-- results), so that each goes once.
CREATE TABLE election_mailings (
    election_id INTEGER NOT NULL REFERENCES elections (id),
    kind TEXT NOT NULL CHECK (kind IN ('opening', 'reminder', 'results')),
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (election_id, kind)
);
