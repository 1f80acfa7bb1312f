-- +goose Up
-- A campaign's script and survey (see campaign_script.go): the script in
-- Markdown, in English and optionally Spanish; the survey's questions, the
-- issues canvassers tick, as JSON arrays; the volunteer ask. One row per
-- campaign, written whole each time.
CREATE TABLE campaign_scripts (
    campaign_id BIGINT PRIMARY KEY REFERENCES campaigns (id),
    script TEXT NOT NULL DEFAULT '',
    script_es TEXT NOT NULL DEFAULT '',
    questions TEXT NOT NULL DEFAULT '[]',
    issues TEXT NOT NULL DEFAULT '[]',
    volunteer_ask TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);

