-- +goose Up
-- What each reader reads in their own language.
-- A guest (a contact, someone not a member) gets their emails in the
-- language of the page they registered on; contacts made before, whose
-- language nobody asked, get the default ('': English).
ALTER TABLE contacts ADD COLUMN language TEXT NOT NULL DEFAULT '';

-- The weekly email's intro in Spanish, beside the English one (intro);
-- left empty, Spanish readers get the English intro, said to be English.
ALTER TABLE weekly_emails ADD COLUMN intro_es TEXT NOT NULL DEFAULT '';
