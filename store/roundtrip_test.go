package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"ganzhao/app"
)

// TestRoundTrip saves a record of every kind with every field set through the ledger and
// reads it back from the store unchanged: slices in their order, dates, money, links.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	chain := chainByName(t, s, "新能源")
	zone := zoneByName(t, s, "赣江新区")

	manager := saveEnterprise(t, l, app.Enterprise{Name: "江西省金控投资管理有限公司", Nature: app.NatureLocalSOE})
	e := saveEnterprise(t, l, app.Enterprise{
		Name: "宁德时代新能源科技股份有限公司", CreditCode: creditCode(42), Nature: app.NaturePrivate,
		Categories: []app.CategoryTag{{Name: "中国500强", Year: 2025}, {Name: "上市公司"}, {Name: "链主企业", Year: 2024}},
		HQProvince: "福建省", HQCity: "宁德市", HQCountry: "", Industry: "电池制造", ChainID: chain.ID,
		Website: "https://www.catl.com", Intro: "全球领先的动力电池企业。\n第二行", Priority: app.PriorityA, Owner: "张三",
	})
	foreign := saveEnterprise(t, l, app.Enterprise{Name: "Siemens AG", Nature: app.NatureForeignOwned, HQCountry: "德国"})
	// Chambers named so that name order is not the order the person lists them in.
	chamberZ := saveChamber(t, l, app.Chamber{Name: "浙江省江西商会", City: "杭州市", Kind: "异地江西商会", Notes: "会员三百余家"})
	chamberA := saveChamber(t, l, app.Chamber{Name: "安徽省江西商会", City: "合肥市", Kind: "异地江西商会"})
	p := savePerson(t, l, app.Person{
		Name: "曾庆华", Phones: []string{"13907910001", "0791-86661234", "+85291234567"}, WeChat: "zqh_1968", Email: "zqh@example.com",
		EnterpriseID: e.ID, Title: "副总裁", NativeProvince: "江西省", NativeCity: "赣州市", NativeCounty: "于都县",
		Ties: []app.Tie{app.TieComrade, app.TieHometown}, AlmaMater: "南昌大学", ServicePlace: "福州",
		Memberships: []app.Membership{{ChamberID: chamberZ.ID, Role: "常务副会长"}, {ChamberID: chamberA.ID, Role: "会员"}},
		Dates: []app.ImportantDate{
			{Label: "生日", Calendar: app.Lunar, Year: 1968, Month: 4, Day: 18, LeapMonth: true},
			{Label: "公司成立日", Calendar: app.Solar, Month: 12, Day: 16},
		},
		CadenceDays: 30, Keeper: "李四", Notes: "喜欢喝茶",
	})
	other := savePerson(t, l, app.Person{Name: "陈明"})
	parent := saveFund(t, l, app.Fund{Name: "江西省现代产业引导基金", Type: app.FundGuidance, Level: app.FundProvincial, Size: 300 * app.Yi})
	fund := saveFund(t, l, app.Fund{
		Name: "江西新能源产业子基金", Type: app.FundChild, Level: app.FundCity, ParentID: parent.ID, ManagerID: manager.ID,
		Size: 20*app.Yi + 1, GovCommitment: 4 * app.Yi, Stage: app.FundInvested, ReinvestKind: app.ReinvestMultiple,
		ReinvestRatio: 15000, ReinvestBase: app.BasePaidIn, SetUpOn: day("2025-06-30"), Notes: "返投1.5倍",
	})
	pr := createProject(t, l, app.Project{
		Name: "动力电池基地项目", Code: "JX-2025-0001", InvestorID: e.ID, IntroducerID: p.ID, ZoneID: zone.ID, ChainID: chain.ID,
		Sector: app.SectorIndustry, TotalInvestment: 123_456_789_012, FixedInvestment: 100 * app.Yi, ForeignCapital: 12_345_678_901,
		Land: app.AreaFromMu(850.25), Stage: app.StageBuilding, StageSince: day("2026-02-15"),
		SignedOn: day("2025-11-20"), StartedOn: day("2026-01-08"), Leader: "王副市长", Unit: "赣江新区管委会",
		Methods: []string{"三请三回", "以商引商", "驻点招商"}, HomecomingTies: []app.Tie{app.TieHometown, app.TieComrade},
		OutOfProvince: true, GanReturn: true, RegisteredOn: day("2026-02-01"), FundID: fund.ID, Notes: "省重点项目",
	})
	pr2 := createProject(t, l, app.Project{Name: "储能电站项目"})
	task := saveTask(t, l, app.Task{ProjectID: pr.ID, Title: "办理环评", Assignee: "小陈", DueOn: day("2026-05-30"), Done: true, DoneOn: day("2026-03-10"), Notes: "已批复"})
	act := saveActivity(t, l, app.Activity{
		Kind: "洽谈", On: day("2026-03-05"), Place: "宁德", Summary: "商谈二期扩产", NextStep: "提交投资协议草案", NextDue: day("2026-03-31"),
		By: "张三、李四", ProjectIDs: []string{pr2.ID, pr.ID}, EnterpriseIDs: []string{e.ID, foreign.ID}, PersonIDs: []string{other.ID, p.ID},
	})
	arr := saveArrival(t, l, app.Arrival{ProjectID: pr.ID, Month: app.Month{Year: 2026, Month: 1}, Amount: 1_234_567_890, Source: app.SourceAbroad, Note: "外资到位"})
	inv := saveInvestment(t, l, app.FundInvestment{FundID: fund.ID, EnterpriseID: e.ID, ProjectID: pr.ID, Amount: 3*app.Yi + 7,
		On: day("2025-12-31"), Counts: true, CountsReason: "本地工厂"})

	// Every getter returns exactly what the ledger saved.
	tests := []struct {
		name      string
		got, want func() (any, error)
	}{
		{"enterprise", func() (any, error) { return s.Enterprise(ctx, e.ID) }, wrap(e)},
		{"foreign enterprise", func() (any, error) { return s.Enterprise(ctx, foreign.ID) }, wrap(foreign)},
		{"person", func() (any, error) { return s.Person(ctx, p.ID) }, wrap(p)},
		{"chamber", func() (any, error) { return s.Chamber(ctx, chamberA.ID) }, wrap(withMembers(chamberA, app.ChamberMember{PersonID: p.ID, PersonName: p.Name, Role: "会员"}))},
		{"fund", func() (any, error) { return s.Fund(ctx, fund.ID) }, wrap(fund)},
		{"parent fund", func() (any, error) { return s.Fund(ctx, parent.ID) }, wrap(parent)},
		{"project", func() (any, error) { return s.Project(ctx, pr.ID) }, wrap(pr)},
		{"bare project", func() (any, error) { return s.Project(ctx, pr2.ID) }, wrap(pr2)},
		{"task", func() (any, error) { return s.Task(ctx, task.ID) }, wrap(task)},
		{"activity", func() (any, error) { return s.Activity(ctx, act.ID) }, wrap(act)},
		{"arrival", func() (any, error) { return s.Arrival(ctx, arr.ID) }, wrap(arr)},
		{"fund investment", func() (any, error) { return s.FundInvestment(ctx, inv.ID) }, wrap(inv)},
		{"enterprise in a list", func() (any, error) { return first(s.Enterprises(ctx, app.EnterpriseFilter{Query: "宁德时代"})) }, wrap(e)},
		{"person in a list", func() (any, error) { return first(s.People(ctx, app.PersonFilter{Query: "曾庆华"})) }, wrap(p)},
		{"project in a list", func() (any, error) { return first(s.Projects(ctx, app.ProjectFilter{Query: "动力电池"})) }, wrap(pr)},
		{"activity in a list", func() (any, error) { return first(s.Activities(ctx, app.ActivityFilter{PersonID: p.ID})) }, wrap(act)},
		{"task in a list", func() (any, error) { return first(s.Tasks(ctx, app.TaskFilter{ProjectID: pr.ID})) }, wrap(task)},
		{"arrival in a list", func() (any, error) { return first(s.Arrivals(ctx, pr.ID)) }, wrap(arr)},
		{"investment in a list", func() (any, error) { return first(s.FundInvestments(ctx, fund.ID)) }, wrap(inv)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.got()
			must(t, err)
			want, _ := tc.want()
			equal(t, tc.name, got, want)
		})
	}

	t.Run("saving again without a change writes no audit", func(t *testing.T) {
		before := count(t, s, `SELECT COUNT(*) FROM audit_log`)
		must(t, l.SavePerson(ctx, &p))
		must(t, l.SaveEnterprise(ctx, &e))
		must(t, l.UpdateProject(ctx, &pr))
		must(t, l.SaveActivity(ctx, &act))
		must(t, l.SaveFund(ctx, &fund))
		if after := count(t, s, `SELECT COUNT(*) FROM audit_log`); after != before {
			rows, _ := s.db.QueryContext(ctx, `SELECT field, old_value, new_value FROM audit_log WHERE seq > ?`, before)
			defer rows.Close()
			for rows.Next() {
				var f, o, n string
				rows.Scan(&f, &o, &n)
				t.Errorf("phantom change %s: %q → %q", f, o, n)
			}
		}
	})

	t.Run("missing ids", func(t *testing.T) {
		id := app.NewID()
		for name, err := range map[string]error{
			"enterprise": second(s.Enterprise(ctx, id)), "person": second(s.Person(ctx, id)), "chamber": second(s.Chamber(ctx, id)),
			"project": second(s.Project(ctx, id)), "task": second(s.Task(ctx, id)), "activity": second(s.Activity(ctx, id)),
			"arrival": second(s.Arrival(ctx, id)), "fund": second(s.Fund(ctx, id)), "investment": second(s.FundInvestment(ctx, id)),
		} {
			if !errors.Is(err, app.ErrNotFound) {
				t.Errorf("%s: %v, want ErrNotFound", name, err)
			}
		}
	})
}

