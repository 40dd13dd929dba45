package app

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sort"
)

// CountsReasons are the usual reasons an investment counts toward 返投: the forms the
// policies recognise (a local enterprise, a local branch or plant, a head office or core
// business moved here).
var CountsReasons = []string{"被投企业为本地企业", "本地设立子公司", "本地设立分支机构", "本地新建工厂", "总部迁入", "核心业务迁入本地"}

// NotCountsReasons are the usual reasons it does not.
var NotCountsReasons = []string{"被投企业未在本地落地", "被投企业注册地不在本地", "投资发生在基金备案前", "尚待认定"}

// ReasonSum is the investments sharing a reason, with their number and amount.
type ReasonSum struct {
	Reason string
	Counts bool
	N      int
	Amount Yuan
}

// ReinvestLedger is a fund's 返投 ledger: what it must invest locally, what counts so far, what
// does not and why, and the local projects its investments turned into.
//
// Arithmetic is exact in whole 元. Required = base × ratio ÷ 10 000 (the ratio is in basis
// points), rounded down to the 元; the pro-rata base of a multiple on 可投资金额 is rounded
// down too. The completion rate is in basis points (0.01%), rounded down, so a fund shows
// 100% only when it has really met its requirement.
type ReinvestLedger struct {
	Kind    ReinvestKind
	RatioBP int
	Base    ReinvestBase
	// BaseLabel names what the base measures ("政府认缴出资", "基金实缴规模" …) and BaseAmount is
	// its amount; BaseMissing is true when the ledger lacks that amount (no paid-in LP capital
	// recorded, no 可投资金额 entered), so Required is 0 until it is entered.
	BaseLabel   string
	BaseAmount  Yuan
	BaseMissing bool
	Required    Yuan

	Counted, NotCounted   Yuan
	CountedN, NotCountedN int
	Reasons               []ReasonSum // counted reasons first, then by amount, largest first

	// Landed is the number of distinct local projects the investments turned into,
	// LandedAmount the fund's investments in them and LandedTotal their total investment.
	Landed       int
	LandedAmount Yuan
	LandedTotal  Yuan

	Gap    Yuan // Required − Counted, never below 0
	RateBP int  // Counted ÷ Required in basis points, rounded down; 0 with no requirement

	// LP totals and the checks a user should see: the LPs' commitments against the fund's
	// size and the government's against its stated commitment.
	LPSubscribed, LPPaidIn, GovPaidIn Yuan
	Warnings                          []string
}

// HasRequirement reports whether the fund has a 返投 requirement that can be measured.
func (r ReinvestLedger) HasRequirement() bool { return r.Kind != ReinvestNone && r.Required > 0 }

// RateText writes the completion rate as a percentage with two decimals: "37.50%".
func (r ReinvestLedger) RateText() string {
	if !r.HasRequirement() {
		return "—"
	}
	return fmt.Sprintf("%d.%02d%%", r.RateBP/100, r.RateBP%100)
}

// RequirementText writes the requirement: "政府认缴出资的1.5倍", "基金可投资金额的60%".
func (r ReinvestLedger) RequirementText() string {
	switch r.Kind {
	case ReinvestMultiple:
		return r.BaseLabel + "的" + FormatScaled(int64(r.RatioBP), 10_000) + "倍"
	case ReinvestShare:
		return r.BaseLabel + "的" + FormatScaled(int64(r.RatioBP), 100) + "%"
	}
	return "无返投要求"
}

