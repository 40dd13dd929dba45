package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"ganzhao/app"
)

// SavedViews lists a screen's saved views by name.
func (s *Store) SavedViews(ctx context.Context, screen string) ([]app.SavedView, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, screen, name, filters, sort_column, sort_desc, updated_at, updated_by
		FROM saved_views WHERE screen = ? ORDER BY name, id`, screen)
	if err != nil {
		return nil, fmt.Errorf("读取已保存的视图：%w", err)
	}
	defer rows.Close()
	var out []app.SavedView
	for rows.Next() {
		v, err := scanView(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("读取已保存的视图：%w", err)
	}
	return out, nil
}

func scanView(row interface{ Scan(...any) error }) (app.SavedView, error) {
	var v app.SavedView
	var filters, updated string
	if err := row.Scan(&v.ID, &v.Screen, &v.Name, &filters, &v.SortColumn, &v.SortDesc, &updated, &v.UpdatedBy); err != nil {
		return v, fmt.Errorf("读取已保存的视图：%w", err)
	}
	if err := json.Unmarshal([]byte(filters), &v.Filters); err != nil {
		return v, fmt.Errorf("视图“%s”的筛选条件无法读取：%w", v.Name, err)
	}
	var sc scanner
	v.UpdatedAt = sc.stamp(updated)
	return v, sc.err
}

// SaveView inserts a view or replaces the one of the same screen and name, keeping its ID.
func (s *Store) SaveView(ctx context.Context, v app.SavedView) (app.SavedView, error) {
	filters := v.Filters
	if filters == nil {
		filters = map[string]string{}
	}
	b, err := json.Marshal(filters)
	if err != nil {
		return v, fmt.Errorf("保存视图“%s”：%w", v.Name, err)
	}
	var saved app.SavedView
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO saved_views (id, screen, name, filters, sort_column, sort_desc, created_at, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (screen, name) DO UPDATE SET filters = excluded.filters, sort_column = excluded.sort_column,
				sort_desc = excluded.sort_desc, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			v.ID, v.Screen, v.Name, string(b), v.SortColumn, boolInt(v.SortDesc), stamp(v.UpdatedAt), stamp(v.UpdatedAt), v.UpdatedBy)
		if err != nil {
			return writeErr("保存视图“"+v.Name+"”", err)
		}
		saved, err = scanView(tx.QueryRowContext(ctx, `SELECT id, screen, name, filters, sort_column, sort_desc, updated_at, updated_by
			FROM saved_views WHERE screen = ? AND name = ?`, v.Screen, v.Name))
		return err
	})
	return saved, err
}

// DeleteView deletes a saved view.
func (s *Store) DeleteView(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM saved_views WHERE id = ?`, id)
	if err != nil {
		return classify(fmt.Errorf("删除视图：%w", err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("删除视图：%w", app.ErrNotFound)
	}
	return nil
}
