package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"ganzhao/app"
)

func TestReturnTemplates(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ganzhao.db")
	s := openAt(t, path)
	l := newLedger(t, s)

	tpl := app.ReturnTemplate{Name: " 市重点项目推进表 ", FileName: "推进表.xlsx", File: []byte("PK-one"), Mapping: []byte(`{"sheets":[]}`)}
	must(t, l.SaveReturnTemplate(ctx, &tpl))
	equal(t, "name cleaned", tpl.Name, "市重点项目推进表")
	equal(t, "hash", tpl.Hash, app.FileHash([]byte("PK-one")))

	read := tpl.UpdatedAt
	tpl.File, tpl.Mapping = []byte("PK-two"), []byte(`{"sheets":[{"sheet":"表1"}]}`)
	must(t, l.SaveReturnTemplate(ctx, &tpl))
	got, err := s.ReturnTemplate(ctx, tpl.ID)
	must(t, err)
	equal(t, "file", string(got.File), "PK-two")
	equal(t, "mapping", string(got.Mapping), `{"sheets":[{"sheet":"表1"}]}`)
	equal(t, "hash after update", got.Hash, app.FileHash([]byte("PK-two")))

	stale := got
	stale.UpdatedAt = read
	if err := l.SaveReturnTemplate(ctx, &stale); !errors.Is(err, app.ErrConflict) {
		t.Errorf("saving a stale template: %v, want ErrConflict", err)
	}

	tests := []struct {
		name  string
		tpl   app.ReturnTemplate
		field string
	}{
		{"duplicate name", app.ReturnTemplate{Name: "市重点项目推进表", FileName: "x.xlsx", File: []byte("x"), Mapping: []byte(`{}`)}, "name"},
		{"no name", app.ReturnTemplate{FileName: "x.xlsx", File: []byte("x"), Mapping: []byte(`{}`)}, "name"},
		{"not xlsx", app.ReturnTemplate{Name: "旧表", FileName: "x.xls", File: []byte("x"), Mapping: []byte(`{}`)}, "file"},
		{"no mapping", app.ReturnTemplate{Name: "无映射", FileName: "x.xlsx", File: []byte("x")}, "mapping"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := l.SaveReturnTemplate(ctx, &tc.tpl)
			var ve *app.ValidationError
			if !errors.As(err, &ve) || ve.For(tc.field) == "" {
				t.Fatalf("error %v, want a problem on %s", err, tc.field)
			}
			if tc.tpl.ID != "" {
				t.Errorf("failed save left ID %q", tc.tpl.ID)
			}
		})
	}

	// Reopened, the migration does not run again and the template is still there.
	s.Close()
	s2 := openAt(t, path)
	list, err := s2.ReturnTemplates(ctx)
	must(t, err)
	if len(list) != 1 || list[0].Name != "市重点项目推进表" || string(list[0].File) != "PK-two" {
		t.Fatalf("templates after reopening: %+v", list)
	}
}

func TestReturnArchive(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	cols := []app.ArchivedColumn{{Sheet: "表1", Col: "A", Header: "序号", Field: "seq"}, {Sheet: "表1", Col: "B", Header: "项目名称", Field: "project.name"}}
	first := app.ReturnArchive{TemplateKey: "builtin:调度表", TemplateName: "调度表", Period: app.Month{Year: 2026, Month: 2},
		FileName: "调度表-2026-02.xlsx", File: []byte("xlsx-1"), Columns: cols,
		Rows: []app.ArchivedRow{{Sheet: "表1", Row: 5, Kind: "项目", RecordID: "p1", Label: "甲", Values: []string{"1", "甲"}}}}
	must(t, l.ArchiveReturn(ctx, &first))
	second := first
	second.ID, second.Period, second.File = "", app.Month{Year: 2026, Month: 3}, []byte("xlsx-2")
	second.Rows = append(second.Rows, app.ArchivedRow{Sheet: "表1", Row: 6, Kind: "项目", RecordID: "p2", Label: "乙", Change: "新增", Values: []string{"2", "乙"}})
	second.NewCount = 1
	must(t, l.ArchiveReturn(ctx, &second))
	other := app.ReturnArchive{TemplateKey: "builtin:5020", TemplateName: "5020", Period: app.Month{Year: 2026, Month: 3}, FileName: "5020.xlsx", File: []byte("x")}
	must(t, l.ArchiveReturn(ctx, &other))

	list, err := s.Returns(ctx, "builtin:调度表")
	must(t, err)
	if len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
		t.Fatalf("archive of the template: %+v", list)
	}
	if list[0].File != nil || list[0].Rows != nil {
		t.Error("the list carries files or rows")
	}
	equal(t, "row count", list[0].RowCount, 2)
	equal(t, "new count", list[0].NewCount, 1)
	equal(t, "columns", list[0].Columns, cols)
	all, err := s.Returns(ctx, "")
	must(t, err)
	equal(t, "all returns", len(all), 3)

	got, err := s.Return(ctx, second.ID)
	must(t, err)
	equal(t, "file", string(got.File), "xlsx-2")
	equal(t, "hash", got.Hash, app.FileHash([]byte("xlsx-2")))
	equal(t, "rows", got.Rows, second.Rows)
	equal(t, "period", got.Period, app.Month{Year: 2026, Month: 3})
	if _, err := s.Return(ctx, "missing"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("missing return: %v", err)
	}
	if err := l.ArchiveReturn(ctx, &app.ReturnArchive{FileName: "空.xlsx"}); err == nil {
		t.Error("archived a return without a file")
	}
}
