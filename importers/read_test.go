package importers

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ganzhao/app"
)

// summary writes what a row was read as, one line, for comparison with the expectations.
func summary(r app.ImportRow) string {
	var b strings.Builder
	if p := r.Project; p != nil {
		fmt.Fprintf(&b, "P{%s|%s|total=%d|fx=%d|%s|signed=%s|started=%s|methods=%s|notes=%s}", p.Name, p.Code, p.TotalInvestment,
			p.ForeignCapital, p.Stage, p.SignedOn, p.StartedOn, strings.Join(p.Methods, "+"), p.Notes)
	}
	if e := r.Enterprise; e != nil {
		fmt.Fprintf(&b, " E{%s|%s|%s|%s/%s|%s}", e.Name, e.CreditCode, e.Nature, e.HQProvince, e.HQCity, e.Intro)
	}
	if h := r.Person; h != nil {
		fmt.Fprintf(&b, " H{%s|%s|%s|%s|%s}", h.Name, strings.Join(h.Phones, "+"), h.Title, h.Email, h.Notes)
	}
	if r.Zone != "" {
		fmt.Fprintf(&b, " zone=%s", r.Zone)
	}
	for _, p := range r.Errors {
		fmt.Fprintf(&b, " ERR[%s]", p)
	}
	for _, p := range r.Warnings {
		fmt.Fprintf(&b, " WARN[%s]", p)
	}
	return strings.TrimSpace(b.String())
}

func problems(ps []app.ImportProblem) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, "\n")
}

