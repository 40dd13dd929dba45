package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// pickItem is one candidate of a picker.
type pickItem struct {
	ID    string
	Label string
}

// recordPicker is a type-ahead choice of one record (zone, chain, enterprise, person, fund,
// project): the user types part of a name and picks from the matches; the picker keeps the
// ID. Matches are looked up off the UI goroutine, debounced.
type recordPicker struct {
	entry    *widget.SelectEntry
	lookup   func(ctx context.Context, query string) ([]pickItem, error)
	label    func(ctx context.Context, id string) (string, error)
	run      runner
	debounce time.Duration

	byLabel map[string]string
	options []string // the candidates offered now
	timer   *time.Timer
	seq     int
}

func newRecordPicker(run runner, placeholder string,
	lookup func(context.Context, string) ([]pickItem, error), label func(context.Context, string) (string, error)) *recordPicker {
	p := &recordPicker{entry: widget.NewSelectEntry(nil), lookup: lookup, label: label, run: run,
		debounce: 150 * time.Millisecond, byLabel: map[string]string{}}
	p.entry.SetPlaceHolder(placeholder)
	p.entry.OnChanged = p.onChanged
	return p
}

// onChanged looks up the matches of what was typed, unless it is already a candidate.
func (p *recordPicker) onChanged(text string) {
	if _, ok := p.byLabel[text]; ok {
		return
	}
	if p.timer != nil {
		p.timer.Stop()
	}
	p.seq++
	seq := p.seq
	query := app.CleanText(text)
	search := func() {
		p.run(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			items, err := p.lookup(ctx, query)
			fyne.Do(func() {
				if seq != p.seq || err != nil {
					return
				}
				p.setOptions(items)
			})
		})
	}
	if p.debounce <= 0 {
		search()
		return
	}
	p.timer = time.AfterFunc(p.debounce, search)
}

func (p *recordPicker) setOptions(items []pickItem) {
	labels := make([]string, 0, len(items))
	seen := map[string]bool{}
	for _, it := range items {
		l := it.Label
		if seen[l] { // two records of the same name: tell them apart
			l = fmt.Sprintf("%s（%s）", l, it.ID[:8])
		}
		seen[l] = true
		p.byLabel[l] = it.ID
		labels = append(labels, l)
	}
	p.options = labels
	p.entry.SetOptions(labels)
}

// id returns the chosen record's ID: "" when the entry is empty, an error when the text is
// not one of the candidates.
func (p *recordPicker) id() (string, error) {
	text := strings.TrimSpace(p.entry.Text)
	if text == "" {
		return "", nil
	}
	if id, ok := p.byLabel[text]; ok {
		return id, nil
	}
	return "", fmt.Errorf("“%s”不在候选中：请输入名称的一部分后从下拉列表中选择", text)
}

// set shows the record with the given ID (its label is read off the UI goroutine).
func (p *recordPicker) set(id string) {
	p.seq++
	if id == "" {
		p.entry.SetText("")
		return
	}
	seq := p.seq
	p.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		label, err := p.label(ctx, id)
		fyne.Do(func() {
			if seq != p.seq {
				return
			}
			if err != nil {
				label = "（已删除的记录）"
			}
			p.byLabel[label] = id
			p.entry.SetText(label)
		})
	})
}

// The pickers of each kind of record, all reading through the ledger.

func enterprisePicker(l *app.Ledger, run runner) *recordPicker {
	return newRecordPicker(run, "输入企业名称或信用代码",
		func(ctx context.Context, q string) ([]pickItem, error) {
			es, err := l.Store().Enterprises(ctx, app.EnterpriseFilter{Query: q, Limit: 30})
			items := make([]pickItem, len(es))
			for i, e := range es {
				items[i] = pickItem{e.ID, e.Name}
			}
			return items, err
		},
		func(ctx context.Context, id string) (string, error) {
			e, err := l.Store().Enterprise(ctx, id)
			return e.Name, err
		})
}

func personPicker(l *app.Ledger, run runner) *recordPicker {
	return newRecordPicker(run, "输入姓名或电话",
		func(ctx context.Context, q string) ([]pickItem, error) {
			ps, err := l.Store().People(ctx, app.PersonFilter{Query: q, Limit: 30})
			items := make([]pickItem, len(ps))
			for i, p := range ps {
				items[i] = pickItem{p.ID, personLabel(p)}
			}
			return items, err
		},
		func(ctx context.Context, id string) (string, error) {
			p, err := l.Store().Person(ctx, id)
			return personLabel(p), err
		})
}

func personLabel(p app.Person) string {
	if p.Title != "" {
		return p.Name + " · " + p.Title
	}
	return p.Name
}

func projectPicker(l *app.Ledger, run runner) *recordPicker {
	return newRecordPicker(run, "输入项目名称或编码",
		func(ctx context.Context, q string) ([]pickItem, error) {
			ps, err := l.Store().Projects(ctx, app.ProjectFilter{Query: q, Limit: 30})
			items := make([]pickItem, len(ps))
			for i, p := range ps {
				items[i] = pickItem{p.ID, p.Name}
			}
			return items, err
		},
		func(ctx context.Context, id string) (string, error) {
			p, err := l.Store().Project(ctx, id)
			return p.Name, err
		})
}

// listPicker picks from a short list read whole (zones, chains, funds) and filtered in memory.
func listPicker(run runner, placeholder string, all func(ctx context.Context) ([]pickItem, error)) *recordPicker {
	match := func(ctx context.Context, q string) ([]pickItem, error) {
		items, err := all(ctx)
		if err != nil || q == "" {
			return items, err
		}
		var out []pickItem
		for _, it := range items {
			if strings.Contains(it.Label, q) {
				out = append(out, it)
			}
		}
		return out, nil
	}
	p := newRecordPicker(run, placeholder, match, func(ctx context.Context, id string) (string, error) {
		items, err := all(ctx)
		for _, it := range items {
			if it.ID == id {
				return it.Label, err
			}
		}
		return "", app.ErrNotFound
	})
	p.debounce = 0 // a short list read whole: nothing to save by waiting
	return p
}

func zonePicker(l *app.Ledger, run runner) *recordPicker {
	return listPicker(run, "输入开发区名称", func(ctx context.Context) ([]pickItem, error) {
		zs, err := l.Store().Zones(ctx)
		items := make([]pickItem, len(zs))
		for i, z := range zs {
			items[i] = pickItem{z.ID, z.Name}
		}
		return items, err
	})
}

func chainPicker(l *app.Ledger, run runner) *recordPicker {
	return listPicker(run, "输入产业链名称", func(ctx context.Context) ([]pickItem, error) {
		cs, err := l.Store().Chains(ctx)
		items := make([]pickItem, len(cs))
		for i, c := range cs {
			items[i] = pickItem{c.ID, c.Name + "（" + c.Plan + "）"}
		}
		return items, err
	})
}

func fundPicker(l *app.Ledger, run runner) *recordPicker {
	return listPicker(run, "输入基金名称", func(ctx context.Context) ([]pickItem, error) {
		fs, err := l.Store().Funds(ctx)
		items := make([]pickItem, len(fs))
		for i, f := range fs {
			items[i] = pickItem{f.ID, f.Name}
		}
		return items, err
	})
}

func chamberPicker(l *app.Ledger, run runner) *recordPicker {
	return listPicker(run, "输入商会名称", func(ctx context.Context) ([]pickItem, error) {
		cs, err := l.Store().Chambers(ctx)
		items := make([]pickItem, len(cs))
		for i, c := range cs {
			items[i] = pickItem{c.ID, c.Name}
		}
		return items, err
	})
}
