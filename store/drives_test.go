package store

import (
	"context"
	"path/filepath"
	"testing"

	"ganzhao/app"
)

// TestDrivesRoundTrip saves an event, a trip with a visit, a campaign and a person's task and
// reads each back as saved, also from a reopened file.
func TestDrivesRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ganzhao.db")
	s := openAt(t, path)
	applySeeds(t, s)
	l := newLedger(t, s)

	ann := savePerson(t, l, app.Person{Name: "刘建国", NativeCity: "吉安市", Ties: []app.Tie{app.TieHometown, app.TieAlumni}})
	bo := savePerson(t, l, app.Person{Name: "王志军", Ties: []app.Tie{app.TieComrade}})
	pr := createProject(t, l, app.Project{Name: "电子信息产业园", TotalInvestment: 12 * app.Yi})
	ev := app.Event{Name: "2026年春节赣籍企业家恳谈会", Kind: app.EventTalks, On: day("2026-02-10"), Place: "深圳江西大厦",
		Level: app.LevelCity, Organiser: "市投资促进局", Notes: "第二场"}
	ev.Invite(bo.ID)
	ev.MarkAttended(ann.ID, true) // attending invites
	ev.Sign(pr.ID, 10*app.Yi)
	must(t, l.SaveEvent(ctx, &ev))

	trip := app.Trip{Destination: "深圳", StartsOn: day("2026-03-02"), EndsOn: day("2026-03-06"), Members: []string{"张三", "李四"}, Purpose: "拜访电子信息企业"}
	must(t, l.SaveTrip(ctx, &trip))
	visit := saveActivity(t, l, app.Activity{Kind: "走访", On: day("2026-03-03"), Summary: "走访华强", NextStep: "寄送用地资料",
		PersonIDs: []string{ann.ID}, TripID: trip.ID})
	saveActivity(t, l, app.Activity{Kind: "电话", On: day("2026-03-03"), Summary: "不在出差中的电话", PersonIDs: []string{bo.ID}})

	camp := app.Campaign{Name: "2026年中秋问候", Occasion: "中秋", StartsOn: day("2026-09-10"), EndsOn: day("2026-09-30"),
		Filter: app.CampaignFilter{Ties: []app.Tie{app.TieHometown}, NativeCity: "吉安"}, TaskTitle: "中秋问候", Assignee: "李四"}
	must(t, l.SaveCampaign(ctx, &camp))
	task := saveTask(t, l, app.Task{PersonID: ann.ID, CampaignID: camp.ID, ActivityID: visit.ID, Title: "中秋问候：刘建国", DueOn: day("2026-09-30")})

	check := func(t *testing.T, s *Store) {
		tests := []struct {
			name      string
			got, want func() (any, error)
		}{
			{"event", func() (any, error) { return s.Event(ctx, ev.ID) }, wrap(ev)},
			{"event in a list", func() (any, error) { return first(s.Events(ctx, app.EventFilter{PersonID: bo.ID})) }, wrap(ev)},
			{"trip", func() (any, error) { return s.Trip(ctx, trip.ID) }, wrap(trip)},
			{"trip in a list", func() (any, error) { return first(s.Trips(ctx)) }, wrap(trip)},
			{"trip's visits", func() (any, error) { return first(s.TripActivities(ctx, trip.ID)) }, wrap(visit)},
			{"campaign", func() (any, error) { return s.Campaign(ctx, camp.ID) }, wrap(camp)},
			{"campaign in a list", func() (any, error) { return first(s.Campaigns(ctx)) }, wrap(camp)},
			{"person's task", func() (any, error) { return s.Task(ctx, task.ID) }, wrap(task)},
			{"campaign's task", func() (any, error) { return first(s.CampaignTasks(ctx, camp.ID)) }, wrap(task)},
			{"task made from the visit", func() (any, error) { return s.TasksFromActivities(ctx, []string{visit.ID, app.NewID()}) },
				wrap(map[string]bool{visit.ID: true})},
			{"task row names the person", func() (any, error) {
				rows, err := s.TaskRows(ctx, app.TaskFilter{})
				if err != nil || len(rows) != 1 {
					return rows, err
				}
				return rows[0].PersonName + "|" + rows[0].ProjectName, nil
			}, wrap("刘建国|")},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := tc.got()
				must(t, err)
				want, _ := tc.want()
				equal(t, tc.name, got, want)
			})
		}
	}
	check(t, s)
	s.Close()
	t.Run("reopened", func(t *testing.T) { check(t, openAt(t, path)) })
}

