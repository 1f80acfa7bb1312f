-- +goose Up
-- A member's neighborhood group and chapter are only ever looked up by
-- their value, never as "none", so their indexes leave out the members
-- outside any group and those at large: an import into an empty roster
-- builds them from the members they hold, and a group's or chapter's
-- members are found as before. (SQLite compares all text byte by byte
-- already; PostgreSQL's migration of this number makes its national ids,
-- email addresses, ZIP codes and folded names compare the same way.)
DROP INDEX members_neighborhood;
CREATE INDEX members_neighborhood ON members (COALESCE(chosen_group_id, located_group_id))
    WHERE COALESCE(chosen_group_id, located_group_id) IS NOT NULL;
DROP INDEX members_chapter;
CREATE INDEX members_chapter ON members (chapter_id) WHERE chapter_id IS NOT NULL;

-- +goose Down
DROP INDEX members_chapter;
CREATE INDEX members_chapter ON members (chapter_id);
DROP INDEX members_neighborhood;
CREATE INDEX members_neighborhood ON members (COALESCE(chosen_group_id, located_group_id));
