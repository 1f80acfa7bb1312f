-- +goose Up
-- Seats' terms end on their date. A position in a seat with a fixed term
-- gets its last day when it begins (start + the seat's term, less a day),
-- so that every reader, the actor's leadership among them, sees the seat
-- vacant from the day after without a job to flip anything. Positions
-- already held in such seats without an end get the end of their term.
UPDATE positions SET end_on = date(start_on,
        '+' || (SELECT term_months FROM seats WHERE seats.id = positions.seat_id) || ' months', '-1 day')
    WHERE end_on IS NULL
    AND seat_id IN (SELECT id FROM seats WHERE term_months > 0);

-- When the notice that a term ends soon was queued to the body's leaders:
-- once a position, so that the server's clock queues it once.
ALTER TABLE positions ADD COLUMN term_notice_at TIMESTAMP;

-- The position a notice about a term's end is about.
ALTER TABLE outbox ADD COLUMN position_id INTEGER REFERENCES positions (id);
