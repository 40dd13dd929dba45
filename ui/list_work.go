package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// fundRow is a fund with the names of its parent fund and its manager (GP), and its 返投
// ledger.
type fundRow struct {
	app.Fund
	parent, manager string
	reinvest        app.ReinvestLedger
}

var fundColumns = []listColumn[fundRow]{
	textColumn("基金名称", 250, func(r fundRow) string { return r.Name }),
	textColumn("类型", 100, func(r fundRow) string { return string(r.Type) }),
	textColumn("级别", 70, func(r fundRow) string { return string(r.Level) }),
	textColumn("阶段", 60, func(r fundRow) string { return string(r.Stage) }),
	amountColumn("规模", 110, func(r fundRow) app.Yuan { return r.Size }),
	amountColumn("政府出资", 110, func(r fundRow) app.Yuan { return r.GovCommitment }),
	{title: "返投要求", width: 120, text: reinvestText, number: func(r fundRow) int64 { return int64(r.ReinvestRatio) }},
	{title: "要求返投", width: 110, text: func(r fundRow) string {
		if !r.reinvest.HasRequirement() {
			return "—"
		}
		return r.reinvest.Required.FormatYi()
	}, number: func(r fundRow) int64 { return int64(r.reinvest.Required) }},
	amountColumn("已认定返投", 110, func(r fundRow) app.Yuan { return r.reinvest.Counted }),
	{title: "返投完成率", width: 90, text: func(r fundRow) string { return r.reinvest.RateText() },
		number: func(r fundRow) int64 { return int64(r.reinvest.RateBP) }},
	numberColumn("落地项目", 70, func(r fundRow) int { return r.reinvest.Landed }),
	textColumn("上级基金", 200, func(r fundRow) string { return r.parent }),
	textColumn("管理人", 200, func(r fundRow) string { return r.manager }),
	dateColumn("设立日期", func(r fundRow) app.Date { return r.SetUpOn }),
}

// reinvestText shows a 返投 requirement as "1.5倍·认缴" or "60%·实缴".
func reinvestText(r fundRow) string {
	switch r.ReinvestKind {
	case app.ReinvestMultiple:
		return fmt.Sprintf("%g倍·%s", float64(r.ReinvestRatio)/10000, r.ReinvestBase)
	case app.ReinvestShare:
		return fmt.Sprintf("%g%%·%s", float64(r.ReinvestRatio)/100, r.ReinvestBase)
	}
	return ""
}

// fundsScreen lists the funds with their type, level, size and government commitment.
type fundsScreen struct {
	env  listEnv
	list *listView[fundRow]

	typ, level, stage *widget.Select
	query             *widget.Entry
}

func newFundsScreen(env listEnv) *fundsScreen {
	s := &fundsScreen{env: env}
	s.list = newListView(env, listSpec[fundRow]{
		kind: app.KindFund, key: "funds", title: "基金", noun: "支基金", columns: fundColumns,
		id:    func(r fundRow) string { return r.ID },
		name:  func(r fundRow) string { return r.Name },
		watch: []app.EntityKind{app.KindEnterprise, app.KindFundInvestment, app.KindFundLP, app.KindProject},
	})
	f := &s.list.filters
	s.typ = f.choice("type", "全部类型", stringsOf(app.FundTypes))
	s.level = f.choice("level", "全部级别", stringsOf(app.FundLevels))
	s.stage = f.choice("stage", "全部阶段", stringsOf(app.FundStages))
	s.query = f.text("q", "基金名称", 180)
	s.list.query = s.load
	return s
}

func stringsOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func (s *fundsScreen) content() fyne.CanvasObject { return s.list.content(nil) }

