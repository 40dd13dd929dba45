package returns

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"ganzhao/app"
)

// Template is a workbook ready to fill with its mapping: built in, saved in the ledger, or
// opened from a file with a proposed mapping.
type Template struct {
	Key      string // "builtin:<name>", a saved template's ID, or "file:<name>" for one not saved
	Name     string
	FileName string
	File     []byte
	Mapping  Mapping
	Builtin  bool
	// Saved is the ledger's record of a saved template (for updating it).
	Saved *app.ReturnTemplate
}

// Templates lists the built-in templates, then the saved ones.
func Templates(ctx context.Context, l *app.Ledger) ([]Template, error) {
	out, err := Builtins()
	if err != nil {
		return nil, err
	}
	saved, err := l.Store().ReturnTemplates(ctx)
	if err != nil {
		return nil, err
	}
	for i := range saved {
		t, err := fromSaved(&saved[i])
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func fromSaved(s *app.ReturnTemplate) (Template, error) {
	m, err := ParseMapping(s.Mapping)
	if err != nil {
		return Template{}, fmt.Errorf("模板“%s”：%w", s.Name, err)
	}
	return Template{Key: s.ID, Name: s.Name, FileName: s.FileName, File: s.File, Mapping: m, Saved: s}, nil
}

// FindTemplate finds a built-in or saved template by name (or saved ID).
func FindTemplate(ctx context.Context, l *app.Ledger, name string) (Template, error) {
	all, err := Templates(ctx, l)
	if err != nil {
		return Template{}, err
	}
	name = strings.TrimSpace(name)
	for _, t := range all {
		if t.Name == name || t.Key == name || strings.TrimPrefix(t.Key, BuiltinPrefix) == name {
			return t, nil
		}
	}
	var names []string
	for _, t := range all {
		names = append(names, t.Name)
	}
	return Template{}, fmt.Errorf("没有名为“%s”的报表模板；可用：%s", name, strings.Join(names, "、"))
}

// FromFile opens a workbook the user chose, with the mapping proposed from its header.
func FromFile(fileName string, b []byte) (Template, Proposal, error) {
	p, err := Propose(filepath.Base(fileName), b)
	if err != nil {
		return Template{}, p, err
	}
	name := strings.TrimSuffix(filepath.Base(fileName), filepath.Ext(fileName))
	return Template{Key: "file:" + name, Name: name, FileName: filepath.Base(fileName), File: b, Mapping: p.Mapping}, p, nil
}

// Save keeps a template opened from a file, with its confirmed mapping, in the ledger (or
// updates the saved one); built-in templates are not saved.
func Save(ctx context.Context, l *app.Ledger, t *Template) error {
	if t.Builtin {
		return fmt.Errorf("内置模板“%s”无需保存", t.Name)
	}
	if err := t.Mapping.Check(); err != nil {
		return err
	}
	rec := app.ReturnTemplate{}
	if t.Saved != nil {
		rec = *t.Saved
	}
	rec.Name, rec.FileName, rec.File, rec.Mapping = t.Name, t.FileName, t.File, t.Mapping.JSON()
	if err := l.SaveReturnTemplate(ctx, &rec); err != nil {
		return err
	}
	t.Key, t.Saved = rec.ID, &rec
	return nil
}

// Options change one generation.
type Options struct {
	// MarkChanges fills the rows new or changed since the previous return of the template.
	MarkChanges bool
	// NoArchive leaves the archive alone (a preview).
	NoArchive bool
}

// Result is a generated return.
type Result struct {
	FileName string
	File     []byte
	Archive  app.ReturnArchive // with its ID once archived
	// Unmapped lists the columns left empty, per sheet.
	Unmapped []Column
}

// Generate fills a template for a period from the ledger and archives the file with the
// records and values written, compared with the previous return of the same template.
func Generate(ctx context.Context, l *app.Ledger, t Template, period app.Month, opt Options) (Result, error) {
	if period.IsZero() {
		return Result{}, fmt.Errorf("请选择报表期间（年月）")
	}
	if err := t.Mapping.Check(); err != nil {
		return Result{}, fmt.Errorf("模板“%s”：%w", t.Name, err)
	}
	st := l.Store()
	prev, err := previousReturn(ctx, st, t.Key)
	if err != nil {
		return Result{}, err
	}
	d, err := load(ctx, st, period, l.Today(), needsOf(t.Mapping))
	if err != nil {
		return Result{}, err
	}
	m := t.Mapping
	tables := make([][]tableRow, len(m.Sheets))
	stats := make([]sheetTable, len(m.Sheets))
	for i := range m.Sheets {
		if opt.MarkChanges {
			m.Sheets[i].MarkChanges = true
		}
		stats[i] = d.table(m.Sheets[i], newPrevious(prev))
		tables[i] = stats[i].rows
	}
	ph := placeholders{period: period, reported: l.Today(), settings: d.settings}
	file, placed, err := fill(t.File, t.FileName, m, tables, ph)
	if err != nil {
		return Result{}, err
	}
	res := Result{FileName: fmt.Sprintf("%s-%d年%02d月.xlsx", t.Name, period.Year, period.Month), File: file}
	a := app.ReturnArchive{TemplateKey: t.Key, TemplateName: t.Name, Period: period, FileName: res.FileName, File: file}
	for i, sm := range m.Sheets {
		res.Unmapped = append(res.Unmapped, sm.Unmapped()...)
		a.NewCount += stats[i].added
		a.ChangedCount += stats[i].changed
		a.RemovedCount += stats[i].removed
		parts := [][]tableRow{tables[i]}
		if sm.Group != nil && sm.Group.Mode == GroupSheets && len(placed[i]) > 0 && len(splitGroups(tables[i])) > 0 {
			parts = nil
			for _, g := range splitGroups(tables[i]) {
				parts = append(parts, g.rows)
			}
		}
		for j, part := range parts {
			if j >= len(placed[i]) {
				break
			}
			sheet := placed[i][j]
			for _, c := range sm.Columns {
				a.Columns = append(a.Columns, app.ArchivedColumn{Sheet: sheet.name, Col: c.Col, Header: c.Header, Field: c.Field})
			}
			for k, row := range part {
				if row.rec == nil {
					continue
				}
				values := make([]string, len(row.cells))
				for c, v := range row.cells {
					values[c] = v.shown()
				}
				a.Rows = append(a.Rows, app.ArchivedRow{Sheet: sheet.name, Row: sheet.rows[k], Kind: row.rec.kind, RecordID: row.rec.id,
					Label: row.rec.label, Change: row.rec.change, Values: values})
			}
		}
	}
	a.RowCount = len(a.Rows)
	if !opt.NoArchive {
		if err := l.ArchiveReturn(ctx, &a); err != nil {
			return Result{}, fmt.Errorf("报表已生成，但归档失败：%w", err)
		}
	}
	res.Archive = a
	return res, nil
}

// previousReturn reads the newest archived return of a template, or nil.
func previousReturn(ctx context.Context, st app.Store, key string) (*app.ReturnArchive, error) {
	list, err := st.Returns(ctx, key)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	r, err := st.Return(ctx, list[0].ID)
	if err != nil {
		return nil, err
	}
	return &r, nil
}
