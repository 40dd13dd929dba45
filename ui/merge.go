package ui

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// mergeScreen is 查重与合并: the candidate duplicate pairs of enterprises or people with
// the reason each was found, a 合并… button opening the side-by-side merge, and the history
// of merges, each of which can be undone.
type mergeScreen struct {
	win    fyne.Window
	ledger *app.Ledger
	run    runner
	open   func(app.EntityKind, string)

	kind    *widget.RadioGroup
	rescan  *widget.Button
	pairs   *widget.List
	history *widget.List
	status  *widget.Label

	rows   []app.DuplicatePair
	merges []app.MergeRecord
	view   *mergeView // the side-by-side merge opened last
}

var mergeKinds = map[string]app.EntityKind{"企业": app.KindEnterprise, "人物": app.KindPerson}

func newMergeScreen(win fyne.Window, l *app.Ledger, run runner, open func(app.EntityKind, string)) *mergeScreen {
	s := &mergeScreen{win: win, ledger: l, run: run, open: open, status: widget.NewLabel("")}
	s.status.Wrapping = fyne.TextWrapWord
	s.kind = widget.NewRadioGroup([]string{"企业", "人物"}, func(string) { s.scan("") })
	s.kind.Horizontal, s.kind.Required = true, true
	s.rescan = widget.NewButton("重新查重", func() { s.scan("") })
	s.pairs = widget.NewList(func() int { return len(s.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("名称\n理由")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewButton("合并…", nil), l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			p := s.rows[i]
			c.Objects[0].(*widget.Label).SetText(pairSide(p.A) + "  ⇄  " + pairSide(p.B) + "\n" + p.Reason)
			c.Objects[1].(*widget.Button).OnTapped = func() { s.openMerge(p) }
		})
	s.history = widget.NewList(func() int { return len(s.merges) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("合并记录\n移动")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewButton("撤销合并", nil), l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			m := s.merges[i]
			c.Objects[0].(*widget.Label).SetText(mergeText(m))
			b := c.Objects[1].(*widget.Button)
			b.OnTapped = func() { s.onUndo(m) }
			if m.UndoneAt != nil {
				b.Disable()
			} else {
				b.Enable()
			}
		})
	return s
}

func pairSide(r app.DuplicateRecord) string {
	if r.Detail == "" {
		return r.Name
	}
	return r.Name + "（" + r.Detail + "）"
}

// mergeText is one line of the history: when, what into what, what moved, whether undone.
func mergeText(m app.MergeRecord) string {
	var moved []string
	for _, c := range m.Moved {
		moved = append(moved, fmt.Sprintf("%s %d", c.Label, c.Count))
	}
	line2 := "移动：" + strings.Join(moved, "、")
	if len(moved) == 0 {
		line2 = "没有需要移动的关联"
	}
	if m.UndoneAt != nil {
		line2 += fmt.Sprintf("　已于 %s 由 %s 撤销", m.UndoneAt.Local().Format("2006-01-02 15:04"), m.UndoneBy)
	}
	return fmt.Sprintf("%s　%s　%s：“%s”并入“%s”\n%s", m.At.Local().Format("2006-01-02 15:04"), m.By, m.Kind.Label(),
		m.DropName, m.KeepName, line2)
}

func (s *mergeScreen) content() fyne.CanvasObject {
	s.kind.SetSelected("企业") // scans
	s.loadHistory()
	tip := widget.NewLabel("按统一社会信用代码、规范化后的名称（去掉有限公司、股份、集团、地名）、电话、同企业同名、同微信同名找出可能重复的记录。合并前自动备份，合并后可在下方历史中撤销。")
	tip.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(tip, container.NewHBox(widget.NewLabel("查找重复的"), s.kind, s.rescan))
	hist := container.NewBorder(widget.NewLabelWithStyle("合并历史", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, s.history)
	split := container.NewVSplit(s.pairs, hist)
	split.Offset = 0.65
	return container.NewBorder(top, s.status, nil, nil, split)
}

// scan lists the candidate pairs of the chosen kind, off the UI goroutine; note (the outcome
// of a merge or an undo) stays above the count.
func (s *mergeScreen) scan(note string) {
	kind := mergeKinds[s.kind.Selected]
	if kind == "" {
		return
	}
	s.rescan.Disable()
	s.status.SetText(strings.TrimSpace(note + "\n正在查重……"))
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		start := time.Now()
		rows, err := s.ledger.ScanDuplicates(ctx, kind)
		took := time.Since(start)
		fyne.Do(func() {
			s.rescan.Enable()
			if err != nil {
				s.status.SetText(strings.TrimSpace(note + "\n查重失败：" + err.Error()))
				return
			}
			s.rows = rows
			s.pairs.Refresh()
			s.status.SetText(strings.TrimSpace(note + fmt.Sprintf("\n找到 %d 对可能重复的%s（用时 %.1f 秒）", len(rows), kind.Label(), took.Seconds())))
		})
	})
}

