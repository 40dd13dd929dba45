package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// duplicateHints shows, under the name of a record being created, the existing records it
// probably duplicates (the same normalised name, credit code or phone, as the 查重 scan
// finds them), each a button that opens that record. Lookups run off the UI goroutine,
// debounced, and only the answer to the latest typing is shown. prepare reads the widgets
// (on the UI goroutine) and returns the lookup to run off it.
type duplicateHints struct {
	run      runner
	prepare  func() func(ctx context.Context) ([]app.DuplicateHint, error)
	open     func(app.EntityKind, string)
	box      *fyne.Container
	debounce time.Duration

	hints []app.DuplicateHint // shown now
	timer *time.Timer
	seq   int
}

func newDuplicateHints(run runner, open func(app.EntityKind, string), prepare func() func(context.Context) ([]app.DuplicateHint, error)) *duplicateHints {
	return &duplicateHints{run: run, prepare: prepare, open: open, box: container.NewVBox(), debounce: 300 * time.Millisecond}
}

// changed is called on the UI goroutine whenever a field the lookup reads changes.
func (h *duplicateHints) changed() {
	if h.timer != nil {
		h.timer.Stop()
	}
	h.seq++
	seq := h.seq
	lookup := h.prepare()
	look := func() {
		h.run(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			hints, err := lookup(ctx)
			fyne.Do(func() {
				if seq == h.seq && err == nil {
					h.show(hints)
				}
			})
		})
	}
	if h.debounce <= 0 {
		look()
		return
	}
	h.timer = time.AfterFunc(h.debounce, look)
}

func (h *duplicateHints) show(hints []app.DuplicateHint) {
	h.hints = hints
	h.box.RemoveAll()
	if len(hints) == 0 {
		return
	}
	h.box.Add(mutedText("可能与已有记录重复（点击打开）："))
	for _, d := range hints {
		text := d.Name
		if d.Detail != "" {
			text += "（" + d.Detail + "）"
		}
		b := widget.NewButton(text+" · "+d.Reason, func() { h.open(d.Kind, d.ID) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		h.box.Add(b)
	}
}

// withHints puts the hints under a text field of a form and looks them up as it changes.
func withHints(f *recordForm, key string, h *duplicateHints) *widget.Entry {
	ff := f.field(key)
	e := ff.input.(*widget.Entry)
	ff.input = container.NewVBox(e, h.box)
	return e
}

// withDuplicateHints shows likely duplicates under the name of a new enterprise.
func (pg *enterprisePage) withDuplicateHints(open func(app.EntityKind, string)) *enterprisePage {
	if pg.e.ID != "" {
		return pg
	}
	var name, code *widget.Entry
	pg.hints = newDuplicateHints(pg.run, open, func() func(context.Context) ([]app.DuplicateHint, error) {
		n, c := name.Text, code.Text
		return func(ctx context.Context) ([]app.DuplicateHint, error) {
			return pg.ledger.LikelyEnterpriseDuplicates(ctx, n, c, "")
		}
	})
	name = withHints(pg.form, "name", pg.hints)
	code = pg.form.field("credit_code").input.(*widget.Entry)
	name.OnChanged = func(string) { pg.hints.changed() }
	code.OnChanged = name.OnChanged
	return pg
}

// withDuplicateHints shows likely duplicates under the name of a new person: the same
// phone, or the same name.
func (pg *personPage) withDuplicateHints(open func(app.EntityKind, string)) *personPage {
	if pg.p.ID != "" {
		return pg
	}
	var name, phones *widget.Entry
	pg.hints = newDuplicateHints(pg.run, open, func() func(context.Context) ([]app.DuplicateHint, error) {
		n, ps := name.Text, splitList(phones.Text)
		return func(ctx context.Context) ([]app.DuplicateHint, error) {
			return pg.ledger.LikelyPersonDuplicates(ctx, n, ps, "", "")
		}
	})
	name = withHints(pg.form, "name", pg.hints)
	phones = pg.form.field("phones").input.(*widget.Entry)
	name.OnChanged = func(string) { pg.hints.changed() }
	phones.OnChanged = name.OnChanged
	return pg
}