// TestEventLinksAndRecycleBin checks that a guest or project in the recycle bin drops out of
// an event and comes back with its link on restore, even across a save of the event, and that
// an event goes to the recycle bin and back.
func TestEventLinksAndRecycleBin(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	ann := savePerson(t, l, app.Person{Name: "刘建国", Ties: []app.Tie{app.TieHometown}})
	bo := savePerson(t, l, app.Person{Name: "王志军", Ties: []app.Tie{app.TieComrade}})
	pr := createProject(t, l, app.Project{Name: "电子信息产业园"})
	ev := app.Event{Name: "团拜会", Kind: app.EventNewYear, On: day("2026-01-20")}
	ev.MarkAttended(ann.ID, true)
	ev.Invite(bo.ID)
	ev.Sign(pr.ID, 3*app.Yi)
	must(t, l.SaveEvent(ctx, &ev))

	must(t, l.Delete(ctx, app.KindPerson, ann.ID))
	must(t, l.Delete(ctx, app.KindProject, pr.ID))
	got, err := s.Event(ctx, ev.ID)
	must(t, err)
	equal(t, "guests while 刘建国 is in the bin", got.Guests, []app.Guest{{PersonID: bo.ID}})
	equal(t, "signings while the project is in the bin", len(got.Signings), 0)
	got.Notes = "改了备注"
	must(t, l.SaveEvent(ctx, &got)) // a save that did not see the hidden links keeps them

	must(t, l.Restore(ctx, app.KindPerson, ann.ID))
	must(t, l.Restore(ctx, app.KindProject, pr.ID))
	got, err = s.Event(ctx, ev.ID)
	must(t, err)
	equal(t, "guests restored", got.Guests, []app.Guest{{PersonID: ann.ID, Attended: true}, {PersonID: bo.ID}})
	equal(t, "signing restored", got.Signings, []app.EventSigning{{ProjectID: pr.ID, Amount: 3 * app.Yi}})

	must(t, l.Delete(ctx, app.KindEvent, ev.ID))
	list, err := s.Events(ctx, app.EventFilter{})
	must(t, err)
	equal(t, "events while in the bin", len(list), 0)
	bin, err := s.RecycleBin(ctx)
	must(t, err)
	if len(bin) == 0 || bin[0].Kind != app.KindEvent || bin[0].Name != "2026-01-20 团拜会" {
		t.Fatalf("recycle bin = %+v, want the event first", bin)
	}
	must(t, l.Restore(ctx, app.KindEvent, ev.ID))
	audit, err := s.Audit(ctx, app.KindEvent, ev.ID)
	must(t, err)
	fields := map[string]bool{}
	for _, a := range audit {
		fields[a.Field] = true
	}
	for _, f := range []string{"name", "guests", "signings", "notes", "deleted_at"} {
		if !fields[f] {
			t.Errorf("audit log of the event has no %q entry: %+v", f, audit)
		}
	}
}