func load(t *testing.T, name string) *app.ImportFile {
	t.Helper()
	tbl, err := Load(filepath.Join("testdata", name), "", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	f, err := tbl.ImportFile()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// messyRows is what projects_messy.xlsx (and the .xls LibreOffice made of it) reads as.
var messyRows = []string{
	`P{华芯微联半导体封装项目||total=520000000|fx=0|签约|signed=2025-03-12|started=|methods=以商引商+产业链招商|notes==HYPERLINK("http://x")} E{华芯微联科技（深圳）有限公司|91440300MA5FXT4K8N||/|} H{张伟|13812345678+0791-86123456|||} zone=南昌经济技术开发区`,
	`P{锂电池正极材料项目||total=80000000|fx=0|在谈|signed=|started=|methods=驻点招商|notes=} E{深圳市华芯微联科技有限公司|||/|} H{李娜|0791-86123456|||} zone=宜春经开区 WARN[第6行 K列（联系人/联系电话）：电话“79186123456”缺少开头的0，已补为 0791-86123456]`,
	`P{智能装备产业园||total=32000000|fx=0|开工|signed=2025-03-12|started=2025-06-01|methods=基金招商+其他|notes=一期} E{江西赣江装备股份有限公司|||/|} H{王强|13912345678|||} zone=上饶经开区 WARN[第7行 D列（投资方信息/统一社会信用代码）：统一社会信用代码“91360100MA35XXXXX1”校验位不符（应为N），请核对是否抄错，已留空] WARN[第7行 I列（招商方式）：未识别的招商方式“小分队”，记为“其他”]`,
	`P{稀土新材料项目||total=150000000|fx=0|投产|signed=2024-03-12|started=2024-05-01|methods=|notes=} E{赣州稀土集团有限公司|91360700MA38A0BX7E||/|} zone=赣州经开区 WARN[第9行 H列（开工时间）：只写了月份（2024-05），按当月1日记]`,
	`P{食品加工项目||total=0|fx=0|在谈|signed=|started=|methods=|notes=} E{江西绿源食品有限公司|||/|} ERR[第10行 E列（总投资（万元））：“abc万元”不是金额]`,
	`P{华芯微联半导体封装项目||total=0|fx=0|签约|signed=|started=|methods=展会/峰会论坛|notes=二期用地待定} E{华芯微联科技(深圳)有限公司|||/|} H{|0755-26123456|||}`,
}

func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file       string
		format     string
		sheet      string
		headerRows []int
		rowsRead   int
		primary    app.EntityKind
		skipped    string
		warnings   string
		rows       []string
	}{
		{"projects_messy.xlsx", "xlsx", "2025年项目台账", []int{3, 4}, 9, app.KindProject,
			"第8行：空行\n第12行：合计行（合计）\n第13行：说明或备注行（注：1. 金额单位为万元；2. 阶段按月更新。）",
			"N列（内部编号）：这是隐藏列，未导入", messyRows},
		{"projects_messy.xls", "xls", "2025年项目台账", []int{3, 4}, 9, app.KindProject,
			"第8行：空行\n第12行：合计行（合计）\n第13行：说明或备注行（注：1. 金额单位为万元；2. 阶段按月更新。）",
			"N列（内部编号）：这是隐藏列，未导入", messyRows},
		{"company_list.xlsx", "xlsx", "企业列表", []int{2}, 3, app.KindEnterprise, "", "", []string{
			`E{深圳华芯微联科技股份有限公司|91440300MA5FXT4K8N|民企|广东/深圳|登记状态：存续；注册资本：5000万元人民币；成立日期：2015-03-12；地址：广东省深圳市南山区科技园南区；企业类型：股份有限公司（非上市、自然人投资或控股）；参保人数：320} H{陈晓东|0755-86123456+13800138000+13900139000|法定代表人|ir@hxwl.example.cn|}`,
			`E{苏州远航精密机械有限公司|91320500MA1MXXXXXP|外企（合资）|江苏/苏州|登记状态：在业；注册资本：1000万美元；成立日期：2008-07-01；地址：江苏省苏州市工业园区星湖街；企业类型：有限责任公司（外商投资、非独资）；参保人数：85} H{周婷||法定代表人||}`,
			`E{上海申联供应链管理有限公司||民企|上海/上海|登记状态：注销；注册资本：200万元人民币；成立日期：2012-10-15；地址：上海市浦东新区张江路；企业类型：有限责任公司（自然人独资）} H{吴磊|021-58881234|法定代表人||} WARN[第5行 B列（登记状态）：登记状态为“注销”，请核实是否仍需跟进] WARN[第5行 F列（统一社会信用代码）：统一社会信用代码“913101157989XXXXXX”校验位不符（应为2），请核对是否抄错，已留空]`,
		}},
		{"projects_gbk.csv", "csv", "CSV（GB18030/GBK）", []int{1}, 4, app.KindProject, "第5行：合计行（合计）",
			"C列（计划投资）：表头未注明单位，没写单位的金额按万元计", []string{
				`P{新能源电池回收项目||total=50000000|fx=0|签约|signed=2025-03-12|started=|methods=|notes=} E{湖南邦普循环科技有限公司||民企|/|} H{刘洋|13800138000|||}`,
				`P{光伏组件项目||total=0|fx=1000000000|在谈|signed=2025-03-01|started=|methods=|notes=} E{隆基绿能科技股份有限公司||外企（独资）|/|} H{赵敏|13900139000|||} WARN[第3行 C列（计划投资）：总投资“1000万美元”是美元金额，已记入合同外资；总投资未填（不做汇率换算）] WARN[第3行 E列（签约日期）：只写了月份（2025-03），按当月1日记]`,
				`P{总部经济项目，二期||total=15000000|fx=0|储备|signed=|started=|methods=|notes=} E{中国建材集团有限公司||国企（央企）|/|} H{孙悦|010-68881234转802|||}`,
			}},
		{"contacts_utf16.csv", "csv", "CSV（UTF-16LE）", []int{1}, 1, app.KindPerson, "", "", []string{
			`E{江西铜业股份有限公司|||/|} H{黄磊|0791-82710123|||}`,
		}},
		{"contacts.vcf", "vcf", "通讯录（vCard）", []int{0}, 3, app.KindPerson, "", "", []string{
			`E{江西赣江装备股份有限公司|||/|} H{张三|13812345678+0791-86123456|总经理||}`,
			`E{深圳华芯微联科技股份有限公司|||/|} H{李四|13912345678||lisi@hxwl.example.cn|部门：投资部 在深圳南山区，老家赣州}`,
			`H{王五|13712345678|||}`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f := load(t, tc.file)
			if f.Format != tc.format || f.Sheet != tc.sheet || fmt.Sprint(f.HeaderRows) != fmt.Sprint(tc.headerRows) || f.RowsRead != tc.rowsRead || f.Primary != tc.primary {
				t.Errorf("read %s %q header %v, %d rows, primary %s; want %s %q %v %d %s", f.Format, f.Sheet, f.HeaderRows, f.RowsRead, f.Primary,
					tc.format, tc.sheet, tc.headerRows, tc.rowsRead, tc.primary)
			}
			if got := problems(f.Skipped); got != tc.skipped {
				t.Errorf("skipped:\n%s\nwant:\n%s", got, tc.skipped)
			}
			if got := problems(f.Warnings); got != tc.warnings {
				t.Errorf("file warnings:\n%s\nwant:\n%s", got, tc.warnings)
			}
			if len(f.Rows) != len(tc.rows) {
				t.Fatalf("%d rows, want %d", len(f.Rows), len(tc.rows))
			}
			for i, r := range f.Rows {
				if got := summary(r); got != tc.rows[i] {
					t.Errorf("row %d:\n got %s\nwant %s", r.Row, got, tc.rows[i])
				}
			}
		})
	}
}

