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

// eventColumns are the columns of the 三请三回活动 list.
var eventColumns = []listColumn[app.Event]{
	dateColumn("日期", func(e app.Event) app.Date { return e.On }),
	textColumn("活动名称", 260, func(e app.Event) string { return e.Name }),
	textColumn("形式", 70, func(e app.Event) string { return string(e.Kind) }),
	textColumn("级别", 60, func(e app.Event) string { return string(e.Level) }),
	textColumn("地点", 160, func(e app.Event) string { return e.Place }),
	textColumn("主办单位", 160, func(e app.Event) string { return e.Organiser }),
	numberColumn("邀请", 60, func(e app.Event) int { return len(e.Guests) }),
	numberColumn("到场", 60, func(e app.Event) int { return attendedCount(e) }),
	numberColumn("签约项目", 80, func(e app.Event) int { return len(e.Signings) }),
	amountColumn("签约金额", 110, signedAmount),
}

func attendedCount(e app.Event) int {
	n := 0
	for _, g := range e.Guests {
		if g.Attended {
			n++
		}
	}
	return n
}

func signedAmount(e app.Event) app.Yuan {
	var sum app.Yuan
	for _, s := range e.Signings {
		sum += s.Amount
	}
	return sum
}

// eventsScreen lists the 三请三回 events in a date range, with the drive's figures for that
// range above the table.
type eventsScreen struct {
	env  listEnv
	list *listView[app.Event]

	kind, level *widget.Select
	from, to, q *widget.Entry
	figures     *widget.Label
}

func newEventsScreen(env listEnv) *eventsScreen {
	s := &eventsScreen{env: env, figures: widget.NewLabel("")}
	s.figures.Wrapping = fyne.TextWrapWord
	s.list = newListView(env, listSpec[app.Event]{
		kind: app.KindEvent, key: "events", title: "三请三回活动", noun: "场活动", columns: eventColumns,
		id:    func(e app.Event) string { return e.ID },
		name:  func(e app.Event) string { return e.On.String() + " " + e.Name },
		watch: []app.EntityKind{app.KindPerson, app.KindProject},
	})
	f := &s.list.filters
	s.from = f.date("from", "日期起")
	s.to = f.date("to", "日期止")
	s.kind = f.choice("kind", "全部形式", stringsOf(app.EventKinds))
	s.level = f.choice("level", "全部级别", stringsOf(app.EventLevels))
	s.q = f.text("q", "名称、地点或主办单位", 200)
	s.list.query = s.load
	s.list.addAction("新建活动", func() { env.open(app.KindEvent, "") })
	return s
}

func (s *eventsScreen) content() fyne.CanvasObject {
	return container.NewBorder(s.figures, nil, nil, nil, s.list.content(nil))
}

// load reads the events of the date range (indexed), narrows by kind, level and text in
// memory, and computes the drive's figures of the range (this year when no range is given).
func (s *eventsScreen) load() (func(context.Context) ([]app.Event, error), error) {
	d, err := parseDates([]string{"日期起", "日期止"}, s.from.Text, s.to.Text)
	if err != nil {
		return nil, err
	}
	period := app.Period{From: d[0], To: d[1]}
	if period.From.IsZero() && period.To.IsZero() {
		today := s.env.ledger.Today()
		period = app.Period{From: app.NewDate(today.Year(), time.January, 1), To: today}
	}
	v := s.list.filters.values()
	l := s.env.ledger
	return func(ctx context.Context) ([]app.Event, error) {
		all, err := l.Store().Events(ctx, app.EventFilter{From: d[0], To: d[1], Query: v["q"]})
		if err != nil {
			return nil, err
		}
		figures, err := l.EventFigures(ctx, period)
		if err != nil {
			return nil, err
		}
		text := fmt.Sprintf("%s至%s：", period.From, period.To) + figures.String() +
			fmt.Sprintf("。三友邀请：乡友%d、校友%d、战友%d；到场：乡友%d、校友%d、战友%d。",
				figures.Invited.ByTie[app.TieHometown], figures.Invited.ByTie[app.TieAlumni], figures.Invited.ByTie[app.TieComrade],
				figures.Attended.ByTie[app.TieHometown], figures.Attended.ByTie[app.TieAlumni], figures.Attended.ByTie[app.TieComrade])
		fyne.Do(func() { s.figures.SetText(text) })
		out := all[:0]
		for _, e := range all {
			if (v["kind"] == "" || string(e.Kind) == v["kind"]) && (v["level"] == "" || string(e.Level) == v["level"]) {
				out = append(out, e)
			}
		}
		return out, nil
	}, nil
}

