package search_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"ganzhao/app"
	"ganzhao/app/apptest"
	"ganzhao/app/search"
)

// fixture is a real ledger on SQLite with a few records named for the cases below, and an
// index built over it.
type fixture struct {
	ledger *app.Ledger
	index  *search.Index
	ids    map[string]string // name → ID
}

func newFixture(t *testing.T, demo int) *fixture {
	t.Helper()
	ctx := context.Background()
	l, _ := apptest.Ledger(t, demo)
	f := &fixture{ledger: l, ids: map[string]string{}}
	for _, name := range []string{"张三", "张三丰", "曾国强", "单雄信", "解缙", "吕布"} {
		p := app.Person{Name: name, Phones: []string{"13907910000"}}
		if name == "张三" {
			p.Phones = []string{"13812345678"}
			p.Title = "总经理"
		}
		if err := l.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		f.ids[name] = p.ID
	}
	for _, name := range []string{"重庆长安汽车股份有限公司", "长沙中联重科有限公司", "厦门钨业股份有限公司", "江西铜业集团有限公司"} {
		e := app.Enterprise{Name: name}
		if err := l.SaveEnterprise(ctx, &e); err != nil {
			t.Fatal(err)
		}
		f.ids[name] = e.ID
	}
	f.index = search.New(l.Store())
	if err := f.index.Build(ctx); err != nil {
		t.Fatal(err)
	}
	return f
}

// find reports whether a hit of the result is named name, with the hit.
func find(r search.Result, name string) (search.Hit, bool) {
	for _, h := range r.Hits() {
		if h.Name == name {
			return h, true
		}
	}
	return search.Hit{}, false
}

