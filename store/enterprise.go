package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ganzhao/app"
)

const enterpriseColumns = `name, credit_code, nature, hq_province, hq_city, hq_country, industry, chain_id,
	website, intro, priority, owner, ` + metaColumns

// enterpriseSet assigns enterpriseArgs and then updated_at, updated_by.
const enterpriseSet = `name = ?, credit_code = ?, nature = ?, hq_province = ?, hq_city = ?,
	hq_country = ?, industry = ?, chain_id = ?, website = ?, intro = ?, priority = ?, owner = ?,
	updated_at = ?, updated_by = ?`

func enterpriseArgs(e app.Enterprise) []any {
	return []any{e.Name, e.CreditCode, string(e.Nature), e.HQProvince, e.HQCity, e.HQCountry, e.Industry, nullID(e.ChainID),
		e.Website, e.Intro, string(e.Priority), e.Owner}
}

func scanEnterprise(rows interface{ Scan(...any) error }) (app.Enterprise, error) {
	var e app.Enterprise
	var nature, priority string
	var chain sql.NullString
	var m meta
	dest := append([]any{&e.Name, &e.CreditCode, &nature, &e.HQProvince, &e.HQCity, &e.HQCountry, &e.Industry, &chain,
		&e.Website, &e.Intro, &priority, &e.Owner}, m.dest()...)
	if err := rows.Scan(dest...); err != nil {
		return e, err
	}
	var sc scanner
	e.Meta = m.meta(&sc)
	e.Nature, e.Priority, e.ChainID = app.Nature(nature), app.Priority(priority), chain.String
	return e, sc.err
}

// CreateEnterprise inserts an enterprise with its categories and audits every field set.
func (s *Store) CreateEnterprise(ctx context.Context, e app.Enterprise) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertEnterprise(ctx, tx, e); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindEnterprise, e.ID, app.Diff(app.Enterprise{}, e), e.UpdatedBy, e.UpdatedAt)
	})
}

func insertEnterprise(ctx context.Context, tx *sql.Tx, e app.Enterprise) error {
	args := append(enterpriseArgs(e), e.ID, stamp(e.CreatedAt), stamp(e.UpdatedAt), e.UpdatedBy, nullStamp(e.DeletedAt))
	_, err := tx.ExecContext(ctx, `INSERT INTO enterprises (`+enterpriseColumns+`) VALUES (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return writeErr("保存企业“"+e.Name+"”", err)
	}
	return saveCategories(ctx, tx, e)
}

func saveCategories(ctx context.Context, tx querier, e app.Enterprise) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_categories WHERE enterprise_id = ?`, e.ID); err != nil {
		return fmt.Errorf("保存企业类别：%w", err)
	}
	for _, c := range e.Categories {
		if _, err := tx.ExecContext(ctx, `INSERT INTO enterprise_categories (enterprise_id, name, year) VALUES (?, ?, ?)`,
			e.ID, c.Name, c.Year); err != nil {
			return writeErr("保存企业类别", err)
		}
	}
	return nil
}

// UpdateEnterprise saves an edited enterprise read at `read`, auditing each changed field.
func (s *Store) UpdateEnterprise(ctx context.Context, e app.Enterprise, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := updateEnterprise(ctx, tx, e, read)
		return err
	})
}

// updateEnterprise saves e over the version read at `read` and returns the version it
// replaced.
func updateEnterprise(ctx context.Context, tx querier, e app.Enterprise, read time.Time) (old app.Enterprise, err error) {
	if err := checkVersion(ctx, tx, "enterprises", e.ID, read); err != nil {
		return old, fmt.Errorf("保存企业“%s”：%w", e.Name, err)
	}
	if old, err = getEnterprise(ctx, tx, e.ID); err != nil {
		return old, err
	}
	args := append(enterpriseArgs(e), stamp(e.UpdatedAt), e.UpdatedBy, e.ID)
	if _, err = tx.ExecContext(ctx, `UPDATE enterprises SET `+enterpriseSet+` WHERE id = ?`, args...); err != nil {
		return old, writeErr("保存企业“"+e.Name+"”", err)
	}
	if err := saveCategories(ctx, tx, e); err != nil {
		return old, err
	}
	return old, writeAudit(ctx, tx, app.KindEnterprise, e.ID, app.Diff(old, e), e.UpdatedBy, e.UpdatedAt)
}

// Enterprise reads one enterprise, in the recycle bin or not.
func (s *Store) Enterprise(ctx context.Context, id string) (app.Enterprise, error) {
	return getEnterprise(ctx, s.db, id)
}

func getEnterprise(ctx context.Context, q querier, id string) (app.Enterprise, error) {
	e, err := scanEnterprise(q.QueryRowContext(ctx, `SELECT `+enterpriseColumns+` FROM enterprises WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return e, fmt.Errorf("企业 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("读取企业：%w", err)
	}
	cats, err := categoriesOf(ctx, q, `WHERE enterprise_id = ?`, id)
	e.Categories = cats[id]
	return e, err
}

func categoriesOf(ctx context.Context, q querier, where string, args ...any) (map[string][]app.CategoryTag, error) {
	rows, err := q.QueryContext(ctx, `SELECT enterprise_id, name, year FROM enterprise_categories `+where+` ORDER BY enterprise_id, rowid`, args...)
	if err != nil {
		return nil, fmt.Errorf("读取企业类别：%w", err)
	}
	defer rows.Close()
	out := map[string][]app.CategoryTag{}
	for rows.Next() {
		var id string
		var c app.CategoryTag
		if err := rows.Scan(&id, &c.Name, &c.Year); err != nil {
			return nil, fmt.Errorf("读取企业类别：%w", err)
		}
		out[id] = append(out[id], c)
	}
	return out, rows.Err()
}

// Enterprises lists live enterprises matching f, by name.
func (s *Store) Enterprises(ctx context.Context, f app.EnterpriseFilter) ([]app.Enterprise, error) {
	where, args := `WHERE deleted_at IS NULL`, []any{}
	if f.Query != "" {
		where += ` AND (instr(name, ?) > 0 OR instr(credit_code, ?) > 0)`
		args = append(args, f.Query, f.Query)
	}
	if f.Priority != "" {
		where += ` AND priority = ?`
		args = append(args, string(f.Priority))
	}
	if f.Category != "" {
		where += ` AND id IN (SELECT enterprise_id FROM enterprise_categories WHERE name = ?)`
		args = append(args, f.Category)
	}
	q := `SELECT ` + enterpriseColumns + ` FROM enterprises ` + where + ` ORDER BY name, id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("列出企业：%w", err)
	}
	defer rows.Close()
	var out []app.Enterprise
	for rows.Next() {
		e, err := scanEnterprise(rows)
		if err != nil {
			return nil, fmt.Errorf("列出企业：%w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("列出企业：%w", err)
	}
	ids := make([]string, len(out))
	for i, e := range out {
		ids[i] = e.ID
	}
	cats, err := childrenOf(ctx, s.db, ids, categoriesOf, `enterprise_id`)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Categories = cats[out[i].ID]
	}
	return out, nil
}

// childrenOf loads the child rows of the given parents through load: by an IN list for a few
// parents, or all of them in one pass for a long list.
func childrenOf[T any](ctx context.Context, q querier, ids []string,
	load func(context.Context, querier, string, ...any) (map[string][]T, error), column string) (map[string][]T, error) {
	if len(ids) == 0 {
		return map[string][]T{}, nil
	}
	if len(ids) > 500 {
		return load(ctx, q, "")
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return load(ctx, q, `WHERE `+column+` IN (`+placeholders(len(ids))+`)`, args...)
}
