package seeds

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"ganzhao/app"
)

var demoToday = app.MustDate("2025-06-30")

func genDemo(t testing.TB, size int, seed uint64) app.Dataset {
	t.Helper()
	ds, err := Demo(DemoOptions{Size: size, Seed: seed, Today: demoToday})
	if err != nil {
		t.Fatalf("Demo(size %d, seed %d): %v", size, seed, err)
	}
	return ds
}

// refIndex is the reference data a demo dataset may point to.
type refIndex struct {
	zones, chains1269           map[string]bool
	methods, kinds, chamberKind map[string]bool
	countyOf                    map[string]string // county name -> city name (Jiangxi)
}

func loadRefIndex(t testing.TB) refIndex {
	t.Helper()
	sets, err := Reference()
	if err != nil {
		t.Fatal(err)
	}
	ri := refIndex{
		zones: map[string]bool{}, chains1269: map[string]bool{}, methods: map[string]bool{},
		kinds: map[string]bool{}, chamberKind: map[string]bool{}, countyOf: map[string]string{},
	}
	cityName := map[string]string{}
	for _, s := range sets {
		for _, z := range s.Zones {
			ri.zones[z.ID] = true
		}
		for _, c := range s.Chains {
			if c.Plan == "1269" {
				ri.chains1269[c.ID] = true
			}
		}
		for _, v := range s.Vocab {
			switch v.Kind {
			case app.VocabMethod:
				ri.methods[v.Name] = true
			case app.VocabActivityKind:
				ri.kinds[v.Name] = true
			case app.VocabChamberKind:
				ri.chamberKind[v.Name] = true
			}
		}
		for _, d := range s.Divisions {
			if d.Level == levelCity {
				cityName[d.Code] = d.Name
			}
		}
		for _, d := range s.Divisions {
			if d.Level == levelCounty {
				ri.countyOf[d.Name] = cityName[d.ParentCode]
			}
		}
	}
	return ri
}

func TestDemoRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  DemoOptions
		want string
	}{
		{"zero size", DemoOptions{Size: 0, Today: demoToday}, "规模至少为50"},
		{"negative size", DemoOptions{Size: -5, Today: demoToday}, "规模至少为50"},
		{"just below minimum", DemoOptions{Size: 49, Today: demoToday}, "规模至少为50"},
		{"no today", DemoOptions{Size: 100}, "今天"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Demo(tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestDemoLenSmall covers every small size, where the rounding of the proportions and the
// room for 到位资金 rows are tightest.
func TestDemoLenSmall(t *testing.T) {
	for size := MinDemoSize; size <= 300; size++ {
		ds, err := Demo(DemoOptions{Size: size, Seed: uint64(size), Today: demoToday})
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		if got := ds.Len(); got != size {
			t.Fatalf("size %d: Len() = %d", size, got)
		}
	}
}

func TestDemoLenAndStages(t *testing.T) {
	for _, size := range []int{50, 51, 53, 77, 199, 1000, 2000, 12345} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			ds := genDemo(t, size, 7)
			if got := ds.Len(); got != size {
				t.Fatalf("Len() = %d, want %d", got, size)
			}
			seen := map[app.Stage]bool{}
			for _, p := range ds.Projects {
				seen[p.Stage] = true
			}
			for _, s := range app.Stages {
				if !seen[s] {
					t.Errorf("no project at stage %s", s)
				}
			}
			if len(ds.Chambers) < 3 || len(ds.Funds) < 3 || len(ds.Investments) < 1 {
				t.Errorf("chambers %d, funds %d, investments %d: want at least 3, 3, 1",
					len(ds.Chambers), len(ds.Funds), len(ds.Investments))
			}
		})
	}
}

