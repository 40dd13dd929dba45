package store

import (
	"context"
	"database/sql"
	"fmt"

	"ganzhao/app"
)

// StageTallies counts the live projects of each stage and sums their total investment, from
// the projects_stage index.
func (s *Store) StageTallies(ctx context.Context) (map[app.Stage]app.Tally, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT stage, COUNT(*), COALESCE(SUM(total_investment), 0)
		FROM projects WHERE deleted_at IS NULL GROUP BY stage`)
	if err != nil {
		return nil, fmt.Errorf("统计各阶段项目：%w", err)
	}
	defer rows.Close()
	out := map[app.Stage]app.Tally{}
	for rows.Next() {
		var stage string
		var t app.Tally
		if err := rows.Scan(&stage, &t.Count, &t.Amount); err != nil {
			return nil, fmt.Errorf("统计各阶段项目：%w", err)
		}
		out[app.Stage(stage)] = t
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("统计各阶段项目：%w", err)
	}
	return out, nil
}

// PipelineCards lists up to limit live projects of a stage with their investor's and zone's
// names, most recently moved first (the order of Projects).
func (s *Store) PipelineCards(ctx context.Context, stage app.Stage, limit int) ([]app.PipelineCard, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT p.id, p.name, COALESCE(e.name, ''), COALESCE(z.name, ''), p.stage, p.stage_since,
		       p.signed_on, p.started_on, p.total_investment
		FROM projects p
		LEFT JOIN enterprises e ON e.id = p.investor_id
		LEFT JOIN zones z ON z.id = p.zone_id
		WHERE p.deleted_at IS NULL AND p.stage = ?
		ORDER BY p.stage_since DESC, p.name, p.id
		LIMIT ?`, string(stage), limit)
	if err != nil {
		return nil, fmt.Errorf("读取“%s”阶段项目：%w", stage, err)
	}
	defer rows.Close()
	var out []app.PipelineCard
	for rows.Next() {
		var c app.PipelineCard
		var st string
		var since, signed, started sql.NullString
		if err := rows.Scan(&c.ID, &c.Name, &c.InvestorName, &c.ZoneName, &st, &since, &signed, &started, &c.Total); err != nil {
			return nil, fmt.Errorf("读取“%s”阶段项目：%w", stage, err)
		}
		var sc scanner
		c.Stage, c.StageSince, c.SignedOn, c.StartedOn = app.Stage(st), sc.date(since), sc.date(signed), sc.date(started)
		if sc.err != nil {
			return nil, fmt.Errorf("读取“%s”阶段项目：%w", stage, sc.err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("读取“%s”阶段项目：%w", stage, err)
	}
	return out, nil
}
