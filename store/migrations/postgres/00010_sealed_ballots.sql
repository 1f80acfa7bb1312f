-- +goose Up
-- While voting is open a ballot's rankings and receipt hash are kept
-- sealed (encrypted with the key kept outside the database) in the box's
-- own row: the roll mark and the ballot are written together, and the
-- database's own bookkeeping (its write-ahead log, the order and
-- transaction ids of rows, a dump or backup made meanwhile) can tie the
-- two. What it ties a voter to is then ciphertext. The count opens the
-- seals into ballot_rankings and receipt_hash and clears this column
-- (store/ballotseal.go).
ALTER TABLE ballots ADD COLUMN sealed TEXT;