// load reads every fund (they are few), names the parents and managers, and filters in memory.
func (s *fundsScreen) load() (func(context.Context) ([]fundRow, error), error) {
	v := s.list.filters.values()
	store := s.env.ledger.Store()
	return func(ctx context.Context) ([]fundRow, error) {
		funds, err := store.Funds(ctx)
		if err != nil {
			return nil, err
		}
		names := map[string]string{}
		for _, f := range funds {
			names[f.ID] = f.Name
		}
		managers := map[string]string{}
		var out []fundRow
		var shown []app.Fund
		for _, f := range funds {
			if (v["type"] != "" && string(f.Type) != v["type"]) || (v["level"] != "" && string(f.Level) != v["level"]) ||
				(v["stage"] != "" && string(f.Stage) != v["stage"]) || !containsText(v["q"], f.Name) {
				continue
			}
			var gps []string // the GP, and the co-GP of a 双GP fund
			for _, id := range []string{f.ManagerID, f.CoManagerID} {
				if id == "" {
					continue
				}
				if _, ok := managers[id]; !ok {
					e, err := store.Enterprise(ctx, id)
					if err != nil {
						return nil, err
					}
					managers[id] = e.Name
				}
				gps = append(gps, managers[id])
			}
			out = append(out, fundRow{Fund: f, parent: names[f.ParentID], manager: strings.Join(gps, "、")})
			shown = append(shown, f)
		}
		ledgers, err := s.env.ledger.ReinvestOverview(ctx, shown, app.Date{})
		if err != nil {
			return nil, err
		}
		for i := range out {
			out[i].reinvest = ledgers[i]
		}
		return out, nil
	}, nil
}

var activityColumns = []listColumn[app.Activity]{
	dateColumn("日期", func(a app.Activity) app.Date { return a.On }),
	textColumn("方式", 70, func(a app.Activity) string { return a.Kind }),
	textColumn("地点", 120, func(a app.Activity) string { return a.Place }),
	textColumn("参与人", 90, func(a app.Activity) string { return a.By }),
	textColumn("摘要", 320, func(a app.Activity) string { return a.Summary }),
	textColumn("下一步", 200, func(a app.Activity) string { return a.NextStep }),
	dateColumn("下次日期", func(a app.Activity) app.Date { return a.NextDue }),
	textColumn("关联", 150, activityLinks),
}

// activityLinks counts what an activity concerns: "项目1·企业2·人物3".
func activityLinks(a app.Activity) string {
	s := ""
	for _, l := range []struct {
		label string
		n     int
	}{{"项目", len(a.ProjectIDs)}, {"企业", len(a.EnterpriseIDs)}, {"人物", len(a.PersonIDs)}} {
		if l.n > 0 {
			if s != "" {
				s += "·"
			}
			s += fmt.Sprintf("%s%d", l.label, l.n)
		}
	}
	return s
}

// activitiesScreen is the 跟进记录: follow-ups in a date range, by kind and by who took part.
type activitiesScreen struct {
	env  listEnv
	list *listView[app.Activity]

	kind               *widget.Select
	from, to, by, text *widget.Entry
}

func newActivitiesScreen(env listEnv) *activitiesScreen {
	s := &activitiesScreen{env: env}
	s.list = newListView(env, listSpec[app.Activity]{
		kind: app.KindActivity, key: "activities", title: "跟进记录", noun: "条跟进记录", columns: activityColumns,
		id:   func(a app.Activity) string { return a.ID },
		name: func(a app.Activity) string { return a.On.String() + " " + a.Kind + " " + a.Place },
	})
	f := &s.list.filters
	s.from = f.date("from", "日期起")
	s.to = f.date("to", "日期止")
	s.kind = f.choice("kind", "全部方式", nil)
	s.by = f.text("by", "参与人", 110)
	s.text = f.text("q", "摘要、地点或下一步", 200)
	s.list.query = s.load
	return s
}

func (s *activitiesScreen) content() fyne.CanvasObject {
	return s.list.content(func(ctx context.Context) (func(), error) {
		kinds, err := s.env.ledger.Store().Vocab(ctx, app.VocabActivityKind)
		if err != nil {
			return nil, err
		}
		return func() {
			var options []string
			for _, k := range kinds {
				options = append(options, k.Name)
			}
			setChoices(s.kind, options)
		}, nil
	})
}

// load sends the date range to the store (indexed) and narrows by kind, person and text in
// memory.
func (s *activitiesScreen) load() (func(context.Context) ([]app.Activity, error), error) {
	d, err := parseDates([]string{"日期起", "日期止"}, s.from.Text, s.to.Text)
	if err != nil {
		return nil, err
	}
	v := s.list.filters.values()
	store := s.env.ledger.Store()
	return func(ctx context.Context) ([]app.Activity, error) {
		all, err := store.Activities(ctx, app.ActivityFilter{From: d[0], To: d[1]})
		if err != nil {
			return nil, err
		}
		out := all[:0]
		for _, a := range all {
			if (v["kind"] == "" || a.Kind == v["kind"]) && containsText(v["by"], a.By) && containsText(v["q"], a.Summary, a.Place, a.NextStep) {
				out = append(out, a)
			}
		}
		return out, nil
	}, nil
}

