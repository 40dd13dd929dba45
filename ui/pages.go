package ui

import (
	"context"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// enterprisePage is an enterprise's page: the form, its timeline (follow-ups and changes),
// its projects and its people.
type enterprisePage struct {
	*detailPage
	e        app.Enterprise
	timeline *timelineView
	related  *widget.Label
	hints    *duplicateHints // under the name of a new enterprise
}

func newEnterprisePage(win fyne.Window, l *app.Ledger, run runner, e app.Enterprise, r refs) *enterprisePage {
	pg := &enterprisePage{detailPage: newDetailPage(win, l, run), e: e, related: widget.NewLabel("")}
	pg.related.Wrapping = fyne.TextWrapWord
	f := pg.form
	f.textField("name", "企业名称", &pg.e.Name)
	f.textField("credit_code", "统一社会信用代码", &pg.e.CreditCode)
	choiceField(f, "nature", "企业性质", app.Natures, &pg.e.Nature)
	cats, readCats, writeCats := categoryChecks(r.categories, &pg.e)
	f.add("categories", "企业类别", cats, readCats, writeCats)
	f.textField("hq_province", "总部省份", &pg.e.HQProvince)
	f.textField("hq_city", "总部城市", &pg.e.HQCity)
	f.textField("hq_country", "国家/地区（境外填）", &pg.e.HQCountry)
	f.textField("industry", "行业", &pg.e.Industry)
	f.pickerField("chain_id", "产业链", chainPicker(l, run), &pg.e.ChainID)
	f.textField("website", "官网", &pg.e.Website)
	choiceField(f, "priority", "目标等级", []app.Priority{app.PriorityA, app.PriorityB, app.PriorityC}, &pg.e.Priority)
	f.textField("owner", "跟进人", &pg.e.Owner)
	f.notesField("intro", "简介", &pg.e.Intro)
	pg.persist = func(ctx context.Context) error { return l.SaveEnterprise(ctx, &pg.e) }
	pg.saved = pg.refresh
	pg.timeline = newTimelineView(run, func(ctx context.Context) ([]timelineEntry, error) {
		acts, err := l.Store().Activities(ctx, app.ActivityFilter{EnterpriseID: pg.e.ID})
		if err != nil {
			return nil, err
		}
		audit, err := l.Store().Audit(ctx, app.KindEnterprise, pg.e.ID)
		return sortTimeline(append(activityEntries(acts), auditEntries(audit)...)), err
	})
	return pg
}

// categoryChecks edits an enterprise's category tags, keeping the year of tags already there.
func categoryChecks(options []string, e *app.Enterprise) (fyne.CanvasObject, func() error, func()) {
	g := widget.NewCheckGroup(options, nil)
	g.Horizontal = true
	read := func() error {
		var out []app.CategoryTag
		for _, o := range options {
			if !slices.Contains(g.Selected, o) {
				continue
			}
			tag := app.CategoryTag{Name: o}
			for _, old := range e.Categories {
				if old.Name == o {
					tag = old
				}
			}
			out = append(out, tag)
		}
		for _, old := range e.Categories { // tags outside the vocabulary stay
			if !slices.Contains(options, old.Name) {
				out = append(out, old)
			}
		}
		e.Categories = out
		return nil
	}
	write := func() {
		var sel []string
		for _, c := range e.Categories {
			sel = append(sel, c.Name)
		}
		g.SetSelected(sel)
	}
	return g, read, write
}

func (pg *enterprisePage) content() fyne.CanvasObject {
	pg.form.load()
	tabs := container.NewAppTabs(
		container.NewTabItem("基本信息", container.NewVScroll(container.NewVBox(pg.form.object(), pg.form.general))),
		container.NewTabItem("时间线", pg.timeline.content()),
		container.NewTabItem("项目与联系人", container.NewVScroll(pg.related)),
	)
	pg.refresh()
	return container.NewBorder(nil, pg.bar(), nil, nil, tabs)
}

func (pg *enterprisePage) refresh() {
	if pg.e.ID == "" {
		return
	}
	pg.timeline.refresh()
	id := pg.e.ID
	pg.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		projects, err := pg.ledger.Store().Projects(ctx, app.ProjectFilter{InvestorID: id})
		var people []app.Person
		if err == nil {
			people, err = pg.ledger.Store().People(ctx, app.PersonFilter{EnterpriseID: id})
		}
		fyne.Do(func() {
			if err != nil {
				pg.related.SetText("读取失败：" + err.Error())
				return
			}
			text := fmt.Sprintf("投资的项目（%d）：\n", len(projects))
			for _, p := range projects {
				text += fmt.Sprintf("  %s　%s　%s\n", p.Name, p.Stage, p.TotalInvestment.FormatYi())
			}
			text += fmt.Sprintf("\n联系人（%d）：\n", len(people))
			for _, p := range people {
				text += "  " + personLabel(p) + "　" + joinPhones(p.Phones) + "\n"
			}
			pg.related.SetText(text)
		})
	})
}

