package returns

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"ganzhao/app"
)

// TestUnseenTemplate drives the path of a workbook the app has never seen, end to end: a
// city's two-level-header template drawn by openpyxl (testdata/unseen/make_unseen.py) is
// opened, its mapping proposed and checked column by column, saved in the ledger, read back,
// filled for a period, and the result read back by excelize and by openpyxl.
func TestUnseenTemplate(t *testing.T) {
	ctx := context.Background()
	file, err := os.ReadFile(filepath.Join("testdata", "unseen", "重点项目推进表.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, prop, err := FromFile("/home/user/下载/重点项目推进表.xlsx", file)
	if err != nil {
		t.Fatal(err)
	}
	sm := prop.Mapping.Sheets[0]
	if sm.Sheet != "推进表" || !slices.Equal(sm.HeaderRows, []int{3, 4}) || sm.FirstDataRow != 6 || sm.DataRows != 5 ||
		!slices.Equal(sm.TotalsRows, []int{11}) || sm.Source != SourceProjects {
		t.Fatalf("layout found: sheet %s, header %v, data from %d (%d reserved), totals %v, source %s",
			sm.Sheet, sm.HeaderRows, sm.FirstDataRow, sm.DataRows, sm.TotalsRows, sm.Source)
	}
	wantCols := []struct {
		col, header, field, unit string
		decimals                 int
	}{
		{"A", "序号", "seq", "", 0},
		{"B", "项目名称", "project.name", "", 0},
		{"C", "投资主体", "project.investor", "", 0},
		{"D", "所在园区", "project.zone", "", 0},
		{"E", "投资额／总投资(亿元)", "project.total", "亿元", 2},
		{"F", "投资额／其中：外资(万美元)", "project.foreign", "万美元", 2},
		{"G", "投资额／固投(亿元)", "project.fixed", "亿元", 2},
		{"H", "当前进度", "project.progress", "", 0},
		{"I", "到位资金／本月(万元)", "project.arrived_month", "万元", 2},
		{"J", "到位资金／本年到位资金(亿元)", "project.arrived_year", "亿元", 4},
		{"K", "存在问题", "project.issues", "", 0},
		{"L", "建设内容及规模", "", "", 0},
		{"M", "项目联系人手机", "project.contact_phone", "", 0},
		{"N", "签约日期", "project.signed_on", "", 0},
	}
	if len(sm.Columns) != len(wantCols) {
		t.Fatalf("%d columns proposed, want %d", len(sm.Columns), len(wantCols))
	}
	for i, w := range wantCols {
		c := sm.Columns[i]
		if c.Col != w.col || c.Header != w.header || c.Field != w.field || c.Unit != w.unit || c.Decimals != w.decimals {
			t.Errorf("column %s: proposed %+v, want %+v", w.col, c, w)
		}
	}
	if got := prop.Unmapped; len(got) != 1 || got[0].Col != "L" {
		t.Errorf("unmapped columns %+v, want L", got)
	}
	wantCells := []CellText{
		{"A1", "全市重点招商项目推进情况表（{年}年{月}月）"},
		{"A2", "填报单位（盖章）：{单位}    填报人：{填报人}    联系电话：{电话}"},
		{"A13", "填报日期：{填报日期}"},
	}
	if !slices.Equal(sm.Cells, wantCells) {
		t.Errorf("cells %+v, want %+v", sm.Cells, wantCells)
	}

	// Saved with its mapping and read back, it fills like a built-in one.
	l := fixtureLedger(t)
	if err := Save(ctx, l, &tpl); err != nil {
		t.Fatal(err)
	}
	again, err := FindTemplate(ctx, l, "重点项目推进表")
	if err != nil {
		t.Fatal(err)
	}
	if again.Key != tpl.Key || !bytes.Equal(again.File, file) || string(again.Mapping.JSON()) != string(tpl.Mapping.JSON()) {
		t.Fatal("the saved template does not read back as saved")
	}
	res, err := Generate(ctx, l, again, fixturePeriod, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Unmapped) != 1 {
		t.Errorf("result lists %d unmapped columns", len(res.Unmapped))
	}
	golden(t, filepath.Join("testdata", "golden", "unseen.txt"), dumpWorkbook(t, res.File))
	f, err := excelize.OpenReader(bytes.NewReader(res.File), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	get := func(cell string) string {
		v, err := f.GetCellValue("推进表", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Six live projects by zone (national zones first), the largest first; the sample row
	// and the four reserved rows are gone, the 合计 row follows the data.
	names := []string{"中电光谷南昌光电产业园", "协和精密光学元件项目", "智芯半导体封测项目", "华迅电子5G模组生产基地", "医药冷链物流中心", "赣商回乡食品深加工项目"}
	for i, n := range names {
		if got := get(fmt.Sprintf("B%d", 6+i)); got != n {
			t.Errorf("B%d = %q, want %q", 6+i, got, n)
		}
	}
	for cell, want := range map[string]string{
		"A6": "1", "A11": "6", "E6": "60", "F7": "2000", "G6": "45", "I6": "12000", "I7": "2500", "J6": "1.7", "J7": "0.33",
		"N6": "46096", "L6": "", "M6": "", "M9": "13907910001", "H6": "2026-11-18 走访：走访中电光谷，确认二期设备进场时间",
		"A12": "合计", "A5": "1", "B5": "2",
		"A1":  "全市重点招商项目推进情况表（2026年11月）",
		"A2":  "填报单位（盖章）：南昌经开区招商局    填报人：刘晓明    联系电话：0791-88123456",
		"A14": "填报日期：2026年11月27日",
	} {
		if got := get(cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	for cell, want := range map[string]string{"E12": "SUM(E6:E11)", "G12": "SUM(G6:G11)", "F12": "SUM(F6:F11)", "I12": "SUM(I6:I11)", "J12": "SUM(J6:J11)"} {
		if got, _ := f.GetCellFormula("推进表", cell); got != want {
			t.Errorf("%s formula %q, want %q", cell, got, want)
		}
	}
	if typ, _ := f.GetCellType("推进表", "M9"); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
		t.Errorf("the phone number in M9 is not text (%v)", typ)
	}
	merges := mergedSet(t, f, "推进表")
	for _, m := range []string{"A1:N1", "A2:N2", "A12:D12", "A13:N13", "E3:G3", "I3:J3"} {
		if !merges[m] {
			t.Errorf("merged range %s missing: %v", m, keys(merges))
		}
	}
	if v, _ := f.GetCellValue("说明", "A1"); v != "本表每月5日前报送市商务局。" {
		t.Errorf("the second sheet was touched: %q", v)
	}
	for r := 6; r <= 11; r++ {
		for _, col := range []string{"B", "E", "J", "N"} {
			st, _ := f.GetCellStyle("推进表", col+"6")
			if got, _ := f.GetCellStyle("推进表", fmt.Sprintf("%s%d", col, r)); got != st {
				t.Errorf("%s%d style %d, pattern %d", col, r, got, st)
			}
		}
	}
	checkWithOpenpyxl(t, "重点项目推进表", res.File)
}

// TestProposeCellTexts turns cells with blanks into texts with placeholders.
func TestProposeCellTexts(t *testing.T) {
	tests := []struct {
		in      string
		inTitle bool
		want    string
		ok      bool
	}{
		{"填报单位：", false, "填报单位：{单位}", true},
		{"填报单位（盖章）：________    填报人：______   联系电话：", false, "填报单位（盖章）：{单位}    填报人：{填报人}    联系电话：{电话}", true},
		{"填表人：张三", false, "填表人：张三", false},
		{"填报日期：    年  月  日", false, "填报日期：{填报日期}", true},
		{"截至    年  月  日", false, "截至{期末}", true},
		{"2025年重点项目调度表（    年   月）", true, "2025年重点项目调度表（{年}年{月}月）", true},
		{"三请三回活动统计表（    年1-  月）", true, "三请三回活动统计表（{年}年1—{月}月）", true},
		{"全市招商引资工作情况", true, "全市招商引资工作情况", false},
		{"单位：万元", true, "单位：万元", false},
		{"填报说明：1.金额保留两位小数；2.当前进度写明最新节点。", false, "填报说明：1.金额保留两位小数；2.当前进度写明最新节点。", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := cellTemplate(tc.in, tc.inTitle)
			if got != tc.want || ok != tc.ok {
				t.Errorf("cellTemplate(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestProposeHeaders proposes a field for headers as provinces and cities write them.
func TestProposeHeaders(t *testing.T) {
	tests := []struct {
		header string
		src    Source
		field  string
		unit   string
	}{
		{"总投资(亿元)", SourceProjects, "project.total", "亿元"},
		{"总投资（万元）", SourceProjects, "project.total", "万元"},
		{"其中：外资(万美元)", SourceProjects, "project.foreign", "万美元"},
		{"当前进度", SourceProjects, "project.progress", ""},
		{"本年到位资金(亿元)", SourceProjects, "project.arrived_year", "亿元"},
		{"存在问题", SourceProjects, "project.issues", ""},
		{"需协调解决的问题", SourceProjects, "project.issues", ""},
		{"统一社会信用代码", SourceProjects, "project.credit_code", ""},
		{"统一社会信用代码", SourceInvestments, "investment.credit_code", ""},
		{"是否“5020”项目", SourceProjects, "project.is5020", ""},
		{"用地面积（亩）", SourceProjects, "project.land", "亩"},
		{"包保领导", SourceProjects, "project.leader", ""},
		{"履约率(%)", SourceZones, "kpi.performance_rate", "%"},
		{"邀请“三友”人数", SourceEvents, "event.invited", ""},
		{"项目建设内容及规模", SourceProjects, "", ""},
		{"项目联系人手机", SourceProjects, "project.contact_phone", ""},
		{"引荐人", SourceProjects, "person.introducer", ""},
		{"建设地点", SourceProjects, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.header, func(t *testing.T) {
			src := tc.src
			f, s := bestField(normalizeHeader(tc.header), &src)
			got := ""
			if s >= minScore {
				got = f.Key
			}
			if got != tc.field {
				t.Fatalf("header %q proposes %q (score %d), want %q", tc.header, got, s, tc.field)
			}
			if got != "" && unitFrom(tc.header, f) != tc.unit {
				t.Errorf("unit of %q = %q, want %q", tc.header, unitFrom(tc.header, f), tc.unit)
			}
		})
	}
}

// TestProposeRefusesNonTables names the file when no header is found.
func TestProposeRefusesNonTables(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "会议纪要")
	f.SetCellValue("Sheet1", "A2", "今天讨论了三个项目。")
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := FromFile("纪要.xlsx", buf.Bytes()); err == nil || !bytes.Contains([]byte(err.Error()), []byte("纪要.xlsx")) {
		t.Errorf("error %v, want one naming 纪要.xlsx", err)
	}
	if _, _, err := FromFile("旧表.xls", []byte("\xd0\xcf\x11\xe0 not a zip")); err == nil {
		t.Error("an .xls file was accepted")
	}
	_ = app.Unassigned
}

// TestFieldLabelsUnique: within a source, a label names one field, so that a list of labels
// (the UI's choices) maps back to keys.
func TestFieldLabelsUnique(t *testing.T) {
	for _, src := range Sources {
		seen := map[string]string{}
		for _, f := range FieldsFor(src) {
			if other, dup := seen[f.Label]; dup {
				t.Errorf("%s: label %q names both %s and %s", src, f.Label, other, f.Key)
			}
			seen[f.Label] = f.Key
		}
	}
	c := Column{Col: "E", Header: "总投资（亿元）"}.WithField("project.total")
	if c.Field != "project.total" || c.Unit != "亿元" || c.Decimals != 2 {
		t.Errorf("WithField: %+v", c)
	}
	if c := c.WithField(""); c.Field != "" || c.Unit != "" {
		t.Errorf("WithField(\"\"): %+v", c)
	}
}
