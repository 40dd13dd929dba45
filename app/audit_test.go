package app

import (
	"slices"
	"testing"
	"time"
)

func TestDiffEnterprise(t *testing.T) {
	base := func() Enterprise {
		e := Enterprise{
			Name:       "江西赣锋锂业集团股份有限公司",
			CreditCode: "91360500705524583X",
			Nature:     NaturePrivate,
			Categories: []CategoryTag{{Name: "上市公司"}},
			HQProvince: "江西省",
			Priority:   PriorityB,
		}
		e.ID, e.UpdatedBy = "e1", "张三"
		e.CreatedAt = time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
		return e
	}
	tests := []struct {
		name string
		edit func(*Enterprise)
		want []FieldChange
	}{
		{"unchanged", func(*Enterprise) {}, nil},
		{"Meta ignored", func(e *Enterprise) {
			now := time.Now()
			e.ID, e.UpdatedBy, e.UpdatedAt, e.DeletedAt = "e2", "李四", now, &now
		}, nil},
		{"scalar", func(e *Enterprise) { e.Name = "赣锋锂业" },
			[]FieldChange{{"name", "江西赣锋锂业集团股份有限公司", "赣锋锂业"}}},
		{"typed string", func(e *Enterprise) { e.Nature = NatureCentralSOE },
			[]FieldChange{{"nature", "民企", "国企（央企）"}}},
		{"cleared scalar", func(e *Enterprise) { e.Priority = "" },
			[]FieldChange{{"priority", "B", ""}}},
		{"slice grows", func(e *Enterprise) { e.Categories = append(e.Categories, CategoryTag{"世界500强", 2024}) },
			[]FieldChange{{"categories", `[{"name":"上市公司"}]`, `[{"name":"上市公司"},{"name":"世界500强","year":2024}]`}}},
		{"slice emptied", func(e *Enterprise) { e.Categories = nil },
			[]FieldChange{{"categories", `[{"name":"上市公司"}]`, ""}}},
		{"several, in field order", func(e *Enterprise) { e.Owner, e.Website, e.HQProvince = "王五", "https://example.com", "广东省" },
			[]FieldChange{{"hq_province", "江西省", "广东省"}, {"website", "", "https://example.com"}, {"owner", "", "王五"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, cur := base(), base()
			tc.edit(&cur)
			if got := Diff(old, cur); !slices.Equal(got, tc.want) {
				t.Errorf("Diff = %q, want %q", got, tc.want)
			}
			if got := Diff(&old, &cur); !slices.Equal(got, tc.want) {
				t.Errorf("Diff of pointers = %q, want %q", got, tc.want)
			}
			if got := Changed(&old, &cur); got != (len(tc.want) > 0) {
				t.Errorf("Changed = %v, want %v", got, len(tc.want) > 0)
			}
		})
	}
	t.Run("empty and nil slices are the same", func(t *testing.T) {
		a, b := base(), base()
		a.Categories, b.Categories = nil, []CategoryTag{}
		if got := Diff(a, b); got != nil {
			t.Errorf("got %q", got)
		}
		if Changed(&a, &b) {
			t.Error("Changed: an empty list differs from a nil one")
		}
	})
	t.Run("zero old lists every set field", func(t *testing.T) {
		want := []FieldChange{
			{"name", "", "江西赣锋锂业集团股份有限公司"},
			{"credit_code", "", "91360500705524583X"},
			{"nature", "", "民企"},
			{"categories", "", `[{"name":"上市公司"}]`},
			{"hq_province", "", "江西省"},
			{"priority", "", "B"},
		}
		if got := Diff(Enterprise{}, base()); !slices.Equal(got, want) {
			t.Errorf("Diff = %q, want %q", got, want)
		}
	})
}

func TestDiffProject(t *testing.T) {
	base := func() Project {
		return Project{
			Name:            "年产5GWh锂电池项目",
			Sector:          SectorIndustry,
			TotalInvestment: 50 * Yi,
			Stage:           StageNegotiating,
			StageSince:      MustDate("2025-01-10"),
			Methods:         []string{"驻点招商"},
		}
	}
	tests := []struct {
		name string
		edit func(*Project)
		want []FieldChange
	}{
		{"unchanged", func(*Project) {}, nil},
		{"Meta ignored", func(p *Project) { p.ID, p.UpdatedAt = "p9", time.Now() }, nil},
		{"money in 元", func(p *Project) { p.TotalInvestment = 52 * Yi },
			[]FieldChange{{"total_investment", "5000000000", "5200000000"}}},
		{"money cleared", func(p *Project) { p.TotalInvestment = 0 },
			[]FieldChange{{"total_investment", "5000000000", ""}}},
		{"stage move: stage, date and milestone", func(p *Project) {
			p.Stage, p.StageSince, p.SignedOn = StageSigned, MustDate("2025-03-01"), MustDate("2025-03-01")
		}, []FieldChange{
			{"stage", "在谈", "签约"},
			{"stage_since", "2025-01-10", "2025-03-01"},
			{"signed_on", "", "2025-03-01"},
		}},
		{"date cleared", func(p *Project) { p.StageSince = Date{} },
			[]FieldChange{{"stage_since", "2025-01-10", ""}}},
		{"bool set", func(p *Project) { p.OutOfProvince = true },
			[]FieldChange{{"out_of_province", "", "是"}}},
		{"string slice", func(p *Project) { p.Methods = []string{"驻点招商", "以商引商"} },
			[]FieldChange{{"methods", `["驻点招商"]`, `["驻点招商","以商引商"]`}}},
		{"tie slice", func(p *Project) { p.HomecomingTies, p.Homecoming = []Tie{TieHometown}, true },
			[]FieldChange{{"homecoming", "", "是"}, {"homecoming_ties", "", `["乡友"]`}}},
		{"same slice content, new backing array", func(p *Project) { p.Methods = slices.Clone(p.Methods) }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, cur := base(), base()
			tc.edit(&cur)
			if got := Diff(old, cur); !slices.Equal(got, tc.want) {
				t.Errorf("Diff = %q, want %q", got, tc.want)
			}
			if got := Changed(old, cur); got != (len(tc.want) > 0) {
				t.Errorf("Changed = %v, want %v", got, len(tc.want) > 0)
			}
		})
	}
	t.Run("bool cleared", func(t *testing.T) {
		old, cur := base(), base()
		old.Registered = true
		if got, want := Diff(old, cur), []FieldChange{{"registered", "是", ""}}; !slices.Equal(got, want) {
			t.Errorf("Diff = %q, want %q", got, want)
		}
	})
	t.Run("zero old lists every set field", func(t *testing.T) {
		want := []FieldChange{
			{"name", "", "年产5GWh锂电池项目"},
			{"sector", "", "工业"},
			{"total_investment", "", "5000000000"},
			{"stage", "", "在谈"},
			{"stage_since", "", "2025-01-10"},
			{"methods", "", `["驻点招商"]`},
		}
		if got := Diff(Project{}, base()); !slices.Equal(got, want) {
			t.Errorf("Diff = %q, want %q", got, want)
		}
	})
}

