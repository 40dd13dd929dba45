package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// relationChoice is one choice of the kind of a new relationship, as seen from the person
// whose page it is: for 引荐人 it says who introduced whom.
type relationChoice struct {
	label   string
	kind    app.RelationKind
	otherIs bool // the other person is the FromID (the introducer)
}

var relationChoices = []relationChoice{
	{"同乡", app.RelationHometown, false},
	{"校友", app.RelationAlumni, false},
	{"战友", app.RelationComrade, false},
	{"亲属", app.RelationKin, false},
	{"引荐人（对方引荐了本人）", app.RelationIntroducer, true},
	{"经其引荐（本人引荐了对方）", app.RelationIntroducer, false},
}

// maxSuggested is how many people each suggestion (同县, 同校, 同驻地) names.
const maxSuggested = 5

// relationsView is the 人物关系 tab of a person's page: the person's relationships in both
// directions, each opening the other person and removable (to the recycle bin); a row to add
// one; and suggested 同乡/校友/战友 from the same county, school or service place.
type relationsView struct {
	ledger   *app.Ledger
	run      runner
	open     func(app.EntityKind, string)
	personID string

	kind   *widget.Select
	other  *recordPicker
	note   *widget.Entry
	add    *widget.Button
	status *widget.Label
	list   *fyne.Container
	hints  *fyne.Container

	shown   []app.PersonRelation // the relationships shown, for tests
	links   []*elidedLink        // the other person of each, for tests
	removes []*widget.Button
	adopt   []*widget.Button // 设为 buttons of the suggestions, for tests
}

func newRelationsView(l *app.Ledger, run runner, open func(app.EntityKind, string), personID string) *relationsView {
	v := &relationsView{ledger: l, run: run, open: open, personID: personID,
		other: personPicker(l, run), note: widget.NewEntry(), status: widget.NewLabel(""),
		list: container.NewVBox(), hints: container.NewVBox()}
	var labels []string
	for _, c := range relationChoices {
		labels = append(labels, c.label)
	}
	v.kind = widget.NewSelect(labels, nil)
	v.kind.SetSelectedIndex(0)
	v.note.SetPlaceHolder("备注（可不填）")
	v.add = widget.NewButton("添加关系", v.onAdd)
	v.status.Wrapping = fyne.TextWrapWord
	return v
}

func (v *relationsView) object() fyne.CanvasObject {
	heading := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	addRow := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(220, v.kind.MinSize().Height), v.kind),
		container.NewHBox(container.NewGridWrap(fyne.NewSize(200, v.note.MinSize().Height), v.note), v.add), v.other.entry)
	return container.NewVScroll(container.NewVBox(heading("人物关系"), v.list, widget.NewSeparator(),
		heading("添加关系"), addRow, v.status, widget.NewSeparator(),
		heading("可能的同乡、校友、战友（籍贯同县、同一母校、同一服役驻地）"), v.hints))
}

// refresh reads the relationships and the suggestions off the UI goroutine and shows them.
func (v *relationsView) refresh() {
	if v.personID == "" {
		v.list.RemoveAll()
		v.list.Add(widget.NewLabel("保存人物后可添加关系。"))
		return
	}
	id := v.personID
	v.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		rels, err := v.ledger.Store().RelationsOf(ctx, id)
		var hints []app.SuggestedRelation
		if err == nil {
			hints, err = v.ledger.Store().SuggestedRelations(ctx, id, maxSuggested)
		}
		fyne.Do(func() {
			if err != nil {
				v.status.SetText("读取人物关系失败：" + err.Error())
				return
			}
			v.showRelations(rels)
			v.showHints(hints, rels)
		})
	})
}

