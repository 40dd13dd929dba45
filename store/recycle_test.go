package store

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"testing"

	"ganzhao/app"
)

// recycleFixture is a small ledger where every kind of record is linked to the others.
type recycleFixture struct {
	s          *Store
	l          *app.Ledger
	enterprise app.Enterprise
	chamber    app.Chamber
	person     app.Person
	project    app.Project
	tasks      []app.Task
	activity   app.Activity
	arrival    app.Arrival
	fund       app.Fund
	investment app.FundInvestment
}

func newRecycleFixture(t *testing.T) *recycleFixture {
	t.Helper()
	s, l := openLedger(t)
	f := &recycleFixture{s: s, l: l}
	f.enterprise = saveEnterprise(t, l, newEnterprise("宁德时代新能源科技股份有限公司", 100))
	f.chamber = saveChamber(t, l, app.Chamber{Name: "福建省江西商会", City: "福州市", Kind: "异地江西商会"})
	f.person = savePerson(t, l, app.Person{Name: "王五", Phones: []string{"13800138000"}, EnterpriseID: f.enterprise.ID, Ties: []app.Tie{app.TieHometown},
		Memberships: []app.Membership{{ChamberID: f.chamber.ID, Role: "副会长"}}})
	f.project = createProject(t, l, app.Project{Name: "动力电池项目", InvestorID: f.enterprise.ID, IntroducerID: f.person.ID,
		ZoneID: zoneByName(t, s, "南昌经开区").ID, TotalInvestment: 60 * app.Yi, Methods: []string{"以商引商", "三请三回"}})
	f.tasks = []app.Task{
		saveTask(t, l, app.Task{ProjectID: f.project.ID, Title: "报送用地需求", DueOn: day("2026-04-01")}),
		saveTask(t, l, app.Task{ProjectID: f.project.ID, Title: "首次对接", Done: true, DoneOn: day("2026-02-01")}),
	}
	f.activity = saveActivity(t, l, app.Activity{Kind: "走访", On: day("2026-03-01"), Summary: "拜访董事长", ProjectIDs: []string{f.project.ID},
		EnterpriseIDs: []string{f.enterprise.ID}, PersonIDs: []string{f.person.ID}})
	f.arrival = saveArrival(t, l, app.Arrival{ProjectID: f.project.ID, Month: app.Month{Year: 2026, Month: 2}, Amount: 5000 * app.Wan, Source: app.SourceOutOfProvince})
	f.fund = saveFund(t, l, app.Fund{Name: "江西省新能源产业基金", Type: app.FundChild, Size: 10 * app.Yi})
	f.investment = saveInvestment(t, l, app.FundInvestment{FundID: f.fund.ID, EnterpriseID: f.enterprise.ID, ProjectID: f.project.ID,
		Amount: 2 * app.Yi, On: day("2026-01-20"), Counts: true, CountsReason: "本地工厂"})
	return f
}

// view is everything the lists and getters show; it is compared before a delete and after the
// restore. Update stamps are left out: deleting and restoring are changes too.
func (f *recycleFixture) view(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	v := map[string]any{}
	get := func(name string, x any, err error) {
		t.Helper()
		must(t, err)
		v[name] = x
	}
	x1, err := f.s.Projects(ctx, app.ProjectFilter{})
	get("projects", x1, err)
	x2, err := f.s.Tasks(ctx, app.TaskFilter{})
	get("tasks", x2, err)
	x3, err := f.s.Activity(ctx, f.activity.ID)
	get("activity", x3, err)
	x4, err := f.s.Activities(ctx, app.ActivityFilter{})
	get("activities", x4, err)
	x5, err := f.s.People(ctx, app.PersonFilter{})
	get("people", x5, err)
	x6, err := f.s.People(ctx, app.PersonFilter{ChamberID: f.chamber.ID})
	get("chamber people", x6, err)
	x7, err := f.s.Person(ctx, f.person.ID)
	get("person", x7, err)
	x8, err := f.s.Chambers(ctx)
	get("chambers", x8, err)
	x9, err := f.s.Chamber(ctx, f.chamber.ID)
	get("chamber", x9, err)
	x10, err := f.s.Enterprises(ctx, app.EnterpriseFilter{})
	get("enterprises", x10, err)
	x11, err := f.s.Arrivals(ctx, f.project.ID)
	get("arrivals", x11, err)
	x12, err := f.s.Funds(ctx)
	get("funds", x12, err)
	x13, err := f.s.FundInvestments(ctx, f.fund.ID)
	get("investments", x13, err)
	x14, err := f.s.ProjectFacts(ctx)
	get("facts", x14, err)
	x15, err := f.s.StageHistory(ctx, f.project.ID)
	get("history", x15, err)
	x16, err := f.s.RecycleBin(ctx)
	get("bin", x16, err)
	b, err := json.MarshalIndent(v, "", " ")
	must(t, err)
	return stampsRE.ReplaceAllString(string(b), "")
}

