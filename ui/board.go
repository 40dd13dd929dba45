package ui

import (
	"context"
	"fmt"
	"image/color"
	"maps"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// boardScreen is the 项目看板: one column per stage, each with its most recently moved projects
// as cards and the stage's count and amount. A card moves to another stage by dragging it onto
// a column or through its "移到…" button; both open the stage move dialog, which asks for
// what the stage rules need. Columns show DefaultPipelineLimit cards until the user asks for
// more, and the lists create only the visible cards, so 100 000 records do not slow it.
type boardScreen struct {
	win    fyne.Window
	ledger *app.Ledger
	run    runner
	open   func(app.EntityKind, string)

	columns []*boardColumn  // one per stage, in app.Stages order
	grid    *fyne.Container // the columns, laid out by boardLayout
	status  *widget.Label
	notice  string            // the last move made, kept in the status line
	limits  map[app.Stage]int // cards asked for per stage
	today   app.Date          // the day the cards' days in stage count to

	// The move dialog while it is open, for tests.
	move       *stageMoveForm
	moveDialog dialog.Dialog

	// Dragging: the card picked up, the column under the pointer, and the ghost following it.
	dragged *app.PipelineCard
	target  *boardColumn
	ghost   *widget.PopUp
	ghostTx *widget.Label

	changes *debouncer
	shown   bool
	seq     int
	cancel  context.CancelFunc
}

func newBoardScreen(win fyne.Window, l *app.Ledger, run runner, open func(app.EntityKind, string)) *boardScreen {
	b := &boardScreen{win: win, ledger: l, run: run, open: open, status: widget.NewLabel("正在读取……"),
		limits: map[app.Stage]int{}, today: l.Today()}
	b.status.Truncation = fyne.TextTruncateEllipsis
	for _, st := range app.Stages {
		b.columns = append(b.columns, newBoardColumn(b, st))
	}
	b.ghostTx = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.changes = newDebouncer(refreshDelay, run, b.onLedgerChanged)
	l.Subscribe(func(c app.Change) {
		if c.Kind == app.KindProject || c.ID == "" {
			b.changes.trigger()
		}
	})
	return b
}

func (b *boardScreen) content() fyne.CanvasObject {
	b.shown = true
	b.load()
	objects := make([]fyne.CanvasObject, len(b.columns))
	for i, c := range b.columns {
		objects[i] = c.object
	}
	hint := widget.NewLabel("拖动卡片到另一列，或点卡片上的“移到…”变更阶段；点卡片打开项目。")
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis
	bar := container.NewBorder(nil, nil, widget.NewLabelWithStyle("项目看板", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewButtonWithIcon("刷新", theme.ViewRefreshIcon(), b.load), hint)
	b.grid = container.New(&boardLayout{columns: b.columns}, objects...)
	return container.NewBorder(bar, b.status, nil, nil, b.grid)
}

// column returns the column of a stage.
func (b *boardScreen) column(st app.Stage) *boardColumn {
	for _, c := range b.columns {
		if c.stage == st {
			return c
		}
	}
	return nil
}

func (b *boardScreen) onLedgerChanged() {
	if b.shown {
		b.load()
	}
}

// load reads every column off the UI goroutine; a load cancels the one still running.
func (b *boardScreen) load() {
	if b.cancel != nil {
		b.cancel()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	b.cancel = cancel
	b.seq++
	seq := b.seq
	limits := maps.Clone(b.limits)
	b.run(func() {
		defer cancel()
		cols, err := b.ledger.Pipeline(ctx, limits)
		today := b.ledger.Today()
		fyne.Do(func() {
			if seq != b.seq {
				return
			}
			if err != nil {
				b.status.SetText("读取看板失败：" + err.Error())
				return
			}
			b.today = today
			total := 0
			for i, c := range cols {
				b.columns[i].show(c)
				total += c.Count
			}
			status := fmt.Sprintf("共 %d 个项目 · 本阶段天数截至 %s", total, today)
			if b.notice != "" {
				status = b.notice + " · " + status
			}
			b.status.SetText(status)
		})
	})
}

// onMore shows DefaultPipelineLimit more cards in a column.
func (b *boardScreen) onMore(c *boardColumn) {
	b.limits[c.stage] = len(c.data.Cards) + app.DefaultPipelineLimit
	b.load()
}

// onMoveRequested reads the project of a card and opens the move dialog with the target
// stage chosen ("" lets the dialog propose the next stage).
func (b *boardScreen) onMoveRequested(card app.PipelineCard, to app.Stage) {
	b.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		p, err := b.ledger.Store().Project(ctx, card.ID)
		fyne.Do(func() {
			if err != nil {
				b.status.SetText("读取项目失败：" + err.Error())
				return
			}
			b.showMove(p, to)
		})
	})
}

// showMove opens the stage move dialog for p. It shows only the fields the chosen move needs
// (a reason for a step back, 中止, 退库 or resuming; the signing and start dates a move skips
// over), and puts the stage rules' messages beside them.
func (b *boardScreen) showMove(p app.Project, to app.Stage) {
	d := newStageMoveForm(b.ledger, b.run, p)
	if to != "" {
		d.move.To = to
		d.form.load()
	}
	stageField := d.form.field("stage")
	target := stageField.input.(*widget.Select)
	body := container.NewStack()
	var dlg dialog.Dialog
	fit := func() {
		to := app.Stage(target.Selected)
		needs := app.StageMoveNeeds(p.Stage, to, p.SignedOn, p.StartedOn)
		shown := []*formField{stageField, d.form.field("stage_since")}
		for _, f := range []struct {
			key  string
			need bool
		}{{"stage_reason", needs.Reason}, {"signed_on", needs.SignedOn}, {"started_on", needs.StartedOn}} {
			ff := d.form.field(f.key)
			entry := ff.input.(*widget.Entry)
			if f.need {
				shown = append(shown, ff)
			} else {
				entry.SetText("")
				ff.msg.Text = ""
			}
			if f.key == "stage_reason" {
				entry.SetPlaceHolder(moveReasonPrompt(p.Stage, to))
			}
		}
		body.Objects = []fyne.CanvasObject{d.form.object(shown...)}
		body.Refresh()
		if dlg != nil {
			dlg.Resize(fyne.NewSize(520, dlg.MinSize().Height))
		}
	}
	target.OnChanged = func(string) { fit() }
	fit()

	since := mutedText(fmt.Sprintf("当前阶段：%s（自 %s）", p.Stage, p.StageSince))
	cancel := widget.NewButton("取消", nil)
	dlg = dialog.NewCustomWithoutButtons("移动项目："+p.Name, container.NewVBox(since, body, d.form.general,
		container.NewHBox(layout.NewSpacer(), cancel, d.confirm)), b.win)
	cancel.OnTapped = func() { dlg.Hide() }
	dlg.SetOnClosed(func() {
		if b.move == d {
			b.move, b.moveDialog = nil, nil
		}
	})
	d.onMoved = func(moved app.Project) {
		dlg.Hide()
		b.notice = fmt.Sprintf("“%s”已移到“%s”（%s）", moved.Name, moved.Stage, moved.StageSince)
		b.load()
	}
	b.move, b.moveDialog = d, dlg
	dlg.Show()
	dlg.Resize(fyne.NewSize(520, dlg.MinSize().Height))
}

// moveReasonPrompt is the reason field's hint for a move from one stage to another.
func moveReasonPrompt(from, to app.Stage) string {
	switch {
	case to.Terminal():
		return fmt.Sprintf("转为“%s”的原因", to)
	case from.Terminal():
		return fmt.Sprintf("从“%s”恢复推进的原因", from)
	}
	return fmt.Sprintf("从“%s”退回“%s”的原因", from, to)
}

// onDrag follows a card being dragged: the ghost follows the pointer and the column under it
// is highlighted.
func (b *boardScreen) onDrag(card app.PipelineCard, at fyne.Position) {
	if b.dragged == nil {
		b.dragged = &card
		b.ghostTx.SetText(fmt.Sprintf("%s（%s）", card.Name, card.Stage))
		if b.ghost == nil {
			b.ghost = widget.NewPopUp(b.ghostTx, b.win.Canvas())
		}
		b.ghost.ShowAtPosition(at.AddXY(12, 12))
	} else if b.ghost != nil {
		b.ghost.Move(at.AddXY(12, 12))
	}
	target := b.columnAt(at)
	if target != b.target {
		if b.target != nil {
			b.target.highlight(false)
		}
		if target != nil && target.stage != card.Stage {
			target.highlight(true)
		}
		b.target = target
	}
}

// onDrop ends a drag: a card dropped on another stage's column opens the move dialog.
func (b *boardScreen) onDrop() {
	card, target := b.dragged, b.target
	b.dragged, b.target = nil, nil
	if b.ghost != nil {
		b.ghost.Hide()
	}
	if target != nil {
		target.highlight(false)
	}
	if card != nil && target != nil && target.stage != card.Stage {
		b.onMoveRequested(*card, target.stage)
	}
}

// columnAt returns the column under a point of the window's canvas, or nil.
func (b *boardScreen) columnAt(at fyne.Position) *boardColumn {
	driver := fyne.CurrentApp().Driver()
	for _, c := range b.columns {
		pos, size := driver.AbsolutePositionForObject(c.object), c.object.Size()
		if at.X >= pos.X && at.X < pos.X+size.Width && at.Y >= pos.Y && at.Y < pos.Y+size.Height {
			return c
		}
	}
	return nil
}

// boardColumn is one stage's column: a header with the count and amount, the cards, and a
// button for more cards when the stage holds more than are shown. 中止 and 退库 start
// collapsed into a narrow strip that still takes drops.
type boardColumn struct {
	board *boardScreen
	stage app.Stage
	data  app.PipelineColumn

	tally     *widget.Label
	list      *widget.List
	more      *widget.Button
	toggle    *widget.Button
	compact   *widget.Label // the collapsed strip's text
	collapsed bool

	bg     *canvas.Rectangle
	body   *fyne.Container // holds the full or the collapsed content
	full   fyne.CanvasObject
	strip  fyne.CanvasObject
	object fyne.CanvasObject // what the board lays out
}

func newBoardColumn(b *boardScreen, st app.Stage) *boardColumn {
	c := &boardColumn{board: b, stage: st, tally: widget.NewLabel("—"), compact: widget.NewLabel(verticalText(string(st)))}
	c.tally.Truncation = fyne.TextTruncateEllipsis
	c.tally.SizeName = theme.SizeNameCaptionText
	c.list = widget.NewList(
		func() int { return len(c.data.Cards) },
		func() fyne.CanvasObject { return newBoardCard(b) },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*boardCard).set(c.data.Cards[id], b.today) },
	)
	c.more = widget.NewButton("", func() { b.onMore(c) })
	c.more.Hide()
	c.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	c.bg.CornerRadius = theme.InputRadiusSize()
	title := widget.NewLabelWithStyle(string(st), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	header := container.NewVBox(title, c.tally)
	if st.Terminal() {
		c.collapsed = true
		c.toggle = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), c.onToggle)
		header = container.NewVBox(container.NewBorder(nil, nil, nil, c.toggle, title), c.tally)
		expand := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), c.onToggle)
		c.strip = container.NewBorder(expand, nil, nil, nil, container.NewVBox(c.compact))
	}
	c.full = container.NewBorder(header, c.more, nil, nil, c.list)
	c.body = container.NewStack(c.full)
	if c.collapsed {
		c.body.Objects = []fyne.CanvasObject{c.strip}
	}
	c.object = container.NewStack(c.bg, container.NewPadded(c.body))
	return c
}

