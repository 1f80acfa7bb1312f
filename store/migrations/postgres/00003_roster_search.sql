-- +goose Up
-- Names and phones move out of the details into columns of their own, so
-- that a page of the roster reads members alone.
ALTER TABLE members ADD COLUMN middle_name TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN suffix TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN best_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN mobile_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN home_phone TEXT NOT NULL DEFAULT '';
UPDATE members m SET
    middle_name = COALESCE(d.details::jsonb ->> 'middle_name', ''),
    suffix = COALESCE(d.details::jsonb ->> 'suffix', ''),
    best_phone = COALESCE(d.details::jsonb ->> 'best_phone', ''),
    mobile_phone = COALESCE(d.details::jsonb ->> 'mobile_phone', ''),
    home_phone = COALESCE(d.details::jsonb ->> 'home_phone', '')
FROM member_details d WHERE d.member_id = m.id;
UPDATE member_details SET details = (details::jsonb - 'middle_name' - 'suffix' - 'best_phone' - 'mobile_phone' - 'home_phone')::text;

-- Indexes for the roster page: a branch's members in name order, and the
-- beginnings of names, addresses and ZIP codes for searches. Standing has
-- no index on purpose: most members share one, and an index on it would
-- lead SQLite to sort thousands of members to show fifty. Searches compare
-- by byte (the "C" collation), so that a prefix is a range whatever the
-- database's collation; their indexes use it too.
-- The name indexes carry the names to sort by and the list's standing.
-- Only the branch index holds the branch: loading new boundaries moves
-- tens of thousands of members, and each index that holds the branch is
-- rewritten for every one of them.
DROP INDEX members_name;
CREATE INDEX members_name ON members (lower(last_name), lower(first_name), id, list_standing);
CREATE INDEX members_branch_name ON members ((COALESCE(chosen_branch_id, located_branch_id)), lower(last_name), lower(first_name), id, list_standing);
CREATE INDEX members_last_name_prefix ON members ((lower(last_name) COLLATE "C"));
CREATE INDEX members_first_name_prefix ON members ((lower(first_name) COLLATE "C"), lower(last_name), id, list_standing);
CREATE INDEX members_email_prefix ON members ((email COLLATE "C"));
CREATE INDEX members_mailing_zip_prefix ON members ((mailing_zip COLLATE "C"));

-- The roster's version: one more with every committed change to members,
-- their standing, branches or positions, so that counts of the roster can
-- be kept until it changes.
CREATE TABLE roster_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO roster_version (id, version) VALUES (1, 0);

