package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// TestImportScreen drives the import screen as a user would: open a messy ledger, change one
// column's mapping, see the problems named by row and column, change one row's action,
// commit, then undo.
func TestImportScreen(t *testing.T) {
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 0)
	a := test.NewTempApp(t)
	w := a.NewWindow("导入")
	defer w.Close()
	s := newImportScreen(w, l, syncRun)
	w.SetContent(s.content())

	s.path.SetText("../importers/testdata/projects_messy.xlsx")
	test.Tap(s.open)
	if s.sheet.Selected != "2025年项目台账（13行）" || len(s.sheet.Options) != 2 || s.sheet.Options[1] != "汇总（3行）（汇总表）" {
		t.Fatalf("sheet %q of %q", s.sheet.Selected, s.sheet.Options)
	}
	if len(s.fields) != 14 || s.fields[12].Selected != "项目备注" || s.fields[2].Selected != "企业名称" {
		t.Fatalf("mapping: %d columns", len(s.fields))
	}
	if !strings.Contains(s.status.Text, "表头在第 3–4 行，共 14 列") {
		t.Errorf("status %q", s.status.Text)
	}

	s.fields[12].SetSelected("（忽略此列）") // 备注 is not wanted
	test.Tap(s.previewBt)
	for _, want := range []string{
		"拒绝：第9行：项目处于“投产”阶段，须填写投产日期",
		"拒绝：第10行 E列（总投资（万元））：“abc万元”不是金额",
		"跳过：第8行：空行",
		"跳过：第12行：合计行（合计）",
		"合并：第11行并入第5行（项目名称与投资方相同）",
		"提示：第6行 K列（联系人/联系电话）：电话“79186123456”缺少开头的0，已补为 0791-86123456",
		"提示：N列（内部编号）：这是隐藏列，未导入",
	} {
		if !strings.Contains(problemsShown(s), want) {
			t.Errorf("problems do not say %q:\n%s", want, problemsShown(s))
		}
	}
	if n := s.problems.Length(); n != len(s.probLines) || s.probHead.Text != fmt.Sprintf("问题与提示（点一条可在上表中找到该行）：%d 条", n) {
		t.Errorf("problem list: %d lines, head %q", n, s.probHead.Text)
	}
	// Tapping a problem finds its row in the preview: the merge of row 11.
	for i, l := range s.probLines {
		if strings.HasPrefix(l.text, "合并：第11行") {
			s.problems.Select(i)
		}
	}
	if s.selected < 0 || s.plan.Rows[s.selected].Row != 11 || !strings.HasPrefix(s.rowInfo.Text, "第11行") {
		t.Errorf("the merge problem selected preview row %d (%q)", s.selected, s.rowInfo.Text)
	}
	if rows, _ := s.table.Length(); rows != 6 {
		t.Fatalf("preview has %d rows, want 6", rows)
	}

	// Skip row 6.
	s.table.Select(widget.TableCellID{Row: 1, Col: 0})
	if s.rowInfo.Text != "第6行 锂电池正极材料项目：" || s.action.Selected != "新建" {
		t.Fatalf("row info %q, action %q", s.rowInfo.Text, s.action.Selected)
	}
	s.action.SetSelected("跳过")
	if s.plan.Rows[1].Outcome != app.OutcomeSkipped || !strings.Contains(s.status.Text, "新建 2") {
		t.Fatalf("after skipping row 6: %s, %s", s.plan.Rows[1].Outcome, s.status.Text)
	}

	test.Tap(s.commitBt)
	if !strings.HasPrefix(s.status.Text, "已导入：读取 9 行，新建 2") || s.lastBatch == "" {
		t.Fatalf("status after commit: %q", s.status.Text)
	}
	ps, _ := l.Store().Projects(ctx, app.ProjectFilter{})
	if len(ps) != 2 {
		t.Fatalf("%d projects after commit, want 2", len(ps))
	}
	for _, p := range ps {
		if p.Notes != "" {
			t.Errorf("ignored 备注 column imported into %s: %q", p.Name, p.Notes)
		}
	}
	fields, ok, err := l.RememberedMapping(ctx, s.tbl.Headers())
	if err != nil || !ok || fields[12] != "" || fields[1] != "project.name" {
		t.Errorf("mapping not remembered: %v %v %v", fields, ok, err)
	}

	if !strings.HasSuffix(s.batches.Selected, "projects_messy.xlsx（新建 2，更新 0）") || s.undoBt.Disabled() {
		t.Fatalf("batch list after commit: %q (undo disabled %v)", s.batches.Selected, s.undoBt.Disabled())
	}

	// One imported project is edited after the import: the undo keeps it and lists it.
	ps, _ = l.Store().Projects(ctx, app.ProjectFilter{})
	if len(ps) != 2 {
		t.Fatalf("%d projects after the import", len(ps))
	}
	edited := ps[0]
	edited.Notes = "导入后补充的备注"
	if err := l.UpdateProject(ctx, &edited); err != nil {
		t.Fatal(err)
	}

	// Later, on a screen opened afresh (the app restarted), the batch is still there to undo.
	later := newImportScreen(w, l, syncRun)
	w.SetContent(later.content())
	if len(later.batches.Options) != 1 || later.batches.Selected != s.batches.Selected {
		t.Fatalf("batches on a new screen: %q", later.batches.Options)
	}
	test.Tap(later.undoBt)
	if len(later.batches.Options) != 1 {
		t.Fatal("undone before the user confirmed")
	}
	yes := findImportantButton(w.Canvas().Overlays().Top())
	if yes == nil {
		t.Fatal("no dialog asks before the undo")
	}
	test.Tap(yes)
	// Kept: the edited project, and its investor, which the kept project still points at.
	if !strings.Contains(later.status.Text, "删除 4 条新建记录") || !strings.Contains(later.status.Text, "2 条记录导入后改过或被引用，已保留") {
		t.Fatalf("status after undo: %q", later.status.Text)
	}
	if got := problemsShown(later); !strings.Contains(got, "保留：项目“"+edited.Name+"”") || !strings.Contains(got, "保留：企业“") || later.probHead.Text != "撤销时保留的记录：2 条" {
		t.Errorf("kept records listed as %q under %q", got, later.probHead.Text)
	}
	if len(later.batches.Options) != 0 || !later.undoBt.Disabled() {
		t.Errorf("undone batch still offered: %q", later.batches.Options)
	}
	if ps, _ := l.Store().Projects(ctx, app.ProjectFilter{}); len(ps) != 1 || ps[0].ID != edited.ID {
		t.Errorf("%d projects after undo, want the edited one", len(ps))
	}

	// A refused file says why in one line and leaves the screen usable.
	s.path.SetText("../importers/testdata/nul.csv")
	test.Tap(s.open)
	if !strings.Contains(s.status.Text, "NUL 字节") || s.open.Disabled() {
		t.Errorf("refused file: %q", s.status.Text)
	}
}

