package app

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"
)

// kpiFacts is a hand-built fixture of twelve projects. Every figure the tests expect is worked
// out by hand in the comments below, for the period H1 2025 = [2025-01-01, 2025-06-30].
//
//	id  first signed  in H1?  stage  sector  zone (level)            chain   total
//	A   2025-02-10    yes     投产   工业    南昌经开区 (国家级经开区) 电子信息 50亿       → 5020 (national, exactly 50亿)
//	B   2025-01-01    yes     在建   工业    樟树工业园 (省级)         医药     20亿       → 5020 (provincial, exactly 20亿)
//	C   2025-06-30    yes     签约   工业    赣江新区 (国家级新区)     新能源   50亿−1     → 亿元以上 only
//	D   2024-12-31    no      开工   工业    南昌经开区               电子信息 3亿
//	E   2025-07-01    no      开工   工业    九江经开区               电子信息 10亿
//	F   2025-03-15    yes     中止   工业    南昌高新区 (国家高新区)   电子信息 30亿       → national below 50亿: 亿元以上 only
//	G   2025-05-20    yes     签约   服务业  九江经开区 (国家级经开区) (none)   60亿       → 服务业: never 5020
//	H   2025-04-01    yes     投产   工业    (none, no level)         医药     20亿       → no zone level: not 5020
//	I   2025-02-28    yes     签约   工业    樟树工业园 (省级)         医药     99999999 → below 亿元以上
//	J   2025-06-01    yes     开工   工业    樟树工业园 (省级)         电子信息 20亿−1     → 亿元以上 only
//	K   (never)       no      在谈   工业    南昌经开区               电子信息 5亿
//	L   2023-05-05    no      投产   工业    南昌经开区               电子信息 8亿
//
//	id  started     produced    methods                 三友          investor nature
//	A   2025-03-01  2025-06-30  驻点招商, 以商引商       乡友          民企
//	B   2025-07-15  -           产业链招商               校友, 战友    国企（央企）
//	C   -           -           (none → （未填）)        -             外企（独资）
//	D   2025-01-15  -           驻点招商                 乡友          民企
//	E   2025-07-10  -           以商引商                 -             民企
//	F   2025-04-01  -           基金招商, 驻点招商       乡友          国企（地方）
//	G   -           -           以商引商                 -             民企
//	H   2025-04-20  2025-08-01  三请三回                 乡友, 校友    (none → （未填）)
//	I   -           -           驻点招商                 -             外企（合资）
//	J   2025-06-15  -           专题对接招商             -             民企
//	K   -           -           以商引商                 -             民企
//	L   2024-01-01  2025-02-01  产业链招商               -             国企（央企）
//
//	arrivals (元): before H1 | in H1 | after H1
//	A   2024-12: 1亿 | 2025-03: 2亿 | 2025-07: 3亿
//	B   -          | 2025-06: 5000万 | 2025-08: 1亿
//	C   -          | 2025-06: 1000万 | -
//	D   -          | 2025-01: 2000万 | -
//	E   -          | 2025-05: 500万 | 2025-07: 1亿
//	F   -          | 2025-04: 1亿 | -
//	H   -          | 2025-02: 3000万, 2025-05: 2000万 | -
//	J   -          | 2025-06: 1亿 | 2025-07: 2000万
//	L   -          | 2025-03: 4000万 | -
//	G, I, K: none
func kpiFacts() []ProjectFact {
	m := func(s string) Month {
		v, err := ParseMonth(s)
		if err != nil {
			panic(err)
		}
		return v
	}
	return []ProjectFact{
		{
			ID: "A", Stage: StageProducing, Sector: SectorIndustry, ZoneName: "南昌经开区", ZoneLevel: ZoneNationalETDZ,
			ChainName: "电子信息", Methods: []string{"驻点招商", "以商引商"}, HomecomingTies: []Tie{TieHometown},
			InvestorNature: NaturePrivate, Total: 50 * Yi, FirstSignedOn: MustDate("2025-02-10"),
			StartedOn: MustDate("2025-03-01"), ProducedOn: MustDate("2025-06-30"),
			Arrivals: []MonthAmount{{m("2024-12"), 1 * Yi}, {m("2025-03"), 2 * Yi}, {m("2025-07"), 3 * Yi}},
		},
		{
			ID: "B", Stage: StageBuilding, Sector: SectorIndustry, ZoneName: "樟树工业园", ZoneLevel: ZoneProvincial,
			ChainName: "医药", Methods: []string{"产业链招商"}, HomecomingTies: []Tie{TieAlumni, TieComrade},
			InvestorNature: NatureCentralSOE, Total: 20 * Yi, FirstSignedOn: MustDate("2025-01-01"),
			StartedOn: MustDate("2025-07-15"),
			Arrivals:  []MonthAmount{{m("2025-06"), 5_000 * Wan}, {m("2025-08"), 1 * Yi}},
		},
		{
			ID: "C", Stage: StageSigned, Sector: SectorIndustry, ZoneName: "赣江新区", ZoneLevel: ZoneNationalNewArea,
			ChainName: "新能源", InvestorNature: NatureForeignOwned, Total: 50*Yi - 1,
			FirstSignedOn: MustDate("2025-06-30"),
			Arrivals:      []MonthAmount{{m("2025-06"), 1_000 * Wan}},
		},
		{
			ID: "D", Stage: StageStarted, Sector: SectorIndustry, ZoneName: "南昌经开区", ZoneLevel: ZoneNationalETDZ,
			ChainName: "电子信息", Methods: []string{"驻点招商"}, HomecomingTies: []Tie{TieHometown},
			InvestorNature: NaturePrivate, Total: 3 * Yi, FirstSignedOn: MustDate("2024-12-31"),
			StartedOn: MustDate("2025-01-15"),
			Arrivals:  []MonthAmount{{m("2025-01"), 2_000 * Wan}},
		},
		{
			ID: "E", Stage: StageStarted, Sector: SectorIndustry, ZoneName: "九江经开区", ZoneLevel: ZoneNationalETDZ,
			ChainName: "电子信息", Methods: []string{"以商引商"}, InvestorNature: NaturePrivate, Total: 10 * Yi,
			FirstSignedOn: MustDate("2025-07-01"), StartedOn: MustDate("2025-07-10"),
			Arrivals: []MonthAmount{{m("2025-05"), 500 * Wan}, {m("2025-07"), 1 * Yi}},
		},
		{
			ID: "F", Stage: StageStopped, Sector: SectorIndustry, ZoneName: "南昌高新区", ZoneLevel: ZoneNationalHiTech,
			ChainName: "电子信息", Methods: []string{"基金招商", "驻点招商"}, HomecomingTies: []Tie{TieHometown},
			InvestorNature: NatureLocalSOE, Total: 30 * Yi, FirstSignedOn: MustDate("2025-03-15"),
			StartedOn: MustDate("2025-04-01"),
			Arrivals:  []MonthAmount{{m("2025-04"), 1 * Yi}},
		},
		{
			ID: "G", Stage: StageSigned, Sector: SectorServices, ZoneName: "九江经开区", ZoneLevel: ZoneNationalETDZ,
			Methods: []string{"以商引商"}, InvestorNature: NaturePrivate, Total: 60 * Yi,
			FirstSignedOn: MustDate("2025-05-20"),
		},
		{
			ID: "H", Stage: StageProducing, Sector: SectorIndustry, ChainName: "医药",
			Methods: []string{"三请三回"}, HomecomingTies: []Tie{TieHometown, TieAlumni}, Total: 20 * Yi,
			FirstSignedOn: MustDate("2025-04-01"), StartedOn: MustDate("2025-04-20"), ProducedOn: MustDate("2025-08-01"),
			Arrivals: []MonthAmount{{m("2025-02"), 3_000 * Wan}, {m("2025-05"), 2_000 * Wan}},
		},
		{
			ID: "I", Stage: StageSigned, Sector: SectorIndustry, ZoneName: "樟树工业园", ZoneLevel: ZoneProvincial,
			ChainName: "医药", Methods: []string{"驻点招商"}, InvestorNature: NatureForeignJoint, Total: 99_999_999,
			FirstSignedOn: MustDate("2025-02-28"),
		},
		{
			ID: "J", Stage: StageStarted, Sector: SectorIndustry, ZoneName: "樟树工业园", ZoneLevel: ZoneProvincial,
			ChainName: "电子信息", Methods: []string{"专题对接招商"}, InvestorNature: NaturePrivate, Total: 20*Yi - 1,
			FirstSignedOn: MustDate("2025-06-01"), StartedOn: MustDate("2025-06-15"),
			Arrivals: []MonthAmount{{m("2025-06"), 1 * Yi}, {m("2025-07"), 2_000 * Wan}},
		},
		{
			ID: "K", Stage: StageNegotiating, Sector: SectorIndustry, ZoneName: "南昌经开区", ZoneLevel: ZoneNationalETDZ,
			ChainName: "电子信息", Methods: []string{"以商引商"}, InvestorNature: NaturePrivate, Total: 5 * Yi,
		},
		{
			ID: "L", Stage: StageProducing, Sector: SectorIndustry, ZoneName: "南昌经开区", ZoneLevel: ZoneNationalETDZ,
			ChainName: "电子信息", Methods: []string{"产业链招商"}, InvestorNature: NatureCentralSOE, Total: 8 * Yi,
			FirstSignedOn: MustDate("2023-05-05"), StartedOn: MustDate("2024-01-01"), ProducedOn: MustDate("2025-02-01"),
			Arrivals: []MonthAmount{{m("2025-03"), 4_000 * Wan}},
		},
	}
}

