-- +goose Up
-- Onboarding: the steps each new member (and each member back from
-- lapsed) is owed when an import brings them: a welcome email, an
-- invitation to the next orientation, and an organizer for a first
-- one-on-one. The import that starts the path records its steps; the
-- server's clock does each and marks it done in the same transaction as
-- what it queues, so a step is done once however often the clock runs.
-- A path is the member's steps of one import (import_id): returning from
-- lapsed later starts a new one.
CREATE TABLE onboarding_steps (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    import_id INTEGER NOT NULL REFERENCES imports (id),
    step TEXT NOT NULL CHECK (step IN ('welcome', 'orientation', 'organizer')),
    reason TEXT NOT NULL CHECK (reason IN ('new', 'returning')),
    owed_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    -- What doing it came to: queued, an event invited to, an organizer
    -- (captain or by load) or the branch's queue.
    outcome TEXT NOT NULL DEFAULT '',
    event_id INTEGER REFERENCES events (id),
    assignment_id INTEGER REFERENCES oneonone_assignments (id),
    -- The neighborhood group whose captain took the member, for turnover.
    group_id INTEGER REFERENCES bodies (id)
);
CREATE UNIQUE INDEX onboarding_steps_once ON onboarding_steps (member_id, step, import_id);
CREATE INDEX onboarding_steps_owed ON onboarding_steps (step, id) WHERE done_at IS NULL;
CREATE INDEX onboarding_steps_captain ON onboarding_steps (assignment_id) WHERE outcome = 'captain';