func wrap[T any](v T) func() (any, error) { return func() (any, error) { return v, nil } }

func first[T any](list []T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	if len(list) != 1 {
		return list, nil // compared as a list: fails unless exactly one
	}
	return list[0], nil
}

func second[T any](_ T, err error) error { return err }

func withMembers(c app.Chamber, ms ...app.ChamberMember) app.Chamber {
	c.Members = ms
	return c
}

func names[T any](list []T, name func(T) string) []string {
	out := make([]string, 0, len(list))
	for _, v := range list {
		out = append(out, name(v))
	}
	slices.Sort(out)
	return out
}

func TestFilters(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	zoneA, zoneB := zoneByName(t, s, "南昌经开区"), zoneByName(t, s, "赣江新区")

	acme := saveEnterprise(t, l, app.Enterprise{Name: "华为技术有限公司", CreditCode: creditCode(1), Priority: app.PriorityA,
		Categories: []app.CategoryTag{{Name: "世界500强"}, {Name: "民营500强"}}})
	saveEnterprise(t, l, app.Enterprise{Name: "华勤技术股份有限公司", CreditCode: creditCode(2), Priority: app.PriorityB,
		Categories: []app.CategoryTag{{Name: "上市公司"}}})
	saveEnterprise(t, l, app.Enterprise{Name: "晶科能源股份有限公司", CreditCode: creditCode(3), Priority: app.PriorityA,
		Categories: []app.CategoryTag{{Name: "上市公司"}, {Name: "世界500强"}}})
	saveEnterprise(t, l, app.Enterprise{Name: "小微企业"})

	enterpriseTests := []struct {
		name string
		f    app.EnterpriseFilter
		want []string
	}{
		{"all", app.EnterpriseFilter{}, []string{"华为技术有限公司", "华勤技术股份有限公司", "小微企业", "晶科能源股份有限公司"}},
		{"category", app.EnterpriseFilter{Category: "世界500强"}, []string{"华为技术有限公司", "晶科能源股份有限公司"}},
		{"priority", app.EnterpriseFilter{Priority: app.PriorityA}, []string{"华为技术有限公司", "晶科能源股份有限公司"}},
		{"priority and category", app.EnterpriseFilter{Priority: app.PriorityB, Category: "上市公司"}, []string{"华勤技术股份有限公司"}},
		{"name substring", app.EnterpriseFilter{Query: "技术"}, []string{"华为技术有限公司", "华勤技术股份有限公司"}},
		{"one character", app.EnterpriseFilter{Query: "华"}, []string{"华为技术有限公司", "华勤技术股份有限公司"}},
		{"credit code substring", app.EnterpriseFilter{Query: creditCode(3)[8:]}, []string{"晶科能源股份有限公司"}},
		{"no match", app.EnterpriseFilter{Query: "腾讯"}, []string{}},
		{"limit", app.EnterpriseFilter{Priority: app.PriorityA, Limit: 1}, []string{"华为技术有限公司"}},
	}
	for _, tc := range enterpriseTests {
		t.Run("enterprises/"+tc.name, func(t *testing.T) {
			got, err := s.Enterprises(ctx, tc.f)
			must(t, err)
			equal(t, "names", names(got, func(e app.Enterprise) string { return e.Name }), tc.want)
		})
	}

	chamber := saveChamber(t, l, app.Chamber{Name: "上海市江西商会"})
	savePerson(t, l, app.Person{Name: "张三", Phones: []string{"13907911234"}, Ties: []app.Tie{app.TieHometown, app.TieAlumni}, EnterpriseID: acme.ID})
	savePerson(t, l, app.Person{Name: "张三丰", Phones: []string{"0791-88889999"}, WeChat: "zsf2026", Ties: []app.Tie{app.TieComrade},
		Memberships: []app.Membership{{ChamberID: chamber.ID, Role: "会长"}}})
	savePerson(t, l, app.Person{Name: "李四", Phones: []string{"18600001234", "13500000000"}, Ties: []app.Tie{app.TieAlumni}})
	peopleTests := []struct {
		name string
		f    app.PersonFilter
		want []string
	}{
		{"tie 乡友", app.PersonFilter{Tie: app.TieHometown}, []string{"张三"}},
		{"tie 校友", app.PersonFilter{Tie: app.TieAlumni}, []string{"张三", "李四"}},
		{"tie 战友", app.PersonFilter{Tie: app.TieComrade}, []string{"张三丰"}},
		{"name", app.PersonFilter{Query: "张三"}, []string{"张三", "张三丰"}},
		{"phone substring", app.PersonFilter{Query: "1234"}, []string{"张三", "李四"}},
		{"second phone", app.PersonFilter{Query: "135000"}, []string{"李四"}},
		{"landline with dash", app.PersonFilter{Query: "0791-8888"}, []string{"张三丰"}},
		{"wechat", app.PersonFilter{Query: "zsf"}, []string{"张三丰"}},
		{"query and tie", app.PersonFilter{Query: "张", Tie: app.TieComrade}, []string{"张三丰"}},
		{"enterprise", app.PersonFilter{EnterpriseID: acme.ID}, []string{"张三"}},
		{"chamber", app.PersonFilter{ChamberID: chamber.ID}, []string{"张三丰"}},
	}
	for _, tc := range peopleTests {
		t.Run("people/"+tc.name, func(t *testing.T) {
			got, err := s.People(ctx, tc.f)
			must(t, err)
			equal(t, "names", names(got, func(p app.Person) string { return p.Name }), tc.want)
		})
	}

	reserve := createProject(t, l, app.Project{Name: "光伏组件项目", Code: "NC-001", ZoneID: zoneA.ID, StageSince: day("2026-01-05")})
	talks := createProject(t, l, app.Project{Name: "锂电隔膜项目", Code: "NC-002", ZoneID: zoneA.ID, Stage: app.StageNegotiating, StageSince: day("2026-02-05")})
	signed := createProject(t, l, app.Project{Name: "光伏玻璃项目", Code: "GJ-001", ZoneID: zoneB.ID, InvestorID: acme.ID, Stage: app.StageSigned,
		StageSince: day("2026-03-01"), SignedOn: day("2026-03-01")})
	createProject(t, l, app.Project{Name: "文旅综合体项目", Sector: app.SectorServices, Stage: app.StageStopped, StageReason: "投资方资金链断裂", StageSince: day("2025-12-01")})
	projectTests := []struct {
		name string
		f    app.ProjectFilter
		want []string
	}{
		{"one stage", app.ProjectFilter{Stages: []app.Stage{app.StageNegotiating}}, []string{"锂电隔膜项目"}},
		{"two stages", app.ProjectFilter{Stages: []app.Stage{app.StageReserve, app.StageSigned}}, []string{"光伏玻璃项目", "光伏组件项目"}},
		{"terminal stage", app.ProjectFilter{Stages: []app.Stage{app.StageStopped}}, []string{"文旅综合体项目"}},
		{"zone", app.ProjectFilter{ZoneID: zoneA.ID}, []string{"光伏组件项目", "锂电隔膜项目"}},
		{"zone and stage", app.ProjectFilter{ZoneID: zoneA.ID, Stages: []app.Stage{app.StageReserve}}, []string{"光伏组件项目"}},
		{"investor", app.ProjectFilter{InvestorID: acme.ID}, []string{"光伏玻璃项目"}},
		{"name", app.ProjectFilter{Query: "光伏"}, []string{"光伏玻璃项目", "光伏组件项目"}},
		{"code", app.ProjectFilter{Query: "NC-00"}, []string{"光伏组件项目", "锂电隔膜项目"}},
		{"query and zone", app.ProjectFilter{Query: "光伏", ZoneID: zoneB.ID}, []string{"光伏玻璃项目"}},
	}
	for _, tc := range projectTests {
		t.Run("projects/"+tc.name, func(t *testing.T) {
			got, err := s.Projects(ctx, tc.f)
			must(t, err)
			equal(t, "names", names(got, func(p app.Project) string { return p.Name }), tc.want)
		})
	}
	t.Run("projects/order: latest stage change first", func(t *testing.T) {
		got, err := s.Projects(ctx, app.ProjectFilter{Limit: 3})
		must(t, err)
		equal(t, "ids", []string{got[0].ID, got[1].ID, got[2].ID}, []string{signed.ID, talks.ID, reserve.ID})
	})

	saveTask(t, l, app.Task{ProjectID: reserve.ID, Title: "约见董事长", Assignee: "小陈", DueOn: day("2026-03-20")})
	saveTask(t, l, app.Task{ProjectID: reserve.ID, Title: "准备推介材料", Assignee: "小王", DueOn: day("2026-03-15")})
	saveTask(t, l, app.Task{ProjectID: reserve.ID, Title: "报送项目信息", Assignee: "小陈", Done: true})
	saveTask(t, l, app.Task{ProjectID: talks.ID, Title: "起草协议", Assignee: "小陈"})
	taskTests := []struct {
		name string
		f    app.TaskFilter
		want []string // in list order
	}{
		{"all: open first by due date, undated last", app.TaskFilter{}, []string{"准备推介材料", "约见董事长", "起草协议", "报送项目信息"}},
		{"open only", app.TaskFilter{OpenOnly: true}, []string{"准备推介材料", "约见董事长", "起草协议"}},
		{"project", app.TaskFilter{ProjectID: talks.ID}, []string{"起草协议"}},
		{"assignee, open", app.TaskFilter{Assignee: "小陈", OpenOnly: true}, []string{"约见董事长", "起草协议"}},
	}
	for _, tc := range taskTests {
		t.Run("tasks/"+tc.name, func(t *testing.T) {
			got, err := s.Tasks(ctx, tc.f)
			must(t, err)
			titles := make([]string, len(got))
			for i, x := range got {
				titles[i] = x.Title
			}
			equal(t, "titles", titles, tc.want)
		})
	}

	saveActivity(t, l, app.Activity{Kind: "走访", On: day("2026-01-10"), Summary: "一月走访", ProjectIDs: []string{reserve.ID}})
	saveActivity(t, l, app.Activity{Kind: "电话", On: day("2026-02-01"), Summary: "二月电话", ProjectIDs: []string{reserve.ID, talks.ID}})
	saveActivity(t, l, app.Activity{Kind: "洽谈", On: day("2026-02-28"), Summary: "二月洽谈", ProjectIDs: []string{talks.ID}, EnterpriseIDs: []string{acme.ID}})
	saveActivity(t, l, app.Activity{Kind: "接待", On: day("2026-03-10"), Summary: "三月接待"})
	activityTests := []struct {
		name string
		f    app.ActivityFilter
		want []string // newest first
	}{
		{"all", app.ActivityFilter{}, []string{"三月接待", "二月洽谈", "二月电话", "一月走访"}},
		{"project", app.ActivityFilter{ProjectID: reserve.ID}, []string{"二月电话", "一月走访"}},
		{"other project", app.ActivityFilter{ProjectID: talks.ID}, []string{"二月洽谈", "二月电话"}},
		{"enterprise", app.ActivityFilter{EnterpriseID: acme.ID}, []string{"二月洽谈"}},
		{"February, bounds included", app.ActivityFilter{From: day("2026-02-01"), To: day("2026-02-28")}, []string{"二月洽谈", "二月电话"}},
		{"from only", app.ActivityFilter{From: day("2026-02-02")}, []string{"三月接待", "二月洽谈"}},
		{"to only", app.ActivityFilter{To: day("2026-01-31")}, []string{"一月走访"}},
		{"project and range", app.ActivityFilter{ProjectID: reserve.ID, From: day("2026-01-11")}, []string{"二月电话"}},
		{"limit", app.ActivityFilter{Limit: 2}, []string{"三月接待", "二月洽谈"}},
	}
	for _, tc := range activityTests {
		t.Run("activities/"+tc.name, func(t *testing.T) {
			got, err := s.Activities(ctx, tc.f)
			must(t, err)
			sums := make([]string, len(got))
			for i, a := range got {
				sums[i] = a.Summary
			}
			equal(t, "summaries", sums, tc.want)
		})
	}
}

