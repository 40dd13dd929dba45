package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// projectColumns are the project list's columns.
var projectColumns = []listColumn[app.ProjectRow]{
	textColumn("项目名称", 260, func(r app.ProjectRow) string { return r.Name }),
	textColumn("阶段", 60, func(r app.ProjectRow) string { return string(r.Stage) }),
	amountColumn("总投资", 110, func(r app.ProjectRow) app.Yuan { return r.TotalInvestment }),
	textColumn("规模", 76, app.ProjectRow.SizeClass),
	textColumn("开发区", 140, func(r app.ProjectRow) string { return r.ZoneName }),
	textColumn("产业链", 90, func(r app.ProjectRow) string { return r.ChainName }),
	textColumn("投资方", 200, func(r app.ProjectRow) string { return r.InvestorName }),
	textColumn("企业性质", 96, func(r app.ProjectRow) string { return string(r.InvestorNature) }),
	textColumn("招商方式", 150, func(r app.ProjectRow) string { return strings.Join(r.Methods, "、") }),
	textColumn("三请三回", 80, projectTies),
	dateColumn("签约日期", func(r app.ProjectRow) app.Date { return r.SignedOn }),
	dateColumn("阶段日期", func(r app.ProjectRow) app.Date { return r.StageSince }),
	textColumn("包干领导", 100, func(r app.ProjectRow) string { return r.Leader }),
	textColumn("责任单位", 130, func(r app.ProjectRow) string { return r.Unit }),
}

// projectTies shows a 三请三回 project's ties ("乡友、校友"), or "是" when none is named.
func projectTies(r app.ProjectRow) string {
	if !r.Homecoming {
		return ""
	}
	if len(r.HomecomingTies) == 0 {
		return "是"
	}
	s := make([]string, len(r.HomecomingTies))
	for i, t := range r.HomecomingTies {
		s[i] = string(t)
	}
	return strings.Join(s, "、")
}

// Stage filter choices besides the single stages.
const (
	allStages    = "全部阶段"
	liveStages   = "在库（不含中止、退库）"
	signedStages = "签约及以后"
)

// projectsScreen is the project library: filters for stage, zone, chain, drive, 招商方式,
// size class, owner and date ranges; bulk stage change, assignment and deletion.
type projectsScreen struct {
	env  listEnv
	list *listView[app.ProjectRow]

	stage, zone, chain, drive, method, size  *widget.Select
	owner, search                            *widget.Entry
	signedFrom, signedTo, sinceFrom, sinceTo *widget.Entry

	zoneIDs, chainIDs map[string]string // choice → ID
}

func newProjectsScreen(env listEnv) *projectsScreen {
	s := &projectsScreen{env: env, zoneIDs: map[string]string{}, chainIDs: map[string]string{}}
	s.list = newListView(env, listSpec[app.ProjectRow]{
		kind: app.KindProject, key: "projects", title: "项目", noun: "个项目", columns: projectColumns,
		id:    func(r app.ProjectRow) string { return r.ID },
		name:  func(r app.ProjectRow) string { return r.Name },
		watch: []app.EntityKind{app.KindEnterprise},
	})
	f := &s.list.filters
	stages := []string{liveStages, signedStages}
	for _, st := range app.Stages {
		stages = append(stages, string(st))
	}
	s.stage = f.choice("stage", allStages, stages)
	s.zone = f.choice("zone", "全部开发区", nil)
	s.chain = f.choice("chain", "全部产业链", nil)
	s.drive = f.choice("drive", "全部专项行动", []string{
		app.DriveHomecoming, "三请三回·" + string(app.TieHometown), "三请三回·" + string(app.TieAlumni), "三请三回·" + string(app.TieComrade),
		"三企入赣·" + app.DriveSOE, "三企入赣·" + app.DrivePrivate, "三企入赣·" + app.DriveForeign})
	s.method = f.choice("method", "全部招商方式", nil)
	s.size = f.choice("size", "全部规模", []string{app.SizeYiPlus, app.Size5020})
	s.owner = f.text("owner", "包干领导或责任单位", 150)
	s.signedFrom = f.date("signed_from", "签约日期起")
	s.signedTo = f.date("signed_to", "签约日期止")
	s.sinceFrom = f.date("since_from", "阶段日期起")
	s.sinceTo = f.date("since_to", "阶段日期止")
	s.search = f.text("q", "项目名称或编码", 180)
	s.list.query = s.query
	s.list.addAction("指派", s.onAssign)
	s.list.addAction("变更阶段", s.onMoveStage)
	return s
}

