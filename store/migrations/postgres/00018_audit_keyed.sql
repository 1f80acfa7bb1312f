-- +goose Up
-- Once the audit log holds a keyed entry (HMAC-SHA256 under the audit key,
-- see store/audithash.go), every later entry must be keyed too. The check
-- needs only the entry's own row: a keyed entry is the one before it when
-- its prev_hash is keyed. A rankfile without the audit key (an older
-- version, or one started without the key file) is refused here rather
-- than break the chain. Someone with full access to the database can drop
-- this constraint; verify still finds the plain entry.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_stays_keyed
    CHECK (prev_hash NOT LIKE 'hmac-sha256:%' OR hash LIKE 'hmac-sha256:%');
