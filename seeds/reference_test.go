package seeds

import (
	"strings"
	"testing"

	"ganzhao/app"
)

func loadReference(t *testing.T) app.ReferenceSet {
	t.Helper()
	sets, err := Reference()
	if err != nil {
		t.Fatalf("Reference: %v", err)
	}
	if len(sets) == 0 {
		t.Fatal("Reference returned no sets")
	}
	if sets[0].Version != 1 || sets[0].Name != "江西省基础数据" {
		t.Fatalf("first set = version %d %q, want 1 江西省基础数据", sets[0].Version, sets[0].Name)
	}
	return sets[0]
}

func TestReferenceDivisionCounts(t *testing.T) {
	set := loadReference(t)
	cities := map[string]string{} // name -> code
	counties := map[string]int{}  // parent code -> count
	levels := map[string]int{}
	for _, d := range set.Divisions {
		levels[d.Level]++
		switch d.Level {
		case levelCity:
			cities[d.Name] = d.Code
		case levelCounty:
			counties[d.ParentCode]++
		}
	}
	if levels[levelCity] != 11 || levels[levelCounty] != 100 {
		t.Fatalf("levels = %v, want 11 市 and 100 县", levels)
	}
	tests := []struct {
		city, code string
		counties   int
	}{
		{"南昌市", "360100", 9},
		{"景德镇市", "360200", 4},
		{"萍乡市", "360300", 5},
		{"九江市", "360400", 13},
		{"新余市", "360500", 2},
		{"鹰潭市", "360600", 3},
		{"赣州市", "360700", 18},
		{"吉安市", "360800", 13},
		{"宜春市", "360900", 10},
		{"抚州市", "361000", 11},
		{"上饶市", "361100", 12},
	}
	for _, tt := range tests {
		t.Run(tt.city, func(t *testing.T) {
			code, ok := cities[tt.city]
			if !ok {
				t.Fatalf("city %s missing", tt.city)
			}
			if code != tt.code {
				t.Errorf("code = %s, want %s", code, tt.code)
			}
			if got := counties[code]; got != tt.counties {
				t.Errorf("counties = %d, want %d", got, tt.counties)
			}
		})
	}
}

func TestReferenceKnownCodes(t *testing.T) {
	set := loadReference(t)
	byName := map[string]string{}
	for _, d := range set.Divisions {
		byName[d.Name] = d.Code
	}
	tests := []struct{ name, code string }{
		{"东湖区", "360102"},
		{"西湖区", "360103"},
		{"青云谱区", "360104"},
		{"青山湖区", "360111"},
		{"新建区", "360112"},
		{"红谷滩区", "360113"},
		{"南昌县", "360121"},
		{"安义县", "360123"},
		{"进贤县", "360124"},
	}
	for _, tt := range tests {
		if got := byName[tt.name]; got != tt.code {
			t.Errorf("%s code = %q, want %s", tt.name, got, tt.code)
		}
	}
}

func TestReferenceAbolishedNamesAbsent(t *testing.T) {
	set := loadReference(t)
	names := map[string]bool{}
	for _, d := range set.Divisions {
		names[d.Name] = true
	}
	for _, name := range []string{"湾里区", "上饶县", "余江县"} {
		if names[name] {
			t.Errorf("abolished division %s present", name)
		}
	}
}

func TestReferenceChains(t *testing.T) {
	set := loadReference(t)
	byPlan := map[string][]app.Chain{}
	for _, c := range set.Chains {
		byPlan[c.Plan] = append(byPlan[c.Plan], c)
	}
	tests := []struct {
		plan        string
		count       int
		first, last string
	}{
		{"1269", 12, "电子信息", "现代家具"},
		{"链长制", 14, "电子信息", "房地产建筑"},
		{"2+6+N", 12, "有色", "LED"},
	}
	for _, tt := range tests {
		t.Run(tt.plan, func(t *testing.T) {
			chains := byPlan[tt.plan]
			if len(chains) != tt.count {
				t.Fatalf("chains = %d, want %d", len(chains), tt.count)
			}
			if chains[0].Name != tt.first || chains[len(chains)-1].Name != tt.last {
				t.Errorf("first/last = %s/%s, want %s/%s", chains[0].Name, chains[len(chains)-1].Name, tt.first, tt.last)
			}
			for i, c := range chains {
				if c.Sort != i+1 || !c.Builtin {
					t.Errorf("%s: sort %d builtin %v, want sort %d builtin", c.Name, c.Sort, c.Builtin, i+1)
				}
			}
		})
	}
}

