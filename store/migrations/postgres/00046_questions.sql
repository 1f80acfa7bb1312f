-- +goose Up
-- A referendum question is a contest of method 'question' whose
-- "candidates" are its options ("Yes", "No"), which no member stands as:
-- candidates.member_id takes NULL for an option. contests.threshold is the
-- share of the votes cast for an option that Yes needs, as a meeting's
-- votes name it ('' for a majority, as for every other contest).
ALTER TABLE contests DROP CONSTRAINT contests_method_check;
ALTER TABLE contests ADD CONSTRAINT contests_method_check
    CHECK (method IN ('irv', 'scottish', 'meek', 'question'));
ALTER TABLE contests ADD COLUMN threshold TEXT NOT NULL DEFAULT ''
    CHECK (threshold IN ('', 'majority', 'two_thirds', 'three_quarters'));
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
