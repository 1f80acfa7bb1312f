-- +goose Up
-- The chapter each member is in, placed from the national list's chapter
-- column (see chapter.go); NULL for a member at large. An installation
-- with one chapter has every member in it.
ALTER TABLE members ADD COLUMN chapter_id INTEGER REFERENCES bodies (id);
CREATE INDEX members_chapter ON members (chapter_id);
UPDATE members SET chapter_id = (SELECT id FROM bodies WHERE kind = 'chapter' AND dissolved_at IS NULL)
    WHERE (SELECT COUNT(*) FROM bodies WHERE kind = 'chapter' AND dissolved_at IS NULL) = 1;

-- A chapter's data steward sees that chapter's members alone: the role
-- chapter_steward is held for one chapter, body_id; the other roles are
-- the whole installation's. SQLite cannot change a CHECK constraint, so
-- member_roles is made again and its rows copied over (as in 00016).
CREATE TABLE member_roles_new (
    member_id INTEGER NOT NULL REFERENCES members (id),
    role TEXT NOT NULL CHECK (role IN ('steward', 'admin', 'communications', 'chapter_steward')),
    body_id INTEGER REFERENCES bodies (id),
    granted_by TEXT NOT NULL DEFAULT '',
    granted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (member_id, role),
    CHECK ((role = 'chapter_steward') = (body_id IS NOT NULL))
);
INSERT INTO member_roles_new (member_id, role, granted_by, granted_at)
    SELECT member_id, role, granted_by, granted_at FROM member_roles;
DROP TABLE member_roles;
ALTER TABLE member_roles_new RENAME TO member_roles;

-- +goose Down
CREATE TABLE member_roles_old (
    member_id INTEGER NOT NULL REFERENCES members (id),
    role TEXT NOT NULL CHECK (role IN ('steward', 'admin', 'communications')),
    granted_by TEXT NOT NULL DEFAULT '',
    granted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (member_id, role)
);
INSERT INTO member_roles_old (member_id, role, granted_by, granted_at)
    SELECT member_id, role, granted_by, granted_at FROM member_roles WHERE body_id IS NULL;
DROP TABLE member_roles;
ALTER TABLE member_roles_old RENAME TO member_roles;
DROP INDEX members_chapter;
ALTER TABLE members DROP COLUMN chapter_id;
