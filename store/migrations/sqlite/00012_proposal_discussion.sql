-- +goose Up
-- What members say and propose about a proposal, the version each
-- signature was given to, and the emails its steps owe.
ALTER TABLE proposal_signatures ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- An amendment is the whole text as a member would have it, written
-- against a version; the authors accept it as friendly (it becomes the
-- next version) or decline it.
CREATE TABLE proposal_amendments (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    base_version INTEGER NOT NULL,
    text TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
    created_at TIMESTAMP NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TIMESTAMP
);
CREATE INDEX proposal_amendments_proposal ON proposal_amendments (proposal_id, id);

-- Comments stay when a body's leaders hide one under the code of
-- conduct: the reason and who hid it are kept with it.
CREATE TABLE proposal_comments (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    hidden_at TIMESTAMP,
    hidden_by TEXT NOT NULL DEFAULT '',
    hidden_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposal_comments_proposal ON proposal_comments (proposal_id, id);

-- An email a step of a proposal owes (to its authors when it qualifies,
-- to its signers when it is scheduled or decided), written in the step's
-- transaction and marked sent once claimed by the sender.
CREATE TABLE proposal_mailings (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    kind TEXT NOT NULL CHECK (kind IN ('qualified', 'scheduled', 'decided')),
    due_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX proposal_mailings_due ON proposal_mailings (sent_at, id);