// TestTasksWithoutProject checks the rules of the rebuilt tasks table: a task needs a project
// or a person, and a person's task leaves the lists while the person is in the recycle bin.
func TestTasksWithoutProject(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	ann := savePerson(t, l, app.Person{Name: "刘建国"})
	saveTask(t, l, app.Task{PersonID: ann.ID, Title: "春节问候", DueOn: day("2026-01-01")})

	err := l.SaveTask(ctx, &app.Task{Title: "无主任务"})
	if app.FieldProblems(err) == nil {
		t.Fatalf("a task with neither project nor person saved: %v", err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO tasks (id, title, created_at, updated_at) VALUES ('x', 'y', '', '')`)
	if err == nil {
		t.Fatal("the table accepted a task with neither project nor person")
	}
	for name, n := range map[string]func() int{
		"tasks":   func() int { ts, err := s.Tasks(ctx, app.TaskFilter{}); must(t, err); return len(ts) },
		"rows":    func() int { ts, err := s.TaskRows(ctx, app.TaskFilter{}); must(t, err); return len(ts) },
		"overdue": func() int { ts, err := s.OpenTasksDueBefore(ctx, day("2026-03-12"), ""); must(t, err); return len(ts) },
	} {
		equal(t, name+" with the person live", n(), 1)
		must(t, l.Delete(ctx, app.KindPerson, ann.ID))
		equal(t, name+" with the person in the bin", n(), 0)
		must(t, l.Restore(ctx, app.KindPerson, ann.ID))
	}
}

// TestCampaignTasksAndProgress generates a campaign's tasks in one step, generates again
// without repeating any, and counts the people reached by a done task or a visit in the period.
func TestCampaignTasksAndProgress(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	ji1 := savePerson(t, l, app.Person{Name: "吉安甲", NativeCity: "吉安市", ResidenceCity: "深圳市", Ties: []app.Tie{app.TieHometown}, Keeper: "李四"})
	ji2 := savePerson(t, l, app.Person{Name: "吉安乙", NativeCity: "吉安", ResidenceCity: "深圳", Ties: []app.Tie{app.TieHometown, app.TieAlumni}})
	savePerson(t, l, app.Person{Name: "吉安丙", NativeCity: "吉安市", ResidenceCity: "上海市", Ties: []app.Tie{app.TieHometown}})
	savePerson(t, l, app.Person{Name: "赣州丁", NativeCity: "赣州市", ResidenceCity: "深圳市", Ties: []app.Tie{app.TieHometown}})
	camp := app.Campaign{Name: "2026年中秋问候", Occasion: "中秋", StartsOn: day("2026-03-01"), EndsOn: day("2026-03-31"),
		Filter: app.CampaignFilter{Ties: []app.Tie{app.TieHometown}, NativeCity: "吉安", ResidenceCity: "深圳"}, TaskTitle: "中秋问候"}
	must(t, l.SaveCampaign(ctx, &camp))

	n, err := l.GenerateCampaignTasks(ctx, camp.ID)
	must(t, err)
	equal(t, "tasks created", n, 2)
	tasks, err := s.CampaignTasks(ctx, camp.ID)
	must(t, err)
	got := map[string]string{}
	for _, tk := range tasks {
		got[tk.PersonID] = tk.Title + "|" + tk.Assignee + "|" + tk.DueOn.String()
	}
	equal(t, "tasks", got, map[string]string{
		ji1.ID: "中秋问候：吉安甲|李四|2026-03-31", // the keeper takes it when the campaign names no assignee
		ji2.ID: "中秋问候：吉安乙||2026-03-31",
	})
	n, err = l.GenerateCampaignTasks(ctx, camp.ID)
	must(t, err)
	equal(t, "tasks created the second time", n, 0)

	pr, err := l.CampaignProgress(ctx, camp)
	must(t, err)
	equal(t, "reached before any contact", [2]int{pr.Reached, pr.Total}, [2]int{0, 2})
	saveActivity(t, l, app.Activity{Kind: "电话", On: day("2026-02-28"), Summary: "期前的电话", PersonIDs: []string{ji1.ID}})
	saveActivity(t, l, app.Activity{Kind: "电话", On: day("2026-03-05"), Summary: "中秋问候", PersonIDs: []string{ji2.ID}})
	pr, err = l.CampaignProgress(ctx, camp)
	must(t, err)
	equal(t, "reached by a call in the period", [2]int{pr.Reached, pr.Total}, [2]int{1, 2})
	for _, tk := range tasks {
		if tk.PersonID == ji1.ID {
			tk.Done = true
			must(t, l.SaveTask(ctx, &tk))
		}
	}
	pr, err = l.CampaignProgress(ctx, camp)
	must(t, err)
	equal(t, "reached by a done task", [2]int{pr.Reached, pr.Total}, [2]int{2, 2})
}

// TestTripFollowUps makes a task from each visit's next step once.
func TestTripFollowUps(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	ann := savePerson(t, l, app.Person{Name: "刘建国"})
	pr := createProject(t, l, app.Project{Name: "电子信息产业园"})
	trip := app.Trip{Destination: "深圳", StartsOn: day("2026-03-02"), EndsOn: day("2026-03-06"), Members: []string{"张三"}}
	must(t, l.SaveTrip(ctx, &trip))
	saveActivity(t, l, app.Activity{Kind: "走访", On: day("2026-03-03"), Summary: "走访", NextStep: "寄送资料", NextDue: day("2026-03-20"),
		By: "张三、李四", ProjectIDs: []string{pr.ID}, TripID: trip.ID})
	saveActivity(t, l, app.Activity{Kind: "走访", On: day("2026-03-04"), Summary: "拜访", NextStep: "约回访", PersonIDs: []string{ann.ID}, TripID: trip.ID})
	saveActivity(t, l, app.Activity{Kind: "走访", On: day("2026-03-04"), Summary: "无下步", PersonIDs: []string{ann.ID}, TripID: trip.ID})
	saveActivity(t, l, app.Activity{Kind: "考察", On: day("2026-03-05"), Summary: "只看了园区", NextStep: "整理笔记", TripID: trip.ID})

	created, skipped, err := l.TripFollowUps(ctx, trip.ID)
	must(t, err)
	equal(t, "created, skipped", [2]int{created, skipped}, [2]int{2, 1})
	created, _, err = l.TripFollowUps(ctx, trip.ID)
	must(t, err)
	equal(t, "created the second time", created, 0)
	rows, err := s.TaskRows(ctx, app.TaskFilter{})
	must(t, err)
	var got []string
	for _, r := range rows {
		got = append(got, r.Title+"|"+r.Assignee+"|"+r.ProjectName+r.PersonName)
	}
	equal(t, "tasks", got, []string{"寄送资料|张三|电子信息产业园", "约回访||刘建国"})
}
