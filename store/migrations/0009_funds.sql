-- Fund deals: a second GP (双GP), the 可投资金额 a 返投 share can be measured on, and the
-- fund's limited partners (LPs) with their commitments (认缴) and paid-in capital (实缴).
ALTER TABLE funds ADD COLUMN co_manager_id TEXT REFERENCES enterprises (id) ON DELETE SET NULL;
ALTER TABLE funds ADD COLUMN investable INTEGER NOT NULL DEFAULT 0;

CREATE TABLE fund_lps (
    id            TEXT PRIMARY KEY,
    fund_id       TEXT NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
    enterprise_id TEXT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    government    INTEGER NOT NULL DEFAULT 0,
    subscribed    INTEGER NOT NULL DEFAULT 0,
    paid_in       INTEGER NOT NULL DEFAULT 0,
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL DEFAULT '',
    deleted_at    TEXT,
    deleted_by    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fund_lps_fund ON fund_lps (fund_id);
CREATE INDEX fund_lps_enterprise ON fund_lps (enterprise_id);
CREATE INDEX funds_co_manager ON funds (co_manager_id);
