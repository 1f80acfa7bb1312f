-- +goose Up
-- Knocks and calls (see attempt.go): each once, by the id the canvasser's
-- phone made for it (client_id), so that one sent twice is stored once.
-- made_at is the phone's clock, recorded_at the server's; made_on is made_at's
-- day where the chapter is, which results are counted by.
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL UNIQUE,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    target_id INTEGER REFERENCES targets (id),
    turf_id INTEGER REFERENCES turfs (id),
    by_member_id INTEGER NOT NULL REFERENCES members (id),
    channel TEXT NOT NULL CHECK (channel IN ('door', 'phone')),
    result TEXT NOT NULL CHECK (result IN ('contact', 'not_home', 'refused', 'moved', 'inaccessible',
        'do_not_contact', 'wrong_number', 'call_back')),
    support INTEGER NOT NULL DEFAULT 0 CHECK (support BETWEEN 0 AND 5),
    issues TEXT NOT NULL DEFAULT '[]',
    volunteer BOOLEAN NOT NULL DEFAULT FALSE,
    keep_in_touch BOOLEAN NOT NULL DEFAULT FALSE,
    answers TEXT NOT NULL DEFAULT '{}',
    notes TEXT NOT NULL DEFAULT '',
    made_at TIMESTAMP NOT NULL,
    made_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX attempts_household ON attempts (household_id, made_at);
CREATE INDEX attempts_campaign ON attempts (campaign_id, made_at);
