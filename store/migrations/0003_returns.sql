-- Returns (报表): templates the user saved with their mapping, and the archive of every
-- generated return with the records and values it wrote.

CREATE TABLE return_templates (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    file       BLOB NOT NULL,
    file_hash  TEXT NOT NULL,
    mapping    TEXT NOT NULL,          -- JSON of app/returns.Mapping
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    deleted_by TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX return_templates_name ON return_templates (name) WHERE deleted_at IS NULL;

CREATE TABLE returns (
    id            TEXT PRIMARY KEY,
    template_key  TEXT NOT NULL,       -- 'builtin:<name>' or a return_templates id
    template_name TEXT NOT NULL,
    period        TEXT NOT NULL,       -- yyyy-mm
    file_name     TEXT NOT NULL,
    file          BLOB NOT NULL,
    file_hash     TEXT NOT NULL,
    columns       TEXT NOT NULL DEFAULT '[]', -- JSON list of app.ArchivedColumn
    row_count     INTEGER NOT NULL DEFAULT 0,
    new_count     INTEGER NOT NULL DEFAULT 0,
    changed_count INTEGER NOT NULL DEFAULT 0,
    removed_count INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL DEFAULT '',
    deleted_at    TEXT,
    deleted_by    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX returns_template ON returns (template_key, created_at);

CREATE TABLE return_rows (
    return_id TEXT NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,        -- order written
    sheet     TEXT NOT NULL,
    row_num   INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    label     TEXT NOT NULL DEFAULT '',
    change    TEXT NOT NULL DEFAULT '',
    cells     TEXT NOT NULL DEFAULT '[]', -- JSON list of the values written
    PRIMARY KEY (return_id, seq)
);
CREATE INDEX return_rows_record ON return_rows (record_id);
