package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// projectPage is a project's page: every field of the ledger in a form, the stage with its
// move button, and tabs for the timeline, the task list and the 到位资金 ledger.
type projectPage struct {
	*detailPage
	p app.Project

	heading  *widget.Label
	stage    *widget.Label
	move     *widget.Button
	timeline *timelineView
	tasks    *taskList
	arrivals *arrivalList
	tabs     *container.AppTabs
}

func newProjectPage(win fyne.Window, l *app.Ledger, run runner, p app.Project, r refs) *projectPage {
	pg := &projectPage{detailPage: newDetailPage(win, l, run), p: p,
		heading: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), stage: widget.NewLabel("")}
	f := pg.form
	f.textField("name", "项目名称", &pg.p.Name)
	f.textField("code", "项目编码", &pg.p.Code)
	f.pickerField("investor_id", "投资方", enterprisePicker(l, run), &pg.p.InvestorID)
	f.pickerField("introducer_id", "引荐人", personPicker(l, run), &pg.p.IntroducerID)
	f.pickerField("zone_id", "开发区", zonePicker(l, run), &pg.p.ZoneID)
	f.pickerField("chain_id", "产业链", chainPicker(l, run), &pg.p.ChainID)
	choiceField(f, "sector", "产业类别", app.Sectors, &pg.p.Sector)
	f.amountField("total_investment", "总投资", &pg.p.TotalInvestment)
	f.amountField("fixed_investment", "其中固定资产投资", &pg.p.FixedInvestment)
	f.scaledField("foreign_capital", "合同外资", "万美元", 1_000_000,
		func() int64 { return int64(pg.p.ForeignCapital) }, func(n int64) { pg.p.ForeignCapital = app.USCents(n) })
	f.scaledField("land_mu", "用地面积", "亩", 100, func() int64 { return int64(pg.p.Land) }, func(n int64) { pg.p.Land = app.Area(n) })
	f.dateField("signed_on", "签约日期", &pg.p.SignedOn)
	f.dateField("started_on", "开工日期", &pg.p.StartedOn)
	f.dateField("produced_on", "投产日期", &pg.p.ProducedOn)
	f.textField("leader", "包干领导", &pg.p.Leader)
	f.textField("unit", "责任单位", &pg.p.Unit)
	tagsField(f, "methods", "招商方式", r.methods, &pg.p.Methods)
	f.checkField("homecoming", "三请三回", "是三请三回项目", &pg.p.Homecoming)
	tagsField(f, "homecoming_ties", "三友来源", tieNames(), &pg.p.HomecomingTies)
	f.checkField("out_of_province", "省外项目", "是省外项目", &pg.p.OutOfProvince)
	f.checkField("gan_return", "赣商返乡", "是赣商返乡项目", &pg.p.GanReturn)
	f.checkField("registered", "入统", "已入统", &pg.p.Registered)
	f.dateField("registered_on", "入统日期", &pg.p.RegisteredOn)
	f.pickerField("fund_id", "基金", fundPicker(l, run), &pg.p.FundID)
	f.notesField("notes", "备注", &pg.p.Notes)

	pg.persist = func(ctx context.Context) error {
		if pg.p.ID == "" {
			return l.CreateProject(ctx, &pg.p)
		}
		return l.UpdateProject(ctx, &pg.p)
	}
	pg.saved = pg.refresh
	pg.move = widget.NewButton("阶段变更…", pg.onMove)
	pg.timeline = newTimelineView(run, pg.loadTimeline)
	pg.tasks = newTaskList(win, l, run, func() string { return pg.p.ID })
	pg.arrivals = newArrivalList(l, run, func() string { return pg.p.ID })
	return pg
}

func tieNames() []string {
	out := make([]string, len(app.Ties))
	for i, t := range app.Ties {
		out[i] = string(t)
	}
	return out
}

