-- +goose Up
-- The chapter each member is in, placed from the national list's chapter
-- column (see chapter.go); NULL for a member at large. An installation
-- with one chapter has every member in it.
ALTER TABLE members ADD COLUMN chapter_id BIGINT REFERENCES bodies (id);
CREATE INDEX members_chapter ON members (chapter_id);
UPDATE members SET chapter_id = (SELECT id FROM bodies WHERE kind = 'chapter' AND dissolved_at IS NULL)
    WHERE (SELECT COUNT(*) FROM bodies WHERE kind = 'chapter' AND dissolved_at IS NULL) = 1;

-- A chapter's data steward sees that chapter's members alone: the role
-- chapter_steward is held for one chapter, body_id; the other roles are
-- the whole installation's.
ALTER TABLE member_roles ADD COLUMN body_id BIGINT REFERENCES bodies (id);
ALTER TABLE member_roles DROP CONSTRAINT member_roles_role_check;
ALTER TABLE member_roles ADD CONSTRAINT member_roles_role_check
    CHECK (role IN ('steward', 'admin', 'communications', 'chapter_steward'));
ALTER TABLE member_roles ADD CONSTRAINT member_roles_body_check
    CHECK ((role = 'chapter_steward') = (body_id IS NOT NULL));

-- +goose Down
DELETE FROM member_roles WHERE body_id IS NOT NULL;
ALTER TABLE member_roles DROP CONSTRAINT member_roles_body_check;
ALTER TABLE member_roles DROP CONSTRAINT member_roles_role_check;
ALTER TABLE member_roles ADD CONSTRAINT member_roles_role_check
    CHECK (role IN ('steward', 'admin', 'communications'));
ALTER TABLE member_roles DROP COLUMN body_id;
DROP INDEX members_chapter;
ALTER TABLE members DROP COLUMN chapter_id;