func (s *projectsScreen) content() fyne.CanvasObject {
	return s.list.content(s.loadChoices)
}

// loadChoices reads the zones, chains and promotion methods the filters offer.
func (s *projectsScreen) loadChoices(ctx context.Context) (func(), error) {
	st := s.env.ledger.Store()
	zones, err := st.Zones(ctx)
	if err != nil {
		return nil, err
	}
	chains, err := st.Chains(ctx)
	if err != nil {
		return nil, err
	}
	methods, err := st.Vocab(ctx, app.VocabMethod)
	if err != nil {
		return nil, err
	}
	return func() {
		var zoneNames, chainNames, methodNames []string
		for _, z := range zones {
			s.zoneIDs[z.Name] = z.ID
			zoneNames = append(zoneNames, z.Name)
		}
		count := map[string]int{}
		for _, c := range chains {
			count[c.Name]++
		}
		for _, c := range chains {
			label := c.Name
			if count[c.Name] > 1 {
				label = fmt.Sprintf("%s（%s）", c.Name, c.Plan)
			}
			s.chainIDs[label] = c.ID
			chainNames = append(chainNames, label)
		}
		for _, m := range methods {
			methodNames = append(methodNames, m.Name)
		}
		setChoices(s.zone, zoneNames)
		setChoices(s.chain, chainNames)
		setChoices(s.method, methodNames)
	}, nil
}

// query reads the filters: stage, zone, chain and the name go to the store, where indexes
// help; the rest narrows the rows in memory.
func (s *projectsScreen) query() (func(context.Context) ([]app.ProjectRow, error), error) {
	d, err := parseDates([]string{"签约日期起", "签约日期止", "阶段日期起", "阶段日期止"},
		s.signedFrom.Text, s.signedTo.Text, s.sinceFrom.Text, s.sinceTo.Text)
	if err != nil {
		return nil, err
	}
	v := s.list.filters.values()
	f := app.ProjectFilter{Query: v["q"], ZoneID: s.zoneIDs[v["zone"]], ChainID: s.chainIDs[v["chain"]]}
	switch st := v["stage"]; st {
	case "":
	case liveStages:
		f.Stages = app.PipelineStages
	case signedStages:
		f.Stages = app.PipelineStages[app.StageSigned.Rank():]
	default:
		f.Stages = []app.Stage{app.Stage(st)}
	}
	rf := app.ProjectRowFilter{Method: v["method"], Size: v["size"], Owner: v["owner"],
		SignedFrom: d[0], SignedTo: d[1], StageFrom: d[2], StageTo: d[3]}
	rf.Drive = strings.TrimPrefix(strings.TrimPrefix(v["drive"], "三请三回·"), "三企入赣·")
	store := s.env.ledger.Store()
	return func(ctx context.Context) ([]app.ProjectRow, error) {
		rows, err := store.ProjectRows(ctx, f)
		if err != nil {
			return nil, err
		}
		out := rows[:0]
		for _, r := range rows {
			if rf.Match(r) {
				out = append(out, r)
			}
		}
		return out, nil
	}, nil
}

// onMoveStage asks for the stage, the date and, when the rules need it, a reason, and moves
// every selected project through Ledger.MoveStage.
func (s *projectsScreen) onMoveStage() {
	if !s.list.needSelection("变更阶段") {
		return
	}
	s.showMoveStage(s.list.selectedRows(), app.StageMove{On: s.env.ledger.Today()}, "")
}

