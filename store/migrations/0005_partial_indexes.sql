-- Most projects have no code, no fund and no introducer, yet every project written added an
-- entry to each of these three indexes. They now hold only the projects that fill the column:
-- a lookup by value (code <> '' spelled out, or fund_id = ?, introducer_id IN (...), and the
-- foreign-key checks, which imply IS NOT NULL) still uses them, and a bulk import writes
-- three index entries fewer per project.
DROP INDEX IF EXISTS projects_code;
CREATE INDEX projects_code ON projects (code) WHERE code <> '';
DROP INDEX IF EXISTS projects_fund;
CREATE INDEX projects_fund ON projects (fund_id) WHERE fund_id IS NOT NULL;
DROP INDEX IF EXISTS projects_introducer;
CREATE INDEX projects_introducer ON projects (introducer_id) WHERE introducer_id IS NOT NULL;
