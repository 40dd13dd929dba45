package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// buttons finds the buttons with a text among everything laid out under o.
func buttons(o fyne.CanvasObject, text string) []*widget.Button {
	var out []*widget.Button
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			out = append(out, b)
		}
	}
	return out
}

// tapRadio taps the one option of a single-option radio group, as a user clicks it.
func tapRadio(t *testing.T, g *widget.RadioGroup) {
	t.Helper()
	for _, x := range test.LaidOutObjects(g) {
		if tp, ok := x.(fyne.Tappable); ok && x != fyne.CanvasObject(g) {
			test.Tap(tp)
			return
		}
	}
	t.Fatal("radio group has no option to tap")
}

// TestMergeTwoEnterprises: 查重与合并 lists two spellings of one enterprise with the reason;
// 合并… opens the side-by-side merge, the user picks a value from each side, 合并 moves the
// projects, people and follow-ups to the kept record; 撤销合并 in the history takes it back.
func TestMergeTwoEnterprises(t *testing.T) {
	ctx := context.Background()
	l, path := apptest.Ledger(t, 0)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Loaded as a batch to set their times: the one to keep is older, the other edited later.
	day := 24 * time.Hour
	meta := func(age time.Duration) app.Meta {
		at := apptest.Now().Add(-age).UTC()
		return app.Meta{ID: app.NewID(), CreatedAt: at, UpdatedAt: at, UpdatedBy: "测试"}
	}
	keep := app.Enterprise{Meta: meta(2 * day), Name: "深圳市华芯微联科技有限公司", Industry: "集成电路", Owner: "李明"}
	drop := app.Enterprise{Meta: meta(day), Name: "华芯微联科技（深圳）股份有限公司", Website: "www.hxwl.com", Owner: "王强"}
	must(l.LoadDataset(ctx, app.Dataset{Enterprises: []app.Enterprise{keep, drop}}))
	person := app.Person{Name: "刘建国", Phones: []string{"13800138000"}, EnterpriseID: drop.ID}
	must(l.SavePerson(ctx, &person))
	project := app.Project{Name: "芯片封测项目", InvestorID: drop.ID, TotalInvestment: 20 * app.Yi}
	must(l.CreateProject(ctx, &project))
	act := app.Activity{Kind: "走访", Summary: "拜访", EnterpriseIDs: []string{drop.ID}}
	must(l.SaveActivity(ctx, &act))

	a := test.NewTempApp(t)
	w := newMainWindow(a, l, Options{DBPath: path}, syncRun)
	defer w.win.Close()
	w.win.Resize(fyne.NewSize(1280, 800))
	w.showTitle("查重与合并")
	s := w.merge
	if len(s.rows) != 1 || !strings.Contains(s.status.Text, "找到 1 对可能重复的企业") {
		t.Fatalf("pairs %+v, status %q", s.rows, s.status.Text)
	}
	if r := s.rows[0]; r.A.ID != keep.ID || r.Reason != "名称规范化后相同：华芯微联科技" {
		t.Errorf("pair %+v", r)
	}
	open := buttons(w.win.Content(), "合并…")
	if len(open) != 1 {
		t.Fatalf("%d 合并… buttons", len(open))
	}
	test.Tap(open[0])
	v := s.view
	if v == nil {
		t.Fatal("合并… opened nothing")
	}
	if !strings.Contains(v.win.Title(), keep.Name) {
		t.Errorf("merge window %q", v.win.Title())
	}
	// Defaults: the empty website takes the other's; both owners set: the newer (the other).
	if v.dropSide["website"].Selected == "" || v.keepSide["owner"].Selected != "" {
		t.Errorf("defaults: website %q, owner kept %q", v.dropSide["website"].Selected, v.keepSide["owner"].Selected)
	}
	tapRadio(t, v.keepSide["owner"]) // the user keeps 李明
	if v.dropSide["owner"].Selected != "" {
		t.Error("choosing the kept value left the other selected")
	}
	test.Tap(v.merge)
	if !strings.Contains(s.status.Text, "已合并") {
		t.Fatalf("status after merge: %q (merge window: %q)", s.status.Text, v.status.Text)
	}
	got, err := l.Store().Enterprise(ctx, keep.ID)
	must(err)
	if got.Website != "www.hxwl.com" || got.Owner != "李明" {
		t.Errorf("kept enterprise: website %q owner %q", got.Website, got.Owner)
	}
	links := func() (projects, people, acts int) {
		ps, err := l.Store().Projects(ctx, app.ProjectFilter{InvestorID: keep.ID})
		must(err)
		pp, err := l.Store().People(ctx, app.PersonFilter{EnterpriseID: keep.ID})
		must(err)
		as, err := l.Store().Activities(ctx, app.ActivityFilter{EnterpriseID: keep.ID})
		must(err)
		return len(ps), len(pp), len(as)
	}
	if p, pp, as := links(); p != 1 || pp != 1 || as != 1 {
		t.Errorf("links of the kept enterprise after the merge: %d projects, %d people, %d activities", p, pp, as)
	}
	if len(s.rows) != 0 {
		t.Errorf("the merged pair is still listed: %+v", s.rows)
	}
	if len(s.merges) != 1 || !strings.Contains(mergeText(s.merges[0]), "项目（投资方） 1") {
		t.Fatalf("history %+v", s.merges)
	}

	undo := buttons(w.win.Content(), "撤销合并")
	if len(undo) != 1 || undo[0].Disabled() {
		t.Fatalf("%d 撤销合并 buttons", len(undo))
	}
	test.Tap(undo[0])
	if !strings.Contains(s.status.Text, "已撤销合并") {
		t.Fatalf("status after undo: %q", s.status.Text)
	}
	if p, pp, as := links(); p != 0 || pp != 0 || as != 0 {
		t.Errorf("links of the kept enterprise after the undo: %d projects, %d people, %d activities", p, pp, as)
	}
	back, err := l.Store().Enterprise(ctx, drop.ID)
	must(err)
	if back.Deleted() || back.Owner != "王强" {
		t.Errorf("the merged-away enterprise after the undo: %+v", back)
	}
	if len(s.rows) != 1 || s.merges[0].UndoneAt == nil || !buttons(w.win.Content(), "撤销合并")[0].Disabled() {
		t.Errorf("after the undo: pairs %d, history %+v", len(s.rows), s.merges)
	}
}

