package returns

import (
	"context"
	"testing"

	"ganzhao/app"
)

// TestFundFields reads the 基金招商 fields on the fixture for November 2026, against figures
// worked out by hand from fixture_test.go.
func TestFundFields(t *testing.T) {
	ctx := context.Background()
	l := fixtureLedger(t)
	d, err := load(ctx, l.Store(), fixturePeriod, app.MustDate("2026-11-27"), needInvestments)
	if err != nil {
		t.Fatal(err)
	}
	value := func(key string, r *record) raw {
		t.Helper()
		f, ok := FieldByKey(key)
		if !ok {
			t.Fatalf("no field %s", key)
		}
		return f.value(d, r)
	}
	byFund := map[string]*record{}
	for _, r := range d.records(SheetMapping{Source: SourceInvestments}) {
		byFund[r.fund.ID] = r
	}
	// f1 (赣江, 1.5 × 认缴 4亿): by the end of November i1 → p5 (12亿) and i2 → p2 (25亿) landed,
	// 1.5亿 + 0.8亿 = 2.3亿, projects' total 37亿; i3 (December) is not yet in.
	// f2 (南昌光电, 60% of 实缴): LPs paid in 1.5亿 + 3.5亿 = 5亿 (government 1.5亿); i4 → p3
	// (3.5亿) landed but does not count: 0.3亿 not counted.
	for _, c := range []struct {
		fund, key string
		want      raw
	}{
		{"f1", "fund.base", money(4 * app.Yi)},
		{"f1", "fund.required", money(6 * app.Yi)},
		{"f1", "fund.counted", money(230_000_000)},
		{"f1", "fund.gap", money(370_000_000)},
		{"f1", "fund.rate", raw{f: 0.3833}},
		{"f1", "fund.landed_count", count(2)},
		{"f1", "fund.landed_amount", money(230_000_000)},
		{"f1", "fund.landed_total", money(37 * app.Yi)},
		{"f1", "fund.not_counted", money(0)},
		{"f1", "fund.paid_in", money(0)},
		{"f1", "fund.co_manager", raw{null: true}},
		{"f2", "fund.base", money(5 * app.Yi)},
		{"f2", "fund.required", money(3 * app.Yi)},
		{"f2", "fund.paid_in", money(5 * app.Yi)},
		{"f2", "fund.gov_paid_in", money(150_000_000)},
		{"f2", "fund.counted", money(0)},
		{"f2", "fund.not_counted", money(30_000_000)},
		{"f2", "fund.gap", money(3 * app.Yi)},
		{"f2", "fund.rate", raw{f: 0}},
		{"f2", "fund.landed_count", count(1)},
		{"f2", "fund.landed_total", money(350_000_000)},
		{"f2", "fund.requirement", text("基金实缴规模的60%")},
	} {
		if got := value(c.key, byFund[c.fund]); got != c.want {
			t.Errorf("%s %s = %+v, want %+v", c.fund, c.key, got, c.want)
		}
	}

	// 基金招商 projects first signed: only p2 (f1, 25亿, 樟树工业园区, 电子信息, signed
	// 2026-11-10); p5 names f1 but is not signed.
	zones := map[string]*record{}
	for _, r := range d.records(SheetMapping{Source: SourceZones}) {
		zones[r.id] = r
	}
	for _, c := range []struct {
		zone, key string
		want      raw
	}{
		{"樟树工业园区", "kpi.fund_count_month", count(1)},
		{"樟树工业园区", "kpi.fund_amount_month", money(25 * app.Yi)},
		{"樟树工业园区", "kpi.fund_count_year", count(1)},
		{"樟树工业园区", "kpi.fund_amount_year", money(25 * app.Yi)},
		{"南昌经开区", "kpi.fund_count_year", count(0)},
		{"南昌经开区", "kpi.fund_amount_year", money(0)},
	} {
		r := zones[c.zone]
		if r == nil {
			t.Fatalf("no KPI row for %s", c.zone)
		}
		if got := value(c.key, r); got != c.want {
			t.Errorf("%s %s = %+v, want %+v", c.zone, c.key, got, c.want)
		}
	}
}
