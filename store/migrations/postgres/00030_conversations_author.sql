-- +goose Up
-- The ladder counts the one-on-ones a member held as organizer
-- (store/ladder.go), by author.
CREATE INDEX conversations_author ON conversations (author_id, held_on);
