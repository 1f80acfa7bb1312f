-- +goose Up
-- Rate limits shared by the servers of one database (see ratelimit.go):
-- requests counted by limit, client and window of time. Unlogged: the
-- counts are worth nothing after a crash, and writing them to the
-- write-ahead log would cost every limited request a flush's share.
CREATE UNLOGGED TABLE rate_limits (
    name TEXT NOT NULL,
    client TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (name, client, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);

-- +goose Down
DROP TABLE rate_limits;
