package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// tapMenuItem taps the i-th item of the pop-up menu shown on a canvas.
func tapMenuItem(t *testing.T, c fyne.Canvas, i int) {
	t.Helper()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("no pop-up menu shown")
	}
	for _, o := range append([]fyne.CanvasObject{top}, test.LaidOutObjects(top)...) {
		if m, ok := o.(*widget.PopUpMenu); ok {
			if i >= len(m.Items) {
				t.Fatalf("menu has %d items, not %d", len(m.Items), i+1)
			}
			test.Tap(m.Items[i].(fyne.Tappable))
			return
		}
	}
	t.Fatalf("the overlay %T holds no menu", top)
}

// TestHomeRemindersSnoozeAndDone puts an overdue task off with 稍后提醒, marks the other one
// done, logs a follow-up for a person due for contact and dismisses a birthday, asserting
// what the 工作台 shows after each step.
func TestHomeRemindersSnoozeAndDone(t *testing.T) {
	f := newHomeFixture(t)
	ctx := context.Background()
	birthday := app.Person{Name: "过生日的人", Keeper: "王晓明", Dates: []app.ImportantDate{{Label: "生日", Calendar: app.Solar, Month: 12, Day: 1}}}
	if err := f.l.SavePerson(ctx, &birthday); err != nil {
		t.Fatal(err)
	}
	var followed []app.Activity
	h := newHomeScreen(f.l, syncRun, func(app.EntityKind, string) {})
	h.changes.delay = 0
	h.followUp = func(a app.Activity) { followed = append(followed, a) }
	w := test.NewTempWindow(t, h.content())
	w.Resize(fyne.NewSize(1400, 1200))

	if h.dates.title.Text != "重要日期 · 1 个" || len(h.dates.shown) != 1 || h.dates.shown[0].detail != "4 天后 2026-12-01（公历12月1日） · 王晓明" {
		t.Fatalf("dates card: %q %+v", h.dates.title.Text, h.dates.shown)
	}
	if want := []string{f.lateOther.ID, f.late.ID}; fmt.Sprint(rowIDs(h.tasks)) != fmt.Sprint(want) || len(h.tasks.later) != 2 {
		t.Fatalf("tasks %v with %d 稍后 buttons", rowIDs(h.tasks), len(h.tasks.later))
	}

	// 稍后 → 3 天后再提醒 on the longest overdue task: it leaves the list, the note counts it.
	test.Tap(h.tasks.later[0])
	if app.SnoozeChoices[1] != 3 || snoozeLabel(3) != "3 天后再提醒" {
		t.Fatalf("the menu's second item is not 3 days: %v", app.SnoozeChoices)
	}
	tapMenuItem(t, w.Canvas(), 1)
	if want := []string{f.late.ID}; fmt.Sprint(rowIDs(h.tasks)) != fmt.Sprint(want) || h.tasks.title.Text != "全部逾期任务 · 1 项" {
		t.Errorf("after snoozing: %v titled %q", rowIDs(h.tasks), h.tasks.title.Text)
	}
	if !strings.Contains(h.dates.note.Text, "另有 1 项提醒已暂缓") {
		t.Errorf("dates note %q does not count the snoozed reminder", h.dates.note.Text)
	}
	snoozes, err := f.l.Store().Snoozes(ctx, apptest.Today)
	if err != nil {
		t.Fatal(err)
	}
	if sn := snoozes[app.TaskReminderKey(f.lateOther.ID)]; sn.Until != apptest.Today.AddDays(3) {
		t.Errorf("the task is put off until %s, want 3 days on", sn.Until)
	}

	// 完成 on the other task marks it done today.
	test.Tap(h.tasks.done[0])
	if len(h.tasks.shown) != 0 || h.tasks.more.Text != "没有逾期任务。" {
		t.Errorf("after 完成: %v / %q", rowIDs(h.tasks), h.tasks.more.Text)
	}
	done, err := f.l.Store().Task(ctx, f.late.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !done.Done || done.DoneOn != apptest.Today {
		t.Errorf("the task is %+v, want done today", done)
	}

	// 记跟进 on a person due for contact opens the quick entry for that person.
	if h.contacts.done[0].Text != "记跟进" {
		t.Errorf("contact action is %q", h.contacts.done[0].Text)
	}
	test.Tap(h.contacts.done[0])
	if len(followed) != 1 || fmt.Sprint(followed[0].PersonIDs) != fmt.Sprint([]string{f.overdue.ID}) {
		t.Errorf("follow-up opened with %+v, want person %s", followed, f.overdue.ID)
	}
	// Logging it takes the person off the list.
	visit := followed[0]
	visit.Kind, visit.Summary = "电话", "问候近况"
	if err := f.l.SaveActivity(ctx, &visit); err != nil {
		t.Fatal(err)
	}
	if want := []string{f.never.ID}; fmt.Sprint(rowIDs(h.contacts)) != fmt.Sprint(want) {
		t.Errorf("after the call, due contacts = %v, want %v", rowIDs(h.contacts), want)
	}

	// 完成 on the birthday dismisses it for this year.
	test.Tap(h.dates.done[0])
	if len(h.dates.shown) != 0 || h.dates.more.Text != "近期没有重要日期。" {
		t.Errorf("after dismissing: %+v / %q", h.dates.shown, h.dates.more.Text)
	}
	if !strings.Contains(h.dates.note.Text, "另有 2 项提醒已暂缓") {
		t.Errorf("dates note %q", h.dates.note.Text)
	}
}

// TestReminderNotifierOncePerDay drives the notifier with a clock that moves a day at a time:
// one summary per day with something to remind of, none on a repeated check the same day.
func TestReminderNotifierOncePerDay(t *testing.T) {
	f := newHomeFixture(t)
	a := test.NewTempApp(t)
	now := apptest.Now()
	var sent []string
	n := newReminderNotifier(f.l, func() time.Time { return now }, func(x *fyne.Notification) {
		sent = append(sent, x.Title+"｜"+x.Content)
		a.SendNotification(x)
	})
	ctx := context.Background()
	want := "赣招 · 今日提醒｜2 项逾期任务，2 个项目久无进展，2 位快要失联。打开“工作台”查看。"
	test.AssertNotificationSent(t, fyne.NewNotification("赣招 · 今日提醒", strings.TrimPrefix(want, "赣招 · 今日提醒｜")), func() {
		if ok, err := n.check(ctx); !ok || err != nil {
			t.Errorf("first check: sent %v, %v", ok, err)
		}
	})
	if ok, err := n.check(ctx); ok || err != nil {
		t.Errorf("second check the same day: sent %v, %v", ok, err)
	}
	now = now.Add(24 * time.Hour)
	if ok, err := n.check(ctx); !ok || err != nil {
		t.Errorf("next day: sent %v, %v", ok, err)
	}
	if len(sent) != 2 || sent[0] != want {
		t.Errorf("sent %q", sent)
	}
}

// TestReminderNotifierRunsOffTheUIGoroutine starts the notifier on a goroutine with a short
// interval and a clock a day later at each reading: it sends one summary per tick until
// stopped.
func TestReminderNotifierRunsOffTheUIGoroutine(t *testing.T) {
	f := newHomeFixture(t)
	var mu sync.Mutex
	day := 0
	sent := make(chan string, 10)
	n := newReminderNotifier(f.l, func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		day++
		return apptest.Now().AddDate(0, 0, day)
	}, func(x *fyne.Notification) { sent <- x.Content })
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	n.start(ctx, goRunner, time.Millisecond)
	for i := 0; i < 3; i++ {
		select {
		case s := <-sent:
			if !strings.Contains(s, "项逾期任务") {
				t.Errorf("summary %q", s)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("only %d summaries sent", i)
		}
	}
}
