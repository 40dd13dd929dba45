package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"ganzhao/app"
)

// The lean rows of the list screens: one joined query per list instead of a record and its
// links per row, so that a list of 100 000 records loads in one pass.

// ProjectRows lists live projects matching f with the names of their zone, chain and investor,
// most recently changed stage first (the order of Projects).
func (s *Store) ProjectRows(ctx context.Context, f app.ProjectFilter) ([]app.ProjectRow, error) {
	where, args := `WHERE p.deleted_at IS NULL`, []any{}
	if len(f.Stages) > 0 {
		where += ` AND p.stage IN (` + placeholders(len(f.Stages)) + `)`
		for _, st := range f.Stages {
			args = append(args, string(st))
		}
	}
	for _, c := range []struct{ col, v string }{{"p.zone_id", f.ZoneID}, {"p.chain_id", f.ChainID}, {"p.investor_id", f.InvestorID}, {"p.fund_id", f.FundID}} {
		if c.v != "" {
			where += ` AND ` + c.col + ` = ?` // column names are the constants above
			args = append(args, c.v)
		}
	}
	if f.Query != "" {
		where += ` AND (instr(p.name, ?) > 0 OR instr(p.code, ?) > 0)`
		args = append(args, f.Query, f.Query)
	}
	q := `SELECT p.id, p.name, p.code, p.stage, p.stage_since, p.sector, p.total_investment, p.fixed_investment,
			p.foreign_capital, p.signed_on, p.started_on, p.produced_on, p.leader, p.unit, p.homecoming,
			p.homecoming_ties, p.out_of_province, p.gan_return, p.registered,
			COALESCE(p.zone_id, ''), COALESCE(z.name, ''), COALESCE(z.level, ''), COALESCE(p.chain_id, ''),
			COALESCE(c.name, ''), COALESCE(p.investor_id, ''), COALESCE(e.name, ''), COALESCE(e.nature, ''),
			COALESCE(p.fund_id, ''), p.updated_at
		FROM projects p
		LEFT JOIN zones z ON z.id = p.zone_id
		LEFT JOIN chains c ON c.id = p.chain_id
		LEFT JOIN enterprises e ON e.id = p.investor_id
		` + where
	if f.Limit > 0 {
		// Only a limited list is ordered by SQLite; a whole list is sorted below, which is
		// quicker than SQLite's sorter carrying every column.
		q += ` ORDER BY p.stage_since DESC, p.name, p.id LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("列出项目：%w", err)
	}
	defer rows.Close()
	var out []app.ProjectRow
	index := map[string]int{}
	for rows.Next() {
		var r app.ProjectRow
		var stage, sector, ties, level, nature, updated string
		var since, signed, started, produced sql.NullString
		if err := rows.Scan(&r.ID, &r.Name, &r.Code, &stage, &since, &sector, &r.TotalInvestment, &r.FixedInvestment,
			&r.ForeignCapital, &signed, &started, &produced, &r.Leader, &r.Unit, &r.Homecoming,
			&ties, &r.OutOfProvince, &r.GanReturn, &r.Registered,
			&r.ZoneID, &r.ZoneName, &level, &r.ChainID,
			&r.ChainName, &r.InvestorID, &r.InvestorName, &nature,
			&r.FundID, &updated); err != nil {
			return nil, fmt.Errorf("列出项目：%w", err)
		}
		var sc scanner
		r.Stage, r.Sector, r.HomecomingTies = app.Stage(stage), app.Sector(sector), splitTies(ties)
		r.ZoneLevel, r.InvestorNature = app.ZoneLevel(level), app.Nature(nature)
		r.StageSince, r.SignedOn, r.StartedOn, r.ProducedOn = sc.date(since), sc.date(signed), sc.date(started), sc.date(produced)
		r.UpdatedAt = sc.stamp(updated)
		if sc.err != nil {
			return nil, fmt.Errorf("列出项目：%w", sc.err)
		}
		index[r.ID] = len(out)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("列出项目：%w", err)
	}
	if f.Limit <= 0 {
		slices.SortFunc(out, func(a, b app.ProjectRow) int {
			if c := b.StageSince.Compare(a.StageSince); c != 0 {
				return c
			}
			return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
		})
		for i, r := range out {
			index[r.ID] = i
		}
	}
	if err := projectRowMethods(ctx, s, out, index); err != nil {
		return nil, err
	}
	return out, nil
}

// projectRowMethods fills in the promotion methods of the rows, in their saved order: by an
// IN list for a few rows, or in one unordered pass over the table for a long list.
func projectRowMethods(ctx context.Context, s *Store, out []app.ProjectRow, index map[string]int) error {
	if len(out) == 0 {
		return nil
	}
	q, args := `SELECT project_id, method, position FROM project_methods`, []any{}
	if len(out) <= 500 {
		q += ` WHERE project_id IN (` + placeholders(len(out)) + `)`
		for _, r := range out {
			args = append(args, r.ID)
		}
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("读取招商方式：%w", err)
	}
	defer rows.Close()
	type method struct {
		name     string
		position int
	}
	byProject := map[int][]method{}
	for rows.Next() {
		var id string
		var m method
		if err := rows.Scan(&id, &m.name, &m.position); err != nil {
			return fmt.Errorf("读取招商方式：%w", err)
		}
		if i, ok := index[id]; ok {
			byProject[i] = append(byProject[i], m)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("读取招商方式：%w", err)
	}
	for i, ms := range byProject {
		slices.SortFunc(ms, func(a, b method) int { return cmp.Compare(a.position, b.position) })
		names := make([]string, len(ms))
		for j, m := range ms {
			names[j] = m.name
		}
		out[i].Methods = names
	}
	return nil
}

// TaskRows lists live tasks whose project and person, where set, are live, matching f, with
// the names of their project and person: open ones first, by due date.
func (s *Store) TaskRows(ctx context.Context, f app.TaskFilter) ([]app.TaskRow, error) {
	where := `WHERE t.deleted_at IS NULL AND (t.project_id IS NULL OR p.deleted_at IS NULL) AND (t.person_id IS NULL OR h.deleted_at IS NULL)`
	var args []any
	if f.ProjectID != "" {
		where += ` AND t.project_id = ?`
		args = append(args, f.ProjectID)
	}
	if f.OpenOnly {
		where += ` AND t.done = 0`
	}
	if f.Assignee != "" {
		where += ` AND t.assignee = ?`
		args = append(args, f.Assignee)
	}
	q := `SELECT ` + taskColumnsOf("t") + `, COALESCE(p.name, ''), COALESCE(h.name, '')
		FROM tasks t LEFT JOIN projects p ON p.id = t.project_id LEFT JOIN people h ON h.id = t.person_id ` + where +
		` ORDER BY t.done, t.due_on IS NULL, t.due_on, t.title, t.id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("列出任务：%w", err)
	}
	defer rows.Close()
	var out []app.TaskRow
	for rows.Next() {
		var r app.TaskRow
		t, err := scanTask(rows, &r.ProjectName, &r.PersonName)
		if err != nil {
			return nil, fmt.Errorf("列出任务：%w", err)
		}
		r.Task = t
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("列出任务：%w", err)
	}
	return out, nil
}

