-- +goose Up
-- A guest (a contact, someone not a member) gets their emails in the
-- language of the page they registered on; contacts made before, whose
-- language nobody asked, get the default ('': English).
ALTER TABLE contacts ADD COLUMN language TEXT NOT NULL DEFAULT '';
