package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// The list benchmarks run on the 100 000-record demo ledger (15 000 projects, 18 000
// enterprises): what the 项目 and 目标企业 screens do off the UI goroutine when they load
// and when a header is tapped. `make bench` reports five runs; take the median.

func benchLists(b *testing.B) listEnv {
	b.Helper()
	l, _ := apptest.Ledger(b, 100_000)
	a := test.NewTempApp(b)
	return listEnv{win: a.NewWindow("bench"), ledger: l, run: syncRun, open: func(app.EntityKind, string) {}}
}

// BenchmarkProjectList100k loads every project through the screen's query and sorts the
// rows by 总投资 (descending) and by name (pinyin).
func BenchmarkProjectList100k(b *testing.B) {
	s := newProjectsScreen(benchLists(b))
	work, err := s.query()
	if err != nil {
		b.Fatal(err)
	}
	var rows []app.ProjectRow
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if rows, err = work(context.Background()); err != nil || len(rows) < 10_000 {
				b.Fatal(len(rows), err)
			}
		}
	})
	b.Run("sort by amount", func(b *testing.B) {
		for b.Loop() {
			sortRows(rows, projectColumns[2], true)
		}
	})
	b.Run("sort by name", func(b *testing.B) {
		for b.Loop() {
			sortRows(rows, projectColumns[0], false)
		}
	})
	// 100 000 project rows, as a larger library would list them.
	big := make([]app.ProjectRow, 0, 100_000)
	for i := 0; len(big) < 100_000; i++ {
		r := rows[i%len(rows)]
		r.Name = fmt.Sprintf("%s%d", r.Name, i/len(rows))
		big = append(big, r)
	}
	b.Run("sort 100000 by amount", func(b *testing.B) {
		for b.Loop() {
			sortRows(big, projectColumns[2], true)
		}
	})
	b.Run("sort 100000 by name", func(b *testing.B) {
		for b.Loop() {
			sortRows(big, projectColumns[0], false)
		}
	})
	b.Run("footer 100000", func(b *testing.B) {
		for b.Loop() {
			s.list.summary(big)
		}
	})
}

// BenchmarkEnterpriseList100k loads every enterprise through the screen's query and sorts
// the rows by name (pinyin).
func BenchmarkEnterpriseList100k(b *testing.B) {
	s := newEnterprisesScreen(benchLists(b))
	work, err := s.query()
	if err != nil {
		b.Fatal(err)
	}
	var rows []enterpriseRow
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if rows, err = work(context.Background()); err != nil || len(rows) < 10_000 {
				b.Fatal(len(rows), err)
			}
		}
	})
	b.Run("sort by name", func(b *testing.B) {
		for b.Loop() {
			sortRows(rows, enterpriseColumns[0], false)
		}
	})
}

// BenchmarkProjectTableScroll100k scrolls a table of 100 000 project rows a page at a time
// in a 1280×800 window: the cost of one scroll step is binding the visible cells, whatever
// the number of rows.
func BenchmarkProjectTableScroll100k(b *testing.B) {
	l, _ := apptest.Ledger(b, 0)
	a := test.NewTempApp(b)
	win := a.NewWindow("bench")
	s := newProjectsScreen(listEnv{win: win, ledger: l, run: syncRun, open: func(app.EntityKind, string) {}})
	win.SetContent(s.list.table)
	win.Resize(fyne.NewSize(1280, 800))
	rows := make([]app.ProjectRow, 100_000)
	for i := range rows {
		rows[i] = app.ProjectRow{ID: fmt.Sprint(i), Name: fmt.Sprintf("赣州经开区新能源汽车零部件项目%d", i), Stage: app.StageSigned,
			TotalInvestment: app.Yuan(i) * app.Wan, ZoneName: "赣州经开区", ChainName: "新能源", InvestorName: fmt.Sprintf("江西某某科技有限公司%d", i),
			SignedOn: app.NewDate(2026, 1, 1+i%28), StageSince: app.NewDate(2026, 2, 1+i%28), Leader: "张三", Unit: "招商局"}
	}
	s.list.show(rows, s.list.summary(rows))
	y := float32(0)
	for b.Loop() {
		y += 700
		if y > 3_000_000 {
			y = 0
		}
		s.list.table.ScrollToOffset(fyne.NewPos(0, y))
	}
}
