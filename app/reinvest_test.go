package app

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// The fixture's figures are computed by hand in the comments; the test checks the function
// against them, never against its own output.
func TestComputeReinvest(t *testing.T) {
	gone := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	inv := func(on string, amount Yuan, counts bool, reason, project string) FundInvestment {
		return FundInvestment{On: MustDate(on), Amount: amount, Counts: counts, CountsReason: reason, ProjectID: project}
	}
	deleted := inv("2025-02-01", 100_000_000, true, "本地设立子公司", "P1")
	deleted.DeletedAt = &gone
	// Investments of the share fund (60% of 可投资金额 4.75亿):
	//   1. 2025-03-10  8000万     counts  本地设立子公司  → P1 (总投资 3亿)
	//   2. 2025-06-01  5000万     counts  总部迁入        → P1 again
	//   3. 2025-07-15  3333.3333万 counts 本地新建工厂    → P2 (总投资 1.2亿)
	//   4. 2025-08-20  6000万     not     被投企业未在本地落地, no project
	//   5. 2026-01-05  2000万     counts  本地设立子公司  → P3, a project in the recycle bin
	//   6. in the recycle bin: 1亿, left out everywhere.
	invs := []FundInvestment{
		inv("2025-03-10", 80_000_000, true, "本地设立子公司", "P1"),
		inv("2025-06-01", 50_000_000, true, "总部迁入", "P1"),
		inv("2025-07-15", 33_333_333, true, "本地新建工厂", "P2"),
		inv("2025-08-20", 60_000_000, false, "被投企业未在本地落地", ""),
		inv("2026-01-05", 20_000_000, true, "本地设立子公司", "P3"),
		deleted,
	}
	totals := map[string]Yuan{"P1": 300_000_000, "P2": 120_000_000} // P3 is deleted: not landed
	share := Fund{ReinvestKind: ReinvestShare, ReinvestRatio: 6000, ReinvestBase: BaseInvestable,
		Size: 500_000_000, GovCommitment: 100_000_000, Investable: 475_000_000}

	// LPs of a 10亿 fund with 2亿 of government money: two government LPs (1.5亿 paid 6000万,
	// 5000万 paid 2500万) and a market LP (8亿 paid 3亿). Government 实缴 = 8500万, all 实缴 = 3.85亿.
	lps := []FundLP{
		{Government: true, Subscribed: 150_000_000, PaidIn: 60_000_000},
		{Government: true, Subscribed: 50_000_000, PaidIn: 25_000_000},
		{Subscribed: 800_000_000, PaidIn: 300_000_000},
	}
	multiple := func(bp int, base ReinvestBase) Fund {
		return Fund{ReinvestKind: ReinvestMultiple, ReinvestRatio: bp, ReinvestBase: base,
			Size: 1_000_000_000, GovCommitment: 200_000_000, Investable: 950_000_000}
	}
	oneCounting := []FundInvestment{inv("2025-05-05", 150_000_000, true, "总部迁入", "")}

	tests := []struct {
		name  string
		fund  Fund
		lps   []FundLP
		invs  []FundInvestment
		asOf  Date
		want  ReinvestLedger // the figures compared below
		text  string         // RequirementText
		rate  string         // RateText
		warns []string       // substrings of the warnings, in order
	}{
		{
			// Required = 4.75亿 × 6000 ÷ 10000 = 285 000 000.
			// Counted = 8000万 + 5000万 + 3333.3333万 + 2000万 = 183 333 333 (4 investments);
			// not counted 6000万 (1). Landed: P1 and P2 = 2 projects, investments in them
			// 8000万 + 5000万 + 3333.3333万 = 163 333 333, their 总投资 3亿 + 1.2亿 = 420 000 000.
			// Gap = 285 000 000 − 183 333 333 = 101 666 667.
			// Rate = ⌊183 333 333 × 10000 ÷ 285 000 000⌋ = ⌊6432.74…⌋ = 6432 bp.
			name: "share of 可投资金额, all dates", fund: share, invs: invs,
			want: ReinvestLedger{BaseAmount: 475_000_000, Required: 285_000_000, Counted: 183_333_333, CountedN: 4,
				NotCounted: 60_000_000, NotCountedN: 1, Landed: 2, LandedAmount: 163_333_333, LandedTotal: 420_000_000,
				Gap: 101_666_667, RateBP: 6432},
			text: "基金可投资金额的60%", rate: "64.32%",
		},
		{
			// As of 2025-12-31 investment 5 (2026) is left out: counted 163 333 333 (3),
			// gap 285 000 000 − 163 333 333 = 121 666 667,
			// rate ⌊1 633 333 330 000 ÷ 285 000 000⌋ = ⌊5730.99…⌋ = 5730 bp.
			name: "share of 可投资金额, as of a year end", fund: share, invs: invs, asOf: MustDate("2025-12-31"),
			want: ReinvestLedger{BaseAmount: 475_000_000, Required: 285_000_000, Counted: 163_333_333, CountedN: 3,
				NotCounted: 60_000_000, NotCountedN: 1, Landed: 2, LandedAmount: 163_333_333, LandedTotal: 420_000_000,
				Gap: 121_666_667, RateBP: 5730},
			text: "基金可投资金额的60%", rate: "57.30%",
		},
		{
			// 1.5 × government 实缴 8500万 = 127 500 000. Counted 1.5亿 exceeds it: gap 0,
			// rate ⌊150 000 000 × 10000 ÷ 127 500 000⌋ = ⌊11764.7…⌋ = 11764 bp.
			name: "multiple of government 实缴", fund: multiple(15000, BasePaidIn), lps: lps, invs: oneCounting,
			want: ReinvestLedger{BaseAmount: 85_000_000, Required: 127_500_000, Counted: 150_000_000, CountedN: 1,
				Gap: 0, RateBP: 11764, LPSubscribed: 1_000_000_000, LPPaidIn: 385_000_000, GovPaidIn: 85_000_000},
			text: "政府实缴出资的1.5倍", rate: "117.64%",
		},
		{
			// 1.5 × government 认缴 2亿 = 3亿; rate ⌊1.5亿 × 10000 ÷ 3亿⌋ = 5000 bp, gap 1.5亿.
			name: "multiple of government 认缴", fund: multiple(15000, BaseSubscribed), lps: lps, invs: oneCounting,
			want: ReinvestLedger{BaseAmount: 200_000_000, Required: 300_000_000, Counted: 150_000_000, CountedN: 1,
				Gap: 150_000_000, RateBP: 5000, LPSubscribed: 1_000_000_000, LPPaidIn: 385_000_000, GovPaidIn: 85_000_000},
			text: "政府认缴出资的1.5倍", rate: "50.00%",
		},
		{
			// 2 × the government's share of 可投资金额: 9.5亿 × 2亿 ÷ 10亿 = 1.9亿; required 3.8亿;
			// rate ⌊1.5亿 × 10000 ÷ 3.8亿⌋ = ⌊3947.3…⌋ = 3947 bp; gap 2.3亿.
			name: "multiple of the government's share of 可投资金额", fund: multiple(20000, BaseInvestable), invs: oneCounting,
			want: ReinvestLedger{BaseAmount: 190_000_000, Required: 380_000_000, Counted: 150_000_000, CountedN: 1,
				Gap: 230_000_000, RateBP: 3947},
			text: "政府出资对应的可投资金额的2倍", rate: "39.47%",
		},
		{
			// Rounding down twice: base ⌊333 333 333 × 1亿 ÷ 10亿⌋ = ⌊33 333 333.3⌋ = 33 333 333;
			// required ⌊33 333 333 × 1.5⌋ = ⌊49 999 999.5⌋ = 49 999 999. Nothing invested: gap
			// is the whole requirement, rate 0.
			name: "rounding down to the 元",
			fund: Fund{ReinvestKind: ReinvestMultiple, ReinvestRatio: 15000, ReinvestBase: BaseInvestable,
				Size: 1_000_000_000, GovCommitment: 100_000_000, Investable: 333_333_333},
			want: ReinvestLedger{BaseAmount: 33_333_333, Required: 49_999_999, Gap: 49_999_999},
			text: "政府出资对应的可投资金额的1.5倍", rate: "0.00%",
		},
		{
			// 70% of 实缴 with no LP recorded: base missing, nothing required, no rate; the
			// counted investment is still counted.
			name: "share of 实缴 with no LPs", fund: Fund{ReinvestKind: ReinvestShare, ReinvestRatio: 7000, ReinvestBase: BasePaidIn, Size: 300_000_000},
			invs: oneCounting,
			want: ReinvestLedger{BaseMissing: true, Counted: 150_000_000, CountedN: 1},
			text: "基金实缴规模的70%", rate: "—", warns: []string{"尚未登记基金实缴规模"},
		},
		{
			// 50% of 认缴 3亿 = 1.5亿, met exactly: rate 10000 bp. The LPs' 认缴 (10亿) differs from
			// the size (3亿) and the government LPs' (2亿) from the commitment (0): two warnings.
			name: "share of 认缴 met exactly, LPs disagree with the fund",
			fund: Fund{ReinvestKind: ReinvestShare, ReinvestRatio: 5000, ReinvestBase: BaseSubscribed, Size: 300_000_000},
			lps:  lps, invs: oneCounting,
			want: ReinvestLedger{BaseAmount: 300_000_000, Required: 150_000_000, Counted: 150_000_000, CountedN: 1,
				RateBP: 10000, LPSubscribed: 1_000_000_000, LPPaidIn: 385_000_000, GovPaidIn: 85_000_000},
			text: "基金认缴规模的50%", rate: "100.00%", warns: []string{"出资人认缴合计100,000.00万元，与基金规模30,000.00万元不一致", "政府出资人认缴合计20,000.00万元"},
		},
		{
			name: "no requirement", fund: Fund{Size: 300_000_000}, invs: oneCounting,
			want: ReinvestLedger{Counted: 150_000_000, CountedN: 1},
			text: "无返投要求", rate: "—",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeReinvest(tt.fund, tt.lps, tt.invs, totals, tt.asOf)
			type figures struct {
				BaseAmount, Required, Counted, NotCounted, LandedAmount, LandedTotal, Gap, LPSubscribed, LPPaidIn, GovPaidIn Yuan
				CountedN, NotCountedN, Landed, RateBP                                                                        int
				BaseMissing                                                                                                  bool
			}
			of := func(r ReinvestLedger) figures {
				return figures{r.BaseAmount, r.Required, r.Counted, r.NotCounted, r.LandedAmount, r.LandedTotal, r.Gap,
					r.LPSubscribed, r.LPPaidIn, r.GovPaidIn, r.CountedN, r.NotCountedN, r.Landed, r.RateBP, r.BaseMissing}
			}
			if g, w := of(got), of(tt.want); g != w {
				t.Errorf("figures\n got %+v\nwant %+v", g, w)
			}
			if s := got.RequirementText(); s != tt.text {
				t.Errorf("RequirementText = %q, want %q", s, tt.text)
			}
			if s := got.RateText(); s != tt.rate {
				t.Errorf("RateText = %q, want %q", s, tt.rate)
			}
			if len(got.Warnings) != len(tt.warns) {
				t.Fatalf("warnings %q, want %d", got.Warnings, len(tt.warns))
			}
			for i, w := range tt.warns {
				if !strings.Contains(got.Warnings[i], w) {
					t.Errorf("warning %d = %q, want it to contain %q", i, got.Warnings[i], w)
				}
			}
		})
	}
}

