-- +goose Up
-- Neighborhood groups by geography: each group's boundary inside its
-- branch, and the group each member is placed in (located, by her point)
-- or chose (within her branch). A member's group is the chosen one, else
-- the located one; neither is set when her point lies in no group.
CREATE TABLE neighborhood_boundaries (
    body_id BIGINT PRIMARY KEY REFERENCES bodies (id),
    position INTEGER NOT NULL,
    geometry TEXT NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL
);

ALTER TABLE members ADD COLUMN located_group_id BIGINT REFERENCES bodies (id);
ALTER TABLE members ADD COLUMN chosen_group_id BIGINT REFERENCES bodies (id);
CREATE INDEX members_neighborhood ON members ((COALESCE(chosen_group_id, located_group_id)));

