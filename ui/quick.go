package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"ganzhao/app"
)

// quickEntryShortcut opens the quick visit entry from anywhere in the window.
var quickEntryShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}

// addQuickEntry registers Ctrl+N on the main window.
func (m *mainWindow) addQuickEntry() {
	m.win.Canvas().AddShortcut(quickEntryShortcut, func(fyne.Shortcut) { m.openQuickEntry() })
}

// openQuickEntry opens a window to log a visit or a call in three steps: who (people,
// enterprises, projects, typed ahead), what happened, and the next step with its date. It
// closes itself once saved.
func (m *mainWindow) openQuickEntry() { m.openQuickEntryWith(app.Activity{}) }

// openQuickEntryWith opens the quick entry with some of the follow-up filled in: the person
// or the project a reminder is about.
func (m *mainWindow) openQuickEntryWith(a app.Activity) {
	m.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		r, err := loadRefs(ctx, m.ledger)
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, m.win)
				return
			}
			w := fyne.CurrentApp().NewWindow("快速记录跟进")
			pg := m.newQuickEntryPage(w, r, a)
			w.SetContent(pg.content())
			w.Resize(fyne.NewSize(720, 640))
			w.Show()
			w.Canvas().Focus(pg.people.picker.entry)
		})
	})
}

// newQuickEntryPage is the activity page as the quick entry shows it: a visit dated today
// by the user, closing its window once saved.
func (m *mainWindow) newQuickEntryPage(w fyne.Window, r refs, a app.Activity) *activityPage {
	pg := newActivityPage(w, m.ledger, m.run, a, r)
	pg.saved = func() { w.Close() }
	return pg
}
