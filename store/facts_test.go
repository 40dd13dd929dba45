package store

import (
	"context"
	"testing"

	"ganzhao/app"
)

func TestProjectFacts(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	national := zoneByName(t, s, "南昌经开区")
	var provincial app.Zone
	zs, err := s.Zones(ctx)
	must(t, err)
	for _, z := range zs {
		if z.Level == app.ZoneProvincial {
			provincial = z
			break
		}
	}
	if provincial.ID == "" {
		t.Fatal("no provincial zone in the seed")
	}
	chain := chainByName(t, s, "电子信息")
	soe := saveEnterprise(t, l, app.Enterprise{Name: "中国电子信息产业集团有限公司", Nature: app.NatureCentralSOE})

	// Signed, stepped back, signed again and started: its first signing counts.
	resigned := createProject(t, l, app.Project{Name: "新型显示项目", InvestorID: soe.ID, ZoneID: national.ID, ChainID: chain.ID,
		TotalInvestment: 60 * app.Yi, Stage: app.StageNegotiating, StageSince: day("2025-09-01"),
		Methods: []string{"产业链招商", "驻点招商"}, HomecomingTies: []app.Tie{app.TieAlumni}})
	moveStage(t, l, resigned.ID, app.StageMove{To: app.StageSigned, On: day("2025-10-10")})
	moveStage(t, l, resigned.ID, app.StageMove{To: app.StageNegotiating, On: day("2025-11-01"), Reason: "股比重新谈判"})
	moveStage(t, l, resigned.ID, app.StageMove{To: app.StageSigned, On: day("2026-01-15")})
	moveStage(t, l, resigned.ID, app.StageMove{To: app.StageStarted, On: day("2026-02-01")})
	saveArrival(t, l, app.Arrival{ProjectID: resigned.ID, Month: app.Month{Year: 2026, Month: 1}, Amount: 100 * app.Wan, Source: app.SourceOutOfProvince})
	saveArrival(t, l, app.Arrival{ProjectID: resigned.ID, Month: app.Month{Year: 2026, Month: 1}, Amount: 50 * app.Wan, Source: app.SourceAbroad})
	saveArrival(t, l, app.Arrival{ProjectID: resigned.ID, Month: app.Month{Year: 2026, Month: 2}, Amount: 30 * app.Wan, Source: app.SourceOutOfProvince})
	gone := saveArrival(t, l, app.Arrival{ProjectID: resigned.ID, Month: app.Month{Year: 2026, Month: 3}, Amount: 999 * app.Wan, Source: app.SourceOutOfProvince})
	must(t, l.Delete(ctx, app.KindArrival, gone.ID))

	// Created as signed: its history starts at 签约.
	createdSigned := createProject(t, l, app.Project{Name: "光学镜头项目", ZoneID: provincial.ID, TotalInvestment: 25 * app.Yi,
		Stage: app.StageSigned, StageSince: day("2026-02-10"), SignedOn: day("2026-02-10")})
	// Skipped from 在谈 to 开工 with an earlier signing date than the move.
	skipped := createProject(t, l, app.Project{Name: "智能终端项目", Sector: app.SectorServices, TotalInvestment: 3 * app.Yi,
		Stage: app.StageNegotiating, StageSince: day("2025-12-01")})
	moveStage(t, l, skipped.ID, app.StageMove{To: app.StageStarted, On: day("2026-01-20"), SignedOn: day("2026-01-05")})
	reserve := createProject(t, l, app.Project{Name: "储备项目", StageSince: day("2026-01-01")})
	deleted := createProject(t, l, app.Project{Name: "已删除的签约项目", Stage: app.StageSigned, StageSince: day("2026-02-01"), SignedOn: day("2026-02-01"), TotalInvestment: app.Yi})
	must(t, l.Delete(ctx, app.KindProject, deleted.ID))

	facts, err := s.ProjectFacts(ctx)
	must(t, err)
	byID := map[string]app.ProjectFact{}
	for _, f := range facts {
		byID[f.ID] = f
	}
	if len(facts) != 4 {
		t.Errorf("%d facts, want 4 (the deleted project left out)", len(facts))
	}
	want := []app.ProjectFact{
		{ID: resigned.ID, Stage: app.StageStarted, Sector: app.SectorIndustry, ZoneName: national.Name, ZoneLevel: app.ZoneNationalETDZ,
			ChainName: "电子信息", Methods: []string{"产业链招商", "驻点招商"}, HomecomingTies: []app.Tie{app.TieAlumni},
			InvestorNature: app.NatureCentralSOE, Total: 60 * app.Yi, FirstSignedOn: day("2025-10-10"), StartedOn: day("2026-02-01"),
			Arrivals: []app.MonthAmount{{Month: app.Month{Year: 2026, Month: 1}, Amount: 150 * app.Wan}, {Month: app.Month{Year: 2026, Month: 2}, Amount: 30 * app.Wan}}},
		{ID: createdSigned.ID, Stage: app.StageSigned, Sector: app.SectorIndustry, ZoneName: provincial.Name, ZoneLevel: app.ZoneProvincial,
			Total: 25 * app.Yi, FirstSignedOn: day("2026-02-10")},
		{ID: skipped.ID, Stage: app.StageStarted, Sector: app.SectorServices, Total: 3 * app.Yi,
			FirstSignedOn: day("2026-01-05"), StartedOn: day("2026-01-20")},
		{ID: reserve.ID, Stage: app.StageReserve, Sector: app.SectorIndustry},
	}
	for _, w := range want {
		equal(t, "fact of "+w.ID, byID[w.ID], w)
	}

	periods := []struct {
		name        string
		p           app.Period
		signed      int
		p5020       int
		started     int
		arrivedInto app.Yuan
	}{
		{"2026 to date", app.Period{From: day("2026-01-01"), To: day("2026-03-12")}, 2, 1, 2, 180 * app.Wan},
		{"2025", app.Period{From: day("2025-01-01"), To: day("2025-12-31")}, 1, 1, 0, 0},
		{"February 2026", app.Period{From: day("2026-02-01"), To: day("2026-02-28")}, 1, 1, 1, 30 * app.Wan},
		{"all time", app.Period{}, 3, 2, 2, 180 * app.Wan},
	}
	for _, tc := range periods {
		t.Run("KPIs "+tc.name, func(t *testing.T) {
			k, err := l.KPIs(ctx, tc.p)
			must(t, err)
			equal(t, "KPIs", k, app.ComputeKPIs(facts, tc.p))
			if k.Signed.Count != tc.signed || k.P5020.Count != tc.p5020 || k.Started != tc.started || k.ArrivedInPeriod != tc.arrivedInto {
				t.Errorf("signed %d, 5020 %d, started %d, arrived %d; want %d, %d, %d, %d",
					k.Signed.Count, k.P5020.Count, k.Started, k.ArrivedInPeriod, tc.signed, tc.p5020, tc.started, tc.arrivedInto)
			}
		})
	}
}
