-- +goose Up
-- What servers sharing one database need (one server serves SQLite; see
-- the PostgreSQL migration of the same number, which also gives a
-- course's requirements the primary key SQLite's rowid already is).
-- Rate limits shared by the servers of one PostgreSQL database (see
-- rate_limit.go). SQLite is served by one server, which keeps its limits
-- in memory; the table is here so that both databases have one schema.
CREATE TABLE rate_limits (
    name TEXT NOT NULL,
    client TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (name, client, window_start)
);

-- An election's emails to its roll, and a proposal's to its authors or
-- signers, go through the outbox, one notice a member, so that a server
-- dying in the middle of a mailing leaves the rest to the next sender
-- rather than unsent.
ALTER TABLE outbox ADD COLUMN election_id INTEGER REFERENCES elections (id);
ALTER TABLE outbox ADD COLUMN proposal_id INTEGER REFERENCES proposals (id);

-- +goose Down
ALTER TABLE outbox DROP COLUMN proposal_id;
ALTER TABLE outbox DROP COLUMN election_id;
DROP TABLE rate_limits;
