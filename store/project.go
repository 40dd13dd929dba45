package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ganzhao/app"
)

const projectColumns = `name, code, investor_id, introducer_id, zone_id, chain_id, sector, total_investment, fixed_investment,
	foreign_capital, land, stage, stage_since, stage_reason, signed_on, started_on, produced_on, leader, unit,
	homecoming, homecoming_ties, out_of_province, gan_return, registered, registered_on, fund_id, notes, ` + metaColumns

func projectArgs(p app.Project) []any {
	return []any{p.Name, p.Code, nullID(p.InvestorID), nullID(p.IntroducerID), nullID(p.ZoneID), nullID(p.ChainID), string(p.Sector),
		int64(p.TotalInvestment), int64(p.FixedInvestment), int64(p.ForeignCapital), int64(p.Land), string(p.Stage),
		dateArg(p.StageSince), p.StageReason, dateArg(p.SignedOn), dateArg(p.StartedOn), dateArg(p.ProducedOn), p.Leader, p.Unit,
		boolInt(p.Homecoming), joinTies(p.HomecomingTies), boolInt(p.OutOfProvince), boolInt(p.GanReturn), boolInt(p.Registered),
		dateArg(p.RegisteredOn), nullID(p.FundID), p.Notes}
}

func scanProject(row interface{ Scan(...any) error }) (app.Project, error) {
	var p app.Project
	var investor, introducer, zone, chain, fund sql.NullString
	var since, signed, started, produced, registeredOn sql.NullString
	var sector, stage, ties string
	var homecoming, outOfProvince, ganReturn, registered bool
	var m meta
	dest := append([]any{&p.Name, &p.Code, &investor, &introducer, &zone, &chain, &sector, &p.TotalInvestment, &p.FixedInvestment,
		&p.ForeignCapital, &p.Land, &stage, &since, &p.StageReason, &signed, &started, &produced, &p.Leader, &p.Unit,
		&homecoming, &ties, &outOfProvince, &ganReturn, &registered, &registeredOn, &fund, &p.Notes}, m.dest()...)
	if err := row.Scan(dest...); err != nil {
		return p, err
	}
	var sc scanner
	p.Meta = m.meta(&sc)
	p.InvestorID, p.IntroducerID, p.ZoneID, p.ChainID, p.FundID = investor.String, introducer.String, zone.String, chain.String, fund.String
	p.Sector, p.Stage, p.HomecomingTies = app.Sector(sector), app.Stage(stage), splitTies(ties)
	p.StageSince, p.SignedOn, p.StartedOn, p.ProducedOn = sc.date(since), sc.date(signed), sc.date(started), sc.date(produced)
	p.RegisteredOn = sc.date(registeredOn)
	p.Homecoming, p.OutOfProvince, p.GanReturn, p.Registered = homecoming, outOfProvince, ganReturn, registered
	return p, sc.err
}

// CreateProject inserts a project, its methods and the first entry of its stage history, and
// audits every field set.
func (s *Store) CreateProject(ctx context.Context, p app.Project, first app.StageChange) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertProject(ctx, tx, p); err != nil {
			return err
		}
		if err := insertStageChange(ctx, tx, first); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindProject, p.ID, app.Diff(app.Project{}, p), p.UpdatedBy, p.UpdatedAt)
	})
}

func insertProject(ctx context.Context, tx *sql.Tx, p app.Project) error {
	args := append(projectArgs(p), p.ID, stamp(p.CreatedAt), stamp(p.UpdatedAt), p.UpdatedBy, nullStamp(p.DeletedAt))
	if _, err := tx.ExecContext(ctx, `INSERT INTO projects (`+projectColumns+`) VALUES (`+placeholders(len(args))+`)`, args...); err != nil {
		return writeErr("保存项目“"+p.Name+"”", err)
	}
	return saveMethods(ctx, tx, p)
}

