package returns

import (
	"fmt"
	"testing"

	"ganzhao/app"
)

// benchRows makes n rows for the built-in 调度表: text, amounts and dates in every column.
func benchRows(tpl Template, n int) []tableRow {
	sm := tpl.Mapping.Sheets[0]
	rows := make([]tableRow, n)
	for i := range rows {
		cells := make([]cell, len(sm.Columns))
		for j, c := range sm.Columns {
			fd, _ := FieldByKey(c.Field)
			switch fd.Kind {
			case KindText:
				cells[j] = cell{kind: cellText, text: fmt.Sprintf("%s第%d行", fd.Label, i)}
			case KindDate:
				cells[j] = cell{kind: cellDate, date: app.NewDate(2026, 1, 1).AddDays(i % 300)}
			default:
				cells[j] = cell{kind: cellNumber, num: float64(i) * 1.25, decimals: 2}
			}
		}
		rows[i] = tableRow{rec: &record{id: fmt.Sprint(i)}, cells: cells}
	}
	return rows
}

// BenchmarkFill10000 fills the 24-column 调度表 template with 10 000 rows (goal: ≤ 1 s).
func BenchmarkFill10000(b *testing.B) {
	all, err := Builtins()
	if err != nil {
		b.Fatal(err)
	}
	tpl := all[0]
	tpl.Mapping.Sheets[0].Group = nil
	rows := benchRows(tpl, 10_000)
	ph := placeholders{period: app.Month{Year: 2026, Month: 11}, reported: app.NewDate(2026, 11, 27)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out, _, err := fill(tpl.File, tpl.FileName, tpl.Mapping, [][]tableRow{rows}, ph)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out))/1e6, "MB-file")
	}
}