func (pg *projectPage) content() fyne.CanvasObject {
	pg.form.load()
	form := container.NewVScroll(container.NewVBox(pg.form.object(), pg.form.general))
	pg.tabs = container.NewAppTabs(
		container.NewTabItem("基本信息", form),
		container.NewTabItem("时间线", pg.timeline.content()),
		container.NewTabItem("任务清单", pg.tasks.content()),
		container.NewTabItem("到位资金", pg.arrivals.content()),
	)
	pg.refresh()
	head := container.NewBorder(nil, nil, nil, pg.move, container.NewHBox(pg.heading, pg.stage))
	return container.NewBorder(head, pg.bar(), nil, nil, pg.tabs)
}

// refresh shows the saved state: heading, stage, and the tabs' lists. Before the first save
// the record has no ID and the other tabs are not available.
func (pg *projectPage) refresh() {
	pg.heading.SetText(orNew(pg.p.Name))
	if pg.p.ID == "" {
		pg.stage.SetText("新项目，保存后可变更阶段")
		pg.move.Disable()
		for _, t := range pg.tabs.Items[1:] {
			pg.tabs.DisableItem(t)
		}
		return
	}
	for _, t := range pg.tabs.Items[1:] {
		pg.tabs.EnableItem(t)
	}
	pg.move.Enable()
	text := fmt.Sprintf("阶段：%s（%s起）", pg.p.Stage, pg.p.StageSince)
	if pg.p.StageReason != "" {
		text += "，原因：" + pg.p.StageReason
	}
	pg.stage.SetText(text)
	pg.timeline.refresh()
	pg.tasks.refresh()
	pg.arrivals.refresh()
}

// onMove asks for the new stage and moves the project.
func (pg *projectPage) onMove() {
	showStageMoveDialog(pg.win, pg.ledger, pg.run, pg.p, func(moved app.Project) {
		pg.p = moved
		pg.form.load()
		pg.refresh()
	})
}

// loadTimeline gathers the project's follow-ups, stage changes, tasks and field changes.
func (pg *projectPage) loadTimeline(ctx context.Context) ([]timelineEntry, error) {
	st := pg.ledger.Store()
	acts, err := st.Activities(ctx, app.ActivityFilter{ProjectID: pg.p.ID})
	if err != nil {
		return nil, err
	}
	out := activityEntries(acts)
	hist, err := st.StageHistory(ctx, pg.p.ID)
	if err != nil {
		return nil, err
	}
	for _, h := range hist {
		text := "进入“" + string(h.To) + "”"
		if h.From != "" {
			text = "从“" + string(h.From) + "”到“" + string(h.To) + "”"
		}
		if h.Reason != "" {
			text += "，原因：" + h.Reason
		}
		out = append(out, timelineEntry{At: dateEntryAt(h.On), When: h.On.String(), What: "阶段", Text: text + "（" + h.By + "）"})
	}
	tasks, err := st.Tasks(ctx, app.TaskFilter{ProjectID: pg.p.ID})
	if err != nil {
		return nil, err
	}
	for _, t := range tasks {
		if t.Done {
			out = append(out, timelineEntry{At: dateEntryAt(t.DoneOn), When: t.DoneOn.String(), What: "任务", Text: "完成：" + t.Title})
		} else {
			out = append(out, timelineEntry{At: t.CreatedAt, When: t.CreatedAt.Local().Format("2006-01-02"), What: "任务", Text: fmt.Sprintf("新任务：%s（%s，%s前）", t.Title, t.Assignee, t.DueOn)})
		}
	}
	audit, err := st.Audit(ctx, app.KindProject, pg.p.ID)
	if err != nil {
		return nil, err
	}
	return sortTimeline(append(out, auditEntries(audit)...)), nil
}

// taskList is a project's task list with a row to add a task and checks to mark tasks done.
type taskList struct {
	win       fyne.Window
	ledger    *app.Ledger
	run       runner
	projectID func() string

	list     *widget.List
	title    *widget.Entry
	assignee *widget.Entry
	due      *widget.Entry
	add      *widget.Button
	msg      *widget.Label
	tasks    []app.Task
}

