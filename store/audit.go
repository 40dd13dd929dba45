package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ganzhao/app"
)

// querier is what both *sql.DB and *sql.Tx offer, so that reads can run inside or outside a
// transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// writeAudit appends one audit row per changed field.
func writeAudit(ctx context.Context, q querier, kind app.EntityKind, id string, changes []app.FieldChange, who string, at time.Time) error {
	if len(changes) == 0 {
		return nil
	}
	if tx, ok := q.(*sql.Tx); ok && len(changes) > 1 { // several rows: one statement
		st := newTxStmts(tx)
		defer st.close()
		q = st
	}
	ts := stamp(at)
	for _, c := range changes {
		if _, err := q.ExecContext(ctx, `INSERT INTO audit_log (entity, entity_id, field, old_value, new_value, who, at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, string(kind), id, c.Field, c.Old, c.New, who, ts); err != nil {
			return fmt.Errorf("写审计日志：%w", err)
		}
	}
	return nil
}

// Audit returns the audit log of one record, oldest first.
func (s *Store) Audit(ctx context.Context, kind app.EntityKind, id string) ([]app.AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, entity, entity_id, field, old_value, new_value, who, at
		FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq`, string(kind), id)
	if err != nil {
		return nil, fmt.Errorf("读取审计日志：%w", err)
	}
	defer rows.Close()
	var out []app.AuditEntry
	for rows.Next() {
		var e app.AuditEntry
		var entity, at string
		if err := rows.Scan(&e.Seq, &entity, &e.EntityID, &e.Field, &e.Old, &e.New, &e.Who, &at); err != nil {
			return nil, fmt.Errorf("读取审计日志：%w", err)
		}
		e.Entity = app.EntityKind(entity)
		if e.At, err = parseStamp(at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// checkVersion makes sure the record id in table exists, is not in the recycle bin and was
// last updated at read; otherwise ErrNotFound or ErrConflict.
func checkVersion(ctx context.Context, q querier, table, id string, read time.Time) error {
	var updated string
	var deleted sql.NullString
	err := q.QueryRowContext(ctx, `SELECT updated_at, deleted_at FROM `+table+` WHERE id = ?`, id).Scan(&updated, &deleted)
	switch {
	case err == sql.ErrNoRows || (err == nil && deleted.Valid):
		return app.ErrNotFound
	case err != nil:
		return err
	case updated != stamp(read):
		return app.ErrConflict
	}
	return nil
}
