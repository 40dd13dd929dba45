package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"ganzhao/app"
)

const tripColumns = `destination, starts_on, ends_on, members, purpose, notes, ` + metaColumns

func tripArgs(t app.Trip) ([]any, error) {
	members := t.Members
	if members == nil {
		members = []string{}
	}
	b, err := json.Marshal(members)
	if err != nil {
		return nil, err
	}
	return []any{t.Destination, t.StartsOn.String(), t.EndsOn.String(), string(b), t.Purpose, t.Notes}, nil
}

func scanTrip(row interface{ Scan(...any) error }) (app.Trip, error) {
	var t app.Trip
	var starts, ends sql.NullString
	var members string
	var m meta
	if err := row.Scan(append([]any{&t.Destination, &starts, &ends, &members, &t.Purpose, &t.Notes}, m.dest()...)...); err != nil {
		return t, err
	}
	var sc scanner
	t.Meta, t.StartsOn, t.EndsOn = m.meta(&sc), sc.date(starts), sc.date(ends)
	if err := json.Unmarshal([]byte(members), &t.Members); err != nil && sc.err == nil {
		sc.err = fmt.Errorf("出差 %s 的成员无法读取：%w", t.ID, err)
	}
	if len(t.Members) == 0 {
		t.Members = nil
	}
	return t, sc.err
}

// CreateTrip inserts a trip and audits every field set.
func (s *Store) CreateTrip(ctx context.Context, t app.Trip) error {
	args, err := tripArgs(t)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		args = append(args, t.ID, stamp(t.CreatedAt), stamp(t.UpdatedAt), t.UpdatedBy, nullStamp(t.DeletedAt))
		if _, err := tx.ExecContext(ctx, `INSERT INTO trips (`+tripColumns+`) VALUES (`+placeholders(len(args))+`)`, args...); err != nil {
			return writeErr("保存出差“"+t.Destination+"”", err)
		}
		return writeAudit(ctx, tx, app.KindTrip, t.ID, app.Diff(app.Trip{}, t), t.UpdatedBy, t.UpdatedAt)
	})
}

// UpdateTrip saves an edited trip read at `read`.
func (s *Store) UpdateTrip(ctx context.Context, t app.Trip, read time.Time) error {
	args, err := tripArgs(t)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "trips", t.ID, read); err != nil {
			return fmt.Errorf("保存出差“%s”：%w", t.Destination, err)
		}
		old, err := getTrip(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		args = append(args, stamp(t.UpdatedAt), t.UpdatedBy, t.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE trips SET destination = ?, starts_on = ?, ends_on = ?, members = ?, purpose = ?,
			notes = ?, updated_at = ?, updated_by = ? WHERE id = ?`, args...); err != nil {
			return writeErr("保存出差“"+t.Destination+"”", err)
		}
		return writeAudit(ctx, tx, app.KindTrip, t.ID, app.Diff(old, t), t.UpdatedBy, t.UpdatedAt)
	})
}

// Trip reads one trip.
func (s *Store) Trip(ctx context.Context, id string) (app.Trip, error) { return getTrip(ctx, s.db, id) }

func getTrip(ctx context.Context, q querier, id string) (app.Trip, error) {
	t, err := scanTrip(q.QueryRowContext(ctx, `SELECT `+tripColumns+` FROM trips WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return t, fmt.Errorf("出差 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("读取出差：%w", err)
	}
	return t, nil
}

// Trips lists the live trips, latest start first.
func (s *Store) Trips(ctx context.Context) ([]app.Trip, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+tripColumns+` FROM trips WHERE deleted_at IS NULL ORDER BY starts_on DESC, id`)
	if err != nil {
		return nil, fmt.Errorf("列出出差：%w", err)
	}
	defer rows.Close()
	var out []app.Trip
	for rows.Next() {
		t, err := scanTrip(rows)
		if err != nil {
			return nil, fmt.Errorf("列出出差：%w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TripActivities lists the live activities logged on a trip, in date order.
func (s *Store) TripActivities(ctx context.Context, tripID string) ([]app.Activity, error) {
	return s.activities(ctx, `WHERE deleted_at IS NULL AND trip_id = ?`, `ORDER BY on_date, created_at, id`, tripID)
}
