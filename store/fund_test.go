package store

import (
	"context"
	"errors"
	"testing"

	"ganzhao/app"
)

// A 双GP fund with LPs, investments and landed projects: the fund and its LPs round-trip,
// the 返投 ledger read from SQLite matches the hand-computed figures, and an LP in the recycle
// bin leaves the ledger and comes back with a restore.
func TestFundLPsAndReinvestLedger(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	gp := saveEnterprise(t, l, newEnterprise("深圳鲲鹏私募基金管理有限公司", 1))
	coGP := saveEnterprise(t, l, newEnterprise("南昌市产业投资集团有限公司", 2))
	guidance := saveEnterprise(t, l, newEnterprise("江西省现代产业引导基金（有限合伙）", 3))
	market := saveEnterprise(t, l, newEnterprise("宁波远景投资合伙企业（有限合伙）", 4))
	local := saveEnterprise(t, l, newEnterprise("江西晶锐光电有限公司", 5))
	away := saveEnterprise(t, l, newEnterprise("苏州微纳传感有限公司", 6))

	// 1.5 × government 实缴. Size 10亿, government 2亿 (one LP: 2亿 认缴, 8000万 实缴), a
	// market LP 8亿 (3亿 实缴). Required = 8000万 × 1.5 = 1.2亿.
	fund := saveFund(t, l, app.Fund{Name: "南昌光电产业子基金", Type: app.FundChild, ManagerID: gp.ID, CoManagerID: coGP.ID,
		Size: 10 * app.Yi, GovCommitment: 2 * app.Yi, Investable: 9*app.Yi + 5000*app.Wan, Stage: app.FundInvested,
		ReinvestKind: app.ReinvestMultiple, ReinvestRatio: 15000, ReinvestBase: app.BasePaidIn})
	got, err := s.Fund(ctx, fund.ID)
	must(t, err)
	equal(t, "co-GP", got.CoManagerID, coGP.ID)
	equal(t, "investable", got.Investable, 9*app.Yi+5000*app.Wan)

	govLP := app.FundLP{FundID: fund.ID, EnterpriseID: guidance.ID, Government: true, Subscribed: 2 * app.Yi, PaidIn: 8000 * app.Wan, Notes: "省级引导基金"}
	must(t, l.SaveFundLP(ctx, &govLP))
	marketLP := app.FundLP{FundID: fund.ID, EnterpriseID: market.ID, Subscribed: 8 * app.Yi, PaidIn: 3 * app.Yi}
	must(t, l.SaveFundLP(ctx, &marketLP))
	lps, err := s.FundLPs(ctx, fund.ID)
	must(t, err)
	equal(t, "LPs, largest first", []string{lps[0].ID, lps[1].ID}, []string{marketLP.ID, govLP.ID})
	equal(t, "government LP", lps[1], govLP)

	p := createProject(t, l, app.Project{Name: "晶锐光电模组项目", InvestorID: local.ID, TotalInvestment: 6 * app.Yi, Stage: app.StageSigned,
		SignedOn: day("2026-01-20"), FundID: fund.ID})
	// Counted: 5000万 (local plant, landed as the 6亿 project) + 3000万 (HQ moved) = 8000万;
	// not counted: 4000万. Gap 1.2亿 − 8000万 = 4000万; rate 8000万 ÷ 1.2亿 = 6666 bp.
	saveInvestment(t, l, app.FundInvestment{FundID: fund.ID, EnterpriseID: local.ID, ProjectID: p.ID, Amount: 5000 * app.Wan,
		On: day("2026-01-10"), Counts: true, CountsReason: "本地新建工厂"})
	saveInvestment(t, l, app.FundInvestment{FundID: fund.ID, EnterpriseID: away.ID, Amount: 3000 * app.Wan,
		On: day("2026-02-10"), Counts: true, CountsReason: "总部迁入"})
	saveInvestment(t, l, app.FundInvestment{FundID: fund.ID, EnterpriseID: away.ID, Amount: 4000 * app.Wan,
		On: day("2026-02-20"), CountsReason: "被投企业未在本地落地"})

	tests := []struct {
		name                                 string
		asOf                                 app.Date
		required, counted, notCounted, gap   app.Yuan
		landed, rateBP                       int
		landedAmount, landedTotal, govPaidIn app.Yuan
		prepare                              func()
	}{
		{name: "everything", required: 12_000 * app.Wan, counted: 8000 * app.Wan, notCounted: 4000 * app.Wan, gap: 4000 * app.Wan,
			landed: 1, rateBP: 6666, landedAmount: 5000 * app.Wan, landedTotal: 6 * app.Yi, govPaidIn: 8000 * app.Wan},
		// As of January only the first investment: 5000万 ÷ 1.2亿 = 4166 bp, gap 7000万.
		{name: "as of January", asOf: day("2026-01-31"), required: 12_000 * app.Wan, counted: 5000 * app.Wan, gap: 7000 * app.Wan,
			landed: 1, rateBP: 4166, landedAmount: 5000 * app.Wan, landedTotal: 6 * app.Yi, govPaidIn: 8000 * app.Wan},
		// The government LP in the recycle bin: no government 实缴, nothing can be required.
		{name: "government LP deleted", counted: 8000 * app.Wan, notCounted: 4000 * app.Wan,
			landed: 1, landedAmount: 5000 * app.Wan, landedTotal: 6 * app.Yi,
			prepare: func() { must(t, l.Delete(ctx, app.KindFundLP, govLP.ID)) }},
		// Restored, and the landed project deleted: the ledger counts it no longer as landed.
		{name: "LP restored, project deleted", required: 12_000 * app.Wan, counted: 8000 * app.Wan, notCounted: 4000 * app.Wan,
			gap: 4000 * app.Wan, rateBP: 6666, govPaidIn: 8000 * app.Wan,
			prepare: func() {
				must(t, l.Restore(ctx, app.KindFundLP, govLP.ID))
				must(t, l.Delete(ctx, app.KindProject, p.ID))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.prepare != nil {
				tt.prepare()
			}
			r, err := l.FundReinvest(ctx, fund, tt.asOf)
			must(t, err)
			equal(t, "required", r.Required, tt.required)
			equal(t, "counted", r.Counted, tt.counted)
			equal(t, "not counted", r.NotCounted, tt.notCounted)
			equal(t, "gap", r.Gap, tt.gap)
			equal(t, "rate", r.RateBP, tt.rateBP)
			equal(t, "landed", r.Landed, tt.landed)
			equal(t, "landed amount", r.LandedAmount, tt.landedAmount)
			equal(t, "landed total", r.LandedTotal, tt.landedTotal)
			equal(t, "government 实缴", r.GovPaidIn, tt.govPaidIn)
		})
	}

	// An LP with more paid in than committed is refused on its field, and nothing is written.
	bad := app.FundLP{FundID: fund.ID, EnterpriseID: market.ID, Subscribed: app.Yi, PaidIn: 2 * app.Yi}
	err = l.SaveFundLP(ctx, &bad)
	if !hasProblem(err, "paid_in") {
		t.Fatalf("SaveFundLP(paid in > committed) = %v, want a problem on paid_in", err)
	}
	if _, err := s.FundLP(ctx, "missing"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("FundLP(missing) = %v, want ErrNotFound", err)
	}
	// The co-GP equal to the GP is refused.
	same := fund
	same.CoManagerID = gp.ID
	if err := l.SaveFund(ctx, &same); !hasProblem(err, "co_manager_id") {
		t.Errorf("co-GP equal to GP: %v, want a problem on co_manager_id", err)
	}
	// Edits are audited field by field (read again: the restore changed its version).
	govLP, err = s.FundLP(ctx, govLP.ID)
	must(t, err)
	govLP.PaidIn = 1 * app.Yi
	must(t, l.SaveFundLP(ctx, &govLP))
	audit, err := s.Audit(ctx, app.KindFundLP, govLP.ID)
	must(t, err)
	found := false
	for _, a := range audit {
		found = found || (a.Field == "paid_in" && a.Old == "80000000" && a.New == "100000000")
	}
	if !found {
		t.Errorf("no audit row for paid_in 80000000 → 100000000 in %+v", audit)
	}
}

// hasProblem reports whether err is a validation error with a problem on field.
func hasProblem(err error, field string) bool {
	for _, p := range app.FieldProblems(err) {
		if p.Field == field {
			return true
		}
	}
	return false
}
