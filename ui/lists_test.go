package ui

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// openLists opens the window on a demo ledger with the lists reloading at once after a
// change. It writes nothing: the screens of others react to writes on their own timers.
func openLists(t *testing.T, size int) (*app.Ledger, *mainWindow) {
	t.Helper()
	l, path := apptest.Ledger(t, size)
	a := test.NewTempApp(t)
	w := newMainWindow(a, l, Options{DBPath: path}, syncRun)
	t.Cleanup(w.win.Close)
	w.win.Resize(fyne.NewSize(1100, 600))
	return l, w
}

// projectsHarness is the 项目 screen alone in a window, over a demo ledger, the way the main
// window builds it; it records the records it was asked to open.
type projectsHarness struct {
	win    fyne.Window
	s      *projectsScreen
	opened []string
}

func openProjects(t *testing.T, size int) (*app.Ledger, *projectsHarness) {
	t.Helper()
	l, _ := apptest.Ledger(t, size)
	a := test.NewTempApp(t)
	h := &projectsHarness{win: a.NewWindow("项目")}
	t.Cleanup(h.win.Close)
	env := listEnv{win: h.win, ledger: l, run: syncRun,
		open: func(kind app.EntityKind, id string) { h.opened = append(h.opened, string(kind)+":"+id) }}
	h.s = newProjectsScreen(env)
	h.s.list.changes.delay = 0
	h.win.SetContent(h.s.content())
	h.win.Resize(fyne.NewSize(1100, 600))
	return l, h
}

// findButton finds the button showing text among the objects drawn under o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
		return b
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		if b := findButton(c, text); b != nil {
			return b
		}
	}
	return nil
}

// tapHeader taps the header button of a column as the user sees it.
func tapHeader(t *testing.T, win fyne.Window, text string) {
	t.Helper()
	b := findButton(win.Canvas().Content(), text)
	if b == nil {
		t.Fatalf("no header %q on screen", text)
	}
	test.Tap(b)
}

// TestProjectList runs the project list's checks on one window, as a user would in turn.
func TestProjectList(t *testing.T) {
	l, h := openProjects(t, 2000)
	for _, c := range []struct {
		name string
		run  func(*testing.T, *app.Ledger, *projectsHarness)
	}{
		{"sort by tapping a header", checkSortByHeader},
		{"filters and footer", checkFiltersAndFooter},
		{"saved view round trip", checkSavedViewRoundTrip},
		{"export matches the view", checkExportMatchesTheView},
	} {
		h.s.list.applyView(app.SavedView{}) // no filter, the store's order
		if !t.Run(c.name, func(t *testing.T) { c.run(t, l, h) }) {
			return
		}
	}
}

