package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// TestTripVisitsReportAndFollowUps logs a visit through the quick entry while a trip is under
// way (the trip is chosen by default), then on the trip's page makes the follow-up task from
// its next step and exports the report.
func TestTripVisitsReportAndFollowUps(t *testing.T) {
	l, path := apptest.Ledger(t, 0)
	ctx := context.Background()
	person := &app.Person{Name: "刘建国", Title: "董事长"}
	if err := l.SavePerson(ctx, person); err != nil {
		t.Fatal(err)
	}
	past := &app.Trip{Destination: "上海", StartsOn: app.MustDate("2026-10-01"), EndsOn: app.MustDate("2026-10-03")}
	trip := &app.Trip{Destination: "深圳", StartsOn: apptest.Today.AddDays(-2), EndsOn: apptest.Today.AddDays(2), Members: []string{"张三", "李四"}}
	for _, tr := range []*app.Trip{past, trip} {
		if err := l.SaveTrip(ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	a := test.NewTempApp(t)
	m := newMainWindow(a, l, Options{DBPath: path}, syncRun)
	defer m.win.Close()
	qw := a.NewWindow("快速记录跟进")
	pg := m.newQuickEntryPage(qw, newTestRefs(t, l), app.Activity{})
	qw.SetContent(pg.content())
	if got := pg.form.field("trip_id").input.(*widget.Select).Selected; got != trip.Label() {
		t.Fatalf("trip chosen by default %q, want %q", got, trip.Label())
	}
	pickWith(t, pg.people.picker, "刘", "刘建国 · 董事长")
	test.Tap(pg.people.add)
	typeInto(pg.form.field("summary").input.(*widget.Entry), "拜访刘建国，对方有意回乡投资")
	typeInto(formEntry(t, pg.form, "next_step"), "寄送园区资料")
	test.Tap(pg.save)
	if pg.a.ID == "" || pg.a.TripID != trip.ID {
		t.Fatalf("visit saved %q on trip %q: %q", pg.a.ID, pg.a.TripID, pg.form.general.Text)
	}

	tw := a.NewWindow("出差")
	tp := newTripPage(tw, l, syncRun, *trip)
	tw.SetContent(tp.content())
	if !strings.Contains(tp.visits.Text, "共 1 次走访") || !strings.Contains(tp.visits.Text, "（下步：寄送园区资料）") {
		t.Errorf("visits %q", tp.visits.Text)
	}
	test.Tap(tp.followUps)
	if tp.result.Text != "已生成 1 项任务" {
		t.Errorf("follow-ups: %q", tp.result.Text)
	}
	test.Tap(tp.followUps)
	if tp.result.Text != "已生成 0 项任务" {
		t.Errorf("follow-ups again: %q", tp.result.Text)
	}
	rows, err := l.Store().TaskRows(ctx, app.TaskFilter{})
	if err != nil || len(rows) != 1 || rows[0].Title != "寄送园区资料" || rows[0].PersonName != "刘建国" {
		t.Fatalf("tasks %+v %v", rows, err)
	}

	out := filepath.Join(t.TempDir(), trip.ReportFileName())
	tp.saveReport = func(name string, write func(w fyne.URIWriteCloser)) {
		w, err := storage.Writer(storage.NewFileURI(out))
		if err != nil {
			t.Fatal(err)
		}
		write(w)
	}
	test.Tap(tp.report)
	if !strings.HasPrefix(tp.result.Text, "已导出 1 次走访") {
		t.Fatalf("report: %q", tp.result.Text)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("出差报告")
	if err != nil || len(got) != 2 || got[1][2] != "刘建国" || got[1][6] != "拜访刘建国，对方有意回乡投资" || got[1][7] != "寄送园区资料" {
		t.Fatalf("report rows %q %v", got, err)
	}
}
