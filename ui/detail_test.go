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

// typeInto replaces an Entry's text the way a user would: select all, then type.
func typeInto(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// formEntry returns the Entry of a text or date field of a form.
func formEntry(t *testing.T, f *recordForm, key string) *widget.Entry {
	t.Helper()
	ff := f.field(key)
	if ff == nil {
		t.Fatalf("no field %q", key)
	}
	switch in := ff.input.(type) {
	case *widget.Entry:
		return in
	case *fyne.Container: // an amount or scaled field: the Entry is the centre of a Border
		for _, o := range in.Objects {
			if e, ok := o.(*widget.Entry); ok {
				return e
			}
		}
	}
	t.Fatalf("field %q is a %T", key, ff.input)
	return nil
}

// pick types part of a name into a picker field and chooses the candidate with that label.
func pick(t *testing.T, f *recordForm, key, typed, label string) {
	t.Helper()
	p := f.field(key).picker
	p.debounce = 0
	p.entry.SetText("")
	test.Type(p.entry, typed)
	found := false
	for _, o := range p.options {
		found = found || o == label
	}
	if !found {
		t.Fatalf("picker %q offers %v after typing %q, not %q", key, p.options, typed, label)
	}
	p.entry.SetText(label)
}

func newTestRefs(t *testing.T, l *app.Ledger) refs {
	t.Helper()
	r, err := loadRefs(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestEnterpriseFormValidation creates an enterprise through its form: a wrong credit code
// and a missing name are shown beside their fields and nothing is saved; corrected, it saves.
func TestEnterpriseFormValidation(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	a := test.NewTempApp(t)
	w := a.NewWindow("企业")
	pg := newEnterprisePage(w, l, syncRun, app.Enterprise{}, newTestRefs(t, l))
	w.SetContent(pg.content())

	typeInto(formEntry(t, pg.form, "credit_code"), "91350100m000100y44")
	test.Tap(pg.save)
	if got := pg.form.message("credit_code"); !strings.Contains(got, "校验位") {
		t.Errorf("credit_code message = %q, want the check-character problem", got)
	}
	if got := pg.form.message("name"); !strings.Contains(got, "请填写企业名称") {
		t.Errorf("name message = %q", got)
	}
	if !strings.Contains(pg.status.Text, "未保存") || pg.e.ID != "" {
		t.Fatalf("status %q, id %q: the invalid enterprise was saved", pg.status.Text, pg.e.ID)
	}
	if got := formEntry(t, pg.form, "credit_code").Text; got != "91350100m000100y44" {
		t.Errorf("the typed credit code became %q", got)
	}

	typeInto(formEntry(t, pg.form, "name"), "厦门华芯微联科技有限公司")
	typeInto(formEntry(t, pg.form, "credit_code"), "91350100m000100y43")
	test.Tap(pg.save)
	if pg.e.ID == "" || !strings.Contains(pg.status.Text, "已保存") {
		t.Fatalf("status %q: not saved; messages %q %q", pg.status.Text, pg.form.message("name"), pg.form.message("credit_code"))
	}
	if pg.form.message("credit_code") != "" {
		t.Errorf("old message left: %q", pg.form.message("credit_code"))
	}
	got, err := l.Store().Enterprise(context.Background(), pg.e.ID)
	if err != nil || got.Name != "厦门华芯微联科技有限公司" || got.CreditCode != "91350100M000100Y43" {
		t.Fatalf("stored %+v, %v", got, err)
	}
}

// TestProjectFormCreates creates a project through its form with a picked investor and an
// amount typed in 亿元, after a validation error beside 固定资产投资.
func TestProjectFormCreates(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	ctx := context.Background()
	inv := &app.Enterprise{Name: "宁德新能源科技有限公司"}
	if err := l.SaveEnterprise(ctx, inv); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("项目")
	pg := newProjectPage(w, l, syncRun, app.Project{}, newTestRefs(t, l))
	w.SetContent(pg.content())

	typeInto(formEntry(t, pg.form, "name"), "年产20GWh锂电池项目")
	pick(t, pg.form, "investor_id", "宁德", "宁德新能源科技有限公司")
	pick(t, pg.form, "zone_id", "宜春", "宜春经开区")
	typeInto(formEntry(t, pg.form, "total_investment"), "5.2")
	pg.form.field("total_investment").input.(*fyne.Container).Objects[1].(*widget.Select).SetSelected("亿元")
	typeInto(formEntry(t, pg.form, "fixed_investment"), "60000") // 6亿 in 万元, above the total
	test.Tap(pg.save)
	if got := pg.form.message("fixed_investment"); !strings.Contains(got, "不能大于总投资") {
		t.Fatalf("fixed_investment message = %q (status %q)", got, pg.status.Text)
	}
	typeInto(formEntry(t, pg.form, "fixed_investment"), "45000")
	test.Tap(pg.save)
	if pg.p.ID == "" {
		t.Fatalf("not saved: %q %q", pg.status.Text, pg.form.general.Text)
	}
	got, err := l.Store().Project(ctx, pg.p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.TotalInvestment != 520_000_000 || got.FixedInvestment != 450_000_000 || got.InvestorID != inv.ID || got.Stage != app.StageReserve {
		t.Errorf("stored %+v", got)
	}
	if !strings.Contains(pg.stage.Text, "储备") || pg.move.Disabled() {
		t.Errorf("after saving, stage %q, move disabled %v", pg.stage.Text, pg.move.Disabled())
	}
}

// TestQuickEntryShowsOnTimeline logs a visit through the quick entry and sees it on the
// project's and the person's timelines.
func TestQuickEntryShowsOnTimeline(t *testing.T) {
	l, path := apptest.Ledger(t, 0)
	ctx := context.Background()
	person := &app.Person{Name: "张三", Title: "董事长", Phones: []string{"13812345678"}}
	if err := l.SavePerson(ctx, person); err != nil {
		t.Fatal(err)
	}
	project := &app.Project{Name: "光伏组件生产基地项目"}
	if err := l.CreateProject(ctx, project); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	m := newMainWindow(a, l, Options{DBPath: path}, syncRun)
	qw := a.NewWindow("快速记录跟进")
	pg := m.newQuickEntryPage(qw, newTestRefs(t, l), app.Activity{})
	qw.SetContent(pg.content())
	qw.Show()

	pg.people.picker.debounce, pg.projects.picker.debounce = 0, 0
	test.Type(pg.people.picker.entry, "张")
	pg.people.picker.entry.SetText("张三 · 董事长")
	test.Tap(pg.people.add)
	test.Type(pg.projects.picker.entry, "光伏")
	pg.projects.picker.entry.SetText("光伏组件生产基地项目")
	test.Tap(pg.projects.add)
	typeInto(pg.form.field("summary").input.(*widget.Entry), "在深圳拜访张三，对方有意在赣州扩产")
	typeInto(formEntry(t, pg.form, "next_step"), "报送项目建议书")
	typeInto(formEntry(t, pg.form, "next_due"), "2026-12-10")
	test.Tap(pg.save)
	if pg.a.ID == "" {
		t.Fatalf("visit not saved: %q %q", pg.status.Text, pg.form.general.Text)
	}

	for _, tl := range []*timelineView{
		newProjectPage(a.NewWindow("p"), l, syncRun, *project, newTestRefs(t, l)).timeline,
		newPersonPage(a.NewWindow("q"), l, syncRun, *person).timeline,
	} {
		tl.refresh()
		found := false
		for _, s := range tl.texts() {
			found = found || (strings.HasPrefix(s, "跟进") && strings.Contains(s, "对方有意在赣州扩产") && strings.Contains(s, "报送项目建议书"))
		}
		if !found {
			t.Errorf("the visit is not on the timeline: %q", tl.texts())
		}
	}
}

// TestPersonFormMembershipsAndDates edits a person's chamber role and a lunar birthday through
// the form; an impossible lunar day is shown beside the dates and nothing is saved.
func TestPersonFormMembershipsAndDates(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	ctx := context.Background()
	ch := &app.Chamber{Name: "深圳市江西商会", City: "深圳"}
	if err := l.SaveChamber(ctx, ch); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("人物")
	pg := newPersonPage(w, l, syncRun, app.Person{Name: "曾国华", Ties: []app.Tie{app.TieHometown}})
	w.SetContent(pg.content())

	box := pg.form.field("memberships").input.(*fyne.Container)
	test.Tap(box.Objects[len(box.Objects)-1].(*widget.Button)) // 添加商会职务
	row := box.Objects[0].(*fyne.Container)
	var chamber *widget.SelectEntry
	var role *widget.SelectEntry
	for _, o := range row.Objects {
		switch x := o.(type) {
		case *widget.SelectEntry:
			chamber = x
		case *fyne.Container:
			role = x.Objects[0].(*fyne.Container).Objects[0].(*widget.SelectEntry)
		}
	}
	chamber.SetText("深圳市江西商会") // typing fires the lookup through the synchronous runner
	role.SetText("副会长")

	dates := pg.form.field("important_dates").input.(*fyne.Container)
	test.Tap(dates.Objects[len(dates.Objects)-1].(*widget.Button)) // 添加重要日期
	drow := dates.Objects[0].(*fyne.Container)
	label := drow.Objects[0].(*widget.Entry)
	right := drow.Objects[1].(*fyne.Container)
	cal := right.Objects[0].(*widget.Select)
	month := right.Objects[1].(*fyne.Container).Objects[0].(*widget.Entry)
	day := right.Objects[2].(*fyne.Container).Objects[0].(*widget.Entry)
	typeInto(label, "生日")
	cal.SetSelected(string(app.Lunar))
	typeInto(month, "8")
	typeInto(day, "31")
	test.Tap(pg.save)
	if got := pg.form.message("important_dates"); !strings.Contains(got, "不存在") || pg.p.ID != "" {
		t.Fatalf("important_dates message %q, id %q: want the impossible lunar day refused", got, pg.p.ID)
	}
	typeInto(day, "15")
	test.Tap(pg.save)
	if pg.p.ID == "" {
		t.Fatalf("not saved: %q %q %q", pg.status.Text, pg.form.message("memberships"), pg.form.general.Text)
	}
	got, err := l.Store().Person(ctx, pg.p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Memberships) != 1 || got.Memberships[0].ChamberID != ch.ID || got.Memberships[0].Role != "副会长" {
		t.Errorf("memberships %+v", got.Memberships)
	}
	if len(got.Dates) != 1 || got.Dates[0] != (app.ImportantDate{Label: "生日", Calendar: app.Lunar, Month: 8, Day: 15}) {
		t.Errorf("dates %+v", got.Dates)
	}
}