func joinPhones(ps []string) string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += "；"
		}
		s += p
	}
	return s
}

// personPage is a person's page: the form (三友, 籍贯, chamber, cadence …), the timeline and the
// relationships with other people.
type personPage struct {
	*detailPage
	p         app.Person
	timeline  *timelineView
	relations *relationsView
	// open opens another record's page (a related person); the window sets it.
	open  func(app.EntityKind, string)
	hints *duplicateHints // under the name of a new person
}

func newPersonPage(win fyne.Window, l *app.Ledger, run runner, p app.Person) *personPage {
	pg := &personPage{detailPage: newDetailPage(win, l, run), p: p, open: func(app.EntityKind, string) {}}
	pg.relations = newRelationsView(l, run, func(k app.EntityKind, id string) { pg.open(k, id) }, p.ID)
	f := pg.form
	f.textField("name", "姓名", &pg.p.Name)
	f.listField("phones", "电话", &pg.p.Phones)
	f.textField("wechat", "微信", &pg.p.WeChat)
	f.textField("email", "邮箱", &pg.p.Email)
	f.pickerField("enterprise_id", "所在企业", enterprisePicker(l, run), &pg.p.EnterpriseID)
	f.textField("title", "职务", &pg.p.Title)
	f.textField("native_province", "籍贯（省）", &pg.p.NativeProvince)
	f.textField("native_city", "籍贯（市）", &pg.p.NativeCity)
	f.textField("native_county", "籍贯（县）", &pg.p.NativeCounty)
	f.textField("residence_city", "常住城市", &pg.p.ResidenceCity)
	tagsField(f, "ties", "三友类型", tieNames(), &pg.p.Ties)
	f.textField("alma_mater", "母校", &pg.p.AlmaMater)
	f.textField("service_place", "服役驻地", &pg.p.ServicePlace)
	f.membershipsField(l, run, &pg.p.Memberships)
	f.importantDatesField(&pg.p.Dates)
	choiceField(f, "tier", "联系等级", app.Tiers, &pg.p.Tier)
	f.intField("cadence_days", "联系周期", "天（不填按等级）", &pg.p.CadenceDays)
	f.textField("keeper", "关系维护人", &pg.p.Keeper)
	f.notesField("notes", "备注", &pg.p.Notes)
	pg.persist = func(ctx context.Context) error { return l.SavePerson(ctx, &pg.p) }
	pg.saved = pg.refresh
	pg.timeline = newTimelineView(run, func(ctx context.Context) ([]timelineEntry, error) {
		acts, err := l.Store().Activities(ctx, app.ActivityFilter{PersonID: pg.p.ID})
		if err != nil {
			return nil, err
		}
		audit, err := l.Store().Audit(ctx, app.KindPerson, pg.p.ID)
		return sortTimeline(append(activityEntries(acts), auditEntries(audit)...)), err
	})
	return pg
}

func (pg *personPage) content() fyne.CanvasObject {
	pg.form.load()
	tabs := container.NewAppTabs(
		container.NewTabItem("基本信息", container.NewVScroll(container.NewVBox(pg.form.object(), pg.form.general))),
		container.NewTabItem("时间线", pg.timeline.content()),
		container.NewTabItem("人物关系", pg.relations.object()),
	)
	pg.refresh()
	return container.NewBorder(nil, pg.bar(), nil, nil, tabs)
}

func (pg *personPage) refresh() {
	pg.relations.personID = pg.p.ID
	pg.relations.refresh()
	if pg.p.ID != "" {
		pg.timeline.refresh()
	}
}

// taskPage edits one task.
type taskPage struct {
	*detailPage
	t app.Task
}

func newTaskPage(win fyne.Window, l *app.Ledger, run runner, t app.Task) *taskPage {
	pg := &taskPage{detailPage: newDetailPage(win, l, run), t: t}
	f := pg.form
	f.pickerField("project_id", "项目", projectPicker(l, run), &pg.t.ProjectID)
	f.pickerField("person_id", "人物", personPicker(l, run), &pg.t.PersonID)
	f.textField("title", "任务内容", &pg.t.Title)
	f.textField("assignee", "负责人", &pg.t.Assignee)
	f.dateField("due_on", "期限", &pg.t.DueOn)
	f.checkField("done", "完成", "已完成", &pg.t.Done)
	f.dateField("done_on", "完成日期", &pg.t.DoneOn)
	f.notesField("notes", "备注", &pg.t.Notes)
	pg.persist = func(ctx context.Context) error { return l.SaveTask(ctx, &pg.t) }
	return pg
}

func (pg *taskPage) content() fyne.CanvasObject {
	pg.form.load()
	return container.NewBorder(nil, pg.bar(), nil, nil, container.NewVScroll(container.NewVBox(pg.form.object(), pg.form.general)))
}
