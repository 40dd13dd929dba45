package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// showDetail opens the detail page of a record in a window of its own, loaded off the UI
// goroutine.
func (m *mainWindow) showDetail(kind app.EntityKind, id string) {
	m.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		title, err := recordTitle(ctx, m.ledger, kind, id)
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, m.win)
				return
			}
			w := fyne.CurrentApp().NewWindow(kind.Label() + "：" + title)
			w.SetContent(widget.NewLabel(title))
			w.Resize(fyne.NewSize(900, 700))
			w.Show()
		})
	})
}

// recordTitle reads the name a record is known by.
func recordTitle(ctx context.Context, l *app.Ledger, kind app.EntityKind, id string) (string, error) {
	st := l.Store()
	switch kind {
	case app.KindEnterprise:
		e, err := st.Enterprise(ctx, id)
		return e.Name, err
	case app.KindPerson:
		p, err := st.Person(ctx, id)
		return p.Name, err
	case app.KindProject:
		p, err := st.Project(ctx, id)
		return p.Name, err
	case app.KindFund:
		f, err := st.Fund(ctx, id)
		return f.Name, err
	case app.KindChamber:
		c, err := st.Chamber(ctx, id)
		return c.Name, err
	case app.KindActivity:
		a, err := st.Activity(ctx, id)
		return a.On.String() + " " + a.Kind, err
	case app.KindTask:
		t, err := st.Task(ctx, id)
		return t.Title, err
	}
	return "", app.ErrNotFound
}
