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

-- +goose Down
DROP TABLE rate_limits;