func TestStageHistory(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	must(t, l.SaveSettings(ctx, app.Settings{UserName: "李四"}))
	p := createProject(t, l, app.Project{Name: "电子信息产业园项目", StageSince: day("2025-10-01")})
	moves := []app.StageMove{
		{To: app.StageNegotiating, On: day("2025-11-01")},
		{To: app.StageSigned, On: day("2025-12-01")},
		{To: app.StageNegotiating, On: day("2026-01-05"), Reason: "投资方调整方案"},
		{To: app.StageSigned, On: day("2026-02-01")},
		{To: app.StageProducing, On: day("2026-03-01"), StartedOn: day("2026-02-20")},
	}
	var last app.Project
	for _, m := range moves {
		last = moveStage(t, l, p.ID, m)
	}
	stored, err := s.Project(ctx, p.ID)
	must(t, err)
	equal(t, "project as MoveStage returned it", stored, last)
	equal(t, "milestones: the first signing is kept", []app.Date{stored.SignedOn, stored.StartedOn, stored.ProducedOn, stored.StageSince},
		[]app.Date{day("2025-12-01"), day("2026-02-20"), day("2026-03-01"), day("2026-03-01")})

	h, err := s.StageHistory(ctx, p.ID)
	must(t, err)
	type step struct {
		From, To app.Stage
		On       app.Date
		Reason   string
		By       string
	}
	got := make([]step, len(h))
	for i, c := range h {
		got[i] = step{c.From, c.To, c.On, c.Reason, c.By}
		if c.ProjectID != p.ID || c.ID == "" || c.CreatedAt.IsZero() {
			t.Errorf("history entry %d: %+v", i, c)
		}
	}
	equal(t, "history", got, []step{
		{"", app.StageReserve, day("2025-10-01"), "", "李四"},
		{app.StageReserve, app.StageNegotiating, day("2025-11-01"), "", "李四"},
		{app.StageNegotiating, app.StageSigned, day("2025-12-01"), "", "李四"},
		{app.StageSigned, app.StageNegotiating, day("2026-01-05"), "投资方调整方案", "李四"},
		{app.StageNegotiating, app.StageSigned, day("2026-02-01"), "", "李四"},
		{app.StageSigned, app.StageProducing, day("2026-03-01"), "", "李四"},
	})

	t.Run("a refused move leaves no trace", func(t *testing.T) {
		before := dump(t, s.db)
		if _, err := l.MoveStage(ctx, p.ID, app.StageMove{To: app.StageBuilding, On: day("2026-03-05")}); err == nil {
			t.Fatal("stepping back without a reason was accepted")
		}
		if _, err := l.MoveStage(ctx, p.ID, app.StageMove{To: app.StageStopped, On: day("2026-02-01"), Reason: "x"}); err == nil {
			t.Fatal("a move dated before the last change was accepted")
		}
		if dump(t, s.db) != before {
			t.Error("a refused move changed the database")
		}
	})
	t.Run("the stage cannot be edited directly", func(t *testing.T) {
		q := stored
		q.Stage = app.StageReserve
		err := l.UpdateProject(ctx, &q)
		if ve := (*app.ValidationError)(nil); !errors.As(err, &ve) || ve.For("stage") == "" {
			t.Errorf("UpdateProject with a new stage: %v, want a ValidationError on stage", err)
		}
	})
}

