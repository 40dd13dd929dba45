package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// linkPicker adds records of one kind to a list of links: a picker and the chosen names with
// a button to remove each.
type linkPicker struct {
	picker *recordPicker
	ids    *[]string
	names  map[string]string
	box    *fyne.Container
	add    *widget.Button
}

func newLinkPicker(p *recordPicker, ids *[]string) *linkPicker {
	lp := &linkPicker{picker: p, ids: ids, names: map[string]string{}, box: container.NewHBox()}
	lp.add = widget.NewButton("添加", lp.onAdd)
	return lp
}

func (lp *linkPicker) object() fyne.CanvasObject {
	return container.NewVBox(container.NewBorder(nil, nil, nil, lp.add, lp.picker.entry), lp.box)
}

// onAdd links the record chosen in the picker.
func (lp *linkPicker) onAdd() {
	id, err := lp.picker.id()
	if err != nil || id == "" {
		return
	}
	for _, x := range *lp.ids {
		if x == id {
			return
		}
	}
	*lp.ids = append(*lp.ids, id)
	lp.names[id] = lp.picker.entry.Text
	lp.picker.entry.SetText("")
	lp.show()
}

func (lp *linkPicker) show() {
	lp.box.RemoveAll()
	for _, id := range *lp.ids {
		name := lp.names[id]
		if name == "" {
			name = "（已关联）"
		}
		lp.box.Add(widget.NewButton(name+" ×", func() { lp.remove(id) }))
	}
	lp.box.Refresh() // names read after the first paint must show
}

func (lp *linkPicker) remove(id string) {
	out := (*lp.ids)[:0]
	for _, x := range *lp.ids {
		if x != id {
			out = append(out, x)
		}
	}
	*lp.ids = out
	lp.show()
}

// loadNames reads the names of the linked records (off the UI goroutine) and shows them.
func (lp *linkPicker) loadNames(run runner) {
	ids := append([]string(nil), *lp.ids...)
	run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		names := map[string]string{}
		for _, id := range ids {
			if n, err := lp.picker.label(ctx, id); err == nil {
				names[id] = n
			}
		}
		fyne.Do(func() {
			for id, n := range names {
				lp.names[id] = n
			}
			lp.show()
		})
	})
}

// activityPage records a follow-up (a visit, a call, an event) and what comes next; it is
// also the quick visit entry (Ctrl+N). It links any number of projects, enterprises and people.
type activityPage struct {
	*detailPage
	a           app.Activity
	projects    *linkPicker
	enterprises *linkPicker
	people      *linkPicker
}

func newActivityPage(win fyne.Window, l *app.Ledger, run runner, a app.Activity, r refs) *activityPage {
	pg := &activityPage{detailPage: newDetailPage(win, l, run), a: a}
	if pg.a.ID == "" {
		if pg.a.On.IsZero() {
			pg.a.On = l.Today()
		}
		if pg.a.Kind == "" && len(r.activityKinds) > 0 {
			pg.a.Kind = r.activityKinds[0]
		}
		if pg.a.By == "" {
			pg.a.By = l.User()
		}
		if pg.a.TripID == "" {
			pg.a.TripID = app.CurrentTrip(r.trips, pg.a.On)
		}
	}
	pg.people = newLinkPicker(personPicker(l, run), &pg.a.PersonIDs)
	pg.enterprises = newLinkPicker(enterprisePicker(l, run), &pg.a.EnterpriseIDs)
	pg.projects = newLinkPicker(projectPicker(l, run), &pg.a.ProjectIDs)
	noop := func() error { return nil }
	f := pg.form
	f.add("person_ids", "人物", pg.people.object(), noop, func() {})
	f.add("enterprise_ids", "企业", pg.enterprises.object(), noop, func() {})
	f.add("project_ids", "项目", pg.projects.object(), noop, func() {})
	choiceField(f, "kind", "方式", r.activityKinds, &pg.a.Kind)
	f.dateField("on", "日期", &pg.a.On)
	f.textField("place", "地点", &pg.a.Place)
	f.notesField("summary", "情况", &pg.a.Summary)
	f.textField("next_step", "下步工作", &pg.a.NextStep)
	f.dateField("next_due", "下步期限", &pg.a.NextDue)
	f.textField("by", "参与人", &pg.a.By)
	tripField(f, r.trips, &pg.a.TripID)
	pg.persist = func(ctx context.Context) error { return l.SaveActivity(ctx, &pg.a) }
	return pg
}

func (pg *activityPage) content() fyne.CanvasObject {
	pg.form.load()
	for _, lp := range []*linkPicker{pg.people, pg.enterprises, pg.projects} {
		lp.loadNames(pg.run)
	}
	return container.NewBorder(nil, pg.bar(), nil, nil, container.NewVScroll(container.NewVBox(pg.form.object(), pg.form.general)))
}

// noTrip is the trip choice of a visit logged outside any trip.
const noTrip = "（不属于出差）"

// tripField binds a Select of the trips (latest first) to a visit's trip.
func tripField(f *recordForm, trips []app.Trip, v *string) *formField {
	labels := []string{noTrip}
	byLabel := map[string]string{noTrip: ""}
	byID := map[string]string{"": noTrip}
	for _, t := range trips {
		labels = append(labels, t.Label())
		byLabel[t.Label()], byID[t.ID] = t.ID, t.Label()
	}
	s := widget.NewSelect(labels, nil)
	return f.add("trip_id", "所属出差", s, func() error {
		*v = byLabel[s.Selected]
		return nil
	}, func() {
		label, ok := byID[*v]
		if !ok { // a trip in the recycle bin: keep the link
			label = "（回收站中的出差）"
			byLabel[label], byID[*v] = *v, label
			s.Options = append(s.Options, label)
		}
		s.SetSelected(label)
	})
}
