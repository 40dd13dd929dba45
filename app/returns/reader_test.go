package returns

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// python is the interpreter with openpyxl (Debian's python3-openpyxl installs into the system
// Python, so it is called by its full path).
const python = "/usr/bin/python3"

// needOpenpyxl skips a test when python3-openpyxl is missing, except in CI, where the
// Makefile's deps target installs it and its absence is a failure.
func needOpenpyxl(t *testing.T) {
	t.Helper()
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s cannot import openpyxl (apt-get install python3-openpyxl): %v", python, err)
		}
		t.Skipf("%s with openpyxl is not installed: %v", python, err)
	}
}

// factCell is what excelize reads in one cell: type t (s text, n number, f formula), value v
// and the custom number format, if any.
type factCell struct {
	T   string `json:"t"`
	V   string `json:"v"`
	Fmt string `json:"fmt,omitempty"`
}

type factSheet struct {
	Name   string              `json:"name"`
	Merged []string            `json:"merged"`
	Cells  map[string]factCell `json:"cells"`
}

type facts struct {
	FullCalcOnLoad bool        `json:"full_calc_on_load"`
	Sheets         []factSheet `json:"sheets"`
}

// readFacts reads with excelize every non-empty cell (merged areas at their top-left cell),
// the merged ranges and the recalculation flag of a workbook.
func readFacts(t testing.TB, b []byte) facts {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out facts
	if cp, err := f.GetCalcProps(); err == nil && cp.FullCalcOnLoad != nil {
		out.FullCalcOnLoad = *cp.FullCalcOnLoad
	}
	for _, sh := range f.GetSheetList() {
		fs := factSheet{Name: sh, Merged: []string{}, Cells: map[string]factCell{}}
		merges, err := f.GetMergeCells(sh, true)
		if err != nil {
			t.Fatal(err)
		}
		covered := map[string]bool{}
		for _, m := range merges {
			fs.Merged = append(fs.Merged, m.GetStartAxis()+":"+m.GetEndAxis())
			c1, r1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
			c2, r2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
			for r := r1; r <= r2; r++ {
				for c := c1; c <= c2; c++ {
					if r != r1 || c != c1 {
						covered[cellName(c, r)] = true
					}
				}
			}
		}
		lastCol, lastRow, err := usedArea(f, sh)
		if err != nil {
			t.Fatal(err)
		}
		for r := 1; r <= lastRow; r++ {
			for c := 1; c <= lastCol; c++ {
				name := cellName(c, r)
				if covered[name] {
					continue
				}
				fc := factCell{}
				if fm, _ := f.GetCellFormula(sh, name); fm != "" {
					fc = factCell{T: "f", V: fm}
				} else {
					v, _ := f.GetCellValue(sh, name, excelize.Options{RawCellValue: true})
					if v == "" {
						continue
					}
					typ, _ := f.GetCellType(sh, name)
					fc = factCell{T: "n", V: v}
					if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
						fc.T = "s"
					}
				}
				if id, err := f.GetCellStyle(sh, name); err == nil && fc.T != "f" {
					if st, err := f.GetStyle(id); err == nil {
						switch {
						case st.CustomNumFmt != nil:
							fc.Fmt = *st.CustomNumFmt
						case st.NumFmt == 49:
							fc.Fmt = "@"
						}
					}
				}
				fs.Cells[name] = fc
			}
		}
		out.Sheets = append(out.Sheets, fs)
	}
	return out
}

// checkWithOpenpyxl has openpyxl read a workbook and agree, cell by cell, with what excelize
// read: values, merged ranges, totals formulas, text formats and the recalculation flag.
func checkWithOpenpyxl(t *testing.T, name string, b []byte) {
	t.Helper()
	needOpenpyxl(t)
	dir := t.TempDir()
	book := filepath.Join(dir, "book.xlsx")
	if err := os.WriteFile(book, b, 0o644); err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(readFacts(t, b))
	if err != nil {
		t.Fatal(err)
	}
	factsPath := filepath.Join(dir, "facts.json")
	if err := os.WriteFile(factsPath, js, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, filepath.Join("testdata", "openpyxl_check.py"), book, factsPath).CombinedOutput()
	if err != nil {
		t.Errorf("openpyxl disagrees with excelize on %s: %v\n%s", name, err, out)
	}
}