func TestFinds(t *testing.T) {
	f := newFixture(t, 0)
	tests := []struct {
		query, want string
		tier        search.Tier
		match       []search.Range
	}{
		{"zs", "张三", search.TierPinyin, []search.Range{{0, 2}}},
		{"zhangsan", "张三", search.TierPinyin, []search.Range{{0, 2}}},
		{"ZhangSan", "张三", search.TierPinyin, []search.Range{{0, 2}}},
		{"zhang san", "张三", search.TierPinyin, []search.Range{{0, 2}}},
		{"zhangs", "张三", search.TierPinyin, []search.Range{{0, 2}}},
		{"zhs", "张三", search.TierPinyin, []search.Range{{0, 2}}},
		{"张s", "张三", search.TierPinyin, []search.Range{{0, 2}}},
		{"张", "张三", search.TierPrefix, []search.Range{{0, 1}}},
		{"三", "张三", search.TierSubstring, []search.Range{{1, 2}}},
		{"张三", "张三", search.TierExact, []search.Range{{0, 2}}},
		{"sanfeng", "张三丰", search.TierPinyin, []search.Range{{1, 3}}},
		{"ncjkq", "南昌经开区", search.TierPinyin, []search.Range{{0, 5}}},
		{"nanchangjingkai", "南昌经开区", search.TierPinyin, []search.Range{{0, 4}}},
		{"南昌", "南昌经开区", search.TierPrefix, []search.Range{{0, 2}}},
		{"经开", "南昌经开区", search.TierSubstring, []search.Range{{2, 4}}},
		{"ncq", "南昌经开区", search.TierFuzzy, []search.Range{{0, 2}, {4, 5}}},
		{"南昌区", "南昌经开区", search.TierFuzzy, []search.Range{{0, 2}, {4, 5}}},
		{"chongqing", "重庆长安汽车股份有限公司", search.TierPinyin, []search.Range{{0, 2}}},
		{"cq", "重庆长安汽车股份有限公司", search.TierPinyin, []search.Range{{0, 2}}},
		{"changan", "重庆长安汽车股份有限公司", search.TierPinyin, []search.Range{{2, 4}}},
		{"changsha", "长沙中联重科有限公司", search.TierPinyin, []search.Range{{0, 2}}},
		{"xiamen", "厦门钨业股份有限公司", search.TierPinyin, []search.Range{{0, 2}}},
		{"xm", "厦门钨业股份有限公司", search.TierPinyin, []search.Range{{0, 2}}},
		{"zeng", "曾国强", search.TierPinyin, []search.Range{{0, 1}}},
		{"zgq", "曾国强", search.TierPinyin, []search.Range{{0, 3}}},
		{"shan", "单雄信", search.TierPinyin, []search.Range{{0, 1}}},
		{"shanxiongxin", "单雄信", search.TierPinyin, []search.Range{{0, 3}}},
		{"xiejin", "解缙", search.TierPinyin, []search.Range{{0, 2}}},
		{"lvbu", "吕布", search.TierPinyin, []search.Range{{0, 2}}},
		{"lubu", "吕布", search.TierPinyin, []search.Range{{0, 2}}},
		{"13812", "张三", search.TierDetail, nil},
		{"总经理", "张三", search.TierDetail, nil},
		{"ＺＳ", "张三", search.TierPinyin, []search.Range{{0, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := f.index.Search(tt.query, 20)
			h, ok := find(r, tt.want)
			if !ok {
				t.Fatalf("%q did not find %s; found %v", tt.query, tt.want, names(r))
			}
			if h.Tier != tt.tier {
				t.Errorf("%q found %s as tier %d, want %d", tt.query, tt.want, h.Tier, tt.tier)
			}
			if !slices.Equal(h.NameMatch, tt.match) {
				t.Errorf("%q marks %v of %s, want %v", tt.query, h.NameMatch, tt.want, tt.match)
			}
		})
	}
}

func TestDetailHighlight(t *testing.T) {
	f := newFixture(t, 0)
	h, ok := find(f.index.Search("12345", 5), "张三")
	if !ok {
		t.Fatal("phone digits did not find 张三")
	}
	if h.Detail != "13812345678 · 总经理" {
		t.Errorf("detail = %q", h.Detail)
	}
	if want := []search.Range{{3, 8}}; !slices.Equal(h.DetailMatch, want) {
		t.Errorf("detail marks %v, want %v", h.DetailMatch, want)
	}
}

func TestMisses(t *testing.T) {
	f := newFixture(t, 0)
	for _, q := range []string{"", "   ", "zhangsanfengx", "qqqqq", "张四", "x'"} {
		t.Run(q, func(t *testing.T) {
			if _, ok := find(f.index.Search(q, 20), "张三"); ok {
				t.Errorf("%q found 张三", q)
			}
		})
	}
	// Where the tables know a word or a surname, the dictionary's other readings do not
	// match; elsewhere every reading does (解 of 解缙 is xie, of 解放 also jie).
	for _, tt := range []struct {
		query, name string
		found       bool
	}{
		{"zhongqing", "重庆长安汽车股份有限公司", false},
		{"zs", "长沙中联重科有限公司", false},
		{"shamen", "厦门钨业股份有限公司", false},
		{"cengguoqiang", "曾国强", false},
		{"zhonglian", "长沙中联重科有限公司", true},
		{"zhongke", "长沙中联重科有限公司", true},
		{"chongke", "长沙中联重科有限公司", true},
	} {
		if _, ok := find(f.index.Search(tt.query, 20), tt.name); ok != tt.found {
			t.Errorf("%q finds %s: %v, want %v", tt.query, tt.name, ok, tt.found)
		}
	}
}

func TestRanking(t *testing.T) {
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 0)
	// One enterprise per tier for the query "hnd", saved worst first.
	byTier := []struct {
		name string
		tier search.Tier
	}{
		{"华新能源电力有限公司", search.TierFuzzy}, // initials hxnydlyxgs hold h…n…d
		{"华能电力", search.TierPinyin},
		{"江西HND科技", search.TierSubstring},
		{"HND集团", search.TierPrefix},
		{"HND", search.TierExact},
	}
	for _, e := range byTier {
		rec := app.Enterprise{Name: e.name}
		if err := l.SaveEnterprise(ctx, &rec); err != nil {
			t.Fatal(err)
		}
	}
	ix := search.New(l.Store())
	if err := ix.Build(ctx); err != nil {
		t.Fatal(err)
	}
	r := ix.Search("hnd", 10)
	if len(r.Groups) != 1 || r.Groups[0].Kind != app.KindEnterprise || r.Groups[0].Label != "企业" {
		t.Fatalf("groups = %+v, want one 企业 group", r.Groups)
	}
	hits := r.Groups[0].Hits
	if len(hits) != len(byTier) || r.Groups[0].Total != len(byTier) {
		t.Fatalf("hits = %v, total %d", names(r), r.Groups[0].Total)
	}
	for i, h := range hits {
		want := byTier[len(byTier)-1-i]
		if h.Name != want.name || h.Tier != want.tier {
			t.Errorf("hit %d = %s (tier %d), want %s (tier %d)", i, h.Name, h.Tier, want.name, want.tier)
		}
	}

	// Within a tier: the whole name, then from the first character, then elsewhere, then
	// the shorter name. The group holding the best hit comes first, whatever the kind.
	for _, name := range []string{"江西张三丰", "张三丰", "张三"} {
		p := app.Person{Name: name}
		if err := l.SavePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	zs := app.Enterprise{Name: "中山科技"} // zs from its first character, as 张三丰
	if err := l.SaveEnterprise(ctx, &zs); err != nil {
		t.Fatal(err)
	}
	if err := ix.Build(ctx); err != nil {
		t.Fatal(err)
	}
	r = ix.Search("zs", 10)
	if got, want := names(r), []string{"张三", "张三丰", "江西张三丰", "中山科技", "樟树工业园区"}; !slices.Equal(got, want) {
		t.Errorf("zs ranks %v, want %v", got, want)
	}
	if r.Groups[0].Kind != app.KindPerson {
		t.Errorf("first group is %s, want the people (they hold the best hit)", r.Groups[0].Label)
	}

	// The per-kind limit keeps the best, and Total counts them all.
	r = ix.Search("zs", 2)
	if g := r.Groups[0]; len(g.Hits) != 2 || g.Total != 3 || g.Hits[1].Name != "张三丰" || g.Kind != app.KindPerson {
		t.Errorf("limited to 2: %v, total %d", names(r), g.Total)
	}
}

func TestGroupsByKind(t *testing.T) {
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 0)
	e := app.Enterprise{Name: "南昌华勤电子科技有限公司"}
	if err := l.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	p := app.Project{Name: "南昌华勤电子产业园项目", Sector: app.SectorIndustry}
	if err := l.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}
	ix := search.New(l.Store())
	if err := ix.Build(ctx); err != nil {
		t.Fatal(err)
	}
	r := ix.Search("南昌", 3)
	var kinds []app.EntityKind
	for _, g := range r.Groups {
		kinds = append(kinds, g.Kind)
		for _, h := range g.Hits {
			if h.Kind != g.Kind {
				t.Errorf("%s in the %s group", h.Name, g.Label)
			}
		}
	}
	if want := []app.EntityKind{app.KindEnterprise, app.KindProject, search.KindZone}; !slices.Equal(kinds, want) {
		t.Errorf("groups %v, want %v", kinds, want)
	}
}

