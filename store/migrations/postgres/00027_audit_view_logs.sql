-- +goose Up
-- Only SQLite keeps views in a log of their own (see store/audit_view.go);
-- PostgreSQL chains them into audit_log. The table is kept in both
-- dialects so that their schemas stay alike.
CREATE TABLE audit_view_logs (
    log_id TEXT PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL
);