func TestReferenceZones(t *testing.T) {
	set := loadReference(t)
	levels := map[app.ZoneLevel]int{}
	national := 0
	for _, z := range set.Zones {
		levels[z.Level]++
		if z.Level.National() {
			national++
		}
		if !z.Builtin {
			t.Errorf("zone %s not builtin", z.Name)
		}
		if z.DivisionCode == "" {
			t.Errorf("zone %s has no division", z.Name)
		}
	}
	if national != 20 {
		t.Errorf("national zones = %d, want 20", national)
	}
	tests := []struct {
		level app.ZoneLevel
		count int
	}{
		{app.ZoneNationalNewArea, 1},
		{app.ZoneNationalETDZ, 10},
		{app.ZoneNationalHiTech, 9},
		{app.ZoneProvincial, 4},
	}
	for _, tt := range tests {
		if levels[tt.level] != tt.count {
			t.Errorf("%s zones = %d, want %d", tt.level, levels[tt.level], tt.count)
		}
	}
}

func TestReferenceVocab(t *testing.T) {
	set := loadReference(t)
	byKind := map[string][]app.VocabItem{}
	for _, v := range set.Vocab {
		byKind[v.Kind] = append(byKind[v.Kind], v)
	}
	tests := []struct {
		kind        string
		count       int
		first, last string
	}{
		{app.VocabCategory, 14, "世界500强", "链主"},
		{app.VocabMethod, 11, "驻点招商", "其他"},
		{app.VocabActivityKind, 13, "走访", "其他"},
		{app.VocabChamberKind, 6, "异地江西商会", "其他"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			items := byKind[tt.kind]
			if len(items) != tt.count {
				t.Fatalf("items = %d, want %d", len(items), tt.count)
			}
			if items[0].Name != tt.first || items[len(items)-1].Name != tt.last {
				t.Errorf("first/last = %s/%s, want %s/%s", items[0].Name, items[len(items)-1].Name, tt.first, tt.last)
			}
			for i, v := range items {
				if v.Sort != i+1 || !v.Builtin {
					t.Errorf("%s: sort %d builtin %v, want sort %d builtin", v.Name, v.Sort, v.Builtin, i+1)
				}
			}
		})
	}
}

// validSet returns a small set that passes checkReference.
func validSet(version int) app.ReferenceSet {
	return app.ReferenceSet{
		Version: version,
		Name:    "test",
		Divisions: []app.Division{
			{Code: "360100", Name: "南昌市", Level: "市"},
			{Code: "360102", Name: "东湖区", Level: "县", ParentCode: "360100"},
		},
		Zones: []app.Zone{
			{ID: app.ReferenceID("zone", "南昌高新区"), Name: "南昌高新区", Level: app.ZoneNationalHiTech, DivisionCode: "360100", Builtin: true},
		},
		Chains: []app.Chain{
			{ID: app.ReferenceID("chain", "1269/航空"), Name: "航空", Plan: "1269", Sort: 1, Builtin: true},
		},
		Vocab: []app.VocabItem{
			{Kind: app.VocabMethod, Name: "驻点招商", Sort: 1, Builtin: true},
		},
	}
}

