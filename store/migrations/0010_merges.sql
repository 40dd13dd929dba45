-- Merges of duplicate enterprises or people: each merge, and the before-image of every row it
-- changed, so that undo puts every table back exactly as it was.

CREATE TABLE merges (
    id        TEXT PRIMARY KEY,
    entity    TEXT NOT NULL CHECK (entity IN ('enterprise', 'person')),
    keep_id   TEXT NOT NULL,
    drop_id   TEXT NOT NULL,
    keep_name TEXT NOT NULL DEFAULT '',
    drop_name TEXT NOT NULL DEFAULT '',
    reason    TEXT NOT NULL DEFAULT '',
    moved     TEXT NOT NULL DEFAULT '{}', -- JSON: rows moved per link, as the history shows them
    backup    TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    by_whom   TEXT NOT NULL DEFAULT '',
    undone_at TEXT,
    undone_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX merges_at ON merges (at);

-- One row a merge changed, in the order it changed them. tbl is the table; rid the row's
-- rowid while the merge ran; pk its primary key as JSON after the merge (before it, for a row
-- the merge deleted); before and after the whole row as JSON objects with its rowid (NULL:
-- the row did not exist then). Undo walks them backwards and refuses when a row no longer
-- matches its after-image.
CREATE TABLE merge_rows (
    seq      INTEGER PRIMARY KEY,
    merge_id TEXT NOT NULL REFERENCES merges (id) ON DELETE CASCADE,
    tbl      TEXT NOT NULL,
    rid      INTEGER NOT NULL,
    pk       TEXT NOT NULL DEFAULT '',
    before   TEXT,
    after    TEXT
);
CREATE INDEX merge_rows_merge ON merge_rows (merge_id, seq);
