package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ganzhao/app"
)

const arrivalColumns = `project_id, month, amount, source, note, ` + metaColumns

func scanArrival(row interface{ Scan(...any) error }) (app.Arrival, error) {
	var a app.Arrival
	var month, source string
	var m meta
	if err := row.Scan(append([]any{&a.ProjectID, &month, &a.Amount, &source, &a.Note}, m.dest()...)...); err != nil {
		return a, err
	}
	var sc scanner
	a.Meta, a.Source = m.meta(&sc), app.ArrivalSource(source)
	mo, err := app.ParseMonth(month)
	if err != nil && sc.err == nil {
		sc.err = err
	}
	a.Month = mo
	return a, sc.err
}

// CreateArrival records a month's arrived funds of a project from one source; a second row
// for the same project, month and source is refused with ErrDuplicate.
func (s *Store) CreateArrival(ctx context.Context, a app.Arrival) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertArrival(ctx, tx, a); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindArrival, a.ID, app.Diff(app.Arrival{}, a), a.UpdatedBy, a.UpdatedAt)
	})
}

func insertArrival(ctx context.Context, tx *sql.Tx, a app.Arrival) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO arrivals (`+arrivalColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ProjectID, a.Month.String(), int64(a.Amount), string(a.Source), a.Note,
		a.ID, stamp(a.CreatedAt), stamp(a.UpdatedAt), a.UpdatedBy, nullStamp(a.DeletedAt))
	return writeErr(fmt.Sprintf("保存%s到位资金", a.Month), err)
}

// UpdateArrival saves an edited arrival read at `read`.
func (s *Store) UpdateArrival(ctx context.Context, a app.Arrival, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "arrivals", a.ID, read); err != nil {
			return fmt.Errorf("保存到位资金：%w", err)
		}
		old, err := getArrival(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE arrivals SET project_id = ?, month = ?, amount = ?, source = ?, note = ?,
			updated_at = ?, updated_by = ? WHERE id = ?`,
			a.ProjectID, a.Month.String(), int64(a.Amount), string(a.Source), a.Note, stamp(a.UpdatedAt), a.UpdatedBy, a.ID)
		if err != nil {
			return writeErr(fmt.Sprintf("保存%s到位资金", a.Month), err)
		}
		return writeAudit(ctx, tx, app.KindArrival, a.ID, app.Diff(old, a), a.UpdatedBy, a.UpdatedAt)
	})
}

// Arrival reads one arrival.
func (s *Store) Arrival(ctx context.Context, id string) (app.Arrival, error) {
	return getArrival(ctx, s.db, id)
}

func getArrival(ctx context.Context, q querier, id string) (app.Arrival, error) {
	a, err := scanArrival(q.QueryRowContext(ctx, `SELECT `+arrivalColumns+` FROM arrivals WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return a, fmt.Errorf("到位资金 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("读取到位资金：%w", err)
	}
	return a, nil
}

// Arrivals lists a project's live arrivals by month and source.
func (s *Store) Arrivals(ctx context.Context, projectID string) ([]app.Arrival, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+arrivalColumns+` FROM arrivals WHERE project_id = ? AND deleted_at IS NULL
		ORDER BY month, source`, projectID)
	if err != nil {
		return nil, fmt.Errorf("列出到位资金：%w", err)
	}
	defer rows.Close()
	var out []app.Arrival
	for rows.Next() {
		a, err := scanArrival(rows)
		if err != nil {
			return nil, fmt.Errorf("列出到位资金：%w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