func TestDemoProportions(t *testing.T) {
	const size = 20000
	ds := genDemo(t, size, 1)
	tests := []struct {
		kind string
		got  int
		want float64 // share of size
	}{
		{"enterprises", len(ds.Enterprises), 0.18},
		{"people", len(ds.People), 0.22},
		{"chambers", len(ds.Chambers), 0.003},
		{"funds", len(ds.Funds), 0.003},
		{"investments", len(ds.Investments), 0.007},
		{"projects", len(ds.Projects), 0.15},
		{"tasks", len(ds.Tasks), 0.14},
		{"activities", len(ds.Activities), 0.15},
		{"arrivals", len(ds.Arrivals), 0.151},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			want := tt.want * size
			if d := float64(tt.got) - want; d < -0.01*size || d > 0.01*size {
				t.Errorf("%d %s, want about %.0f", tt.got, tt.kind, want)
			}
		})
	}
}

func TestDemoDeterministic(t *testing.T) {
	opt := DemoOptions{Size: 3000, Seed: 42, Today: demoToday}
	a, err := Demo(opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Demo(opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with the same options differ")
	}
	tests := []struct {
		name    string
		opt     DemoOptions
		sameIDs bool // IDs come from the seed alone
	}{
		{"other seed", DemoOptions{Size: 3000, Seed: 43, Today: demoToday}, false},
		{"other today", DemoOptions{Size: 3000, Seed: 42, Today: demoToday.AddDays(1)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Demo(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if reflect.DeepEqual(a, c) {
				t.Fatal("datasets of different options are equal")
			}
			if same := a.Enterprises[0].ID == c.Enterprises[0].ID; same != tt.sameIDs {
				t.Errorf("first enterprise IDs equal = %v, want %v", same, tt.sameIDs)
			}
		})
	}
}

// TestDemoValidates normalises a copy of every record, checks that normalising changed
// nothing (the generator writes clean data), and validates it.
func TestDemoValidates(t *testing.T) {
	for _, size := range []int{2000, 20000} {
		for _, seed := range []uint64{1, 2} {
			t.Run(fmt.Sprintf("size%d/seed%d", size, seed), func(t *testing.T) {
				ds := genDemo(t, size, seed)
				var bad []string
				check := func(kind string, i int, orig, norm any, err error) {
					if err != nil {
						bad = append(bad, fmt.Sprintf("%s %d: %v", kind, i, err))
					}
					if !reflect.DeepEqual(orig, norm) {
						bad = append(bad, fmt.Sprintf("%s %d: normalising changed it:\n%+v\n%+v", kind, i, orig, norm))
					}
				}
				for i, e := range ds.Enterprises {
					n := e
					app.NormalizeEnterprise(&n)
					check("enterprise", i, e, n, app.ValidateEnterprise(n))
				}
				for i, p := range ds.People {
					n := p
					n.Dates = slices.Clone(p.Dates)
					app.NormalizePerson(&n)
					check("person", i, p, n, app.ValidatePerson(n))
				}
				for i, c := range ds.Chambers {
					n := c
					app.NormalizeChamber(&n)
					check("chamber", i, c, n, app.ValidateChamber(n))
				}
				for i, p := range ds.Projects {
					n := p
					app.NormalizeProject(&n)
					check("project", i, p, n, app.ValidateProject(n, demoToday))
				}
				for i, task := range ds.Tasks {
					n := task
					app.NormalizeTask(&n, demoToday)
					check("task", i, task, n, app.ValidateTask(n))
				}
				for i, a := range ds.Activities {
					n := a
					app.NormalizeActivity(&n)
					check("activity", i, a, n, app.ValidateActivity(n))
				}
				for i, f := range ds.Funds {
					n := f
					app.NormalizeFund(&n)
					check("fund", i, f, n, app.ValidateFund(n))
				}
				for i, v := range ds.Investments {
					check("investment", i, v, v, app.ValidateFundInvestment(v))
				}
				for i, a := range ds.Arrivals {
					check("arrival", i, a, a, app.ValidateArrival(a))
				}
				if len(bad) > 0 {
					t.Fatalf("%d problems, first: %s", len(bad), strings.Join(bad[:min(5, len(bad))], "\n"))
				}
			})
		}
	}
}

func TestDemoIDs(t *testing.T) {
	ds := genDemo(t, 5000, 3)
	seen := map[string]string{}
	add := func(kind, id string) {
		u, err := uuid.Parse(id)
		switch {
		case err != nil:
			t.Errorf("%s ID %q: %v", kind, id, err)
		case u.Version() != 4 || u.Variant() != uuid.RFC4122 || u.String() != id:
			t.Errorf("%s ID %q is not a canonical v4 UUID", kind, id)
		}
		if prev, dup := seen[id]; dup {
			t.Errorf("ID %s used by a %s and a %s", id, prev, kind)
		}
		seen[id] = kind
	}
	for _, r := range ds.Enterprises {
		add("enterprise", r.ID)
	}
	for _, r := range ds.People {
		add("person", r.ID)
	}
	for _, r := range ds.Chambers {
		add("chamber", r.ID)
	}
	for _, r := range ds.Funds {
		add("fund", r.ID)
	}
	for _, r := range ds.Projects {
		add("project", r.ID)
	}
	for _, r := range ds.StageChanges {
		add("stage change", r.ID)
	}
	for _, r := range ds.Arrivals {
		add("arrival", r.ID)
	}
	for _, r := range ds.Tasks {
		add("task", r.ID)
	}
	for _, r := range ds.Activities {
		add("activity", r.ID)
	}
	for _, r := range ds.Investments {
		add("investment", r.ID)
	}
}

func TestDemoLinks(t *testing.T) {
	ri := loadRefIndex(t)
	for _, size := range []int{50, 2000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			ds := genDemo(t, size, 5)
			ents, people, chambers, funds, projects := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]*app.Fund{}, map[string]*app.Project{}
			for _, e := range ds.Enterprises {
				ents[e.ID] = true
			}
			for _, p := range ds.People {
				people[p.ID] = true
			}
			for _, c := range ds.Chambers {
				chambers[c.ID] = true
			}
			for i := range ds.Funds {
				funds[ds.Funds[i].ID] = &ds.Funds[i]
			}
			for i := range ds.Projects {
				projects[ds.Projects[i].ID] = &ds.Projects[i]
			}
			bad := func(format string, args ...any) { t.Helper(); t.Errorf(format, args...) }
			optional := func(set map[string]bool, id string) bool { return id == "" || set[id] }

			for _, e := range ds.Enterprises {
				if e.ChainID != "" && !ri.chains1269[e.ChainID] {
					bad("enterprise %s: chain %s is not a 1269 chain", e.Name, e.ChainID)
				}
			}
			for _, p := range ds.People {
				if !optional(ents, p.EnterpriseID) {
					bad("person %s: enterprise %s missing", p.Name, p.EnterpriseID)
				}
				for _, m := range p.Memberships {
					if !chambers[m.ChamberID] {
						bad("person %s: chamber %s missing", p.Name, m.ChamberID)
					}
				}
			}
			for _, c := range ds.Chambers {
				if !ri.chamberKind[c.Kind] {
					bad("chamber %s: kind %s not in the vocabulary", c.Name, c.Kind)
				}
			}
			for _, p := range ds.Projects {
				switch {
				case !ents[p.InvestorID]:
					bad("project %s: investor %s missing", p.Code, p.InvestorID)
				case !optional(people, p.IntroducerID):
					bad("project %s: introducer %s missing", p.Code, p.IntroducerID)
				case !ri.zones[p.ZoneID]:
					bad("project %s: zone %s is not a built-in zone", p.Code, p.ZoneID)
				case !ri.chains1269[p.ChainID]:
					bad("project %s: chain %s is not a 1269 chain", p.Code, p.ChainID)
				case p.FundID != "" && funds[p.FundID] == nil:
					bad("project %s: fund %s missing", p.Code, p.FundID)
				}
				for _, m := range p.Methods {
					if !ri.methods[m] {
						bad("project %s: method %s not in the vocabulary", p.Code, m)
					}
				}
			}
			for _, c := range ds.StageChanges {
				if projects[c.ProjectID] == nil {
					bad("stage change %s: project %s missing", c.ID, c.ProjectID)
				}
			}
			trips, campaigns := map[string]*app.Trip{}, map[string]bool{}
			for i := range ds.Trips {
				trips[ds.Trips[i].ID] = &ds.Trips[i]
			}
			for _, c := range ds.Campaigns {
				campaigns[c.ID] = true
			}
			for _, task := range ds.Tasks {
				if task.ProjectID == "" && task.PersonID == "" {
					bad("task %s has neither project nor person", task.ID)
				}
				if (task.ProjectID != "" && projects[task.ProjectID] == nil) || !optional(people, task.PersonID) || !optional(campaigns, task.CampaignID) {
					bad("task %s: project %q, person %q or campaign %q missing", task.ID, task.ProjectID, task.PersonID, task.CampaignID)
				}
			}
			for _, e := range ds.Events {
				for _, gu := range e.Guests {
					if !people[gu.PersonID] {
						bad("event %s: guest %s missing", e.Name, gu.PersonID)
					}
				}
				for _, sg := range e.Signings {
					if p := projects[sg.ProjectID]; p == nil || sg.Amount != p.TotalInvestment || p.SignedOn.Before(e.On) {
						bad("event %s: signing %+v does not match its project", e.Name, sg)
					}
				}
			}
			for _, a := range ds.Activities {
				if tr := trips[a.TripID]; a.TripID != "" && (tr == nil || !tr.Covers(a.On)) {
					bad("activity %s on %s: trip %s missing or not under way", a.ID, a.On, a.TripID)
				}
			}
			if size >= 2000 && (len(ds.Events) == 0 || len(ds.Trips) == 0 || len(ds.Campaigns) != 1) {
				bad("%d events, %d trips, %d campaigns", len(ds.Events), len(ds.Trips), len(ds.Campaigns))
			}
			for _, a := range ds.Arrivals {
				if projects[a.ProjectID] == nil {
					bad("arrival %s: project %s missing", a.ID, a.ProjectID)
				}
			}
			for _, a := range ds.Activities {
				if !ri.kinds[a.Kind] {
					bad("activity %s: kind %s not in the vocabulary", a.ID, a.Kind)
				}
				if len(a.ProjectIDs)+len(a.EnterpriseIDs)+len(a.PersonIDs) == 0 {
					bad("activity %s links nothing", a.ID)
				}
				if len(a.ProjectIDs) > 1 || len(a.EnterpriseIDs) > 2 || len(a.PersonIDs) > 2 {
					bad("activity %s links %d projects, %d enterprises, %d people", a.ID, len(a.ProjectIDs), len(a.EnterpriseIDs), len(a.PersonIDs))
				}
				for _, id := range a.ProjectIDs {
					if projects[id] == nil {
						bad("activity %s: project %s missing", a.ID, id)
					}
				}
				for _, id := range a.EnterpriseIDs {
					if !ents[id] {
						bad("activity %s: enterprise %s missing", a.ID, id)
					}
				}
				for _, id := range a.PersonIDs {
					if !people[id] {
						bad("activity %s: person %s missing", a.ID, id)
					}
				}
			}
			for _, f := range ds.Funds {
				if !ents[f.ManagerID] {
					bad("fund %s: manager %s missing", f.Name, f.ManagerID)
				}
				if f.ParentID != "" {
					parent := funds[f.ParentID]
					if parent == nil || (parent.Type != app.FundGuidance && parent.Type != app.FundParent) {
						bad("fund %s: parent %s missing or not a guidance or parent fund", f.Name, f.ParentID)
					}
				}
				if f.Type == app.FundChild && f.ParentID == "" {
					bad("sub-fund %s has no parent", f.Name)
				}
			}
			for _, v := range ds.Investments {
				if funds[v.FundID] == nil || !ents[v.EnterpriseID] {
					bad("investment %s: fund %s or enterprise %s missing", v.ID, v.FundID, v.EnterpriseID)
					continue
				}
				if f := funds[v.FundID]; f.Type == app.FundGuidance || v.On.Before(f.SetUpOn) {
					bad("investment %s on %s by %s fund %s set up %s", v.ID, v.On, f.Type, f.Name, f.SetUpOn)
				}
				if v.ProjectID == "" {
					continue
				}
				p := projects[v.ProjectID]
				switch {
				case p == nil:
					bad("investment %s: project %s missing", v.ID, v.ProjectID)
				case p.FundID != v.FundID || p.InvestorID != v.EnterpriseID:
					bad("investment %s: project %s has fund %s and investor %s, want %s and %s",
						v.ID, p.Code, p.FundID, p.InvestorID, v.FundID, v.EnterpriseID)
				}
			}
			for _, p := range ds.Projects {
				if p.FundID != "" && !slices.Contains(p.Methods, "基金招商") {
					bad("project %s has a fund but not the method 基金招商", p.Code)
				}
			}
		})
	}
}

