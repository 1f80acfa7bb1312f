-- +goose Up
-- A candidate's optional photo, as rankfile re-encoded it (JPEG): the
-- upload's own bytes, and whatever metadata they carried (a camera's
-- location), are not kept.
CREATE TABLE candidate_photos (
    candidate_id BIGINT PRIMARY KEY REFERENCES candidates (id),
    jpeg BYTEA NOT NULL
);
