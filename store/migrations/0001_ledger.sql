-- The ledger: reference data, user records, links, history, audit log.
-- Every table has an explicit primary key (SQLite's session extension captures only those).
-- User records carry a UUID id, created_at, updated_at, updated_by and deleted_at (recycle bin).
-- Money is integer 元, foreign capital integer US cents, land hundredths of a 亩,
-- dates ISO text (NULL when not set), timestamps RFC 3339 UTC text.

CREATE TABLE reference_sets (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE TABLE divisions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('市', '县')),
    parent_code TEXT REFERENCES divisions (code)
);

CREATE TABLE zones (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    level         TEXT NOT NULL,
    division_code TEXT REFERENCES divisions (code),
    industries    TEXT NOT NULL DEFAULT '',
    builtin       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE chains (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    plan    TEXT NOT NULL,
    sort    INTEGER NOT NULL DEFAULT 0,
    builtin INTEGER NOT NULL DEFAULT 0,
    UNIQUE (plan, name)
);

CREATE TABLE vocab (
    kind    TEXT NOT NULL,
    name    TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT '',
    sort    INTEGER NOT NULL DEFAULT 0,
    builtin INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, name)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE enterprises (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    credit_code TEXT NOT NULL DEFAULT '',
    nature      TEXT NOT NULL DEFAULT '',
    hq_province TEXT NOT NULL DEFAULT '',
    hq_city     TEXT NOT NULL DEFAULT '',
    hq_country  TEXT NOT NULL DEFAULT '',
    industry    TEXT NOT NULL DEFAULT '',
    chain_id    TEXT REFERENCES chains (id) ON DELETE SET NULL,
    website     TEXT NOT NULL DEFAULT '',
    intro       TEXT NOT NULL DEFAULT '',
    priority    TEXT NOT NULL DEFAULT '',
    owner       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT,
    deleted_by  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX enterprises_credit_code ON enterprises (credit_code)
    WHERE credit_code <> '' AND deleted_at IS NULL;
CREATE INDEX enterprises_name ON enterprises (name);

CREATE TABLE enterprise_categories (
    enterprise_id TEXT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    year          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (enterprise_id, name)
);
CREATE INDEX enterprise_categories_name ON enterprise_categories (name);

CREATE TABLE chambers (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    city       TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    deleted_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE people (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    wechat          TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    enterprise_id   TEXT REFERENCES enterprises (id) ON DELETE SET NULL,
    title           TEXT NOT NULL DEFAULT '',
    native_province TEXT NOT NULL DEFAULT '',
    native_city     TEXT NOT NULL DEFAULT '',
    native_county   TEXT NOT NULL DEFAULT '',
    ties            TEXT NOT NULL DEFAULT '',
    alma_mater      TEXT NOT NULL DEFAULT '',
    service_place   TEXT NOT NULL DEFAULT '',
    important_dates TEXT NOT NULL DEFAULT '[]',
    cadence_days    INTEGER NOT NULL DEFAULT 0,
    keeper          TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL DEFAULT '',
    deleted_at      TEXT,
    deleted_by      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX people_enterprise ON people (enterprise_id);
CREATE INDEX people_name ON people (name);

CREATE TABLE person_phones (
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    phone     TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (person_id, phone)
);
CREATE INDEX person_phones_phone ON person_phones (phone);

CREATE TABLE chamber_members (
    chamber_id TEXT NOT NULL REFERENCES chambers (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (chamber_id, person_id)
);
CREATE INDEX chamber_members_person ON chamber_members (person_id);

CREATE TABLE funds (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    type              TEXT NOT NULL,
    level             TEXT NOT NULL DEFAULT '',
    parent_id         TEXT REFERENCES funds (id) ON DELETE SET NULL,
    manager_id        TEXT REFERENCES enterprises (id) ON DELETE SET NULL,
    size              INTEGER NOT NULL DEFAULT 0,
    gov_commitment    INTEGER NOT NULL DEFAULT 0,
    stage             TEXT NOT NULL DEFAULT '',
    reinvest_kind     TEXT NOT NULL DEFAULT '',
    reinvest_ratio_bp INTEGER NOT NULL DEFAULT 0,
    reinvest_base     TEXT NOT NULL DEFAULT '',
    set_up_on         TEXT,
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    updated_by        TEXT NOT NULL DEFAULT '',
    deleted_at        TEXT,
    deleted_by        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE projects (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    code             TEXT NOT NULL DEFAULT '',
    investor_id      TEXT REFERENCES enterprises (id) ON DELETE SET NULL,
    introducer_id    TEXT REFERENCES people (id) ON DELETE SET NULL,
    zone_id          TEXT REFERENCES zones (id) ON DELETE SET NULL,
    chain_id         TEXT REFERENCES chains (id) ON DELETE SET NULL,
    sector           TEXT NOT NULL DEFAULT '工业',
    total_investment INTEGER NOT NULL DEFAULT 0,
    fixed_investment INTEGER NOT NULL DEFAULT 0,
    foreign_capital  INTEGER NOT NULL DEFAULT 0,
    land             INTEGER NOT NULL DEFAULT 0,
    stage            TEXT NOT NULL CHECK (stage IN ('储备', '在谈', '签约', '开工', '在建', '投产', '中止', '退库')),
    stage_since      TEXT,
    stage_reason     TEXT NOT NULL DEFAULT '',
    signed_on        TEXT,
    started_on       TEXT,
    produced_on      TEXT,
    leader           TEXT NOT NULL DEFAULT '',
    unit             TEXT NOT NULL DEFAULT '',
    homecoming       INTEGER NOT NULL DEFAULT 0,
    homecoming_ties  TEXT NOT NULL DEFAULT '',
    out_of_province  INTEGER NOT NULL DEFAULT 0,
    gan_return       INTEGER NOT NULL DEFAULT 0,
    registered       INTEGER NOT NULL DEFAULT 0,
    registered_on    TEXT,
    fund_id          TEXT REFERENCES funds (id) ON DELETE SET NULL,
    notes            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL DEFAULT '',
    deleted_at       TEXT,
    deleted_by       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX projects_stage ON projects (stage);
CREATE INDEX projects_investor ON projects (investor_id);
CREATE INDEX projects_zone ON projects (zone_id);
CREATE INDEX projects_fund ON projects (fund_id);
CREATE INDEX projects_code ON projects (code);

CREATE TABLE project_methods (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    method     TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (project_id, method)
);

CREATE TABLE stage_changes (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    from_stage TEXT NOT NULL DEFAULT '',
    to_stage   TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stage_changes_project ON stage_changes (project_id, on_date);

CREATE TABLE arrivals (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    month      TEXT NOT NULL,
    amount     INTEGER NOT NULL,
    source     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    deleted_by TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX arrivals_key ON arrivals (project_id, month, source) WHERE deleted_at IS NULL;

CREATE TABLE tasks (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    assignee   TEXT NOT NULL DEFAULT '',
    due_on     TEXT,
    done       INTEGER NOT NULL DEFAULT 0,
    done_on    TEXT,
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    deleted_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tasks_project ON tasks (project_id);
CREATE INDEX tasks_due ON tasks (done, due_on);

CREATE TABLE activities (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL DEFAULT '',
    next_step  TEXT NOT NULL DEFAULT '',
    next_due   TEXT,
    by_whom    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    deleted_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activities_on ON activities (on_date);

CREATE TABLE activity_projects (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, project_id)
);
CREATE INDEX activity_projects_project ON activity_projects (project_id);

CREATE TABLE activity_enterprises (
    activity_id   TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    enterprise_id TEXT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, enterprise_id)
);
CREATE INDEX activity_enterprises_enterprise ON activity_enterprises (enterprise_id);

CREATE TABLE activity_people (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    person_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, person_id)
);
CREATE INDEX activity_people_person ON activity_people (person_id);

CREATE TABLE fund_investments (
    id            TEXT PRIMARY KEY,
    fund_id       TEXT NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
    enterprise_id TEXT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    project_id    TEXT REFERENCES projects (id) ON DELETE SET NULL,
    amount        INTEGER NOT NULL,
    on_date       TEXT NOT NULL,
    counts        INTEGER NOT NULL DEFAULT 0,
    counts_reason TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL DEFAULT '',
    deleted_at    TEXT,
    deleted_by    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fund_investments_fund ON fund_investments (fund_id);

-- The audit log is append-only: triggers refuse any change to a row once written.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    old_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT '',
    who       TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, '审计日志只能追加，不能删除');
END;
