package export

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestXLSX(t *testing.T) {
	rows := [][]any{
		{"南昌经开区光电项目", "0913600001234567XA", 52.5, int64(3)},
		{"=SUM(A1)", "13800138000", nil, int64(0)},
	}
	var buf bytes.Buffer
	cols := []Column{{Title: "项目名称", Width: 30}, {Title: "统一社会信用代码"}, {Title: "总投资（亿元）"}, {Title: "数量"}}
	if err := XLSX(&buf, "项目", cols, len(rows), func(i int) []any { return rows[i] }); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("项目")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"项目名称", "统一社会信用代码", "总投资（亿元）", "数量"},
		{"南昌经开区光电项目", "0913600001234567XA", "52.5", "3"}, {"=SUM(A1)", "13800138000", "", "0"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows:\n got  %q\n want %q", got, want)
	}
	// Text stays text: the phone number is a string cell, the formula-looking name no formula.
	if typ, _ := f.GetCellType("项目", "B3"); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
		t.Errorf("B3 type = %v, want text", typ)
	}
	if formula, _ := f.GetCellFormula("项目", "A3"); formula != "" {
		t.Errorf("A3 holds formula %q", formula)
	}
	if typ, _ := f.GetCellType("项目", "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("C2 type = %v, want a number", typ)
	}
}