// show puts a column's data on screen.
func (c *boardColumn) show(d app.PipelineColumn) {
	c.data = d
	c.tally.SetText(fmt.Sprintf("%d 个 · %s", d.Count, d.Amount.FormatYi()))
	c.compact.SetText(verticalText(string(c.stage)) + fmt.Sprintf("\n\n%d", d.Count))
	if hidden := d.Hidden(); hidden > 0 {
		c.more.SetText(fmt.Sprintf("更多（余 %d）", hidden)) // short: a button does not truncate
		c.more.Show()
	} else {
		c.more.Hide()
	}
	c.list.Refresh()
}

// onToggle collapses or expands a 中止 or 退库 column.
func (c *boardColumn) onToggle() {
	c.collapsed = !c.collapsed
	if c.collapsed {
		c.body.Objects = []fyne.CanvasObject{c.strip}
	} else {
		c.body.Objects = []fyne.CanvasObject{c.full}
	}
	c.body.Refresh()
	if c.board.grid != nil {
		c.board.grid.Refresh()
	}
}

// highlight marks the column as the drop target of a drag.
func (c *boardColumn) highlight(on bool) {
	if on {
		c.bg.FillColor = theme.Color(theme.ColorNameSelection)
		c.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		c.bg.StrokeWidth = 2
	} else {
		c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
		c.bg.StrokeColor = color.Transparent
		c.bg.StrokeWidth = 0
	}
	c.bg.Refresh()
}

