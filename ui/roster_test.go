package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// rosterNames lists the names on the roster in display order.
func rosterNames(s *rosterScreen) []string {
	var out []string
	for _, r := range s.list.rows {
		out = append(out, r.Name)
	}
	return out
}

// cellText is what a roster column shows for the row of a person.
func cellText(t *testing.T, s *rosterScreen, name, column string) string {
	t.Helper()
	for _, r := range s.list.rows {
		if r.Name != name {
			continue
		}
		for _, c := range rosterColumns {
			if c.title == column {
				return c.text(r)
			}
		}
		t.Fatalf("no column %q", column)
	}
	t.Fatalf("%s is not listed", name)
	return ""
}

// TestRosterFilters fills the roster with five people on apptest's fixed day (2026-11-27) and
// narrows it by contact state, 籍贯, city of residence, chamber, tier and keeper.
func TestRosterFilters(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	ctx := context.Background()
	today := apptest.Today
	chamber := app.Chamber{Name: "深圳市江西商会", City: "深圳市"}
	if err := l.SaveChamber(ctx, &chamber); err != nil {
		t.Fatal(err)
	}
	person := func(p app.Person, contactedDaysAgo int) app.Person {
		t.Helper()
		if err := l.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if contactedDaysAgo >= 0 {
			a := app.Activity{Kind: "走访", On: today.AddDays(-contactedDaysAgo), Summary: "拜访", PersonIDs: []string{p.ID}}
			if err := l.SaveActivity(ctx, &a); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	person(app.Person{Name: "周建华", Ties: []app.Tie{app.TieHometown}, Tier: app.TierA, NativeProvince: "江西省", NativeCity: "吉安市",
		NativeCounty: "泰和县", ResidenceCity: "深圳市", Keeper: "李文华", Memberships: []app.Membership{{ChamberID: chamber.ID, Role: "会长"}}}, 40)
	person(app.Person{Name: "吴海燕", Ties: []app.Tie{app.TieAlumni}, Tier: app.TierB, NativeProvince: "江西省", NativeCity: "赣州市",
		NativeCounty: "于都县", ResidenceCity: "上海市", Keeper: "王晓明"}, 55)
	person(app.Person{Name: "李明", Ties: []app.Tie{app.TieComrade}, Tier: app.TierC, ResidenceCity: "深圳市"}, -1)
	person(app.Person{Name: "陈刚", Ties: []app.Tie{app.TieHometown}, NativeProvince: "江西省", NativeCity: "吉安市", NativeCounty: "吉水县",
		ResidenceCity: "深圳市"}, 10)
	person(app.Person{Name: "张三", Tier: app.TierA}, 100) // no 三友 tie: not on the roster

	win := test.NewTempWindow(t, nil)
	s := newRosterScreen(listEnv{win: win, ledger: l, run: syncRun, open: func(app.EntityKind, string) {}})
	win.SetContent(s.content())
	win.Resize(fyne.NewSize(1300, 700))

	if got := fmt.Sprint(rosterNames(s)); got != "[吴海燕 周建华 李明 陈刚]" || s.list.footer.Text != "共 4 位三友" {
		t.Fatalf("whole roster %s, footer %q", got, s.list.footer.Text)
	}
	for _, c := range []struct{ name, column, want string }{
		{"周建华", "距今天数", "40"}, {"周建华", "联系周期", "30天"}, {"周建华", "联系状态", "超期 10 天"},
		{"周建华", "商会职务", "深圳市江西商会会长"}, {"周建华", "籍贯", "江西省吉安市泰和县"},
		{"吴海燕", "联系状态", "5 天后到期"}, {"李明", "距今天数", "从未联系"}, {"李明", "联系状态", "从未联系"},
		{"陈刚", "联系周期", ""}, {"陈刚", "最近联系", today.AddDays(-10).String()},
	} {
		if got := cellText(t, s, c.name, c.column); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.name, c.column, got, c.want)
		}
	}

	// 联系状态 ascending: never contacted, the most overdue, due soon; no cadence last.
	tapHeader(t, win, "联系状态")
	if got := fmt.Sprint(rosterNames(s)); got != "[李明 周建华 吴海燕 陈刚]" {
		t.Errorf("sorted by 联系状态: %s", got)
	}

	for _, c := range []struct {
		name string
		set  func()
		want string
	}{
		{"快要失联", func() { s.state.SetSelected(atRisk) }, "[李明 周建华 吴海燕]"},
		{"籍贯 吉安", func() { s.native.SetText("吉安") }, "[周建华 陈刚]"},
		{"常住 深圳", func() { s.city.SetText("深圳") }, "[李明 周建华 陈刚]"},
		{"商会", func() { s.chamber.SetSelected("深圳市江西商会") }, "[周建华]"},
		{"等级 B", func() { s.tier.SetSelected("B") }, "[吴海燕]"},
		{"维护人 王晓明", func() { s.keeper.SetText("王晓明") }, "[吴海燕]"},
		{"三友 乡友", func() { s.tie.SetSelected("乡友") }, "[周建华 陈刚]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s.list.onClearFilters()
			c.set()
			s.list.reload()
			if got := fmt.Sprint(rosterNames(s)); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}
