package returns

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// expectedSheet is what a built-in sheet filled from the fixture ledger must hold: the text of
// the label column row by row (sub-headers included) and some exact cells.
type expectedSheet struct {
	labelCol string
	rows     []string
	title    string
	cells    map[string]string // by column letter and the row's label: "I|中电光谷南昌光电产业园" → "60"
}

var builtinExpectations = map[string][]expectedSheet{
	"招商引资项目调度表（亿元以上）": {{
		labelCol: "B", title: "招商引资项目调度表（亿元以上）（2026年11月）",
		rows: []string{"一、南昌经开区（2个）", "中电光谷南昌光电产业园", "协和精密光学元件项目", "二、南昌高新区（1个）", "智芯半导体封测项目",
			"三、樟树工业园区（2个）", "华迅电子5G模组生产基地", "医药冷链物流中心"},
		cells: map[string]string{
			"A|中电光谷南昌光电产业园": "1", "A|智芯半导体封测项目": "3", "A|医药冷链物流中心": "5",
			"C|华迅电子5G模组生产基地": "0012026", "E|中电光谷南昌光电产业园": "91360100000000001Q",
			"I|中电光谷南昌光电产业园": "60", "J|中电光谷南昌光电产业园": "45", "K|协和精密光学元件项目": "2000",
			"L|中电光谷南昌光电产业园": "是", "L|华迅电子5G模组生产基地": "是", "L|智芯半导体封测项目": "否",
			"N|中电光谷南昌光电产业园": "46096", "O|协和精密光学元件项目": "45938",
			"P|中电光谷南昌光电产业园": "12000", "Q|中电光谷南昌光电产业园": "17000", "P|协和精密光学元件项目": "2500", "Q|协和精密光学元件项目": "3300",
			"R|中电光谷南昌光电产业园": "320.5", "U|智芯半导体封测项目": "在谈（2026-06-01起）",
			"V|中电光谷南昌光电产业园": "协调施工用电接入（已逾期）；办理二期施工许可", "W|中电光谷南昌光电产业园": "协调二期用地指标",
		},
	}},
	"“5020”项目调度表": {{
		labelCol: "D", title: "“5020”项目调度表（2026年11月）",
		rows: []string{"中电光谷南昌光电产业园", "华迅电子5G模组生产基地"},
		cells: map[string]string{
			"B|中电光谷南昌光电产业园": "南昌经开区", "C|华迅电子5G模组生产基地": "省级", "H|华迅电子5G模组生产基地": "25",
			"M|中电光谷南昌光电产业园": "1.7", "N|中电光谷南昌光电产业园": "1.7", "O|中电光谷南昌光电产业园": "87", "O|华迅电子5G模组生产基地": "17",
		},
	}},
	"新签约项目表": {{
		labelCol: "B", title: "新签约项目表（2026年11月）",
		rows: []string{"华迅电子5G模组生产基地", "赣商回乡食品深加工项目"},
		cells: map[string]string{
			"C|华迅电子5G模组生产基地": "46336", "C|赣商回乡食品深加工项目": "46346", "I|华迅电子5G模组生产基地": "250000", "I|赣商回乡食品深加工项目": "8000",
			"G|赣商回乡食品深加工项目": "内资", "N|赣商回乡食品深加工项目": "否", "Q|赣商回乡食品深加工项目": "是", "M|华迅电子5G模组生产基地": "三请三回、以商引商",
		},
	}},
	"三请三回活动情况统计表": {{
		labelCol: "B", title: "三请三回活动情况统计表（2026年1—11月）",
		rows: []string{"恳谈会", "座谈会", "茶话会", "团拜会", "推介会", "其他"},
		cells: map[string]string{
			// 恳谈会: 李国华 (乡友) and 王建军 (校友, 战友) came, 陈明 (no tie) is not counted;
			// two projects signed there, 25亿 + 0.8亿.
			"C|恳谈会": "1", "D|恳谈会": "1", "E|恳谈会": "0", "G|恳谈会": "2", "H|恳谈会": "1", "I|恳谈会": "1", "J|恳谈会": "1",
			"K|恳谈会": "2", "L|恳谈会": "2", "M|恳谈会": "25.8",
			// 座谈会: 李国华 again; 赣商回乡 was already counted at the 恳谈会.
			"C|座谈会": "1", "E|座谈会": "1", "G|座谈会": "1", "H|座谈会": "1", "I|座谈会": "0", "K|座谈会": "1", "L|座谈会": "0", "M|座谈会": "0",
			// 茶话会: held at township level with no 三友; 团拜会 was last year.
			"C|茶话会": "1", "F|茶话会": "1", "G|茶话会": "0", "K|茶话会": "0", "C|团拜会": "0", "C|推介会": "0",
		},
	}},
	"三企入赣项目情况表": {{
		labelCol: "B", title: "三企入赣项目情况表（2026年1—11月）",
		rows: []string{"一、国企（1个）", "中电光谷南昌光电产业园", "二、民企（2个）", "华迅电子5G模组生产基地", "赣商回乡食品深加工项目"},
		cells: map[string]string{
			"E|中电光谷南昌光电产业园": "国企（央企）", "I|赣商回乡食品深加工项目": "0.8", "K|中电光谷南昌光电产业园": "1.7",
			"H|中电光谷南昌光电产业园": "46096",
		},
	}},
	"基金招商项目台账": {{
		labelCol: "B", title: "基金招商项目台账（2026年11月）",
		rows: []string{"一、南昌光电产业母基金", "香港协和精密有限公司", "二、赣江智能制造产业基金", "江西智芯半导体有限公司", "深圳市华迅电子有限公司"},
		cells: map[string]string{
			"E|香港协和精密有限公司": "3000", "E|江西智芯半导体有限公司": "15000", "E|深圳市华迅电子有限公司": "8000",
			"K|香港协和精密有限公司": "0", "K|江西智芯半导体有限公司": "15000", "J|香港协和精密有限公司": "否",
			"F|江西智芯半导体有限公司": "智芯半导体封测项目", "I|江西智芯半导体有限公司": "12",
			// 赣江: 1.5 × 认缴 4亿 = 6亿; counted by November 1.5亿 + 0.8亿 = 2.3亿 (i3 is December);
			// gap 3.7亿; rate ⌊2.3 ÷ 6 × 10000⌋ = 3833 bp. 南昌光电: 60% of 实缴 5亿 = 3亿, nothing counted.
			"Q|香港协和精密有限公司": "基金实缴规模的60%", "Q|江西智芯半导体有限公司": "政府认缴出资的1.5倍",
			"R|香港协和精密有限公司": "3", "R|深圳市华迅电子有限公司": "6", "S|深圳市华迅电子有限公司": "2.3", "S|香港协和精密有限公司": "0",
			"T|深圳市华迅电子有限公司": "3.7", "T|香港协和精密有限公司": "3",
			"U|深圳市华迅电子有限公司": "0.3833", "U|香港协和精密有限公司": "0", "N|深圳市华迅电子有限公司": "国投创新投资管理有限公司",
		},
	}},
	"月度招商工作情况汇总表": {
		{
			labelCol: "B", title: "月度招商工作情况汇总表（按开发区）（2026年11月）",
			rows: []string{"南昌经开区", "樟树工业园区"},
			cells: map[string]string{
				"C|南昌经开区": "0", "D|樟树工业园区": "25.8", "E|南昌经开区": "1", "F|南昌经开区": "60", "G|樟树工业园区": "1", "H|樟树工业园区": "1",
				"I|南昌经开区": "1.45", "J|南昌经开区": "2.03", "K|南昌经开区": "1", "L|樟树工业园区": "1", "M|南昌经开区": "1", "N|南昌经开区": "1",
				"N|樟树工业园区": "0", "O|南昌经开区": "1.7", "P|南昌经开区": "0.028",
			},
		},
		{
			labelCol: "B", title: "月度招商工作情况汇总表（按产业链）（2026年11月）",
			rows: []string{"电子信息", "食品", "医药"},
			cells: map[string]string{
				"E|电子信息": "2", "F|电子信息": "85", "C|电子信息": "1", "D|食品": "0.8", "M|电子信息": "1", "N|电子信息": "0.5", "L|医药": "1",
			},
		},
	},
}

