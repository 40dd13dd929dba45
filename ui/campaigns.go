package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// campaignRow is a campaign with its progress.
type campaignRow struct {
	app.Campaign
	progress app.CampaignProgress
}

// campaignsScreen lists the outreach campaigns (春节、清明、中秋 …) with how many of their
// people were reached.
type campaignsScreen struct {
	env  listEnv
	list *listView[campaignRow]
}

func newCampaignsScreen(env listEnv) *campaignsScreen {
	s := &campaignsScreen{env: env}
	s.list = newListView(env, listSpec[campaignRow]{
		kind: app.KindCampaign, key: "campaigns", title: "联络活动", noun: "次联络活动",
		columns: []listColumn[campaignRow]{
			textColumn("名称", 220, func(r campaignRow) string { return r.Name }),
			textColumn("节日", 60, func(r campaignRow) string { return r.Occasion }),
			dateColumn("开始", func(r campaignRow) app.Date { return r.StartsOn }),
			dateColumn("结束", func(r campaignRow) app.Date { return r.EndsOn }),
			textColumn("对象", 260, func(r campaignRow) string { return filterText(r.Filter) }),
			numberColumn("人数", 60, func(r campaignRow) int { return r.progress.Total }),
			numberColumn("已联络", 70, func(r campaignRow) int { return r.progress.Reached }),
			textColumn("进度", 110, func(r campaignRow) string { return progressText(r.progress) }),
		},
		id:    func(r campaignRow) string { return r.ID },
		name:  func(r campaignRow) string { return r.Name },
		watch: []app.EntityKind{app.KindTask, app.KindActivity, app.KindPerson},
	})
	s.list.query = s.load
	s.list.addAction("新建联络活动", func() { env.open(app.KindCampaign, "") })
	return s
}

func (s *campaignsScreen) content() fyne.CanvasObject { return s.list.content(nil) }

// load reads the campaigns (they are few) and the progress of each.
func (s *campaignsScreen) load() (func(context.Context) ([]campaignRow, error), error) {
	l := s.env.ledger
	return func(ctx context.Context) ([]campaignRow, error) {
		cs, err := l.Store().Campaigns(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]campaignRow, len(cs))
		for i, c := range cs {
			out[i].Campaign = c
			if out[i].progress, err = l.CampaignProgress(ctx, c); err != nil {
				return nil, err
			}
		}
		return out, nil
	}, nil
}

// progressText is "12/40（30%）", or "" before any task was made.
func progressText(p app.CampaignProgress) string {
	if p.Total == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d（%d%%）", p.Reached, p.Total, p.Reached*100/p.Total)
}

// filterText describes a campaign's filter: "乡友·籍贯吉安·常住深圳".
func filterText(f app.CampaignFilter) string {
	var parts []string
	if len(f.Ties) > 0 {
		parts = append(parts, joinTies(f.Ties))
	}
	for _, p := range []struct{ label, v string }{{"籍贯", f.NativeCity + f.NativeCounty}, {"常住", f.ResidenceCity},
		{"维护人", f.Keeper}, {"等级", string(f.Tier)}} {
		if p.v != "" {
			parts = append(parts, p.label+p.v)
		}
	}
	if f.ChamberID != "" {
		parts = append(parts, "指定商会")
	}
	if len(parts) == 0 {
		return "全部人物"
	}
	return strings.Join(parts, "·")
}

// campaignPage is a campaign's page: its occasion and period, the filter that builds its list
// of people with a preview count, the 生成任务 step and the progress.
type campaignPage struct {
	*detailPage
	c app.Campaign

	preview  *widget.Button
	generate *widget.Button
	count    *widget.Label
	progress *widget.ProgressBar
	reached  *widget.Label
}

