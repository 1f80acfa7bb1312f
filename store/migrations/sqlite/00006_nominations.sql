-- +goose Up
-- Nominations: who put a candidate forward, and the members who second them.
ALTER TABLE candidates ADD COLUMN nominated_by INTEGER REFERENCES members (id);

CREATE TABLE candidate_seconds (
    candidate_id INTEGER NOT NULL REFERENCES candidates (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    seconded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (candidate_id, member_id)
);
