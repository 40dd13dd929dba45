package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"ganzhao/app"
)

// auditSince returns the audit rows of a record after the first n.
func auditSince(t *testing.T, s *Store, kind app.EntityKind, id string, n int) []app.AuditEntry {
	t.Helper()
	all, err := s.Audit(context.Background(), kind, id)
	must(t, err)
	if len(all) < n {
		t.Fatalf("audit of %s %s shrank from %d to %d rows", kind, id, n, len(all))
	}
	return all[n:]
}

// change is an audit row without its sequence number and record.
type change struct{ Field, Old, New, Who string }

func changes(es []app.AuditEntry) []change {
	out := make([]change, len(es))
	for i, e := range es {
		out[i] = change{e.Field, e.Old, e.New, e.Who}
	}
	return out
}

func checkAt(t *testing.T, es []app.AuditEntry, at time.Time) {
	t.Helper()
	for _, e := range es {
		if !e.At.Equal(at) {
			t.Errorf("audit row %s at %v, want %v", e.Field, e.At, at)
		}
	}
}

func TestAuditLog(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	must(t, l.SaveSettings(ctx, app.Settings{UserName: "李四", Unit: "南昌经开区招商局", StaleDays: app.DefaultStaleDays()}))
	if l.User() != "李四" {
		t.Fatalf("User() = %q after SaveSettings", l.User())
	}
	settingsAudit, err := s.Audit(ctx, "settings", settingsKey)
	must(t, err)
	if got := changes(settingsAudit); len(got) != 2 || got[0].Field != "unit" || got[1].Field != "user_name" || got[1].New != "李四" {
		t.Errorf("settings audit = %+v", got)
	}

	e := saveEnterprise(t, l, app.Enterprise{Name: "比亚迪股份有限公司", CreditCode: creditCode(7), Nature: app.NaturePrivate,
		Categories: []app.CategoryTag{{Name: "世界500强", Year: 2025}}, HQProvince: "广东省", HQCity: "深圳市", Priority: app.PriorityA})

	t.Run("create writes one row per field set", func(t *testing.T) {
		got := auditSince(t, s, app.KindEnterprise, e.ID, 0)
		equal(t, "rows", changes(got), []change{
			{"name", "", "比亚迪股份有限公司", "李四"},
			{"credit_code", "", creditCode(7), "李四"},
			{"nature", "", "民企", "李四"},
			{"categories", "", `[{"name":"世界500强","year":2025}]`, "李四"},
			{"hq_province", "", "广东省", "李四"},
			{"hq_city", "", "深圳市", "李四"},
			{"priority", "", "A", "李四"},
		})
		checkAt(t, got, e.UpdatedAt)
	})

	t.Run("update writes one row per changed field", func(t *testing.T) {
		n := len(auditSince(t, s, app.KindEnterprise, e.ID, 0))
		e.HQCity, e.Priority, e.Industry = "西安市", app.PriorityB, "汽车制造业"
		must(t, l.SaveEnterprise(ctx, &e))
		got := auditSince(t, s, app.KindEnterprise, e.ID, n)
		equal(t, "rows", changes(got), []change{
			{"hq_city", "深圳市", "西安市", "李四"},
			{"industry", "", "汽车制造业", "李四"},
			{"priority", "A", "B", "李四"},
		})
		checkAt(t, got, e.UpdatedAt)

		n += len(got)
		must(t, l.SaveEnterprise(ctx, &e)) // nothing changed
		if got := auditSince(t, s, app.KindEnterprise, e.ID, n); len(got) != 0 {
			t.Errorf("saving an unchanged record wrote %+v", changes(got))
		}
	})

	t.Run("stage move", func(t *testing.T) {
		p := createProject(t, l, app.Project{Name: "新能源汽车零部件项目", Stage: app.StageNegotiating, StageSince: day("2026-01-10"), InvestorID: e.ID})
		n := len(auditSince(t, s, app.KindProject, p.ID, 0))
		moved := moveStage(t, l, p.ID, app.StageMove{To: app.StageSigned, On: day("2026-03-02")})
		got := auditSince(t, s, app.KindProject, p.ID, n)
		equal(t, "rows", changes(got), []change{
			{"stage", "在谈", "签约", "李四"},
			{"stage_since", "2026-01-10", "2026-03-02", "李四"},
			{"signed_on", "", "2026-03-02", "李四"},
		})
		checkAt(t, got, moved.UpdatedAt)
	})

	t.Run("delete and restore", func(t *testing.T) {
		n := len(auditSince(t, s, app.KindEnterprise, e.ID, 0))
		must(t, l.Delete(ctx, app.KindEnterprise, e.ID))
		deleted, err := s.Enterprise(ctx, e.ID)
		must(t, err)
		must(t, l.Restore(ctx, app.KindEnterprise, e.ID))
		got := auditSince(t, s, app.KindEnterprise, e.ID, n)
		stampText := deleted.DeletedAt.UTC().Format(stampLayout)
		equal(t, "rows", changes(got), []change{
			{"deleted_at", "", stampText, "李四"},
			{"deleted_at", stampText, "", "李四"},
		})
	})

	t.Run("append-only", func(t *testing.T) {
		before := dump(t, s.db)
		for _, q := range []string{
			`UPDATE audit_log SET who = '张三'`,
			`UPDATE audit_log SET new_value = '' WHERE field = 'name'`,
			`DELETE FROM audit_log`,
			`DELETE FROM audit_log WHERE seq = 1`,
		} {
			if _, err := s.db.ExecContext(ctx, q); err == nil {
				t.Errorf("%s succeeded", q)
			}
		}
		if dump(t, s.db) != before {
			t.Error("the audit log changed")
		}
	})
}

