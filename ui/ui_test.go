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
