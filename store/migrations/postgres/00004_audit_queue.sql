-- +goose Up
-- Only SQLite audits page views through a queue file (see
-- store/auditqueue.go); PostgreSQL commits them straight into audit_log.
-- The table is kept in both dialects so that their schemas stay alike.
CREATE TABLE audit_queues (
    queue_id TEXT PRIMARY KEY,
    moved_through BIGINT NOT NULL DEFAULT 0
);

