-- +goose Up
-- A referendum question is a contest of method 'question' whose
-- "candidates" are its options ("Yes", "No"), which no member stands as:
-- candidates.member_id takes NULL for an option. contests.threshold is the
-- share in percent of the votes cast for an option that Yes needs, 0 for
-- a simple majority (more than half).
ALTER TABLE contests DROP CONSTRAINT contests_method_check;
ALTER TABLE contests ADD CONSTRAINT contests_method_check
    CHECK (method IN ('irv', 'scottish', 'meek', 'question'));
ALTER TABLE contests ADD COLUMN threshold INTEGER NOT NULL DEFAULT 0
    CHECK (threshold >= 0 AND threshold < 100);
ALTER TABLE candidates ALTER COLUMN member_id DROP NOT NULL;

-- +goose Down
DELETE FROM ballot_rankings WHERE contest_id IN (SELECT id FROM contests WHERE method = 'question');
DELETE FROM candidate_seconds WHERE candidate_id IN (SELECT id FROM candidates WHERE member_id IS NULL);
DELETE FROM candidate_photos WHERE candidate_id IN (SELECT id FROM candidates WHERE member_id IS NULL);
DELETE FROM candidates WHERE contest_id IN (SELECT id FROM contests WHERE method = 'question');
DELETE FROM contests WHERE method = 'question';
ALTER TABLE candidates ALTER COLUMN member_id SET NOT NULL;
ALTER TABLE contests DROP COLUMN threshold;
ALTER TABLE contests DROP CONSTRAINT contests_method_check;
ALTER TABLE contests ADD CONSTRAINT contests_method_check CHECK (method IN ('irv', 'scottish', 'meek'));
