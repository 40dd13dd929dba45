package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"ganzhao/app"
	"ganzhao/seeds"
)

// loadDemo fills a fresh ledger with size demo records.
func loadDemo(t *testing.T, size int) (*Store, *app.Ledger) {
	t.Helper()
	s, l := openLedger(t)
	d, err := seeds.Demo(seeds.DemoOptions{Size: size, Seed: 7, Today: app.DateOf(testStart)})
	must(t, err)
	must(t, l.LoadDataset(context.Background(), d))
	return s, l
}

func TestProjectRowsAgreeWithProjects(t *testing.T) {
	ctx := context.Background()
	s, l := loadDemo(t, 3000)
	all, err := s.Projects(ctx, app.ProjectFilter{})
	must(t, err)
	must(t, l.Delete(ctx, app.KindProject, all[0].ID))
	zones, err := s.Zones(ctx)
	must(t, err)
	zoneByID := map[string]app.Zone{}
	for _, z := range zones {
		zoneByID[z.ID] = z
	}
	chains, err := s.Chains(ctx)
	must(t, err)
	chainName := map[string]string{}
	for _, c := range chains {
		chainName[c.ID] = c.Name
	}

	for _, f := range []app.ProjectFilter{
		{},
		{Stages: []app.Stage{app.StageSigned, app.StageStarted}},
		{ZoneID: all[1].ZoneID},
		{ChainID: all[2].ChainID, Query: "项目"},
		{Limit: 10},
	} {
		want, err := s.Projects(ctx, f)
		must(t, err)
		got, err := s.ProjectRows(ctx, f)
		must(t, err)
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("filter %+v: %d rows, want %d (and some)", f, len(got), len(want))
		}
		for i, p := range want {
			r := got[i]
			if r.ID != p.ID || r.Name != p.Name || r.Stage != p.Stage || r.StageSince != p.StageSince ||
				r.TotalInvestment != p.TotalInvestment || r.SignedOn != p.SignedOn || r.Leader != p.Leader ||
				r.Unit != p.Unit || r.ZoneID != p.ZoneID || r.ChainID != p.ChainID || r.InvestorID != p.InvestorID ||
				r.Homecoming != p.Homecoming || !r.UpdatedAt.Equal(p.UpdatedAt) {
				t.Fatalf("filter %+v row %d:\n got  %+v\n want %+v", f, i, r, p)
			}
			equal(t, "methods of "+p.Name, r.Methods, p.Methods)
			equal(t, "ties of "+p.Name, r.HomecomingTies, p.HomecomingTies)
			if r.ZoneName != zoneByID[p.ZoneID].Name || r.ZoneLevel != zoneByID[p.ZoneID].Level || r.ChainName != chainName[p.ChainID] {
				t.Fatalf("row %s: zone %q %q chain %q", p.Name, r.ZoneName, r.ZoneLevel, r.ChainName)
			}
			if p.InvestorID != "" {
				e, err := s.Enterprise(ctx, p.InvestorID)
				must(t, err)
				if r.InvestorName != e.Name || r.InvestorNature != e.Nature {
					t.Fatalf("row %s: investor %q %q, want %q %q", p.Name, r.InvestorName, r.InvestorNature, e.Name, e.Nature)
				}
			}
			if r.ID == all[0].ID {
				t.Fatal("a project in the recycle bin is listed")
			}
		}
	}
}

func TestTaskRowsAndLastContacts(t *testing.T) {
	ctx := context.Background()
	s, l := loadDemo(t, 2000)
	for _, f := range []app.TaskFilter{{}, {OpenOnly: true}} {
		want, err := s.Tasks(ctx, f)
		must(t, err)
		got, err := s.TaskRows(ctx, f)
		must(t, err)
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("%d task rows, want %d", len(got), len(want))
		}
		for i := range want {
			equal(t, "task", got[i].Task, want[i])
		}
		p, err := s.Project(ctx, got[0].ProjectID)
		must(t, err)
		if got[0].ProjectName != p.Name {
			t.Errorf("project name %q, want %q", got[0].ProjectName, p.Name)
		}
	}
	assignee := ""
	tasks, _ := s.Tasks(ctx, app.TaskFilter{})
	for _, tk := range tasks {
		if tk.Assignee != "" {
			assignee = tk.Assignee
			break
		}
	}
	byAssignee, err := s.TaskRows(ctx, app.TaskFilter{Assignee: assignee})
	must(t, err)
	for _, r := range byAssignee {
		if r.Assignee != assignee {
			t.Fatalf("task of %q listed for %q", r.Assignee, assignee)
		}
	}

	acts, err := s.Activities(ctx, app.ActivityFilter{})
	must(t, err)
	want := map[string]app.Date{}
	for _, a := range acts {
		for _, id := range a.PersonIDs {
			if want[id].Before(a.On) {
				want[id] = a.On
			}
		}
	}
	if len(want) == 0 {
		t.Fatal("demo activities name no people")
	}
	got, err := s.LastContacts(ctx, l.Today())
	must(t, err)
	equal(t, "last contacts", got, want)

	// An activity in the recycle bin no longer counts.
	var latest app.Activity
	for _, a := range acts {
		if len(a.PersonIDs) > 0 && a.On == want[a.PersonIDs[0]] {
			latest = a
			break
		}
	}
	must(t, l.Delete(ctx, app.KindActivity, latest.ID))
	got, err = s.LastContacts(ctx, l.Today())
	must(t, err)
	if d := got[latest.PersonIDs[0]]; d.After(latest.On) {
		t.Errorf("last contact %s after the deleted activity's %s", d, latest.On)
	}
}

func TestSavedViews(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "views.db")
	s := openAt(t, path)
	applySeeds(t, s)
	l := newLedger(t, s)

	v := app.SavedView{Screen: "projects", Name: "  本年签约  ", Filters: map[string]string{"stage": "签约", "signed_from": "2026-01-01"},
		SortColumn: "总投资", SortDesc: true}
	must(t, l.SaveView(ctx, &v))
	if v.ID == "" || v.Name != "本年签约" || v.UpdatedAt.IsZero() {
		t.Fatalf("saved view %+v", v)
	}
	other := app.SavedView{Screen: "enterprises", Name: "本年签约"}
	must(t, l.SaveView(ctx, &other))

	// Saving under the same name replaces the view and keeps its ID.
	again := app.SavedView{Screen: "projects", Name: "本年签约", Filters: map[string]string{"stage": "开工"}, SortColumn: "项目名称"}
	must(t, l.SaveView(ctx, &again))
	if again.ID != v.ID {
		t.Errorf("replacing a view changed its ID from %s to %s", v.ID, again.ID)
	}

	s.Close()
	s2 := openAt(t, path) // the migration is not applied twice
	views, err := s2.SavedViews(ctx, "projects")
	must(t, err)
	if len(views) != 1 {
		t.Fatalf("%d views, want 1", len(views))
	}
	got := views[0]
	got.UpdatedAt = got.UpdatedAt.Truncate(time.Microsecond)
	equal(t, "view after reopening", got, again)

	l2 := newLedger(t, s2)
	must(t, l2.DeleteView(ctx, got.ID))
	if err := l2.DeleteView(ctx, got.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleting a deleted view: %v", err)
	}
	views, err = s2.SavedViews(ctx, "projects")
	must(t, err)
	if len(views) != 0 {
		t.Errorf("%d views after deleting", len(views))
	}
	if err := l2.SaveView(ctx, &app.SavedView{Screen: "projects", Name: " "}); app.FieldProblems(err) == nil {
		t.Errorf("a view without a name: %v", err)
	}
}
