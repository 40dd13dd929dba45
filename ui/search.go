package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/search"
)

// searchShortcut opens the search box from anywhere in the window.
var searchShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault}

const (
	// searchDebounce is how long typing must pause before a query runs: an input method
	// commits Chinese one character at a time, each firing OnChanged.
	searchDebounce = 150 * time.Millisecond
	// searchPerKind is how many hits each group shows.
	searchPerKind = 6
	// searchNameEms is the most of a row a name takes, in character widths; long names
	// and summaries are cut to fit one line.
	searchNameEms = 32
)

// searchBox is the one search box: a pop-up over the window with an entry and the hits
// grouped by kind, matched characters marked. It owns the search index, built off the UI
// goroutine when the window opens and kept up to date through the ledger's notifications.
type searchBox struct {
	win      fyne.Window
	index    *search.Index
	run      runner
	onOpen   func(kind app.EntityKind, id, name string)
	debounce time.Duration

	entry   *searchEntry
	status  *widget.Label
	results *fyne.Container // group headers and hit rows
	scroll  *container.Scroll
	popup   *widget.PopUp

	width    float32 // of the pop-up
	ready    bool
	hits     []search.Hit // as shown, group after group
	rows     []*hitRow
	selected int // index in hits; -1 when nothing is shown
	seq      int // the newest query; results of older ones are dropped
	timer    *time.Timer
}

func newSearchBox(win fyne.Window, l *app.Ledger, run runner, onOpen func(kind app.EntityKind, id, name string)) *searchBox {
	b := &searchBox{win: win, index: search.New(l.Store()), run: run, onOpen: onOpen, debounce: searchDebounce, selected: -1}
	l.Subscribe(b.index.Notify)
	b.entry = newSearchEntry()
	b.entry.SetPlaceHolder("搜索企业、人物、项目、基金、商会、跟进记录、开发区：汉字、全拼或首字母")
	b.entry.OnChanged = b.onChanged
	b.entry.OnSubmitted = func(string) { b.openSelected() }
	b.entry.onKey = b.onKey
	b.status = widget.NewLabel("正在建立索引……")
	b.results = container.NewVBox()
	b.scroll = container.NewVScroll(b.results)
	b.build()
	return b
}

// build reads every record into the index off the UI goroutine.
func (b *searchBox) build() {
	b.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		err := b.index.Build(ctx)
		fyne.Do(func() {
			if err != nil {
				b.status.SetText("搜索索引建立失败：" + err.Error())
				return
			}
			b.ready = true
			b.seq++
			b.query(b.seq, b.entry.Text) // what was typed while the index was being built
		})
	})
}

// content is the pop-up's content: the entry, the hits and the status line.
func (b *searchBox) content() fyne.CanvasObject {
	return container.NewBorder(b.entry, b.status, nil, nil, b.scroll)
}

// open shows the search box over the window with an empty entry, focused.
func (b *searchBox) open() {
	c := b.win.Canvas()
	if b.popup == nil {
		b.popup = widget.NewPopUp(container.NewPadded(b.content()), c)
	}
	b.entry.SetText("")
	size := c.Size()
	w, h := min(float32(760), size.Width-40), min(float32(540), size.Height-80)
	b.width = w
	b.popup.Resize(fyne.NewSize(w, h))
	b.popup.ShowAtPosition(fyne.NewPos((size.Width-w)/2, 48))
	c.Focus(b.entry)
}

// close hides the search box.
func (b *searchBox) close() {
	if b.popup != nil {
		b.popup.Hide()
	}
}

// onChanged runs the query once typing pauses; only the newest query's hits are shown.
func (b *searchBox) onChanged(text string) {
	b.seq++
	seq := b.seq
	if b.timer != nil {
		b.timer.Stop()
	}
	if b.debounce <= 0 {
		b.query(seq, text)
		return
	}
	b.timer = time.AfterFunc(b.debounce, func() { fyne.Do(func() { b.query(seq, text) }) })
}

// query searches off the UI goroutine and shows the hits unless a newer query came since.
func (b *searchBox) query(seq int, text string) {
	if seq != b.seq {
		return
	}
	if !b.ready {
		b.status.SetText("正在建立索引……")
		return
	}
	if app.CleanText(text) == "" {
		b.show(search.Result{})
		return
	}
	b.run(func() {
		res := b.index.Search(text, searchPerKind)
		fyne.Do(func() {
			if seq == b.seq {
				b.show(res)
			}
		})
	})
}

// show replaces the hits shown and selects the first.
func (b *searchBox) show(res search.Result) {
	b.hits, b.rows = nil, nil
	var objs []fyne.CanvasObject
	total := 0
	for _, g := range res.Groups {
		total += g.Total
		head := fmt.Sprintf("%s（%d）", g.Label, g.Total)
		if g.Total > len(g.Hits) {
			head = fmt.Sprintf("%s（共 %d 条，显示前 %d 条）", g.Label, g.Total, len(g.Hits))
		}
		objs = append(objs, widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, h := range g.Hits {
			i := len(b.hits)
			row := newHitRow(h, b.rowEms(), func() { b.selected = i; b.openSelected() })
			b.hits = append(b.hits, h)
			b.rows = append(b.rows, row)
			objs = append(objs, row)
		}
	}
	b.results.Objects = objs
	b.results.Refresh()
	b.scroll.ScrollToTop()
	b.selected = -1
	if len(b.hits) > 0 {
		b.selectHit(0)
	}
	switch {
	case res.Query == "" || app.CleanText(res.Query) == "":
		b.status.SetText("输入名称、全拼或首字母（如 zs、ncjkq）；↑↓ 选择，回车打开，Esc 关闭")
	case total == 0:
		b.status.SetText(fmt.Sprintf("没有找到“%s”", res.Query))
	default:
		b.status.SetText(fmt.Sprintf("找到 %d 条；↑↓ 选择，回车打开，Esc 关闭", total))
	}
}

// rowEms is how many character widths a row has room for.
func (b *searchBox) rowEms() float32 {
	width := b.width
	if width <= 0 {
		width = 760
	}
	return max(20, (width-4*theme.Padding())/theme.TextSize()-2)
}

// onKey moves the selection with Up and Down and closes on Escape; other keys edit.
func (b *searchBox) onKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown:
		b.selectHit(b.selected + 1)
	case fyne.KeyUp:
		b.selectHit(b.selected - 1)
	case fyne.KeyEscape:
		b.close()
	default:
		return false
	}
	return true
}

