package app

import (
	"cmp"
	"slices"
)

// ProjectFact is what the KPIs need to know of one project, as the store reads it in one pass.
type ProjectFact struct {
	ID             string
	Stage          Stage
	Sector         Sector
	ZoneName       string
	ZoneLevel      ZoneLevel
	ChainName      string
	Methods        []string
	HomecomingTies []Tie
	InvestorNature Nature
	Total          Yuan
	// FirstSignedOn is the project's first signing: the earliest move into 签约 or beyond in
	// its history, or its signing date where the history has none.
	FirstSignedOn Date
	StartedOn     Date
	ProducedOn    Date
	Arrivals      []MonthAmount
}

// MonthAmount is an amount arrived in a month.
type MonthAmount struct {
	Month  Month
	Amount Yuan
}

// Period is a closed range of dates; a zero bound is open.
type Period struct {
	From Date `json:"from"`
	To   Date `json:"to"`
}

// Tally is a count of projects and their total investment.
type Tally struct {
	Count  int  `json:"count"`
	Amount Yuan `json:"amount"`
}

// Bucket is a tally under a key of a breakdown (a zone, a chain, a method …).
type Bucket struct {
	Key string `json:"key"`
	Tally
}

// KPIs are the figures of a period. The cohort is the projects first signed in the period;
// a project counts once, at its first signing.
type KPIs struct {
	Period Period `json:"period"`

	Signed Tally `json:"signed"`  // 新签约项目数 and 金额
	YiPlus Tally `json:"yi_plus"` // of which 亿元以上
	P5020  Tally `json:"p5020"`   // of which "5020"

	Started  int `json:"started"`  // projects whose 开工 date falls in the period
	Produced int `json:"produced"` // projects whose 投产 date falls in the period

	// Rates over the cohort, as fractions (0.25 = 25%).
	PerformanceRate float64 `json:"performance_rate"` // 履约率: cohort now at 开工 or later / cohort
	StartRate       float64 `json:"start_rate"`       // 开工率: cohort started by the period's end / cohort
	ProductionRate  float64 `json:"production_rate"`  // 投产率: cohort producing by the period's end / cohort
	// FundsArrivalRate is 资金到位率: the cohort's funds arrived up to the period's end over its
	// contracted (total) investment.
	FundsArrivalRate float64 `json:"funds_arrival_rate"`

	Performing     int  `json:"performing"`      // numerator of 履约率
	CohortStarted  int  `json:"cohort_started"`  // numerator of 开工率
	CohortProduced int  `json:"cohort_produced"` // numerator of 投产率
	CohortArrived  Yuan `json:"cohort_arrived"`  // numerator of 资金到位率
	// ArrivedInPeriod is every project's 到位资金 in the months of the period.
	ArrivedInPeriod Yuan `json:"arrived_in_period"`

	ByZone   []Bucket `json:"by_zone"`
	ByChain  []Bucket `json:"by_chain"`
	ByMethod []Bucket `json:"by_method"`
	ByTie    []Bucket `json:"by_tie"`    // 三请三回, by 三友 type
	ByNature []Bucket `json:"by_nature"` // 三企入赣: 国企, 民企, 外企, 其他
	ByStage  []Bucket `json:"by_stage"`  // the cohort by its current stage
}

// Unassigned labels the bucket of projects with no zone, chain, method or nature.
const Unassigned = "（未填）"

// ComputeKPIs computes the KPIs of a period from the facts of every live project.
func ComputeKPIs(facts []ProjectFact, period Period) KPIs {
	k := KPIs{Period: period}
	byZone, byChain, byMethod := map[string]*Tally{}, map[string]*Tally{}, map[string]*Tally{}
	byTie, byNature, byStage := map[string]*Tally{}, map[string]*Tally{}, map[string]*Tally{}
	var cohortTotal Yuan
	for _, f := range facts {
		if f.StartedOn.Within(period.From, period.To) {
			k.Started++
		}
		if f.ProducedOn.Within(period.From, period.To) {
			k.Produced++
		}
		for _, a := range f.Arrivals {
			if monthWithin(a.Month, period) {
				k.ArrivedInPeriod += a.Amount
			}
		}
		if !f.FirstSignedOn.Within(period.From, period.To) {
			continue
		}
		add(&k.Signed, f.Total)
		cohortTotal += f.Total
		if IsYiPlus(f.Total) {
			add(&k.YiPlus, f.Total)
		}
		if Is5020(f.Total, f.Sector, f.ZoneLevel) {
			add(&k.P5020, f.Total)
		}
		if f.Stage.AtLeast(StageStarted) {
			k.Performing++
		}
		if !f.StartedOn.IsZero() && (period.To.IsZero() || !f.StartedOn.After(period.To)) {
			k.CohortStarted++
		}
		if !f.ProducedOn.IsZero() && (period.To.IsZero() || !f.ProducedOn.After(period.To)) {
			k.CohortProduced++
		}
		for _, a := range f.Arrivals {
			if period.To.IsZero() || !a.Month.First().After(period.To) {
				k.CohortArrived += a.Amount
			}
		}
		bucket(byZone, orUnassigned(f.ZoneName), f.Total)
		bucket(byChain, orUnassigned(f.ChainName), f.Total)
		if len(f.Methods) == 0 {
			bucket(byMethod, Unassigned, f.Total)
		}
		for _, m := range f.Methods {
			bucket(byMethod, m, f.Total)
		}
		for _, t := range f.HomecomingTies {
			bucket(byTie, string(t), f.Total)
		}
		bucket(byNature, threeEnterprisesKey(f.InvestorNature), f.Total)
		bucket(byStage, string(f.Stage), f.Total)
	}
	n := float64(k.Signed.Count)
	if n > 0 {
		k.PerformanceRate = float64(k.Performing) / n
		k.StartRate = float64(k.CohortStarted) / n
		k.ProductionRate = float64(k.CohortProduced) / n
	}
	if cohortTotal > 0 {
		k.FundsArrivalRate = float64(k.CohortArrived) / float64(cohortTotal)
	}
	k.ByZone, k.ByChain, k.ByMethod = buckets(byZone), buckets(byChain), buckets(byMethod)
	k.ByTie, k.ByNature, k.ByStage = buckets(byTie), buckets(byNature), buckets(byStage)
	return k
}

// threeEnterprisesKey groups an investor's nature for the 三企入赣 breakdown.
func threeEnterprisesKey(n Nature) string {
	switch g := n.ThreeEnterprises(); {
	case g != "":
		return g
	case n == NatureOther:
		return string(NatureOther)
	}
	return Unassigned
}

func add(t *Tally, amount Yuan) { t.Count++; t.Amount += amount }

func bucket(m map[string]*Tally, key string, amount Yuan) {
	t := m[key]
	if t == nil {
		t = &Tally{}
		m[key] = t
	}
	add(t, amount)
}

func orUnassigned(s string) string {
	if s == "" {
		return Unassigned
	}
	return s
}

// buckets orders a breakdown by amount, then count, then key, so output is stable.
func buckets(m map[string]*Tally) []Bucket {
	out := make([]Bucket, 0, len(m))
	for k, t := range m {
		out = append(out, Bucket{Key: k, Tally: *t})
	}
	slices.SortFunc(out, func(a, b Bucket) int {
		return cmp.Or(cmp.Compare(b.Amount, a.Amount), cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// monthWithin reports whether a month overlaps the period.
func monthWithin(m Month, p Period) bool {
	if !p.From.IsZero() && m.Last().Before(p.From) {
		return false
	}
	if !p.To.IsZero() && m.First().After(p.To) {
		return false
	}
	return true
}
