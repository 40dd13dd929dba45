-- Import batches: each committed import, the records it created or updated (with the
-- previous version of each updated record, as JSON, so that undo restores it exactly), and
-- the column mappings users confirmed, by the file's headers.

CREATE TABLE import_batches (
    id         TEXT PRIMARY KEY,
    file       TEXT NOT NULL,
    sheet      TEXT NOT NULL DEFAULT '',
    hash       TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    by_whom    TEXT NOT NULL DEFAULT '',
    backup     TEXT NOT NULL DEFAULT '',
    rows_read  INTEGER NOT NULL DEFAULT 0,
    created    INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    report     TEXT NOT NULL DEFAULT '{}',
    undone_at  TEXT,
    undone_by  TEXT NOT NULL DEFAULT '',
    undo       TEXT NOT NULL DEFAULT ''
);

-- action: 'created' or 'updated'; stamp: the updated_at the import wrote, to tell whether the
-- record was edited since; previous: the record before the import (updated records only).
CREATE TABLE import_batch_records (
    batch_id  TEXT NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    stamp     TEXT NOT NULL DEFAULT '',
    previous  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (batch_id, entity, entity_id)
);

CREATE TABLE import_mappings (
    header_key TEXT PRIMARY KEY,
    fields     TEXT NOT NULL,
    saved_at   TEXT NOT NULL
);

-- Undo deletes the records a batch created for good; SQLite then looks up the rows that
-- point at each one through its foreign keys. These child columns had no index, which made
-- undoing a large batch quadratic.
CREATE INDEX IF NOT EXISTS projects_introducer ON projects (introducer_id);
CREATE INDEX IF NOT EXISTS arrivals_project ON arrivals (project_id);
CREATE INDEX IF NOT EXISTS fund_investments_enterprise ON fund_investments (enterprise_id);
CREATE INDEX IF NOT EXISTS fund_investments_project ON fund_investments (project_id);
CREATE INDEX IF NOT EXISTS funds_manager ON funds (manager_id);