func TestDuplicates(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	a := saveEnterprise(t, l, app.Enterprise{Name: "甲公司", CreditCode: creditCode(5)})
	b := saveEnterprise(t, l, app.Enterprise{Name: "乙公司", CreditCode: creditCode(6)})
	p := createProject(t, l, app.Project{Name: "项目"})
	feb := app.Month{Year: 2026, Month: 2}
	saveArrival(t, l, app.Arrival{ProjectID: p.ID, Month: feb, Amount: 100 * app.Wan, Source: app.SourceOutOfProvince})
	other := saveArrival(t, l, app.Arrival{ProjectID: p.ID, Month: feb, Amount: 100 * app.Wan, Source: app.SourceAbroad})

	tests := []struct {
		name  string
		save  func() error
		field string
	}{
		{"new enterprise with a taken credit code", func() error {
			e := app.Enterprise{Name: "甲公司（分公司）", CreditCode: creditCode(5)}
			return l.SaveEnterprise(ctx, &e)
		}, "credit_code"},
		{"taken credit code typed in lower case with spaces", func() error {
			code := creditCode(5)
			e := app.Enterprise{Name: "丙公司", CreditCode: code[:6] + " " + code[6:]}
			return l.SaveEnterprise(ctx, &e)
		}, "credit_code"},
		{"edit an enterprise to a taken credit code", func() error {
			e := b
			e.CreditCode = a.CreditCode
			return l.SaveEnterprise(ctx, &e)
		}, "credit_code"},
		{"second arrival for the same project, month and source", func() error {
			x := app.Arrival{ProjectID: p.ID, Month: feb, Amount: 50 * app.Wan, Source: app.SourceOutOfProvince}
			return l.SaveArrival(ctx, &x)
		}, "month"},
		{"edit an arrival onto a taken month and source", func() error {
			x := other
			x.Source = app.SourceOutOfProvince
			return l.SaveArrival(ctx, &x)
		}, "month"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := dump(t, s.db)
			err := tc.save()
			var ve *app.ValidationError
			if !errors.As(err, &ve) || ve.For(tc.field) == "" {
				t.Fatalf("err = %v, want a ValidationError on %s", err, tc.field)
			}
			if dump(t, s.db) != before {
				t.Error("the refused save changed the database")
			}
		})
	}
	t.Run("no credit code is not a duplicate", func(t *testing.T) {
		saveEnterprise(t, l, app.Enterprise{Name: "无代码甲"})
		saveEnterprise(t, l, app.Enterprise{Name: "无代码乙"})
	})
	t.Run("another month is not a duplicate", func(t *testing.T) {
		saveArrival(t, l, app.Arrival{ProjectID: p.ID, Month: app.Month{Year: 2026, Month: 3}, Amount: 1, Source: app.SourceOutOfProvince})
	})
	t.Run("a link to a missing record is refused", func(t *testing.T) {
		x := app.Task{ProjectID: app.NewID(), Title: "孤立任务"}
		if err := l.SaveTask(ctx, &x); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("task of a missing project: %v, want ErrNotFound", err)
		}
		if x.ID != "" {
			t.Error("the refused task kept the ID it was given")
		}
	})
}