func TestSheetsAndMapping(t *testing.T) {
	b, err := Open("testdata/projects_messy.xlsx", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	want := []SheetInfo{{Name: "2025年项目台账", Rows: 13, Cols: 14}, {Name: "汇总", Rows: 3, Cols: 3, Summary: true}}
	if fmt.Sprint(b.Sheets) != fmt.Sprint(want) {
		t.Errorf("sheets %v, want %v", b.Sheets, want)
	}
	if b.DefaultSheet() != "2025年项目台账" {
		t.Errorf("default sheet %q", b.DefaultSheet())
	}
	g, err := b.Grid("")
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := FindTable(b, g)
	if err != nil {
		t.Fatal(err)
	}
	wantFields := []string{"", "project.name", "enterprise.name", "enterprise.credit_code", "project.total_investment", "project.stage",
		"project.signed_on", "project.started_on", "project.methods", "person.name", "person.phones", "project.zone", "project.notes", ""}
	if fmt.Sprint(tbl.Fields()) != fmt.Sprint(wantFields) {
		t.Errorf("fields %q\nwant %q", tbl.Fields(), wantFields)
	}
	// Changing a mapping changes what is read: 备注 ignored.
	fields := tbl.Fields()
	fields[12] = FieldIgnore
	if err := tbl.SetFields(fields); err != nil {
		t.Fatal(err)
	}
	f, err := tbl.ImportFile()
	if err != nil {
		t.Fatal(err)
	}
	if f.Rows[0].Project.Notes != "" {
		t.Errorf("ignored column still read: %q", f.Rows[0].Project.Notes)
	}
	if err := tbl.SetFields([]string{"x"}); err == nil {
		t.Error("a mapping of the wrong length was accepted")
	}
	if _, err := Load("testdata/projects_messy.xlsx", "没有这个表", DefaultLimits()); err == nil || !strings.Contains(err.Error(), "没有名为“没有这个表”的工作表") {
		t.Errorf("unknown sheet: %v", err)
	}
}

// writeFile writes b into a new file in a temporary folder.
func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRefusals(t *testing.T) {
	good, err := os.ReadFile("testdata/projects_messy.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	// An encrypted workbook, as Excel writes one with a password.
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "项目名称")
	encrypted := filepath.Join(t.TempDir(), "encrypted.xlsx")
	if err := f.SaveAs(encrypted, excelize.Options{Password: "123"}); err != nil {
		t.Fatal(err)
	}
	// A zip bomb: a sheet of 70 MB of spaces in a file of a few hundred KB.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range 70 {
		w.Write(chunk)
	}
	w, _ = zw.Create("xl/workbook.xml")
	w.Write([]byte(`<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>`))
	zw.Close()
	// More rows than the limit.
	many := excelize.NewFile()
	many.SetCellValue("Sheet1", "A1", "项目名称")
	many.SetCellValue("Sheet1", "B1", "投资方")
	for r := 2; r <= 60; r++ {
		many.SetCellValue("Sheet1", fmt.Sprintf("A%d", r), fmt.Sprintf("项目%d", r))
	}
	manyPath := filepath.Join(t.TempDir(), "many.xlsx")
	if err := many.SaveAs(manyPath); err != nil {
		t.Fatal(err)
	}
	small := DefaultLimits()
	small.MaxRows = 50
	tests := []struct {
		name string
		path string
		lim  Limits
		want string
	}{
		{"empty file", "testdata/empty.csv", DefaultLimits(), "文件是空的"},
		{"NUL bytes", "testdata/nul.csv", DefaultLimits(), "NUL 字节"},
		{"invalid UTF-8 after a UTF-8 BOM", "testdata/bad_utf8_bom.csv", DefaultLimits(), "声明为 UTF-8（带BOM），但第2行含有无效的 UTF-8 字节"},
		{"not a zip", "testdata/not_a_zip.xlsx", DefaultLimits(), "压缩包已损坏或不完整"},
		{"truncated xlsx", writeFile(t, "truncated.xlsx", good[:len(good)/2]), DefaultLimits(), "压缩包已损坏或不完整"},
		{"encrypted workbook", encrypted, DefaultLimits(), "工作簿已加密"},
		{"zip bomb", writeFile(t, "bomb.xlsx", bomb.Bytes()), DefaultLimits(), "疑似压缩炸弹"},
		{"too many rows", manyPath, small, "超过 50 行的导入上限"},
		{"a Word document", writeFile(t, "doc.xls", append(append([]byte{}, oleMagic...), make([]byte, 600)...)), DefaultLimits(), "无法导入"},
		{"missing file", filepath.Join(t.TempDir(), "none.xlsx"), DefaultLimits(), "找不到文件"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.path, "", tc.lim)
			var re *RefusedError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load = %v; want a refusal with %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("refusal is not one line: %q", err)
			}
		})
	}
}