// eventPage is a 三请三回 event's page: the form, the guests (invite, mark attended, remove)
// and the projects signed there with their amounts.
type eventPage struct {
	*detailPage
	e app.Event

	guestPicker   *recordPicker
	invite        *widget.Button
	guests        *fyne.Container
	projectPicker *recordPicker
	amount        *widget.Entry
	sign          *widget.Button
	signings      *fyne.Container
	linkStatus    *widget.Label
	names         map[string]string // person and project names by ID
}

func newEventPage(win fyne.Window, l *app.Ledger, run runner, e app.Event) *eventPage {
	pg := &eventPage{detailPage: newDetailPage(win, l, run), e: e, names: map[string]string{},
		guests: container.NewVBox(), signings: container.NewVBox(), linkStatus: widget.NewLabel("")}
	if pg.e.ID == "" {
		if pg.e.On.IsZero() {
			pg.e.On = l.Today()
		}
		if pg.e.Kind == "" {
			pg.e.Kind = app.EventTalks
		}
	}
	f := pg.form
	f.textField("name", "活动名称", &pg.e.Name)
	requiredChoiceField(f, "kind", "活动形式", app.EventKinds, &pg.e.Kind)
	f.dateField("on", "日期", &pg.e.On)
	f.textField("place", "地点", &pg.e.Place)
	choiceField(f, "level", "级别", app.EventLevels, &pg.e.Level)
	f.textField("organiser", "主办单位", &pg.e.Organiser)
	f.notesField("notes", "备注", &pg.e.Notes)

	pg.guestPicker = personPicker(l, run)
	pg.invite = widget.NewButton("邀请", pg.onInvite)
	pg.projectPicker = projectPicker(l, run)
	pg.amount = widget.NewEntry()
	pg.amount.SetPlaceHolder("签约金额（亿元，空则取总投资）")
	pg.sign = widget.NewButton("添加签约项目", pg.onSign)
	pg.persist = func(ctx context.Context) error { return l.SaveEvent(ctx, &pg.e) }
	return pg
}

