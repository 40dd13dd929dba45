package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// openBoard shows the 项目看板 alone in a test window on a demo ledger, reloading at once
// after a change. Opening record pages is recorded.
func openBoard(t *testing.T, size int) (*app.Ledger, *opened, *boardScreen) {
	t.Helper()
	l, _ := apptest.Ledger(t, size)
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	var got opened
	b := newBoardScreen(w, l, syncRun, got.open)
	b.changes.delay = 0
	w.SetContent(b.content())
	// Small, so that few cards are drawn: shaping truncated text is slow under -race.
	w.Resize(fyne.NewSize(960, 480))
	return l, &got, b
}

func TestBoardIsInTheNavigation(t *testing.T) {
	l, path := apptest.Ledger(t, 0)
	w := newMainWindow(test.NewTempApp(t), l, Options{DBPath: path}, syncRun)
	defer w.win.Close()
	for i, s := range w.screens {
		if s.title == "项目看板" {
			if i == 0 || w.screens[i-1].title != "项目" {
				t.Errorf("项目看板 is entry %d, not right after 项目", i)
			}
			w.showTitle("项目看板")
			if !w.board.shown {
				t.Error("selecting 项目看板 does not show the board")
			}
			return
		}
	}
	t.Error("项目看板 is not in the navigation")
}

// findCard finds the card drawn for a project under o.
func findCard(o fyne.CanvasObject, id string) *boardCard {
	if c, ok := o.(*boardCard); ok && c.card.ID == id && c.Visible() {
		return c
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		if card := findCard(c, id); card != nil {
			return card
		}
	}
	return nil
}

// visibleCard scrolls a column to the i-th card and returns its widget.
func visibleCard(t *testing.T, c *boardColumn, i int) *boardCard {
	t.Helper()
	c.list.ScrollTo(i)
	card := findCard(c.list, c.data.Cards[i].ID)
	if card == nil {
		t.Fatalf("card %q of %s is not drawn", c.data.Cards[i].Name, c.stage)
	}
	return card
}

// cardIndex is the index of a project's card in a column, or -1.
func cardIndex(c *boardColumn, id string) int {
	for i, card := range c.data.Cards {
		if card.ID == id {
			return i
		}
	}
	return -1
}