const rateTolerance = 1e-9

func checkRate(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.IsNaN(got) || math.IsInf(got, 0) || math.Abs(got-want) > rateTolerance {
		t.Errorf("%s = %.12f, want %.12f", name, got, want)
	}
}

func checkBuckets(t *testing.T, name string, got, want []Bucket) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %v\n want %v", name, got, want)
	}
}

func bucketOf(key string, count int, amount Yuan) Bucket {
	return Bucket{Key: key, Tally: Tally{Count: count, Amount: amount}}
}

func TestComputeKPIsFirstHalf2025(t *testing.T) {
	period := Period{From: MustDate("2025-01-01"), To: MustDate("2025-06-30")}
	k := ComputeKPIs(kpiFacts(), period)

	// Cohort = first signed within [2025-01-01, 2025-06-30], both ends included:
	//   A (02-10), B (01-01), C (06-30), F (03-15), G (05-20), H (04-01), I (02-28), J (06-01) = 8.
	//   Not D (2024-12-31, a day before), E (2025-07-01, a day after), K (never), L (2023).
	// Amount = 50亿 + 20亿 + (50亿−1) + 30亿 + 60亿 + 20亿 + 99,999,999 + (20亿−1)
	//        = 250亿 − 2 + 99,999,999 = 25,099,999,997.
	// 亿元以上: all but I (99,999,999 < 1亿) = 7; 25,099,999,997 − 99,999,999 = 24,999,999,998.
	// 5020: A (50亿, 国家级经开区, 工业) and B (20亿, 省级, 工业) = 2; 70亿.
	//   Not C (50亿−1 national), F (30亿 national), G (服务业), H (no zone level), J (20亿−1).
	t.Run("signed", func(t *testing.T) {
		if want := (Tally{8, 25_099_999_997}); k.Signed != want {
			t.Errorf("Signed = %+v, want %+v", k.Signed, want)
		}
		if want := (Tally{7, 24_999_999_998}); k.YiPlus != want {
			t.Errorf("YiPlus = %+v, want %+v", k.YiPlus, want)
		}
		if want := (Tally{2, 7_000_000_000}); k.P5020 != want {
			t.Errorf("P5020 = %+v, want %+v", k.P5020, want)
		}
		if k.Period != period {
			t.Errorf("Period = %+v", k.Period)
		}
	})

	// Started (any project, 开工 date in H1): A 03-01, D 01-15, F 04-01, H 04-20, J 06-15 = 5.
	//   Not B (07-15), E (07-10), L (2024-01-01).
	// Produced (any project, 投产 date in H1): A 06-30 (last day), L 02-01 = 2. Not H (08-01).
	t.Run("started and produced in the period", func(t *testing.T) {
		if k.Started != 5 {
			t.Errorf("Started = %d, want 5", k.Started)
		}
		if k.Produced != 2 {
			t.Errorf("Produced = %d, want 2", k.Produced)
		}
	})

	// Performing = cohort now at 开工 or beyond: A 投产, B 在建, H 投产, J 开工 = 4.
	//   Not C, G, I (签约) nor F (中止, although it started).
	// CohortStarted = cohort with a 开工 date ≤ 06-30: A, F, H, J = 4.
	//   Not B (started 07-15, after the period, though 在建 now).
	// CohortProduced = cohort with a 投产 date ≤ 06-30: A (06-30) = 1. Not H (08-01).
	// CohortArrived = cohort arrivals in months up to 2025-06, including before the period:
	//   A 1亿 (2024-12) + 2亿 (2025-03) = 3亿; B 5000万; C 1000万; F 1亿;
	//   H 3000万 + 2000万 = 5000万; J 1亿; G, I none → 6.1亿 = 610,000,000.
	// ArrivedInPeriod = every project's arrivals in 2025-01 … 2025-06:
	//   A 2亿 + B 5000万 + C 1000万 + D 2000万 + E 500万 + F 1亿 + H 5000万 + J 1亿 + L 4000万
	//   = 20000 + 5000 + 1000 + 2000 + 500 + 10000 + 5000 + 10000 + 4000 万 = 57,500万 = 575,000,000.
	t.Run("numerators", func(t *testing.T) {
		got := []int{k.Performing, k.CohortStarted, k.CohortProduced}
		if want := []int{4, 4, 1}; !slices.Equal(got, want) {
			t.Errorf("Performing, CohortStarted, CohortProduced = %v, want %v", got, want)
		}
		if k.CohortArrived != 610_000_000 {
			t.Errorf("CohortArrived = %d, want 610000000", k.CohortArrived)
		}
		if k.ArrivedInPeriod != 575_000_000 {
			t.Errorf("ArrivedInPeriod = %d, want 575000000", k.ArrivedInPeriod)
		}
	})

	// 履约率 4/8 = 0.5; 开工率 4/8 = 0.5; 投产率 1/8 = 0.125;
	// 资金到位率 610,000,000 / 25,099,999,997 ≈ 0.0243027888.
	t.Run("rates", func(t *testing.T) {
		checkRate(t, "PerformanceRate", k.PerformanceRate, 0.5)
		checkRate(t, "StartRate", k.StartRate, 0.5)
		checkRate(t, "ProductionRate", k.ProductionRate, 0.125)
		checkRate(t, "FundsArrivalRate", k.FundsArrivalRate, 610_000_000.0/25_099_999_997.0)
		checkRate(t, "FundsArrivalRate (decimal)", k.FundsArrivalRate, 0.02430278884)
	})

	// Breakdowns are over the cohort only, ordered by amount desc, then count desc, then key
	// (UTF-8 byte order). Each bucket's amount is the projects' total investment.
	t.Run("by zone", func(t *testing.T) {
		// 九江经开区 G 60亿; 南昌经开区 A 50亿; 赣江新区 C 50亿−1;
		// 樟树工业园 B 20亿 + I 99,999,999 + J 20亿−1 = 4,099,999,998 (3);
		// 南昌高新区 F 30亿; （未填） H 20亿.
		checkBuckets(t, "ByZone", k.ByZone, []Bucket{
			bucketOf("九江经开区", 1, 6_000_000_000),
			bucketOf("南昌经开区", 1, 5_000_000_000),
			bucketOf("赣江新区", 1, 4_999_999_999),
			bucketOf("樟树工业园", 3, 4_099_999_998),
			bucketOf("南昌高新区", 1, 3_000_000_000),
			bucketOf(Unassigned, 1, 2_000_000_000),
		})
	})
	t.Run("by chain", func(t *testing.T) {
		// 电子信息 A 50亿 + F 30亿 + J (20亿−1) = 9,999,999,999 (3); （未填） G 60亿;
		// 新能源 C 50亿−1; 医药 B 20亿 + H 20亿 + I 99,999,999 = 4,099,999,999 (3).
		checkBuckets(t, "ByChain", k.ByChain, []Bucket{
			bucketOf("电子信息", 3, 9_999_999_999),
			bucketOf(Unassigned, 1, 6_000_000_000),
			bucketOf("新能源", 1, 4_999_999_999),
			bucketOf("医药", 3, 4_099_999_999),
		})
	})
	t.Run("by method", func(t *testing.T) {
		// A project counts under each of its methods:
		// 以商引商 A 50亿 + G 60亿 = 110亿 (2); 驻点招商 A 50亿 + F 30亿 + I 99,999,999 (3);
		// （未填） C 50亿−1; 基金招商 F 30亿; 三请三回 H 20亿 and 产业链招商 B 20亿 tie on
		// amount and count, so the key decides: 三 (E4 B8 89) before 产 (E4 BA A7);
		// 专题对接招商 J 20亿−1. The buckets sum to more than Signed because A and F count twice.
		checkBuckets(t, "ByMethod", k.ByMethod, []Bucket{
			bucketOf("以商引商", 2, 11_000_000_000),
			bucketOf("驻点招商", 3, 8_099_999_999),
			bucketOf(Unassigned, 1, 4_999_999_999),
			bucketOf("基金招商", 1, 3_000_000_000),
			bucketOf("三请三回", 1, 2_000_000_000),
			bucketOf("产业链招商", 1, 2_000_000_000),
			bucketOf("专题对接招商", 1, 1_999_999_999),
		})
	})
	t.Run("by tie", func(t *testing.T) {
		// Only projects with 三友 ties: 乡友 A 50亿 + F 30亿 + H 20亿 = 100亿 (3);
		// 校友 B 20亿 + H 20亿 = 40亿 (2); 战友 B 20亿. D's 乡友 is outside the cohort.
		checkBuckets(t, "ByTie", k.ByTie, []Bucket{
			bucketOf("乡友", 3, 10_000_000_000),
			bucketOf("校友", 2, 4_000_000_000),
			bucketOf("战友", 1, 2_000_000_000),
		})
	})
	t.Run("by nature", func(t *testing.T) {
		// Grouped as 三企: 民企 A 50亿 + G 60亿 + J (20亿−1) = 12,999,999,999 (3);
		// 外企 C (50亿−1) + I 99,999,999 = 5,099,999,998 (2); 国企 F 30亿 + B 20亿 = 50亿 (2);
		// （未填） H 20亿.
		checkBuckets(t, "ByNature", k.ByNature, []Bucket{
			bucketOf("民企", 3, 12_999_999_999),
			bucketOf("外企", 2, 5_099_999_998),
			bucketOf("国企", 2, 5_000_000_000),
			bucketOf(Unassigned, 1, 2_000_000_000),
		})
	})
	t.Run("by stage", func(t *testing.T) {
		// Current stage of the cohort: 签约 C (50亿−1) + G 60亿 + I 99,999,999 = 11,099,999,998 (3);
		// 投产 A 50亿 + H 20亿 = 70亿 (2); 中止 F 30亿; 在建 B 20亿; 开工 J 20亿−1.
		checkBuckets(t, "ByStage", k.ByStage, []Bucket{
			bucketOf("签约", 3, 11_099_999_998),
			bucketOf("投产", 2, 7_000_000_000),
			bucketOf("中止", 1, 3_000_000_000),
			bucketOf("在建", 1, 2_000_000_000),
			bucketOf("开工", 1, 1_999_999_999),
		})
	})
	t.Run("zone, chain, nature and stage buckets add up to the cohort", func(t *testing.T) {
		for name, bs := range map[string][]Bucket{"zone": k.ByZone, "chain": k.ByChain, "nature": k.ByNature, "stage": k.ByStage} {
			var sum Tally
			for _, x := range bs {
				sum.Count += x.Count
				sum.Amount += x.Amount
			}
			if sum != k.Signed {
				t.Errorf("%s buckets sum to %+v, want %+v", name, sum, k.Signed)
			}
		}
	})
}

