-- +goose Up
-- Nominations: who put a candidate forward, and the members who second them.
ALTER TABLE candidates ADD COLUMN nominated_by BIGINT REFERENCES members (id);

CREATE TABLE candidate_seconds (
    candidate_id BIGINT NOT NULL REFERENCES candidates (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    seconded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (candidate_id, member_id)
);
