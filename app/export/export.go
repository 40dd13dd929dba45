// Package export writes a plain table — a header row and rows of values — to a new .xlsx
// workbook through excelize's StreamWriter, which keeps 100 000 rows in little memory. It is
// for the "export the current view" of the lists; filling the province's styled templates is
// the returns' job.
package export

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Column is one column of an export: its header and its width in characters (0 picks one
// from the header).
type Column struct {
	Title string
	Width float64
	// MaskPhones hides the middle of the phone numbers in the column's text (MaskPhones): set
	// on a column of phone numbers when the user turned on 导出时隐藏手机号.
	MaskPhones bool
}

// cellValue is the value written for column c: its text masked when c asks for it.
func (c Column) cellValue(v any) any {
	if s, ok := v.(string); ok && c.MaskPhones {
		return MaskPhones(s)
	}
	return v
}

// values applies each column's masking to a row, on a copy: the caller's row is its own.
func values(cols []Column, row []any) []any {
	out := row
	for j, v := range row {
		if j < len(cols) && cols[j].MaskPhones {
			if &out[0] == &row[0] {
				out = append([]any(nil), row...)
			}
			out[j] = cols[j].cellValue(v)
		}
	}
	return out
}

// XLSX writes a workbook with one sheet: the header in bold, frozen at the top, then n rows
// from row(i). A value is written as its type says: strings stay text (credit codes and phone
// numbers keep their leading zeros), numbers stay numbers; nil leaves the cell empty.
func XLSX(w io.Writer, sheet string, cols []Column, n int, row func(i int) []any) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("导出：工作表名“%s”不可用：%w", sheet, err)
	}
	// The used range is declared before streaming (excelize leaves it at A1 otherwise), so that
	// readers that trust it (openpyxl in read-only mode) see every row.
	if len(cols) > 0 {
		last, err := excelize.CoordinatesToCellName(len(cols), n+1)
		if err != nil {
			return fmt.Errorf("导出：%w", err)
		}
		if err := f.SetSheetDimension(sheet, "A1:"+last); err != nil {
			return fmt.Errorf("导出：%w", err)
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("导出：%w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("导出：%w", err)
	}
	for i, c := range cols {
		width := c.Width
		if width <= 0 {
			width = float64(max(10, 2*utf8.RuneCountInString(c.Title)+2))
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("导出：%w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("导出：%w", err)
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: bold, Value: c.Title}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return fmt.Errorf("导出表头：%w", err)
	}
	for i := range n {
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return fmt.Errorf("导出：%w", err)
		}
		if err := sw.SetRow(cell, values(cols, row(i))); err != nil {
			return fmt.Errorf("导出第%d行：%w", i+1, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("导出：%w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("写出工作簿：%w", err)
	}
	return nil
}
