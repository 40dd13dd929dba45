package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// TestCampaignCreatesTasks builds a 中秋 campaign for the 乡友 from 吉安 living in 深圳: the
// preview counts them, 生成任务 saves the campaign and makes one task each (once), and the
// progress counts a person as reached when their task is done.
func TestCampaignCreatesTasks(t *testing.T) {
	l, path := apptest.Ledger(t, 0)
	ctx := context.Background()
	for _, p := range []*app.Person{
		{Name: "吉安甲", NativeCity: "吉安市", ResidenceCity: "深圳市", Ties: []app.Tie{app.TieHometown}, Keeper: "李四"},
		{Name: "吉安乙", NativeCity: "吉安市", ResidenceCity: "深圳", Ties: []app.Tie{app.TieHometown, app.TieComrade}},
		{Name: "吉安丙", NativeCity: "吉安市", ResidenceCity: "上海市", Ties: []app.Tie{app.TieHometown}},
		{Name: "吉安丁", NativeCity: "吉安市", ResidenceCity: "深圳市", Ties: []app.Tie{app.TieAlumni}},
	} {
		if err := l.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("联络活动")
	pg := newCampaignPage(w, l, syncRun, app.Campaign{})
	w.SetContent(pg.content())

	typeInto(formEntry(t, pg.form, "name"), "2026年中秋问候")
	pg.form.field("occasion").input.(*widget.Select).SetSelected("中秋")
	typeInto(formEntry(t, pg.form, "task_title"), "中秋问候")
	pg.form.field("ties").input.(*widget.CheckGroup).SetSelected([]string{"乡友"})
	typeInto(formEntry(t, pg.form, "native_city"), "吉安")
	typeInto(formEntry(t, pg.form, "residence_city"), "深圳")
	test.Tap(pg.preview)
	if pg.count.Text != "符合条件 2 人：吉安乙、吉安甲" && pg.count.Text != "符合条件 2 人：吉安甲、吉安乙" {
		t.Fatalf("preview %q", pg.count.Text)
	}
	if pg.c.ID != "" {
		t.Fatal("the preview saved the campaign")
	}
	test.Tap(pg.generate)
	if !strings.HasPrefix(pg.count.Text, "已生成 2 项任务") || pg.c.ID == "" {
		t.Fatalf("generate: %q (id %q) %q", pg.count.Text, pg.c.ID, pg.form.general.Text)
	}
	if pg.reached.Text != "已联络 0 / 2 人" {
		t.Errorf("progress %q", pg.reached.Text)
	}
	test.Tap(pg.generate)
	if !strings.HasPrefix(pg.count.Text, "已生成 0 项任务") {
		t.Errorf("second generate: %q", pg.count.Text)
	}

	tasks, err := l.Store().CampaignTasks(ctx, pg.c.ID)
	if err != nil || len(tasks) != 2 {
		t.Fatalf("campaign tasks %+v %v", tasks, err)
	}
	var done app.Task
	for _, tk := range tasks {
		if tk.Title == "中秋问候：吉安甲" {
			done = tk
		}
	}
	if done.ID == "" || done.Assignee != "李四" {
		t.Fatalf("吉安甲's task %+v, want one for the keeper 李四", done)
	}
	done.Done = true
	if err := l.SaveTask(ctx, &done); err != nil {
		t.Fatal(err)
	}
	pg.refresh()
	if pg.reached.Text != "已联络 1 / 2 人" || pg.progress.Value != 0.5 {
		t.Errorf("progress %q %v", pg.reached.Text, pg.progress.Value)
	}

	m := newMainWindow(a, l, Options{DBPath: path}, syncRun)
	defer m.win.Close()
	m.showTitle("联络活动")
	rows := m.campaigns.list.rows
	if len(rows) != 1 || progressText(rows[0].progress) != "1/2（50%）" || filterText(rows[0].Filter) != "乡友·籍贯吉安·常住深圳" {
		t.Fatalf("campaign list %+v", rows)
	}
	m.showTitle("任务")
	found := 0
	for _, r := range m.tasks.list.rows {
		if strings.HasPrefix(r.Title, "中秋问候：") {
			found++
		}
	}
	if found != 2 {
		t.Errorf("任务 lists %d campaign tasks, want 2", found)
	}
}