var stampsRE = regexp.MustCompile(`"updated_(at|by)": "[^"]*",?`)

func TestRecycleBin(t *testing.T) {
	ctx := context.Background()
	f := newRecycleFixture(t)
	s, l := f.s, f.l

	tests := []struct {
		kind   app.EntityKind
		id     string
		name   string
		hidden func(t *testing.T) // checks while the record is in the bin
	}{
		{app.KindProject, f.project.ID, "动力电池项目", func(t *testing.T) {
			ps, err := s.Projects(ctx, app.ProjectFilter{})
			must(t, err)
			if len(ps) != 0 {
				t.Errorf("Projects lists %d projects", len(ps))
			}
			ts, err := s.Tasks(ctx, app.TaskFilter{})
			must(t, err)
			if len(ts) != 0 {
				t.Errorf("Tasks lists %d tasks of a deleted project", len(ts))
			}
			a, err := s.Activity(ctx, f.activity.ID)
			must(t, err)
			if slices.Contains(a.ProjectIDs, f.project.ID) {
				t.Error("the activity still links the deleted project")
			}
			equal(t, "activity's other links", [][]string{a.EnterpriseIDs, a.PersonIDs}, [][]string{{f.enterprise.ID}, {f.person.ID}})
			facts, err := s.ProjectFacts(ctx)
			must(t, err)
			if len(facts) != 0 {
				t.Errorf("ProjectFacts counts a deleted project")
			}
			p, err := s.Project(ctx, f.project.ID)
			must(t, err)
			if !p.Deleted() {
				t.Error("Project(id) of a deleted project has no DeletedAt")
			}
		}},
		{app.KindPerson, f.person.ID, "王五", func(t *testing.T) {
			c, err := s.Chamber(ctx, f.chamber.ID)
			must(t, err)
			if len(c.Members) != 0 {
				t.Errorf("chamber members %v include a deleted person", c.Members)
			}
			ps, err := s.People(ctx, app.PersonFilter{})
			must(t, err)
			if len(ps) != 0 {
				t.Errorf("People lists a deleted person")
			}
			a, err := s.Activity(ctx, f.activity.ID)
			must(t, err)
			if len(a.PersonIDs) != 0 {
				t.Errorf("the activity still links the deleted person")
			}
		}},
		{app.KindChamber, f.chamber.ID, "福建省江西商会", func(t *testing.T) {
			p, err := s.Person(ctx, f.person.ID)
			must(t, err)
			if len(p.Memberships) != 0 {
				t.Errorf("person's memberships %v include a deleted chamber", p.Memberships)
			}
			cs, err := s.Chambers(ctx)
			must(t, err)
			if len(cs) != 0 {
				t.Errorf("Chambers lists a deleted chamber")
			}
		}},
		{app.KindEnterprise, f.enterprise.ID, "宁德时代新能源科技股份有限公司", func(t *testing.T) {
			es, err := s.Enterprises(ctx, app.EnterpriseFilter{})
			must(t, err)
			if len(es) != 0 {
				t.Errorf("Enterprises lists a deleted enterprise")
			}
			a, err := s.Activity(ctx, f.activity.ID)
			must(t, err)
			if len(a.EnterpriseIDs) != 0 {
				t.Errorf("the activity still links the deleted enterprise")
			}
		}},
		{app.KindTask, f.tasks[0].ID, "报送用地需求", func(t *testing.T) {
			ts, err := s.Tasks(ctx, app.TaskFilter{ProjectID: f.project.ID})
			must(t, err)
			if len(ts) != 1 || ts[0].ID != f.tasks[1].ID {
				t.Errorf("Tasks = %v, want only the other task", ts)
			}
		}},
		{app.KindActivity, f.activity.ID, "2026-03-01 走访 拜访董事长", func(t *testing.T) {
			as, err := s.Activities(ctx, app.ActivityFilter{ProjectID: f.project.ID})
			must(t, err)
			if len(as) != 0 {
				t.Errorf("Activities lists a deleted activity")
			}
		}},
		{app.KindArrival, f.arrival.ID, "2026-02 省外 50000000", func(t *testing.T) {
			as, err := s.Arrivals(ctx, f.project.ID)
			must(t, err)
			if len(as) != 0 {
				t.Errorf("Arrivals lists a deleted arrival")
			}
			facts, err := s.ProjectFacts(ctx)
			must(t, err)
			if len(facts) != 1 || len(facts[0].Arrivals) != 0 {
				t.Errorf("ProjectFacts counts a deleted arrival: %+v", facts)
			}
		}},
		{app.KindFund, f.fund.ID, "江西省新能源产业基金", func(t *testing.T) {
			fs, err := s.Funds(ctx)
			must(t, err)
			if len(fs) != 0 {
				t.Errorf("Funds lists a deleted fund")
			}
		}},
		{app.KindFundInvestment, f.investment.ID, "2026-01-20 200000000", func(t *testing.T) {
			vs, err := s.FundInvestments(ctx, f.fund.ID)
			must(t, err)
			if len(vs) != 0 {
				t.Errorf("FundInvestments lists a deleted investment")
			}
		}},
	}
	for _, tc := range tests {
		t.Run(string(tc.kind), func(t *testing.T) {
			before := f.view(t)
			must(t, l.Delete(ctx, tc.kind, tc.id))
			tc.hidden(t)
			bin, err := s.RecycleBin(ctx)
			must(t, err)
			if len(bin) != 1 || bin[0].Kind != tc.kind || bin[0].ID != tc.id || bin[0].Name != tc.name || bin[0].DeletedBy != l.User() || bin[0].DeletedAt.IsZero() {
				t.Errorf("RecycleBin = %+v, want one %s %q deleted by %s", bin, tc.kind, tc.name, l.User())
			}
			if err := l.Delete(ctx, tc.kind, tc.id); !errors.Is(err, app.ErrNotFound) {
				t.Errorf("deleting twice: %v, want ErrNotFound", err)
			}
			must(t, l.Restore(ctx, tc.kind, tc.id))
			if after := f.view(t); after != before {
				t.Errorf("after restore the ledger differs from before the delete:\n--- before\n%s\n--- after\n%s", before, after)
			}
			if err := l.Restore(ctx, tc.kind, tc.id); !errors.Is(err, app.ErrNotFound) {
				t.Errorf("restoring a live record: %v, want ErrNotFound", err)
			}
		})
	}

	t.Run("unknown id", func(t *testing.T) {
		for _, kind := range app.EntityKinds {
			if err := l.Delete(ctx, kind, app.NewID()); !errors.Is(err, app.ErrNotFound) {
				t.Errorf("Delete(%s, unknown): %v, want ErrNotFound", kind, err)
			}
		}
	})

	t.Run("editing the activity while its project is in the bin keeps the link", func(t *testing.T) {
		must(t, l.Delete(ctx, app.KindProject, f.project.ID))
		a, err := s.Activity(ctx, f.activity.ID)
		must(t, err)
		a.Summary = "拜访董事长，商定二期"
		must(t, l.SaveActivity(ctx, &a))
		must(t, l.Restore(ctx, app.KindProject, f.project.ID))
		got, err := s.Activity(ctx, f.activity.ID)
		must(t, err)
		equal(t, "project links after restore", got.ProjectIDs, []string{f.project.ID})
	})

	t.Run("editing the person while their chamber is in the bin keeps the membership", func(t *testing.T) {
		must(t, l.Delete(ctx, app.KindChamber, f.chamber.ID))
		p, err := s.Person(ctx, f.person.ID)
		must(t, err)
		p.Title = "董事长"
		must(t, l.SavePerson(ctx, &p))
		must(t, l.Restore(ctx, app.KindChamber, f.chamber.ID))
		got, err := s.Person(ctx, f.person.ID)
		must(t, err)
		equal(t, "memberships after restore", got.Memberships, f.person.Memberships)
		c, err := s.Chamber(ctx, f.chamber.ID)
		must(t, err)
		equal(t, "chamber members after restore", c.Members, []app.ChamberMember{{PersonID: f.person.ID, PersonName: "王五", Role: "副会长"}})
	})

	t.Run("restoring an enterprise whose credit code was taken meanwhile", func(t *testing.T) {
		must(t, l.Delete(ctx, app.KindEnterprise, f.enterprise.ID))
		newer := saveEnterprise(t, l, app.Enterprise{Name: "宁德时代（新登记）", CreditCode: f.enterprise.CreditCode})
		before := dump(t, s.db)
		err := l.Restore(ctx, app.KindEnterprise, f.enterprise.ID)
		if !errors.Is(err, app.ErrDuplicate) {
			t.Fatalf("Restore: %v, want ErrDuplicate", err)
		}
		if dump(t, s.db) != before {
			t.Error("a refused restore changed the database")
		}
		old, err := s.Enterprise(ctx, f.enterprise.ID)
		must(t, err)
		if !old.Deleted() {
			t.Error("the refused enterprise left the bin")
		}
		// Once the newer record is gone, the old one comes back.
		must(t, l.Delete(ctx, app.KindEnterprise, newer.ID))
		must(t, l.Restore(ctx, app.KindEnterprise, f.enterprise.ID))
	})
}
