-- +goose Up
-- On SQLite, the frequent views are chained into a log of their own, in a
-- file beside the database (see store/audit_view.go). Each such file the
-- database has had, by the random id the file keeps: a file it does not
-- know is another database's, and one it knows that is gone was lost.
CREATE TABLE audit_view_logs (
    log_id TEXT PRIMARY KEY,
    started_at TIMESTAMP NOT NULL
);
