-- +goose Up
-- What each reader reads in their own language.
-- A guest (a contact, someone not a member) gets their emails in the
-- language of the page they registered on; contacts made before, whose
-- language nobody asked, get the default ('': English).
ALTER TABLE contacts ADD COLUMN language TEXT NOT NULL DEFAULT '';

-- The weekly email's intro in Spanish, beside the English one (intro);
-- left empty, Spanish readers get the English intro, said to be English.
ALTER TABLE weekly_emails ADD COLUMN intro_es TEXT NOT NULL DEFAULT '';

-- Hosts find people by name whatever accents they type or leave out:
-- "hector" finds Héctor. Searches compare names folded (lower case, the
-- accented letters plain, as store/member_search.go folds them), as a
-- range of bytes (COLLATE "C"); these indexes hold the folded names, so
-- that a search reads only the names it finds.
CREATE INDEX members_last_name_folded ON members ((translate(lower(last_name), 'áàâäãåéèêëíìîïóòôöõúùûüñçÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇ', 'aaaaaaeeeeiiiiooooouuuuncaaaaaaeeeeiiiiooooouuuunc') COLLATE "C"), lower(last_name), lower(first_name), id, list_standing);
CREATE INDEX members_first_name_folded ON members ((translate(lower(first_name), 'áàâäãåéèêëíìîïóòôöõúùûüñçÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇ', 'aaaaaaeeeeiiiiooooouuuuncaaaaaaeeeeiiiiooooouuuunc') COLLATE "C"), lower(last_name), lower(first_name), id, list_standing);
