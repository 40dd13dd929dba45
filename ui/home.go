package ui

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// maxReminderRows is how many rows each reminder list of the 工作台 shows; the title gives the
// full count.
const maxReminderRows = 10

// refreshDelay is how long the 工作台 and the board wait after the last change of a burst of
// ledger changes before they reload.
const refreshDelay = 400 * time.Millisecond

// homeScreen is the 工作台: KPI tiles for this month and this year, the year's signed projects
// by current stage and by industry chain as bars, and four reminder lists — overdue tasks,
// projects without progress for too long, people due for contact and important dates coming
// up — each row of which can be put off (稍后提醒) or dealt with (完成). It reloads when the
// ledger reports a change.
type homeScreen struct {
	ledger *app.Ledger
	run    runner
	open   func(app.EntityKind, string)

	month, year *kpiTiles
	stageBars   *fyne.Container
	chainBars   *fyne.Container
	tasks       *reminderList
	stale       *reminderList
	contacts    *reminderList
	dates       *reminderList
	status      *widget.Label
	// followUp opens the quick entry of a follow-up with its links filled in: 完成 of a person
	// due for contact or of a stale project records the contact or the progress.
	followUp func(app.Activity)

	changes *debouncer
	shown   bool               // content was built: changes refresh it from then on
	seq     int                // the newest refresh; older results are dropped
	cancel  context.CancelFunc // cancels the refresh running, if any
}

// kpiTiles are the value labels of one period's tiles, kept as fields so tests can read them.
type kpiTiles struct {
	signed, yiPlus, p5020, startRate, productionRate, arrivalRate *widget.Label
}

func newHomeScreen(l *app.Ledger, run runner, open func(app.EntityKind, string)) *homeScreen {
	h := &homeScreen{ledger: l, run: run, open: open, status: widget.NewLabel("正在统计……"), followUp: func(app.Activity) {}}
	h.month, h.year = newKPITiles(), newKPITiles()
	h.stageBars, h.chainBars = container.NewVBox(), container.NewVBox()
	h.tasks, h.stale, h.contacts, h.dates = newReminderList(open), newReminderList(open), newReminderList(open), newReminderList(open)
	for _, r := range []*reminderList{h.tasks, h.stale, h.contacts, h.dates} {
		r.snooze = h.onSnooze
	}
	h.changes = newDebouncer(refreshDelay, run, h.onLedgerChanged)
	l.Subscribe(func(app.Change) { h.changes.trigger() })
	return h
}

