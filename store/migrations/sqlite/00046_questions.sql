-- +goose NO TRANSACTION
-- +goose Up
-- A referendum question is a contest of method 'question' whose
-- "candidates" are its options ("Yes", "No"), which no member stands as:
-- candidates.member_id takes NULL for an option. contests.threshold is the
-- share of the votes cast for an option that Yes needs, as a meeting's
-- votes name it ('' for a majority, as for every other contest). SQLite cannot change a CHECK or a
-- NOT NULL, so both tables are made again and their rows copied over, ids
-- and all, with foreign keys off (candidates, seconds, photos and ballot
-- rankings refer to them) while the old ones are dropped, which can only
-- be set outside a transaction, hence NO TRANSACTION and the migration's
-- own BEGIN and COMMIT.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE contests_new (
    id INTEGER PRIMARY KEY,
    election_id INTEGER NOT NULL REFERENCES elections (id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    seats INTEGER NOT NULL CHECK (seats > 0),
    method TEXT NOT NULL CHECK (method IN ('irv', 'scottish', 'meek', 'question')),
    constraints TEXT NOT NULL DEFAULT '[]',
    threshold TEXT NOT NULL DEFAULT '' CHECK (threshold IN ('', 'majority', 'two_thirds', 'three_quarters'))
);
INSERT INTO contests_new (id, election_id, position, title, seats, method, constraints)
    SELECT id, election_id, position, title, seats, method, constraints FROM contests;
DROP TABLE contests;
ALTER TABLE contests_new RENAME TO contests;
CREATE INDEX contests_election ON contests (election_id, position);

CREATE TABLE candidates_new (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests (id),
    member_id INTEGER REFERENCES members (id),
    name TEXT NOT NULL,
    statement TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('nominated', 'accepted', 'withdrawn')),
    created_at TIMESTAMP NOT NULL,
    nominated_by INTEGER REFERENCES members (id),
    UNIQUE (contest_id, member_id)
);
INSERT INTO candidates_new (id, contest_id, member_id, name, statement, tags, status, created_at, nominated_by)
    SELECT id, contest_id, member_id, name, statement, tags, status, created_at, nominated_by FROM candidates;
DROP TABLE candidates;
ALTER TABLE candidates_new RENAME TO candidates;
COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DELETE FROM ballot_rankings WHERE contest_id IN (SELECT id FROM contests WHERE method = 'question');
DELETE FROM candidates WHERE contest_id IN (SELECT id FROM contests WHERE method = 'question');
DELETE FROM contests WHERE method = 'question';
CREATE TABLE candidates_old (
    id INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    name TEXT NOT NULL,
    statement TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('nominated', 'accepted', 'withdrawn')),
    created_at TIMESTAMP NOT NULL,
    nominated_by INTEGER REFERENCES members (id),
    UNIQUE (contest_id, member_id)
);
INSERT INTO candidates_old (id, contest_id, member_id, name, statement, tags, status, created_at, nominated_by)
    SELECT id, contest_id, member_id, name, statement, tags, status, created_at, nominated_by FROM candidates;
DROP TABLE candidates;
ALTER TABLE candidates_old RENAME TO candidates;
CREATE TABLE contests_old (
    id INTEGER PRIMARY KEY,
    election_id INTEGER NOT NULL REFERENCES elections (id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    seats INTEGER NOT NULL CHECK (seats > 0),
    method TEXT NOT NULL CHECK (method IN ('irv', 'scottish', 'meek')),
    constraints TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO contests_old (id, election_id, position, title, seats, method, constraints)
    SELECT id, election_id, position, title, seats, method, constraints FROM contests;
DROP TABLE contests;
ALTER TABLE contests_old RENAME TO contests;
CREATE INDEX contests_election ON contests (election_id, position);
COMMIT;
PRAGMA foreign_keys = ON;