// TestOptimisticUpdates edits two copies of the same record: the second save is refused with
// ErrConflict, the stored record is the first edit, the refused copy keeps what the user typed
// (with its Meta put back), and the edit goes through once applied to a fresh read.
func TestOptimisticUpdates(t *testing.T) {
	ctx := context.Background()
	f := newRecycleFixture(t)
	s, l := f.s, f.l
	tests := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"enterprise", func(t *testing.T) {
			optimistic(t, func() (app.Enterprise, error) { return s.Enterprise(ctx, f.enterprise.ID) },
				func(e *app.Enterprise) *app.Meta { return &e.Meta }, func(e *app.Enterprise) error { return l.SaveEnterprise(ctx, e) },
				func(e *app.Enterprise) { e.Website = "https://www.catl.com" }, func(e *app.Enterprise) { e.HQCity = "宁德市" })
		}},
		{"person", func(t *testing.T) {
			optimistic(t, func() (app.Person, error) { return s.Person(ctx, f.person.ID) },
				func(p *app.Person) *app.Meta { return &p.Meta }, func(p *app.Person) error { return l.SavePerson(ctx, p) },
				func(p *app.Person) { p.Title = "总经理" }, func(p *app.Person) { p.Phones = append(p.Phones, "0791-86661234") })
		}},
		{"chamber", func(t *testing.T) {
			optimistic(t, func() (app.Chamber, error) { return s.Chamber(ctx, f.chamber.ID) },
				func(c *app.Chamber) *app.Meta { return &c.Meta }, func(c *app.Chamber) error { return l.SaveChamber(ctx, c) },
				func(c *app.Chamber) { c.Notes = "年会在三月" }, func(c *app.Chamber) { c.City = "厦门市" })
		}},
		{"project", func(t *testing.T) {
			optimistic(t, func() (app.Project, error) { return s.Project(ctx, f.project.ID) },
				func(p *app.Project) *app.Meta { return &p.Meta }, func(p *app.Project) error { return l.UpdateProject(ctx, p) },
				func(p *app.Project) { p.Leader = "刘副主任" }, func(p *app.Project) { p.Unit = "招商一局"; p.Land = app.AreaFromMu(120.5) })
		}},
		{"task", func(t *testing.T) {
			optimistic(t, func() (app.Task, error) { return s.Task(ctx, f.tasks[0].ID) },
				func(x *app.Task) *app.Meta { return &x.Meta }, func(x *app.Task) error { return l.SaveTask(ctx, x) },
				func(x *app.Task) { x.Assignee = "小陈" }, func(x *app.Task) { x.DueOn = day("2026-04-15") })
		}},
		{"activity", func(t *testing.T) {
			optimistic(t, func() (app.Activity, error) { return s.Activity(ctx, f.activity.ID) },
				func(a *app.Activity) *app.Meta { return &a.Meta }, func(a *app.Activity) error { return l.SaveActivity(ctx, a) },
				func(a *app.Activity) { a.Place = "宁德" }, func(a *app.Activity) { a.NextStep = "邀请来赣考察" })
		}},
		{"arrival", func(t *testing.T) {
			optimistic(t, func() (app.Arrival, error) { return s.Arrival(ctx, f.arrival.ID) },
				func(a *app.Arrival) *app.Meta { return &a.Meta }, func(a *app.Arrival) error { return l.SaveArrival(ctx, a) },
				func(a *app.Arrival) { a.Note = "首笔" }, func(a *app.Arrival) { a.Amount = 6000 * app.Wan })
		}},
		{"fund", func(t *testing.T) {
			optimistic(t, func() (app.Fund, error) { return s.Fund(ctx, f.fund.ID) },
				func(x *app.Fund) *app.Meta { return &x.Meta }, func(x *app.Fund) error { return l.SaveFund(ctx, x) },
				func(x *app.Fund) { x.Notes = "2026年设立" }, func(x *app.Fund) { x.GovCommitment = 2 * app.Yi })
		}},
		{"fund investment", func(t *testing.T) {
			optimistic(t, func() (app.FundInvestment, error) { return s.FundInvestment(ctx, f.investment.ID) },
				func(v *app.FundInvestment) *app.Meta { return &v.Meta }, func(v *app.FundInvestment) error { return l.SaveFundInvestment(ctx, v) },
				func(v *app.FundInvestment) { v.CountsReason = "总部迁入" }, func(v *app.FundInvestment) { v.Amount = 3 * app.Yi })
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, tc.run)
	}
}

func optimistic[T any](t *testing.T, read func() (T, error), meta func(*T) *app.Meta, save func(*T) error, first, second func(*T)) {
	t.Helper()
	a, err := read()
	must(t, err)
	b, err := read()
	must(t, err)
	first(&a)
	must(t, save(&a))

	second(&b)
	typed := b
	err = save(&b)
	if !errors.Is(err, app.ErrConflict) {
		t.Fatalf("saving a stale copy: %v, want ErrConflict", err)
	}
	stored, err := read()
	must(t, err)
	equal(t, "stored record after the conflict (the first edit)", stored, a)
	equal(t, "the refused copy (what the user typed, Meta put back)", b, typed)
	if err := save(&b); !errors.Is(err, app.ErrConflict) {
		t.Errorf("saving the stale copy again: %v, want ErrConflict", err)
	}

	fresh, err := read()
	must(t, err)
	second(&fresh)
	must(t, save(&fresh))
	stored, err = read()
	must(t, err)
	equal(t, "stored record after re-reading and saving", stored, fresh)
	if meta(&stored).UpdatedAt.Equal(meta(&a).UpdatedAt) {
		t.Error("UpdatedAt did not move on the second save")
	}
}
