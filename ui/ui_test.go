package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// syncRun runs work inline, so that a test sees the result of a load as soon as it returns.
func syncRun(work func()) { work() }

func TestHomeShowsKPIs(t *testing.T) {
	l, path := apptest.Ledger(t, 2000)
	a := test.NewTempApp(t)
	w := newMainWindow(a, l, Options{DBPath: path}, syncRun)
	defer w.win.Close()

	if title := w.win.Title(); !strings.Contains(title, path) || !strings.Contains(title, "赣招") {
		t.Errorf("window title %q does not name the database", title)
	}
	today := apptest.Today
	year, err := l.KPIs(context.Background(), app.Period{From: app.NewDate(today.Year(), 1, 1), To: today})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%d 个 · %s", year.Signed.Count, year.Signed.Amount.FormatYi())
	if got := w.home.year.signed.Text; got != want {
		t.Errorf("本年新签约 tile = %q, want %q", got, want)
	}
	if got := w.home.year.p5020.Text; !strings.HasPrefix(got, fmt.Sprintf("%d 个", year.P5020.Count)) {
		t.Errorf("本年 5020 tile = %q, want %d projects", got, year.P5020.Count)
	}
	if !strings.Contains(w.home.status.Text, "统计截至") {
		t.Errorf("status = %q", w.home.status.Text)
	}
	if n := len(w.home.stageBars.Objects); n != len(app.Stages) {
		t.Errorf("%d stage bars, want %d", n, len(app.Stages))
	}
}

func TestProjectsFilterAndFooter(t *testing.T) {
	l, path := apptest.Ledger(t, 2000)
	a := test.NewTempApp(t)
	w := newMainWindow(a, l, Options{DBPath: path}, syncRun)
	defer w.win.Close()
	w.nav.Select(1)

	all, err := l.Store().Projects(context.Background(), app.ProjectFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(w.list.footer.Text, fmt.Sprintf("共 %d 个项目", len(all))) {
		t.Fatalf("footer = %q, want %d projects", w.list.footer.Text, len(all))
	}

	w.list.stage.SetSelected(string(app.StageSigned))
	signed, _ := l.Store().Projects(context.Background(), app.ProjectFilter{Stages: []app.Stage{app.StageSigned}})
	var total app.Yuan
	for _, p := range signed {
		total += p.TotalInvestment
	}
	want := fmt.Sprintf("共 %d 个项目，总投资 %s", len(signed), total.FormatYi())
	if w.list.footer.Text != want {
		t.Errorf("footer after filtering = %q, want %q", w.list.footer.Text, want)
	}
	rows, cols := w.list.table.Length()
	if rows != len(signed) || cols != len(projectColumns) {
		t.Errorf("table is %d×%d, want %d×%d", rows, cols, len(signed), len(projectColumns))
	}

	name := []rune(signed[0].Name)
	test.Type(w.list.search, string(name[:4]))
	w.list.search.OnSubmitted(w.list.search.Text)
	for _, p := range w.list.rows {
		if p.Stage != app.StageSigned || !strings.Contains(p.Name, string(name[:4])) {
			t.Fatalf("row %q (%s) does not match the filter", p.Name, p.Stage)
		}
	}
	if len(w.list.rows) == 0 {
		t.Error("search for a name in the list found nothing")
	}
}
