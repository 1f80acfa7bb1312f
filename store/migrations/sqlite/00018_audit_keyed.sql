-- +goose Up
-- Once the audit log holds a keyed entry (HMAC-SHA256 under the audit key,
-- see store/audithash.go), every later entry must be keyed too. The check
-- needs only the entry's own row: a keyed entry is the one before it when
-- its prev_hash is keyed. A rankfile without the audit key (an older
-- version, or one started without the key file) is refused here rather
-- than break the chain. Someone with full access to the database can drop
-- this trigger; verify still finds the plain entry.
-- +goose StatementBegin
CREATE TRIGGER audit_log_stays_keyed BEFORE INSERT ON audit_log
WHEN NEW.prev_hash LIKE 'hmac-sha256:%' AND NEW.hash NOT LIKE 'hmac-sha256:%'
BEGIN
    SELECT RAISE(ABORT, 'the audit log is keyed: an entry without the audit key cannot follow a keyed one');
END;
-- +goose StatementEnd