// TestMergedCellsCarryDown: a cell merged over several data rows (one 责任单位 for three
// projects) belongs to each of them; a formula-looking text stays text.
func TestMergedCellsCarryDown(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{{"项目名称", "投资方", "责任单位", "备注"}, {"甲项目", "甲公司", "招商一局", "@某人"}, {"乙项目", "乙公司", nil, "+86"}, {"丙项目", "丙公司", nil, "-"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	f.MergeCell("Sheet1", "C2", "C4")
	path := filepath.Join(t.TempDir(), "merged.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	tbl, err := Load(path, "", DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	im, err := tbl.ImportFile()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range im.Rows {
		got = append(got, r.Project.Name+"|"+r.Project.Unit+"|"+r.Project.Notes)
	}
	if want := "甲项目|招商一局|@某人 乙项目|招商一局|+86 丙项目|招商一局|"; strings.Join(got, " ") != want {
		t.Errorf("rows %q, want %q", strings.Join(got, " "), want)
	}
}

// TestSheetsWithoutDimension: a workbook from a streaming writer states no sheet dimension.
// Its sheets are counted for the list, and the default sheet is still the biggest, not the
// first (a 填表说明 sheet before the ledger).
func TestSheetsWithoutDimension(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	write := func(sheet string, rows int) {
		if sheet != "Sheet1" {
			if _, err := f.NewSheet(sheet); err != nil {
				t.Fatal(err)
			}
		}
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r := 1; r <= rows; r++ {
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, []any{fmt.Sprintf("项目%d", r), "江西某某科技有限公司", 1000 + r}); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	write("Sheet1", 3)
	f.SetSheetName("Sheet1", "填表说明")
	write("项目台账", 700)
	path := filepath.Join(t.TempDir(), "streamed.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	b, err := Open(path, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, s := range b.Sheets {
		if s.Rows != 0 {
			t.Fatalf("sheet %s states %d rows: the fixture does not test a missing dimension", s.Name, s.Rows)
		}
	}
	if got := b.DefaultSheet(); got != "项目台账" {
		t.Errorf("default sheet %q, want 项目台账", got)
	}
	b.CountRows()
	if len(b.Sheets) != 2 || b.Sheets[0].Rows != 3 || b.Sheets[1].Rows != 700 {
		t.Errorf("counted sheets: %+v", b.Sheets)
	}
}
