package store

import (
	"context"
	"testing"

	"ganzhao/app"
)

func TestPipelineCardsAndTallies(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	zone := zoneByName(t, s, "南昌经开区")
	investor := saveEnterprise(t, l, newEnterprise("深圳市锂能科技有限公司", 1))
	a := createProject(t, l, app.Project{Name: "甲项目", Stage: app.StageNegotiating, StageSince: day("2026-01-01"),
		InvestorID: investor.ID, ZoneID: zone.ID, TotalInvestment: 12 * app.Yi})
	b := createProject(t, l, app.Project{Name: "乙项目", Stage: app.StageNegotiating, StageSince: day("2026-02-01"), TotalInvestment: 3 * app.Yi})
	c := createProject(t, l, app.Project{Name: "丙项目", Stage: app.StageNegotiating, StageSince: day("2025-12-01"), TotalInvestment: app.Yi})
	createProject(t, l, app.Project{Name: "储备项目", StageSince: day("2026-01-01"), TotalInvestment: 5 * app.Yi})
	gone := createProject(t, l, app.Project{Name: "已删除", Stage: app.StageNegotiating, StageSince: day("2026-03-01")})
	must(t, l.Delete(ctx, app.KindProject, gone.ID))
	moveStage(t, l, c.ID, app.StageMove{To: app.StageStarted, On: day("2026-03-01"), SignedOn: day("2026-02-20")})

	tallies, err := s.StageTallies(ctx)
	must(t, err)
	equal(t, "tallies", tallies, map[app.Stage]app.Tally{
		app.StageReserve:     {Count: 1, Amount: 5 * app.Yi},
		app.StageNegotiating: {Count: 2, Amount: 15 * app.Yi},
		app.StageStarted:     {Count: 1, Amount: app.Yi},
	})

	cards, err := s.PipelineCards(ctx, app.StageNegotiating, 10)
	must(t, err)
	equal(t, "在谈 cards", cards, []app.PipelineCard{
		{ID: b.ID, Name: "乙项目", Stage: app.StageNegotiating, StageSince: day("2026-02-01"), Total: 3 * app.Yi},
		{ID: a.ID, Name: "甲项目", InvestorName: investor.Name, ZoneName: zone.Name, Stage: app.StageNegotiating,
			StageSince: day("2026-01-01"), Total: 12 * app.Yi},
	})
	one, err := s.PipelineCards(ctx, app.StageNegotiating, 1)
	must(t, err)
	if len(one) != 1 || one[0].ID != b.ID {
		t.Errorf("limit 1 gave %+v, want only the most recently moved", one)
	}
	started, err := s.PipelineCards(ctx, app.StageStarted, 10)
	must(t, err)
	if len(started) != 1 || started[0].SignedOn != day("2026-02-20") || started[0].StartedOn != day("2026-03-01") {
		t.Errorf("开工 cards = %+v, want the milestone dates", started)
	}
}