// selectHit marks the i-th hit (kept within the list) and scrolls it into view.
func (b *searchBox) selectHit(i int) {
	if len(b.hits) == 0 {
		return
	}
	i = max(0, min(i, len(b.hits)-1))
	if b.selected >= 0 && b.selected < len(b.rows) {
		b.rows[b.selected].setSelected(false)
	}
	b.selected = i
	row := b.rows[i]
	row.setSelected(true)
	top, bottom := row.Position().Y, row.Position().Y+row.Size().Height
	off := b.scroll.Offset
	if top < off.Y {
		b.scroll.ScrollToOffset(fyne.NewPos(off.X, top))
	} else if view := b.scroll.Size().Height; bottom > off.Y+view && view > 0 {
		b.scroll.ScrollToOffset(fyne.NewPos(off.X, bottom-view))
	}
}

// openSelected closes the box and opens the selected hit.
func (b *searchBox) openSelected() {
	if b.selected < 0 || b.selected >= len(b.hits) {
		return
	}
	h := b.hits[b.selected]
	b.close()
	b.onOpen(h.Kind, h.ID, h.Name)
}

// openSearchHit opens what the search box found: a record's detail page, or for a
// development zone the project library filtered to it.
func (m *mainWindow) openSearchHit(kind app.EntityKind, id, name string) {
	if kind != search.KindZone {
		m.openRecord(kind, id)
		return
	}
	m.showTitle("项目")
	if sel := m.list.zone; slices.Contains(sel.Options, name) {
		sel.SetSelected(name)
	}
}

// searchEntry is an entry that lets the search box have Up, Down and Escape.
type searchEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent) bool // true when the key was handled
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives the key to the search box first.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k) {
		return
	}
	e.Entry.TypedKey(k)
}

// hitRow is one hit: the name with its matched characters in bold and colour, then the
// secondary text in grey. Tapping it opens the record.
type hitRow struct {
	widget.BaseWidget
	text  *widget.RichText
	bg    *canvas.Rectangle
	onTap func()
}

// newHitRow shows a hit in a row ems character widths wide. Text is cut beforehand:
// letting the RichText measure for an ellipsis costs more than the search itself.
func newHitRow(h search.Hit, ems float32, onTap func()) *hitRow {
	r := &hitRow{text: widget.NewRichText(hitSegments(h, ems)...), bg: canvas.NewRectangle(color.Transparent), onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

func (r *hitRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, r.text))
}

// Tapped opens the hit.
func (r *hitRow) Tapped(*fyne.PointEvent) { r.onTap() }

func (r *hitRow) setSelected(on bool) {
	r.bg.FillColor = color.Transparent
	if on {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	}
	r.bg.Refresh()
}

// hitSegments are the rich-text segments of a hit in a row ems character widths wide.
func hitSegments(h search.Hit, ems float32) []widget.RichTextSegment {
	plain := widget.RichTextStyleInline
	marked := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}
	segs, used := markedSegments(h.Name, h.NameMatch, min(searchNameEms, ems), plain, marked)
	if rest := ems - used - 1; h.Detail != "" && rest >= 4 {
		dim := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}
		dimMarked := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}
		detail, _ := markedSegments(h.Detail, h.DetailMatch, rest, dim, dimMarked)
		segs = append(append(segs, &widget.TextSegment{Style: dim, Text: "　"}), detail...)
	}
	return segs
}

// runeEms is a character's width in ems, roughly: Han and full-width forms one, others
// about half.
func runeEms(r rune) float32 {
	if r < 0x1100 {
		return 0.6
	}
	return 1
}

// markedSegments splits text into runs, the marked ranges (rune indexes) in the marked
// style, cut with an ellipsis to fit limit ems. It returns the segments and the ems used.
func markedSegments(text string, marks []search.Range, limit float32, plain, marked widget.RichTextStyle) ([]widget.RichTextSegment, float32) {
	runes := []rune(text)
	var used float32
	for _, r := range runes {
		used += runeEms(r)
	}
	cut := used > limit
	if cut {
		used = 1 // the ellipsis
		n := 0
		for n < len(runes) && used+runeEms(runes[n]) <= limit {
			used += runeEms(runes[n])
			n++
		}
		runes = runes[:n]
	}
	isMarked := make([]bool, len(runes))
	for _, m := range marks {
		for i := max(m.Start, 0); i < m.End && i < len(runes); i++ {
			isMarked[i] = true
		}
	}
	var segs []widget.RichTextSegment
	for i := 0; i < len(runes); {
		j := i
		for j < len(runes) && isMarked[j] == isMarked[i] {
			j++
		}
		style := plain
		if isMarked[i] {
			style = marked
		}
		segs = append(segs, &widget.TextSegment{Style: style, Text: string(runes[i:j])})
		i = j
	}
	if cut {
		segs = append(segs, &widget.TextSegment{Style: plain, Text: "…"})
	}
	return segs, used
}
