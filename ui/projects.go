package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// allStages is the stage filter's "no filter" choice.
const allStages = "全部阶段"

// projectColumns are the project table's columns: title, width, and the cell text.
var projectColumns = []struct {
	title string
	width float32
	text  func(p app.Project, zones map[string]app.Zone) string
}{
	{"项目名称", 320, func(p app.Project, _ map[string]app.Zone) string { return p.Name }},
	{"阶段", 60, func(p app.Project, _ map[string]app.Zone) string { return string(p.Stage) }},
	{"总投资", 110, func(p app.Project, _ map[string]app.Zone) string { return p.TotalInvestment.FormatYi() }},
	{"规模", 80, func(p app.Project, z map[string]app.Zone) string {
		return app.SizeClass(p.TotalInvestment, p.Sector, z[p.ZoneID].Level)
	}},
	{"开发区", 130, func(p app.Project, z map[string]app.Zone) string { return z[p.ZoneID].Name }},
	{"签约日期", 100, func(p app.Project, _ map[string]app.Zone) string { return p.SignedOn.String() }},
	{"阶段日期", 100, func(p app.Project, _ map[string]app.Zone) string { return p.StageSince.String() }},
	{"包干领导", 130, func(p app.Project, _ map[string]app.Zone) string { return p.Leader }},
	{"责任单位", 110, func(p app.Project, _ map[string]app.Zone) string { return p.Unit }},
}

// projectsScreen lists the project library with a stage filter, a name search and footer
// totals. The rows are loaded off the UI goroutine; the table creates only visible cells.
type projectsScreen struct {
	win    fyne.Window
	ledger *app.Ledger
	run    runner

	stage  *widget.Select
	search *widget.Entry
	table  *widget.Table
	footer *widget.Label

	rows  []app.Project
	zones map[string]app.Zone
	seq   int // the newest load; older results are dropped
}

func newProjectsScreen(win fyne.Window, l *app.Ledger, run runner) *projectsScreen {
	s := &projectsScreen{win: win, ledger: l, run: run, footer: widget.NewLabel("正在读取……"), zones: map[string]app.Zone{}}
	options := []string{allStages}
	for _, st := range app.Stages {
		options = append(options, string(st))
	}
	s.stage = widget.NewSelect(options, func(string) { s.load() })
	s.stage.SetSelectedIndex(0)
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("按项目名称或编码筛选")
	s.search.OnSubmitted = func(string) { s.load() }
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(projectColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(projectColumns[id.Col].text(s.rows[id.Row], s.zones))
		})
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}) }
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(projectColumns[id.Col].title)
		}
	}
	for i, c := range projectColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	return s
}

func (s *projectsScreen) content() fyne.CanvasObject {
	s.load()
	bar := container.NewBorder(nil, nil, s.stage, widget.NewButton("筛选", s.load), s.search)
	return container.NewBorder(bar, s.footer, nil, nil, s.table)
}

// filter reads the filter widgets.
func (s *projectsScreen) filter() app.ProjectFilter {
	f := app.ProjectFilter{Query: app.CleanText(s.search.Text)}
	if sel := s.stage.Selected; sel != "" && sel != allStages {
		f.Stages = []app.Stage{app.Stage(sel)}
	}
	return f
}

// load reads the projects matching the filter off the UI goroutine.
func (s *projectsScreen) load() {
	if s.table == nil { // the stage Select fires while the screen is being built
		return
	}
	f := s.filter()
	s.seq++
	seq := s.seq
	s.footer.SetText("正在读取……")
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		rows, err := s.ledger.Store().Projects(ctx, f)
		zones := map[string]app.Zone{}
		if err == nil {
			var zs []app.Zone
			zs, err = s.ledger.Store().Zones(ctx)
			for _, z := range zs {
				zones[z.ID] = z
			}
		}
		fyne.Do(func() {
			if seq != s.seq {
				return
			}
			if err != nil {
				s.footer.SetText("读取项目失败：" + err.Error())
				return
			}
			s.rows, s.zones = rows, zones
			s.table.Refresh()
			s.footer.SetText(projectFooter(rows))
		})
	})
}

// projectFooter sums a list for the footer: count, total investment, of which 签约 or beyond.
func projectFooter(rows []app.Project) string {
	var total app.Yuan
	for _, p := range rows {
		total += p.TotalInvestment
	}
	return fmt.Sprintf("共 %d 个项目，总投资 %s", len(rows), total.FormatYi())
}
