-- +goose Up
-- Endorsements (see endorsement.go): a cycle run by a body for an
-- election, its races, its questionnaire's questions by version, the
-- candidates with their secret link (its hash: a new link ends the old),
-- their answers and documents, the body's vetting notes, interviews
-- (events of the body) and recommendations, and after the chapter's
-- decision national's answer and the accountability reviews.
--
-- endorsement_race_signatures holds one row per member and race: the
-- petition each member signed in a race, so that a second signature in
-- the same race is refused by the key, whichever transaction comes first.
CREATE TABLE endorsement_cycles (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    deciding_body_id INTEGER NOT NULL REFERENCES bodies (id),
    name TEXT NOT NULL,
    election_date DATE NOT NULL,
    questionnaire_due TIMESTAMP NOT NULL,
    publish_at TIMESTAMP NOT NULL,
    decide_by DATE,
    threshold TEXT NOT NULL,
    questionnaire_version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX endorsement_cycles_body ON endorsement_cycles (body_id);

CREATE TABLE endorsement_races (
    id INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES endorsement_cycles (id),
    position INTEGER NOT NULL,
    office TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    seats INTEGER NOT NULL,
    geometry TEXT
);
CREATE INDEX endorsement_races_cycle ON endorsement_races (cycle_id, position);

CREATE TABLE endorsement_questions (
    id INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES endorsement_cycles (id),
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_es TEXT NOT NULL DEFAULT '',
    UNIQUE (cycle_id, version, position)
);

CREATE TABLE endorsement_candidates (
    id INTEGER PRIMARY KEY,
    race_id INTEGER NOT NULL REFERENCES endorsement_races (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    party TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    member_id INTEGER REFERENCES members (id),
    questionnaire_version INTEGER NOT NULL DEFAULT 0,
    link_hash TEXT UNIQUE,
    link_sent_at TIMESTAMP,
    saved_at TIMESTAMP,
    submitted_at TIMESTAMP,
    withdrawn_at TIMESTAMP,
    proposal_id INTEGER UNIQUE REFERENCES proposals (id),
    decision TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'endorsed', 'declined')),
    campaign_id INTEGER REFERENCES campaigns (id),
    national_status TEXT NOT NULL DEFAULT '' CHECK (national_status IN ('', 'requested', 'endorsed', 'declined')),
    national_plan TEXT NOT NULL DEFAULT '',
    national_requested_at TIMESTAMP,
    national_answered_at TIMESTAMP,
    national_note TEXT NOT NULL DEFAULT '',
    outcome_won BOOLEAN,
    outcome_percent REAL,
    outcome_note TEXT NOT NULL DEFAULT '',
    outcome_recorded_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX endorsement_candidates_race ON endorsement_candidates (race_id);

CREATE TABLE endorsement_answers (
    candidate_id INTEGER NOT NULL REFERENCES endorsement_candidates (id),
    question_id INTEGER NOT NULL REFERENCES endorsement_questions (id),
    answer TEXT NOT NULL,
    PRIMARY KEY (candidate_id, question_id)
);

CREATE TABLE endorsement_documents (
    id INTEGER PRIMARY KEY,
    candidate_id INTEGER NOT NULL REFERENCES endorsement_candidates (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX endorsement_documents_candidate ON endorsement_documents (candidate_id);

CREATE TABLE endorsement_notes (
    id INTEGER PRIMARY KEY,
    candidate_id INTEGER NOT NULL REFERENCES endorsement_candidates (id),
    author_id INTEGER NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL CHECK (kind IN ('interview', 'research', 'note')),
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX endorsement_notes_candidate ON endorsement_notes (candidate_id);

CREATE TABLE endorsement_interviews (
    candidate_id INTEGER NOT NULL REFERENCES endorsement_candidates (id),
    event_id INTEGER NOT NULL REFERENCES events (id),
    PRIMARY KEY (candidate_id, event_id)
);

CREATE TABLE endorsement_recommendations (
    candidate_id INTEGER PRIMARY KEY REFERENCES endorsement_candidates (id),
    position TEXT NOT NULL CHECK (position IN ('endorse', 'do_not_endorse', 'no_recommendation')),
    text TEXT NOT NULL,
    votes_for INTEGER NOT NULL,
    votes_against INTEGER NOT NULL,
    votes_abstain INTEGER NOT NULL,
    decided_on DATE NOT NULL,
    by_name TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE endorsement_race_signatures (
    race_id INTEGER NOT NULL REFERENCES endorsement_races (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    PRIMARY KEY (race_id, member_id)
);

CREATE TABLE endorsement_reviews (
    id INTEGER PRIMARY KEY,
    candidate_id INTEGER NOT NULL REFERENCES endorsement_candidates (id),
    text TEXT NOT NULL,
    by_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX endorsement_reviews_candidate ON endorsement_reviews (candidate_id);
