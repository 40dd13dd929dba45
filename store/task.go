package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ganzhao/app"
)

const taskColumns = `project_id, title, assignee, due_on, done, done_on, notes, ` + metaColumns

func taskArgs(t app.Task) []any {
	return []any{t.ProjectID, t.Title, t.Assignee, dateArg(t.DueOn), boolInt(t.Done), dateArg(t.DoneOn), t.Notes}
}

func scanTask(row interface{ Scan(...any) error }) (app.Task, error) {
	var t app.Task
	var due, doneOn sql.NullString
	var m meta
	if err := row.Scan(append([]any{&t.ProjectID, &t.Title, &t.Assignee, &due, &t.Done, &doneOn, &t.Notes}, m.dest()...)...); err != nil {
		return t, err
	}
	var sc scanner
	t.Meta, t.DueOn, t.DoneOn = m.meta(&sc), sc.date(due), sc.date(doneOn)
	return t, sc.err
}

// CreateTask inserts a task and audits every field set.
func (s *Store) CreateTask(ctx context.Context, t app.Task) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertTask(ctx, tx, t); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindTask, t.ID, app.Diff(app.Task{}, t), t.UpdatedBy, t.UpdatedAt)
	})
}

func insertTask(ctx context.Context, tx *sql.Tx, t app.Task) error {
	args := append(taskArgs(t), t.ID, stamp(t.CreatedAt), stamp(t.UpdatedAt), t.UpdatedBy, nullStamp(t.DeletedAt))
	_, err := tx.ExecContext(ctx, `INSERT INTO tasks (`+taskColumns+`) VALUES (`+placeholders(len(args))+`)`, args...)
	return writeErr("保存任务“"+t.Title+"”", err)
}

// UpdateTask saves an edited task read at `read`.
func (s *Store) UpdateTask(ctx context.Context, t app.Task, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "tasks", t.ID, read); err != nil {
			return fmt.Errorf("保存任务“%s”：%w", t.Title, err)
		}
		old, err := getTask(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		args := append(taskArgs(t), stamp(t.UpdatedAt), t.UpdatedBy, t.ID)
		_, err = tx.ExecContext(ctx, `UPDATE tasks SET project_id = ?, title = ?, assignee = ?, due_on = ?, done = ?, done_on = ?,
			notes = ?, updated_at = ?, updated_by = ? WHERE id = ?`, args...)
		if err != nil {
			return writeErr("保存任务“"+t.Title+"”", err)
		}
		return writeAudit(ctx, tx, app.KindTask, t.ID, app.Diff(old, t), t.UpdatedBy, t.UpdatedAt)
	})
}

// Task reads one task.
func (s *Store) Task(ctx context.Context, id string) (app.Task, error) { return getTask(ctx, s.db, id) }

func getTask(ctx context.Context, q querier, id string) (app.Task, error) {
	t, err := scanTask(q.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return t, fmt.Errorf("任务 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("读取任务：%w", err)
	}
	return t, nil
}

// Tasks lists live tasks of live projects matching f: open ones first, by due date.
func (s *Store) Tasks(ctx context.Context, f app.TaskFilter) ([]app.Task, error) {
	where := `WHERE t.deleted_at IS NULL AND p.deleted_at IS NULL`
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
	q := `SELECT t.project_id, t.title, t.assignee, t.due_on, t.done, t.done_on, t.notes,
		t.id, t.created_at, t.updated_at, t.updated_by, t.deleted_at
		FROM tasks t JOIN projects p ON p.id = t.project_id ` + where + ` ORDER BY t.done, t.due_on IS NULL, t.due_on, t.title, t.id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("列出任务：%w", err)
	}
	defer rows.Close()
	var out []app.Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, fmt.Errorf("列出任务：%w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
