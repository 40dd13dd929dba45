package returns

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ganzhao/app"
)

var update = flag.Bool("update", false, "rewrite the built-in workbooks in assets/returns and the golden files in testdata")

// TestBuiltinWorkbooks draws every built-in template from its description and checks that
// the committed workbook is exactly that drawing; with -update it rewrites the workbooks.
func TestBuiltinWorkbooks(t *testing.T) {
	dir := filepath.Join("..", "..", "assets", "returns")
	for _, b := range builtinSpecs {
		t.Run(b.Name, func(t *testing.T) {
			drawn, err := drawWorkbook(b)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, b.File)
			if *update {
				if err := os.WriteFile(path, drawn, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			committed, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./app/returns -run TestBuiltinWorkbooks -update)", err)
			}
			if !bytes.Equal(committed, drawn) {
				t.Errorf("%s differs from its description in builtin.go: run go test ./app/returns -run TestBuiltinWorkbooks -update", path)
			}
		})
	}
}

// drawWorkbook draws a built-in template: a merged title with blanks for the period, the
// unit and date line, one or two header rows, the styled pattern row, a 合计 row with SUM
// formulas, the reporter line and the 填报说明.
func drawWorkbook(b builtinSpec) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range b.Sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Sheet); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.Sheet); err != nil {
			return nil, err
		}
		if err := drawSheet(f, s, i == 0 && b.File == "schedule-yiplus.xlsx"); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", b.Name, s.Sheet, err)
		}
	}
	f.SetActiveSheet(0)
	f.SetWorkbookProps(&excelize.WorkbookPropsOptions{})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const designFont = "宋体"