func TestComputeKPIsOpenPeriod(t *testing.T) {
	k := ComputeKPIs(kpiFacts(), Period{})

	// With no bounds every signed project is in the cohort: all but K = 11.
	// Amount = 25,099,999,997 (H1 cohort) + D 3亿 + E 10亿 + L 8亿 = 27,199,999,997.
	// 亿元以上: all but I = 10, 27,199,999,997 − 99,999,999 = 27,099,999,998. 5020: still A and B.
	// Started: every project with a 开工 date: A B D E F H J L = 8. Produced: A H L = 3.
	// Performing: A B D E H J L (开工 or beyond) = 7; CohortStarted = 8; CohortProduced = 3.
	// Arrivals, all months, all signed projects: A 6亿, B 1.5亿, C 0.1亿, D 0.2亿, E 1.05亿,
	// F 1亿, H 0.5亿, J 1.2亿, L 0.4亿 = 11.95亿 = 1,195,000,000 (cohort and period alike).
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"Signed", k.Signed, Tally{11, 27_199_999_997}},
		{"YiPlus", k.YiPlus, Tally{10, 27_099_999_998}},
		{"P5020", k.P5020, Tally{2, 7_000_000_000}},
		{"Started", k.Started, 8},
		{"Produced", k.Produced, 3},
		{"Performing", k.Performing, 7},
		{"CohortStarted", k.CohortStarted, 8},
		{"CohortProduced", k.CohortProduced, 3},
		{"CohortArrived", k.CohortArrived, Yuan(1_195_000_000)},
		{"ArrivedInPeriod", k.ArrivedInPeriod, Yuan(1_195_000_000)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %+v, want %+v", tc.got, tc.want)
			}
		})
	}
	t.Run("rates", func(t *testing.T) {
		checkRate(t, "PerformanceRate", k.PerformanceRate, 7.0/11)
		checkRate(t, "StartRate", k.StartRate, 8.0/11)
		checkRate(t, "ProductionRate", k.ProductionRate, 3.0/11)
		checkRate(t, "FundsArrivalRate", k.FundsArrivalRate, 1_195_000_000.0/27_199_999_997.0)
	})
	t.Run("by stage", func(t *testing.T) {
		// 签约 C G I 11,099,999,998 (3); 投产 A H L 50+20+8 = 78亿 (3); 开工 D E J
		// 3亿 + 10亿 + (20亿−1) = 3,299,999,999 (3); 中止 F 30亿; 在建 B 20亿.
		checkBuckets(t, "ByStage", k.ByStage, []Bucket{
			bucketOf("签约", 3, 11_099_999_998),
			bucketOf("投产", 3, 7_800_000_000),
			bucketOf("开工", 3, 3_299_999_999),
			bucketOf("中止", 1, 3_000_000_000),
			bucketOf("在建", 1, 2_000_000_000),
		})
	})
}