func TestBoardMovesNegotiatingToSigned(t *testing.T) {
	l, _, b := openBoard(t, 600)
	ctx := context.Background()
	negotiating, signed := b.column(app.StageNegotiating), b.column(app.StageSigned)
	if negotiating.data.Count == 0 || len(negotiating.data.Cards) == 0 {
		t.Fatal("no 在谈 projects in the demo")
	}
	// A project that has been in 在谈 for a while, so that the date typed is not today.
	i := 0
	for i < len(negotiating.data.Cards) && !negotiating.data.Cards[i].StageSince.Before(apptest.Today.AddDays(-5)) {
		i++
	}
	card := negotiating.data.Cards[i]
	before, err := l.Store().Project(ctx, card.ID)
	if err != nil {
		t.Fatal(err)
	}
	history, _ := l.Store().StageHistory(ctx, card.ID)
	countN, countS := negotiating.data.Count, signed.data.Count

	// Tap the card's move control: the dialog proposes the next stage, 签约, dated today.
	test.Tap(visibleCard(t, negotiating, i).move)
	d := b.move
	if d == nil {
		t.Fatal("no move dialog")
	}
	if got := d.form.field("stage").input.(*widget.Select).Selected; got != string(app.StageSigned) {
		t.Errorf("the dialog proposes %q, want 签约", got)
	}
	date := formEntry(t, d.form, "stage_since")
	if date.Text != apptest.Today.String() {
		t.Errorf("date defaults to %q, want today", date.Text)
	}
	on := apptest.Today.AddDays(-2)
	typeInto(date, on.String())
	test.Tap(d.confirm)

	if b.move != nil {
		t.Fatalf("the dialog stays open: %q %q", d.form.message("stage_since"), d.form.general.Text)
	}
	if cardIndex(negotiating, card.ID) >= 0 || cardIndex(signed, card.ID) < 0 {
		t.Errorf("after the move the card is in 在谈: %v, in 签约: %v", cardIndex(negotiating, card.ID) >= 0, cardIndex(signed, card.ID) >= 0)
	}
	if negotiating.data.Count != countN-1 || signed.data.Count != countS+1 {
		t.Errorf("counts 在谈 %d→%d, 签约 %d→%d", countN, negotiating.data.Count, countS, signed.data.Count)
	}
	if !strings.Contains(b.status.Text, "已移到“签约”") {
		t.Errorf("status = %q", b.status.Text)
	}
	p, err := l.Store().Project(ctx, card.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Stage != app.StageSigned || p.StageSince != on || p.SignedOn != on || !before.SignedOn.IsZero() && p.SignedOn != before.SignedOn {
		t.Errorf("stored project is %s since %s, signed %s", p.Stage, p.StageSince, p.SignedOn)
	}
	after, err := l.Store().StageHistory(ctx, card.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(history)+1 {
		t.Fatalf("history has %d entries, want %d", len(after), len(history)+1)
	}
	if last := after[len(after)-1]; last.From != app.StageNegotiating || last.To != app.StageSigned || last.On != on {
		t.Errorf("history entry %s → %s on %s", last.From, last.To, last.On)
	}
}

func TestBoardStepBackNeedsReason(t *testing.T) {
	l, _, b := openBoard(t, 600)
	ctx := context.Background()
	signed := b.column(app.StageSigned)
	card := signed.data.Cards[0]
	history, _ := l.Store().StageHistory(ctx, card.ID)
	before, _ := l.Store().Project(ctx, card.ID)

	test.Tap(visibleCard(t, signed, 0).move)
	d := b.move
	target := d.form.field("stage").input.(*widget.Select)
	reason := formEntry(t, d.form, "stage_reason")
	if findEntry(b.win, reason) {
		t.Error("a forward move asks for a reason")
	}
	target.SetSelected(string(app.StageNegotiating))
	if !findEntry(b.win, reason) {
		t.Fatal("a step back does not ask for a reason")
	}
	test.Tap(d.confirm)

	want := "从“签约”退回“在谈”须填写原因"
	if got := d.form.message("stage_reason"); got != want {
		t.Errorf("reason message = %q, want %q", got, want)
	}
	if b.move != d {
		t.Error("the dialog closed on an error")
	}
	after, _ := l.Store().Project(ctx, card.ID)
	if after.Stage != app.StageSigned || after.UpdatedAt != before.UpdatedAt {
		t.Errorf("the project changed: %s, updated %s", after.Stage, after.UpdatedAt)
	}
	if h, _ := l.Store().StageHistory(ctx, card.ID); len(h) != len(history) {
		t.Errorf("history grew from %d to %d", len(history), len(h))
	}
	if cardIndex(signed, card.ID) < 0 {
		t.Error("the card left 签约")
	}

	// With a reason the step back goes through.
	test.Type(reason, "投资方重新评估")
	test.Tap(d.confirm)
	if p, _ := l.Store().Project(ctx, card.ID); p.Stage != app.StageNegotiating || p.StageReason != "投资方重新评估" {
		t.Errorf("after giving a reason the project is %s (%q)", p.Stage, p.StageReason)
	}
	if cardIndex(b.column(app.StageNegotiating), card.ID) < 0 {
		t.Error("the card is not in 在谈")
	}
}

// findEntry reports whether an entry is drawn in a window's overlays (its dialogs).
func findEntry(w fyne.Window, e *widget.Entry) bool {
	var walk func(o fyne.CanvasObject) bool
	walk = func(o fyne.CanvasObject) bool {
		if o == e {
			return o.Visible()
		}
		var children []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			children = x.Objects
		case fyne.Widget:
			children = test.WidgetRenderer(x).Objects()
		}
		for _, c := range children {
			if walk(c) {
				return true
			}
		}
		return false
	}
	for _, o := range w.Canvas().Overlays().List() {
		if walk(o) {
			return true
		}
	}
	return false
}

func TestBoardDragAndDrop(t *testing.T) {
	l, _, b := openBoard(t, 600)
	reserve, stopped := b.column(app.StageReserve), b.column(app.StageStopped)
	card := visibleCard(t, reserve, 0)
	id := card.card.ID

	// Drag the card over the collapsed 中止 column: the column lights up; drop it there.
	driver := fyne.CurrentApp().Driver()
	at := driver.AbsolutePositionForObject(stopped.object).AddXY(stopped.object.Size().Width/2, 100)
	start := driver.AbsolutePositionForObject(card)
	card.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: start.AddXY(10, 10)}})
	card.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: at}})
	if b.target != stopped || stopped.bg.StrokeWidth == 0 {
		t.Fatalf("dragging over 中止 targets %v", b.target)
	}
	card.DragEnd()
	if stopped.bg.StrokeWidth != 0 {
		t.Error("the column stays lit after the drop")
	}
	d := b.move
	if d == nil {
		t.Fatal("dropping on 中止 opens no dialog")
	}
	if got := d.form.field("stage").input.(*widget.Select).Selected; got != string(app.StageStopped) {
		t.Errorf("the dialog moves to %q, want 中止", got)
	}
	test.Tap(d.confirm)
	if got := d.form.message("stage_reason"); got != "转为“中止”须填写原因" {
		t.Errorf("reason message = %q", got)
	}
	test.Type(formEntry(t, d.form, "stage_reason"), "投资方资金链断裂")
	test.Tap(d.confirm)
	if p, _ := l.Store().Project(context.Background(), id); p.Stage != app.StageStopped {
		t.Errorf("the project is %s after the drop", p.Stage)
	}
	if cardIndex(stopped, id) < 0 || !strings.Contains(stopped.compact.Text, fmt.Sprint(stopped.data.Count)) {
		t.Errorf("中止 column: card there %v, strip %q", cardIndex(stopped, id) >= 0, stopped.compact.Text)
	}

	// A drop on the card's own column does nothing.
	card = visibleCard(t, reserve, 0)
	at = driver.AbsolutePositionForObject(reserve.object).AddXY(20, 200)
	card.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: at}})
	card.DragEnd()
	if b.move != nil {
		t.Error("a drop on the same column opens the dialog")
	}
}

