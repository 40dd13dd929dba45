package returns

import (
	"context"
	"fmt"
	"testing"
	"time"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// The fixture ledger: a handful of hand-made records whose every figure in every built-in
// return is known. Today is apptest.Today (2026-11-27); the returns are for 2026-11.

var fixturePeriod = app.Month{Year: 2026, Month: time.November}

func fixtureCode(n int) string {
	first := fmt.Sprintf("91360100%09d", n)
	return first + string(app.CreditCheckChar(first))
}

// fixtureLedger builds the fixture ledger on a temporary SQLite file.
func fixtureLedger(t testing.TB) *app.Ledger {
	t.Helper()
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 0)
	st := l.Store()
	zones, err := st.Zones(ctx)
	if err != nil {
		t.Fatal(err)
	}
	zone := map[string]string{}
	for _, z := range zones {
		zone[z.Name] = z.ID
	}
	chains, err := st.Chains(ctx)
	if err != nil {
		t.Fatal(err)
	}
	chain := map[string]string{}
	for _, c := range chains {
		if c.Plan == "1269" {
			chain[c.Name] = c.ID
		}
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	meta := func(id string) app.Meta { return app.Meta{ID: id, CreatedAt: at, UpdatedAt: at, UpdatedBy: "测试"} }
	day := app.MustDate
	month := func(s string) app.Month {
		m, err := app.ParseMonth(s)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}

	d := app.Dataset{
		Enterprises: []app.Enterprise{
			{Meta: meta("e1"), Name: "中电光谷科技股份有限公司", CreditCode: fixtureCode(1), Nature: app.NatureCentralSOE, HQProvince: "湖北省", HQCity: "武汉市"},
			{Meta: meta("e2"), Name: "深圳市华迅电子有限公司", CreditCode: fixtureCode(2), Nature: app.NaturePrivate, HQProvince: "广东省", HQCity: "深圳市",
				Categories: []app.CategoryTag{{Name: "专精特新“小巨人”", Year: 2025}}},
			{Meta: meta("e3"), Name: "香港协和精密有限公司", Nature: app.NatureForeignOwned, HQCountry: "中国香港"},
			{Meta: meta("e4"), Name: "宁波赣商实业有限公司", CreditCode: fixtureCode(4), Nature: app.NaturePrivate, HQProvince: "浙江省", HQCity: "宁波市"},
			{Meta: meta("e5"), Name: "国投创新投资管理有限公司", CreditCode: fixtureCode(5), Nature: app.NatureCentralSOE, HQProvince: "北京市"},
			{Meta: meta("e6"), Name: "江西智芯半导体有限公司", CreditCode: fixtureCode(6), Nature: app.NaturePrivate, HQProvince: "江西省", HQCity: "南昌市"},
		},
		People: []app.Person{
			{Meta: meta("x1"), Name: "李国华", Ties: []app.Tie{app.TieHometown}, Phones: []string{"13907910001"}, EnterpriseID: "e2", Title: "董事长",
				NativeProvince: "江西省", NativeCity: "吉安市", NativeCounty: "泰和县"},
			{Meta: meta("x2"), Name: "王建军", Ties: []app.Tie{app.TieAlumni, app.TieComrade}},
			{Meta: meta("x3"), Name: "陈明"},
		},
		Funds: []app.Fund{
			{Meta: meta("f1"), Name: "赣江智能制造产业基金", Type: app.FundChild, Level: app.FundProvincial, ManagerID: "e5", Size: 20 * app.Yi,
				GovCommitment: 4 * app.Yi, Stage: app.FundInvested, ReinvestKind: app.ReinvestMultiple, ReinvestRatio: 15_000, ReinvestBase: app.BaseSubscribed},
			{Meta: meta("f2"), Name: "南昌光电产业母基金", Type: app.FundParent, Level: app.FundCity, ManagerID: "e5", Size: 10 * app.Yi,
				GovCommitment: 3 * app.Yi, Stage: app.FundInvested, ReinvestKind: app.ReinvestShare, ReinvestRatio: 6_000, ReinvestBase: app.BasePaidIn},
		},
		Projects: []app.Project{
			{Meta: meta("p1"), Name: "中电光谷南昌光电产业园", Code: "JX2026-001", InvestorID: "e1", ZoneID: zone["南昌经开区"], ChainID: chain["电子信息"],
				Sector: app.SectorIndustry, TotalInvestment: 60 * app.Yi, FixedInvestment: 45 * app.Yi, Land: 32050, Stage: app.StageStarted,
				StageSince: day("2026-09-01"), SignedOn: day("2026-03-15"), StartedOn: day("2026-09-01"), Leader: "张卫东副主任", Unit: "招商一局",
				Methods: []string{"产业链招商"}, OutOfProvince: true},
			{Meta: meta("p2"), Name: "华迅电子5G模组生产基地", Code: "0012026", InvestorID: "e2", ZoneID: zone["樟树工业园区"], ChainID: chain["电子信息"],
				Sector: app.SectorIndustry, TotalInvestment: 25 * app.Yi, FixedInvestment: 18 * app.Yi, Land: 15000, Stage: app.StageSigned,
				StageSince: day("2026-11-10"), SignedOn: day("2026-11-10"), Leader: "刘志强", Unit: "招商二局",
				Methods: []string{"三请三回", "以商引商"}, Homecoming: true, HomecomingTies: []app.Tie{app.TieHometown}, OutOfProvince: true, FundID: "f1",
				IntroducerID: "x1"},
			{Meta: meta("p3"), Name: "协和精密光学元件项目", InvestorID: "e3", ZoneID: zone["南昌经开区"], ChainID: chain["电子信息"],
				Sector: app.SectorIndustry, TotalInvestment: 350_000_000, FixedInvestment: 280_000_000, ForeignCapital: 20_000_000 * 100, Land: 8000,
				Stage: app.StageBuilding, StageSince: day("2025-12-01"), SignedOn: day("2025-06-18"), StartedOn: day("2025-10-08"),
				Leader: "张卫东副主任", Unit: "招商一局", Methods: []string{"驻点招商"}},
			{Meta: meta("p4"), Name: "赣商回乡食品深加工项目", InvestorID: "e4", ZoneID: zone["樟树工业园区"], ChainID: chain["食品"],
				Sector: app.SectorIndustry, TotalInvestment: 80_000_000, Stage: app.StageSigned, StageSince: day("2026-11-20"), SignedOn: day("2026-11-20"),
				Leader: "刘志强", Unit: "招商二局", Methods: []string{"三请三回"}, Homecoming: true,
				HomecomingTies: []app.Tie{app.TieHometown, app.TieAlumni}, OutOfProvince: true, GanReturn: true},
			{Meta: meta("p5"), Name: "智芯半导体封测项目", InvestorID: "e6", ZoneID: zone["南昌高新区"], ChainID: chain["电子信息"],
				Sector: app.SectorIndustry, TotalInvestment: 12 * app.Yi, Stage: app.StageNegotiating, StageSince: day("2026-06-01"),
				Methods: []string{"基金招商"}, FundID: "f1", Unit: "高新区招商局"},
			{Meta: meta("p6"), Name: "医药冷链物流中心", ZoneID: zone["樟树工业园区"], ChainID: chain["医药"], Sector: app.SectorServices,
				TotalInvestment: 180_000_000, Stage: app.StageProducing, StageSince: day("2026-06-30"), SignedOn: day("2024-05-01"),
				StartedOn: day("2024-08-01"), ProducedOn: day("2026-06-30"), Notes: "一期已投产"},
			{Meta: meta("p7"), Name: "停摆的光伏组件项目", ZoneID: zone["南昌高新区"], Sector: app.SectorIndustry, TotalInvestment: 5 * app.Yi,
				Stage: app.StageStopped, StageSince: day("2026-05-01"), StageReason: "投资方资金链断裂", SignedOn: day("2025-03-01")},
		},
		StageChanges: []app.StageChange{
			{ID: "h1a", ProjectID: "p1", To: app.StageNegotiating, On: day("2025-12-01"), CreatedAt: at},
			{ID: "h1b", ProjectID: "p1", From: app.StageNegotiating, To: app.StageSigned, On: day("2026-03-15"), CreatedAt: at},
			{ID: "h1c", ProjectID: "p1", From: app.StageSigned, To: app.StageStarted, On: day("2026-09-01"), CreatedAt: at},
			{ID: "h2a", ProjectID: "p2", To: app.StageSigned, On: day("2026-11-10"), CreatedAt: at},
			{ID: "h3a", ProjectID: "p3", To: app.StageBuilding, On: day("2025-12-01"), CreatedAt: at},
			{ID: "h4a", ProjectID: "p4", To: app.StageSigned, On: day("2026-11-20"), CreatedAt: at},
			{ID: "h5a", ProjectID: "p5", To: app.StageNegotiating, On: day("2026-06-01"), CreatedAt: at},
			{ID: "h6a", ProjectID: "p6", To: app.StageProducing, On: day("2026-06-30"), CreatedAt: at},
			{ID: "h7a", ProjectID: "p7", To: app.StageStopped, On: day("2026-05-01"), CreatedAt: at},
		},
		Arrivals: []app.Arrival{
			{Meta: meta("a1"), ProjectID: "p1", Month: month("2026-10"), Amount: 50_000_000, Source: app.SourceOutOfProvince},
			{Meta: meta("a2"), ProjectID: "p1", Month: month("2026-11"), Amount: 120_000_000, Source: app.SourceOutOfProvince},
			{Meta: meta("a3"), ProjectID: "p3", Month: month("2025-12"), Amount: 15_000_000, Source: app.SourceAbroad},
			{Meta: meta("a4"), ProjectID: "p3", Month: month("2026-05"), Amount: 8_000_000, Source: app.SourceAbroad},
			{Meta: meta("a5"), ProjectID: "p3", Month: month("2026-11"), Amount: 25_000_000, Source: app.SourceAbroad},
		},
		Tasks: []app.Task{
			{Meta: meta("t1"), ProjectID: "p1", Title: "协调施工用电接入", DueOn: day("2026-11-15")},
			{Meta: meta("t2"), ProjectID: "p1", Title: "办理二期施工许可", DueOn: day("2026-12-10")},
			{Meta: meta("t3"), ProjectID: "p1", Title: "完成环评批复", DueOn: day("2026-08-01"), Done: true, DoneOn: day("2026-07-28")},
		},
		Activities: []app.Activity{
			{Meta: meta("v1"), Kind: "走访", On: day("2026-11-18"), Summary: "走访中电光谷，确认二期设备进场时间", NextStep: "协调二期用地指标",
				ProjectIDs: []string{"p1"}, EnterpriseIDs: []string{"e1"}},
			{Meta: meta("v2"), Kind: "洽谈", On: day("2026-10-12"), Summary: "与协和精密洽谈增资", ProjectIDs: []string{"p3"}},
			{Meta: meta("v3"), Kind: "恳谈会", On: day("2026-02-10"), Summary: "春节赣籍企业家恳谈会", PersonIDs: []string{"x1", "x2", "x3"},
				ProjectIDs: []string{"p2", "p4"}},
			{Meta: meta("v4"), Kind: "座谈会", On: day("2026-11-05"), Summary: "深圳江西商会座谈会", PersonIDs: []string{"x1"}, ProjectIDs: []string{"p4"}},
			{Meta: meta("v5"), Kind: "茶话会", On: day("2026-04-01"), Summary: "茶话会（无三友参加）", PersonIDs: []string{"x3"}},
			{Meta: meta("v6"), Kind: "团拜会", On: day("2025-01-20"), Summary: "去年的团拜会", PersonIDs: []string{"x1"}},
		},
		Events: []app.Event{
			{Meta: meta("ev1"), Name: "春节赣籍企业家恳谈会", Kind: app.EventTalks, On: day("2026-02-10"), Level: app.LevelCity,
				Guests:   []app.Guest{{PersonID: "x1", Attended: true}, {PersonID: "x2", Attended: true}, {PersonID: "x3"}},
				Signings: []app.EventSigning{{ProjectID: "p2", Amount: 25 * app.Yi}, {ProjectID: "p4", Amount: 80_000_000}}},
			{Meta: meta("ev2"), Name: "深圳江西商会座谈会", Kind: app.EventForum, On: day("2026-11-05"), Level: app.LevelCounty,
				Guests: []app.Guest{{PersonID: "x1", Attended: true}}, Signings: []app.EventSigning{{ProjectID: "p4", Amount: 80_000_000}}},
			{Meta: meta("ev3"), Name: "茶话会（无三友参加）", Kind: app.EventTea, On: day("2026-04-01"), Level: app.LevelTownship,
				Guests: []app.Guest{{PersonID: "x3", Attended: true}}},
			{Meta: meta("ev4"), Name: "去年的团拜会", Kind: app.EventNewYear, On: day("2025-01-20"), Guests: []app.Guest{{PersonID: "x1"}}},
		},
		Investments: []app.FundInvestment{
			{Meta: meta("i1"), FundID: "f1", EnterpriseID: "e6", ProjectID: "p5", Amount: 150_000_000, On: day("2026-07-01"), Counts: true, CountsReason: "本地工厂"},
			{Meta: meta("i2"), FundID: "f1", EnterpriseID: "e2", ProjectID: "p2", Amount: 80_000_000, On: day("2026-11-12"), Counts: true, CountsReason: "本地分支机构"},
			{Meta: meta("i3"), FundID: "f1", EnterpriseID: "e1", Amount: 50_000_000, On: day("2026-12-05"), CountsReason: "尚未落地"},
			{Meta: meta("i4"), FundID: "f2", EnterpriseID: "e3", ProjectID: "p3", Amount: 30_000_000, On: day("2026-02-20"), CountsReason: "注册地在省外"},
		},
		// f2's 60% of 实缴: its LPs paid in 1.5亿 (government) + 3.5亿 = 5亿, so 3亿 is required.
		FundLPs: []app.FundLP{
			{Meta: meta("l1"), FundID: "f2", EnterpriseID: "e5", Government: true, Subscribed: 3 * app.Yi, PaidIn: 150_000_000},
			{Meta: meta("l2"), FundID: "f2", EnterpriseID: "e4", Subscribed: 7 * app.Yi, PaidIn: 350_000_000},
		},
	}
	if err := l.LoadDataset(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := l.SaveSettings(ctx, app.Settings{Unit: "南昌经开区招商局", Reporter: "刘晓明", Phone: "0791-88123456", UserName: "刘晓明"}); err != nil {
		t.Fatal(err)
	}
	return l
}
