package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// detailPage is the common part of every record's page: a form bound to a copy of the
// record, a 保存 button that runs the use case off the UI goroutine and puts each validation
// message beside its field, and a status line. A failed save keeps everything typed.
type detailPage struct {
	win    fyne.Window
	ledger *app.Ledger
	run    runner
	form   *recordForm
	save   *widget.Button
	status *widget.Label
	// persist saves the record through the ledger; saved runs on the UI goroutine after a
	// successful save.
	persist func(ctx context.Context) error
	saved   func()
}

func newDetailPage(win fyne.Window, l *app.Ledger, run runner) *detailPage {
	d := &detailPage{win: win, ledger: l, run: run, form: newRecordForm(), status: widget.NewLabel("")}
	d.save = widget.NewButton("保存", d.onSave)
	d.save.Importance = widget.HighImportance
	return d
}

// onSave reads the form, saves off the UI goroutine and shows the outcome.
func (d *detailPage) onSave() {
	if err := d.form.read(); err != nil {
		d.status.SetText("请先改正标红的内容")
		return
	}
	d.save.Disable()
	d.status.SetText("正在保存……")
	d.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := d.persist(ctx)
		fyne.Do(func() {
			d.save.Enable()
			if err != nil {
				d.form.show(err)
				d.status.SetText(saveFailure(err))
				return
			}
			d.status.SetText("已保存 " + time.Now().Format("15:04:05"))
			if d.saved != nil {
				d.saved()
			}
		})
	})
}

// saveFailure says what went wrong with a save and what to do, keeping the typing.
func saveFailure(err error) string {
	switch {
	case app.FieldProblems(err) != nil:
		return "未保存：请改正标红的内容"
	case errors.Is(err, app.ErrConflict):
		return "未保存：记录已被修改（可能在另一窗口），请关闭后重新打开再改；您输入的内容仍在表单中"
	}
	return "未保存：" + err.Error() + "（您输入的内容仍在表单中）"
}

// bar is the save button with the status line.
func (d *detailPage) bar() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, d.save, d.status)
}

// showDetail opens the page of a record in a window of its own; an empty id opens an empty
// page for a new record.
func (m *mainWindow) showDetail(kind app.EntityKind, id string) {
	m.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		r, err := loadRefs(ctx, m.ledger)
		var build func(w fyne.Window) fyne.CanvasObject
		var title string
		if err == nil {
			title, build, err = m.detailBuilder(ctx, kind, id, r)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, m.win)
				return
			}
			w := fyne.CurrentApp().NewWindow(title)
			w.SetContent(build(w))
			w.Resize(fyne.NewSize(960, 760))
			w.Show()
		})
	})
}

// detailBuilder reads the record (off the UI goroutine) and returns the page's title and a
// function that builds it (on the UI goroutine).
func (m *mainWindow) detailBuilder(ctx context.Context, kind app.EntityKind, id string, r refs) (string, func(fyne.Window) fyne.CanvasObject, error) {
	st := m.ledger.Store()
	switch kind {
	case app.KindProject:
		var p app.Project
		var err error
		if id != "" {
			p, err = st.Project(ctx, id)
		}
		return "项目：" + orNew(p.Name), func(w fyne.Window) fyne.CanvasObject { return newProjectPage(w, m.ledger, m.run, p, r).content() }, err
	case app.KindEnterprise:
		var e app.Enterprise
		var err error
		if id != "" {
			e, err = st.Enterprise(ctx, id)
		}
		return "企业：" + orNew(e.Name), func(w fyne.Window) fyne.CanvasObject {
			return newEnterprisePage(w, m.ledger, m.run, e, r).withDuplicateHints(m.openRecord).content()
		}, err
	case app.KindPerson:
		var p app.Person
		var err error
		if id != "" {
			p, err = st.Person(ctx, id)
		}
		return "人物：" + orNew(p.Name), func(w fyne.Window) fyne.CanvasObject {
			pg := newPersonPage(w, m.ledger, m.run, p).withDuplicateHints(m.openRecord)
			pg.open = m.openRecord
			return pg.content()
		}, err
	case app.KindChamber:
		var c app.Chamber
		var err error
		if id != "" {
			c, err = st.Chamber(ctx, id)
		}
		return "商会：" + orNew(c.Name), func(w fyne.Window) fyne.CanvasObject {
			pg := newChamberPage(w, m.ledger, m.run, c, r)
			pg.open = m.openRecord
			return pg.content()
		}, err
	case app.KindFund:
		var f app.Fund
		var err error
		if id != "" {
			f, err = st.Fund(ctx, id)
		}
		return "基金：" + orNew(f.Name), func(w fyne.Window) fyne.CanvasObject { return newFundPage(w, m.ledger, m.run, f).content() }, err
	case app.KindActivity:
		var a app.Activity
		var err error
		if id != "" {
			a, err = st.Activity(ctx, id)
		}
		return "跟进记录", func(w fyne.Window) fyne.CanvasObject { return newActivityPage(w, m.ledger, m.run, a, r).content() }, err
	case app.KindTask:
		var t app.Task
		var err error
		if id != "" {
			t, err = st.Task(ctx, id)
		}
		return "任务：" + orNew(t.Title), func(w fyne.Window) fyne.CanvasObject { return newTaskPage(w, m.ledger, m.run, t).content() }, err
	case app.KindEvent:
		var e app.Event
		var err error
		if id != "" {
			e, err = st.Event(ctx, id)
		}
		return "活动：" + orNew(e.Name), func(w fyne.Window) fyne.CanvasObject { return newEventPage(w, m.ledger, m.run, e).content() }, err
	case app.KindTrip:
		var t app.Trip
		var err error
		if id != "" {
			t, err = st.Trip(ctx, id)
		}
		return "出差：" + orNew(t.Destination), func(w fyne.Window) fyne.CanvasObject { return newTripPage(w, m.ledger, m.run, t).content() }, err
	case app.KindCampaign:
		var c app.Campaign
		var err error
		if id != "" {
			c, err = st.Campaign(ctx, id)
		}
		return "联络活动：" + orNew(c.Name), func(w fyne.Window) fyne.CanvasObject { return newCampaignPage(w, m.ledger, m.run, c).content() }, err
	}
	return "", nil, fmt.Errorf("无法打开“%s”记录", kind.Label())
}

func orNew(name string) string {
	if name == "" {
		return "新建"
	}
	return name
}