// problemsShown is the text of the problem list's lines as the list draws them.
func problemsShown(s *importScreen) string {
	var lines []string
	for i := range s.problems.Length() {
		l := widget.NewLabel("")
		s.problems.UpdateItem(i, l)
		lines = append(lines, l.Text)
	}
	return strings.Join(lines, "\n")
}

// TestImportProgressBars: work whose progress is not measured (reading, preview, the write,
// undo) shows a moving bar; planning a commit shows how far it has got; idle shows neither.
func TestImportProgressBars(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	w := test.NewTempWindow(t, nil)
	s := newImportScreen(w, l, syncRun)
	w.SetContent(s.content())
	shown := func() string {
		return fmt.Sprintf("measured %v, moving %v", s.progress.Visible(), s.spinner.Visible())
	}
	s.busy("正在预览……")
	if got := shown(); got != "measured false, moving true" {
		t.Errorf("busy: %s", got)
	}
	s.showProgress(true)
	s.progress.SetValue(0.4)
	if got := shown(); got != "measured true, moving false" || s.progress.Value != 0.4 {
		t.Errorf("planning: %s at %v", got, s.progress.Value)
	}
	s.idle()
	if got := shown(); got != "measured false, moving false" {
		t.Errorf("idle: %s", got)
	}
}