// verticalText writes a short label one character per line, for a collapsed column.
func verticalText(s string) string { return strings.Join(strings.Split(s, ""), "\n") }

// Column widths of the board.
const (
	compactColumnWidth = 52  // a collapsed 中止 or 退库 column
	minColumnWidth     = 120 // the narrowest an expanded column gets
)

// boardLayout puts the columns side by side: collapsed ones narrow, the others sharing the
// rest of the width equally, every column the full height.
type boardLayout struct {
	columns []*boardColumn
}

func (l *boardLayout) widths(total float32) []float32 {
	pad := theme.Padding()
	wide, narrow := 0, 0
	for _, c := range l.columns {
		if c.collapsed {
			narrow++
		} else {
			wide++
		}
	}
	free := total - float32(narrow)*compactColumnWidth - pad*float32(len(l.columns)-1)
	each := free / float32(max(wide, 1))
	out := make([]float32, len(l.columns))
	for i, c := range l.columns {
		out[i] = each
		if c.collapsed {
			out[i] = compactColumnWidth
		}
	}
	return out
}

func (l *boardLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, w := range l.widths(size.Width) {
		if i >= len(objects) {
			break
		}
		objects[i].Move(fyne.NewPos(x, 0))
		objects[i].Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}

func (l *boardLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, c := range l.columns {
		if c.collapsed {
			w += compactColumnWidth
		} else {
			w += minColumnWidth
		}
		if i > 0 {
			w += theme.Padding()
		}
		if i < len(objects) {
			h = max(h, objects[i].MinSize().Height)
		}
	}
	return fyne.NewSize(w, h)
}

// boardCard is a project's card: name, investor, amount and zone, days in the stage, and the
// "移到…" button. Tapping it opens the project; dragging it onto a column moves it.
type boardCard struct {
	widget.BaseWidget
	board *boardScreen
	card  app.PipelineCard

	name, investor, facts, days *elidedText
	move                        *widget.Button
}

func newBoardCard(b *boardScreen) *boardCard {
	text := func(size fyne.ThemeSizeName, color fyne.ThemeColorName, style fyne.TextStyle) *elidedText {
		return newElidedText("", size, color, style)
	}
	c := &boardCard{board: b,
		name:     text(theme.SizeNameText, theme.ColorNameForeground, fyne.TextStyle{Bold: true}),
		investor: text(theme.SizeNameCaptionText, theme.ColorNameForeground, fyne.TextStyle{}),
		facts:    text(theme.SizeNameCaptionText, theme.ColorNameForeground, fyne.TextStyle{}),
		days:     text(theme.SizeNameCaptionText, theme.ColorNamePlaceHolder, fyne.TextStyle{})}
	c.move = widget.NewButton("移到…", func() { b.onMoveRequested(c.card, "") })
	c.move.Importance = widget.LowImportance
	c.ExtendBaseWidget(c)
	return c
}

func (c *boardCard) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	lines := container.NewVBox(container.New(layout.NewCustomPaddedVBoxLayout(0), c.name, c.investor, c.facts),
		container.NewBorder(nil, nil, nil, c.move, c.days))
	return widget.NewSimpleRenderer(container.NewStack(bg, container.NewPadded(lines)))
}

// set shows a card's project.
func (c *boardCard) set(card app.PipelineCard, today app.Date) {
	c.card = card
	c.name.SetText(card.Name)
	investor := card.InvestorName
	if investor == "" {
		investor = "（投资方未填）"
	}
	c.investor.SetText(investor)
	facts := card.Total.FormatYi()
	if card.ZoneName != "" {
		facts += " · " + card.ZoneName
	}
	c.facts.SetText(facts)
	c.days.SetText(fmt.Sprintf("本阶段 %d 天", card.DaysInStage(today)))
}

// Tapped opens the card's project.
func (c *boardCard) Tapped(*fyne.PointEvent) { c.board.open(app.KindProject, c.card.ID) }

// Dragged follows the pointer while the card is dragged.
func (c *boardCard) Dragged(e *fyne.DragEvent) { c.board.onDrag(c.card, e.AbsolutePosition) }

// DragEnd drops the card on the column under the pointer.
func (c *boardCard) DragEnd() { c.board.onDrop() }
