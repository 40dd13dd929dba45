package app_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"ganzhao/app"
	"ganzhao/app/apptest"
	"ganzhao/seeds"
)

func at(day int) time.Time { return time.Date(2026, 1, day, 0, 0, 0, 0, time.UTC) }

// pairText renders pairs as "A|B|reason" for comparison.
func pairText(ps []app.DuplicatePair) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.A.ID+"|"+p.B.ID+"|"+p.Reason)
	}
	return out
}

func TestFindEnterpriseDuplicates(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []app.EnterpriseKey
		want []string
	}{{
		name: "the same name written three ways: each paired with the oldest",
		keys: []app.EnterpriseKey{
			{ID: "b", Name: "华芯微联科技（深圳）有限公司", CreatedAt: at(2)},
			{ID: "a", Name: "深圳市华芯微联科技有限公司", CreatedAt: at(1)},
			{ID: "c", Name: "华芯微联科技股份有限公司", CreatedAt: at(3)},
			{ID: "d", Name: "华芯微联电子有限公司", CreatedAt: at(4)},
		},
		want: []string{"a|b|名称规范化后相同：华芯微联科技", "a|c|名称规范化后相同：华芯微联科技"},
	}, {
		name: "a credit code in common is the stronger reason, listed once and first",
		keys: []app.EnterpriseKey{
			{ID: "x", Name: "赣锋锂业股份有限公司", CreditCode: "91360500716575125F", CreatedAt: at(1)},
			{ID: "y", Name: "江西赣锋锂业有限公司", CreditCode: "91360500 716575125f", CreatedAt: at(2)},
			{ID: "z", Name: "赣锋锂业集团", CreatedAt: at(3)},
			{ID: "p", Name: "北京甲乙丙科技有限公司", CreditCode: "91110000000000000A", CreatedAt: at(4)},
			{ID: "q", Name: "另一家公司", CreditCode: "91110000000000000B", CreatedAt: at(5)},
		},
		want: []string{"x|y|统一社会信用代码相同：91360500716575125F", "x|z|名称规范化后相同：赣锋锂业"},
	}, {
		name: "nothing alike",
		keys: []app.EnterpriseKey{{ID: "a", Name: "甲公司", CreatedAt: at(1)}, {ID: "b", Name: "乙公司", CreatedAt: at(2)}},
		want: []string{},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pairText(app.FindEnterpriseDuplicates(tc.keys)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestFindPersonDuplicates(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []app.PersonKey
		want []string
	}{{
		name: "a phone in common, however written",
		keys: []app.PersonKey{
			{ID: "a", Name: "刘建国", Phones: []string{"+86 138 0013 8000"}, CreatedAt: at(1)},
			{ID: "b", Name: "刘总", Phones: []string{"0755-88889999", "13800138000"}, CreatedAt: at(2)},
			{ID: "c", Name: "王芳", Phones: []string{"0755-88889999"}, CreatedAt: at(3)},
		},
		want: []string{"a|b|手机号相同：13800138000", "b|c|电话相同：075588889999"},
	}, {
		name: "the same name in the same enterprise, or with the same WeChat; the same name alone is not enough",
		keys: []app.PersonKey{
			{ID: "a", Name: "张伟", EnterpriseID: "e1", EnterpriseName: "华芯微联", CreatedAt: at(1)},
			{ID: "b", Name: "张 伟", EnterpriseID: "e1", EnterpriseName: "华芯微联", CreatedAt: at(2)},
			{ID: "c", Name: "张伟", EnterpriseID: "e2", WeChat: "zw88", CreatedAt: at(3)},
			{ID: "d", Name: "张伟", WeChat: "ZW88", CreatedAt: at(4)},
			{ID: "e", Name: "张伟", CreatedAt: at(5)},
		},
		want: []string{"a|b|同名且同一企业：张伟（华芯微联）", "c|d|同名且微信相同：张伟（zw88）"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pairText(app.FindPersonDuplicates(tc.keys)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestLikelyDuplicatesWhileTyping: what the form shows under the name of a new record.
func TestLikelyDuplicatesWhileTyping(t *testing.T) {
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 0)
	e := app.Enterprise{Name: "深圳市华芯微联科技有限公司"}
	if err := l.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	p := app.Person{Name: "刘建国", Phones: []string{"13800138000"}, EnterpriseID: e.ID}
	if err := l.SavePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	hints := func(hs []app.DuplicateHint, err error) []string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, h := range hs {
			out = append(out, h.Name+"|"+h.Reason)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		got  []string
		want []string
	}{
		{"another spelling of the name", hints(l.LikelyEnterpriseDuplicates(ctx, "华芯微联科技（深圳）股份有限公司", "", "")),
			[]string{"深圳市华芯微联科技有限公司|名称规范化后相同：华芯微联科技"}},
		{"the record itself is not its duplicate", hints(l.LikelyEnterpriseDuplicates(ctx, e.Name, "", e.ID)), []string{}},
		{"a different enterprise", hints(l.LikelyEnterpriseDuplicates(ctx, "华芯微联电子有限公司", "", "")), []string{}},
		{"a person by phone", hints(l.LikelyPersonDuplicates(ctx, "刘总", []string{"138 0013 8000"}, "", "")),
			[]string{"刘建国|手机号相同：13800138000"}},
		{"a person by name in the same enterprise", hints(l.LikelyPersonDuplicates(ctx, "刘建国", nil, e.ID, "")),
			[]string{"刘建国|同名且同一企业：刘建国"}},
		{"a name of one character is too short to tell", hints(l.LikelyPersonDuplicates(ctx, "刘", nil, "", "")), []string{}},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s:\n got  %q\n want %q", tc.name, tc.got, tc.want)
		}
	}
}

// TestMergePreviewDefaults: the non-empty value is proposed, and where both are set the
// newer record's; the older record is kept.
func TestMergePreviewDefaults(t *testing.T) {
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 0)
	old := app.Enterprise{Name: "深圳市华芯微联科技有限公司", Industry: "软件", Owner: "李明"}
	if err := l.SaveEnterprise(ctx, &old); err != nil {
		t.Fatal(err)
	}
	newer := app.Enterprise{Name: "华芯微联科技股份有限公司", Industry: "集成电路"}
	if err := l.SaveEnterprise(ctx, &newer); err != nil {
		t.Fatal(err)
	}
	newer.Website = "www.hxwl.com" // edited later: the newer record (the test clock stands still)
	if err := l.SaveEnterprise(ctx, &newer); err != nil {
		t.Fatal(err)
	}
	p, err := l.MergePreview(ctx, app.KindEnterprise, old.ID, newer.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range p.Fields {
		got[f.Key] = f.TakeDrop
	}
	for key, want := range map[string]bool{"name": true, "industry": true, "website": true, "owner": false, "credit_code": false} {
		if got[key] != want {
			t.Errorf("%s: take the other's value = %v, want %v", key, got[key], want)
		}
	}
	if _, err := l.MergePreview(ctx, app.KindEnterprise, old.ID, old.ID, ""); err == nil {
		t.Error("a record merged with itself")
	}
}

// BenchmarkScanDuplicates scans the demo data for duplicate enterprises and people: the
// grouping alone on 100 000 records' keys, and the whole scan with the reads from SQLite.
func BenchmarkScanDuplicates(b *testing.B) {
	d, err := seeds.Demo(seeds.DemoOptions{Size: 100_000, Seed: 1, Today: apptest.Today})
	if err != nil {
		b.Fatal(err)
	}
	ents := make([]app.EnterpriseKey, len(d.Enterprises))
	for i, e := range d.Enterprises {
		ents[i] = app.EnterpriseKey{ID: e.ID, Name: e.Name, CreditCode: e.CreditCode, CreatedAt: e.CreatedAt}
	}
	people := make([]app.PersonKey, len(d.People))
	for i, p := range d.People {
		people[i] = app.PersonKey{ID: p.ID, Name: p.Name, WeChat: p.WeChat, EnterpriseID: p.EnterpriseID, Phones: p.Phones, CreatedAt: p.CreatedAt}
	}
	b.Run(fmt.Sprintf("group/%d-enterprises", len(ents)), func(b *testing.B) {
		for b.Loop() {
			if len(app.FindEnterpriseDuplicates(ents)) == 0 {
				b.Fatal("no pairs")
			}
		}
	})
	b.Run(fmt.Sprintf("group/%d-people", len(people)), func(b *testing.B) {
		for b.Loop() {
			if len(app.FindPersonDuplicates(people)) == 0 {
				b.Fatal("no pairs")
			}
		}
	})
	l, _ := apptest.Ledger(b, 0)
	if err := l.LoadDataset(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	for _, kind := range []app.EntityKind{app.KindEnterprise, app.KindPerson} {
		b.Run("scan/"+string(kind), func(b *testing.B) {
			for b.Loop() {
				ps, err := l.ScanDuplicates(context.Background(), kind)
				if err != nil || len(ps) == 0 {
					b.Fatal(err, len(ps))
				}
			}
		})
	}
}