func TestComputeKPIsHalfOpenPeriods(t *testing.T) {
	t.Run("from 2025-07-01, no end", func(t *testing.T) {
		k := ComputeKPIs(kpiFacts(), Period{From: MustDate("2025-07-01")})
		// Cohort: E only (signed 07-01), 10亿, 开工 now and started 07-10 (no end bound).
		// Started: B 07-15, E 07-10 = 2. Produced: H 08-01 = 1.
		// CohortArrived: all of E's arrivals, 500万 (2025-05) + 1亿 = 105,000,000.
		// ArrivedInPeriod: months from 2025-07: A 3亿 + B 1亿 (08) + E 1亿 + J 2000万 = 520,000,000.
		// 资金到位率 105,000,000 / 1,000,000,000 = 0.105.
		got := []any{k.Signed, k.Started, k.Produced, k.Performing, k.CohortStarted, k.CohortProduced, k.CohortArrived, k.ArrivedInPeriod}
		want := []any{Tally{1, 10 * Yi}, 2, 1, 1, 1, 0, Yuan(105_000_000), Yuan(520_000_000)}
		if !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		checkRate(t, "StartRate", k.StartRate, 1)
		checkRate(t, "ProductionRate", k.ProductionRate, 0)
		checkRate(t, "FundsArrivalRate", k.FundsArrivalRate, 0.105)
		checkBuckets(t, "ByMethod", k.ByMethod, []Bucket{bucketOf("以商引商", 1, 10*Yi)})
		checkBuckets(t, "ByTie", k.ByTie, []Bucket{})
	})
	t.Run("no start, to 2024-12-31", func(t *testing.T) {
		k := ComputeKPIs(kpiFacts(), Period{To: MustDate("2024-12-31")})
		// Cohort: D (2024-12-31) and L (2023-05-05) = 2, 3亿 + 8亿 = 11亿, both 亿元以上, no 5020.
		// Started: L 2024-01-01 = 1. Produced: none (L produced 2025-02-01).
		// Performing: D 开工, L 投产 = 2. CohortStarted: L only (D started 2025-01-15) = 1.
		// CohortProduced: 0. Arrivals up to 2024-12: none of D's or L's → 0.
		// ArrivedInPeriod: months up to 2024-12: A 1亿 (2024-12) = 100,000,000.
		got := []any{k.Signed, k.YiPlus, k.P5020, k.Started, k.Produced, k.Performing, k.CohortStarted, k.CohortProduced, k.CohortArrived, k.ArrivedInPeriod}
		want := []any{Tally{2, 11 * Yi}, Tally{2, 11 * Yi}, Tally{}, 1, 0, 2, 1, 0, Yuan(0), Yuan(1 * Yi)}
		if !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		checkRate(t, "PerformanceRate", k.PerformanceRate, 1)
		checkRate(t, "StartRate", k.StartRate, 0.5)
		checkRate(t, "FundsArrivalRate", k.FundsArrivalRate, 0)
	})
}

