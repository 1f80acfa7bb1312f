-- +goose Up
-- Phonebanks (see phonebank.go): a call list made from a campaign's
-- targets or from the roster, and the members who call it. Each line of
-- the list (calls) is held by one caller at a time (claimed_by until
-- claimed_until), may not be called again before next_at (a call-back
-- asked for, or an unanswered call's retry), and is done once someone was
-- reached or it ran out of tries.
--
-- A call is an attempt like a knock, from a line of a list: attempts gain
-- call_id and member_id (the member called), and a call has no door when
-- its person has none, nor a campaign when it calls members. SQLite cannot
-- drop a NOT NULL, so attempts is made again and its rows copied over, ids
-- and all; no table refers to it.
CREATE TABLE phonebanks (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    campaign_id INTEGER REFERENCES campaigns (id),
    event_id INTEGER REFERENCES events (id),
    name TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('targets', 'roster')),
    filter TEXT NOT NULL DEFAULT '{}',
    script TEXT NOT NULL DEFAULT '',
    batch_size INTEGER NOT NULL,
    retry_hours INTEGER NOT NULL,
    max_tries INTEGER NOT NULL,
    cooldown_days INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE INDEX phonebanks_event ON phonebanks (event_id);

CREATE TABLE phonebank_callers (
    phonebank_id INTEGER NOT NULL REFERENCES phonebanks (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (phonebank_id, member_id)
);

CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    phonebank_id INTEGER NOT NULL REFERENCES phonebanks (id),
    target_id INTEGER REFERENCES targets (id),
    member_id INTEGER REFERENCES members (id),
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    claimed_by INTEGER REFERENCES members (id),
    claimed_until TIMESTAMP,
    next_at TIMESTAMP,
    tries INTEGER NOT NULL DEFAULT 0,
    done BOOLEAN NOT NULL DEFAULT FALSE,
    last_result TEXT NOT NULL DEFAULT '',
    CHECK ((target_id IS NULL) <> (member_id IS NULL)),
    UNIQUE (phonebank_id, target_id),
    UNIQUE (phonebank_id, member_id)
);
CREATE INDEX calls_open ON calls (phonebank_id, done, id);
CREATE INDEX calls_claimed ON calls (claimed_by, claimed_until);

-- A canvass event's campaign: who checks in at it is handed a free turf
-- of the campaign (a phonebank names its event itself, event_id above).
CREATE TABLE canvass_shifts (
    event_id INTEGER PRIMARY KEY REFERENCES events (id),
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id)
);

CREATE TABLE attempts_new (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL UNIQUE,
    campaign_id INTEGER REFERENCES campaigns (id),
    household_id INTEGER REFERENCES households (id),
    target_id INTEGER REFERENCES targets (id),
    turf_id INTEGER REFERENCES turfs (id),
    call_id INTEGER REFERENCES calls (id),
    member_id INTEGER REFERENCES members (id),
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
    call_back_at TIMESTAMP,
    made_at TIMESTAMP NOT NULL,
    made_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
INSERT INTO attempts_new (id, client_id, campaign_id, household_id, target_id, turf_id, by_member_id, channel, result,
    support, issues, volunteer, keep_in_touch, answers, notes, made_at, made_on, recorded_at)
    SELECT id, client_id, campaign_id, household_id, target_id, turf_id, by_member_id, channel, result, support, issues,
    volunteer, keep_in_touch, answers, notes, made_at, made_on, recorded_at FROM attempts;
DROP TABLE attempts;
ALTER TABLE attempts_new RENAME TO attempts;
CREATE INDEX attempts_household ON attempts (household_id, made_at);
CREATE INDEX attempts_campaign ON attempts (campaign_id, made_at);
CREATE INDEX attempts_call ON attempts (call_id);
CREATE INDEX attempts_called_member ON attempts (member_id, made_at);
CREATE INDEX attempts_called_target ON attempts (target_id, made_at);
CREATE INDEX attempts_by_member ON attempts (by_member_id, made_on);
