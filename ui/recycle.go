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

// recycleScreen is the 回收站: every deleted record, newest first, restorable with its links.
type recycleScreen struct {
	ledger *app.Ledger
	run    runner

	table   *widget.Table
	restore *widget.Button
	status  *widget.Label

	rows     []app.DeletedRecord
	selected int
	changes  *debouncer // one re-read after a burst of writes (a bulk delete)
}

func newRecycleScreen(l *app.Ledger, run runner) *recycleScreen {
	s := &recycleScreen{ledger: l, run: run, status: widget.NewLabel(""), selected: -1}
	headers := []string{"类型", "名称", "删除时间", "删除人"}
	widths := []float32{90, 420, 170, 120}
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := s.rows[id.Row]
			text := []string{r.Kind.Label(), r.Name, r.DeletedAt.Local().Format("2006-01-02 15:04"), r.DeletedBy}[id.Col]
			o.(*widget.Label).SetText(text)
		})
	s.table.ShowHeaderColumn = false
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	for i, w := range widths {
		s.table.SetColumnWidth(i, w)
	}
	s.table.OnSelected = func(id widget.TableCellID) { s.selected = id.Row; s.restore.Enable() }
	s.restore = widget.NewButton("恢复所选记录", s.onRestore)
	s.restore.Disable()
	s.changes = newDebouncer(refreshDelay, run, s.refresh)
	l.Subscribe(func(app.Change) { s.changes.trigger() })
	return s
}

func (s *recycleScreen) content() fyne.CanvasObject {
	s.refresh()
	tip := widget.NewLabel("删除的记录连同其关联（跟进、任务、商会职务、基金投资）保留在这里，恢复后关联一并恢复。")
	tip.Wrapping = fyne.TextWrapWord
	return container.NewBorder(container.NewVBox(tip, container.NewHBox(s.restore)), s.status, nil, nil, s.table)
}

func (s *recycleScreen) refresh() {
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		rows, err := s.ledger.Store().RecycleBin(ctx)
		fyne.Do(func() {
			if err != nil {
				s.status.SetText("读取回收站失败：" + err.Error())
				return
			}
			s.rows, s.selected = rows, -1
			s.restore.Disable()
			s.table.UnselectAll()
			s.table.Refresh()
			s.status.SetText(fmt.Sprintf("回收站中共 %d 条记录", len(rows)))
		})
	})
}

func (s *recycleScreen) onRestore() {
	if s.selected < 0 || s.selected >= len(s.rows) {
		return
	}
	r := s.rows[s.selected]
	s.restore.Disable()
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := s.ledger.Restore(ctx, r.Kind, r.ID)
		fyne.Do(func() {
			if err != nil {
				s.status.SetText("恢复失败：" + err.Error())
				return
			}
			s.status.SetText("已恢复" + r.Kind.Label() + "“" + r.Name + "”")
		})
	})
}