func TestDemoCreditCodes(t *testing.T) {
	ds := genDemo(t, 20000, 1)
	seen := map[string]bool{}
	with := 0
	for _, e := range ds.Enterprises {
		if e.CreditCode == "" {
			continue
		}
		with++
		if err := app.CheckCreditCode(e.CreditCode); err != nil {
			t.Errorf("%s: %v", e.Name, err)
		}
		if !strings.HasPrefix(e.CreditCode, "91") {
			t.Errorf("%s: code %s does not start with 91", e.Name, e.CreditCode)
		}
		if seen[e.CreditCode] {
			t.Errorf("credit code %s used twice", e.CreditCode)
		}
		seen[e.CreditCode] = true
	}
	if share := float64(with) / float64(len(ds.Enterprises)); share < 0.5 || share > 0.7 {
		t.Errorf("%.0f%% of enterprises have a credit code, want about 60%%", share*100)
	}
}

func TestOrgCheckChar(t *testing.T) {
	tests := []struct{ body, want string }{
		{"D2143569", "X"}, // the GB 11714 worked example D2143569-X
		{"00000000", "0"},
	}
	for _, tt := range tests {
		if got := string(orgCheckChar([]byte(tt.body))); got != tt.want {
			t.Errorf("orgCheckChar(%s) = %s, want %s", tt.body, got, tt.want)
		}
	}
}

