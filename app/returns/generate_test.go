package returns

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"ganzhao/app"
)

func builtin(t *testing.T, name string) Template {
	t.Helper()
	all, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range all {
		if b.Name == name {
			return b
		}
	}
	t.Fatalf("no built-in template %s", name)
	return Template{}
}

func openResult(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// column reads a column of a sheet from row first to last.
func column(t *testing.T, f *excelize.File, sheet, col string, first, last int) []string {
	t.Helper()
	var out []string
	for r := first; r <= last; r++ {
		v, err := f.GetCellValue(sheet, fmt.Sprintf("%s%d", col, r))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestChangesSinceLastReturn archives a return, changes the ledger and checks that the next
// return of the same template marks what is new and changed, counts what left, and that a
// changed-only return keeps just those rows.
func TestChangesSinceLastReturn(t *testing.T) {
	ctx := context.Background()
	l := fixtureLedger(t)
	tpl := builtin(t, "招商引资项目调度表（亿元以上）")
	first, err := Generate(ctx, l, tpl, fixturePeriod, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a := first.Archive; a.RowCount != 5 || a.NewCount != 0 || a.ChangedCount != 0 || a.RemovedCount != 0 {
		t.Fatalf("first archive counts: %d rows, %d new, %d changed, %d removed", a.RowCount, a.NewCount, a.ChangedCount, a.RemovedCount)
	}
	stored, err := l.Store().Return(ctx, first.Archive.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Hash != app.FileHash(first.File) || !bytes.Equal(stored.File, first.File) || len(stored.Rows) != 5 {
		t.Fatal("the archive does not hold the file and rows written")
	}
	if r := stored.Rows[0]; r.RecordID != "p1" || r.Kind != "项目" || r.Row != 6 || r.Values[1] != "中电光谷南昌光电产业园" || r.Values[8] != "60.00" {
		t.Errorf("first archived row %+v", r)
	}

	// 协和 grows to 4亿, a new 在谈 project of 2亿 appears, 智芯 is withdrawn.
	p3, err := l.Store().Project(ctx, "p3")
	if err != nil {
		t.Fatal(err)
	}
	p3.TotalInvestment = 4 * app.Yi
	if err := l.UpdateProject(ctx, &p3); err != nil {
		t.Fatal(err)
	}
	p8 := app.Project{Name: "南昌光谷二期配套项目", ZoneID: p3.ZoneID, Sector: app.SectorIndustry, TotalInvestment: 2 * app.Yi, Stage: app.StageNegotiating}
	if err := l.CreateProject(ctx, &p8); err != nil {
		t.Fatal(err)
	}
	if _, err := l.MoveStage(ctx, "p5", app.StageMove{To: app.StageWithdrawn, On: app.MustDate("2026-11-25"), Reason: "企业转投他省"}); err != nil {
		t.Fatal(err)
	}

	onlyChanged := tpl
	onlyChanged.Mapping = Mapping{Sheets: slices.Clone(tpl.Mapping.Sheets)}
	onlyChanged.Mapping.Sheets[0].Filter.ChangedOnly = true
	preview, err := Generate(ctx, l, onlyChanged, fixturePeriod, Options{NoArchive: true})
	if err != nil {
		t.Fatal(err)
	}
	f := openResult(t, preview.File)
	got := column(t, f, "亿元以上项目", "B", 6, 7)
	if !slices.Equal(got, []string{"协和精密光学元件项目", "南昌光谷二期配套项目"}) || preview.Archive.RowCount != 2 {
		t.Errorf("changed-only return lists %q (%d rows)", got, preview.Archive.RowCount)
	}
	if v, _ := f.GetCellValue("亿元以上项目", "A5"); v != "一、南昌经开区（2个）" {
		t.Errorf("A5 = %q", v)
	}
	if list, _ := l.Store().Returns(ctx, tpl.Key); len(list) != 1 {
		t.Errorf("a preview was archived: %d returns", len(list))
	}

	second, err := Generate(ctx, l, tpl, fixturePeriod, Options{MarkChanges: true})
	if err != nil {
		t.Fatal(err)
	}
	if a := second.Archive; a.RowCount != 5 || a.NewCount != 1 || a.ChangedCount != 1 || a.RemovedCount != 1 {
		t.Errorf("second archive counts: %d rows, %d new, %d changed, %d removed", a.RowCount, a.NewCount, a.ChangedCount, a.RemovedCount)
	}
	f = openResult(t, second.File)
	names := column(t, f, "亿元以上项目", "B", 5, 11)
	changes := column(t, f, "亿元以上项目", "X", 5, 11)
	want := map[string]string{"中电光谷南昌光电产业园": "", "协和精密光学元件项目": ChangeUpdated, "南昌光谷二期配套项目": ChangeNew, "华迅电子5G模组生产基地": "", "医药冷链物流中心": ""}
	seen := 0
	for i, n := range names {
		w, ok := want[n]
		if !ok {
			continue
		}
		seen++
		if changes[i] != w {
			t.Errorf("变动情况 of %s = %q, want %q", n, changes[i], w)
		}
		style, _ := f.GetCellStyle("亿元以上项目", fmt.Sprintf("B%d", 5+i))
		st, _ := f.GetStyle(style)
		marked := len(st.Fill.Color) > 0 && st.Fill.Color[0] == "FFF2CC"
		if marked != (w != "") {
			t.Errorf("row of %s marked=%v, want %v", n, marked, w != "")
		}
	}
	if seen != len(want) {
		t.Errorf("rows %q, want %v", names, want)
	}
	list, err := l.Store().Returns(ctx, tpl.Key)
	if err != nil || len(list) != 2 || list[0].ID != second.Archive.ID {
		t.Fatalf("archive list %+v, %v", list, err)
	}
}

// TestSheetPerGroup fills a copy of the sheet for each zone.
func TestSheetPerGroup(t *testing.T) {
	ctx := context.Background()
	l := fixtureLedger(t)
	tpl := builtin(t, "招商引资项目调度表（亿元以上）")
	tpl.Key = "test:按园区分表"
	tpl.Mapping = Mapping{Sheets: slices.Clone(tpl.Mapping.Sheets)}
	g := *tpl.Mapping.Sheets[0].Group
	g.Mode = GroupSheets
	tpl.Mapping.Sheets[0].Group = &g
	tpl.Mapping.Sheets[0].Cells = append(slices.Clone(tpl.Mapping.Sheets[0].Cells), CellText{Cell: "A1", Text: "{分组}招商引资项目调度表（{期间}）"})
	res, err := Generate(ctx, l, tpl, fixturePeriod, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := openResult(t, res.File)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"南昌经开区", "南昌高新区", "樟树工业园区"}) {
		t.Fatalf("sheets %q", got)
	}
	for _, c := range []struct {
		sheet string
		names []string
	}{
		{"南昌经开区", []string{"中电光谷南昌光电产业园", "协和精密光学元件项目"}},
		{"南昌高新区", []string{"智芯半导体封测项目"}},
		{"樟树工业园区", []string{"华迅电子5G模组生产基地", "医药冷链物流中心"}},
	} {
		last := 4 + len(c.names)
		if got := column(t, f, c.sheet, "B", 5, last); !slices.Equal(got, c.names) {
			t.Errorf("%s lists %q, want %q", c.sheet, got, c.names)
		}
		if got := column(t, f, c.sheet, "A", 5, last); got[0] != "1" {
			t.Errorf("%s numbers %q, want from 1", c.sheet, got)
		}
		if fm, _ := f.GetCellFormula(c.sheet, fmt.Sprintf("I%d", last+1)); fm != fmt.Sprintf("SUM(I5:I%d)", last) {
			t.Errorf("%s total %q", c.sheet, fm)
		}
		if v, _ := f.GetCellValue(c.sheet, "A1"); v != c.sheet+"招商引资项目调度表（2026年11月）" {
			t.Errorf("%s title %q", c.sheet, v)
		}
		if !mergedSet(t, f, c.sheet)[fmt.Sprintf("A%d:X%d", last+3, last+3)] {
			t.Errorf("%s notes not merged below its rows", c.sheet)
		}
	}
	sheets := map[string]int{}
	for _, r := range res.Archive.Rows {
		sheets[r.Sheet]++
	}
	if sheets["南昌经开区"] != 2 || sheets["南昌高新区"] != 1 || sheets["樟树工业园区"] != 2 {
		t.Errorf("archived rows by sheet %v", sheets)
	}
	checkWithOpenpyxl(t, "按园区分表", res.File)
}

// TestEmptyReturn fills a template with no qualifying record: the pattern row stays, empty.
func TestEmptyReturn(t *testing.T) {
	l := fixtureLedger(t)
	tpl := builtin(t, "新签约项目表")
	res, err := Generate(context.Background(), l, tpl, app.Month{Year: 2026, Month: 1}, Options{NoArchive: true})
	if err != nil {
		t.Fatal(err)
	}
	f := openResult(t, res.File)
	if v, _ := f.GetCellValue("新签约项目", "B4"); v != "" {
		t.Errorf("B4 = %q on an empty return", v)
	}
	if fm, _ := f.GetCellFormula("新签约项目", "I5"); fm != "SUM(I4:I4)" {
		t.Errorf("total %q", fm)
	}
	if v, _ := f.GetCellValue("新签约项目", "A1"); v != "新签约项目表（2026年1月）" {
		t.Errorf("title %q", v)
	}
}

// TestGenerateRefusesBadInput names the problem and archives nothing.
func TestGenerateRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	l := fixtureLedger(t)
	tpl := builtin(t, "新签约项目表")
	if _, err := Generate(ctx, l, tpl, app.Month{}, Options{}); err == nil {
		t.Error("no period accepted")
	}
	bad := tpl
	bad.Mapping = Mapping{Sheets: slices.Clone(tpl.Mapping.Sheets)}
	bad.Mapping.Sheets[0].Sheet = "不存在的表"
	if _, err := Generate(ctx, l, bad, fixturePeriod, Options{}); err == nil || !bytes.Contains([]byte(err.Error()), []byte("不存在的表")) {
		t.Errorf("missing sheet: %v", err)
	}
	bad.Mapping.Sheets[0] = tpl.Mapping.Sheets[0]
	bad.Mapping.Sheets[0].Columns = append(slices.Clone(bad.Mapping.Sheets[0].Columns), Column{Col: "ZZ", Field: "event.count"})
	if _, err := Generate(ctx, l, bad, fixturePeriod, Options{}); err == nil {
		t.Error("a field of another source was accepted")
	}
	if list, _ := l.Store().Returns(ctx, ""); len(list) != 0 {
		t.Errorf("%d returns archived after refusals", len(list))
	}
	if _, err := ParseMapping([]byte(`{"sheets":[{"sheet":"x","unknown":1}]}`)); err == nil {
		t.Error("unknown mapping key accepted")
	}
}

// TestDateColumns writes dates the way each pattern cell asks: an Excel date in a
// date-formatted cell (its format kept), text in a text-formatted cell, and an Excel date
// with the column's format in a cell with none.
func TestDateColumns(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i, h := range []string{"项目名称", "签约日期", "开工日期", "投产日期"} {
		f.SetCellValue("Sheet1", fmt.Sprintf("%c1", 'A'+i), h)
	}
	format := `yyyy"年"m"月"d"日"`
	dateStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	textStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	f.SetCellStyle("Sheet1", "B2", "B2", dateStyle)
	f.SetCellStyle("Sheet1", "C2", "C2", textStyle)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	tpl := Template{Key: "test:dates", Name: "日期", FileName: "日期.xlsx", File: buf.Bytes(), Mapping: Mapping{Sheets: []SheetMapping{{
		Sheet: "Sheet1", HeaderRows: []int{1}, FirstDataRow: 2, Source: SourceProjects,
		Filter: Filter{Stages: []app.Stage{app.StageStarted}},
		Columns: []Column{{Col: "A", Field: "project.name"}, {Col: "B", Field: "project.signed_on"},
			{Col: "C", Field: "project.started_on", DateFormat: "yyyy.mm.dd"}, {Col: "D", Field: "project.signed_on", DateFormat: "yyyy/mm/dd"}},
	}}}}
	l := fixtureLedger(t)
	res, err := Generate(context.Background(), l, tpl, fixturePeriod, Options{NoArchive: true})
	if err != nil {
		t.Fatal(err)
	}
	out := openResult(t, res.File)
	want := []struct {
		cell, value string
		typ         excelize.CellType
		format      string
	}{
		{"B2", "46096", excelize.CellTypeUnset, format},
		{"C2", "2026.09.01", excelize.CellTypeInlineString, ""},
		{"D2", "46096", excelize.CellTypeUnset, "yyyy/mm/dd"},
	}
	for _, w := range want {
		v, _ := out.GetCellValue("Sheet1", w.cell, excelize.Options{RawCellValue: true})
		typ, _ := out.GetCellType("Sheet1", w.cell)
		id, _ := out.GetCellStyle("Sheet1", w.cell)
		st, _ := out.GetStyle(id)
		got := ""
		if st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		}
		if v != w.value || (typ != w.typ && !(w.typ == excelize.CellTypeUnset && typ == excelize.CellTypeNumber)) || (w.format != "" && got != w.format) {
			t.Errorf("%s = %q (type %v, format %q), want %q (type %v, format %q)", w.cell, v, typ, got, w.value, w.typ, w.format)
		}
	}
	formatted, err := excelize.OpenReader(bytes.NewReader(res.File))
	if err != nil {
		t.Fatal(err)
	}
	defer formatted.Close()
	if shown, _ := formatted.GetCellValue("Sheet1", "B2"); shown != "2026年3月15日" {
		t.Errorf("B2 shows %q", shown)
	}
}