func newKPITiles() *kpiTiles {
	l := func() *widget.Label {
		return widget.NewLabelWithStyle("—", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	return &kpiTiles{l(), l(), l(), l(), l(), l()}
}

func (t *kpiTiles) grid() fyne.CanvasObject {
	tile := func(title string, v *widget.Label) fyne.CanvasObject {
		return widget.NewCard("", "", container.NewVBox(widget.NewLabel(title), v))
	}
	return container.NewGridWithColumns(6,
		tile("新签约项目", t.signed), tile("其中亿元以上", t.yiPlus), tile("其中“5020”项目", t.p5020),
		tile("开工率", t.startRate), tile("投产率", t.productionRate), tile("资金到位率", t.arrivalRate))
}

func (t *kpiTiles) show(k app.KPIs) {
	tally := func(x app.Tally) string { return fmt.Sprintf("%d 个 · %s", x.Count, x.Amount.FormatYi()) }
	rate := func(f float64, n, d int) string { return fmt.Sprintf("%.1f%%（%d/%d）", f*100, n, d) }
	t.signed.SetText(tally(k.Signed))
	t.yiPlus.SetText(tally(k.YiPlus))
	t.p5020.SetText(tally(k.P5020))
	t.startRate.SetText(rate(k.StartRate, k.CohortStarted, k.Signed.Count))
	t.productionRate.SetText(rate(k.ProductionRate, k.CohortProduced, k.Signed.Count))
	t.arrivalRate.SetText(fmt.Sprintf("%.1f%%", k.FundsArrivalRate*100))
}

func (h *homeScreen) content() fyne.CanvasObject {
	h.shown = true
	h.refresh()
	heading := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	charts := container.NewGridWithColumns(2,
		container.NewVBox(heading("本年签约项目按当前阶段"), h.stageBars),
		container.NewVBox(heading("本年签约项目按产业链（金额）"), h.chainBars))
	reminders := container.NewGridWithColumns(2, h.tasks.object(), h.stale.object(), h.contacts.object(), h.dates.object())
	return container.NewVScroll(container.NewVBox(
		heading("本月"), h.month.grid(),
		heading("本年"), h.year.grid(),
		reminders,
		charts,
		h.status,
	))
}

// onLedgerChanged refreshes the screen after a burst of changes, once it has been shown.
func (h *homeScreen) onLedgerChanged() {
	if h.shown {
		h.refresh()
	}
}

// refresh computes the KPIs and the reminders off the UI goroutine and shows them. A refresh
// cancels the one still running.
func (h *homeScreen) refresh() {
	today := h.ledger.Today()
	monthP := app.Period{From: app.MonthOf(today).First(), To: today}
	yearP := app.Period{From: app.NewDate(today.Year(), time.January, 1), To: today}
	if h.cancel != nil {
		h.cancel()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	h.cancel = cancel
	h.seq++
	seq := h.seq
	h.status.SetText("正在统计……")
	h.run(func() {
		defer cancel()
		ks, err := h.ledger.KPIsFor(ctx, monthP, yearP)
		var r app.Reminders
		if err == nil {
			r, err = h.ledger.Reminders(ctx)
		}
		fyne.Do(func() {
			if seq != h.seq {
				return
			}
			if err != nil {
				h.status.SetText("统计失败：" + err.Error())
				return
			}
			h.month.show(ks[0])
			h.year.show(ks[1])
			h.showStageBars(ks[1].ByStage)
			h.showChainBars(ks[1].ByChain)
			h.showReminders(r)
			h.status.SetText(fmt.Sprintf("统计截至 %s", today))
		})
	})
}

// showStageBars draws one bar per stage, its length proportional to the count.
func (h *homeScreen) showStageBars(buckets []app.Bucket) {
	counts := map[string]int{}
	for _, b := range buckets {
		counts[b.Key] = b.Count
	}
	var rows []barRow
	for _, st := range app.Stages {
		n := counts[string(st)]
		rows = append(rows, barRow{label: string(st), value: float64(n), text: fmt.Sprintf("%d 个", n)})
	}
	drawBars(h.stageBars, rows, 48)
}

// maxChainBars is how many industry chains the chain chart shows, the largest by amount.
const maxChainBars = 12

// showChainBars draws one bar per industry chain of the year's signings, the largest amount
// first, its length proportional to the amount.
func (h *homeScreen) showChainBars(buckets []app.Bucket) {
	var rows []barRow
	for i, b := range buckets {
		if i == maxChainBars {
			break
		}
		rows = append(rows, barRow{label: b.Key, value: b.Amount.Yi(), text: fmt.Sprintf("%d 个 · %s", b.Count, b.Amount.FormatYi())})
	}
	if len(buckets) > maxChainBars {
		rows = append(rows, barRow{label: "……", text: fmt.Sprintf("另有 %d 条产业链", len(buckets)-maxChainBars)})
	}
	if len(rows) == 0 {
		rows = append(rows, barRow{label: "", text: "本年尚无签约项目"})
	}
	drawBars(h.chainBars, rows, 72)
}

// barRow is one bar of a chart: its label, the value its length is proportional to, and the
// text after it.
type barRow struct {
	label string
	value float64
	text  string
}

// barMaxWidth is the length of the longest bar of a chart.
const barMaxWidth = 320

// drawBars replaces box's content with one bar per row, drawn with canvas rectangles.
func drawBars(box *fyne.Container, rows []barRow, labelWidth float32) {
	most := 0.0
	for _, r := range rows {
		most = max(most, r.value)
	}
	box.RemoveAll()
	fg := theme.Color(theme.ColorNameForeground)
	for _, r := range rows {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		width := float32(0)
		if most > 0 {
			width = barMaxWidth * float32(r.value/most)
		}
		bar.SetMinSize(fyne.NewSize(width, 14))
		label, value := canvas.NewText(r.label, fg), canvas.NewText(r.text, fg)
		label.TextSize, value.TextSize = theme.TextSize(), theme.CaptionTextSize()
		box.Add(container.NewHBox(container.NewGridWrap(fyne.NewSize(labelWidth, label.MinSize().Height), label),
			container.NewCenter(bar), container.NewCenter(value)))
	}
}

// showReminders fills the three reminder lists.
func (h *homeScreen) showReminders(r app.Reminders) {
	var rows []reminderRow
	for _, t := range r.Tasks {
		detail := fmt.Sprintf("逾期 %d 天（%s 到期）", t.Days, t.DueOn)
		if r.User == "" && t.Assignee != "" {
			detail += " · " + t.Assignee
		}
		id := t.ID
		rows = append(rows, reminderRow{text: t.Title + " — " + t.ProjectName, detail: detail, kind: app.KindTask, id: t.ID,
			key: app.TaskReminderKey(t.ID), doneText: "完成", done: func() { h.onCompleteTask(id) }})
	}
	title := fmt.Sprintf("我的逾期任务（%s）· %d 项", r.User, len(r.Tasks))
	note := "负责人为设置中的用户姓名的未完成任务。"
	if r.User == "" {
		title = fmt.Sprintf("全部逾期任务 · %d 项", len(r.Tasks))
		note = "设置中未填用户姓名，列出所有人的逾期任务；填写后只列出自己的。"
	}
	h.tasks.show(title, note, rows, len(r.Tasks), "没有逾期任务。")

	rows = nil
	for _, p := range r.Stale {
		id := p.ID
		rows = append(rows, reminderRow{text: p.Name,
			detail: fmt.Sprintf("%s · %d 天无进展（上限 %d 天）", p.Stage, p.Days, p.Limit), kind: app.KindProject, id: p.ID,
			key: app.ProjectReminderKey(p.ID), doneText: "记跟进", done: func() { h.followUp(app.Activity{ProjectIDs: []string{id}}) }})
	}
	h.stale.show(fmt.Sprintf("久无进展的项目 · %d 个", len(r.Stale)),
		"进展指阶段变更、关联的跟进记录或完成的任务；上限在“设置”中按阶段调整。", rows, len(r.Stale), "没有超过期限的项目。")

	rows = nil
	never := 0
	for _, c := range r.Contacts {
		detail := fmt.Sprintf("%d 天未联系（%s）· 周期 %d 天", c.Days, c.LastContact, c.CadenceDays)
		if c.Never() {
			never++
			detail = fmt.Sprintf("从未联系 · 周期 %d 天", c.CadenceDays)
		}
		if c.Keeper != "" {
			detail += " · " + c.Keeper
		}
		id := c.ID
		rows = append(rows, reminderRow{text: c.Name, detail: detail, kind: app.KindPerson, id: c.ID,
			key: app.ContactReminderKey(c.ID), doneText: "记跟进", done: func() { h.followUp(app.Activity{PersonIDs: []string{id}}) }})
	}
	h.contacts.show(fmt.Sprintf("快要失联 · %d 人", len(r.Contacts)),
		fmt.Sprintf("已到联系周期（本人未设周期的按联系等级）的人，其中从未联系 %d 人；“记跟进”记下这次联系。", never), rows, len(r.Contacts), "没有到期应联系的人。")

	rows = nil
	for _, u := range r.Dates {
		when := fmt.Sprintf("%d 天后", u.InDays)
		switch u.InDays {
		case 0:
			when = "今天"
		case 1:
			when = "明天"
		}
		detail := fmt.Sprintf("%s %s（%s）", when, u.On, u.Date.Describe())
		if u.Keeper != "" {
			detail += " · " + u.Keeper
		}
		rows = append(rows, reminderRow{text: u.PersonName + " · " + u.Date.Label, detail: detail, kind: app.KindPerson, id: u.PersonID,
			key: u.Key(), doneText: "完成", done: func() { h.onDismissDate(u) }})
	}
	note = fmt.Sprintf("未来 %d 天内的生日等重要日期，农历已换算为公历；“完成”后今年不再提醒。", r.DateDays)
	if r.Snoozed > 0 {
		note += fmt.Sprintf("另有 %d 项提醒已暂缓。", r.Snoozed)
	}
	h.dates.show(fmt.Sprintf("重要日期 · %d 个", len(r.Dates)), note, rows, len(r.Dates), "近期没有重要日期。")
}

// reminderRow is one line of a reminder list: the record it opens, what it says, and, for a
// reminder that can be put off, its key and what 完成 does.
type reminderRow struct {
	text, detail string
	kind         app.EntityKind
	id           string
	key          string
	doneText     string
	done         func()
}

// reminderList is one of the 工作台's reminder cards: a title with the count, a note on the
// rule, and up to maxReminderRows rows, each opening its record.
type reminderList struct {
	open   func(app.EntityKind, string)
	snooze func(key string, days int)
	title  *widget.Label
	note   *widget.Label
	rows   *fyne.Container
	more   *widget.Label
	shown  []reminderRow // the rows shown, for tests
	// links, later and done are the links and the 稍后 and 完成 buttons of the rows shown, for tests.
	links       []*elidedLink
	later, done []*widget.Button
}

func newReminderList(open func(app.EntityKind, string)) *reminderList {
	r := &reminderList{open: open, title: widget.NewLabelWithStyle("—", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		note: widget.NewLabel(""), rows: container.NewVBox(), more: widget.NewLabel("")}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.note.Wrapping = fyne.TextWrapWord
	r.note.Importance = widget.LowImportance
	r.more.Importance = widget.LowImportance
	return r
}

func (r *reminderList) object() fyne.CanvasObject {
	return widget.NewCard("", "", container.NewVBox(r.title, r.note, widget.NewSeparator(), r.rows, r.more))
}

// show replaces the rows with the first maxReminderRows of rows; total is the full count.
func (r *reminderList) show(title, note string, rows []reminderRow, total int, empty string) {
	r.title.SetText(title)
	r.note.SetText(note)
	r.shown = rows[:min(len(rows), maxReminderRows)]
	r.rows.RemoveAll()
	r.links, r.later, r.done = nil, nil, nil
	for _, row := range r.shown {
		kind, id := row.kind, row.id
		link := newElidedLink(row.text, func() { r.open(kind, id) })
		r.links = append(r.links, link)
		detail := newElidedText(row.detail, theme.SizeNameCaptionText, theme.ColorNameForeground, fyne.TextStyle{})
		var line fyne.CanvasObject = container.New(layout.NewCustomPaddedVBoxLayout(0), link, detail)
		if row.key != "" {
			later, done := widget.NewButton("稍后", nil), widget.NewButton(row.doneText, row.done)
			later.Importance, done.Importance = widget.LowImportance, widget.LowImportance
			key := row.key
			later.OnTapped = func() { r.showSnoozeMenu(later, key) }
			r.later, r.done = append(r.later, later), append(r.done, done)
			line = container.NewBorder(nil, nil, nil, container.NewHBox(later, done), line)
		}
		r.rows.Add(line)
	}
	switch {
	case total == 0:
		r.more.SetText(empty)
	case total > len(r.shown):
		r.more.SetText(fmt.Sprintf("另有 %d 项未列出", total-len(r.shown)))
	default:
		r.more.SetText("")
	}
}

// snoozeLabel names a delay of 稍后提醒.
func snoozeLabel(days int) string {
	switch days {
	case 1:
		return "明天再提醒"
	case 7:
		return "一周后再提醒"
	}
	return fmt.Sprintf("%d 天后再提醒", days)
}

// showSnoozeMenu offers the delays of 稍后提醒 under a row's button.
func (r *reminderList) showSnoozeMenu(b *widget.Button, key string) {
	var items []*fyne.MenuItem
	for _, days := range app.SnoozeChoices {
		items = append(items, fyne.NewMenuItem(snoozeLabel(days), func() { r.snooze(key, days) }))
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), c, fyne.NewPos(0, b.Size().Height), b)
}

// onSnooze puts a reminder off; the lists reload when the ledger announces it.
func (h *homeScreen) onSnooze(key string, days int) {
	h.act("稍后提醒", func(ctx context.Context) error { return h.ledger.SnoozeReminder(ctx, key, days) })
}

// onCompleteTask marks an overdue task done today.
func (h *homeScreen) onCompleteTask(id string) {
	h.act("完成任务", func(ctx context.Context) error { return h.ledger.CompleteTask(ctx, id) })
}

// onDismissDate takes an important date off the list until next year.
func (h *homeScreen) onDismissDate(u app.UpcomingDate) {
	h.act("完成提醒", func(ctx context.Context) error { return h.ledger.DismissDate(ctx, u) })
}

// act runs a reminder's action off the UI goroutine; a failure is shown in the status line.
func (h *homeScreen) act(what string, work func(ctx context.Context) error) {
	h.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := work(ctx); err != nil {
			fyne.Do(func() { h.status.SetText(what + "失败：" + err.Error()) })
		}
	})
}

// debouncer turns a burst of ledger change notifications, which arrive on the writer's
// goroutine, into one call of fn on the UI goroutine after delay. The wait runs through the
// runner, so that tests (whose runner and fyne.Do run inline) stay on one goroutine; a delay
// of 0 calls fn at once.
type debouncer struct {
	delay time.Duration
	fn    func()
	run   runner

	mu      sync.Mutex
	pending bool
}

func newDebouncer(delay time.Duration, run runner, fn func()) *debouncer {
	return &debouncer{delay: delay, fn: fn, run: run}
}

// trigger starts a wait unless one is pending; it may be called from any goroutine.
func (d *debouncer) trigger() {
	if d.delay <= 0 {
		fyne.Do(d.fn)
		return
	}
	d.mu.Lock()
	if d.pending {
		d.mu.Unlock()
		return
	}
	d.pending = true
	d.mu.Unlock()
	d.run(func() {
		time.Sleep(d.delay)
		d.mu.Lock()
		d.pending = false
		d.mu.Unlock()
		fyne.Do(d.fn)
	})
}

// elidedText is one line of text that ends in "…" when it is wider than its space. Fyne's own
// Label truncation shapes the text with a new HarfBuzz font on every layout (15 ms for a board
// card of four labels, measured); this measures with fyne.MeasureText, which Fyne caches, a
// couple of times per width. Long lists (board cards, reminder rows) use it.
type elidedText struct {
	widget.BaseWidget
	text      string
	sizeName  fyne.ThemeSizeName
	colorName fyne.ThemeColorName
	style     fyne.TextStyle
}

func newElidedText(text string, size fyne.ThemeSizeName, color fyne.ThemeColorName, style fyne.TextStyle) *elidedText {
	e := &elidedText{text: text, sizeName: size, colorName: color, style: style}
	e.ExtendBaseWidget(e)
	return e
}

// Text is the full text, before eliding.
func (e *elidedText) Text() string { return e.text }

// SetText changes the text.
func (e *elidedText) SetText(s string) {
	if s != e.text {
		e.text = s
		e.Refresh()
	}
}

func (e *elidedText) CreateRenderer() fyne.WidgetRenderer {
	r := &elidedRenderer{e: e, t: canvas.NewText("", nil), width: -1}
	r.Refresh()
	return r
}

// elidedLink is an elidedText in the hyperlink colour that does something when tapped.
type elidedLink struct {
	elidedText
	onTapped func()
}

func newElidedLink(text string, tapped func()) *elidedLink {
	l := &elidedLink{elidedText: elidedText{text: text, sizeName: theme.SizeNameText, colorName: theme.ColorNameHyperlink}, onTapped: tapped}
	l.ExtendBaseWidget(l)
	return l
}

// Tapped runs the link's action.
func (l *elidedLink) Tapped(*fyne.PointEvent) {
	if l.onTapped != nil {
		l.onTapped()
	}
}

// Cursor is the pointing hand of a link.
func (l *elidedLink) Cursor() desktop.Cursor { return desktop.PointerCursor }

// elidedPadding is the space left and right of an elided text, and above and below it.
func elidedPadding() (h, v float32) { return theme.Padding() * 2, theme.Padding() / 2 }

type elidedRenderer struct {
	e      *elidedText
	t      *canvas.Text
	width  float32 // the width the shown text was fitted to
	fitted string  // the text it was fitted from
}

func (r *elidedRenderer) Layout(size fyne.Size) {
	h, _ := elidedPadding()
	r.fit(size.Width - 2*h)
	line := r.t.MinSize().Height
	r.t.Move(fyne.NewPos(h, (size.Height-line)/2)) // centred, beside a taller button
	r.t.Resize(fyne.NewSize(size.Width-2*h, line))
}

func (r *elidedRenderer) MinSize() fyne.Size {
	h, v := elidedPadding()
	return fyne.NewSize(2*h+r.t.TextSize, fyne.MeasureText("国", r.t.TextSize, r.t.TextStyle).Height+2*v)
}

func (r *elidedRenderer) Refresh() {
	r.t.Color = theme.Color(r.e.colorName)
	r.t.TextSize = theme.Size(r.e.sizeName)
	r.t.TextStyle = r.e.style
	h, _ := elidedPadding()
	r.width = -1
	r.fit(r.e.Size().Width - 2*h)
	r.t.Refresh()
}

// fit shows as much of the text as fits width.
func (r *elidedRenderer) fit(width float32) {
	if width == r.width && r.fitted == r.e.text {
		return
	}
	r.width, r.fitted = width, r.e.text
	r.t.Text = elide(r.e.text, width, r.t.TextSize, r.t.TextStyle)
	r.t.Refresh()
}

func (r *elidedRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t} }

func (r *elidedRenderer) Destroy() {}

// elide shortens s to fit width, ending it with "…". It guesses the length from the average
// width of a character and measures down from there, so it measures once or twice for most
// texts.
func elide(s string, width, size float32, style fyne.TextStyle) string {
	if s == "" {
		return s
	}
	full := fyne.MeasureText(s, size, style).Width
	if full <= width {
		return s
	}
	const ellipsis = "…"
	runes := []rune(s)
	room := width - fyne.MeasureText(ellipsis, size, style).Width
	n := min(len(runes)-1, int(float32(len(runes))*room/full))
	for ; n > 0; n-- {
		if t := string(runes[:n]) + ellipsis; fyne.MeasureText(t, size, style).Width <= width {
			return t
		}
	}
	return ""
}