func TestDemoPeople(t *testing.T) {
	ri := loadRefIndex(t)
	ds := genDemo(t, 20000, 2)
	mobile := regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	phones := map[string]bool{}
	gan := 0
	surnames := map[string]bool{}
	ties := map[string]int{}
	for _, p := range ds.People {
		for _, ph := range p.Phones {
			if phones[ph] {
				t.Errorf("phone %s used twice", ph)
			}
			phones[ph] = true
		}
		if len(p.Phones) == 0 || !mobile.MatchString(p.Phones[0]) {
			t.Errorf("%s: first phone %v is not a mobile number", p.Name, p.Phones)
		}
		if p.NativeProvince == "江西省" {
			gan++
			if p.NativeCounty != "" && ri.countyOf[p.NativeCounty] != p.NativeCity {
				t.Errorf("%s: county %s is not in %s", p.Name, p.NativeCounty, p.NativeCity)
			}
		}
		for _, s := range []string{"张", "王", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "曾", "单", "欧阳"} {
			if strings.HasPrefix(p.Name, s) {
				surnames[s] = true
			}
		}
		var key []string
		for _, tie := range p.Ties {
			key = append(key, string(tie))
		}
		ties[strings.Join(key, "+")]++
		if slices.Contains(p.Ties, app.TieAlumni) && p.AlmaMater == "" {
			t.Errorf("%s is a 校友 without 母校", p.Name)
		}
		if slices.Contains(p.Ties, app.TieComrade) && p.ServicePlace == "" {
			t.Errorf("%s is a 战友 without 服役驻地", p.Name)
		}
		if p.CadenceDays != 0 && p.CadenceDays != 30 && p.CadenceDays != 60 && p.CadenceDays != 90 {
			t.Errorf("%s: cadence %d", p.Name, p.CadenceDays)
		}
	}
	if share := float64(gan) / float64(len(ds.People)); share < 0.35 || share > 0.45 {
		t.Errorf("%.0f%% of people are 赣籍, want about 40%%", share*100)
	}
	if len(surnames) != 14 {
		t.Errorf("surnames seen: %v, want all 14", surnames)
	}
	for _, combo := range []string{"乡友", "乡友+校友", "乡友+战友", "校友", "乡友+校友+战友"} {
		if ties[combo] == 0 {
			t.Errorf("no person with ties %s (have %v)", combo, ties)
		}
	}
}

