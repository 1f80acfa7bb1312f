-- +goose Up
-- The organization: bodies in a tree, their seats, and who holds them.
CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES bodies (id),
    kind TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_url TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX bodies_parent ON bodies (parent_id);

CREATE TABLE seats (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    title TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 1),
    filled_by TEXT NOT NULL CHECK (filled_by IN ('election', 'appointment')),
    electorate_body_id INTEGER REFERENCES bodies (id),
    appointing_seat_id INTEGER REFERENCES seats (id),
    term_months INTEGER NOT NULL DEFAULT 0,
    UNIQUE (body_id, title)
);

-- Each import of a national list, with what it did.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL DEFAULT '',
    list_date DATE NOT NULL,
    rows_read INTEGER NOT NULL DEFAULT 0,
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    lapsed INTEGER NOT NULL DEFAULT 0,
    unknown_columns TEXT NOT NULL DEFAULT '[]',
    warnings TEXT NOT NULL DEFAULT '[]',
    finished_at TIMESTAMP NOT NULL
);

CREATE TABLE import_rejections (
    import_id INTEGER NOT NULL REFERENCES imports (id),
    line INTEGER NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (import_id, line)
);

-- The roster, fields named as national lists name them: the fields rankfile
-- matches, searches or places members by. The rest of what the list says
-- of a member is in member_details.
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    national_id TEXT,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    mailing_zip TEXT NOT NULL DEFAULT '',
    billing_zip TEXT NOT NULL DEFAULT '',
    join_date DATE,
    xdate DATE,
    do_not_call BOOLEAN NOT NULL DEFAULT FALSE,
    p2ptext_optout BOOLEAN NOT NULL DEFAULT FALSE,
    list_standing TEXT NOT NULL CHECK (list_standing IN ('good', 'member', 'lapsed')),
    on_list BOOLEAN NOT NULL DEFAULT TRUE,
    import_hash TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    located_branch_id INTEGER REFERENCES bodies (id),
    chosen_branch_id INTEGER REFERENCES bodies (id),
    -- The import that first brought the member: the first entry of their history.
    created_import_id INTEGER REFERENCES imports (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX members_national_id ON members (national_id);
CREATE INDEX members_name ON members (lower(last_name), lower(first_name), id);
CREATE INDEX members_email ON members (email);

-- The rest of what the national list says of each member (phones, street
-- addresses, dues statuses, union and student fields ...), kept whole as a
-- JSON object of text: read with the member, never searched, and apart so
-- that the members table stays narrow and quick to scan.
CREATE TABLE member_details (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    details TEXT NOT NULL
);

-- Sensitive fields live apart, shown only to data stewards.
CREATE TABLE member_sensitive (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    race TEXT NOT NULL DEFAULT '',
    accommodations TEXT NOT NULL DEFAULT ''
);

-- Every change to a member: what, when, by which import or whom.
CREATE TABLE member_history (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL,
    import_id INTEGER REFERENCES imports (id),
    actor TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    changes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX member_history_member ON member_history (member_id, id);

-- The chapter's own standing decisions; at most one stands per member.
CREATE TABLE standing_overrides (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    standing TEXT NOT NULL CHECK (standing IN ('good', 'member', 'lapsed')),
    reason TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    until DATE,
    revoked_at TIMESTAMP,
    revoked_by TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX standing_overrides_standing ON standing_overrides (member_id) WHERE revoked_at IS NULL;

-- Branch boundaries as GeoJSON, in the order they were loaded.
CREATE TABLE jurisdictions (
    body_id INTEGER PRIMARY KEY REFERENCES bodies (id),
    position INTEGER NOT NULL,
    geometry TEXT NOT NULL,
    loaded_at TIMESTAMP NOT NULL
);

CREATE TABLE positions (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    seat_id INTEGER REFERENCES seats (id),
    start_on DATE NOT NULL,
    end_on DATE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX positions_member ON positions (member_id);
CREATE INDEX positions_body ON positions (body_id);

-- Named locks that serialize imports and boundary loads across processes.
CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    taken_at TIMESTAMP
);
INSERT INTO locks (name) VALUES ('roster');

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