func TestBuiltinTemplatesFilled(t *testing.T) {
	ctx := context.Background()
	l := fixtureLedger(t)
	builtins, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(builtins) != len(builtinExpectations) {
		t.Fatalf("%d built-in templates, %d expectations", len(builtins), len(builtinExpectations))
	}
	for i, tpl := range builtins {
		spec := builtinSpecs[i]
		t.Run(tpl.Name, func(t *testing.T) {
			res, err := Generate(ctx, l, tpl, fixturePeriod, Options{})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "golden", strings.TrimSuffix(spec.File, ".xlsx")+".txt"), dumpWorkbook(t, res.File))
			out, err := excelize.OpenReader(bytes.NewReader(res.File), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			defer out.Close()
			in, err := excelize.OpenReader(bytes.NewReader(tpl.File))
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			if cp, err := out.GetCalcProps(); err != nil || cp.FullCalcOnLoad == nil || !*cp.FullCalcOnLoad {
				t.Error("the return does not ask for recalculation on open")
			}
			want := builtinExpectations[tpl.Name]
			for k, s := range spec.Sheets {
				checkBuiltinSheet(t, in, out, s, want[k])
			}
			if res.Archive.ID == "" || res.Archive.RowCount == 0 {
				t.Errorf("archive = %+v", res.Archive)
			}
			checkWithOpenpyxl(t, tpl.Name, res.File)
		})
	}
}

