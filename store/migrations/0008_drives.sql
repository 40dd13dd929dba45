-- The work between the spreadsheets: 三请三回 events with their guests and signed projects,
-- outreach campaigns, and trips (出差/驻点). Tasks can now concern a person instead of a
-- project (a campaign's follow-up, a visit's next step), and activities can belong to a trip.

CREATE TABLE events (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    level      TEXT NOT NULL DEFAULT '',
    organiser  TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    deleted_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_on ON events (on_date);

-- Invited people; attended marks those who came (attending implies invited).
CREATE TABLE event_people (
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    attended  INTEGER NOT NULL DEFAULT 0,
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, person_id)
);
CREATE INDEX event_people_person ON event_people (person_id);

-- Projects signed at an event with the amount signed there (元).
CREATE TABLE event_projects (
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    amount     INTEGER NOT NULL DEFAULT 0,
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, project_id)
);
CREATE INDEX event_projects_project ON event_projects (project_id);

CREATE TABLE campaigns (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    occasion   TEXT NOT NULL DEFAULT '',
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    filter     TEXT NOT NULL DEFAULT '{}', -- JSON of app.CampaignFilter
    task_title TEXT NOT NULL DEFAULT '',
    assignee   TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    deleted_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE trips (
    id          TEXT PRIMARY KEY,
    destination TEXT NOT NULL,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    members     TEXT NOT NULL DEFAULT '[]', -- JSON list of names
    purpose     TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT,
    deleted_by  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX trips_starts ON trips (starts_on);

ALTER TABLE activities ADD COLUMN trip_id TEXT REFERENCES trips (id) ON DELETE SET NULL;
CREATE INDEX activities_trip ON activities (trip_id);

-- tasks.project_id becomes optional: SQLite changes a column's constraint only by rebuilding
-- the table. Nothing references tasks, so the copy keeps every row and id.
CREATE TABLE tasks_new (
    id          TEXT PRIMARY KEY,
    project_id  TEXT REFERENCES projects (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    assignee    TEXT NOT NULL DEFAULT '',
    due_on      TEXT,
    done        INTEGER NOT NULL DEFAULT 0,
    done_on     TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    person_id   TEXT REFERENCES people (id) ON DELETE CASCADE,
    campaign_id TEXT REFERENCES campaigns (id) ON DELETE SET NULL,
    activity_id TEXT REFERENCES activities (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT,
    deleted_by  TEXT NOT NULL DEFAULT '',
    CHECK (project_id IS NOT NULL OR person_id IS NOT NULL)
);
INSERT INTO tasks_new (id, project_id, title, assignee, due_on, done, done_on, notes,
                       created_at, updated_at, updated_by, deleted_at, deleted_by)
    SELECT id, project_id, title, assignee, due_on, done, done_on, notes,
           created_at, updated_at, updated_by, deleted_at, deleted_by FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_new RENAME TO tasks;
CREATE INDEX tasks_project ON tasks (project_id);
CREATE INDEX tasks_due ON tasks (done, due_on);
CREATE INDEX tasks_assignee ON tasks (assignee);
CREATE INDEX tasks_person ON tasks (person_id);
CREATE INDEX tasks_campaign ON tasks (campaign_id);
CREATE INDEX tasks_activity ON tasks (activity_id);
