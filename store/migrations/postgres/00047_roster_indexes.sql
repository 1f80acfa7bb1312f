-- +goose Up
-- National ids, email addresses, ZIP codes and folded names are compared
-- byte by byte (the "C" collation), as SQLite compares all text: the
-- roster sorts the same on both databases, a search's prefix is a range
-- of the same index the roster is sorted by, and an index of these columns
-- is built without the locale's rules. That makes the second index of each
-- name and of email, kept only to compare by byte, redundant.
DROP INDEX members_last_name_folded;
DROP INDEX members_first_name_folded;
DROP INDEX members_email_prefix;
DROP INDEX members_mailing_zip_prefix;
ALTER TABLE members
    ALTER COLUMN national_id TYPE TEXT COLLATE "C",
    ALTER COLUMN email TYPE TEXT COLLATE "C",
    ALTER COLUMN mailing_zip TYPE TEXT COLLATE "C",
    ALTER COLUMN last_name_folded TYPE TEXT COLLATE "C",
    ALTER COLUMN first_name_folded TYPE TEXT COLLATE "C";
CREATE INDEX members_first_name_folded ON members (first_name_folded, last_name_folded, id, list_standing);
CREATE INDEX members_mailing_zip ON members (mailing_zip);

-- A member's neighborhood group and chapter are only ever looked up by
-- their value, never as "none", so their indexes leave out the members
-- outside any group and those at large.
DROP INDEX members_neighborhood;
CREATE INDEX members_neighborhood ON members ((COALESCE(chosen_group_id, located_group_id)))
    WHERE COALESCE(chosen_group_id, located_group_id) IS NOT NULL;
DROP INDEX members_chapter;
CREATE INDEX members_chapter ON members (chapter_id) WHERE chapter_id IS NOT NULL;

-- The planner's statistics only for the columns queries filter, sort or
-- join members by: ANALYZE after an import sampled the rest of the row
-- (phones, unfolded names, fingerprints, times) for nothing, and half its
-- time went to them. Ids and national ids are unique, which their indexes
-- tell the planner.
ALTER TABLE members
    ALTER COLUMN id SET STATISTICS 0,
    ALTER COLUMN national_id SET STATISTICS 0,
    ALTER COLUMN xdate SET STATISTICS 0,
    ALTER COLUMN do_not_call SET STATISTICS 0,
    ALTER COLUMN p2ptext_optout SET STATISTICS 0,
    ALTER COLUMN created_import_id SET STATISTICS 0,
    ALTER COLUMN first_name SET STATISTICS 0,
    ALTER COLUMN last_name SET STATISTICS 0,
    ALTER COLUMN middle_name SET STATISTICS 0,
    ALTER COLUMN suffix SET STATISTICS 0,
    ALTER COLUMN best_phone SET STATISTICS 0,
    ALTER COLUMN mobile_phone SET STATISTICS 0,
    ALTER COLUMN home_phone SET STATISTICS 0,
    ALTER COLUMN billing_zip SET STATISTICS 0,
    ALTER COLUMN import_hash SET STATISTICS 0,
    ALTER COLUMN created_at SET STATISTICS 0,
    ALTER COLUMN updated_at SET STATISTICS 0,
    ALTER COLUMN lat SET STATISTICS 0,
    ALTER COLUMN lon SET STATISTICS 0;

-- +goose Down
ALTER TABLE members
    ALTER COLUMN id SET STATISTICS -1,
    ALTER COLUMN national_id SET STATISTICS -1,
    ALTER COLUMN xdate SET STATISTICS -1,
    ALTER COLUMN do_not_call SET STATISTICS -1,
    ALTER COLUMN p2ptext_optout SET STATISTICS -1,
    ALTER COLUMN created_import_id SET STATISTICS -1;
DROP INDEX members_chapter;
CREATE INDEX members_chapter ON members (chapter_id);
DROP INDEX members_neighborhood;
CREATE INDEX members_neighborhood ON members ((COALESCE(chosen_group_id, located_group_id)));
ALTER TABLE members
    ALTER COLUMN first_name SET STATISTICS -1,
    ALTER COLUMN last_name SET STATISTICS -1,
    ALTER COLUMN middle_name SET STATISTICS -1,
    ALTER COLUMN suffix SET STATISTICS -1,
    ALTER COLUMN best_phone SET STATISTICS -1,
    ALTER COLUMN mobile_phone SET STATISTICS -1,
    ALTER COLUMN home_phone SET STATISTICS -1,
    ALTER COLUMN billing_zip SET STATISTICS -1,
    ALTER COLUMN import_hash SET STATISTICS -1,
    ALTER COLUMN created_at SET STATISTICS -1,
    ALTER COLUMN updated_at SET STATISTICS -1,
    ALTER COLUMN lat SET STATISTICS -1,
    ALTER COLUMN lon SET STATISTICS -1;
DROP INDEX members_mailing_zip;
DROP INDEX members_first_name_folded;
ALTER TABLE members
    ALTER COLUMN national_id TYPE TEXT COLLATE "default",
    ALTER COLUMN email TYPE TEXT COLLATE "default",
    ALTER COLUMN mailing_zip TYPE TEXT COLLATE "default",
    ALTER COLUMN last_name_folded TYPE TEXT COLLATE "default",
    ALTER COLUMN first_name_folded TYPE TEXT COLLATE "default";
CREATE INDEX members_last_name_folded ON members ((last_name_folded COLLATE "C"), first_name_folded, id, list_standing);
CREATE INDEX members_first_name_folded ON members ((first_name_folded COLLATE "C"), last_name_folded, id, list_standing);
CREATE INDEX members_email_prefix ON members ((email COLLATE "C"));
CREATE INDEX members_mailing_zip_prefix ON members ((mailing_zip COLLATE "C"));
