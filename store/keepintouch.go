package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"ganzhao/app"
)

// PeopleDates reads the live people with important dates, in no particular order.
func (s *Store) PeopleDates(ctx context.Context) ([]app.PersonDates, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, keeper, important_dates FROM people
		WHERE deleted_at IS NULL AND important_dates <> '[]' AND important_dates <> ''`)
	if err != nil {
		return nil, fmt.Errorf("读取重要日期：%w", err)
	}
	defer rows.Close()
	var out []app.PersonDates
	for rows.Next() {
		var p app.PersonDates
		var dates string
		if err := rows.Scan(&p.ID, &p.Name, &p.Keeper, &dates); err != nil {
			return nil, fmt.Errorf("读取重要日期：%w", err)
		}
		if err := json.Unmarshal([]byte(dates), &p.Dates); err != nil {
			return nil, fmt.Errorf("人物“%s”的重要日期无法读取：%w", p.Name, err)
		}
		if len(p.Dates) > 0 {
			out = append(out, p)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("读取重要日期：%w", err)
	}
	return out, nil
}

// Snoozes reads the reminders put off until after a day, by key.
func (s *Store) Snoozes(ctx context.Context, after app.Date) (map[string]app.Snooze, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, until, action, updated_at, updated_by FROM reminder_snoozes WHERE until > ?`, after.String())
	if err != nil {
		return nil, fmt.Errorf("读取暂缓的提醒：%w", err)
	}
	defer rows.Close()
	out := map[string]app.Snooze{}
	for rows.Next() {
		var sn app.Snooze
		var until sql.NullString
		var at string
		if err := rows.Scan(&sn.Key, &until, &sn.Action, &at, &sn.UpdatedBy); err != nil {
			return nil, fmt.Errorf("读取暂缓的提醒：%w", err)
		}
		var sc scanner
		sn.Until, sn.UpdatedAt = sc.date(until), sc.stamp(at)
		if sc.err != nil {
			return nil, fmt.Errorf("读取暂缓的提醒：%w", sc.err)
		}
		out[sn.Key] = sn
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("读取暂缓的提醒：%w", err)
	}
	return out, nil
}

// SaveSnooze puts a reminder off, replacing an earlier snooze of the same key.
func (s *Store) SaveSnooze(ctx context.Context, sn app.Snooze) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO reminder_snoozes (key, until, action, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET until = excluded.until, action = excluded.action,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		sn.Key, sn.Until.String(), sn.Action, stamp(sn.UpdatedAt), sn.UpdatedBy)
	if err != nil {
		return classify(fmt.Errorf("暂缓提醒：%w", err))
	}
	return nil
}
