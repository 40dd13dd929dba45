package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"ganzhao/app"
)

// recycled describes how the recycle bin reaches each kind of record: its table and the
// expression that names a row for the user.
var recycled = map[app.EntityKind]struct{ table, name string }{
	app.KindEnterprise:     {"enterprises", "name"},
	app.KindPerson:         {"people", "name"},
	app.KindChamber:        {"chambers", "name"},
	app.KindProject:        {"projects", "name"},
	app.KindTask:           {"tasks", "title"},
	app.KindActivity:       {"activities", "on_date || ' ' || kind || ' ' || substr(summary, 1, 30)"},
	app.KindFund:           {"funds", "name"},
	app.KindFundInvestment: {"fund_investments", "on_date || ' ' || amount"},
	app.KindArrival:        {"arrivals", "month || ' ' || source || ' ' || amount"},
	app.KindRelationship:   {"relationships", "(SELECT name FROM people WHERE id = from_id) || ' ' || kind || ' ' || (SELECT name FROM people WHERE id = to_id)"},
	app.KindEvent:          {"events", "on_date || ' ' || name"},
	app.KindCampaign:       {"campaigns", "name"},
	app.KindTrip:           {"trips", "starts_on || ' ' || destination"},
	app.KindFundLP:         {"fund_lps", "(SELECT name FROM enterprises WHERE id = enterprise_id) || ' 认缴 ' || subscribed"},
}

// SoftDelete moves a record to the recycle bin. Its rows of links (activity links,
// memberships, investments, tasks, history) stay where they are; lists stop showing them
// while the record is in the bin, and Restore brings them back unchanged.
func (s *Store) SoftDelete(ctx context.Context, kind app.EntityKind, id, who string, at time.Time) error {
	return s.setDeleted(ctx, kind, id, who, at, true)
}

// Restore takes a record out of the recycle bin with all its links.
func (s *Store) Restore(ctx context.Context, kind app.EntityKind, id, who string, at time.Time) error {
	return s.setDeleted(ctx, kind, id, who, at, false)
}

func (s *Store) setDeleted(ctx context.Context, kind app.EntityKind, id, who string, at time.Time, del bool) error {
	r, ok := recycled[kind]
	if !ok {
		return fmt.Errorf("未知的记录类型 %q", kind)
	}
	verb := "删除"
	if !del {
		verb = "恢复"
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var deleted sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT deleted_at FROM `+r.table+` WHERE id = ?`, id).Scan(&deleted)
		switch {
		case err == sql.ErrNoRows:
			return fmt.Errorf("%s%s：%w", verb, kind.Label(), app.ErrNotFound)
		case err != nil:
			return fmt.Errorf("%s%s：%w", verb, kind.Label(), err)
		case deleted.Valid == del: // already where it is asked to go
			return fmt.Errorf("%s%s：%w", verb, kind.Label(), app.ErrNotFound)
		}
		var newDeleted any
		oldText, newText := deleted.String, ""
		if del {
			newDeleted, newText = stamp(at), stamp(at)
		}
		_, err = tx.ExecContext(ctx, `UPDATE `+r.table+` SET deleted_at = ?, deleted_by = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
			newDeleted, who, stamp(at), who, id)
		if err != nil {
			return writeErr(verb+kind.Label(), err)
		}
		return writeAudit(ctx, tx, kind, id, []app.FieldChange{{Field: "deleted_at", Old: oldText, New: newText}}, who, at)
	})
}

// RecycleBin lists every record in the recycle bin, most recently deleted first.
func (s *Store) RecycleBin(ctx context.Context) ([]app.DeletedRecord, error) {
	var out []app.DeletedRecord
	for _, kind := range app.EntityKinds {
		r := recycled[kind]
		rows, err := s.db.QueryContext(ctx, `SELECT id, `+r.name+`, deleted_at, deleted_by FROM `+r.table+` WHERE deleted_at IS NOT NULL`)
		if err != nil {
			return nil, fmt.Errorf("读取回收站：%w", err)
		}
		for rows.Next() {
			d := app.DeletedRecord{Kind: kind}
			var at string
			var name sql.NullString
			if err := rows.Scan(&d.ID, &name, &at, &d.DeletedBy); err != nil {
				rows.Close()
				return nil, fmt.Errorf("读取回收站：%w", err)
			}
			d.Name = name.String
			if d.DeletedAt, err = parseStamp(at); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, d)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DeletedAt.After(out[j].DeletedAt) })
	return out, nil
}
