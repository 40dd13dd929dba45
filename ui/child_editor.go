package ui

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// childEditor edits the records of one kind that belong to a parent record (a fund's LPs, its
// investments): a form bound to the selected record or a new one, 保存 / 新增 / 删除, and the
// list of records below. Tapping a row loads it into the form; a failed save keeps the typing
// and shows each message beside its field.
type childEditor[T any] struct {
	ledger *app.Ledger
	run    runner
	kind   app.EntityKind

	rec     *T // the record bound to the form
	blank   func() T
	meta    func(*T) *app.Meta
	load    func(ctx context.Context) ([]T, []string, error) // the records and their lines
	persist func(ctx context.Context, rec *T) error
	changed func() // after a save or a delete, on the UI goroutine

	form                *recordForm
	list                *widget.List
	save, fresh, remove *widget.Button
	msg                 *widget.Label
	rows                []T
	lines               []string
	saveText, noun      string
}

func newChildEditor[T any](l *app.Ledger, run runner, kind app.EntityKind, noun string, blank func() T, meta func(*T) *app.Meta) *childEditor[T] {
	e := &childEditor[T]{ledger: l, run: run, kind: kind, noun: noun, blank: blank, meta: meta, form: newRecordForm(), msg: widget.NewLabel("")}
	rec := blank()
	e.rec = &rec
	e.msg.Wrapping = fyne.TextWrapWord
	e.save = widget.NewButton("保存"+noun, e.onSave)
	e.save.Importance = widget.HighImportance
	e.fresh = widget.NewButton("新增"+noun, e.onNew)
	e.remove = widget.NewButton("删除", e.onDelete)
	e.list = widget.NewList(
		func() int { return len(e.lines) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(e.lines[i]) })
	e.list.OnSelected = e.onSelect
	return e
}

func (e *childEditor[T]) content() fyne.CanvasObject {
	e.form.load()
	e.remove.Disable()
	buttons := container.NewHBox(e.save, e.fresh, e.remove)
	top := container.NewVBox(e.form.object(), e.form.general, container.NewBorder(nil, nil, nil, buttons, e.msg), widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, e.list)
}

// refresh reloads the records off the UI goroutine.
func (e *childEditor[T]) refresh() {
	e.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		rows, lines, err := e.load(ctx)
		fyne.Do(func() {
			if err != nil {
				e.msg.SetText("读取失败：" + err.Error())
				return
			}
			e.rows, e.lines = rows, lines
			e.list.UnselectAll()
			e.list.Refresh()
		})
	})
}

func (e *childEditor[T]) onSelect(i widget.ListItemID) {
	if i < 0 || i >= len(e.rows) {
		return
	}
	*e.rec = e.rows[i]
	e.form.load()
	e.remove.Enable()
	e.msg.SetText("正在修改第 " + strconv.Itoa(i+1) + " 条")
}

func (e *childEditor[T]) onNew() {
	*e.rec = e.blank()
	e.form.load()
	e.list.UnselectAll()
	e.remove.Disable()
	e.msg.SetText("")
}

func (e *childEditor[T]) onSave() {
	if err := e.form.read(); err != nil {
		e.msg.SetText("请先改正标红的内容")
		return
	}
	e.save.Disable()
	rec := *e.rec
	e.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := e.persist(ctx, &rec)
		fyne.Do(func() {
			e.save.Enable()
			if err != nil {
				e.form.show(err)
				e.msg.SetText(saveFailure(err))
				return
			}
			*e.rec = e.blank()
			e.form.load()
			e.remove.Disable()
			e.msg.SetText("已保存" + e.noun)
			e.refresh()
			if e.changed != nil {
				e.changed()
			}
		})
	})
}

// onDelete moves the selected record to the recycle bin.
func (e *childEditor[T]) onDelete() {
	id := e.meta(e.rec).ID
	if id == "" {
		return
	}
	e.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := e.ledger.Delete(ctx, e.kind, id)
		fyne.Do(func() {
			if err != nil {
				e.msg.SetText("删除失败：" + err.Error())
				return
			}
			*e.rec = e.blank()
			e.form.load()
			e.remove.Disable()
			e.msg.SetText("已移入回收站，可在“回收站”恢复")
			e.refresh()
			if e.changed != nil {
				e.changed()
			}
		})
	})
}

// suggestField binds a SelectEntry to a text: the usual values offered, any other typed.
func (f *recordForm) suggestField(key, label string, options []string, v *string) *formField {
	s := widget.NewSelectEntry(options)
	return f.add(key, label, s, func() error { *v = s.Text; return nil }, func() { s.SetText(*v) })
}
