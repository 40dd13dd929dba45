package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"ganzhao/app"
)

const personColumns = `name, wechat, email, enterprise_id, title, native_province, native_city, native_county, ties,
	alma_mater, service_place, important_dates, cadence_days, keeper, notes, tier, residence_city, ` + metaColumns

// personSet assigns personArgs and then updated_at, updated_by.
const personSet = `name = ?, wechat = ?, email = ?, enterprise_id = ?, title = ?,
	native_province = ?, native_city = ?, native_county = ?, ties = ?, alma_mater = ?, service_place = ?,
	important_dates = ?, cadence_days = ?, keeper = ?, notes = ?, tier = ?, residence_city = ?, updated_at = ?, updated_by = ?`

func personArgs(p app.Person) ([]any, error) {
	dates := p.Dates
	if dates == nil {
		dates = []app.ImportantDate{}
	}
	b, err := json.Marshal(dates)
	if err != nil {
		return nil, err
	}
	return []any{p.Name, p.WeChat, p.Email, nullID(p.EnterpriseID), p.Title, p.NativeProvince, p.NativeCity, p.NativeCounty,
		joinTies(p.Ties), p.AlmaMater, p.ServicePlace, string(b), p.CadenceDays, p.Keeper, p.Notes, string(p.Tier), p.ResidenceCity}, nil
}

func scanPerson(row interface{ Scan(...any) error }) (app.Person, error) {
	var p app.Person
	var enterprise sql.NullString
	var ties, dates, tier string
	var m meta
	dest := append([]any{&p.Name, &p.WeChat, &p.Email, &enterprise, &p.Title, &p.NativeProvince, &p.NativeCity, &p.NativeCounty,
		&ties, &p.AlmaMater, &p.ServicePlace, &dates, &p.CadenceDays, &p.Keeper, &p.Notes, &tier, &p.ResidenceCity}, m.dest()...)
	if err := row.Scan(dest...); err != nil {
		return p, err
	}
	var sc scanner
	p.Meta = m.meta(&sc)
	p.EnterpriseID, p.Ties, p.Tier = enterprise.String, splitTies(ties), app.Tier(tier)
	if err := json.Unmarshal([]byte(dates), &p.Dates); err != nil && sc.err == nil {
		sc.err = fmt.Errorf("人物 %s 的重要日期无法读取：%w", p.ID, err)
	}
	if len(p.Dates) == 0 {
		p.Dates = nil
	}
	return p, sc.err
}

// CreatePerson inserts a person with phones and memberships and audits every field set.
func (s *Store) CreatePerson(ctx context.Context, p app.Person) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertPerson(ctx, tx, p); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindPerson, p.ID, app.Diff(app.Person{}, p), p.UpdatedBy, p.UpdatedAt)
	})
}

func insertPerson(ctx context.Context, tx *sql.Tx, p app.Person) error {
	args, err := personArgs(p)
	if err != nil {
		return err
	}
	args = append(args, p.ID, stamp(p.CreatedAt), stamp(p.UpdatedAt), p.UpdatedBy, nullStamp(p.DeletedAt))
	if _, err := tx.ExecContext(ctx, `INSERT INTO people (`+personColumns+`) VALUES (`+placeholders(len(args))+`)`, args...); err != nil {
		return writeErr("保存人物“"+p.Name+"”", err)
	}
	return savePersonLinks(ctx, tx, p)
}

