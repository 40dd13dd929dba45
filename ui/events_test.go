package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// findIn returns the first widget of type T inside a container, depth first.
func findIn[T fyne.CanvasObject](o fyne.CanvasObject) (T, bool) {
	if w, ok := o.(T); ok {
		return w, true
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, x := range c.Objects {
			if w, ok := findIn[T](x); ok {
				return w, true
			}
		}
	}
	var zero T
	return zero, false
}

// pickWith types part of a name into a picker and chooses the candidate with that label.
func pickWith(t *testing.T, p *recordPicker, typed, label string) {
	t.Helper()
	p.debounce = 0
	p.entry.SetText("")
	test.Type(p.entry, typed)
	for _, o := range p.options {
		if o == label {
			p.entry.SetText(label)
			return
		}
	}
	t.Fatalf("picker offers %v after typing %q, not %q", p.options, typed, label)
}

// TestCreateEventWithGuestsAndSigning creates a 恳谈会 through its page: two 三友 invited, one
// marked as come, a project signed there at its total investment; the list then shows the
// event and the drive's figures count it.
func TestCreateEventWithGuestsAndSigning(t *testing.T) {
	l, path := apptest.Ledger(t, 0)
	ctx := context.Background()
	for _, p := range []*app.Person{
		{Name: "刘建国", Title: "董事长", Ties: []app.Tie{app.TieHometown}},
		{Name: "王志军", Ties: []app.Tie{app.TieComrade, app.TieAlumni}},
	} {
		if err := l.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	project := &app.Project{Name: "电子信息产业园项目", TotalInvestment: 12 * app.Yi}
	if err := l.CreateProject(ctx, project); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("活动")
	pg := newEventPage(w, l, syncRun, app.Event{})
	w.SetContent(pg.content())

	typeInto(formEntry(t, pg.form, "name"), "2026年春节赣籍企业家恳谈会")
	typeInto(formEntry(t, pg.form, "on"), "2026-02-10")
	typeInto(formEntry(t, pg.form, "place"), "深圳江西大厦")
	pg.form.field("level").input.(*widget.Select).SetSelected("市级")
	typeInto(formEntry(t, pg.form, "organiser"), "市投资促进局")

	test.Tap(pg.invite) // nothing chosen yet
	if !strings.Contains(pg.linkStatus.Text, "请先") {
		t.Errorf("inviting nobody says %q", pg.linkStatus.Text)
	}
	pickWith(t, pg.guestPicker, "刘", "刘建国 · 董事长")
	test.Tap(pg.invite)
	pickWith(t, pg.guestPicker, "王志", "王志军")
	test.Tap(pg.invite)
	came, ok := findIn[*widget.Check](pg.guests.Objects[0])
	if !ok {
		t.Fatal("no 到场 check beside the first guest")
	}
	test.Tap(came)
	pickWith(t, pg.projectPicker, "电子", "电子信息产业园项目")
	test.Tap(pg.sign)
	if got := pg.signings.Objects[0]; !strings.Contains(labelsIn(got), "电子信息产业园项目　12.00亿元") {
		t.Errorf("signed project shows %q", labelsIn(got))
	}
	test.Tap(pg.save)
	if pg.e.ID == "" {
		t.Fatalf("event not saved: %q %q", pg.status.Text, pg.form.general.Text)
	}

	saved, err := l.Store().Event(ctx, pg.e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Name != "2026年春节赣籍企业家恳谈会" || saved.Kind != app.EventTalks || saved.Level != app.LevelCity || saved.On != app.MustDate("2026-02-10") {
		t.Errorf("saved %+v", saved)
	}
	if len(saved.Guests) != 2 || !saved.Guests[0].Attended || saved.Guests[1].Attended {
		t.Errorf("guests %+v, want 刘建国 came and 王志军 invited", saved.Guests)
	}
	if len(saved.Signings) != 1 || saved.Signings[0] != (app.EventSigning{ProjectID: project.ID, Amount: 12 * app.Yi}) {
		t.Errorf("signings %+v", saved.Signings)
	}

	m := newMainWindow(a, l, Options{DBPath: path}, syncRun)
	defer m.win.Close()
	m.showTitle("三请三回活动")
	typeInto(m.events.from, "2026-01-01")
	typeInto(m.events.to, "2026-12-31")
	m.events.list.reload()
	if n := len(m.events.list.rows); n != 1 || m.events.list.rows[0].ID != saved.ID {
		t.Fatalf("list shows %d events", n)
	}
	for _, want := range []string{"活动1场（市级1、县级0、乡镇0）", "邀请三友2人、到场1人", "签约项目1个、金额12.00亿元", "乡友1、校友1、战友1；到场：乡友1、校友0、战友0"} {
		if !strings.Contains(m.events.figures.Text, want) {
			t.Errorf("figures %q lack %q", m.events.figures.Text, want)
		}
	}
}

// labelsIn joins the texts of the labels inside an object.
func labelsIn(o fyne.CanvasObject) string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, y := range x.Objects {
				walk(y)
			}
		}
	}
	walk(o)
	return strings.Join(out, " ")
}

// TestEventPageNamesGuests opens a demo event: its guests and signed projects show their names.
func TestEventPageNamesGuests(t *testing.T) {
	l, _ := apptest.Ledger(t, 2000)
	events, err := l.Store().Events(context.Background(), app.EventFilter{})
	if err != nil || len(events) == 0 {
		t.Fatalf("%d demo events: %v", len(events), err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("活动")
	pg := newEventPage(w, l, syncRun, events[0])
	w.SetContent(pg.content())
	for _, o := range append(append([]fyne.CanvasObject{}, pg.guests.Objects...), pg.signings.Objects...) {
		if text := labelsIn(o); strings.Contains(text, "读取中") {
			t.Errorf("a link shows %q", text)
		}
	}
}