// The reasons are summed per reason and kind, counted reasons first, larger amounts first.
func TestComputeReinvestReasons(t *testing.T) {
	invs := []FundInvestment{
		{On: MustDate("2025-01-01"), Amount: 30, Counts: true, CountsReason: "总部迁入"},
		{On: MustDate("2025-01-02"), Amount: 50, Counts: false, CountsReason: "尚待认定"},
		{On: MustDate("2025-01-03"), Amount: 20, Counts: true, CountsReason: "本地设立子公司"},
		{On: MustDate("2025-01-04"), Amount: 25, Counts: true, CountsReason: "本地设立子公司"},
		{On: MustDate("2025-01-05"), Amount: 5, Counts: true},
	}
	// 本地设立子公司 20 + 25 = 45 (2), 总部迁入 30, 未注明 5, then the not-counted 尚待认定 50.
	want := []ReasonSum{{"本地设立子公司", true, 2, 45}, {"总部迁入", true, 1, 30}, {"未注明", true, 1, 5}, {"尚待认定", false, 1, 50}}
	got := ComputeReinvest(Fund{}, nil, invs, nil, Date{}).Reasons
	if !slices.Equal(got, want) {
		t.Errorf("reasons\n got %+v\nwant %+v", got, want)
	}
}

func TestMulDivLargeAmounts(t *testing.T) {
	// 1万亿 × 1万亿 ÷ 1万亿 overflows int64 in the product; the result must still be exact.
	const t12 = Yuan(1_000_000_000_000)
	if got := mulDiv(t12, t12, t12); got != t12 {
		t.Errorf("mulDiv = %d, want %d", got, t12)
	}
	if got := mulDiv(7, 3, 2); got != 10 { // ⌊21 ÷ 2⌋
		t.Errorf("mulDiv(7,3,2) = %d, want 10", got)
	}
}
