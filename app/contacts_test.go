package app

import (
	"fmt"
	"strings"
	"testing"
)

// The solar dates below were checked by hand against the published 万年历 (Hong Kong
// Observatory's 公历与农历日期对照表): 中秋 2024-09-17, 2025-10-06, 2026-09-25; 2023 has a leap
// 2nd month from 2023-03-22 (闰二月初一), 2025 a leap 6th month from 2025-07-25; lunar 2024's
// 腊月 has 29 days, its last day 2025-01-28 (除夕).
func TestLunarToSolar(t *testing.T) {
	c := NewLunarCalendar()
	for _, tc := range []struct {
		name             string
		year, month, day int
		leap             bool
		want             string
	}{
		{"中秋 2024", 2024, 8, 15, false, "2024-09-17"},
		{"中秋 2025", 2025, 8, 15, false, "2025-10-06"},
		{"中秋 2026", 2026, 8, 15, false, "2026-09-25"},
		{"春节 2026", 2026, 1, 1, false, "2026-02-17"},
		{"二月十五 2023 (normal month)", 2023, 2, 15, false, "2023-03-06"},
		{"闰二月十五 2023 (the leap month)", 2023, 2, 15, true, "2023-04-05"},
		{"闰二月初一 2023", 2023, 2, 1, true, "2023-03-22"},
		{"闰二月十五 2024: no leap 2nd month, the normal one", 2024, 2, 15, true, "2024-03-24"},
		{"闰六月初一 2025", 2025, 6, 1, true, "2025-07-25"},
		{"六月初一 2025", 2025, 6, 1, false, "2025-06-25"},
		{"腊月三十 of lunar 2024: 29 days, the last day", 2024, 12, 30, false, "2025-01-28"},
		{"腊月三十 of lunar 2023: 30 days", 2023, 12, 30, false, "2024-02-09"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.ToSolar(tc.year, tc.month, tc.day, tc.leap)
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	for _, tc := range []struct{ year, month, day int }{{1800, 1, 1}, {2024, 13, 1}, {2024, 0, 1}, {2024, 1, 31}, {2024, 1, 0}} {
		if d, err := c.ToSolar(tc.year, tc.month, tc.day, false); err == nil {
			t.Errorf("ToSolar(%v) = %s, want an error", tc, d)
		}
	}
	if got := c.LeapMonth(2023); got != 2 {
		t.Errorf("leap month of 2023 = %d, want 2", got)
	}
	if got := c.LeapMonth(2024); got != 0 {
		t.Errorf("leap month of 2024 = %d, want 0", got)
	}
}

func TestNextOccurrence(t *testing.T) {
	c := NewLunarCalendar()
	midAutumn := ImportantDate{Label: "生日", Calendar: Lunar, Month: 8, Day: 15}
	newYearsEve := ImportantDate{Label: "生日", Calendar: Lunar, Month: 12, Day: 30}
	leap2 := ImportantDate{Label: "生日", Calendar: Lunar, Month: 2, Day: 15, LeapMonth: true}
	feb29 := ImportantDate{Label: "生日", Calendar: Solar, Month: 2, Day: 29}
	for _, tc := range []struct {
		name string
		d    ImportantDate
		from string
		want string
	}{
		{"中秋 ahead this year", midAutumn, "2026-09-01", "2026-09-25"},
		{"中秋 today", midAutumn, "2026-09-25", "2026-09-25"},
		{"中秋 passed: next year's", midAutumn, "2026-09-26", "2027-09-15"},
		{"腊月三十 of lunar 2025 falls in 2026, 29 days: 腊月廿九", newYearsEve, "2026-01-01", "2026-02-16"},
		{"腊月 of lunar 2024 in January 2025", newYearsEve, "2025-01-10", "2025-01-28"},
		{"闰二月 birthday in a year with a leap 2nd month", leap2, "2023-03-10", "2023-04-05"},
		{"闰二月 birthday in a year without one", leap2, "2026-01-01", "2026-04-02"},
		{"2月29日 in a common year", feb29, "2026-01-01", "2026-02-28"},
		{"2月29日 in a leap year", feb29, "2028-01-01", "2028-02-29"},
		{"solar date passed", ImportantDate{Calendar: Solar, Month: 3, Day: 12}, "2026-11-27", "2027-03-12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.Next(tc.d, MustDate(tc.from))
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestUpcomingDates(t *testing.T) {
	today := MustDate("2026-09-15")
	ps := []PersonDates{
		{ID: "p1", Name: "张国强", Dates: []ImportantDate{{Label: "生日", Calendar: Lunar, Month: 8, Day: 15}}},  // 2026-09-25: in 10 days
		{ID: "p2", Name: "李明", Dates: []ImportantDate{{Label: "公司周年", Calendar: Solar, Month: 9, Day: 15}}}, // today
		{ID: "p3", Name: "王芳", Dates: []ImportantDate{{Label: "生日", Calendar: Solar, Month: 10, Day: 1}}},   // in 16 days
		{ID: "p4", Name: "赵磊", Dates: []ImportantDate{{Label: "生日", Calendar: Solar, Month: 9, Day: 14}}},   // yesterday: next year
	}
	for _, tc := range []struct {
		days int
		want []string
	}{
		{15, []string{"p2:0:2026-09-15", "p1:10:2026-09-25"}},
		{16, []string{"p2:0:2026-09-15", "p1:10:2026-09-25", "p3:16:2026-10-01"}},
		{0, []string{"p2:0:2026-09-15"}},
	} {
		t.Run(fmt.Sprint(tc.days), func(t *testing.T) {
			var got []string
			for _, u := range UpcomingDates(ps, today, tc.days) {
				got = append(got, fmt.Sprintf("%s:%d:%s", u.PersonID, u.InDays, u.On))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCadenceByTier(t *testing.T) {
	custom := Settings{TierCadence: map[Tier]int{TierA: 14, TierC: 0}}
	for _, tc := range []struct {
		name string
		s    Settings
		own  int
		tier Tier
		want int
	}{
		{"A by default", Settings{}, 0, TierA, 30},
		{"B by default", Settings{}, 0, TierB, 60},
		{"C by default", Settings{}, 0, TierC, 90},
		{"no tier, no cadence", Settings{}, 0, TierNone, 0},
		{"own cadence overrides the tier", Settings{}, 45, TierA, 45},
		{"own cadence without a tier", Settings{}, 20, TierNone, 20},
		{"A set to 14 in 设置", custom, 0, TierA, 14},
		{"B left at its default", custom, 0, TierB, 60},
		{"C set to 0: no cadence", custom, 0, TierC, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Cadence(tc.own, tc.tier, TierCadences(tc.s)); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}

func TestContactStatus(t *testing.T) {
	today := MustDate("2026-11-27")
	for _, tc := range []struct {
		name    string
		cadence int
		last    string
		state   ContactState
		text    string
	}{
		{"no cadence", 0, "2026-01-01", ContactNoCadence, ""},
		{"never contacted", 30, "", ContactNever, "从未联系"},
		{"contacted yesterday", 30, "2026-11-26", ContactOK, "正常"},
		{"8 days before due: fine", 30, "2026-11-05", ContactOK, "正常"},
		{"7 days before due: soon", 30, "2026-11-04", ContactSoon, "7 天后到期"},
		{"1 day before due", 30, "2026-10-29", ContactSoon, "1 天后到期"},
		{"due today", 30, "2026-10-28", ContactLate, "今天到期"},
		{"12 days over", 60, "2026-09-16", ContactLate, "超期 12 天"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var last Date
			if tc.last != "" {
				last = MustDate(tc.last)
			}
			s := ContactStatusOf(tc.cadence, last, today)
			if s.State != tc.state || s.Describe() != tc.text {
				t.Errorf("got %s %q, want %s %q", s.State, s.Describe(), tc.state, tc.text)
			}
			wantRisk := tc.state == ContactSoon || tc.state == ContactLate || tc.state == ContactNever
			if s.State.AtRisk() != wantRisk {
				t.Errorf("AtRisk = %v", s.State.AtRisk())
			}
		})
	}
}

func TestRemindersSummary(t *testing.T) {
	for _, tc := range []struct {
		r    Reminders
		want string
	}{
		{Reminders{}, ""},
		{Reminders{Tasks: make([]OverdueTask, 3), Contacts: make([]DueContact, 2)}, "3 项逾期任务，2 位快要失联"},
		{Reminders{Stale: make([]StaleProject, 1), Dates: make([]UpcomingDate, 4)}, "1 个项目久无进展，4 个重要日期临近"},
	} {
		if got := tc.r.Summary(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
		if tc.r.Empty() != (tc.want == "") {
			t.Errorf("Empty() = %v for %q", tc.r.Empty(), tc.want)
		}
	}
}

func TestDescribeImportantDate(t *testing.T) {
	for _, tc := range []struct {
		d    ImportantDate
		want string
	}{
		{ImportantDate{Calendar: Lunar, Month: 8, Day: 15}, "农历八月十五"},
		{ImportantDate{Calendar: Lunar, Month: 1, Day: 1}, "农历正月初一"},
		{ImportantDate{Calendar: Lunar, Month: 2, Day: 20, LeapMonth: true}, "农历闰二月二十"},
		{ImportantDate{Calendar: Lunar, Month: 12, Day: 30}, "农历腊月三十"},
		{ImportantDate{Calendar: Lunar, Month: 11, Day: 23}, "农历冬月廿三"},
		{ImportantDate{Calendar: Solar, Month: 3, Day: 12}, "公历3月12日"},
	} {
		if got := tc.d.Describe(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestRelationshipRules(t *testing.T) {
	for _, tc := range []struct {
		name     string
		r        Relationship
		from, to string
		problem  string
	}{
		{"symmetric kinds are ordered", Relationship{Kind: RelationHometown, FromID: "b", ToID: "a"}, "a", "b", ""},
		{"引荐人 keeps its direction", Relationship{Kind: RelationIntroducer, FromID: "b", ToID: "a"}, "b", "a", ""},
		{"with oneself", Relationship{Kind: RelationKin, FromID: "a", ToID: "a"}, "a", "a", "不能和自己"},
		{"no other person", Relationship{Kind: RelationKin, FromID: "a"}, "", "a", "另一方"},
		{"unknown kind", Relationship{Kind: "朋友", FromID: "a", ToID: "b"}, "a", "b", "关系类型"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			NormalizeRelationship(&r)
			if r.FromID != tc.from || r.ToID != tc.to {
				t.Errorf("normalised to %s→%s, want %s→%s", r.FromID, r.ToID, tc.from, tc.to)
			}
			err := ValidateRelationship(r)
			if (err == nil) != (tc.problem == "") || (err != nil && !strings.Contains(err.Error(), tc.problem)) {
				t.Errorf("validation: %v, want %q", err, tc.problem)
			}
		})
	}
	// From each side of a 引荐人 link: the introducer is "引荐人" on the page of the one introduced.
	r := Relationship{Kind: RelationIntroducer, FromID: "intro", ToID: "new"}
	if got := (PersonRelation{Relationship: r, OtherID: "intro"}).Label(); got != "引荐人" {
		t.Errorf("on the introduced person's page: %q", got)
	}
	if got := (PersonRelation{Relationship: r, OtherID: "new"}).Label(); got != "经其引荐" {
		t.Errorf("on the introducer's page: %q", got)
	}
	if got := (PersonRelation{Relationship: Relationship{Kind: RelationAlumni}, OtherID: "x"}).Label(); got != "校友" {
		t.Errorf("symmetric: %q", got)
	}
}