// Task status filter choices.
const (
	taskOpen    = "未完成"
	taskOverdue = "已逾期"
	taskDone    = "已完成"
)

// tasksScreen lists the tasks of every project: open, overdue or done, by assignee and due
// date; bulk assignment and deletion.
type tasksScreen struct {
	env  listEnv
	list *listView[app.TaskRow]

	status                 *widget.Select
	assignee, from, to, qs *widget.Entry
}

func newTasksScreen(env listEnv) *tasksScreen {
	s := &tasksScreen{env: env}
	today := func() app.Date { return env.ledger.Today() }
	s.list = newListView(env, listSpec[app.TaskRow]{
		kind: app.KindTask, key: "tasks", title: "任务", noun: "项任务",
		columns: []listColumn[app.TaskRow]{
			textColumn("任务", 260, func(t app.TaskRow) string { return t.Title }),
			textColumn("项目", 240, taskConcerns),
			textColumn("负责人", 90, func(t app.TaskRow) string { return t.Assignee }),
			dateColumn("截止日期", func(t app.TaskRow) app.Date { return t.DueOn }),
			textColumn("状态", 70, func(t app.TaskRow) string { return taskStatus(t.Task, today()) }),
			dateColumn("完成日期", func(t app.TaskRow) app.Date { return t.DoneOn }),
			textColumn("备注", 240, func(t app.TaskRow) string { return t.Notes }),
		},
		id:    func(t app.TaskRow) string { return t.ID },
		name:  func(t app.TaskRow) string { return t.Title },
		watch: []app.EntityKind{app.KindProject},
	})
	f := &s.list.filters
	s.status = f.choice("status", "全部任务", []string{taskOpen, taskOverdue, taskDone})
	s.assignee = f.text("assignee", "负责人", 110)
	s.from = f.date("due_from", "截止日期起")
	s.to = f.date("due_to", "截止日期止")
	s.qs = f.text("q", "任务或项目名称", 180)
	s.list.query = s.load
	s.list.assignAction("指派负责人", "负责人", func(ctx context.Context, r app.TaskRow, name string) error {
		t, err := env.ledger.Store().Task(ctx, r.ID)
		if err != nil {
			return err
		}
		t.Assignee = name
		return env.ledger.SaveTask(ctx, &t)
	})
	return s
}

// taskConcerns names what a task is for: its project, or the person of a follow-up.
func taskConcerns(t app.TaskRow) string {
	if t.ProjectName == "" && t.PersonName != "" {
		return "人物：" + t.PersonName
	}
	return t.ProjectName
}

// taskStatus is 已完成, 已逾期 or 未完成.
func taskStatus(t app.Task, today app.Date) string {
	switch {
	case t.Done:
		return taskDone
	case t.Overdue(today):
		return taskOverdue
	}
	return taskOpen
}

func (s *tasksScreen) content() fyne.CanvasObject { return s.list.content(nil) }

// load asks the store for open tasks when only those are wanted and narrows the rest in
// memory.
func (s *tasksScreen) load() (func(context.Context) ([]app.TaskRow, error), error) {
	d, err := parseDates([]string{"截止日期起", "截止日期止"}, s.from.Text, s.to.Text)
	if err != nil {
		return nil, err
	}
	v := s.list.filters.values()
	status, today := v["status"], s.env.ledger.Today()
	f := app.TaskFilter{OpenOnly: status == taskOpen || status == taskOverdue}
	store := s.env.ledger.Store()
	return func(ctx context.Context) ([]app.TaskRow, error) {
		all, err := store.TaskRows(ctx, f)
		if err != nil {
			return nil, err
		}
		out := all[:0]
		for _, t := range all {
			if (status == "" || taskStatus(t.Task, today) == status || (status == taskOpen && !t.Done)) &&
				containsText(v["assignee"], t.Assignee) && containsText(v["q"], t.Title, t.ProjectName, t.PersonName) &&
				((d[0].IsZero() && d[1].IsZero()) || t.DueOn.Within(d[0], d[1])) {
				out = append(out, t)
			}
		}
		return out, nil
	}, nil
}
