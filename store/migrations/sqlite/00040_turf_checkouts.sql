-- +goose Up
-- Who held each turf when (see turf.go, TurfCheckout): a row for each
-- checkout, written with it, and marked returned_at when the turf comes
-- back before its time (or is closed while out). A checkout never
-- returned ended at its until.
CREATE TABLE turf_checkouts (
    id INTEGER PRIMARY KEY,
    turf_id INTEGER NOT NULL REFERENCES turfs (id),
    canvasser_id INTEGER NOT NULL REFERENCES members (id),
    partner_id INTEGER REFERENCES members (id),
    out_at TIMESTAMP NOT NULL,
    until TIMESTAMP NOT NULL,
    returned_at TIMESTAMP
);
CREATE INDEX turf_checkouts_turf ON turf_checkouts (turf_id);

