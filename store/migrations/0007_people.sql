-- People: a contact tier (A/B/C, whose contact cadence the settings give), the city a person
-- lives in, relationships between people, and the 工作台's snoozed or dismissed reminders.

ALTER TABLE people ADD COLUMN tier TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN residence_city TEXT NOT NULL DEFAULT '';
CREATE INDEX people_residence_city ON people (residence_city);
-- The person page suggests 同乡, 校友 and 战友 from the same county, school or service place.
CREATE INDEX people_native_county ON people (native_county);
CREATE INDEX people_alma_mater ON people (alma_mater);
CREATE INDEX people_service_place ON people (service_place);

-- A relationship between two people. 引荐人 is directed: from_id introduced to_id. The other
-- kinds are symmetric and stored once, with from_id < to_id.
CREATE TABLE relationships (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('同乡', '校友', '战友', '亲属', '引荐人')),
    from_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    to_id      TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    deleted_by TEXT NOT NULL DEFAULT '',
    CHECK (from_id <> to_id)
);
CREATE UNIQUE INDEX relationships_key ON relationships (kind, from_id, to_id) WHERE deleted_at IS NULL;
CREATE INDEX relationships_to ON relationships (to_id);
CREATE INDEX relationships_from ON relationships (from_id);

-- A reminder of the 工作台 put off (稍后提醒) or dismissed until a day: it is hidden while
-- until is after today. key names the reminder: task:<id>, project:<id>, contact:<id>,
-- date:<person id>:<label>. Preferences of this laptop, not ledger records.
CREATE TABLE reminder_snoozes (
    key        TEXT PRIMARY KEY,
    until      TEXT NOT NULL,
    action     TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
