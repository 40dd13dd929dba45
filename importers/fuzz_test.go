package importers

import (
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"ganzhao/app"
)

// Fuzz targets for the parsers that read what users wrote. `go test` runs their seed corpora
// (testdata/fuzz/FuzzX); `make fuzz-importers` fuzzes each for a few seconds.

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"5.2亿元", "8000万", "3,200", "5000万元人民币", "1000万美元", "约3亿", "1E+400", "-1", "9.9999999999999999999亿"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseAmount(s, Unit{}, UnitWan)
		if err != nil {
			return
		}
		if m.Value < 0 {
			t.Fatalf("ParseAmount(%q) = %d, negative", s, m.Value)
		}
		// A plain count of 元 reads back as itself.
		if s != "" && len(s) <= 15 && strings.Trim(s, "0123456789") == "" {
			want, _ := strconv.ParseInt(s, 10, 64)
			if m, err := ParseAmount(s+"元", Unit{}, UnitWan); err != nil || m.Value != want {
				t.Fatalf("ParseAmount(%q元) = %d, %v; want %d", s, m.Value, err, want)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"45728", "2025年3月12日", "2025.03.12", "2025/3/12", "2025-03", "13/03/2025", "20250312", "99999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil || d.Date.IsZero() {
			return
		}
		if y := d.Date.Year(); y < minYear || y > maxYear {
			t.Fatalf("ParseDate(%q) = %s, year out of range", s, d.Date)
		}
		back, err := ParseDate(d.Date.String())
		if err != nil || back.Date != d.Date {
			t.Fatalf("ParseDate(%q) = %s does not read back: %v %v", s, d.Date, back.Date, err)
		}
	})
}

func FuzzParsePhones(f *testing.F) {
	for _, s := range []string{"13812345678；0791-86123456", "79186123456", "1.3912345678E10", "+86 139-0013-9000", "010-68881234转802", "(0791)86123456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		phones, _ := ParsePhones(s)
		var nums []string
		for _, p := range phones {
			nums = append(nums, p.Number)
		}
		p := app.Person{Name: "某", Phones: nums}
		app.NormalizePerson(&p)
		if err := app.ValidatePerson(p); err != nil {
			t.Fatalf("ParsePhones(%q) = %q, which the ledger refuses: %v", s, nums, err)
		}
	})
}

func FuzzCreditCode(f *testing.F) {
	for _, s := range []string{"91440300MA5FXT4K8N", " 91440300ma5fxt4k8n ", "９１４４０３００ＭＡ５ＦＸＴ４Ｋ８Ｎ", "440301103456789", "91360100MA35XXXXX1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := CreditCode(s)
		if err != nil || code == "" {
			return
		}
		if app.CheckCreditCode(code) != nil {
			t.Fatalf("CreditCode(%q) = %q, not a valid code", s, code)
		}
		if again, err := CreditCode(code); err != nil || again != code {
			t.Fatalf("CreditCode is not idempotent on %q: %q %v", code, again, err)
		}
	})
}

// gridOf makes a grid of text: rows by line, cells by comma; "~" marks a cell merged with
// the one to its left.
func gridOf(s string) *Grid {
	g := &Grid{Hidden: map[int]bool{}}
	for i, line := range strings.Split(s, "\n") {
		if i >= 60 {
			break
		}
		cells := strings.Split(line, ",")
		if len(cells) > 40 {
			cells = cells[:40]
		}
		for c := 1; c < len(cells); c++ {
			if cells[c] == "~" {
				g.Merges = append(g.Merges, Range{R1: i, C1: c - 1, R2: i, C2: c})
			}
		}
		g.Cells = append(g.Cells, cells)
		g.RowNum = append(g.RowNum, i+1)
	}
	g.fillMerges()
	return g
}

func FuzzFindHeader(f *testing.F) {
	f.Add("2025年项目台账\n序号,项目名称,投资方信息,~,总投资（万元）\n序号,项目名称,投资方名称,统一社会信用代码,总投资（万元）\n1,甲项目,甲公司,,5.2亿元\n合计,,,,5.2亿元")
	f.Add("免责声明\n企业名称,登记状态,法定代表人,电话\n某公司,存续,张三,13800138000")
	f.Add("a,b\n1,2")
	f.Fuzz(func(t *testing.T, s string) {
		g := gridOf(s)
		h, err := FindHeader(g)
		if err != nil {
			return
		}
		if len(h.Labels) != g.Width() || h.First <= h.Rows[len(h.Rows)-1] || h.First > len(g.Cells)+1 {
			t.Fatalf("header %+v of a %d-row, %d-column grid", h, len(g.Cells), g.Width())
		}
		for r := h.First; r < len(g.Cells); r++ {
			classify(g, r, h)
		}
	})
}