func savePersonLinks(ctx context.Context, tx querier, p app.Person) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM person_phones WHERE person_id = ?`, p.ID); err != nil {
		return fmt.Errorf("保存电话：%w", err)
	}
	for i, ph := range p.Phones {
		if _, err := tx.ExecContext(ctx, `INSERT INTO person_phones (person_id, phone, position) VALUES (?, ?, ?)`, p.ID, ph, i); err != nil {
			return writeErr("保存电话", err)
		}
	}
	// Memberships in chambers in the recycle bin were not shown to the caller: they are kept, so
	// that restoring the chamber brings them back.
	if _, err := tx.ExecContext(ctx, `DELETE FROM chamber_members WHERE person_id = ? AND chamber_id IN
		(SELECT id FROM chambers WHERE deleted_at IS NULL)`, p.ID); err != nil {
		return fmt.Errorf("保存商会职务：%w", err)
	}
	for _, m := range p.Memberships {
		if _, err := tx.ExecContext(ctx, `INSERT INTO chamber_members (chamber_id, person_id, role) VALUES (?, ?, ?)
			ON CONFLICT (chamber_id, person_id) DO UPDATE SET role = excluded.role`, m.ChamberID, p.ID, m.Role); err != nil {
			return writeErr("保存商会职务", err)
		}
	}
	return nil
}

// UpdatePerson saves an edited person read at `read`, auditing each changed field.
func (s *Store) UpdatePerson(ctx context.Context, p app.Person, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := updatePerson(ctx, tx, p, read)
		return err
	})
}

// updatePerson saves p over the version read at `read` and returns the version it replaced.
func updatePerson(ctx context.Context, tx querier, p app.Person, read time.Time) (old app.Person, err error) {
	if err := checkVersion(ctx, tx, "people", p.ID, read); err != nil {
		return old, fmt.Errorf("保存人物“%s”：%w", p.Name, err)
	}
	if old, err = getPerson(ctx, tx, p.ID); err != nil {
		return old, err
	}
	args, err := personArgs(p)
	if err != nil {
		return old, err
	}
	args = append(args, stamp(p.UpdatedAt), p.UpdatedBy, p.ID)
	if _, err = tx.ExecContext(ctx, `UPDATE people SET `+personSet+` WHERE id = ?`, args...); err != nil {
		return old, writeErr("保存人物“"+p.Name+"”", err)
	}
	if err := savePersonLinks(ctx, tx, p); err != nil {
		return old, err
	}
	return old, writeAudit(ctx, tx, app.KindPerson, p.ID, app.Diff(old, p), p.UpdatedBy, p.UpdatedAt)
}

// Person reads one person, in the recycle bin or not.
func (s *Store) Person(ctx context.Context, id string) (app.Person, error) {
	return getPerson(ctx, s.db, id)
}

func getPerson(ctx context.Context, q querier, id string) (app.Person, error) {
	p, err := scanPerson(q.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return p, fmt.Errorf("人物 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("读取人物：%w", err)
	}
	if err := fillPersonLinks(ctx, q, []*app.Person{&p}); err != nil {
		return p, err
	}
	return p, nil
}

// fillPersonLinks loads the phones and memberships of the given people.
func fillPersonLinks(ctx context.Context, q querier, people []*app.Person) error {
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	phones, err := childrenOf(ctx, q, ids, phonesOf, "person_id")
	if err != nil {
		return err
	}
	members, err := childrenOf(ctx, q, ids, membershipsOf, "m.person_id")
	if err != nil {
		return err
	}
	for _, p := range people {
		p.Phones, p.Memberships = phones[p.ID], members[p.ID]
	}
	return nil
}

func phonesOf(ctx context.Context, q querier, where string, args ...any) (map[string][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT person_id, phone FROM person_phones `+where+` ORDER BY person_id, position`, args...)
	if err != nil {
		return nil, fmt.Errorf("读取电话：%w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var id, ph string
		if err := rows.Scan(&id, &ph); err != nil {
			return nil, fmt.Errorf("读取电话：%w", err)
		}
		out[id] = append(out[id], ph)
	}
	return out, rows.Err()
}

// membershipsOf reads memberships in live chambers (a chamber in the recycle bin hides them), in
// the order they were saved.
func membershipsOf(ctx context.Context, q querier, where string, args ...any) (map[string][]app.Membership, error) {
	if where == "" {
		where = "WHERE 1"
	}
	rows, err := q.QueryContext(ctx, `SELECT m.person_id, m.chamber_id, m.role FROM chamber_members m
		JOIN chambers c ON c.id = m.chamber_id `+where+` AND c.deleted_at IS NULL ORDER BY m.person_id, m.rowid`, args...)
	if err != nil {
		return nil, fmt.Errorf("读取商会职务：%w", err)
	}
	defer rows.Close()
	out := map[string][]app.Membership{}
	for rows.Next() {
		var id string
		var m app.Membership
		if err := rows.Scan(&id, &m.ChamberID, &m.Role); err != nil {
			return nil, fmt.Errorf("读取商会职务：%w", err)
		}
		out[id] = append(out[id], m)
	}
	return out, rows.Err()
}

// People lists live people matching f, by name.
func (s *Store) People(ctx context.Context, f app.PersonFilter) ([]app.Person, error) {
	where, args := `WHERE deleted_at IS NULL`, []any{}
	if f.Query != "" {
		where += ` AND (instr(name, ?) > 0 OR instr(wechat, ?) > 0 OR id IN (SELECT person_id FROM person_phones WHERE instr(phone, ?) > 0))`
		args = append(args, f.Query, f.Query, f.Query)
	}
	if f.Tie != "" {
		where += ` AND instr(ties, ?) > 0`
		args = append(args, string(f.Tie))
	}
	if f.EnterpriseID != "" {
		where += ` AND enterprise_id = ?`
		args = append(args, f.EnterpriseID)
	}
	if f.ChamberID != "" {
		where += ` AND id IN (SELECT person_id FROM chamber_members WHERE chamber_id = ?)`
		args = append(args, f.ChamberID)
	}
	q := `SELECT ` + personColumns + ` FROM people ` + where + ` ORDER BY name, id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("列出人物：%w", err)
	}
	defer rows.Close()
	var out []app.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, fmt.Errorf("列出人物：%w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("列出人物：%w", err)
	}
	ptrs := make([]*app.Person, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, fillPersonLinks(ctx, s.db, ptrs)
}
