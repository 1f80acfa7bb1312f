-- +goose Up
-- The daily benchmarks (benchmark.go): benchmark_days holds one row a day
-- taken, inserted first in the transaction that writes the day's figures,
-- so that a day is taken exactly once however many take it at the same
-- time; benchmarks holds each scope's figures of the day (scope 0 is the
-- chapter, else a branch's or a neighborhood group's body id), stages as a
-- JSON object of counts by stage key, since the ladder may change.
CREATE TABLE benchmark_days (
    day DATE PRIMARY KEY,
    taken_at TIMESTAMP NOT NULL
);

CREATE TABLE benchmarks (
    scope INTEGER NOT NULL,
    day DATE NOT NULL REFERENCES benchmark_days (day),
    members INTEGER NOT NULL,
    stages TEXT NOT NULL,
    new_members INTEGER NOT NULL,
    new_reached INTEGER NOT NULL,
    new_oriented INTEGER NOT NULL,
    at_meeting INTEGER NOT NULL,
    one_on_one_year INTEGER NOT NULL,
    moved_up INTEGER NOT NULL,
    moved_down INTEGER NOT NULL,
    PRIMARY KEY (scope, day)
) WITHOUT ROWID; -- a scope's days side by side: a dashboard reads one range
