package returns

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// dumpWorkbook writes a workbook as text for golden files: per sheet its merged ranges, its
// defined names, and every non-empty cell with its raw value, formula, type and style's
// number format, row by row.
func dumpWorkbook(t testing.TB, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out strings.Builder
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&out, "name %s [%s] = %s\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&out, "== %s\n", sh)
		merges, err := f.GetMergeCells(sh, true)
		if err != nil {
			t.Fatal(err)
		}
		var ms []string
		covered := map[string]bool{}
		for _, m := range merges {
			ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
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
		slices.Sort(ms)
		fmt.Fprintf(&out, "merged %s\n", strings.Join(ms, " "))
		dvs, _ := f.GetDataValidations(sh)
		for _, dv := range dvs {
			fmt.Fprintf(&out, "validation %s %s\n", dv.Sqref, dv.Formula1)
		}
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		lastCol, lastRow, err := usedArea(f, sh)
		if err != nil {
			t.Fatal(err)
		}
		for r := 1; r <= max(lastRow, len(rows)); r++ {
			for c := 1; c <= lastCol; c++ {
				name := cellName(c, r)
				if covered[name] {
					continue
				}
				v, _ := f.GetCellValue(sh, name, excelize.Options{RawCellValue: true})
				fm, _ := f.GetCellFormula(sh, name)
				if v == "" && fm == "" {
					continue
				}
				typ, _ := f.GetCellType(sh, name)
				format := ""
				if id, err := f.GetCellStyle(sh, name); err == nil {
					if st, err := f.GetStyle(id); err == nil {
						if st.CustomNumFmt != nil {
							format = *st.CustomNumFmt
						} else if st.NumFmt != 0 {
							format = fmt.Sprint(st.NumFmt)
						}
					}
				}
				line := fmt.Sprintf("%s %s", name, cellTypeName(typ))
				if fm != "" {
					line += " =" + fm
				} else {
					line += " " + strings.ReplaceAll(v, "\n", "⏎")
				}
				if format != "" {
					line += "  [" + format + "]"
				}
				out.WriteString(line + "\n")
			}
		}
	}
	return out.String()
}

func cellTypeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return "s"
	case excelize.CellTypeNumber, excelize.CellTypeUnset:
		return "n"
	case excelize.CellTypeFormula:
		return "f"
	case excelize.CellTypeBool:
		return "b"
	case excelize.CellTypeDate:
		return "d"
	}
	return fmt.Sprint(t)
}
