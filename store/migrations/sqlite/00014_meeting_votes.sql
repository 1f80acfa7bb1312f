-- +goose Up
-- Votes taken at meetings, and the minutes of meetings.
--
-- A meeting has at most one vote open at a time. As in elections, who
-- voted (meeting_vote_marks) and what was voted (meeting_vote_ballots)
-- share nothing but the vote: a secret ballot is kept under a random id,
-- with its session, and no time. Both are WITHOUT ROWID, stored in key
-- order, so that nothing keeps the order of voting. Only a roll-call
-- vote's ballots name the member.
CREATE TABLE meeting_votes (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id),
    kind TEXT NOT NULL,
    question TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '[]',
    seats INTEGER NOT NULL DEFAULT 0,
    threshold TEXT NOT NULL,
    roll_call BOOLEAN NOT NULL DEFAULT FALSE,
    proposal_id INTEGER REFERENCES proposals (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    seed TEXT NOT NULL DEFAULT '',
    opened_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP,
    result TEXT
);
CREATE INDEX meeting_votes_meeting ON meeting_votes (meeting_id, id);
CREATE UNIQUE INDEX meeting_votes_one_open ON meeting_votes (meeting_id) WHERE status = 'open';

CREATE TABLE meeting_vote_marks (
    vote_id INTEGER NOT NULL REFERENCES meeting_votes (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    session_id INTEGER NOT NULL REFERENCES meeting_sessions (id),
    how TEXT NOT NULL CHECK (how IN ('online', 'room')),
    PRIMARY KEY (vote_id, member_id)
) WITHOUT ROWID;

CREATE TABLE meeting_vote_ballots (
    vote_id INTEGER NOT NULL REFERENCES meeting_votes (id),
    id TEXT NOT NULL,
    session_id INTEGER NOT NULL REFERENCES meeting_sessions (id),
    choice TEXT NOT NULL,
    room BOOLEAN NOT NULL DEFAULT FALSE,
    member_id INTEGER REFERENCES members (id),
    PRIMARY KEY (vote_id, id)
) WITHOUT ROWID;

-- Minutes: written by a recording secretary, approved at a later meeting
-- of the body, and only then shown to members.
ALTER TABLE meetings ADD COLUMN minutes TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN minutes_by TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN minutes_updated_at TIMESTAMP;
ALTER TABLE meetings ADD COLUMN minutes_approved_at TIMESTAMP;
ALTER TABLE meetings ADD COLUMN minutes_approved_in INTEGER REFERENCES meetings (id);