func TestBoardCapsColumns(t *testing.T) {
	_, _, b := openBoard(t, 600)
	reserve := b.column(app.StageReserve)
	if reserve.data.Count < 12 {
		t.Fatalf("only %d 储备 projects in the demo", reserve.data.Count)
	}
	b.limits[app.StageReserve] = 5
	b.load()
	if len(reserve.data.Cards) != 5 || reserve.list.Length() != 5 || !reserve.more.Visible() {
		t.Fatalf("capped column holds %d cards, more button shown %v", len(reserve.data.Cards), reserve.more.Visible())
	}
	if want := fmt.Sprintf("余 %d", reserve.data.Count-5); !strings.Contains(reserve.more.Text, want) {
		t.Errorf("more button %q does not say %q", reserve.more.Text, want)
	}
	if want := fmt.Sprintf("%d 个 · ", reserve.data.Count); !strings.HasPrefix(reserve.tally.Text, want) {
		t.Errorf("tally %q, want the full count", reserve.tally.Text)
	}
	test.Tap(reserve.more)
	if want := min(reserve.data.Count, 5+app.DefaultPipelineLimit); len(reserve.data.Cards) != want {
		t.Errorf("after 更多 the column holds %d cards, want %d", len(reserve.data.Cards), want)
	}

	// 中止 starts collapsed and expands.
	stopped := b.column(app.StageStopped)
	if !stopped.collapsed {
		t.Error("中止 starts expanded")
	}
	narrow := stopped.object.Size().Width
	stopped.onToggle()
	if stopped.collapsed || stopped.object.Size().Width <= narrow {
		t.Errorf("expanded 中止 is %.0f wide (collapsed %.0f)", stopped.object.Size().Width, narrow)
	}
}

func TestBoardCardOpensProject(t *testing.T) {
	_, got, b := openBoard(t, 200)
	c := b.column(app.StageNegotiating)
	card := visibleCard(t, c, 0)
	test.Tap(card)
	if fmt.Sprint(got.kinds, got.ids) != fmt.Sprint([]string{"project"}, []string{c.data.Cards[0].ID}) {
		t.Errorf("tapping a card opened %v %v", got.kinds, got.ids)
	}
	if want := fmt.Sprintf("本阶段 %d 天", c.data.Cards[0].DaysInStage(apptest.Today)); card.days.Text() != want {
		t.Errorf("card says %q, want %q", card.days.Text(), want)
	}
}
