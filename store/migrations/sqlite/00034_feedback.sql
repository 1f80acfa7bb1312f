-- +goose Up
-- Feedback after events (feedback.go). Who answered and what was answered
-- are kept in two tables with nothing in common but the event: no id, no
-- time, and an order of rows that says nothing of when each came (every
-- answer rewrites the event's rows, answers under new random ids in a
-- random order and answerers by member id; see store/feedback.go).

-- feedback_settings holds the hosts' choice where they made one: whether
-- an event asks for feedback (else only trainings do).
CREATE TABLE feedback_settings (
    event_id INTEGER PRIMARY KEY REFERENCES events (id),
    asked BOOLEAN NOT NULL
);

-- feedback_requests holds one row for each event whose attendees were
-- emailed the form, inserted in the transaction that queues the emails,
-- so that they are queued once however many clocks run.
CREATE TABLE feedback_requests (
    event_id INTEGER PRIMARY KEY REFERENCES events (id),
    queued_at TIMESTAMP NOT NULL
);

-- Only the SHA-256 of a link's secret is kept, as for sign-in and
-- unsubscribe links: a copy of the database answers for nobody.
CREATE TABLE feedback_links (
    token_hash TEXT PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE feedback_answerers (
    event_id INTEGER NOT NULL REFERENCES events (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (event_id, member_id)
) WITHOUT ROWID;

-- scores are the answers to the form's questions in its order ("4,5,3");
-- signed_by is the name an answer was signed with, '' when it was not.
CREATE TABLE feedback_answers (
    event_id INTEGER NOT NULL REFERENCES events (id),
    id TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    scores TEXT NOT NULL,
    comment TEXT NOT NULL,
    signed_by TEXT NOT NULL,
    PRIMARY KEY (event_id, id)
) WITHOUT ROWID;