func (v *relationsView) showRelations(rels []app.PersonRelation) {
	v.shown, v.links, v.removes = rels, nil, nil
	v.list.RemoveAll()
	if len(rels) == 0 {
		v.list.Add(widget.NewLabel("尚无记录的关系。"))
	}
	for _, r := range rels {
		r := r
		link := newElidedLink(r.OtherName, func() { v.open(app.KindPerson, r.OtherID) })
		remove := widget.NewButton("移除", func() { v.onRemove(r) })
		remove.Importance = widget.LowImportance
		kind := widget.NewLabelWithStyle(r.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		note := newElidedText(r.Note, theme.SizeNameCaptionText, theme.ColorNameForeground, fyne.TextStyle{})
		v.links, v.removes = append(v.links, link), append(v.removes, remove)
		v.list.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(90, kind.MinSize().Height), kind), remove,
			container.NewGridWithColumns(2, link, note)))
	}
}

// showHints lists the suggested people, leaving out those already related in that way.
func (v *relationsView) showHints(hints []app.SuggestedRelation, rels []app.PersonRelation) {
	v.adopt = nil
	v.hints.RemoveAll()
	related := map[string]bool{}
	for _, r := range rels {
		related[string(r.Kind)+r.OtherID] = true
	}
	for _, h := range hints {
		label := widget.NewLabel(fmt.Sprintf("%s · %s（共 %d 人）：", h.Kind, h.Reason, h.Total))
		line := container.NewHBox(label)
		for _, p := range h.People {
			if related[string(h.Kind)+p.ID] {
				continue
			}
			p, kind := p, h.Kind
			// An elided link has no width of its own: in a row it needs one, or the name is lost.
			link := newElidedLink(p.Name, func() { v.open(app.KindPerson, p.ID) })
			line.Add(container.NewGridWrap(fyne.NewSize(80, label.MinSize().Height), container.NewVBox(layout.NewSpacer(), link, layout.NewSpacer())))
			b := widget.NewButton("设为"+string(kind), func() { v.save(app.Relationship{Kind: kind, FromID: v.personID, ToID: p.ID}) })
			b.Importance = widget.LowImportance
			v.adopt = append(v.adopt, b)
			line.Add(b)
		}
		v.hints.Add(line)
	}
	if len(hints) == 0 {
		v.hints.Add(widget.NewLabel("没有籍贯同县、同一母校或同一服役驻地的人。"))
	}
}

// onAdd saves the relationship chosen in the add row.
func (v *relationsView) onAdd() {
	other, err := v.other.id()
	if err != nil {
		v.status.SetText(err.Error())
		return
	}
	if other == "" {
		v.status.SetText("请先在输入框中输入姓名，从下拉列表中选择对方")
		return
	}
	c := relationChoices[max(v.kind.SelectedIndex(), 0)]
	r := app.Relationship{Kind: c.kind, FromID: v.personID, ToID: other, Note: v.note.Text}
	if c.otherIs {
		r.FromID, r.ToID = other, v.personID
	}
	v.save(r)
}

// save creates a relationship off the UI goroutine; the add row is cleared when it is saved
// and kept, with the reason, when it is not.
func (v *relationsView) save(r app.Relationship) {
	v.add.Disable()
	v.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := v.ledger.SaveRelationship(ctx, &r)
		fyne.Do(func() {
			v.add.Enable()
			if err != nil {
				v.status.SetText("未添加：" + strings.Join(problemTexts(err), "；"))
				return
			}
			v.status.SetText("已添加" + string(r.Kind) + "关系")
			v.other.entry.SetText("")
			v.note.SetText("")
			v.refresh()
		})
	})
}

// onRemove moves a relationship to the recycle bin.
func (v *relationsView) onRemove(r app.PersonRelation) {
	v.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := v.ledger.Delete(ctx, app.KindRelationship, r.ID)
		fyne.Do(func() {
			if err != nil {
				v.status.SetText("移除失败：" + err.Error())
				return
			}
			v.status.SetText(fmt.Sprintf("已移除与%s的%s关系（可在“回收站”恢复）", r.OtherName, r.Label()))
			v.refresh()
		})
	})
}

// problemTexts are the messages of a validation error, or the error's text.
func problemTexts(err error) []string {
	var out []string
	for _, p := range app.FieldProblems(err) {
		out = append(out, p.Message)
	}
	if len(out) == 0 {
		out = append(out, err.Error())
	}
	return out
}