func border() []excelize.Border {
	var out []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		out = append(out, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// bodyStyle is the pattern-row style of a column, by the kind of its field.
func bodyStyle(c specColumn, bold bool) *excelize.Style {
	fd, _ := FieldByKey(c.Field)
	st := &excelize.Style{
		Border:    border(),
		Font:      &excelize.Font{Family: designFont, Size: 10, Bold: bold},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: c.Wrap},
	}
	switch fd.Kind {
	case KindText:
		st.Alignment.Horizontal = "left"
		if c.Field == "change" || c.Field == "project.stage" || strings.HasPrefix(c.Field, "project.is") || strings.HasPrefix(c.Field, "project.yiplus") {
			st.Alignment.Horizontal = "center"
		}
		st.NumFmt = 49 // text: codes typed later stay text too
	case KindSeq, KindCount:
		st.Alignment.Horizontal = "center"
		st.NumFmt = 1
	case KindDate:
		st.Alignment.Horizontal = "center"
		st.CustomNumFmt = ptr("yyyy-mm-dd")
	case KindRate:
		st.Alignment.Horizontal = "right"
		format := "0%" // a fraction with 3 decimals shows as 0.0%, with 4 as 0.00%
		if c.Decimals > 2 {
			format = "0." + strings.Repeat("0", c.Decimals-2) + "%"
		}
		st.CustomNumFmt = &format
	default:
		st.Alignment.Horizontal = "right"
		format := "#,##0"
		if c.Decimals > 0 {
			format += "." + strings.Repeat("0", c.Decimals)
		}
		st.CustomNumFmt = &format
	}
	return st
}

func drawSheet(f *excelize.File, s specSheet, withExtras bool) error {
	sh := s.Sheet
	n := len(s.Columns)
	last := colName(n)
	style := func(st *excelize.Style) int {
		id, err := f.NewStyle(st)
		if err != nil {
			panic(err)
		}
		return id
	}
	set := func(cell string, v any, st int) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			panic(err)
		}
		if st != 0 {
			if err := f.SetCellStyle(sh, cell, cell, st); err != nil {
				panic(err)
			}
		}
	}
	merge := func(a, b string) {
		if a != b {
			if err := f.MergeCell(sh, a, b); err != nil {
				panic(err)
			}
		}
	}
	for i, c := range s.Columns {
		if err := f.SetColWidth(sh, colName(i+1), colName(i+1), c.Width); err != nil {
			return err
		}
	}
	// Title and the unit/date line.
	title := style(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 16, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	set("A1", s.titleText(false), title)
	merge("A1", last+"1")
	if err := f.SetRowHeight(sh, 1, 36); err != nil {
		return err
	}
	info := style(&excelize.Style{Font: &excelize.Font{Family: designFont, Size: 10}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	infoRight := style(&excelize.Style{Font: &excelize.Font{Family: designFont, Size: 10}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	mid := s.rightHalf()
	set("A2", unitCell[0], info)
	merge("A2", cellName(mid-1, 2))
	set(cellName(mid, 2), dateCell[0], infoRight)
	merge(cellName(mid, 2), last+"2")

	// Header rows.
	header := style(&excelize.Style{Border: border(), Font: &excelize.Font{Family: designFont, Size: 10, Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	hr := s.headerRows()
	top, bottom := hr[0], hr[len(hr)-1]
	for i := 0; i < n; i++ {
		c := s.Columns[i]
		col := colName(i + 1)
		for _, r := range hr {
			if err := f.SetCellStyle(sh, fmt.Sprintf("%s%d", col, r), fmt.Sprintf("%s%d", col, r), header); err != nil {
				return err
			}
		}
		if c.Group == "" {
			set(fmt.Sprintf("%s%d", col, top), c.Title, header)
			merge(fmt.Sprintf("%s%d", col, top), fmt.Sprintf("%s%d", col, bottom))
			continue
		}
		set(fmt.Sprintf("%s%d", col, bottom), c.Title, header)
		if i == 0 || s.Columns[i-1].Group != c.Group {
			j := i
			for j+1 < n && s.Columns[j+1].Group == c.Group {
				j++
			}
			set(fmt.Sprintf("%s%d", col, top), c.Group, header)
			merge(fmt.Sprintf("%s%d", col, top), fmt.Sprintf("%s%d", colName(j+1), top))
		}
	}
	for _, r := range hr {
		h := 30.0
		if len(hr) == 1 {
			h = 42
		}
		if err := f.SetRowHeight(sh, r, h); err != nil {
			return err
		}
	}

	// The pattern row and the 合计 row.
	p, tot := s.patternRow(), s.totalsRow()
	firstSum := n
	fieldCell := map[string]string{}
	for i, c := range s.Columns {
		fieldCell[c.Field] = fmt.Sprintf("%s%d", colName(i+1), tot)
		if (c.Sum || c.Total != "") && i < firstSum {
			firstSum = i
		}
	}
	for i, c := range s.Columns {
		col := colName(i + 1)
		set(fmt.Sprintf("%s%d", col, p), nil, style(bodyStyle(c, false)))
		ts := bodyStyle(c, true)
		if i < firstSum {
			ts.Alignment.Horizontal = "center"
		}
		cell := fmt.Sprintf("%s%d", col, tot)
		set(cell, nil, style(ts))
		switch {
		case c.Sum:
			if err := f.SetCellFormula(sh, cell, fmt.Sprintf("SUM(%s%d:%s%d)", col, p, col, p)); err != nil {
				return err
			}
		case c.Total != "":
			formula := regexp.MustCompile(`\{([a-z_.0-9]+)\}`).ReplaceAllStringFunc(c.Total, func(m string) string {
				return fieldCell[strings.Trim(m, "{}")]
			})
			if err := f.SetCellFormula(sh, cell, formula); err != nil {
				return err
			}
		}
	}
	set(fmt.Sprintf("A%d", tot), "合计", 0)
	merge(fmt.Sprintf("A%d", tot), fmt.Sprintf("%s%d", colName(max(firstSum, 1)), tot))
	if err := f.SetRowHeight(sh, tot, 20); err != nil {
		return err
	}

	// Reporter line and notes.
	rep := s.reporterRow()
	set(fmt.Sprintf("A%d", rep), reporterCell[0], info)
	merge(fmt.Sprintf("A%d", rep), fmt.Sprintf("%s%d", last, rep))
	if err := f.SetRowHeight(sh, rep, 24); err != nil {
		return err
	}
	notes := style(&excelize.Style{Font: &excelize.Font{Family: designFont, Size: 9},
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}})
	nr := s.notesRow()
	set(fmt.Sprintf("A%d", nr), "填报说明：\n"+strings.Join(s.Notes, "\n"), notes)
	merge(fmt.Sprintf("A%d", nr), fmt.Sprintf("%s%d", last, nr))
	if err := f.SetRowHeight(sh, nr, float64(16+15*len(s.Notes))); err != nil {
		return err
	}

	// Printing: landscape A4, one page wide, header rows repeated; rows frozen below the header.
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), Size: ptr(9), FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh, top, bottom), Scope: sh}); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: bottom, TopLeftCell: fmt.Sprintf("A%d", p), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// excelize leaves the declared used range at A1; readers that trust it (openpyxl in
	// read-only mode) would see one cell.
	if err := f.SetSheetDimension(sh, fmt.Sprintf("A1:%s%d", last, nr)); err != nil {
		return err
	}
	if withExtras {
		// A drop-down of the stages on the pattern row and a name over the data rows: both
		// must grow over every row written.
		for i, c := range s.Columns {
			if c.Field != "project.stage" {
				continue
			}
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s%d", colName(i+1), p)
			names := make([]string, len(app.Stages))
			for k, st := range app.Stages {
				names[k] = string(st)
			}
			if err := dv.SetDropList(names); err != nil {
				return err
			}
			if err := f.AddDataValidation(sh, dv); err != nil {
				return err
			}
		}
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "调度数据", RefersTo: fmt.Sprintf("'%s'!$A$%d:$%s$%d", sh, p, last, p)}); err != nil {
			return err
		}
	}
	return nil
}
