package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"ganzhao/app"
)

const relationshipColumns = `kind, from_id, to_id, note, ` + metaColumns

func scanRelationship(row interface{ Scan(...any) error }) (app.Relationship, error) {
	var r app.Relationship
	var kind string
	var m meta
	if err := row.Scan(append([]any{&kind, &r.FromID, &r.ToID, &r.Note}, m.dest()...)...); err != nil {
		return r, err
	}
	var sc scanner
	r.Meta, r.Kind = m.meta(&sc), app.RelationKind(kind)
	return r, sc.err
}

// CreateRelationship inserts a relationship and audits every field set.
func (s *Store) CreateRelationship(ctx context.Context, r app.Relationship) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO relationships (`+relationshipColumns+`) VALUES (`+placeholders(9)+`)`,
			string(r.Kind), r.FromID, r.ToID, r.Note, r.ID, stamp(r.CreatedAt), stamp(r.UpdatedAt), r.UpdatedBy, nullStamp(r.DeletedAt))
		if err != nil {
			return writeErr("保存人物关系", err)
		}
		return writeAudit(ctx, tx, app.KindRelationship, r.ID, app.Diff(app.Relationship{}, r), r.UpdatedBy, r.UpdatedAt)
	})
}

// UpdateRelationship saves an edited relationship read at `read`, auditing each changed field.
func (s *Store) UpdateRelationship(ctx context.Context, r app.Relationship, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "relationships", r.ID, read); err != nil {
			return fmt.Errorf("保存人物关系：%w", err)
		}
		old, err := getRelationship(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE relationships SET kind = ?, from_id = ?, to_id = ?, note = ?, updated_at = ?, updated_by = ?
			WHERE id = ?`, string(r.Kind), r.FromID, r.ToID, r.Note, stamp(r.UpdatedAt), r.UpdatedBy, r.ID)
		if err != nil {
			return writeErr("保存人物关系", err)
		}
		return writeAudit(ctx, tx, app.KindRelationship, r.ID, app.Diff(old, r), r.UpdatedBy, r.UpdatedAt)
	})
}

// Relationship reads one relationship, in the recycle bin or not.
func (s *Store) Relationship(ctx context.Context, id string) (app.Relationship, error) {
	return getRelationship(ctx, s.db, id)
}

func getRelationship(ctx context.Context, q querier, id string) (app.Relationship, error) {
	r, err := scanRelationship(q.QueryRowContext(ctx, `SELECT `+relationshipColumns+` FROM relationships WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return r, fmt.Errorf("人物关系 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("读取人物关系：%w", err)
	}
	return r, nil
}

// RelationsOf lists the live relationships of a person, in both directions, whose other person
// is live, by kind and the other's name; of two 引荐人 links with the same person, the one
// naming the other as introducer first.
func (s *Store) RelationsOf(ctx context.Context, personID string) ([]app.PersonRelation, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+prefixed("r.", relationshipColumns)+`, o.id, o.name
		FROM relationships r JOIN people o ON o.id = CASE WHEN r.from_id = ? THEN r.to_id ELSE r.from_id END
		WHERE (r.from_id = ? OR r.to_id = ?) AND r.deleted_at IS NULL AND o.deleted_at IS NULL
		ORDER BY r.kind, o.name, o.id, r.from_id = ?, r.id`, personID, personID, personID, personID)
	if err != nil {
		return nil, fmt.Errorf("读取人物关系：%w", err)
	}
	defer rows.Close()
	var out []app.PersonRelation
	for rows.Next() {
		var pr app.PersonRelation
		var kind string
		var m meta
		if err := rows.Scan(append(append([]any{&kind, &pr.FromID, &pr.ToID, &pr.Note}, m.dest()...), &pr.OtherID, &pr.OtherName)...); err != nil {
			return nil, fmt.Errorf("读取人物关系：%w", err)
		}
		var sc scanner
		pr.Meta, pr.Kind = m.meta(&sc), app.RelationKind(kind)
		if sc.err != nil {
			return nil, fmt.Errorf("读取人物关系：%w", sc.err)
		}
		out = append(out, pr)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("读取人物关系：%w", err)
	}
	return out, nil
}

// SuggestedRelations lists, for each of 同乡 (same native province, city and county), 校友 (same
// school) and 战友 (same service place), up to limit live people sharing it with the person, by
// name, and how many share it.
func (s *Store) SuggestedRelations(ctx context.Context, personID string, limit int) ([]app.SuggestedRelation, error) {
	p, err := getPerson(ctx, s.db, personID)
	if err != nil {
		return nil, err
	}
	sources := []struct {
		kind          app.RelationKind
		column, value string // column is a constant
		where         string
		args          []any
	}{
		{app.RelationHometown, "native_county", p.NativeCounty, ` AND native_province = ? AND native_city = ?`, []any{p.NativeProvince, p.NativeCity}},
		{app.RelationAlumni, "alma_mater", p.AlmaMater, ``, nil},
		{app.RelationComrade, "service_place", p.ServicePlace, ``, nil},
	}
	var out []app.SuggestedRelation
	for _, src := range sources {
		if src.value == "" {
			continue
		}
		rows, err := s.db.QueryContext(ctx, `SELECT id, name, COUNT(*) OVER () FROM people
			WHERE `+src.column+` = ? AND id <> ? AND deleted_at IS NULL`+src.where+` ORDER BY name, id LIMIT ?`,
			append(append([]any{src.value, personID}, src.args...), limit)...)
		if err != nil {
			return nil, fmt.Errorf("查找可能的%s：%w", src.kind, err)
		}
		sug := app.SuggestedRelation{Kind: src.kind, Reason: src.value}
		for rows.Next() {
			var n app.PersonName
			if err := rows.Scan(&n.ID, &n.Name, &sug.Total); err != nil {
				rows.Close()
				return nil, fmt.Errorf("查找可能的%s：%w", src.kind, err)
			}
			sug.People = append(sug.People, n)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("查找可能的%s：%w", src.kind, err)
		}
		if sug.Total > 0 {
			out = append(out, sug)
		}
	}
	return out, nil
}

// prefixed puts a table alias before each column of a column list.
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = alias + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}