func (s *mergeScreen) loadHistory() {
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		ms, err := s.ledger.Merges(ctx)
		fyne.Do(func() {
			if err != nil {
				s.status.SetText("读取合并历史失败：" + err.Error())
				return
			}
			s.merges = ms
			s.history.Refresh()
		})
	})
}

// onUndo takes a merge back, after a backup; a record changed since keeps the undo from
// running and the message says which.
func (s *mergeScreen) onUndo(m app.MergeRecord) {
	s.status.SetText("正在撤销合并……")
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		err := s.ledger.UndoMerge(ctx, m.ID)
		fyne.Do(func() {
			if err != nil {
				s.status.SetText("未撤销：" + err.Error())
				return
			}
			s.loadHistory()
			s.scan(fmt.Sprintf("已撤销合并：“%s”与“%s”重新分开，关联回到合并前", m.DropName, m.KeepName))
		})
	})
}

// openMerge reads the pair's preview off the UI goroutine and opens the side-by-side merge.
func (s *mergeScreen) openMerge(p app.DuplicatePair) {
	s.loadPreview(p.Kind, p.A.ID, p.B.ID, p.Reason, nil)
}

// loadPreview reads a preview and shows it in the merge window, a new one unless into is
// given (交换保留方 reloads it in place).
func (s *mergeScreen) loadPreview(kind app.EntityKind, keepID, dropID, reason string, into *mergeView) {
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		p, err := s.ledger.MergePreview(ctx, kind, keepID, dropID, reason)
		fyne.Do(func() {
			if err != nil {
				if into != nil {
					into.status.SetText("读取失败：" + err.Error())
				} else {
					s.status.SetText("无法合并：" + err.Error())
				}
				return
			}
			if into == nil {
				w := fyne.CurrentApp().NewWindow("合并重复的" + kind.Label())
				into = &mergeView{screen: s, win: w}
				w.Resize(fyne.NewSize(1000, 720))
				w.Show()
			}
			into.show(p)
			s.view = into
		})
	})
}

// mergeView is the side-by-side merge of one pair: each field of both records with a choice
// of which value the kept record takes.
type mergeView struct {
	screen  *mergeScreen
	win     fyne.Window
	preview app.MergePreview

	keepSide, dropSide map[string]*widget.RadioGroup // by field key
	merge, swap        *widget.Button
	status             *widget.Label
}

// shortValue is a value as a choice shows it: （空） for nothing, long text cut.
func shortValue(v string) string {
	v = strings.ReplaceAll(v, "\n", " ")
	if v == "" {
		return "（空）"
	}
	if utf8.RuneCountInString(v) > 24 { // two columns fit a 1000-pixel window
		return string([]rune(v)[:24]) + "…"
	}
	return v
}