func checkSortByHeader(t *testing.T, l *app.Ledger, h *projectsHarness) {
	lv := h.s.list
	all, err := l.Store().Projects(context.Background(), app.ProjectFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(lv.rows) != len(all) || len(all) < 100 {
		t.Fatalf("%d rows listed, want %d", len(lv.rows), len(all))
	}
	amounts := make([]app.Yuan, len(all))
	for i, p := range all {
		amounts[i] = p.TotalInvestment
	}
	slices.Sort(amounts)

	tapHeader(t, h.win, "总投资")
	for i := range 5 {
		if lv.rows[i].TotalInvestment != amounts[i] {
			t.Fatalf("ascending row %d: %s, want %s", i, lv.rows[i].TotalInvestment.FormatYi(), amounts[i].FormatYi())
		}
	}
	if !slices.IsSortedFunc(lv.rows, func(a, b app.ProjectRow) int { return int(a.TotalInvestment - b.TotalInvestment) }) {
		t.Error("rows are not in ascending 总投资 order")
	}

	tapHeader(t, h.win, "总投资 ▲")
	for i := range 5 {
		if want := amounts[len(amounts)-1-i]; lv.rows[i].TotalInvestment != want {
			t.Fatalf("descending row %d: %s, want %s", i, lv.rows[i].TotalInvestment.FormatYi(), want.FormatYi())
		}
	}
	if findButton(h.win.Canvas().Content(), "总投资 ▼") == nil {
		t.Error("the header does not show ▼ after the second tap")
	}

	// Names sort in pinyin order: 安 (an) before 北 (bei) before 中 (zhong).
	got := sortRows([]app.ProjectRow{{Name: "中科项目"}, {Name: "安远项目"}, {Name: ""}, {Name: "北汽项目"}}, projectColumns[0], false)
	if names := fmt.Sprint(got[0].Name, got[1].Name, got[2].Name, got[3].Name); names != "安远项目北汽项目中科项目" {
		t.Errorf("pinyin order: %s (empty last)", names)
	}
}

func checkFiltersAndFooter(t *testing.T, l *app.Ledger, h *projectsHarness) {
	s := h.s
	ctx := context.Background()
	signed, err := l.Store().Projects(ctx, app.ProjectFilter{Stages: []app.Stage{app.StageSigned}})
	if err != nil || len(signed) == 0 {
		t.Fatalf("no signed projects: %v", err)
	}
	zoneID := signed[0].ZoneID
	zones, _ := l.Store().Zones(ctx)
	zoneName := ""
	for _, z := range zones {
		if z.ID == zoneID {
			zoneName = z.Name
		}
	}

	s.stage.SetSelected(string(app.StageSigned))
	s.zone.SetSelected(zoneName)
	want, err := l.Store().Projects(ctx, app.ProjectFilter{Stages: []app.Stage{app.StageSigned}, ZoneID: zoneID})
	if err != nil {
		t.Fatal(err)
	}
	var total app.Yuan
	for _, p := range want {
		total += p.TotalInvestment
	}
	if footer := fmt.Sprintf("共 %d 个项目，总投资 %s", len(want), total.FormatYi()); s.list.footer.Text != footer {
		t.Errorf("footer = %q, want %q", s.list.footer.Text, footer)
	}
	if rows, cols := s.list.table.Length(); rows != len(want) || cols != len(projectColumns)+1 {
		t.Errorf("table is %d×%d, want %d×%d", rows, cols, len(want), len(projectColumns)+1)
	}

	// The in-memory filters: 亿元以上 and a 三企入赣 group, against the records themselves.
	s.list.onClearFilters()
	s.size.SetSelected(app.SizeYiPlus)
	s.drive.SetSelected("三企入赣·" + app.DriveSOE)
	all, _ := l.Store().Projects(ctx, app.ProjectFilter{})
	n := 0
	for _, p := range all {
		if p.TotalInvestment < app.Yi || p.InvestorID == "" {
			continue
		}
		e, err := l.Store().Enterprise(ctx, p.InvestorID)
		if err != nil {
			t.Fatal(err)
		}
		if e.Nature.ThreeEnterprises() == app.DriveSOE {
			n++
		}
	}
	if n == 0 || len(s.list.rows) != n || !strings.HasPrefix(s.list.footer.Text, fmt.Sprintf("共 %d 个项目", n)) {
		t.Errorf("亿元以上 国企 projects: %d listed (%q), want %d", len(s.list.rows), s.list.footer.Text, n)
	}

	// A wrong date names the filter and keeps the rows.
	s.list.onClearFilters()
	s.signedFrom.SetText("2026-13-01")
	s.list.reload()
	if !strings.Contains(s.list.footer.Text, "签约日期起") {
		t.Errorf("footer after a bad date = %q", s.list.footer.Text)
	}
}

// TestProjectListBulk deletes and moves selected projects on one window.
func TestProjectListBulk(t *testing.T) {
	l, h := openProjects(t, 1000)
	t.Run("delete to the recycle bin", func(t *testing.T) { checkBulkDelete(t, l, h) })
	h.s.list.onClearFilters()
	t.Run("stage change reports each failure", func(t *testing.T) { checkBulkStageChange(t, l, h) })
}

func checkBulkDelete(t *testing.T, l *app.Ledger, h *projectsHarness) {
	lv := h.s.list
	before := len(lv.rows)
	gone := []app.ProjectRow{lv.rows[3], lv.rows[7]}
	for _, r := range gone {
		lv.onCheck(r.ID, true)
	}
	if !strings.HasSuffix(lv.footer.Text, "已选 2 个项目") {
		t.Errorf("footer with two checked = %q", lv.footer.Text)
	}
	lv.onDelete()
	confirm := findImportantButton(h.win.Canvas().Overlays().Top())
	if confirm == nil {
		t.Fatal("no confirmation asked before deleting")
	}
	test.Tap(confirm)

	if len(lv.rows) != before-2 {
		t.Fatalf("%d rows after deleting two of %d", len(lv.rows), before)
	}
	for _, r := range lv.rows {
		if r.ID == gone[0].ID || r.ID == gone[1].ID {
			t.Fatalf("deleted project %s is still listed", r.Name)
		}
	}
	bin, err := l.Store().RecycleBin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	inBin := map[string]bool{}
	for _, d := range bin {
		inBin[d.ID] = d.Kind == app.KindProject
	}
	if !inBin[gone[0].ID] || !inBin[gone[1].ID] {
		t.Errorf("the deleted projects are not in the recycle bin: %+v", bin)
	}
	if len(lv.selected) != 0 {
		t.Errorf("%d rows still selected after deleting them", len(lv.selected))
	}
}

// findImportantButton finds the highlighted (confirming) button of a dialog.
func findImportantButton(o fyne.CanvasObject) *widget.Button {
	if b, ok := o.(*widget.Button); ok && b.Importance == widget.HighImportance {
		return b
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		if b := findImportantButton(c); b != nil {
			return b
		}
	}
	return nil
}

func checkBulkStageChange(t *testing.T, l *app.Ledger, h *projectsHarness) {
	s := h.s
	s.stage.SetSelected(string(app.StageNegotiating))
	rows := slices.Clone(s.list.rows[:2])
	s.stage.SetSelected(string(app.StageProducing))
	rows = append(rows, s.list.rows[0]) // already beyond 签约: stepping back needs a reason

	move := app.StageMove{To: app.StageSigned, On: l.Today()}
	if p := moveProblem(rows, move); !strings.Contains(p, "其中1个项目") {
		t.Errorf("the dialog does not ask for a reason: %q", p)
	}
	s.moveStages(rows, move)
	for i, r := range rows {
		p, err := l.Store().Project(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if wantMoved := i < 2; (p.Stage == app.StageSigned) != wantMoved {
			t.Errorf("%s is %s", p.Name, p.Stage)
		}
	}
	if !strings.Contains(s.list.report, rows[2].Name) || !strings.Contains(s.list.report, "原因") {
		t.Errorf("report = %q, want the refused project named with its reason", s.list.report)
	}
}

func checkSavedViewRoundTrip(t *testing.T, l *app.Ledger, h *projectsHarness) {
	s := h.s
	s.stage.SetSelected(string(app.StageSigned))
	s.size.SetSelected(app.SizeYiPlus)
	s.owner.SetText("局")
	s.list.reload()
	tapHeader(t, h.win, "总投资")
	tapHeader(t, h.win, "总投资 ▲")
	want := slices.Clone(s.list.rows)
	s.list.saveView(s.list.currentView("本年大项目"))

	views, err := l.SavedViews(context.Background(), "projects")
	if err != nil || len(views) != 1 {
		t.Fatalf("saved views: %v %+v", err, views)
	}
	if v := views[0]; v.SortColumn != "总投资" || !v.SortDesc || v.Filters["stage"] != "签约" || v.Filters["size"] != "亿元以上" || v.Filters["owner"] != "局" {
		t.Errorf("stored view %+v", v)
	}

	s.list.onClearFilters()
	tapHeader(t, h.win, "项目名称")
	if len(s.list.rows) == len(want) {
		t.Fatal("clearing the filters changed nothing")
	}
	s.list.views.SetSelected("本年大项目")
	if s.stage.Selected != "签约" || s.size.Selected != app.SizeYiPlus || s.owner.Text != "局" {
		t.Errorf("filters after recalling the view: %q %q %q", s.stage.Selected, s.size.Selected, s.owner.Text)
	}
	if len(s.list.rows) != len(want) || len(want) == 0 {
		t.Fatalf("%d rows after recalling the view, want %d", len(s.list.rows), len(want))
	}
	for i := range want {
		if s.list.rows[i].ID != want[i].ID {
			t.Fatalf("row %d after recalling: %s, want %s", i, s.list.rows[i].Name, want[i].Name)
		}
	}
	if findButton(h.win.Canvas().Content(), "总投资 ▼") == nil {
		t.Error("the recalled sort is not shown in the header")
	}

	s.list.deleteView(views[0])
	if views, _ := l.SavedViews(context.Background(), "projects"); len(views) != 0 || len(s.list.views.Options) != 0 {
		t.Errorf("after deleting: %d stored, %d offered", len(views), len(s.list.views.Options))
	}
}

func checkExportMatchesTheView(t *testing.T, _ *app.Ledger, h *projectsHarness) {
	s := h.s
	s.stage.SetSelected(string(app.StageNegotiating))
	tapHeader(t, h.win, "总投资")
	var buf bytes.Buffer
	if err := s.list.export(&buf, s.list.rows, false); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("项目")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(s.list.rows)+1 {
		t.Fatalf("%d rows in the workbook, want %d and a header", len(got)-1, len(s.list.rows))
	}
	if got[0][0] != "项目名称" || got[0][2] != "总投资（亿元）" || got[0][len(projectColumns)-1] != "责任单位" {
		t.Errorf("header %q", got[0])
	}
	var text bytes.Buffer
	if err := s.list.export(&text, s.list.rows, true); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(text.String(), "\r\n"), "\r\n")
	if len(lines) != len(got) || !strings.HasPrefix(lines[1], s.list.rows[0].Name+",") {
		t.Errorf("CSV has %d lines, first row %q; want %d lines starting with %s", len(lines), lines[1], len(got), s.list.rows[0].Name)
	}
	for i, r := range s.list.rows {
		row := got[i+1]
		if row[0] != r.Name || row[1] != string(r.Stage) {
			t.Fatalf("row %d: %q, want %s %s", i, row[:2], r.Name, r.Stage)
		}
		yi, err := strconv.ParseFloat(row[2], 64)
		if err != nil || app.Yuan(yi*10_000+0.5)*app.Wan != r.TotalInvestment/app.Wan*app.Wan {
			t.Fatalf("row %d amount %q, want %s", i, row[2], r.TotalInvestment.FormatYi())
		}
	}
}

func TestEveryListLoads(t *testing.T) {
	l, w := openLists(t, 3000)
	ctx := context.Background()
	for _, c := range []struct {
		title  string
		footer func() string
		rows   func() int
	}{
		{"目标企业", func() string { return w.enterprises.list.footer.Text }, func() int { return len(w.enterprises.list.rows) }},
		{"赣籍企业家与人脉", func() string { return w.people.list.footer.Text }, func() int { return len(w.people.list.rows) }},
		{"商会", func() string { return w.chambers.list.footer.Text }, func() int { return len(w.chambers.list.rows) }},
		{"基金", func() string { return w.funds.list.footer.Text }, func() int { return len(w.funds.list.rows) }},
		{"跟进记录", func() string { return w.activities.list.footer.Text }, func() int { return len(w.activities.list.rows) }},
		{"任务", func() string { return w.tasks.list.footer.Text }, func() int { return len(w.tasks.list.rows) }},
	} {
		w.showTitle(c.title)
		if !strings.HasPrefix(c.footer(), fmt.Sprintf("共 %d ", c.rows())) || c.rows() == 0 {
			t.Errorf("%s: footer %q with %d rows", c.title, c.footer(), c.rows())
		}
	}

	w.enterprises.priority.SetSelected("A")
	as, _ := l.Store().Enterprises(ctx, app.EnterpriseFilter{Priority: app.PriorityA})
	if len(w.enterprises.list.rows) != len(as) || len(as) == 0 {
		t.Errorf("priority A: %d listed, want %d", len(w.enterprises.list.rows), len(as))
	}

	w.people.tie.SetSelected(string(app.TieAlumni))
	alumni, _ := l.Store().People(ctx, app.PersonFilter{Tie: app.TieAlumni})
	if len(w.people.list.rows) != len(alumni) || len(alumni) == 0 {
		t.Errorf("校友: %d listed, want %d", len(w.people.list.rows), len(alumni))
	}
	last, _ := l.Store().LastContacts(ctx, l.Today())
	for _, r := range w.people.list.rows {
		if r.last != last[r.ID] {
			t.Fatalf("%s: last contact %s, want %s", r.Name, r.last, last[r.ID])
		}
	}

	w.tasks.status.SetSelected(taskOverdue)
	for _, r := range w.tasks.list.rows {
		if !r.Overdue(l.Today()) {
			t.Fatalf("task %q due %s listed as overdue", r.Title, r.DueOn)
		}
	}

	var titles []string
	for _, sc := range w.screens {
		titles = append(titles, sc.title)
	}
	order := "工作台 项目 目标企业 赣籍企业家与人脉 商会 基金 跟进记录 任务"
	if got := strings.Join(titles, " "); !strings.Contains(strings.NewReplacer(" 项目看板", "", " 重点三友名录", "").Replace(got), order) {
		t.Errorf("navigation %q does not list the lists in the order %q", got, order)
	}
}

// TestTaskListAssigns assigns a task in bulk through SaveTask: its row changes after the
// ledger's change notice, and a double tap opens it.
func TestTaskListAssigns(t *testing.T) {
	l, _ := apptest.Ledger(t, 1000)
	a := test.NewTempApp(t)
	win := a.NewWindow("任务")
	t.Cleanup(win.Close)
	var opened []string
	s := newTasksScreen(listEnv{win: win, ledger: l, run: syncRun,
		open: func(kind app.EntityKind, id string) { opened = append(opened, string(kind)+":"+id) }})
	s.list.changes.delay = 0
	win.SetContent(s.content())
	win.Resize(fyne.NewSize(1100, 600))

	s.status.SetSelected(taskOpen)
	first := s.list.rows[0]
	s.list.bulk("指派负责人", "批量指派前", []app.TaskRow{first}, func(ctx context.Context, r app.TaskRow) error {
		tk, err := l.Store().Task(ctx, r.ID)
		if err != nil {
			return err
		}
		tk.Assignee = "新负责人"
		return l.SaveTask(ctx, &tk)
	})
	found := false
	for _, r := range s.list.rows {
		if r.ID == first.ID {
			found = true
			if r.Assignee != "新负责人" {
				t.Errorf("assignee after assigning: %q", r.Assignee)
			}
		}
	}
	if !found {
		t.Error("the assigned task left the list")
	}
	s.list.onCellDoubleTapped(0, 1)
	if len(opened) != 1 || opened[0] != "task:"+s.list.rows[0].ID {
		t.Errorf("double tap opened %q", opened)
	}
}