func TestDiffChamberSkipsMembers(t *testing.T) {
	old := Chamber{Name: "深圳市江西商会", Members: []ChamberMember{{PersonID: "a", PersonName: "张三", Role: "会长"}}}
	tests := []struct {
		name string
		edit func(*Chamber)
		want []FieldChange
	}{
		{"members changed only", func(c *Chamber) { c.Members = append(c.Members, ChamberMember{PersonID: "b"}) }, nil},
		{"members removed, city set", func(c *Chamber) { c.Members, c.City = nil, "深圳" }, []FieldChange{{"city", "", "深圳"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cur := old
			cur.Members = slices.Clone(old.Members)
			tc.edit(&cur)
			if got := Diff(old, cur); !slices.Equal(got, tc.want) {
				t.Errorf("Diff = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("zero old", func(t *testing.T) {
		want := []FieldChange{{"name", "", "深圳市江西商会"}}
		if got := Diff(Chamber{}, old); !slices.Equal(got, want) {
			t.Errorf("Diff = %q, want %q", got, want)
		}
	})
}

func TestDiffNestedAndTypes(t *testing.T) {
	t.Run("person dates as JSON", func(t *testing.T) {
		p := Person{Name: "张三"}
		q := p
		q.Dates = []ImportantDate{{Label: "生日", Calendar: Lunar, Month: 8, Day: 15}}
		want := []FieldChange{{"important_dates", "", `[{"label":"生日","calendar":"农历","month":8,"day":15}]`}}
		if got := Diff(p, q); !slices.Equal(got, want) {
			t.Errorf("Diff = %q, want %q", got, want)
		}
	})
	t.Run("different types panic", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		Diff(Project{}, Enterprise{})
	})
}

func TestDiffUnitTypes(t *testing.T) {
	tests := []struct {
		name     string
		old, new any
		want     []FieldChange
	}{
		{"land in 亩", Project{}, Project{Land: AreaFromMu(12.5)}, []FieldChange{{"land_mu", "", "12.5"}}},
		{"month as text", Arrival{}, Arrival{Month: Month{2025, time.March}}, []FieldChange{{"month", "", "2025-03"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Diff(tc.old, tc.new); !slices.Equal(got, tc.want) {
				t.Errorf("Diff = %q, want %q", got, tc.want)
			}
			if !Changed(tc.old, tc.new) || Changed(tc.new, tc.new) {
				t.Errorf("Changed(old, new) = %v, Changed(new, new) = %v", Changed(tc.old, tc.new), Changed(tc.new, tc.new))
			}
		})
	}
}