func newTaskList(win fyne.Window, l *app.Ledger, run runner, projectID func() string) *taskList {
	tl := &taskList{win: win, ledger: l, run: run, projectID: projectID, title: widget.NewEntry(), assignee: widget.NewEntry(),
		due: newDateEntry(), msg: widget.NewLabel("")}
	tl.title.SetPlaceHolder("任务内容")
	tl.assignee.SetPlaceHolder("负责人")
	tl.add = widget.NewButton("添加任务", tl.onAdd)
	tl.list = widget.NewList(
		func() int { return len(tl.tasks) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			t := tl.tasks[i]
			c := o.(*widget.Check)
			c.OnChanged = nil
			label := fmt.Sprintf("%s　负责人：%s　期限：%s", t.Title, t.Assignee, t.DueOn)
			if t.Done {
				label += "　（" + t.DoneOn.String() + "完成）"
			}
			c.SetText(label)
			c.SetChecked(t.Done)
			c.OnChanged = func(done bool) { tl.onDone(t, done) }
		})
	return tl
}

func (tl *taskList) content() fyne.CanvasObject {
	row := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(120, 36), tl.assignee),
		container.NewGridWrap(fyne.NewSize(130, 36), tl.due), tl.add), tl.title)
	return container.NewBorder(container.NewVBox(row, tl.msg), nil, nil, nil, tl.list)
}

func (tl *taskList) refresh() {
	id := tl.projectID()
	tl.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		tasks, err := tl.ledger.Store().Tasks(ctx, app.TaskFilter{ProjectID: id})
		fyne.Do(func() {
			if err != nil {
				tl.msg.SetText("读取任务失败：" + err.Error())
				return
			}
			tl.tasks = tasks
			tl.list.Refresh()
		})
	})
}

func (tl *taskList) onAdd() {
	due, err := app.ParseDate(tl.due.Text)
	if err != nil {
		tl.msg.SetText(err.Error())
		return
	}
	t := app.Task{ProjectID: tl.projectID(), Title: tl.title.Text, Assignee: tl.assignee.Text, DueOn: due}
	tl.save(&t, func() { tl.title.SetText(""); tl.due.SetText("") })
}

func (tl *taskList) onDone(t app.Task, done bool) {
	t.Done = done
	tl.save(&t, nil)
}

func (tl *taskList) save(t *app.Task, after func()) {
	tl.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := tl.ledger.SaveTask(ctx, t)
		fyne.Do(func() {
			if err != nil {
				tl.msg.SetText(err.Error())
				return
			}
			tl.msg.SetText("")
			if after != nil {
				after()
			}
			tl.refresh()
		})
	})
}

// arrivalList is a project's 到位资金 ledger: one row per month and source, and a row to add one.
type arrivalList struct {
	ledger    *app.Ledger
	run       runner
	projectID func() string

	table  *widget.List
	month  *widget.Entry
	source *widget.Select
	amount *widget.Entry
	add    *widget.Button
	msg    *widget.Label
	rows   []app.Arrival
}

func newArrivalList(l *app.Ledger, run runner, projectID func() string) *arrivalList {
	al := &arrivalList{ledger: l, run: run, projectID: projectID, month: widget.NewEntry(), amount: widget.NewEntry(), msg: widget.NewLabel("")}
	al.month.SetPlaceHolder("yyyy-mm")
	al.amount.SetPlaceHolder("金额（万元）")
	var sources []string
	for _, s := range app.ArrivalSources {
		sources = append(sources, string(s))
	}
	al.source = widget.NewSelect(sources, nil)
	al.source.SetSelected(string(app.SourceOutOfProvince))
	al.add = widget.NewButton("登记到位资金", al.onAdd)
	al.table = widget.NewList(
		func() int { return len(al.rows) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := al.rows[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s　%s　%s　%s", a.Month, a.Source, a.Amount.FormatWan(), a.Note))
		})
	return al
}

func (al *arrivalList) content() fyne.CanvasObject {
	row := container.NewHBox(container.NewGridWrap(fyne.NewSize(100, 36), al.month), al.source,
		container.NewGridWrap(fyne.NewSize(150, 36), al.amount), al.add)
	return container.NewBorder(container.NewVBox(row, al.msg), nil, nil, nil, al.table)
}

func (al *arrivalList) refresh() {
	id := al.projectID()
	al.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		rows, err := al.ledger.Store().Arrivals(ctx, id)
		fyne.Do(func() {
			if err != nil {
				al.msg.SetText("读取到位资金失败：" + err.Error())
				return
			}
			var total app.Yuan
			for _, r := range rows {
				total += r.Amount
			}
			al.rows = rows
			al.msg.SetText(fmt.Sprintf("累计到位 %s", total.FormatWan()))
			al.table.Refresh()
		})
	})
}