func TestFollowsLedger(t *testing.T) {
	f := newFixture(t, 300)
	ctx := context.Background()
	f.ledger.Subscribe(f.index.Notify)
	has := func(q, name string) bool {
		f.index.Wait()
		_, ok := find(f.index.Search(q, 50), name)
		return ok
	}
	steps := []struct {
		name   string
		do     func() error
		query  string
		record string
		found  bool
	}{
		{"create", func() error {
			e := app.Enterprise{Name: "赣锋锂业股份有限公司"}
			err := f.ledger.SaveEnterprise(ctx, &e)
			f.ids[e.Name] = e.ID
			return err
		}, "gfly", "赣锋锂业股份有限公司", true},
		{"rename", func() error {
			e, err := f.ledger.Store().Enterprise(ctx, f.ids["赣锋锂业股份有限公司"])
			if err != nil {
				return err
			}
			e.Name = "江西赣锋锂业集团股份有限公司"
			return f.ledger.SaveEnterprise(ctx, &e)
		}, "gfly", "江西赣锋锂业集团股份有限公司", true},
		{"old name gone", func() error { return nil }, "赣锋锂业股份", "赣锋锂业股份有限公司", false},
		{"delete", func() error {
			return f.ledger.Delete(ctx, app.KindPerson, f.ids["张三"])
		}, "zs", "张三", false},
		{"restore", func() error {
			return f.ledger.Restore(ctx, app.KindPerson, f.ids["张三"])
		}, "zs", "张三", true},
		{"person's enterprise renamed", func() error {
			p, err := f.ledger.Store().Person(ctx, f.ids["张三"])
			if err != nil {
				return err
			}
			p.EnterpriseID = f.ids["江西铜业集团有限公司"]
			if err := f.ledger.SavePerson(ctx, &p); err != nil {
				return err
			}
			e, err := f.ledger.Store().Enterprise(ctx, f.ids["江西铜业集团有限公司"])
			if err != nil {
				return err
			}
			e.Name = "江西铜业股份有限公司"
			return f.ledger.SaveEnterprise(ctx, &e)
		}, "江西铜业股份", "张三", true},
		{"reload everything", func() error {
			return f.ledger.LoadDataset(ctx, app.Dataset{Enterprises: []app.Enterprise{{Meta: app.Meta{ID: app.NewID()}, Name: "晶科能源股份有限公司"}}})
		}, "jkny", "晶科能源股份有限公司", true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if err := s.do(); err != nil {
				t.Fatal(err)
			}
			if got := has(s.query, s.record); got != s.found {
				t.Errorf("after %s, %q finds %s: %v, want %v", s.name, s.query, s.record, got, s.found)
			}
			if err := f.index.Err(); err != nil {
				t.Errorf("index error: %v", err)
			}
		})
	}
	if _, ok := find(f.index.Search("江西铜业股份", 50), "张三"); ok {
		h, _ := find(f.index.Search("江西铜业股份", 50), "张三")
		if h.Detail != "13812345678 · 江西铜业股份有限公司 总经理" {
			t.Errorf("张三's detail = %q", h.Detail)
		}
	}
}