func TestDemoProjects(t *testing.T) {
	ds := genDemo(t, 20000, 1)
	code := regexp.MustCompile(`^JX20[0-9]{2}-[0-9]{4,}$`)
	codes := map[string]bool{}
	var out, gan, home, boundary, foreign, registered int
	for _, p := range ds.Projects {
		if !code.MatchString(p.Code) || codes[p.Code] {
			t.Errorf("project code %q malformed or repeated", p.Code)
		}
		codes[p.Code] = true
		if p.TotalInvestment < 2000*app.Wan || p.TotalInvestment > 120*app.Yi {
			t.Errorf("%s: total %s outside 2000万–120亿", p.Code, p.TotalInvestment.FormatWan())
		}
		switch p.TotalInvestment {
		case app.Yi, 20 * app.Yi, 50 * app.Yi:
			boundary++
		}
		if n := len(p.Methods); n < 1 || n > 3 {
			t.Errorf("%s: %d methods", p.Code, n)
		}
		if p.Homecoming != (len(p.HomecomingTies) > 0) || p.Homecoming != slices.Contains(p.Methods, "三请三回") {
			t.Errorf("%s: homecoming %v, ties %v, methods %v disagree", p.Code, p.Homecoming, p.HomecomingTies, p.Methods)
		}
		if p.Homecoming && p.IntroducerID == "" {
			t.Errorf("%s: 三请三回 project without an introducer", p.Code)
		}
		if p.Registered && (p.RegisteredOn.IsZero() || p.StartedOn.IsZero() || p.RegisteredOn.Before(p.StartedOn)) {
			t.Errorf("%s: 入统 %s but started %s", p.Code, p.RegisteredOn, p.StartedOn)
		}
		if p.Leader == "" || p.Unit == "" {
			t.Errorf("%s: no leader or unit", p.Code)
		}
		out += b2i(p.OutOfProvince)
		gan += b2i(p.GanReturn)
		home += b2i(p.Homecoming)
		foreign += b2i(p.ForeignCapital > 0)
		registered += b2i(p.Registered)
	}
	n := float64(len(ds.Projects))
	shares := []struct {
		name   string
		got    int
		lo, hi float64
	}{
		{"省外", out, 0.6, 0.8},
		{"赣商返乡", gan, 0.1, 0.2},
		{"三请三回", home, 0.15, 0.25},
		{"1亿/20亿/50亿", boundary, 0.05, 0.13},
		{"合同外资", foreign, 0.03, 0.2},
		{"入统", registered, 0.1, 0.5},
	}
	for _, s := range shares {
		if r := float64(s.got) / n; r < s.lo || r > s.hi {
			t.Errorf("%s: %.1f%% of projects, want %.0f%%–%.0f%%", s.name, r*100, s.lo*100, s.hi*100)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestDemoHistories replays every project's history through app.CheckStageMove from an empty
// project and compares the result with the project.
func TestDemoHistories(t *testing.T) {
	for _, size := range []int{50, 20000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			ds := genDemo(t, size, 1)
			byProject := map[string][]app.StageChange{}
			for _, c := range ds.StageChanges {
				byProject[c.ProjectID] = append(byProject[c.ProjectID], c)
			}
			backs, resumes := 0, 0
			for _, p := range ds.Projects {
				hist := byProject[p.ID]
				if len(hist) == 0 {
					t.Fatalf("%s has no history", p.Code)
				}
				var cur app.Project
				for i, c := range hist {
					if c.From != cur.Stage {
						t.Fatalf("%s change %d: from %q, want %q", p.Code, i, c.From, cur.Stage)
					}
					if c.On.Before(demoToday.AddDays(-1100)) {
						t.Errorf("%s change %d on %s, more than three years ago", p.Code, i, c.On)
					}
					m := app.StageMove{To: c.To, On: c.On, Reason: c.Reason}
					if err := app.CheckStageMove(cur, m, demoToday); err != nil {
						t.Fatalf("%s change %d (%s→%s on %s): %v", p.Code, i, c.From, c.To, c.On, err)
					}
					if i > 0 && !c.On.After(hist[i-1].On) {
						t.Errorf("%s change %d: date %s not after %s", p.Code, i, c.On, hist[i-1].On)
					}
					if c.To.Rank() >= 0 && cur.Stage.Rank() > c.To.Rank() {
						backs++
					}
					if cur.Stage.Terminal() {
						resumes++
					}
					cur = app.ApplyStageMove(cur, m)
				}
				if cur.Stage != p.Stage || cur.StageSince != p.StageSince || cur.StageReason != p.StageReason ||
					cur.SignedOn != p.SignedOn || cur.StartedOn != p.StartedOn || cur.ProducedOn != p.ProducedOn {
					t.Errorf("%s: replayed %s since %s (%q) signed %s started %s produced %s; project has %s since %s (%q) signed %s started %s produced %s",
						p.Code, cur.Stage, cur.StageSince, cur.StageReason, cur.SignedOn, cur.StartedOn, cur.ProducedOn,
						p.Stage, p.StageSince, p.StageReason, p.SignedOn, p.StartedOn, p.ProducedOn)
				}
			}
			if size >= 20000 && (backs == 0 || resumes == 0) {
				t.Errorf("%d steps back and %d resumptions, want some of each", backs, resumes)
			}
		})
	}
}

func TestDemoArrivals(t *testing.T) {
	ds := genDemo(t, 20000, 2)
	projects := map[string]*app.Project{}
	for i := range ds.Projects {
		projects[ds.Projects[i].ID] = &ds.Projects[i]
	}
	type key struct {
		project string
		month   app.Month
		source  app.ArrivalSource
	}
	seen := map[key]bool{}
	sum := map[string]app.Yuan{}
	sources := map[app.ArrivalSource]int{}
	last := app.MonthOf(demoToday)
	for _, a := range ds.Arrivals {
		k := key{a.ProjectID, a.Month, a.Source}
		if seen[k] {
			t.Fatalf("two arrivals for %v", k)
		}
		seen[k] = true
		p := projects[a.ProjectID]
		if !p.Stage.AtLeast(app.StageSigned) {
			t.Errorf("arrival for %s at stage %s", p.Code, p.Stage)
		}
		if a.Month.First().Before(app.MonthOf(p.SignedOn).First()) || a.Month.First().After(last.First()) {
			t.Errorf("arrival for %s in %s, signed %s", p.Code, a.Month, p.SignedOn)
		}
		sum[a.ProjectID] += a.Amount
		sources[a.Source]++
	}
	for id, total := range sum {
		if p := projects[id]; total > p.TotalInvestment {
			t.Errorf("%s: arrived %s of a total %s", p.Code, total.FormatWan(), p.TotalInvestment.FormatWan())
		}
	}
	for _, s := range app.ArrivalSources {
		if sources[s] == 0 {
			t.Errorf("no arrival from %s", s)
		}
	}
}

// TestDemoDates checks that no event lies after today and that record headers are set.
func TestDemoDates(t *testing.T) {
	ds, err := Demo(DemoOptions{Size: 5000, Seed: 9, Today: demoToday, By: "测试员"})
	if err != nil {
		t.Fatal(err)
	}
	endOfToday := demoToday.AddDays(1).Time()
	late := func(what string, d app.Date) {
		t.Helper()
		if d.After(demoToday) {
			t.Errorf("%s %s is after today", what, d)
		}
	}
	meta := func(kind string, m app.Meta) {
		t.Helper()
		switch {
		case !m.CreatedAt.Before(endOfToday) || !m.UpdatedAt.Before(endOfToday):
			t.Errorf("%s %s: created %v updated %v after today", kind, m.ID, m.CreatedAt, m.UpdatedAt)
		case m.UpdatedAt.Before(m.CreatedAt):
			t.Errorf("%s %s: updated %v before created %v", kind, m.ID, m.UpdatedAt, m.CreatedAt)
		case m.CreatedAt.Location() != time.UTC:
			t.Errorf("%s %s: time not in UTC", kind, m.ID)
		case m.DeletedAt != nil || m.UpdatedBy != "测试员":
			t.Errorf("%s %s: deleted %v, by %q", kind, m.ID, m.DeletedAt, m.UpdatedBy)
		}
	}
	for _, r := range ds.Enterprises {
		meta("enterprise", r.Meta)
	}
	for _, r := range ds.People {
		meta("person", r.Meta)
	}
	for _, r := range ds.Chambers {
		meta("chamber", r.Meta)
	}
	for _, r := range ds.Funds {
		meta("fund", r.Meta)
		late("fund set up", r.SetUpOn)
	}
	for _, r := range ds.Projects {
		meta("project", r.Meta)
		for _, d := range []app.Date{r.StageSince, r.SignedOn, r.StartedOn, r.ProducedOn, r.RegisteredOn} {
			late("project "+r.Code, d)
		}
	}
	for _, r := range ds.StageChanges {
		late("stage change", r.On)
		if r.By != "测试员" || r.CreatedAt.After(endOfToday) {
			t.Errorf("stage change %s: by %q at %v", r.ID, r.By, r.CreatedAt)
		}
	}
	for _, r := range ds.Arrivals {
		meta("arrival", r.Meta)
		late("arrival month", r.Month.First())
	}
	open, overdue := 0, 0
	for _, r := range ds.Tasks {
		meta("task", r.Meta)
		late("task done", r.DoneOn)
		if r.Done != !r.DoneOn.IsZero() {
			t.Errorf("task %s: done %v on %s", r.ID, r.Done, r.DoneOn)
		}
		if !r.Done {
			open++
			if r.DueOn.Before(demoToday) {
				overdue++
			}
		}
	}
	if overdue == 0 || overdue == open {
		t.Errorf("%d of %d open tasks overdue, want some but not all", overdue, open)
	}
	for _, r := range ds.Activities {
		meta("activity", r.Meta)
		late("activity", r.On)
	}
	for _, r := range ds.Investments {
		meta("investment", r.Meta)
		late("investment", r.On)
	}
}

func BenchmarkDemoGenerate100k(b *testing.B) {
	for b.Loop() {
		ds, err := Demo(DemoOptions{Size: 100_000, Seed: 1, Today: demoToday})
		if err != nil {
			b.Fatal(err)
		}
		if ds.Len() != 100_000 {
			b.Fatalf("Len() = %d", ds.Len())
		}
	}
}