func TestComputeKPIsEmpty(t *testing.T) {
	period := Period{From: MustDate("2025-01-01"), To: MustDate("2025-06-30")}
	tests := []struct {
		name  string
		facts []ProjectFact
	}{
		{"nil facts", nil},
		{"no facts", []ProjectFact{}},
		{"only unsigned projects", []ProjectFact{{ID: "x", Stage: StageNegotiating, Total: 5 * Yi, StartedOn: MustDate("2025-03-01")}}},
		{"signed outside the period", []ProjectFact{{ID: "y", Stage: StageSigned, Total: 5 * Yi, FirstSignedOn: MustDate("2024-03-01")}}},
		{"cohort with no amounts", []ProjectFact{{ID: "z", Stage: StageSigned, FirstSignedOn: MustDate("2025-03-01"), Arrivals: []MonthAmount{{Month{2025, time.March}, Wan}}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := ComputeKPIs(tc.facts, period)
			for name, r := range map[string]float64{
				"PerformanceRate": k.PerformanceRate, "StartRate": k.StartRate,
				"ProductionRate": k.ProductionRate, "FundsArrivalRate": k.FundsArrivalRate,
			} {
				if math.IsNaN(r) || math.IsInf(r, 0) {
					t.Errorf("%s = %v", name, r)
				}
				if r != 0 && k.Signed.Count == 0 {
					t.Errorf("%s = %v with an empty cohort", name, r)
				}
			}
			if _, err := json.Marshal(k); err != nil {
				t.Errorf("KPIs do not marshal: %v", err)
			}
		})
	}
	t.Run("empty breakdowns marshal as [] not null", func(t *testing.T) {
		text, err := json.Marshal(ComputeKPIs(nil, period))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(text, &m); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"by_zone", "by_chain", "by_method", "by_tie", "by_nature", "by_stage"} {
			if v, ok := m[key].([]any); !ok || len(v) != 0 {
				t.Errorf("%s = %v, want []", key, m[key])
			}
		}
		if m["period"].(map[string]any)["from"] != "2025-01-01" {
			t.Errorf("period = %v", m["period"])
		}
	})
}

