package seeds

import (
	"fmt"
	"testing"

	"ganzhao/app"
)

// The demo's funds have what the 返投 ledger needs to show real figures: 可投资金额, co-GPs,
// LPs whose commitments add up to the fund's size and the government's to its commitment
// (so the ledger raises no warning), and investments that count and that do not.
func TestDemoFundParties(t *testing.T) {
	for _, size := range []int{MinDemoSize, 2000, 20000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			ds := genDemo(t, size, 1)
			lps := map[string][]app.FundLP{}
			for _, lp := range ds.FundLPs {
				lps[lp.FundID] = append(lps[lp.FundID], lp)
			}
			invs := map[string][]app.FundInvestment{}
			for _, v := range ds.Investments {
				invs[v.FundID] = append(invs[v.FundID], v)
			}
			totals := map[string]app.Yuan{}
			for _, p := range ds.Projects {
				totals[p.ID] = p.TotalInvestment
			}
			coGPs, measured, counting, notCounting := 0, 0, 0, 0
			for _, f := range ds.Funds {
				if err := app.ValidateFund(f); err != nil {
					t.Fatalf("fund %s: %v", f.Name, err)
				}
				if f.CoManagerID != "" {
					coGPs++
				}
				if f.Type == app.FundGuidance {
					if len(lps[f.ID]) > 0 || f.Investable != 0 {
						t.Errorf("guidance fund %s has LPs or 可投资金额", f.Name)
					}
					continue
				}
				if len(lps[f.ID]) == 0 || f.Investable <= 0 || f.Investable > f.Size {
					t.Errorf("fund %s: %d LPs, 可投资金额 %d of %d", f.Name, len(lps[f.ID]), f.Investable, f.Size)
				}
				for _, lp := range lps[f.ID] {
					if err := app.ValidateFundLP(lp); err != nil {
						t.Errorf("fund %s: LP %v", f.Name, err)
					}
				}
				r := app.ComputeReinvest(f, lps[f.ID], invs[f.ID], totals, app.Date{})
				if len(r.Warnings) > 0 {
					t.Errorf("fund %s: warnings %q", f.Name, r.Warnings)
				}
				if r.HasRequirement() {
					measured++
				}
				counting += r.CountedN
				notCounting += r.NotCountedN
			}
			if coGPs == 0 || measured == 0 || counting == 0 || (size >= 2000 && notCounting == 0) {
				t.Errorf("co-GPs %d, funds with a measured requirement %d, investments counting %d / not %d", coGPs, measured, counting, notCounting)
			}
		})
	}
}
