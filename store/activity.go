package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ganzhao/app"
)

const activityColumns = `kind, on_date, place, summary, next_step, next_due, by_whom, trip_id, ` + metaColumns

// activityLinks are the link tables of an activity: table, column, and the linked table
// whose recycle bin hides a link.
var activityLinks = []struct{ table, column, target string }{
	{"activity_projects", "project_id", "projects"},
	{"activity_enterprises", "enterprise_id", "enterprises"},
	{"activity_people", "person_id", "people"},
}

func activityArgs(a app.Activity) []any {
	return []any{a.Kind, a.On.String(), a.Place, a.Summary, a.NextStep, dateArg(a.NextDue), a.By, nullID(a.TripID)}
}

func scanActivity(row interface{ Scan(...any) error }) (app.Activity, error) {
	var a app.Activity
	var on, next, trip sql.NullString
	var m meta
	if err := row.Scan(append([]any{&a.Kind, &on, &a.Place, &a.Summary, &a.NextStep, &next, &a.By, &trip}, m.dest()...)...); err != nil {
		return a, err
	}
	var sc scanner
	a.Meta, a.On, a.NextDue, a.TripID = m.meta(&sc), sc.date(on), sc.date(next), trip.String
	return a, sc.err
}

// linkLists returns the activity's three link lists in activityLinks order.
func linkLists(a *app.Activity) []*[]string {
	return []*[]string{&a.ProjectIDs, &a.EnterpriseIDs, &a.PersonIDs}
}

// CreateActivity inserts an activity with its links and audits every field set.
func (s *Store) CreateActivity(ctx context.Context, a app.Activity) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertActivity(ctx, tx, a); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindActivity, a.ID, app.Diff(app.Activity{}, a), a.UpdatedBy, a.UpdatedAt)
	})
}

func insertActivity(ctx context.Context, tx *sql.Tx, a app.Activity) error {
	args := append(activityArgs(a), a.ID, stamp(a.CreatedAt), stamp(a.UpdatedAt), a.UpdatedBy, nullStamp(a.DeletedAt))
	if _, err := tx.ExecContext(ctx, `INSERT INTO activities (`+activityColumns+`) VALUES (`+placeholders(len(args))+`)`, args...); err != nil {
		return writeErr("保存跟进记录", err)
	}
	return saveActivityLinks(ctx, tx, a, false)
}

// saveActivityLinks writes the activity's links. On update, links to records in the recycle
// bin (which the caller did not see) are kept, so that restoring such a record brings its link
// back.
func saveActivityLinks(ctx context.Context, tx *sql.Tx, a app.Activity, update bool) error {
	for i, l := range activityLinks {
		if update {
			_, err := tx.ExecContext(ctx, `DELETE FROM `+l.table+` WHERE activity_id = ? AND `+l.column+` IN
				(SELECT id FROM `+l.target+` WHERE deleted_at IS NULL)`, a.ID)
			if err != nil {
				return fmt.Errorf("保存跟进关联：%w", err)
			}
		}
		for _, id := range *linkLists(&a)[i] {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO `+l.table+` (activity_id, `+l.column+`) VALUES (?, ?)`, a.ID, id); err != nil {
				return writeErr("保存跟进关联", err)
			}
		}
	}
	return nil
}

// UpdateActivity saves an edited activity read at `read`.
func (s *Store) UpdateActivity(ctx context.Context, a app.Activity, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "activities", a.ID, read); err != nil {
			return fmt.Errorf("保存跟进记录：%w", err)
		}
		old, err := getActivity(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		args := append(activityArgs(a), stamp(a.UpdatedAt), a.UpdatedBy, a.ID)
		_, err = tx.ExecContext(ctx, `UPDATE activities SET kind = ?, on_date = ?, place = ?, summary = ?, next_step = ?,
			next_due = ?, by_whom = ?, trip_id = ?, updated_at = ?, updated_by = ? WHERE id = ?`, args...)
		if err != nil {
			return writeErr("保存跟进记录", err)
		}
		if err := saveActivityLinks(ctx, tx, a, true); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindActivity, a.ID, app.Diff(old, a), a.UpdatedBy, a.UpdatedAt)
	})
}

// Activity reads one activity with its links to live records.
func (s *Store) Activity(ctx context.Context, id string) (app.Activity, error) {
	return getActivity(ctx, s.db, id)
}

func getActivity(ctx context.Context, q querier, id string) (app.Activity, error) {
	a, err := scanActivity(q.QueryRowContext(ctx, `SELECT `+activityColumns+` FROM activities WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return a, fmt.Errorf("跟进记录 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("读取跟进记录：%w", err)
	}
	return a, fillActivityLinks(ctx, q, []*app.Activity{&a})
}

func fillActivityLinks(ctx context.Context, q querier, acts []*app.Activity) error {
	ids := make([]string, len(acts))
	for i, a := range acts {
		ids[i] = a.ID
	}
	for i, l := range activityLinks {
		load := func(ctx context.Context, q querier, where string, args ...any) (map[string][]string, error) {
			if where == "" {
				where = "WHERE 1"
			}
			rows, err := q.QueryContext(ctx, `SELECT l.activity_id, l.`+l.column+` FROM `+l.table+` l JOIN `+l.target+` t
				ON t.id = l.`+l.column+` `+where+` AND t.deleted_at IS NULL ORDER BY l.activity_id, l.rowid`, args...)
			if err != nil {
				return nil, fmt.Errorf("读取跟进关联：%w", err)
			}
			defer rows.Close()
			out := map[string][]string{}
			for rows.Next() {
				var a, t string
				if err := rows.Scan(&a, &t); err != nil {
					return nil, fmt.Errorf("读取跟进关联：%w", err)
				}
				out[a] = append(out[a], t)
			}
			return out, rows.Err()
		}
		links, err := childrenOf(ctx, q, ids, load, "l.activity_id")
		if err != nil {
			return err
		}
		for _, a := range acts {
			*linkLists(a)[i] = links[a.ID]
		}
	}
	return nil
}

// Activities lists live activities matching f, newest first.
func (s *Store) Activities(ctx context.Context, f app.ActivityFilter) ([]app.Activity, error) {
	where, args := `WHERE deleted_at IS NULL`, []any{}
	for i, v := range []string{f.ProjectID, f.EnterpriseID, f.PersonID} {
		if v != "" {
			l := activityLinks[i]
			where += ` AND id IN (SELECT activity_id FROM ` + l.table + ` WHERE ` + l.column + ` = ?)`
			args = append(args, v)
		}
	}
	if !f.From.IsZero() {
		where += ` AND on_date >= ?`
		args = append(args, f.From.String())
	}
	if !f.To.IsZero() {
		where += ` AND on_date <= ?`
		args = append(args, f.To.String())
	}
	order := `ORDER BY on_date DESC, created_at DESC, id`
	if f.Limit > 0 {
		order += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	return s.activities(ctx, where, order, args...)
}

// activities lists the activities a where clause selects, in the given order, with their links.
func (s *Store) activities(ctx context.Context, where, order string, args ...any) ([]app.Activity, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+activityColumns+` FROM activities `+where+` `+order, args...)
	if err != nil {
		return nil, fmt.Errorf("列出跟进记录：%w", err)
	}
	defer rows.Close()
	var out []app.Activity
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, fmt.Errorf("列出跟进记录：%w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ptrs := make([]*app.Activity, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, fillActivityLinks(ctx, s.db, ptrs)
}
