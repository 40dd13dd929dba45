package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ganzhao/app"
)

const chamberColumns = `name, city, kind, notes, ` + metaColumns

func scanChamber(row interface{ Scan(...any) error }) (app.Chamber, error) {
	var c app.Chamber
	var m meta
	if err := row.Scan(append([]any{&c.Name, &c.City, &c.Kind, &c.Notes}, m.dest()...)...); err != nil {
		return c, err
	}
	var sc scanner
	c.Meta = m.meta(&sc)
	return c, sc.err
}

// CreateChamber inserts a chamber and audits every field set.
func (s *Store) CreateChamber(ctx context.Context, c app.Chamber) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertChamber(ctx, tx, c); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindChamber, c.ID, app.Diff(app.Chamber{}, c), c.UpdatedBy, c.UpdatedAt)
	})
}

func insertChamber(ctx context.Context, tx *sql.Tx, c app.Chamber) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO chambers (`+chamberColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Name, c.City, c.Kind, c.Notes, c.ID, stamp(c.CreatedAt), stamp(c.UpdatedAt), c.UpdatedBy, nullStamp(c.DeletedAt))
	return writeErr("保存商会“"+c.Name+"”", err)
}

// UpdateChamber saves an edited chamber read at `read`.
func (s *Store) UpdateChamber(ctx context.Context, c app.Chamber, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "chambers", c.ID, read); err != nil {
			return fmt.Errorf("保存商会“%s”：%w", c.Name, err)
		}
		old, err := getChamber(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE chambers SET name = ?, city = ?, kind = ?, notes = ?, updated_at = ?, updated_by = ?
			WHERE id = ?`, c.Name, c.City, c.Kind, c.Notes, stamp(c.UpdatedAt), c.UpdatedBy, c.ID)
		if err != nil {
			return writeErr("保存商会“"+c.Name+"”", err)
		}
		return writeAudit(ctx, tx, app.KindChamber, c.ID, app.Diff(old, c), c.UpdatedBy, c.UpdatedAt)
	})
}

// Chamber reads one chamber with its live members.
func (s *Store) Chamber(ctx context.Context, id string) (app.Chamber, error) {
	return getChamber(ctx, s.db, id)
}

func getChamber(ctx context.Context, q querier, id string) (app.Chamber, error) {
	c, err := scanChamber(q.QueryRowContext(ctx, `SELECT `+chamberColumns+` FROM chambers WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return c, fmt.Errorf("商会 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("读取商会：%w", err)
	}
	members, err := membersOf(ctx, q, `WHERE m.chamber_id = ?`, id)
	c.Members = members[id]
	return c, err
}

func membersOf(ctx context.Context, q querier, where string, args ...any) (map[string][]app.ChamberMember, error) {
	if where == "" {
		where = "WHERE 1"
	}
	rows, err := q.QueryContext(ctx, `SELECT m.chamber_id, m.person_id, p.name, m.role FROM chamber_members m
		JOIN people p ON p.id = m.person_id `+where+` AND p.deleted_at IS NULL ORDER BY m.chamber_id, p.name`, args...)
	if err != nil {
		return nil, fmt.Errorf("读取商会成员：%w", err)
	}
	defer rows.Close()
	out := map[string][]app.ChamberMember{}
	for rows.Next() {
		var id string
		var m app.ChamberMember
		if err := rows.Scan(&id, &m.PersonID, &m.PersonName, &m.Role); err != nil {
			return nil, fmt.Errorf("读取商会成员：%w", err)
		}
		out[id] = append(out[id], m)
	}
	return out, rows.Err()
}

// Chambers lists live chambers with their members, by name.
func (s *Store) Chambers(ctx context.Context) ([]app.Chamber, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+chamberColumns+` FROM chambers WHERE deleted_at IS NULL ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("列出商会：%w", err)
	}
	defer rows.Close()
	var out []app.Chamber
	for rows.Next() {
		c, err := scanChamber(rows)
		if err != nil {
			return nil, fmt.Errorf("列出商会：%w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	members, err := membersOf(ctx, s.db, "")
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Members = members[out[i].ID]
	}
	return out, nil
}