func saveMethods(ctx context.Context, tx querier, p app.Project) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM project_methods WHERE project_id = ?`, p.ID); err != nil {
		return fmt.Errorf("保存招商方式：%w", err)
	}
	for i, m := range p.Methods {
		if _, err := tx.ExecContext(ctx, `INSERT INTO project_methods (project_id, method, position) VALUES (?, ?, ?)`, p.ID, m, i); err != nil {
			return writeErr("保存招商方式", err)
		}
	}
	return nil
}

func insertStageChange(ctx context.Context, tx querier, c app.StageChange) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO stage_changes (id, project_id, from_stage, to_stage, on_date, reason, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.ProjectID, string(c.From), string(c.To), c.On.String(), c.Reason, stamp(c.CreatedAt), c.By)
	return writeErr("记录阶段变更", err)
}

// UpdateProject saves an edited project read at `read`, auditing each changed field. The
// stage is changed only through ChangeStage, which keeps the history.
func (s *Store) UpdateProject(ctx context.Context, p app.Project, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := updateProject(ctx, tx, p, read)
		return err
	})
}

// updateProject saves p over the version read at `read` and returns the version it replaced.
func updateProject(ctx context.Context, tx querier, p app.Project, read time.Time) (old app.Project, err error) {
	if err := checkVersion(ctx, tx, "projects", p.ID, read); err != nil {
		return old, fmt.Errorf("保存项目“%s”：%w", p.Name, err)
	}
	if old, err = getProject(ctx, tx, p.ID); err != nil {
		return old, err
	}
	args := append(projectArgs(p), stamp(p.UpdatedAt), p.UpdatedBy, p.ID)
	_, err = tx.ExecContext(ctx, `UPDATE projects SET name = ?, code = ?, investor_id = ?, introducer_id = ?, zone_id = ?,
		chain_id = ?, sector = ?, total_investment = ?, fixed_investment = ?, foreign_capital = ?, land = ?, stage = ?,
		stage_since = ?, stage_reason = ?, signed_on = ?, started_on = ?, produced_on = ?, leader = ?, unit = ?,
		homecoming = ?, homecoming_ties = ?, out_of_province = ?, gan_return = ?, registered = ?, registered_on = ?,
		fund_id = ?, notes = ?, updated_at = ?, updated_by = ? WHERE id = ?`, args...)
	if err != nil {
		return old, writeErr("保存项目“"+p.Name+"”", err)
	}
	if err := saveMethods(ctx, tx, p); err != nil {
		return old, err
	}
	return old, writeAudit(ctx, tx, app.KindProject, p.ID, app.Diff(old, p), p.UpdatedBy, p.UpdatedAt)
}

// ChangeStage saves a project already moved to its new stage and appends the change to its
// history, in one transaction.
func (s *Store) ChangeStage(ctx context.Context, p app.Project, read time.Time, c app.StageChange) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := updateProject(ctx, tx, p, read); err != nil {
			return err
		}
		return insertStageChange(ctx, tx, c)
	})
}

// Project reads one project, in the recycle bin or not.
func (s *Store) Project(ctx context.Context, id string) (app.Project, error) {
	return getProject(ctx, s.db, id)
}

func getProject(ctx context.Context, q querier, id string) (app.Project, error) {
	p, err := scanProject(q.QueryRowContext(ctx, `SELECT `+projectColumns+` FROM projects WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return p, fmt.Errorf("项目 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("读取项目：%w", err)
	}
	methods, err := methodsOf(ctx, q, `WHERE project_id = ?`, id)
	p.Methods = methods[id]
	return p, err
}

func methodsOf(ctx context.Context, q querier, where string, args ...any) (map[string][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT project_id, method FROM project_methods `+where+` ORDER BY project_id, position`, args...)
	if err != nil {
		return nil, fmt.Errorf("读取招商方式：%w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var id, m string
		if err := rows.Scan(&id, &m); err != nil {
			return nil, fmt.Errorf("读取招商方式：%w", err)
		}
		out[id] = append(out[id], m)
	}
	return out, rows.Err()
}

// Projects lists live projects matching f, most recently changed stage first.
func (s *Store) Projects(ctx context.Context, f app.ProjectFilter) ([]app.Project, error) {
	where, args := `WHERE deleted_at IS NULL`, []any{}
	if len(f.Stages) > 0 {
		where += ` AND stage IN (` + placeholders(len(f.Stages)) + `)`
		for _, st := range f.Stages {
			args = append(args, string(st))
		}
	}
	for _, c := range []struct{ col, v string }{{"zone_id", f.ZoneID}, {"chain_id", f.ChainID}, {"investor_id", f.InvestorID}, {"fund_id", f.FundID}} {
		if c.v != "" {
			where += ` AND ` + c.col + ` = ?` // column names are the constants above
			args = append(args, c.v)
		}
	}
	if f.Query != "" {
		where += ` AND (instr(name, ?) > 0 OR instr(code, ?) > 0)`
		args = append(args, f.Query, f.Query)
	}
	q := `SELECT ` + projectColumns + ` FROM projects ` + where + ` ORDER BY stage_since DESC, name, id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("列出项目：%w", err)
	}
	defer rows.Close()
	var out []app.Project
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			return nil, fmt.Errorf("列出项目：%w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("列出项目：%w", err)
	}
	ids := make([]string, len(out))
	for i, p := range out {
		ids[i] = p.ID
	}
	methods, err := childrenOf(ctx, s.db, ids, methodsOf, "project_id")
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Methods = methods[out[i].ID]
	}
	return out, nil
}

