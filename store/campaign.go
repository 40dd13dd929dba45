package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"ganzhao/app"
)

const campaignColumns = `name, occasion, starts_on, ends_on, filter, task_title, assignee, notes, ` + metaColumns

func campaignArgs(c app.Campaign) ([]any, error) {
	b, err := json.Marshal(c.Filter)
	if err != nil {
		return nil, err
	}
	return []any{c.Name, c.Occasion, c.StartsOn.String(), c.EndsOn.String(), string(b), c.TaskTitle, c.Assignee, c.Notes}, nil
}

func scanCampaign(row interface{ Scan(...any) error }) (app.Campaign, error) {
	var c app.Campaign
	var starts, ends sql.NullString
	var filter string
	var m meta
	if err := row.Scan(append([]any{&c.Name, &c.Occasion, &starts, &ends, &filter, &c.TaskTitle, &c.Assignee, &c.Notes}, m.dest()...)...); err != nil {
		return c, err
	}
	var sc scanner
	c.Meta, c.StartsOn, c.EndsOn = m.meta(&sc), sc.date(starts), sc.date(ends)
	if err := json.Unmarshal([]byte(filter), &c.Filter); err != nil && sc.err == nil {
		sc.err = fmt.Errorf("联络活动 %s 的筛选条件无法读取：%w", c.ID, err)
	}
	return c, sc.err
}

// CreateCampaign inserts a campaign and audits every field set.
func (s *Store) CreateCampaign(ctx context.Context, c app.Campaign) error {
	args, err := campaignArgs(c)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		args = append(args, c.ID, stamp(c.CreatedAt), stamp(c.UpdatedAt), c.UpdatedBy, nullStamp(c.DeletedAt))
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaigns (`+campaignColumns+`) VALUES (`+placeholders(len(args))+`)`, args...); err != nil {
			return writeErr("保存联络活动“"+c.Name+"”", err)
		}
		return writeAudit(ctx, tx, app.KindCampaign, c.ID, app.Diff(app.Campaign{}, c), c.UpdatedBy, c.UpdatedAt)
	})
}

// UpdateCampaign saves an edited campaign read at `read`.
func (s *Store) UpdateCampaign(ctx context.Context, c app.Campaign, read time.Time) error {
	args, err := campaignArgs(c)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "campaigns", c.ID, read); err != nil {
			return fmt.Errorf("保存联络活动“%s”：%w", c.Name, err)
		}
		old, err := getCampaign(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		args = append(args, stamp(c.UpdatedAt), c.UpdatedBy, c.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET name = ?, occasion = ?, starts_on = ?, ends_on = ?, filter = ?,
			task_title = ?, assignee = ?, notes = ?, updated_at = ?, updated_by = ? WHERE id = ?`, args...); err != nil {
			return writeErr("保存联络活动“"+c.Name+"”", err)
		}
		return writeAudit(ctx, tx, app.KindCampaign, c.ID, app.Diff(old, c), c.UpdatedBy, c.UpdatedAt)
	})
}

// Campaign reads one campaign.
func (s *Store) Campaign(ctx context.Context, id string) (app.Campaign, error) {
	return getCampaign(ctx, s.db, id)
}

func getCampaign(ctx context.Context, q querier, id string) (app.Campaign, error) {
	c, err := scanCampaign(q.QueryRowContext(ctx, `SELECT `+campaignColumns+` FROM campaigns WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return c, fmt.Errorf("联络活动 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("读取联络活动：%w", err)
	}
	return c, nil
}

// Campaigns lists the live campaigns, latest start first.
func (s *Store) Campaigns(ctx context.Context) ([]app.Campaign, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+campaignColumns+` FROM campaigns WHERE deleted_at IS NULL ORDER BY starts_on DESC, id`)
	if err != nil {
		return nil, fmt.Errorf("列出联络活动：%w", err)
	}
	defer rows.Close()
	var out []app.Campaign
	for rows.Next() {
		c, err := scanCampaign(rows)
		if err != nil {
			return nil, fmt.Errorf("列出联络活动：%w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CampaignTasks lists the live tasks of a campaign whose person is live.
func (s *Store) CampaignTasks(ctx context.Context, campaignID string) ([]app.Task, error) {
	return s.tasks(ctx, `WHERE t.deleted_at IS NULL AND t.campaign_id = ?
		AND t.person_id IN (SELECT id FROM people WHERE deleted_at IS NULL)`, campaignID)
}

// ContactedBetween gives the live people who took part in a live activity dated in [from, to].
func (s *Store) ContactedBetween(ctx context.Context, from, to app.Date) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT ap.person_id FROM activity_people ap
		JOIN activities a ON a.id = ap.activity_id JOIN people p ON p.id = ap.person_id
		WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND a.on_date >= ? AND a.on_date <= ?`, from.String(), to.String())
	if err != nil {
		return nil, fmt.Errorf("读取联络情况：%w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("读取联络情况：%w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// CreateTasks inserts tasks in one transaction, auditing each.
func (s *Store) CreateTasks(ctx context.Context, ts []app.Task) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range ts {
			if err := insertTask(ctx, tx, t); err != nil {
				return err
			}
			if err := writeAudit(ctx, tx, app.KindTask, t.ID, app.Diff(app.Task{}, t), t.UpdatedBy, t.UpdatedAt); err != nil {
				return err
			}
		}
		return nil
	})
}

// TasksFromActivities gives the activities among ids that a live task was made from.
func (s *Store) TasksFromActivities(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT activity_id FROM tasks
		WHERE deleted_at IS NULL AND activity_id IN (SELECT value FROM json_each(?))`, string(b))
	if err != nil {
		return nil, fmt.Errorf("读取跟进生成的任务：%w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("读取跟进生成的任务：%w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
