package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// opened records the records a screen asked to open.
type opened struct{ kinds, ids []string }

func (o *opened) open(kind app.EntityKind, id string) {
	o.kinds, o.ids = append(o.kinds, string(kind)), append(o.ids, id)
}

// homeFixture is a ledger on apptest's fixed day (2026-11-27) with records whose reminders
// are known: the days are counted back from that day.
type homeFixture struct {
	l                             *app.Ledger
	stale, fresh, visited, signed app.Project
	late, later, lateOther        app.Task
	never, recent, overdue, noCad app.Person
}

func newHomeFixture(t *testing.T) homeFixture {
	t.Helper()
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 0)
	today := apptest.Today
	var f homeFixture
	f.l = l
	project := func(name string, st app.Stage, daysAgo int) app.Project {
		p := app.Project{Name: name, Stage: st, StageSince: today.AddDays(-daysAgo)}
		if st.AtLeast(app.StageSigned) {
			p.SignedOn = p.StageSince
		}
		if err := l.CreateProject(ctx, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	f.stale = project("在谈久无进展项目", app.StageNegotiating, 57) // 57 > 30 days
	f.fresh = project("在谈近期项目", app.StageNegotiating, 10)
	f.visited = project("储备有走访项目", app.StageReserve, 80) // visited 26 days ago: under 45
	f.signed = project("签约停滞项目", app.StageSigned, 21)    // 21 > 20 days
	task := func(p app.Project, title, who string, dueDaysAgo int) app.Task {
		x := app.Task{ProjectID: p.ID, Title: title, Assignee: who, DueOn: today.AddDays(-dueDaysAgo)}
		if err := l.SaveTask(ctx, &x); err != nil {
			t.Fatal(err)
		}
		return x
	}
	f.late = task(f.fresh, "报送可研报告", "李文华", 7)
	f.lateOther = task(f.stale, "对接银行授信", "王晓明", 20)
	f.later = task(f.fresh, "下月到期任务", "李文华", -3)
	person := func(name string, cadence int) app.Person {
		p := app.Person{Name: name, CadenceDays: cadence, Keeper: "李文华"}
		if err := l.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	f.never = person("从未联系的人", 30)
	f.recent = person("刚联系过的人", 30)
	f.overdue = person("该联系的人", 60)
	f.noCad = person("无周期的人", 0)
	visit := func(daysAgo int, projects []string, people []string) {
		a := app.Activity{Kind: "走访", On: today.AddDays(-daysAgo), Summary: "了解投资意向", ProjectIDs: projects, PersonIDs: people}
		if err := l.SaveActivity(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	visit(26, []string{f.visited.ID}, []string{f.recent.ID})
	visit(87, nil, []string{f.overdue.ID, f.noCad.ID})
	visit(12, nil, []string{f.recent.ID})
	return f
}

// rowIDs lists the record IDs of a reminder list's rows.
func rowIDs(r *reminderList) []string {
	var out []string
	for _, row := range r.shown {
		out = append(out, row.id)
	}
	return out
}

func TestHomeRemindersOnFixedDates(t *testing.T) {
	f := newHomeFixture(t)
	var got opened
	h := newHomeScreen(f.l, syncRun, got.open)
	w := test.NewTempWindow(t, h.content())
	w.Resize(fyne.NewSize(1400, 1000))

	// No user name in the settings: everyone's overdue tasks, the longest overdue first.
	if want := []string{f.lateOther.ID, f.late.ID}; fmt.Sprint(rowIDs(h.tasks)) != fmt.Sprint(want) {
		t.Errorf("overdue tasks = %v, want %v", rowIDs(h.tasks), want)
	}
	if h.tasks.title.Text != "全部逾期任务 · 2 项" || !strings.Contains(h.tasks.note.Text, "未填用户姓名") {
		t.Errorf("task list says %q / %q", h.tasks.title.Text, h.tasks.note.Text)
	}
	if d := h.tasks.shown[0].detail; !strings.Contains(d, "逾期 20 天") || !strings.Contains(d, "王晓明") {
		t.Errorf("first task detail = %q", d)
	}

	// Stale: 签约 21 days (1 beyond 20) and 在谈 57 days (27 beyond 30), the furthest first.
	if want := []string{f.stale.ID, f.signed.ID}; fmt.Sprint(rowIDs(h.stale)) != fmt.Sprint(want) {
		t.Errorf("stale projects = %v, want %v", rowIDs(h.stale), want)
	}
	if d := h.stale.shown[0].detail; d != "在谈 · 57 天无进展（上限 30 天）" {
		t.Errorf("stale detail = %q", d)
	}

	// Due: contacted 87 days ago on a 60-day cadence, then never contacted.
	if want := []string{f.overdue.ID, f.never.ID}; fmt.Sprint(rowIDs(h.contacts)) != fmt.Sprint(want) {
		t.Errorf("due contacts = %v, want %v", rowIDs(h.contacts), want)
	}
	if !strings.Contains(h.contacts.note.Text, "从未联系 1 人") || !strings.HasPrefix(h.contacts.shown[1].detail, "从未联系") {
		t.Errorf("contacts say %q / %q", h.contacts.note.Text, h.contacts.shown[1].detail)
	}

	// A row opens its record.
	test.Tap(h.stale.links[0])
	if fmt.Sprint(got.kinds, got.ids) != fmt.Sprint([]string{"project"}, []string{f.stale.ID}) {
		t.Errorf("tapping the stale project opened %v %v", got.kinds, got.ids)
	}

	// With a user name, only that user's tasks.
	st, err := f.l.Store().Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st.UserName = "李文华"
	if err := f.l.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	h.refresh()
	if want := []string{f.late.ID}; fmt.Sprint(rowIDs(h.tasks)) != fmt.Sprint(want) || h.tasks.title.Text != "我的逾期任务（李文华）· 1 项" {
		t.Errorf("李文华's tasks = %v titled %q", rowIDs(h.tasks), h.tasks.title.Text)
	}
}

func TestHomeRefreshesOnChange(t *testing.T) {
	f := newHomeFixture(t)
	h := newHomeScreen(f.l, syncRun, func(app.EntityKind, string) {})
	h.changes.delay = 0
	test.NewTempWindow(t, h.content())

	// A visit to the stale project is progress: it leaves the list without a manual refresh.
	a := app.Activity{Kind: "洽谈", On: apptest.Today, Summary: "商谈合同条款", ProjectIDs: []string{f.stale.ID}}
	if err := f.l.SaveActivity(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
	if want := []string{f.signed.ID}; fmt.Sprint(rowIDs(h.stale)) != fmt.Sprint(want) {
		t.Errorf("after the visit, stale = %v, want %v", rowIDs(h.stale), want)
	}
	// Marking the task done takes it off the overdue list.
	late := f.late
	late.Done, late.DoneOn = true, apptest.Today
	if err := f.l.SaveTask(context.Background(), &late); err != nil {
		t.Fatal(err)
	}
	if want := []string{f.lateOther.ID}; fmt.Sprint(rowIDs(h.tasks)) != fmt.Sprint(want) {
		t.Errorf("after the task was done, overdue = %v, want %v", rowIDs(h.tasks), want)
	}
}

func TestHomeCapsListsAndDrawsChains(t *testing.T) {
	l, path := apptest.Ledger(t, 2000)
	w := newMainWindow(test.NewTempApp(t), l, Options{DBPath: path}, syncRun)
	defer w.win.Close()
	h := w.home
	r, err := l.Reminders(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		list  *reminderList
		total int
	}{{"tasks", h.tasks, len(r.Tasks)}, {"stale", h.stale, len(r.Stale)}, {"contacts", h.contacts, len(r.Contacts)}} {
		if c.total <= maxReminderRows {
			t.Fatalf("%s: the demo has only %d; the test wants more than %d", c.name, c.total, maxReminderRows)
		}
		if len(c.list.shown) != maxReminderRows || len(c.list.rows.Objects) != maxReminderRows {
			t.Errorf("%s shows %d rows, want %d", c.name, len(c.list.shown), maxReminderRows)
		}
		if want := fmt.Sprintf("另有 %d 项未列出", c.total-maxReminderRows); c.list.more.Text != want {
			t.Errorf("%s: %q, want %q", c.name, c.list.more.Text, want)
		}
		if !strings.Contains(c.list.title.Text, fmt.Sprint(c.total)) {
			t.Errorf("%s title %q does not give the count %d", c.name, c.list.title.Text, c.total)
		}
	}

	today := apptest.Today
	year, err := l.KPIs(context.Background(), app.Period{From: app.NewDate(today.Year(), 1, 1), To: today})
	if err != nil {
		t.Fatal(err)
	}
	want := min(len(year.ByChain), maxChainBars)
	if len(year.ByChain) > maxChainBars {
		want++
	}
	if n := len(h.chainBars.Objects); n != want || want == 0 {
		t.Errorf("%d chain bars, want %d", n, want)
	}
}
