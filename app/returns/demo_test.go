package returns

import (
	"context"
	"testing"
	"time"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// TestBuiltinTemplatesOnDemoData fills every built-in template from 2 000 demo records and
// checks the counts and totals against what the ledger's own figures say.
func TestBuiltinTemplatesOnDemoData(t *testing.T) {
	if testing.Short() {
		t.Skip("demo data in -short mode")
	}
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 2000)
	period := app.MonthOf(apptest.Today)
	month := app.Period{From: period.First(), To: period.Last()}
	year := app.Period{From: app.NewDate(period.Year, time.January, 1), To: period.Last()}
	ks, err := l.KPIsFor(ctx, month, year)
	if err != nil {
		t.Fatal(err)
	}
	st := l.Store()
	projects, err := st.Projects(ctx, app.ProjectFilter{Stages: app.PipelineStages})
	if err != nil {
		t.Fatal(err)
	}
	zones, err := st.Zones(ctx)
	if err != nil {
		t.Fatal(err)
	}
	level := map[string]app.ZoneLevel{}
	for _, z := range zones {
		level[z.ID] = z.Level
	}
	n5020 := 0
	for _, p := range projects {
		if app.Is5020(p.TotalInvestment, p.Sector, level[p.ZoneID]) {
			n5020++
		}
	}
	funds, err := st.Funds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nInvest := 0
	for _, f := range funds {
		vs, err := st.FundInvestments(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			if !v.On.After(period.Last()) {
				nInvest++
			}
		}
	}
	builtins, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{}
	for _, tpl := range builtins {
		res, err := Generate(ctx, l, tpl, period, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tpl.Name, err)
		}
		rows[tpl.Name] = res.Archive.RowCount
		switch tpl.Name {
		case "月度招商工作情况汇总表":
			sums := map[string]int{}
			for _, r := range res.Archive.Rows {
				sums[r.Kind+"month"] += atoi(t, r.Values[2])
				sums[r.Kind+"year"] += atoi(t, r.Values[4])
			}
			for _, kind := range []string{"开发区", "产业链"} {
				if sums[kind+"month"] != ks[0].Signed.Count || sums[kind+"year"] != ks[1].Signed.Count {
					t.Errorf("%s rows sum to %d signed this month and %d this year; the KPIs say %d and %d",
						kind, sums[kind+"month"], sums[kind+"year"], ks[0].Signed.Count, ks[1].Signed.Count)
				}
			}
		case "招商引资项目调度表（亿元以上）":
			checkWithOpenpyxl(t, tpl.Name+"（演示数据）", res.File)
		}
	}
	for name, want := range map[string]int{"新签约项目表": ks[0].Signed.Count, "“5020”项目调度表": n5020, "基金招商项目台账": nInvest, "三请三回活动情况统计表": len(app.EventKinds)} {
		if rows[name] != want {
			t.Errorf("%s has %d rows, want %d", name, rows[name], want)
		}
	}
	for name, n := range rows {
		if n == 0 {
			t.Errorf("%s is empty on demo data", name)
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("%q is not a count", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}