// lastContactQuery gives, per person, the date of the latest live activity they took part in
// on or before a date (the one parameter): what both the people list and the contact
// reminders call the last contact.
const lastContactQuery = `SELECT ap.person_id, MAX(a.on_date) AS last
	FROM activities a CROSS JOIN activity_people ap ON ap.activity_id = a.id
	WHERE a.deleted_at IS NULL AND a.on_date <= ?
	GROUP BY ap.person_id`

// LastContacts gives the date of the latest live activity on or before upTo each live person
// took part in.
func (s *Store) LastContacts(ctx context.Context, upTo app.Date) (map[string]app.Date, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.person_id, c.last FROM (`+lastContactQuery+`) c
		JOIN people p ON p.id = c.person_id WHERE p.deleted_at IS NULL`, upTo.String())
	if err != nil {
		return nil, fmt.Errorf("读取最近联系日期：%w", err)
	}
	defer rows.Close()
	out := map[string]app.Date{}
	for rows.Next() {
		var id string
		var on sql.NullString
		if err := rows.Scan(&id, &on); err != nil {
			return nil, fmt.Errorf("读取最近联系日期：%w", err)
		}
		var sc scanner
		if d := sc.date(on); sc.err == nil && !d.IsZero() {
			out[id] = d
		} else if sc.err != nil {
			return nil, fmt.Errorf("读取最近联系日期：%w", sc.err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("读取最近联系日期：%w", err)
	}
	return out, nil
}
