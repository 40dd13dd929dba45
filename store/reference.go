package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"ganzhao/app"
)

// ApplyReference applies each reference set whose version is not yet recorded, in its own
// transaction with its record. Rows that exist already (by key) are left as the user edited
// them: a seed adds, it never overwrites.
func (s *Store) ApplyReference(ctx context.Context, sets []app.ReferenceSet) (int, error) {
	applied := 0
	for _, set := range sets {
		skipped := false
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			// Checked inside the immediate transaction, so two processes opening the same
			// file at once cannot both apply a set.
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM reference_sets WHERE version = ?`, set.Version).Scan(&n); err != nil {
				return fmt.Errorf("读取基础数据版本：%w", err)
			}
			if n > 0 {
				skipped = true
				return nil
			}
			for _, d := range set.Divisions {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO divisions (code, name, level, parent_code) VALUES (?, ?, ?, ?)`,
					d.Code, d.Name, d.Level, nullID(d.ParentCode)); err != nil {
					return fmt.Errorf("行政区划 %s：%w", d.Name, err)
				}
			}
			for _, z := range set.Zones {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO zones (id, name, level, division_code, industries, builtin)
					VALUES (?, ?, ?, ?, ?, ?)`, z.ID, z.Name, string(z.Level), nullID(z.DivisionCode), z.Industries, boolInt(z.Builtin)); err != nil {
					return fmt.Errorf("开发区 %s：%w", z.Name, err)
				}
			}
			for _, c := range set.Chains {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO chains (id, name, plan, sort, builtin) VALUES (?, ?, ?, ?, ?)`,
					c.ID, c.Name, c.Plan, c.Sort, boolInt(c.Builtin)); err != nil {
					return fmt.Errorf("产业链 %s：%w", c.Name, err)
				}
			}
			for _, v := range set.Vocab {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO vocab (kind, name, note, sort, builtin) VALUES (?, ?, ?, ?, ?)`,
					v.Kind, v.Name, v.Note, v.Sort, boolInt(v.Builtin)); err != nil {
					return fmt.Errorf("词表 %s：%w", v.Name, err)
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO reference_sets (version, name, applied_at) VALUES (?, ?, ?)`,
				set.Version, set.Name, stamp(time.Now()))
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("载入基础数据“%s”（第%d版）失败：%w", set.Name, set.Version, err)
		}
		if !skipped {
			applied++
		}
	}
	return applied, nil
}

// Divisions lists the divisions, cities first, by code.
func (s *Store) Divisions(ctx context.Context) ([]app.Division, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT code, name, level, COALESCE(parent_code, '') FROM divisions ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("读取行政区划：%w", err)
	}
	defer rows.Close()
	var out []app.Division
	for rows.Next() {
		var d app.Division
		if err := rows.Scan(&d.Code, &d.Name, &d.Level, &d.ParentCode); err != nil {
			return nil, fmt.Errorf("读取行政区划：%w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Zones lists the development zones, national ones first, then by name.
func (s *Store) Zones(ctx context.Context) ([]app.Zone, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, level, COALESCE(division_code, ''), industries, builtin FROM zones
		ORDER BY CASE level WHEN '国家级新区' THEN 0 WHEN '国家级经开区' THEN 1 WHEN '国家高新区' THEN 2 ELSE 3 END, name`)
	if err != nil {
		return nil, fmt.Errorf("读取开发区：%w", err)
	}
	defer rows.Close()
	var out []app.Zone
	for rows.Next() {
		var z app.Zone
		var level string
		if err := rows.Scan(&z.ID, &z.Name, &level, &z.DivisionCode, &z.Industries, &z.Builtin); err != nil {
			return nil, fmt.Errorf("读取开发区：%w", err)
		}
		z.Level = app.ZoneLevel(level)
		out = append(out, z)
	}
	return out, rows.Err()
}

// SaveZone inserts or updates a zone.
func (s *Store) SaveZone(ctx context.Context, z app.Zone) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO zones (id, name, level, division_code, industries, builtin) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, division_code = excluded.division_code,
		industries = excluded.industries`, z.ID, z.Name, string(z.Level), nullID(z.DivisionCode), z.Industries, boolInt(z.Builtin))
	return writeErr("保存开发区“"+z.Name+"”", err)
}

// Chains lists the industry chains by plan and position.
func (s *Store) Chains(ctx context.Context) ([]app.Chain, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, plan, sort, builtin FROM chains ORDER BY plan, sort, name`)
	if err != nil {
		return nil, fmt.Errorf("读取产业链：%w", err)
	}
	defer rows.Close()
	var out []app.Chain
	for rows.Next() {
		var c app.Chain
		if err := rows.Scan(&c.ID, &c.Name, &c.Plan, &c.Sort, &c.Builtin); err != nil {
			return nil, fmt.Errorf("读取产业链：%w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveChain inserts or updates a chain.
func (s *Store) SaveChain(ctx context.Context, c app.Chain) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO chains (id, name, plan, sort, builtin) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, plan = excluded.plan, sort = excluded.sort`,
		c.ID, c.Name, c.Plan, c.Sort, boolInt(c.Builtin))
	return writeErr("保存产业链“"+c.Name+"”", err)
}

// Vocab lists one vocabulary in order.
func (s *Store) Vocab(ctx context.Context, kind string) ([]app.VocabItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, name, note, sort, builtin FROM vocab WHERE kind = ? ORDER BY sort, name`, kind)
	if err != nil {
		return nil, fmt.Errorf("读取词表：%w", err)
	}
	defer rows.Close()
	var out []app.VocabItem
	for rows.Next() {
		var v app.VocabItem
		if err := rows.Scan(&v.Kind, &v.Name, &v.Note, &v.Sort, &v.Builtin); err != nil {
			return nil, fmt.Errorf("读取词表：%w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SaveVocab inserts or updates a vocabulary item.
func (s *Store) SaveVocab(ctx context.Context, v app.VocabItem) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO vocab (kind, name, note, sort, builtin) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (kind, name) DO UPDATE SET note = excluded.note, sort = excluded.sort`, v.Kind, v.Name, v.Note, v.Sort, boolInt(v.Builtin))
	return writeErr("保存词表“"+v.Name+"”", err)
}

// settingsKey is the single settings row; the whole Settings value is kept as JSON so that
// a new setting needs no migration.
const settingsKey = "settings"

// Settings reads the settings; a new database has defaults.
func (s *Store) Settings(ctx context.Context) (app.Settings, error) { return readSettings(ctx, s.db) }

func readSettings(ctx context.Context, q querier) (app.Settings, error) {
	st := app.Settings{StaleDays: app.DefaultStaleDays()}
	var raw string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingsKey).Scan(&raw)
	if err == sql.ErrNoRows {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("读取设置：%w", err)
	}
	if err := json.Unmarshal([]byte(raw), &st); err != nil {
		return st, fmt.Errorf("设置无法读取：%w", err)
	}
	return st, nil
}

// SaveSettings writes the settings and audits each changed field.
func (s *Store) SaveSettings(ctx context.Context, st app.Settings, who string, at time.Time) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := readSettings(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingsKey, string(b)); err != nil {
			return fmt.Errorf("保存设置：%w", err)
		}
		return writeAudit(ctx, tx, app.KindSettings, settingsKey, app.Diff(old, st), who, at)
	})
}
