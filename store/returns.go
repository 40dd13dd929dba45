package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"ganzhao/app"
)

// Return templates and the archive of generated returns.

const returnTemplateColumns = `name, file_name, file, file_hash, mapping, ` + metaColumns

func scanReturnTemplate(row interface{ Scan(...any) error }) (app.ReturnTemplate, error) {
	var t app.ReturnTemplate
	var mapping string
	var m meta
	dest := append([]any{&t.Name, &t.FileName, &t.File, &t.Hash, &mapping}, m.dest()...)
	if err := row.Scan(dest...); err != nil {
		return t, err
	}
	var sc scanner
	t.Meta = m.meta(&sc)
	t.Mapping = json.RawMessage(mapping)
	return t, sc.err
}

// CreateReturnTemplate inserts a saved template.
func (s *Store) CreateReturnTemplate(ctx context.Context, t app.ReturnTemplate) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO return_templates (`+returnTemplateColumns+`) VALUES (`+placeholders(10)+`)`,
			t.Name, t.FileName, t.File, t.Hash, string(t.Mapping), t.ID, stamp(t.CreatedAt), stamp(t.UpdatedAt), t.UpdatedBy, nullStamp(t.DeletedAt))
		return writeErr("保存报表模板“"+t.Name+"”", err)
	})
}

// UpdateReturnTemplate saves an edited template read at `read`.
func (s *Store) UpdateReturnTemplate(ctx context.Context, t app.ReturnTemplate, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "return_templates", t.ID, read); err != nil {
			return fmt.Errorf("保存报表模板“%s”：%w", t.Name, err)
		}
		_, err := tx.ExecContext(ctx, `UPDATE return_templates SET name = ?, file_name = ?, file = ?, file_hash = ?, mapping = ?,
			updated_at = ?, updated_by = ? WHERE id = ?`,
			t.Name, t.FileName, t.File, t.Hash, string(t.Mapping), stamp(t.UpdatedAt), t.UpdatedBy, t.ID)
		return writeErr("保存报表模板“"+t.Name+"”", err)
	})
}

// ReturnTemplate reads one saved template.
func (s *Store) ReturnTemplate(ctx context.Context, id string) (app.ReturnTemplate, error) {
	t, err := scanReturnTemplate(s.db.QueryRowContext(ctx, `SELECT `+returnTemplateColumns+` FROM return_templates WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return t, fmt.Errorf("报表模板 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("读取报表模板：%w", err)
	}
	return t, nil
}

// ReturnTemplates lists the live saved templates by name.
func (s *Store) ReturnTemplates(ctx context.Context) ([]app.ReturnTemplate, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+returnTemplateColumns+` FROM return_templates WHERE deleted_at IS NULL ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("列出报表模板：%w", err)
	}
	defer rows.Close()
	var out []app.ReturnTemplate
	for rows.Next() {
		t, err := scanReturnTemplate(rows)
		if err != nil {
			return nil, fmt.Errorf("列出报表模板：%w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// returnListColumns are the columns of the archive list; returnFileColumns adds the file.
const returnListColumns = `template_key, template_name, period, file_name, file_hash, columns, row_count, new_count, changed_count,
	removed_count, ` + metaColumns

func scanReturn(row interface{ Scan(...any) error }, withFile bool) (app.ReturnArchive, error) {
	var r app.ReturnArchive
	var period, columns string
	var m meta
	dest := append([]any{&r.TemplateKey, &r.TemplateName, &period, &r.FileName, &r.Hash, &columns, &r.RowCount, &r.NewCount,
		&r.ChangedCount, &r.RemovedCount}, m.dest()...)
	if withFile {
		dest = append(dest, &r.File)
	}
	if err := row.Scan(dest...); err != nil {
		return r, err
	}
	var sc scanner
	r.Meta = m.meta(&sc)
	if sc.err != nil {
		return r, sc.err
	}
	p, err := app.ParseMonth(period)
	if err != nil {
		return r, err
	}
	r.Period = p
	if err := json.Unmarshal([]byte(columns), &r.Columns); err != nil {
		return r, fmt.Errorf("报表 %s 的列记录已损坏：%w", r.ID, err)
	}
	return r, nil
}

// CreateReturn archives a generated return and its rows in one transaction.
func (s *Store) CreateReturn(ctx context.Context, r app.ReturnArchive) error {
	columns, err := json.Marshal(r.Columns)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO returns (`+returnListColumns+`, file) VALUES (`+placeholders(16)+`)`,
			r.TemplateKey, r.TemplateName, r.Period.String(), r.FileName, r.Hash, string(columns), r.RowCount, r.NewCount,
			r.ChangedCount, r.RemovedCount, r.ID, stamp(r.CreatedAt), stamp(r.UpdatedAt), r.UpdatedBy, nullStamp(r.DeletedAt), r.File)
		if err != nil {
			return writeErr("归档报表“"+r.FileName+"”", err)
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO return_rows (return_id, seq, sheet, row_num, kind, record_id, label, change, cells)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("归档报表行：%w", err)
		}
		defer stmt.Close()
		for i, row := range r.Rows {
			cells, err := json.Marshal(row.Values)
			if err != nil {
				return err
			}
			if _, err := stmt.ExecContext(ctx, r.ID, i, row.Sheet, row.Row, row.Kind, row.RecordID, row.Label, row.Change, string(cells)); err != nil {
				return writeErr("归档报表行", err)
			}
		}
		return nil
	})
}

// Returns lists the live archive, newest first; templateKey "" lists every template's.
func (s *Store) Returns(ctx context.Context, templateKey string) ([]app.ReturnArchive, error) {
	where, args := `WHERE deleted_at IS NULL`, []any{}
	if templateKey != "" {
		where += ` AND template_key = ?`
		args = append(args, templateKey)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+returnListColumns+` FROM returns `+where+` ORDER BY created_at DESC, rowid DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("列出已生成的报表：%w", err)
	}
	defer rows.Close()
	var out []app.ReturnArchive
	for rows.Next() {
		r, err := scanReturn(rows, false)
		if err != nil {
			return nil, fmt.Errorf("列出已生成的报表：%w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Return reads one archived return with its file and rows.
func (s *Store) Return(ctx context.Context, id string) (app.ReturnArchive, error) {
	r, err := scanReturn(s.db.QueryRowContext(ctx, `SELECT `+returnListColumns+`, file FROM returns WHERE id = ?`, id), true)
	if err == sql.ErrNoRows {
		return r, fmt.Errorf("报表 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("读取报表：%w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sheet, row_num, kind, record_id, label, change, cells FROM return_rows
		WHERE return_id = ? ORDER BY seq`, id)
	if err != nil {
		return r, fmt.Errorf("读取报表行：%w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var row app.ArchivedRow
		var cells string
		if err := rows.Scan(&row.Sheet, &row.Row, &row.Kind, &row.RecordID, &row.Label, &row.Change, &cells); err != nil {
			return r, fmt.Errorf("读取报表行：%w", err)
		}
		if err := json.Unmarshal([]byte(cells), &row.Values); err != nil {
			return r, fmt.Errorf("报表 %s 的行记录已损坏：%w", id, err)
		}
		r.Rows = append(r.Rows, row)
	}
	return r, rows.Err()
}
