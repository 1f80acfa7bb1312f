-- +goose Up
-- Bodies formed and dissolved by decisions. A proposal may say it forms a
-- committee or working group (forms: its kind, name, parent and number of
-- co-chairs, as JSON) or dissolves one (dissolves_body_id). When it is
-- adopted, the body it forms records it (formed_by_proposal_id); the body
-- it dissolves is kept, with its history, seats and past holders, and
-- records when and by which proposal it was dissolved.
ALTER TABLE proposals ADD COLUMN forms TEXT;
ALTER TABLE proposals ADD COLUMN dissolves_body_id INTEGER REFERENCES bodies (id);
ALTER TABLE bodies ADD COLUMN formed_by_proposal_id INTEGER REFERENCES proposals (id);
ALTER TABLE bodies ADD COLUMN dissolved_at TIMESTAMP;
ALTER TABLE bodies ADD COLUMN dissolved_by_proposal_id INTEGER REFERENCES proposals (id);
