-- Saved views of the list screens: a named filter and sort per screen. They are preferences,
-- not ledger records: a view is replaced by saving under its name and deleted outright.
CREATE TABLE saved_views (
    id          TEXT PRIMARY KEY,
    screen      TEXT NOT NULL,
    name        TEXT NOT NULL,
    filters     TEXT NOT NULL DEFAULT '{}',
    sort_column TEXT NOT NULL DEFAULT '',
    sort_desc   INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    UNIQUE (screen, name)
);

-- The task list filters by assignee; the project list by chain.
CREATE INDEX tasks_assignee ON tasks (assignee);
CREATE INDEX projects_chain ON projects (chain_id);
