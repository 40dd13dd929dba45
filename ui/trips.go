package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// tripsScreen lists the trips (出差/驻点), latest first.
type tripsScreen struct {
	env  listEnv
	list *listView[app.Trip]
	q    *widget.Entry
}

func newTripsScreen(env listEnv) *tripsScreen {
	s := &tripsScreen{env: env}
	today := func() app.Date { return env.ledger.Today() }
	s.list = newListView(env, listSpec[app.Trip]{
		kind: app.KindTrip, key: "trips", title: "出差", noun: "次出差",
		columns: []listColumn[app.Trip]{
			textColumn("目的地", 140, func(t app.Trip) string { return t.Destination }),
			dateColumn("出发", func(t app.Trip) app.Date { return t.StartsOn }),
			dateColumn("返回", func(t app.Trip) app.Date { return t.EndsOn }),
			textColumn("状态", 70, func(t app.Trip) string { return tripStatus(t, today()) }),
			textColumn("成员", 180, func(t app.Trip) string { return strings.Join(t.Members, "、") }),
			textColumn("事由", 320, func(t app.Trip) string { return t.Purpose }),
		},
		id:   func(t app.Trip) string { return t.ID },
		name: func(t app.Trip) string { return t.Label() },
	})
	s.q = s.list.filters.text("q", "目的地、成员或事由", 200)
	s.list.query = s.load
	s.list.addAction("新建出差", func() { env.open(app.KindTrip, "") })
	return s
}

// tripStatus says whether a trip is planned, under way or over.
func tripStatus(t app.Trip, today app.Date) string {
	switch {
	case t.Covers(today):
		return "进行中"
	case today.Before(t.StartsOn):
		return "计划"
	}
	return "已结束"
}

func (s *tripsScreen) content() fyne.CanvasObject { return s.list.content(nil) }

func (s *tripsScreen) load() (func(context.Context) ([]app.Trip, error), error) {
	q := s.list.filters.values()["q"]
	store := s.env.ledger.Store()
	return func(ctx context.Context) ([]app.Trip, error) {
		all, err := store.Trips(ctx)
		if err != nil {
			return nil, err
		}
		out := all[:0]
		for _, t := range all {
			if containsText(q, t.Destination, t.Purpose, strings.Join(t.Members, "、")) {
				out = append(out, t)
			}
		}
		return out, nil
	}, nil
}

// tripPage is a trip's page: the form, the visits logged on it, the report and the follow-up
// tasks made from the visits' next steps.
type tripPage struct {
	*detailPage
	t app.Trip

	visits    *widget.Label
	report    *widget.Button
	followUps *widget.Button
	result    *widget.Label
	// saveReport asks where to write the report; tests replace it.
	saveReport func(name string, write func(w fyne.URIWriteCloser))
}

func newTripPage(win fyne.Window, l *app.Ledger, run runner, t app.Trip) *tripPage {
	pg := &tripPage{detailPage: newDetailPage(win, l, run), t: t, visits: widget.NewLabel(""), result: widget.NewLabel("")}
	pg.visits.Wrapping = fyne.TextWrapWord
	pg.result.Wrapping = fyne.TextWrapWord
	if pg.t.ID == "" && pg.t.StartsOn.IsZero() {
		pg.t.StartsOn, pg.t.EndsOn = l.Today(), l.Today()
	}
	f := pg.form
	f.textField("destination", "目的地", &pg.t.Destination)
	f.dateField("starts_on", "出发日期", &pg.t.StartsOn)
	f.dateField("ends_on", "返回日期", &pg.t.EndsOn)
	f.listField("members", "成员", &pg.t.Members)
	f.notesField("purpose", "事由", &pg.t.Purpose)
	f.notesField("notes", "备注", &pg.t.Notes)
	pg.persist = func(ctx context.Context) error { return l.SaveTrip(ctx, &pg.t) }
	pg.saved = pg.refresh
	pg.report = widget.NewButton("导出出差报告", pg.onReport)
	pg.followUps = widget.NewButton("由下步工作生成任务", pg.onFollowUps)
	pg.saveReport = func(name string, write func(w fyne.URIWriteCloser)) {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil {
				dialog.ShowError(err, win)
				return
			}
			if w != nil {
				write(w)
			}
		}, win)
		d.SetFileName(name)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
		d.Show()
	}
	return pg
}

func (pg *tripPage) content() fyne.CanvasObject {
	pg.form.load()
	pg.refresh()
	actions := container.NewHBox(pg.report, pg.followUps)
	body := container.NewVBox(pg.form.object(), pg.form.general,
		widget.NewLabelWithStyle("出差期间的走访（在跟进记录中选择“所属出差”）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		pg.visits, actions, pg.result)
	return container.NewBorder(nil, pg.bar(), nil, nil, container.NewVScroll(body))
}

// refresh reads the visits of the trip off the UI goroutine and lists them.
func (pg *tripPage) refresh() {
	if pg.t.ID == "" {
		pg.visits.SetText("保存后即可在跟进记录中选择本次出差。")
		pg.report.Disable()
		pg.followUps.Disable()
		return
	}
	pg.report.Enable()
	pg.followUps.Enable()
	id := pg.t.ID
	pg.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		r, err := pg.ledger.TripReport(ctx, id)
		fyne.Do(func() {
			if err != nil {
				pg.visits.SetText("读取走访失败：" + err.Error())
				return
			}
			pg.visits.SetText(visitLines(r))
		})
	})
}

// visitLines lists a trip's visits, one line each.
func visitLines(r app.TripReport) string {
	if len(r.Visits) == 0 {
		return "尚无走访记录。"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "共 %d 次走访：\n", len(r.Visits))
	for _, v := range r.Visits {
		who := strings.Join(append(append([]string{}, v.People...), v.Enterprises...), "、")
		fmt.Fprintf(&b, "%s %s %s：%s", v.On, v.Kind, who, v.Summary)
		if v.NextStep != "" {
			fmt.Fprintf(&b, "（下步：%s）", v.NextStep)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// onReport writes the trip report where the user chooses.
func (pg *tripPage) onReport() {
	id := pg.t.ID
	pg.saveReport(pg.t.ReportFileName(), func(w fyne.URIWriteCloser) {
		pg.result.SetText("正在导出……")
		pg.run(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			r, err := pg.ledger.TripReport(ctx, id)
			if err == nil {
				err = r.WriteXLSX(w)
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			fyne.Do(func() {
				if err != nil {
					pg.result.SetText("导出失败：" + err.Error())
					return
				}
				pg.result.SetText(fmt.Sprintf("已导出 %d 次走访到 %s", len(r.Visits), w.URI().Path()))
			})
		})
	})
}

// onFollowUps creates a task from each visit's next step not yet made into one.
func (pg *tripPage) onFollowUps() {
	id := pg.t.ID
	pg.followUps.Disable()
	pg.result.SetText("正在生成任务……")
	pg.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		created, skipped, err := pg.ledger.TripFollowUps(ctx, id)
		fyne.Do(func() {
			pg.followUps.Enable()
			text := fmt.Sprintf("已生成 %d 项任务", created)
			if skipped > 0 {
				text += fmt.Sprintf("；%d 次走访未关联项目或人物，未生成任务", skipped)
			}
			if err != nil {
				text += "；出错：" + err.Error()
			}
			pg.result.SetText(text)
		})
	})
}