func TestBucketsOrder(t *testing.T) {
	got := buckets(map[string]*Tally{
		"b": {Count: 1, Amount: 5},
		"a": {Count: 1, Amount: 5},
		"c": {Count: 2, Amount: 5},
		"d": {Count: 9, Amount: 4},
		"e": {Count: 1, Amount: 6},
	})
	// Amount desc (e 6), then count desc among the 5s (c 2), then key (a, b); d (4) last.
	want := []Bucket{bucketOf("e", 1, 6), bucketOf("c", 2, 5), bucketOf("a", 1, 5), bucketOf("b", 1, 5), bucketOf("d", 9, 4)}
	checkBuckets(t, "buckets", got, want)
}

func TestMonthWithin(t *testing.T) {
	h1 := Period{From: MustDate("2025-01-01"), To: MustDate("2025-06-30")}
	mid := Period{From: MustDate("2025-01-15"), To: MustDate("2025-06-15")}
	tests := []struct {
		name string
		m    Month
		p    Period
		want bool
	}{
		{"first month", Month{2025, time.January}, h1, true},
		{"last month", Month{2025, time.June}, h1, true},
		{"month before", Month{2024, time.December}, h1, false},
		{"month after", Month{2025, time.July}, h1, false},
		{"overlapping the start", Month{2025, time.January}, mid, true},
		{"overlapping the end", Month{2025, time.June}, mid, true},
		{"open period", Month{1999, time.May}, Period{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := monthWithin(tc.m, tc.p); got != tc.want {
				t.Errorf("monthWithin(%v, %+v) = %v, want %v", tc.m, tc.p, got, tc.want)
			}
		})
	}
}