func TestNotReady(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	ix := search.New(l.Store())
	if ix.Ready() || len(ix.Search("南昌", 5).Groups) != 0 {
		t.Error("an index not built yet answers")
	}
	ix.Notify(app.Change{Kind: app.KindPerson, ID: "x"}) // before the build: nothing to update
	ix.Wait()
	if err := ix.Err(); err != nil {
		t.Error(err)
	}
}

func names(r search.Result) []string {
	var out []string
	for _, h := range r.Hits() {
		out = append(out, h.Name)
	}
	return out
}

// TestTypingMatchesCold checks that typing a query letter by letter (where each keystroke
// narrows the last one's matches) finds what the same queries find from scratch.
func TestTypingMatchesCold(t *testing.T) {
	f := newFixture(t, 1000)
	cold := search.New(f.ledger.Store())
	if err := cold.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, word := range []string{"zhangsanfeng", "nanchangjingkaiqu", "jiangxitongye", "shanxiongxin", "wangwei"} {
		for n := 1; n <= len(word); n++ {
			q := word[:n]
			typed := f.index.Search(q, 50)
			cold.Search("reset", 50) // not a prefix of q: q is answered from scratch
			fresh := cold.Search(q, 50)
			if got, want := summary(typed), summary(fresh); !slices.Equal(got, want) {
				t.Fatalf("%q typed finds %v, from scratch %v", q, got, want)
			}
		}
	}
}

func summary(r search.Result) []string {
	var out []string
	for _, g := range r.Groups {
		out = append(out, g.Label+":"+strconv.Itoa(g.Total))
		for _, h := range g.Hits {
			out = append(out, h.Name+"/"+strconv.Itoa(int(h.Tier)))
		}
	}
	return out
}

// TestFindsDrives: 三请三回 events, contact campaigns and trips are found by name (and its
// initials) and by what their detail holds, follow the ledger, and open by their kind.
func TestFindsDrives(t *testing.T) {
	f := newFixture(t, 0)
	ctx := context.Background()
	f.ledger.Subscribe(f.index.Notify)
	ev := app.Event{Name: "赣商回乡投资恳谈会", Kind: app.EventTalks, Level: app.LevelCity, On: app.MustDate("2026-02-10"),
		Place: "南昌前湖迎宾馆", Organiser: "南昌市商务局"}
	cp := app.Campaign{Name: "2026年春节问候", Occasion: "春节", StartsOn: app.MustDate("2026-02-01"), EndsOn: app.MustDate("2026-02-20"), TaskTitle: "春节问候"}
	tr := app.Trip{Destination: "深圳", StartsOn: app.MustDate("2026-03-02"), EndsOn: app.MustDate("2026-03-06"), Members: []string{"李四", "王五"}, Purpose: "拜访电子信息企业"}
	for _, save := range []func() error{
		func() error { return f.ledger.SaveEvent(ctx, &ev) },
		func() error { return f.ledger.SaveCampaign(ctx, &cp) },
		func() error { return f.ledger.SaveTrip(ctx, &tr) },
	} {
		if err := save(); err != nil {
			t.Fatal(err)
		}
	}
	f.index.Wait()
	tests := []struct {
		query, name string
		kind        app.EntityKind
		id          string
	}{
		{"gshxtzkth", "赣商回乡投资恳谈会", app.KindEvent, ev.ID},
		{"南昌市商务局", "赣商回乡投资恳谈会", app.KindEvent, ev.ID},
		{"春节问候", "2026年春节问候", app.KindCampaign, cp.ID},
		{"sz", "深圳", app.KindTrip, tr.ID},
		{"王五", "深圳", app.KindTrip, tr.ID},
	}
	for _, tc := range tests {
		h, ok := find(f.index.Search(tc.query, 20), tc.name)
		if !ok || h.Kind != tc.kind || h.ID != tc.id {
			t.Errorf("%q: found %v %+v, want %s %s", tc.query, ok, h, tc.kind, tc.name)
		}
	}
	// Renamed and deleted, as the ledger says.
	ev.Name = "赣商回乡发展大会"
	if err := f.ledger.SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	if err := f.ledger.Delete(ctx, app.KindTrip, tr.ID); err != nil {
		t.Fatal(err)
	}
	f.index.Wait()
	if _, ok := find(f.index.Search("发展大会", 20), "赣商回乡发展大会"); !ok {
		t.Error("the renamed event is not found")
	}
	if _, ok := find(f.index.Search("恳谈会", 20), "赣商回乡投资恳谈会"); ok {
		t.Error("the event's old name is still found")
	}
	if _, ok := find(f.index.Search("sz", 20), "深圳"); ok {
		t.Error("the deleted trip is still found")
	}
	if err := f.index.Err(); err != nil {
		t.Error(err)
	}
}
