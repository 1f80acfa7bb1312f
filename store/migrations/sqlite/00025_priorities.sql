-- +goose Up
-- A convention's priorities: the resolutions its delegates' ranked vote
-- adopted, in the order the count elected them, with the count's public
-- record (the ballots as BLT, the lot's seed, the command that recounts).
-- A priorities vote is a meeting vote whose options are resolutions.
ALTER TABLE meeting_votes ADD COLUMN option_proposals TEXT NOT NULL DEFAULT '[]';

CREATE TABLE priorities (
    id INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES bodies (id),
    vote_id INTEGER UNIQUE REFERENCES meeting_votes (id),
    ballots INTEGER NOT NULL,
    seed TEXT NOT NULL,
    blt TEXT NOT NULL,
    command TEXT NOT NULL,
    adopted_at TIMESTAMP NOT NULL
);
CREATE INDEX priorities_convention ON priorities (convention_id, id);

CREATE TABLE priority_items (
    priorities_id INTEGER NOT NULL REFERENCES priorities (id),
    place INTEGER NOT NULL,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    PRIMARY KEY (priorities_id, place)
);
