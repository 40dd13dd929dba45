package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// TestChamberPageMembersAndActivities shows a chamber's members by role and its members'
// follow-ups, each once, newest first; a name opens the person.
func TestChamberPageMembersAndActivities(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	ctx := context.Background()
	c := app.Chamber{Name: "深圳市江西商会", City: "深圳市"}
	if err := l.SaveChamber(ctx, &c); err != nil {
		t.Fatal(err)
	}
	member := func(name, role string) app.Person {
		p := app.Person{Name: name}
		if role != "" {
			p.Memberships = []app.Membership{{ChamberID: c.ID, Role: role}}
		}
		if err := l.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	wu := member("吴会员", "会员")
	zhou := member("周会长", "会长")
	member("陈秘书长", "秘书长")
	outsider := member("外人", "")
	visit := func(daysAgo int, summary string, people ...string) app.Activity {
		a := app.Activity{Kind: "走访", On: apptest.Today.AddDays(-daysAgo), Summary: summary, PersonIDs: people}
		if err := l.SaveActivity(ctx, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	older := visit(10, "拜访会长", zhou.ID)
	newer := visit(5, "商会座谈", zhou.ID, wu.ID)
	visit(1, "与商会无关", outsider.ID)

	c, err := l.Store().Chamber(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got opened
	pg := newChamberPage(test.NewTempWindow(t, nil), l, syncRun, c, newTestRefs(t, l))
	pg.open = got.open
	test.NewTempWindow(t, pg.content())

	var names []string
	for _, link := range pg.memberLinks {
		names = append(names, link.Text())
	}
	if fmt.Sprint(names) != "[周会长 陈秘书长 吴会员]" {
		t.Errorf("members %v, want 会长, 秘书长, 会员", names)
	}
	var acts []string
	for _, a := range pg.shownActs {
		acts = append(acts, a.ID)
	}
	if fmt.Sprint(acts) != fmt.Sprint([]string{newer.ID, older.ID}) || pg.actStatus.Text != "共 2 条。" {
		t.Errorf("activities %v (%q), want the 座谈 then the 拜访", acts, pg.actStatus.Text)
	}
	test.Tap(pg.memberLinks[0])
	if fmt.Sprint(got.kinds, got.ids) != fmt.Sprint([]string{"person"}, []string{zhou.ID}) {
		t.Errorf("opened %v %v", got.kinds, got.ids)
	}
}