// ComputeReinvest builds a fund's 返投 ledger from its LPs, its investments and the total
// investment of the live projects they landed as (projects by ID; an investment whose project
// is not there does not count as landed). Investments dated after asOf are left out; a zero
// asOf keeps them all.
//
// The base follows the requirement's kind (shared/domain.md §8):
//   - a multiple is of the government's money: 认缴 = the fund's GovCommitment, 实缴 = the
//     paid-in capital of its government LPs, 可投资金额 = the government's pro-rata share of
//     the fund's 可投资金额 (Investable × GovCommitment ÷ Size);
//   - a share is of the fund: 认缴 = Size, 实缴 = the paid-in capital of all its LPs,
//     可投资金额 = Investable.
func ComputeReinvest(f Fund, lps []FundLP, invs []FundInvestment, projectTotals map[string]Yuan, asOf Date) ReinvestLedger {
	r := ReinvestLedger{Kind: f.ReinvestKind, RatioBP: f.ReinvestRatio, Base: f.ReinvestBase}
	var govSubscribed Yuan
	govLPs := 0
	for _, lp := range lps {
		r.LPSubscribed += lp.Subscribed
		r.LPPaidIn += lp.PaidIn
		if lp.Government {
			govLPs++
			govSubscribed += lp.Subscribed
			r.GovPaidIn += lp.PaidIn
		}
	}
	if len(lps) > 0 && f.Size > 0 && r.LPSubscribed != f.Size {
		r.Warnings = append(r.Warnings, fmt.Sprintf("出资人认缴合计%s，与基金规模%s不一致", r.LPSubscribed.FormatWan(), f.Size.FormatWan()))
	}
	if govLPs > 0 && govSubscribed != f.GovCommitment {
		r.Warnings = append(r.Warnings, fmt.Sprintf("政府出资人认缴合计%s，与政府出资%s不一致", govSubscribed.FormatWan(), f.GovCommitment.FormatWan()))
	}

	switch f.ReinvestKind {
	case ReinvestMultiple:
		switch f.ReinvestBase {
		case BasePaidIn:
			r.BaseLabel, r.BaseAmount = "政府实缴出资", r.GovPaidIn
		case BaseInvestable:
			r.BaseLabel = "政府出资对应的可投资金额"
			if f.Size > 0 {
				r.BaseAmount = mulDiv(f.Investable, f.GovCommitment, f.Size)
			}
		default:
			r.BaseLabel, r.BaseAmount = "政府认缴出资", f.GovCommitment
		}
	case ReinvestShare:
		switch f.ReinvestBase {
		case BasePaidIn:
			r.BaseLabel, r.BaseAmount = "基金实缴规模", r.LPPaidIn
		case BaseInvestable:
			r.BaseLabel, r.BaseAmount = "基金可投资金额", f.Investable
		default:
			r.BaseLabel, r.BaseAmount = "基金认缴规模", f.Size
		}
	}
	if f.ReinvestKind != ReinvestNone {
		r.BaseMissing = r.BaseAmount == 0
		r.Required = mulDiv(r.BaseAmount, Yuan(f.ReinvestRatio), 10_000)
		if r.BaseMissing {
			r.Warnings = append(r.Warnings, "尚未登记"+r.BaseLabel+"，无法计算返投要求金额")
		}
	}

	reasons := map[ReasonSum]*ReasonSum{}
	landed := map[string]bool{}
	for _, v := range invs {
		if v.Deleted() || (!asOf.IsZero() && v.On.After(asOf)) {
			continue
		}
		reason := v.CountsReason
		if reason == "" {
			reason = "未注明"
		}
		key := ReasonSum{Reason: reason, Counts: v.Counts}
		s := reasons[key]
		if s == nil {
			s = &ReasonSum{Reason: reason, Counts: v.Counts}
			reasons[key] = s
		}
		s.N++
		s.Amount += v.Amount
		if v.Counts {
			r.Counted += v.Amount
			r.CountedN++
		} else {
			r.NotCounted += v.Amount
			r.NotCountedN++
		}
		if total, ok := projectTotals[v.ProjectID]; ok && v.ProjectID != "" {
			r.LandedAmount += v.Amount
			if !landed[v.ProjectID] {
				landed[v.ProjectID] = true
				r.Landed++
				r.LandedTotal += total
			}
		}
	}
	for _, s := range reasons {
		r.Reasons = append(r.Reasons, *s)
	}
	sort.Slice(r.Reasons, func(i, j int) bool {
		a, b := r.Reasons[i], r.Reasons[j]
		if a.Counts != b.Counts {
			return a.Counts
		}
		if a.Amount != b.Amount {
			return a.Amount > b.Amount
		}
		return a.Reason < b.Reason
	})

	if r.Required > r.Counted {
		r.Gap = r.Required - r.Counted
	}
	if r.Required > 0 {
		r.RateBP = int(mulDiv(r.Counted, 10_000, r.Required))
	}
	return r
}

// mulDiv is a × b ÷ c rounded down, exact for any amounts the ledger accepts (the product
// of two amounts up to 1万亿元 overflows int64).
func mulDiv(a, b, c Yuan) Yuan {
	if c == 0 {
		return 0
	}
	var x big.Int
	x.Mul(big.NewInt(int64(a)), big.NewInt(int64(b)))
	x.Quo(&x, big.NewInt(int64(c)))
	return Yuan(x.Int64())
}

// FundReinvest reads a fund's LPs, investments and landed projects and builds its 返投
// ledger as of asOf (zero: everything recorded).
func (l *Ledger) FundReinvest(ctx context.Context, f Fund, asOf Date) (ReinvestLedger, error) {
	ls, err := l.ReinvestOverview(ctx, []Fund{f}, asOf)
	if err != nil {
		return ReinvestLedger{}, err
	}
	return ls[0], nil
}

// ReinvestOverview builds the 返投 ledger of each fund, in order, reading each landed
// project once.
func (l *Ledger) ReinvestOverview(ctx context.Context, funds []Fund, asOf Date) ([]ReinvestLedger, error) {
	return ReinvestLedgers(ctx, l.store, funds, asOf)
}

// ReinvestLedgers builds the 返投 ledger of each fund from the store (the returns read it
// through this too).
func ReinvestLedgers(ctx context.Context, st Store, funds []Fund, asOf Date) ([]ReinvestLedger, error) {
	totals := map[string]Yuan{}
	seen := map[string]bool{}
	out := make([]ReinvestLedger, len(funds))
	for i, f := range funds {
		var lps []FundLP
		var invs []FundInvestment
		var err error
		if f.ID != "" {
			if lps, err = st.FundLPs(ctx, f.ID); err != nil {
				return nil, err
			}
			if invs, err = st.FundInvestments(ctx, f.ID); err != nil {
				return nil, err
			}
		}
		for _, v := range invs {
			if v.ProjectID == "" || seen[v.ProjectID] {
				continue
			}
			seen[v.ProjectID] = true
			p, err := st.Project(ctx, v.ProjectID)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			if !p.Deleted() {
				totals[p.ID] = p.TotalInvestment
			}
		}
		out[i] = ComputeReinvest(f, lps, invs, totals, asOf)
	}
	return out, nil
}