// checkBuiltinSheet checks one filled sheet against its template and the expectations.
func checkBuiltinSheet(t *testing.T, in, out *excelize.File, s specSheet, want expectedSheet) {
	t.Helper()
	sh, p := s.Sheet, s.patternRow()
	last := p + len(want.rows) - 1
	tot := last + 1
	get := func(cell string) string {
		v, err := out.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	lastCol := colName(len(s.Columns))

	// Labels row by row, then the cells promised.
	rowOf := map[string]int{}
	for i, label := range want.rows {
		r := p + i
		got := get(fmt.Sprintf("%s%d", want.labelCol, r))
		if strings.Contains(label, "、") {
			got = get(fmt.Sprintf("A%d", r)) // a sub-header sits in column A, merged across
		}
		if got != label {
			t.Errorf("%s row %d = %q, want %q", sh, r, got, label)
		}
		rowOf[label] = r
	}
	for key, v := range want.cells {
		col, label, _ := strings.Cut(key, "|")
		r, ok := rowOf[label]
		if !ok {
			t.Errorf("%s: no row %q", sh, label)
			continue
		}
		if got := get(fmt.Sprintf("%s%d", col, r)); got != v {
			t.Errorf("%s %s%d (%s of %s) = %q, want %q", sh, col, r, s.Columns[mustCol(col)-1].Title, label, got, v)
		}
	}

	// Text stays text: codes and names are string cells, amounts numbers.
	for i, c := range s.Columns {
		fd, _ := FieldByKey(c.Field)
		for r := p; r <= last; r++ {
			name := cellName(i+1, r)
			if get(name) == "" || isGroupRow(out, sh, r) {
				continue
			}
			typ, _ := out.GetCellType(sh, name)
			isText := typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString
			if (fd.Kind == KindText) != isText {
				t.Errorf("%s %s (%s) has cell type %v", sh, name, c.Title, typ)
			}
		}
	}

	// Every data row has the pattern row's style, column by column; sub-headers are merged.
	for col := 1; col <= len(s.Columns); col++ {
		pattern, err := in.GetCellStyle(sh, cellName(col, p))
		if err != nil {
			t.Fatal(err)
		}
		for r := p; r <= last; r++ {
			if isGroupRow(out, sh, r) {
				continue
			}
			if got, _ := out.GetCellStyle(sh, cellName(col, r)); got != pattern {
				t.Errorf("%s %s has style %d, the pattern row's is %d", sh, cellName(col, r), got, pattern)
			}
		}
	}
	merges := mergedSet(t, out, sh)
	for r := p; r <= last; r++ {
		if isGroupRow(out, sh, r) && !merges[fmt.Sprintf("A%d:%s%d", r, lastCol, r)] {
			t.Errorf("%s sub-header row %d is not merged across the table", sh, r)
		}
	}

	// Totals: the template's SUM over the pattern row now spans every data row.
	if got := get(fmt.Sprintf("A%d", tot)); got != "合计" {
		t.Errorf("%s A%d = %q, want 合计", sh, tot, got)
	}
	for i, c := range s.Columns {
		name := cellName(i+1, tot)
		fm, _ := out.GetCellFormula(sh, name)
		switch {
		case c.Sum:
			if want := fmt.Sprintf("SUM(%s%d:%s%d)", colName(i+1), p, colName(i+1), last); fm != want {
				t.Errorf("%s %s total = %q, want %q", sh, name, fm, want)
			}
		case c.Total != "":
			for _, ref := range regexp.MustCompile(`[A-Z]+\d+`).FindAllString(fm, -1) {
				if !strings.HasSuffix(ref, strconv.Itoa(tot)) {
					t.Errorf("%s %s total %q refers to %s outside the 合计 row", sh, name, fm, ref)
				}
			}
		case fm != "":
			t.Errorf("%s %s has unexpected formula %q", sh, name, fm)
		}
	}

	// Title, unit, date, reporter and notes, with their merges, moved below the data.
	for cell, v := range map[string]string{
		"A1":                       want.title,
		"A2":                       "填报单位（盖章）：南昌经开区招商局",
		cellName(s.rightHalf(), 2): "填报日期：2026年11月27日",
		fmt.Sprintf("A%d", tot+1):  "填报人：刘晓明    联系电话：0791-88123456",
	} {
		if got := get(cell); got != v {
			t.Errorf("%s %s = %q, want %q", sh, cell, got, v)
		}
	}
	if notes := get(fmt.Sprintf("A%d", tot+2)); !strings.HasPrefix(notes, "填报说明：\n1. ") {
		t.Errorf("%s A%d = %q, want the 填报说明", sh, tot+2, notes)
	}
	for _, m := range []string{"A1:" + lastCol + "1", fmt.Sprintf("A%d:%s%d", tot+1, lastCol, tot+1), fmt.Sprintf("A%d:%s%d", tot+2, lastCol, tot+2)} {
		if !merges[m] {
			t.Errorf("%s: merged range %s missing (have %v)", sh, m, keys(merges))
		}
	}

	// The header and the column widths are the template's.
	for _, r := range s.headerRows() {
		for col := 1; col <= len(s.Columns); col++ {
			name := cellName(col, r)
			a, _ := in.GetCellValue(sh, name)
			b, _ := out.GetCellValue(sh, name)
			if a != b {
				t.Errorf("%s header %s = %q, template has %q", sh, name, b, a)
			}
		}
	}
	for col := 1; col <= len(s.Columns); col++ {
		a, _ := in.GetColWidth(sh, colName(col))
		b, _ := out.GetColWidth(sh, colName(col))
		if a != b {
			t.Errorf("%s column %s width %v, template %v", sh, colName(col), b, a)
		}
	}
}

func mustCol(col string) int {
	n, err := colNumber(col)
	if err != nil {
		panic(err)
	}
	return n
}

func isGroupRow(f *excelize.File, sh string, r int) bool {
	v, _ := f.GetCellValue(sh, fmt.Sprintf("A%d", r))
	return strings.Contains(v, "、")
}

func mergedSet(t *testing.T, f *excelize.File, sh string) map[string]bool {
	t.Helper()
	ms, err := f.GetMergeCells(sh, true)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, m := range ms {
		out[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	return out
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// golden compares text with a golden file, rewriting it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines that differ, for a readable failure.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, a, c)
		}
	}
	return b.String()
}
