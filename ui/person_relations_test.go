package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// relationTexts are the relationships a page shows: what the other is, and their name.
func relationTexts(v *relationsView) []string {
	var out []string
	for i, r := range v.shown {
		out = append(out, r.Label()+":"+v.links[i].Text())
	}
	return out
}

// TestPersonPageRelations adds a suggested 同乡 and an introducer on a person's page, sees
// both from the other side, opens the related person and removes one.
func TestPersonPageRelations(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	ctx := context.Background()
	save := func(p app.Person) app.Person {
		if err := l.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	zhou := save(app.Person{Name: "周建华", Title: "董事长", NativeProvince: "江西省", NativeCity: "吉安市", NativeCounty: "泰和县"})
	wu := save(app.Person{Name: "吴海燕", NativeProvince: "江西省", NativeCity: "吉安市", NativeCounty: "泰和县"})
	li := save(app.Person{Name: "李明", Title: "总经理"})

	var opened opened
	pg := newPersonPage(test.NewTempWindow(t, nil), l, syncRun, zhou)
	pg.open = opened.open
	test.NewTempWindow(t, pg.content())
	v := pg.relations
	if len(v.shown) != 0 || len(v.adopt) != 1 || v.adopt[0].Text != "设为同乡" {
		t.Fatalf("before: %v, %d suggestions", relationTexts(v), len(v.adopt))
	}

	// The suggested 同乡 from the same county, in one tap.
	test.Tap(v.adopt[0])
	if got := relationTexts(v); fmt.Sprint(got) != "[同乡:吴海燕]" {
		t.Errorf("after adopting the suggestion: %v (%q)", got, v.status.Text)
	}
	if len(v.adopt) != 0 {
		t.Errorf("吴海燕 is still suggested")
	}

	// 李明 introduced 周建华.
	v.other.debounce = 0
	v.kind.SetSelected("引荐人（对方引荐了本人）")
	test.Type(v.other.entry, "李")
	v.other.entry.SetText("李明 · 总经理")
	test.Type(v.note, "2025年深圳恳谈会介绍")
	test.Tap(v.add)
	if got := relationTexts(v); fmt.Sprint(got) != "[同乡:吴海燕 引荐人:李明]" {
		t.Errorf("after adding the introducer: %v (%q)", got, v.status.Text)
	}
	if v.other.entry.Text != "" || v.note.Text != "" {
		t.Errorf("the add row kept %q / %q", v.other.entry.Text, v.note.Text)
	}

	// The same again is refused with the reason, and what was typed stays.
	v.kind.SetSelected("同乡")
	test.Type(v.other.entry, "吴")
	v.other.entry.SetText("吴海燕")
	test.Tap(v.add)
	if !strings.Contains(v.status.Text, "已有这条“同乡”关系") || v.other.entry.Text != "吴海燕" {
		t.Errorf("duplicate: status %q, entry %q", v.status.Text, v.other.entry.Text)
	}

	// From 李明's side, 周建华 was introduced by him.
	other := newPersonPage(test.NewTempWindow(t, nil), l, syncRun, li)
	test.NewTempWindow(t, other.content())
	if got := relationTexts(other.relations); fmt.Sprint(got) != "[经其引荐:周建华]" {
		t.Errorf("李明's page: %v", got)
	}

	// A tap on a name opens that person; 移除 sends the relationship to the recycle bin.
	test.Tap(v.links[0])
	if fmt.Sprint(opened.kinds, opened.ids) != fmt.Sprint([]string{"person"}, []string{wu.ID}) {
		t.Errorf("opened %v %v", opened.kinds, opened.ids)
	}
	test.Tap(v.removes[0])
	if got := relationTexts(v); fmt.Sprint(got) != "[引荐人:李明]" || !strings.Contains(v.status.Text, "回收站") {
		t.Errorf("after removing: %v (%q)", got, v.status.Text)
	}
}
