package ui

import (
	"context"
	"fmt"
	"testing"

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