func newCampaignPage(win fyne.Window, l *app.Ledger, run runner, c app.Campaign) *campaignPage {
	pg := &campaignPage{detailPage: newDetailPage(win, l, run), c: c, count: widget.NewLabel(""),
		progress: widget.NewProgressBar(), reached: widget.NewLabel("")}
	pg.count.Wrapping = fyne.TextWrapWord
	if pg.c.ID == "" && pg.c.StartsOn.IsZero() {
		pg.c.StartsOn, pg.c.EndsOn = l.Today(), l.Today().AddDays(14)
	}
	f := pg.form
	f.textField("name", "名称", &pg.c.Name)
	choiceField(f, "occasion", "节日", app.Occasions, &pg.c.Occasion)
	f.dateField("starts_on", "开始日期", &pg.c.StartsOn)
	f.dateField("ends_on", "结束日期", &pg.c.EndsOn)
	f.textField("task_title", "任务内容", &pg.c.TaskTitle)
	f.textField("assignee", "负责人（空则为关系维护人）", &pg.c.Assignee)
	tagsField(f, "ties", "三友类型", tieNames(), &pg.c.Filter.Ties)
	f.textField("native_city", "籍贯（市）", &pg.c.Filter.NativeCity)
	f.textField("native_county", "籍贯（县）", &pg.c.Filter.NativeCounty)
	f.textField("residence_city", "常住城市", &pg.c.Filter.ResidenceCity)
	f.pickerField("chamber_id", "商会", chamberPicker(l, run), &pg.c.Filter.ChamberID)
	f.textField("keeper", "关系维护人", &pg.c.Filter.Keeper)
	choiceField(f, "tier", "联系等级", app.Tiers, &pg.c.Filter.Tier)
	f.notesField("notes", "备注", &pg.c.Notes)
	pg.persist = func(ctx context.Context) error { return l.SaveCampaign(ctx, &pg.c) }
	pg.saved = pg.refresh
	pg.preview = widget.NewButton("预览人数", pg.onPreview)
	pg.generate = widget.NewButton("生成任务", pg.onGenerate)
	pg.generate.Importance = widget.HighImportance
	return pg
}

func (pg *campaignPage) content() fyne.CanvasObject {
	pg.form.load()
	pg.refresh()
	body := container.NewVBox(pg.form.object(), pg.form.general,
		container.NewHBox(pg.preview, pg.generate), pg.count,
		widget.NewLabelWithStyle("进度（任务完成或活动期间有跟进即算已联络）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		pg.progress, pg.reached)
	return container.NewBorder(nil, pg.bar(), nil, nil, container.NewVScroll(body))
}

// onPreview counts the people the filter as typed picks, without saving.
func (pg *campaignPage) onPreview() {
	if err := pg.form.read(); err != nil {
		pg.count.SetText("请先改正标红的内容")
		return
	}
	filter := pg.c.Filter
	pg.count.SetText("正在统计……")
	pg.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		people, err := pg.ledger.CampaignPeople(ctx, filter)
		fyne.Do(func() {
			if err != nil {
				pg.count.SetText("统计失败：" + err.Error())
				return
			}
			pg.count.SetText(previewText(people))
		})
	})
}

// previewText is the count of people a filter picks with the first few names.
func previewText(people []app.Person) string {
	names := make([]string, 0, 8)
	for i, p := range people {
		if i == 8 {
			names = append(names, "……")
			break
		}
		names = append(names, p.Name)
	}
	if len(people) == 0 {
		return "符合条件 0 人"
	}
	return fmt.Sprintf("符合条件 %d 人：%s", len(people), strings.Join(names, "、"))
}

// onGenerate saves the campaign as typed, then creates a follow-up task for every person the
// filter picks who has none in it yet, all in one transaction.
func (pg *campaignPage) onGenerate() {
	if err := pg.form.read(); err != nil {
		pg.count.SetText("请先改正标红的内容")
		return
	}
	pg.generate.Disable()
	pg.count.SetText("正在生成任务……")
	pg.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		err := pg.persist(ctx)
		n := 0
		if err == nil {
			n, err = pg.ledger.GenerateCampaignTasks(ctx, pg.c.ID)
		}
		fyne.Do(func() {
			pg.generate.Enable()
			if err != nil {
				pg.form.show(err)
				pg.count.SetText("未生成任务：" + saveFailure(err))
				return
			}
			pg.count.SetText(fmt.Sprintf("已生成 %d 项任务（已有任务的人不重复生成），可在“任务”中查看", n))
			pg.refresh()
		})
	})
}

// refresh reads the progress off the UI goroutine.
func (pg *campaignPage) refresh() {
	if pg.c.ID == "" {
		pg.reached.SetText("尚未生成任务")
		return
	}
	c := pg.c
	pg.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		p, err := pg.ledger.CampaignProgress(ctx, c)
		fyne.Do(func() {
			if err != nil {
				pg.reached.SetText("读取进度失败：" + err.Error())
				return
			}
			if p.Total == 0 {
				pg.progress.SetValue(0)
				pg.reached.SetText("尚未生成任务")
				return
			}
			pg.progress.SetValue(float64(p.Reached) / float64(p.Total))
			pg.reached.SetText(fmt.Sprintf("已联络 %d / %d 人", p.Reached, p.Total))
		})
	})
}