// StageHistory returns a project's stage changes, oldest first.
func (s *Store) StageHistory(ctx context.Context, projectID string) ([]app.StageChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, project_id, from_stage, to_stage, on_date, reason, created_at, created_by
		FROM stage_changes WHERE project_id = ? ORDER BY on_date, created_at, rowid`, projectID)
	if err != nil {
		return nil, fmt.Errorf("读取阶段记录：%w", err)
	}
	defer rows.Close()
	var out []app.StageChange
	for rows.Next() {
		var c app.StageChange
		var from, to, created string
		var on sql.NullString
		if err := rows.Scan(&c.ID, &c.ProjectID, &from, &to, &on, &c.Reason, &created, &c.By); err != nil {
			return nil, fmt.Errorf("读取阶段记录：%w", err)
		}
		var sc scanner
		c.From, c.To, c.On, c.CreatedAt = app.Stage(from), app.Stage(to), sc.date(on), sc.stamp(created)
		if sc.err != nil {
			return nil, sc.err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ProjectFacts reads, in a few passes over the tables, what the KPIs need of every live
// project: stage, sector, zone and its level, chain, methods, 三友 ties, the investor's
// nature, amount, first signing, milestone dates and monthly arrivals.
func (s *Store) ProjectFacts(ctx context.Context) ([]app.ProjectFact, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT p.id, p.stage, p.sector, COALESCE(z.name, ''), COALESCE(z.level, ''), COALESCE(c.name, ''),
		       p.homecoming_ties, COALESCE(e.nature, ''), p.total_investment,
		       h.first_signed, p.signed_on, p.started_on, p.produced_on
		FROM projects p
		LEFT JOIN (SELECT project_id, MIN(on_date) AS first_signed FROM stage_changes
		           WHERE to_stage IN ('签约', '开工', '在建', '投产') GROUP BY project_id) h ON h.project_id = p.id
		LEFT JOIN zones z ON z.id = p.zone_id
		LEFT JOIN chains c ON c.id = p.chain_id
		LEFT JOIN enterprises e ON e.id = p.investor_id
		WHERE p.deleted_at IS NULL
		ORDER BY p.id`)
	if err != nil {
		return nil, fmt.Errorf("统计项目：%w", err)
	}
	defer rows.Close()
	var out []app.ProjectFact
	index := map[string]int{}
	for rows.Next() {
		var f app.ProjectFact
		var stage, sector, level, ties, nature string
		var firstHist, signed, started, produced sql.NullString
		if err := rows.Scan(&f.ID, &stage, &sector, &f.ZoneName, &level, &f.ChainName, &ties, &nature, &f.Total,
			&firstHist, &signed, &started, &produced); err != nil {
			return nil, fmt.Errorf("统计项目：%w", err)
		}
		var sc scanner
		f.Stage, f.Sector, f.ZoneLevel, f.HomecomingTies, f.InvestorNature = app.Stage(stage), app.Sector(sector), app.ZoneLevel(level), splitTies(ties), app.Nature(nature)
		f.FirstSignedOn = sc.date(signed)
		if h := sc.date(firstHist); !h.IsZero() && (f.FirstSignedOn.IsZero() || h.Before(f.FirstSignedOn)) {
			f.FirstSignedOn = h
		}
		f.StartedOn, f.ProducedOn = sc.date(started), sc.date(produced)
		if sc.err != nil {
			return nil, sc.err
		}
		index[f.ID] = len(out)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("统计项目：%w", err)
	}
	methods, err := methodsOf(ctx, s.db, "")
	if err != nil {
		return nil, err
	}
	for id, ms := range methods {
		if i, ok := index[id]; ok {
			out[i].Methods = ms
		}
	}
	arr, err := s.db.QueryContext(ctx, `SELECT project_id, month, SUM(amount) FROM arrivals WHERE deleted_at IS NULL
		GROUP BY project_id, month ORDER BY project_id, month`)
	if err != nil {
		return nil, fmt.Errorf("统计到位资金：%w", err)
	}
	defer arr.Close()
	for arr.Next() {
		var id, month string
		var amount int64
		if err := arr.Scan(&id, &month, &amount); err != nil {
			return nil, fmt.Errorf("统计到位资金：%w", err)
		}
		m, err := app.ParseMonth(month)
		if err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Arrivals = append(out[i].Arrivals, app.MonthAmount{Month: m, Amount: app.Yuan(amount)})
		}
	}
	return out, arr.Err()
}