func (s *projectsScreen) showMoveStage(rows []app.ProjectRow, m app.StageMove, problem string) {
	stages := make([]string, len(app.Stages))
	for i, st := range app.Stages {
		stages[i] = string(st)
	}
	to := widget.NewSelect(stages, nil)
	to.PlaceHolder = "请选择阶段"
	if m.To != "" {
		to.SetSelected(string(m.To))
	}
	on, reason, signed, started := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	on.SetText(m.On.String())
	reason.SetText(m.Reason)
	reason.SetPlaceHolder("退回、中止、退库或恢复推进时必填")
	signed.SetText(m.SignedOn.String())
	signed.SetPlaceHolder("跳过“签约”直接开工时填写")
	started.SetText(m.StartedOn.String())
	started.SetPlaceHolder("跳过“开工”时填写")
	items := []*widget.FormItem{
		widget.NewFormItem("变更为", to), widget.NewFormItem("变更日期", on), widget.NewFormItem("原因", reason),
		widget.NewFormItem("签约日期", signed), widget.NewFormItem("开工日期", started),
	}
	if problem != "" {
		msg := widget.NewLabel(problem)
		msg.Importance = widget.DangerImportance
		msg.Wrapping = fyne.TextWrapWord
		items = append(items, widget.NewFormItem("", msg))
	}
	form := dialog.NewForm(fmt.Sprintf("批量变更阶段（%d 个项目）", len(rows)), "变更", "取消", items, func(ok bool) {
		if !ok {
			return
		}
		next := app.StageMove{To: app.Stage(to.Selected), Reason: app.CleanText(reason.Text)}
		d, err := parseDates([]string{"变更日期", "签约日期", "开工日期"}, on.Text, signed.Text, started.Text)
		if err != nil {
			s.showMoveStage(rows, next, err.Error())
			return
		}
		next.On, next.SignedOn, next.StartedOn = d[0], d[1], d[2]
		if problem := moveProblem(rows, next); problem != "" {
			s.showMoveStage(rows, next, problem)
			return
		}
		s.moveStages(rows, next)
	}, s.env.win)
	form.Resize(fyne.NewSize(480, 380))
	form.Show()
}

// moveStages moves each project through Ledger.MoveStage; the stage rules are checked per
// project and each refusal is reported with the project's name.
func (s *projectsScreen) moveStages(rows []app.ProjectRow, m app.StageMove) {
	s.list.bulk("变更阶段", "批量变更阶段前", rows, func(ctx context.Context, r app.ProjectRow) error {
		_, err := s.env.ledger.MoveStage(ctx, r.ID, m)
		return err
	})
}

// moveProblem checks what the dialog can before anything is written: a target stage, a
// date, and a reason when any of the projects needs one. The per-project rules are checked
// by MoveStage and reported per project.
func moveProblem(rows []app.ProjectRow, m app.StageMove) string {
	if m.To == "" {
		return "请选择要变更到的阶段"
	}
	if m.On.IsZero() {
		return "请填写变更日期"
	}
	if m.Reason != "" {
		return ""
	}
	need := 0
	for _, r := range rows {
		if m.To.Terminal() || r.Stage.Terminal() || (m.To.Rank() >= 0 && r.Stage.Rank() > m.To.Rank()) {
			need++
		}
	}
	if need > 0 {
		return fmt.Sprintf("其中%d个项目为退回、中止、退库或恢复推进，须填写原因", need)
	}
	return ""
}

// onAssign sets the 包干领导 and/or the 责任单位 of every selected project.
func (s *projectsScreen) onAssign() {
	if !s.list.needSelection("指派") {
		return
	}
	rows := s.list.selectedRows()
	leader, unit := widget.NewEntry(), widget.NewEntry()
	leader.SetPlaceHolder("留空则不改")
	unit.SetPlaceHolder("留空则不改")
	dialog.ShowForm(fmt.Sprintf("指派（%d 个项目）", len(rows)), "指派", "取消", []*widget.FormItem{
		widget.NewFormItem("包干领导", leader), widget.NewFormItem("责任单位", unit),
	}, func(ok bool) {
		l, u := app.CleanText(leader.Text), app.CleanText(unit.Text)
		if !ok {
			return
		}
		if l == "" && u == "" {
			dialog.ShowError(errors.New("请填写包干领导或责任单位"), s.env.win)
			return
		}
		s.list.bulk("指派", "批量指派前", rows, func(ctx context.Context, r app.ProjectRow) error {
			p, err := s.env.ledger.Store().Project(ctx, r.ID)
			if err != nil {
				return err
			}
			if l != "" {
				p.Leader = l
			}
			if u != "" {
				p.Unit = u
			}
			return s.env.ledger.UpdateProject(ctx, &p)
		})
	}, s.env.win)
}