// TestNewRecordShowsLikelyDuplicates: typing the name of a new enterprise (or the phone of
// a new person) lists the existing records it probably duplicates; tapping one opens it.
func TestNewRecordShowsLikelyDuplicates(t *testing.T) {
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 0)
	e := app.Enterprise{Name: "深圳市华芯微联科技有限公司"}
	if err := l.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	p := app.Person{Name: "刘建国", Phones: []string{"13800138000"}, EnterpriseID: e.ID}
	if err := l.SavePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("新建")
	defer w.Close()
	var opened []string
	open := func(k app.EntityKind, id string) { opened = append(opened, string(k)+":"+id) }

	ep := newEnterprisePage(w, l, syncRun, app.Enterprise{}, newTestRefs(t, l)).withDuplicateHints(open)
	w.SetContent(ep.content())
	ep.hints.debounce = 0
	typeInto(formEntry(t, ep.form, "name"), "华芯微联")
	if len(ep.hints.hints) != 0 {
		t.Errorf("hints for the first characters of a name: %+v", ep.hints.hints)
	}
	typeInto(formEntry(t, ep.form, "name"), "华芯微联科技股份有限公司")
	hint := buttons(ep.hints.box, "深圳市华芯微联科技有限公司 · 名称规范化后相同：华芯微联科技")
	if len(hint) != 1 {
		t.Fatalf("hints under the name: %+v", ep.hints.hints)
	}
	test.Tap(hint[0])
	typeInto(formEntry(t, ep.form, "name"), "华芯微联电子有限公司")
	if len(ep.hints.box.Objects) != 0 {
		t.Errorf("hints stay after the name changed: %d", len(ep.hints.box.Objects))
	}

	pp := newPersonPage(w, l, syncRun, app.Person{}).withDuplicateHints(open)
	w.SetContent(pp.content())
	pp.hints.debounce = 0
	typeInto(formEntry(t, pp.form, "name"), "刘总")
	typeInto(formEntry(t, pp.form, "phones"), "0791-86000000；138 0013 8000")
	if len(pp.hints.hints) != 1 || pp.hints.hints[0].Reason != "手机号相同：13800138000" {
		t.Fatalf("hints for a known phone: %+v", pp.hints.hints)
	}
	test.Tap(buttons(pp.hints.box, "刘建国（深圳市华芯微联科技有限公司 · 13800138000） · 手机号相同：13800138000")[0])
	want := []string{"enterprise:" + e.ID, "person:" + p.ID}
	if strings.Join(opened, ",") != strings.Join(want, ",") {
		t.Errorf("opened %v, want %v", opened, want)
	}
}
