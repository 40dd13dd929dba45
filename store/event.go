package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ganzhao/app"
)

const eventColumns = `name, kind, on_date, place, level, organiser, notes, ` + metaColumns

func eventArgs(e app.Event) []any {
	return []any{e.Name, string(e.Kind), e.On.String(), e.Place, string(e.Level), e.Organiser, e.Notes}
}

func scanEvent(row interface{ Scan(...any) error }) (app.Event, error) {
	var e app.Event
	var on sql.NullString
	var m meta
	if err := row.Scan(append([]any{&e.Name, &e.Kind, &on, &e.Place, &e.Level, &e.Organiser, &e.Notes}, m.dest()...)...); err != nil {
		return e, err
	}
	var sc scanner
	e.Meta, e.On = m.meta(&sc), sc.date(on)
	return e, sc.err
}

// CreateEvent inserts an event with its guests and signed projects and audits every field set.
func (s *Store) CreateEvent(ctx context.Context, e app.Event) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		args := append(eventArgs(e), e.ID, stamp(e.CreatedAt), stamp(e.UpdatedAt), e.UpdatedBy, nullStamp(e.DeletedAt))
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (`+eventColumns+`) VALUES (`+placeholders(len(args))+`)`, args...); err != nil {
			return writeErr("保存活动“"+e.Name+"”", err)
		}
		if err := saveEventLinks(ctx, tx, e, false); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindEvent, e.ID, app.Diff(app.Event{}, e), e.UpdatedBy, e.UpdatedAt)
	})
}

// saveEventLinks writes the guests and signings. On update, links to records in the recycle
// bin (which the caller did not see) are kept, so that restoring the record brings them back.
func saveEventLinks(ctx context.Context, tx *sql.Tx, e app.Event, update bool) error {
	if update {
		for _, q := range []string{
			`DELETE FROM event_people WHERE event_id = ? AND person_id IN (SELECT id FROM people WHERE deleted_at IS NULL)`,
			`DELETE FROM event_projects WHERE event_id = ? AND project_id IN (SELECT id FROM projects WHERE deleted_at IS NULL)`,
		} {
			if _, err := tx.ExecContext(ctx, q, e.ID); err != nil {
				return fmt.Errorf("保存活动关联：%w", err)
			}
		}
	}
	for i, g := range e.Guests {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO event_people (event_id, person_id, attended, position) VALUES (?, ?, ?, ?)`,
			e.ID, g.PersonID, boolInt(g.Attended), i); err != nil {
			return writeErr("保存活动嘉宾", err)
		}
	}
	for i, sg := range e.Signings {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO event_projects (event_id, project_id, amount, position) VALUES (?, ?, ?, ?)`,
			e.ID, sg.ProjectID, int64(sg.Amount), i); err != nil {
			return writeErr("保存活动签约项目", err)
		}
	}
	return nil
}

// UpdateEvent saves an edited event read at `read`.
func (s *Store) UpdateEvent(ctx context.Context, e app.Event, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "events", e.ID, read); err != nil {
			return fmt.Errorf("保存活动“%s”：%w", e.Name, err)
		}
		old, err := getEvent(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		args := append(eventArgs(e), stamp(e.UpdatedAt), e.UpdatedBy, e.ID)
		_, err = tx.ExecContext(ctx, `UPDATE events SET name = ?, kind = ?, on_date = ?, place = ?, level = ?, organiser = ?,
			notes = ?, updated_at = ?, updated_by = ? WHERE id = ?`, args...)
		if err != nil {
			return writeErr("保存活动“"+e.Name+"”", err)
		}
		if err := saveEventLinks(ctx, tx, e, true); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindEvent, e.ID, app.Diff(old, e), e.UpdatedBy, e.UpdatedAt)
	})
}

// Event reads one event with its links to live records.
func (s *Store) Event(ctx context.Context, id string) (app.Event, error) {
	return getEvent(ctx, s.db, id)
}

func getEvent(ctx context.Context, q querier, id string) (app.Event, error) {
	e, err := scanEvent(q.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return e, fmt.Errorf("活动 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("读取活动：%w", err)
	}
	return e, fillEventLinks(ctx, q, []*app.Event{&e})
}

func fillEventLinks(ctx context.Context, q querier, events []*app.Event) error {
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	guests, err := childrenOf(ctx, q, ids, guestsOf, "l.event_id")
	if err != nil {
		return err
	}
	signings, err := childrenOf(ctx, q, ids, signingsOf, "l.event_id")
	if err != nil {
		return err
	}
	for _, e := range events {
		e.Guests, e.Signings = guests[e.ID], signings[e.ID]
	}
	return nil
}

// guestsOf reads the guests who are not in the recycle bin, in the order they were saved.
func guestsOf(ctx context.Context, q querier, where string, args ...any) (map[string][]app.Guest, error) {
	if where == "" {
		where = "WHERE 1"
	}
	rows, err := q.QueryContext(ctx, `SELECT l.event_id, l.person_id, l.attended FROM event_people l
		JOIN people t ON t.id = l.person_id `+where+` AND t.deleted_at IS NULL ORDER BY l.event_id, l.position, l.rowid`, args...)
	if err != nil {
		return nil, fmt.Errorf("读取活动嘉宾：%w", err)
	}
	defer rows.Close()
	out := map[string][]app.Guest{}
	for rows.Next() {
		var id string
		var g app.Guest
		if err := rows.Scan(&id, &g.PersonID, &g.Attended); err != nil {
			return nil, fmt.Errorf("读取活动嘉宾：%w", err)
		}
		out[id] = append(out[id], g)
	}
	return out, rows.Err()
}

// signingsOf reads the signed projects that are not in the recycle bin.
func signingsOf(ctx context.Context, q querier, where string, args ...any) (map[string][]app.EventSigning, error) {
	if where == "" {
		where = "WHERE 1"
	}
	rows, err := q.QueryContext(ctx, `SELECT l.event_id, l.project_id, l.amount FROM event_projects l
		JOIN projects t ON t.id = l.project_id `+where+` AND t.deleted_at IS NULL ORDER BY l.event_id, l.position, l.rowid`, args...)
	if err != nil {
		return nil, fmt.Errorf("读取活动签约项目：%w", err)
	}
	defer rows.Close()
	out := map[string][]app.EventSigning{}
	for rows.Next() {
		var id string
		var sg app.EventSigning
		if err := rows.Scan(&id, &sg.ProjectID, &sg.Amount); err != nil {
			return nil, fmt.Errorf("读取活动签约项目：%w", err)
		}
		out[id] = append(out[id], sg)
	}
	return out, rows.Err()
}

// Events lists live events matching f, newest first.
func (s *Store) Events(ctx context.Context, f app.EventFilter) ([]app.Event, error) {
	where, args := `WHERE deleted_at IS NULL`, []any{}
	if !f.From.IsZero() {
		where += ` AND on_date >= ?`
		args = append(args, f.From.String())
	}
	if !f.To.IsZero() {
		where += ` AND on_date <= ?`
		args = append(args, f.To.String())
	}
	if f.Query != "" {
		where += ` AND (instr(name, ?) > 0 OR instr(place, ?) > 0 OR instr(organiser, ?) > 0)`
		args = append(args, f.Query, f.Query, f.Query)
	}
	if f.PersonID != "" {
		where += ` AND id IN (SELECT event_id FROM event_people WHERE person_id = ?)`
		args = append(args, f.PersonID)
	}
	q := `SELECT ` + eventColumns + ` FROM events ` + where + ` ORDER BY on_date DESC, created_at DESC, id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("列出活动：%w", err)
	}
	defer rows.Close()
	var out []app.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("列出活动：%w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("列出活动：%w", err)
	}
	ptrs := make([]*app.Event, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, fillEventLinks(ctx, s.db, ptrs)
}