func (al *arrivalList) onAdd() {
	month, err := app.ParseMonth(al.month.Text)
	if err == nil && month.IsZero() {
		err = fmt.Errorf("请填写月份（yyyy-mm）")
	}
	if err != nil {
		al.msg.SetText(err.Error())
		return
	}
	n, err := app.ParseScaled(al.amount.Text, int64(app.Wan))
	if err != nil {
		al.msg.SetText("金额：" + err.Error())
		return
	}
	a := app.Arrival{ProjectID: al.projectID(), Month: month, Amount: app.Yuan(n), Source: app.ArrivalSource(al.source.Selected)}
	al.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := al.ledger.SaveArrival(ctx, &a)
		fyne.Do(func() {
			if err != nil {
				al.msg.SetText(err.Error())
				return
			}
			al.amount.SetText("")
			al.refresh()
		})
	})
}

// showStageMoveDialog asks for a project's new stage, its date, a reason where the rules need
// one and a signing date when the move skips past 签约; the rules' messages appear beside
// the fields and the dialog stays open until the move succeeds or is cancelled.
func showStageMoveDialog(win fyne.Window, l *app.Ledger, run runner, p app.Project, done func(app.Project)) {
	d := newStageMoveForm(l, run, p)
	var dlg dialog.Dialog
	d.onMoved = func(moved app.Project) { dlg.Hide(); done(moved) }
	dlg = dialog.NewCustomWithoutButtons("阶段变更："+p.Name, container.NewVBox(d.form.object(), d.form.general,
		container.NewHBox(widget.NewButton("取消", func() { dlg.Hide() }), d.confirm)), win)
	dlg.Resize(fyne.NewSize(520, 420))
	dlg.Show()
}

// stageMoveForm is the content of the stage move dialog, kept apart so tests can fill it.
type stageMoveForm struct {
	ledger  *app.Ledger
	run     runner
	p       app.Project
	move    app.StageMove
	form    *recordForm
	confirm *widget.Button
	onMoved func(app.Project)
}

func newStageMoveForm(l *app.Ledger, run runner, p app.Project) *stageMoveForm {
	d := &stageMoveForm{ledger: l, run: run, p: p, form: newRecordForm()}
	var stages []app.Stage
	for _, s := range app.Stages {
		if s != p.Stage {
			stages = append(stages, s)
		}
	}
	d.move.On = l.Today()
	if next := p.Stage.Rank() + 1; next > 0 && next < len(app.PipelineStages) {
		d.move.To = app.PipelineStages[next]
	}
	requiredChoiceField(d.form, "stage", "变更为", stages, &d.move.To)
	d.form.dateField("stage_since", "变更日期", &d.move.On)
	d.form.textField("stage_reason", "原因", &d.move.Reason)
	d.form.dateField("signed_on", "签约日期（跨过签约时填）", &d.move.SignedOn)
	d.form.dateField("started_on", "开工日期（跨过开工时填）", &d.move.StartedOn)
	d.form.load()
	d.confirm = widget.NewButton("确定", d.onConfirm)
	d.confirm.Importance = widget.HighImportance
	return d
}

func (d *stageMoveForm) onConfirm() {
	if err := d.form.read(); err != nil {
		return
	}
	if d.move.To == "" {
		d.form.show(&app.ValidationError{Entity: "阶段变更", Problems: []app.FieldError{{Field: "stage", Message: "请选择新阶段"}}})
		return
	}
	d.confirm.Disable()
	move := d.move
	d.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		moved, err := d.ledger.MoveStage(ctx, d.p.ID, move)
		fyne.Do(func() {
			d.confirm.Enable()
			if err != nil {
				d.form.show(err)
				return
			}
			d.onMoved(moved)
		})
	})
}