func (pg *eventPage) content() fyne.CanvasObject {
	pg.form.load()
	pg.showGuests()
	pg.showSignings()
	pg.loadNames()
	guests := container.NewVBox(
		widget.NewLabelWithStyle("嘉宾（勾选表示到场）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, pg.invite, pg.guestPicker.entry), pg.guests)
	signings := container.NewVBox(
		widget.NewLabelWithStyle("签约项目", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		pg.projectPicker.entry, container.NewBorder(nil, nil, nil, pg.sign, pg.amount),
		pg.signings)
	// The form on the left, who came and what was signed on the right: the whole event at once.
	split := container.NewHSplit(container.NewVScroll(container.NewVBox(pg.form.object(), pg.form.general)),
		container.NewVScroll(container.NewVBox(guests, signings, pg.linkStatus)))
	split.Offset = 0.5
	return container.NewBorder(nil, pg.bar(), nil, nil, split)
}

// loadNames reads the names of the guests and signed projects off the UI goroutine.
func (pg *eventPage) loadNames() {
	var people, projects []string
	for _, g := range pg.e.Guests {
		people = append(people, g.PersonID)
	}
	for _, s := range pg.e.Signings {
		projects = append(projects, s.ProjectID)
	}
	if len(people)+len(projects) == 0 {
		return
	}
	pg.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		names := map[string]string{}
		for _, id := range people {
			if n, err := pg.guestPicker.label(ctx, id); err == nil {
				names[id] = n
			}
		}
		for _, id := range projects {
			if n, err := pg.projectPicker.label(ctx, id); err == nil {
				names[id] = n
			}
		}
		fyne.Do(func() {
			for id, n := range names {
				pg.names[id] = n
			}
			pg.showGuests()
			pg.showSignings()
		})
	})
}

func (pg *eventPage) name(id string) string {
	if n := pg.names[id]; n != "" {
		return n
	}
	return "（读取中）"
}

// showGuests lists the guests, each with its 到场 check and a button to remove it.
func (pg *eventPage) showGuests() {
	pg.guests.RemoveAll()
	for _, g := range pg.e.Guests {
		id := g.PersonID
		came := widget.NewCheck("到场", func(on bool) { pg.e.MarkAttended(id, on) })
		came.Checked = g.Attended
		remove := widget.NewButton("移除", func() { pg.e.Uninvite(id); pg.showGuests() })
		pg.guests.Add(container.NewBorder(nil, nil, came, remove, widget.NewLabel(pg.name(id))))
	}
	pg.guests.Add(widget.NewLabel(fmt.Sprintf("邀请 %d 人，到场 %d 人", len(pg.e.Guests), attendedCount(pg.e))))
	pg.guests.Refresh()
}

func (pg *eventPage) showSignings() {
	pg.signings.RemoveAll()
	for _, s := range pg.e.Signings {
		id := s.ProjectID
		remove := widget.NewButton("移除", func() { pg.e.Unsign(id); pg.showSignings() })
		pg.signings.Add(container.NewBorder(nil, nil, nil, remove, widget.NewLabel(pg.name(id)+"　"+s.Amount.FormatYi())))
	}
	pg.signings.Add(widget.NewLabel(fmt.Sprintf("签约 %d 个项目，金额 %s", len(pg.e.Signings), signedAmount(pg.e).FormatYi())))
	pg.signings.Refresh()
}

// onInvite adds the person chosen in the picker to the guests.
func (pg *eventPage) onInvite() {
	id, err := pg.guestPicker.id()
	if err != nil || id == "" {
		pg.linkStatus.SetText("请先输入姓名并从下拉列表中选择嘉宾")
		return
	}
	pg.names[id] = pg.guestPicker.entry.Text
	pg.e.Invite(id)
	pg.guestPicker.entry.SetText("")
	pg.linkStatus.SetText("")
	pg.showGuests()
}

// onSign links the project chosen in the picker with the amount typed, or with the project's
// total investment (read off the UI goroutine) when none is typed.
func (pg *eventPage) onSign() {
	id, err := pg.projectPicker.id()
	if err != nil || id == "" {
		pg.linkStatus.SetText("请先输入项目名称并从下拉列表中选择项目")
		return
	}
	name := pg.projectPicker.entry.Text
	typed := app.CleanText(pg.amount.Text)
	add := func(amount app.Yuan) {
		pg.names[id] = name
		pg.e.Sign(id, amount)
		pg.projectPicker.entry.SetText("")
		pg.amount.SetText("")
		pg.linkStatus.SetText("")
		pg.showSignings()
	}
	if typed != "" {
		n, err := app.ParseScaled(typed, int64(app.Yi))
		if err != nil || n < 0 {
			pg.linkStatus.SetText("签约金额“" + typed + "”不是有效的亿元数")
			return
		}
		add(app.Yuan(n))
		return
	}
	pg.sign.Disable()
	pg.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		p, err := pg.ledger.Store().Project(ctx, id)
		fyne.Do(func() {
			pg.sign.Enable()
			if err != nil {
				pg.linkStatus.SetText("读取项目失败：" + err.Error())
				return
			}
			add(p.TotalInvestment)
		})
	})
}
