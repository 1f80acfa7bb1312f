-- +goose Up
-- Rate limits shared by the servers of one PostgreSQL database (see
-- ratelimit.go). SQLite is served by one server, which keeps its limits
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
