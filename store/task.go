package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"ganzhao/app"
)

const taskColumns = `project_id, title, assignee, due_on, done, done_on, notes, person_id, campaign_id, activity_id, ` + metaColumns

// taskColumnsOf is taskColumns with each column prefixed by a table alias.
func taskColumnsOf(alias string) string {
	cols := strings.Split(taskColumns, ", ")
	for i, c := range cols {
		cols[i] = alias + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

func taskArgs(t app.Task) []any {
	return []any{nullID(t.ProjectID), t.Title, t.Assignee, dateArg(t.DueOn), boolInt(t.Done), dateArg(t.DoneOn), t.Notes,
		nullID(t.PersonID), nullID(t.CampaignID), nullID(t.ActivityID)}
}

// scanTask reads the taskColumns of a row, then any extra columns into extra.
func scanTask(row interface{ Scan(...any) error }, extra ...any) (app.Task, error) {
	var t app.Task
	var project, person, campaign, activity, due, doneOn sql.NullString
	var m meta
	dest := append([]any{&project, &t.Title, &t.Assignee, &due, &t.Done, &doneOn, &t.Notes, &person, &campaign, &activity}, m.dest()...)
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return t, err
	}
	var sc scanner
	t.Meta, t.DueOn, t.DoneOn = m.meta(&sc), sc.date(due), sc.date(doneOn)
	t.ProjectID, t.PersonID, t.CampaignID, t.ActivityID = project.String, person.String, campaign.String, activity.String
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
			notes = ?, person_id = ?, campaign_id = ?, activity_id = ?, updated_at = ?, updated_by = ? WHERE id = ?`, args...)
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

// liveTaskLinks keeps tasks whose project and person, where set, are not in the recycle bin.
const liveTaskLinks = ` AND (t.project_id IS NULL OR t.project_id IN (SELECT id FROM projects WHERE deleted_at IS NULL))
	AND (t.person_id IS NULL OR t.person_id IN (SELECT id FROM people WHERE deleted_at IS NULL))`

// Tasks lists live tasks whose project and person are live, matching f: open ones first, by
// due date.
func (s *Store) Tasks(ctx context.Context, f app.TaskFilter) ([]app.Task, error) {
	where := `WHERE t.deleted_at IS NULL` + liveTaskLinks
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
	where += ` ORDER BY t.done, t.due_on IS NULL, t.due_on, t.title, t.id`
	if f.Limit > 0 {
		where += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	return s.tasks(ctx, where, args...)
}

// tasks lists the tasks (alias t) a where clause selects.
func (s *Store) tasks(ctx context.Context, where string, args ...any) ([]app.Task, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+taskColumnsOf("t")+` FROM tasks t `+where, args...)
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
