-- +goose Up
-- Page views are audited through a queue in a file of its own (see
-- store/auditqueue.go): each queue file that has fed this database, and the
-- last of its entries already chained into audit_log. Moving entries and
-- moving the mark happen in one transaction, so no entry is chained twice.
CREATE TABLE audit_queues (
    queue_id TEXT PRIMARY KEY,
    moved_through INTEGER NOT NULL DEFAULT 0
);