func (v *mergeView) show(p app.MergePreview) {
	v.preview = p
	v.keepSide, v.dropSide = map[string]*widget.RadioGroup{}, map[string]*widget.RadioGroup{}
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	bold := fyne.TextStyle{Bold: true}
	cells := []fyne.CanvasObject{
		widget.NewLabelWithStyle("字段", fyne.TextAlignTrailing, bold),
		container.NewGridWithColumns(2,
			v.side("保留："+p.KeepName, p.Kind, p.KeepID), v.side("并入后移入回收站："+p.DropName, p.Kind, p.DropID)),
	}
	for _, f := range p.Fields {
		label := widget.NewLabel(f.Label)
		label.Alignment = fyne.TextAlignTrailing
		var row fyne.CanvasObject
		if f.Same() {
			row = container.NewGridWithColumns(2, widget.NewLabel(shortValue(f.Keep)), widget.NewLabel("（相同）"))
		} else {
			keep := widget.NewRadioGroup([]string{shortValue(f.Keep)}, nil)
			drop := widget.NewRadioGroup([]string{shortValue(f.Drop)}, nil)
			keep.Required, drop.Required = true, true
			keep.OnChanged = func(s string) {
				if s != "" {
					drop.SetSelected("")
				}
			}
			drop.OnChanged = func(s string) {
				if s != "" {
					keep.SetSelected("")
				}
			}
			if f.TakeDrop {
				drop.SetSelected(drop.Options[0])
			} else {
				keep.SetSelected(keep.Options[0])
			}
			v.keepSide[f.Key], v.dropSide[f.Key] = keep, drop
			row = container.NewGridWithColumns(2, keep, drop)
		}
		cells = append(cells, label, row)
	}
	var moves []string
	for _, m := range p.Moves {
		moves = append(moves, fmt.Sprintf("%s %d 条", m.Label, m.Count))
	}
	movesText := "将移动到保留方：" + strings.Join(moves, "、")
	if len(moves) == 0 {
		movesText = "被并入的记录没有关联需要移动"
	}
	info := widget.NewLabel(movesText + "\n" + strings.Join(p.Joined, "\n") +
		"\n合并前自动备份；合并后可在“查重与合并”的合并历史中撤销。")
	info.Wrapping = fyne.TextWrapWord
	if p.Reason != "" {
		info.SetText("可能重复的原因：" + p.Reason + "\n" + info.Text)
	}
	v.merge = widget.NewButton("合并", v.onMerge)
	v.merge.Importance = widget.HighImportance
	v.swap = widget.NewButton("交换保留方", func() {
		v.screen.loadPreview(p.Kind, p.DropID, p.KeepID, p.Reason, v)
	})
	cancel := widget.NewButton("取消", v.win.Close)
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(v.swap, cancel, v.merge), v.status)
	form := container.New(layout.NewFormLayout(), cells...)
	v.win.SetTitle("合并重复的" + p.Kind.Label() + "：" + p.KeepName)
	v.win.SetContent(container.NewBorder(nil, bar, nil, nil, container.NewVScroll(container.NewVBox(form, widget.NewSeparator(), info))))
}

// side is the heading of one record's column, with a button to open its page.
func (v *mergeView) side(title string, kind app.EntityKind, id string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	open := widget.NewButton("查看", func() { v.screen.open(kind, id) })
	open.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, open, l)
}

// choices are the fields whose value the kept record takes from the other one.
func (v *mergeView) choices() map[string]bool {
	take := map[string]bool{}
	for key, g := range v.dropSide {
		take[key] = g.Selected != ""
	}
	return take
}

// onMerge merges off the UI goroutine; on success the window closes and the screen re-reads.
func (v *mergeView) onMerge() {
	take := v.choices()
	v.merge.Disable()
	v.swap.Disable()
	v.status.SetText("正在备份并合并……")
	s := v.screen
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		rec, err := s.ledger.Merge(ctx, v.preview, take)
		fyne.Do(func() {
			if err != nil {
				v.merge.Enable()
				v.swap.Enable()
				v.status.SetText("未合并：" + err.Error())
				return
			}
			v.win.Close()
			s.loadHistory()
			s.scan(fmt.Sprintf("已合并：“%s”并入“%s”。合并前已备份到 %s", rec.DropName, rec.KeepName, rec.Backup))
		})
	})
}