func FuzzDecodeText(f *testing.F) {
	for _, name := range []string{"testdata/projects_gbk.csv", "testdata/contacts_utf16.csv", "testdata/bad_utf8_bom.csv", "testdata/nul.csv"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("\xef\xbb\xbf项目名称,投资方\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, enc, err := DecodeText(b)
		if err != nil {
			return
		}
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) || enc == "" {
			t.Fatalf("DecodeText gave %q (%s)", s, enc)
		}
		src, _ := openCSV("x.csv", s, enc, DefaultLimits())
		src.grid("", DefaultLimits())
	})
}

// FuzzOpenXLS feeds the BIFF8 reader damaged files: it must refuse them, never panic or read
// out of bounds.
func FuzzOpenXLS(f *testing.F) {
	if b, err := os.ReadFile("testdata/projects_messy.xls"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		src, err := openXLS("x.xls", b, DefaultLimits())
		if err != nil {
			return
		}
		for _, s := range src.sheets() {
			src.grid(s.Name, DefaultLimits())
		}
	})
}

// FuzzSheetXML feeds the .xlsx sheet scanner damaged XML: it must never panic.
func FuzzSheetXML(f *testing.F) {
	f.Add([]byte(`<worksheet><cols><col min="2" max="2" hidden="1"/></cols><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>项目&amp;名称</t></is></c></row><row r="3"><c r="C3"><v>5.2</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>`))
	f.Add([]byte(`<x:sheetData><x:row><x:c t='s'><x:v>1</x:v></x:c></x:row></x:sheetData>`))
	f.Add([]byte(`<sheetData><row r="2"><c><v>1</v></c></row><row><c r="C"><v>2</v></c><c r="A"><v>3</v></c></row><row r="1"/><c><v>4</v></c><row r="9"><c t="s"><v>1</v></c></row></sheetData>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		sst, lim := []string{"项目名称", "投资方"}, Limits{MaxRows: 1000, MaxCols: 64}
		g, err := parseSheetXMLIn(doc, sst, lim, 1, 0)
		if err == nil {
			g.fillMerges()
		}
		// Scanned in pieces, the part reads the same, or is refused the same.
		for _, p := range [][2]int{{2, 1}, {3, 8}, {4, 64}} {
			g2, err2 := parseSheetXMLIn(doc, sst, lim, p[0], p[1])
			if (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
				t.Fatalf("in %d pieces of at least %d bytes: error %v, in one piece %v", p[0], p[1], err2, err)
			}
			if err2 == nil {
				g2.fillMerges()
				if !reflect.DeepEqual(g, g2) {
					t.Fatalf("in %d pieces of at least %d bytes:\n%+v\nin one piece:\n%+v", p[0], p[1], g2, g)
				}
			}
		}
	})
}

// fuzzLimits keep one fuzz input cheap: the readers refuse what is larger, as they refuse a
// real file over DefaultLimits.
func fuzzLimits() Limits {
	return Limits{MaxFileBytes: 1 << 20, MaxUnzippedBytes: 8 << 20, MaxRatio: 100, MaxRows: 2000, MaxCols: 64}
}

// FuzzOpen feeds whole files through the importer's front door, the way a user's file arrives:
// written to disk, its format sniffed from its first bytes (xlsx, xls, vCard or CSV), every
// sheet read and the table found. A damaged file must be refused with a *RefusedError, never
// panic.
func FuzzOpen(f *testing.F) {
	for _, name := range []string{"testdata/projects_messy.xlsx", "testdata/company_list.xlsx", "testdata/contacts.vcf",
		"testdata/projects_gbk.csv", "testdata/not_a_zip.xlsx", "testdata/projects_messy.xls"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		path := t.TempDir() + "/in"
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		book, err := Open(path, fuzzLimits())
		if err != nil {
			var re *RefusedError
			if !errors.As(err, &re) {
				t.Fatalf("Open refused with %T %v, want a *RefusedError", err, err)
			}
			return
		}
		defer book.Close()
		for _, s := range book.Sheets {
			g, err := book.Grid(s.Name)
			if err != nil {
				continue
			}
			FindTable(book, g)
		}
	})
}

// FuzzVCard feeds the vCard reader damaged contacts: folded lines, quoted-printable values,
// stray semicolons. It must never panic, and every card it reads fills one row of the header's
// width.
func FuzzVCard(f *testing.F) {
	if b, err := os.ReadFile("testdata/contacts.vcf"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=\r\n=E4=B8=89;;;\r\nTEL;CELL:138 0013 8000\r\nEND:VCARD\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		src, err := openVCard("x.vcf", b, fuzzLimits())
		if err != nil {
			return
		}
		g, err := src.grid("", fuzzLimits())
		if err != nil {
			return
		}
		for i, row := range g.Cells {
			if len(row) != len(vcardHeaders) {
				t.Fatalf("row %d has %d cells, want %d: %q", i, len(row), len(vcardHeaders), row)
			}
		}
		g.fillMerges()
	})
}
