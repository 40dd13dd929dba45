package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// maxChamberActivities is how many of the members' latest follow-ups a chamber's page lists.
const maxChamberActivities = 30

// chamberPage is a chamber's page: its form, its members with their roles (会长 first), each
// opening the person, and the latest follow-ups with its members. An activity links people,
// enterprises and projects, not a chamber, so the chamber's activities are its members'.
type chamberPage struct {
	*detailPage
	c          app.Chamber
	members    *fyne.Container
	activities *fyne.Container
	actStatus  *widget.Label
	// open opens a member's or an activity's page; the window sets it.
	open func(app.EntityKind, string)

	memberLinks []*elidedLink  // for tests
	shownActs   []app.Activity // for tests
}

func newChamberPage(win fyne.Window, l *app.Ledger, run runner, c app.Chamber, r refs) *chamberPage {
	pg := &chamberPage{detailPage: newDetailPage(win, l, run), c: c, members: container.NewVBox(), activities: container.NewVBox(),
		actStatus: widget.NewLabel(""), open: func(app.EntityKind, string) {}}
	f := pg.form
	f.textField("name", "商会名称", &pg.c.Name)
	f.textField("city", "所在城市", &pg.c.City)
	kinds := make([]string, len(r.chamberKinds))
	copy(kinds, r.chamberKinds)
	choiceField(f, "kind", "类型", kinds, &pg.c.Kind)
	f.notesField("notes", "备注", &pg.c.Notes)
	pg.persist = func(ctx context.Context) error { return l.SaveChamber(ctx, &pg.c) }
	return pg
}

func (pg *chamberPage) content() fyne.CanvasObject {
	pg.form.load()
	pg.showMembers()
	pg.loadActivities()
	heading := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	return container.NewBorder(nil, pg.bar(), nil, nil, container.NewAppTabs(
		container.NewTabItem("基本信息", container.NewVScroll(container.NewVBox(pg.form.object(), pg.form.general))),
		container.NewTabItem(fmt.Sprintf("成员（%d）", len(pg.c.Members)), container.NewVScroll(pg.members)),
		container.NewTabItem("成员的跟进记录", container.NewVScroll(container.NewVBox(
			heading("与本商会成员的最近跟进（商会职务在人物页编辑）"), pg.actStatus, pg.activities))),
	))
}

// roleRank orders roles as chambers list them: 会长 first, 会员 and unknown roles last.
func roleRank(role string) int {
	if i := slices.Index(chamberRoles, role); i >= 0 {
		return i
	}
	return len(chamberRoles)
}

// showMembers lists the members by role, then name; each name opens the person.
func (pg *chamberPage) showMembers() {
	ms := slices.Clone(pg.c.Members)
	slices.SortStableFunc(ms, func(a, b app.ChamberMember) int {
		return cmp.Or(cmp.Compare(roleRank(a.Role), roleRank(b.Role)), strings.Compare(a.PersonName, b.PersonName))
	})
	pg.members.RemoveAll()
	pg.memberLinks = nil
	if len(ms) == 0 {
		pg.members.Add(widget.NewLabel("尚无成员：在人物页的“商会职务”中添加。"))
	}
	for _, m := range ms {
		id := m.PersonID
		link := newElidedLink(m.PersonName, func() { pg.open(app.KindPerson, id) })
		role := widget.NewLabel(m.Role)
		pg.memberLinks = append(pg.memberLinks, link)
		pg.members.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(110, role.MinSize().Height), role), nil, link))
	}
}

// loadActivities reads the latest follow-ups of each member off the UI goroutine and lists
// the newest maxChamberActivities of them, each once.
func (pg *chamberPage) loadActivities() {
	members := slices.Clone(pg.c.Members)
	if len(members) == 0 {
		pg.actStatus.SetText("尚无成员，也就没有跟进记录。")
		return
	}
	pg.actStatus.SetText("正在读取……")
	names := map[string]string{}
	for _, m := range members {
		names[m.PersonID] = m.PersonName
	}
	pg.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		seen := map[string]bool{}
		var acts []app.Activity
		var err error
		for _, m := range members {
			var as []app.Activity
			if as, err = pg.ledger.Store().Activities(ctx, app.ActivityFilter{PersonID: m.PersonID, Limit: maxChamberActivities}); err != nil {
				break
			}
			for _, a := range as {
				if !seen[a.ID] {
					seen[a.ID] = true
					acts = append(acts, a)
				}
			}
		}
		slices.SortStableFunc(acts, func(a, b app.Activity) int { return cmp.Or(b.On.Compare(a.On), strings.Compare(a.ID, b.ID)) })
		total := len(acts)
		acts = acts[:min(len(acts), maxChamberActivities)]
		fyne.Do(func() {
			if err != nil {
				pg.actStatus.SetText("读取跟进记录失败：" + err.Error())
				return
			}
			pg.showActivities(acts, total, names)
		})
	})
}

func (pg *chamberPage) showActivities(acts []app.Activity, total int, names map[string]string) {
	pg.shownActs = acts
	pg.activities.RemoveAll()
	switch {
	case total == 0:
		pg.actStatus.SetText("成员尚无跟进记录。")
	case total > len(acts):
		pg.actStatus.SetText(fmt.Sprintf("共 %d 条，列出最近 %d 条。", total, len(acts)))
	default:
		pg.actStatus.SetText(fmt.Sprintf("共 %d 条。", total))
	}
	for _, a := range acts {
		var who []string
		for _, id := range a.PersonIDs {
			if n, ok := names[id]; ok {
				who = append(who, n)
			}
		}
		id := a.ID
		link := newElidedLink(fmt.Sprintf("%s %s · %s", a.On, a.Kind, strings.Join(who, "、")), func() { pg.open(app.KindActivity, id) })
		detail := newElidedText(a.Summary, theme.SizeNameCaptionText, theme.ColorNameForeground, fyne.TextStyle{})
		pg.activities.Add(container.NewVBox(link, detail))
	}
}