func TestCheckReference(t *testing.T) {
	tests := []struct {
		name   string
		files  []string
		mutate func(sets []app.ReferenceSet) []app.ReferenceSet
		want   string // substring of the error; "" for success
	}{
		{"valid", []string{"0001_a.json"}, nil, ""},
		{"valid two sets", []string{"0001_a.json", "0002_b.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			b := app.ReferenceSet{Version: 2, Name: "b", Divisions: []app.Division{
				{Code: "360103", Name: "西湖区", Level: "县", ParentCode: "360100"},
			}}
			return append(s, b)
		}, ""},
		{"file count mismatch", []string{"0001_a.json", "0002_b.json"}, nil, "file names"},
		{"no version prefix", []string{"jiangxi.json"}, nil, "jiangxi.json: file name has no version"},
		{"version differs from prefix", []string{"0002_a.json"}, nil, "does not match the file name prefix"},
		{"versions not increasing", []string{"0002_a.json", "0002_b.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Version = 2
			b := validSet(2)
			b.Divisions, b.Zones, b.Chains, b.Vocab = nil, nil, nil, nil
			return append(s, b)
		}, "0002_b.json: version 2 is not greater"},
		{"empty name", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Name = " "
			return s
		}, "no name"},
		{"code not six digits", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Divisions[1].Code = "36010"
			return s
		}, "not six digits"},
		{"code not numeric", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Divisions[1].Code = "36010x"
			return s
		}, "not six digits"},
		{"duplicate code", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Divisions = append(s[0].Divisions, app.Division{Code: "360102", Name: "西湖区", Level: "县", ParentCode: "360100"})
			return s
		}, "duplicated"},
		{"duplicate code across sets", []string{"0001_a.json", "0002_b.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			b := app.ReferenceSet{Version: 2, Name: "b", Divisions: []app.Division{
				{Code: "360102", Name: "东湖区", Level: "县", ParentCode: "360100"},
			}}
			return append(s, b)
		}, "0002_b.json: division code 360102"},
		{"unknown level", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Divisions[1].Level = "乡"
			return s
		}, "unknown level"},
		{"city with parent", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Divisions[0].ParentCode = "360000"
			return s
		}, "has a parent code"},
		{"missing parent", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Divisions[1].ParentCode = "360200"
			return s
		}, "parent city \"360200\" does not exist"},
		{"parent is a county", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Divisions = append(s[0].Divisions, app.Division{Code: "360103", Name: "西湖区", Level: "县", ParentCode: "360102"})
			return s
		}, "does not exist"},
		{"code outside parent prefix", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Divisions = append(s[0].Divisions, app.Division{Code: "360202", Name: "昌江区", Level: "县", ParentCode: "360100"})
			return s
		}, "parent's prefix"},
		{"invalid zone level", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Zones[0].Level = "市级"
			return s
		}, "invalid level"},
		{"wrong zone id", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Zones[0].ID = app.NewID()
			return s
		}, "zone 南昌高新区: id"},
		{"duplicate zone", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Zones = append(s[0].Zones, s[0].Zones[0])
			return s
		}, "zone 南昌高新区 is duplicated"},
		{"zone division missing", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Zones[0].DivisionCode = "369900"
			return s
		}, "division \"369900\" does not exist"},
		{"chain id unqualified", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Chains[0].ID = app.ReferenceID("chain", "航空")
			return s
		}, "chain 1269/航空: id"},
		{"duplicate chain in plan", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Chains = append(s[0].Chains, s[0].Chains[0])
			return s
		}, "duplicated in plan 1269"},
		{"same chain in another plan", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Chains = append(s[0].Chains, app.Chain{ID: app.ReferenceID("chain", "链长制/航空"), Name: "航空", Plan: "链长制", Sort: 1})
			return s
		}, ""},
		{"chain without plan", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Chains[0].Plan = ""
			return s
		}, "plan and name are required"},
		{"unknown vocab kind", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Vocab[0].Kind = "colour"
			return s
		}, "unknown kind"},
		{"duplicate vocab in kind", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Vocab = append(s[0].Vocab, s[0].Vocab[0])
			return s
		}, "duplicated in kind promotion_method"},
		{"same vocab in another kind", []string{"0001_a.json"}, func(s []app.ReferenceSet) []app.ReferenceSet {
			s[0].Vocab = append(s[0].Vocab, app.VocabItem{Kind: app.VocabActivityKind, Name: "驻点招商", Sort: 1})
			return s
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sets := []app.ReferenceSet{validSet(1)}
			if tt.mutate != nil {
				sets = tt.mutate(sets)
			}
			err := checkReference(sets, tt.files)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want one containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if len(tt.files) == len(sets) && !strings.Contains(err.Error(), ".json") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestDecodeReferenceStrict(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"ok", `{"version":1,"name":"x"}`, ""},
		{"unknown field", `{"version":1,"name":"x","extra":true}`, "unknown field"},
		{"trailing data", `{"version":1,"name":"x"} {}`, "trailing data"},
		{"malformed", `{"version":`, "decode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeReference([]byte(tt.data))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
