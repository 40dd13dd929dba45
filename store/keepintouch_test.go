package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"ganzhao/app"
)

// The ledger's clock in these tests reads 2026-03-12.

func TestPersonTierAndResidenceRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/ganzhao.db"
	s := openAt(t, path)
	applySeeds(t, s)
	l := newLedger(t, s)
	p := savePerson(t, l, app.Person{Name: "周建华", Tier: app.TierA, ResidenceCity: "深圳市"})
	s.Close()

	// Opened again: the migrations do not run twice and the fields are kept.
	s = openAt(t, path)
	got, err := s.Person(ctx, p.ID)
	must(t, err)
	if got.Tier != app.TierA || got.ResidenceCity != "深圳市" {
		t.Errorf("read back tier %q, city %q", got.Tier, got.ResidenceCity)
	}
	l = newLedger(t, s)
	got.Tier = "D"
	var ve *app.ValidationError
	if err := l.SavePerson(ctx, &got); !errors.As(err, &ve) || !strings.Contains(err.Error(), "联系等级") {
		t.Errorf("tier D saved: %v", err)
	}
	got.Tier = app.TierB
	must(t, l.SavePerson(ctx, &got))
	audit, err := s.Audit(ctx, app.KindPerson, p.ID)
	must(t, err)
	if !slices.ContainsFunc(audit, func(a app.AuditEntry) bool { return a.Field == "tier" && a.Old == "A" && a.New == "B" }) {
		t.Errorf("the tier change is not in the audit log: %+v", audit)
	}
}

func TestPersonContactsWithTiers(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	tiered := savePerson(t, l, app.Person{Name: "甲级", Tier: app.TierA})
	own := savePerson(t, l, app.Person{Name: "自定周期", Tier: app.TierC, CadenceDays: 10})
	savePerson(t, l, app.Person{Name: "无等级无周期"})
	saveActivity(t, l, app.Activity{Kind: "走访", Summary: "交流投资意向", On: day("2026-02-01"), PersonIDs: []string{tiered.ID, own.ID}})

	got, err := s.PersonContacts(ctx, day("2026-03-12"))
	must(t, err)
	slices.SortFunc(got, func(a, b app.PersonContact) int { return strings.Compare(a.Name, b.Name) })
	var names []string
	for _, p := range got {
		names = append(names, fmt.Sprintf("%s:%s:%d:%s", p.Name, p.Tier, p.CadenceDays, p.LastContact))
	}
	want := []string{"甲级:A:0:2026-02-01", "自定周期:C:10:2026-02-01"}
	slices.Sort(want)
	slices.Sort(names)
	equal(t, "people with a tier or a cadence", names, want)

	// The ledger's reminders: 甲级 is 39 days since the visit on a 30-day tier cadence, 自定周期
	// 39 days on its own 10; with A at 45 days in 设置, only 自定周期 is due.
	r, err := l.Reminders(ctx)
	must(t, err)
	if len(r.Contacts) != 2 {
		t.Fatalf("due contacts %+v, want both", r.Contacts)
	}
	st, err := s.Settings(ctx)
	must(t, err)
	st.TierCadence = map[app.Tier]int{app.TierA: 45}
	must(t, l.SaveSettings(ctx, st))
	r, err = l.Reminders(ctx)
	must(t, err)
	if len(r.Contacts) != 1 || r.Contacts[0].ID != own.ID {
		t.Errorf("with A every 45 days, due = %+v, want only 自定周期", r.Contacts)
	}
}

func TestSnoozesHideReminders(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	p := createProject(t, l, app.Project{Name: "锂电池项目", StageSince: day("2026-03-01")})
	late := saveTask(t, l, app.Task{ProjectID: p.ID, Title: "报送可研", DueOn: day("2026-03-01")})
	other := saveTask(t, l, app.Task{ProjectID: p.ID, Title: "对接银行", DueOn: day("2026-03-05")})
	person := savePerson(t, l, app.Person{Name: "周建华", CadenceDays: 30,
		Dates: []app.ImportantDate{{Label: "生日", Calendar: app.Lunar, Month: 2, Day: 1}}}) // 农历二月初一 2026 = 2026-03-19
	savePerson(t, l, app.Person{Name: "无日期"})

	dated, err := s.PeopleDates(ctx)
	must(t, err)
	if len(dated) != 1 || dated[0].ID != person.ID || len(dated[0].Dates) != 1 {
		t.Fatalf("people with dates = %+v", dated)
	}

	r, err := l.Reminders(ctx)
	must(t, err)
	if len(r.Tasks) != 2 || len(r.Contacts) != 1 || len(r.Dates) != 1 || r.Snoozed != 0 {
		t.Fatalf("before: %d tasks, %d contacts, %d dates, %d snoozed", len(r.Tasks), len(r.Contacts), len(r.Dates), r.Snoozed)
	}
	if u := r.Dates[0]; u.On != day("2026-03-19") || u.InDays != 7 {
		t.Errorf("upcoming date %+v, want 2026-03-19 in 7 days", u)
	}

	must(t, l.SnoozeReminder(ctx, app.TaskReminderKey(late.ID), 3))
	must(t, l.SnoozeReminder(ctx, app.ContactReminderKey(person.ID), 1))
	must(t, l.DismissDate(ctx, r.Dates[0]))
	r, err = l.Reminders(ctx)
	must(t, err)
	if len(r.Tasks) != 1 || r.Tasks[0].ID != other.ID || len(r.Contacts) != 0 || len(r.Dates) != 0 || r.Snoozed != 3 {
		t.Errorf("after: tasks %+v, %d contacts, %d dates, %d snoozed", r.Tasks, len(r.Contacts), len(r.Dates), r.Snoozed)
	}

	// Snoozed until 03-15 and 03-13; dismissed until the day after the date, 03-20.
	for _, tc := range []struct {
		after string
		keys  int
	}{{"2026-03-12", 3}, {"2026-03-13", 2}, {"2026-03-15", 1}, {"2026-03-20", 0}} {
		got, err := s.Snoozes(ctx, day(tc.after))
		must(t, err)
		if len(got) != tc.keys {
			t.Errorf("snoozes after %s: %d, want %d", tc.after, len(got), tc.keys)
		}
	}
	// A second snooze of the same reminder replaces the first.
	must(t, l.SnoozeReminder(ctx, app.TaskReminderKey(late.ID), 7))
	got, err := s.Snoozes(ctx, day("2026-03-12"))
	must(t, err)
	if sn := got[app.TaskReminderKey(late.ID)]; sn.Until != day("2026-03-19") || sn.Action != app.SnoozeLater {
		t.Errorf("replaced snooze = %+v", sn)
	}
	if err := l.SnoozeReminder(ctx, app.TaskReminderKey(late.ID), 0); err == nil {
		t.Error("a snooze of 0 days was accepted")
	}

	// 完成 of a task marks it done today.
	must(t, l.CompleteTask(ctx, other.ID))
	done, err := s.Task(ctx, other.ID)
	must(t, err)
	if !done.Done || done.DoneOn != day("2026-03-12") {
		t.Errorf("completed task = %+v", done)
	}
}

func TestRelationships(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	zhou := savePerson(t, l, app.Person{Name: "周建华", NativeProvince: "江西省", NativeCity: "吉安市", NativeCounty: "泰和县", AlmaMater: "南昌大学"})
	wu := savePerson(t, l, app.Person{Name: "吴海燕", NativeProvince: "江西省", NativeCity: "吉安市", NativeCounty: "泰和县"})
	li := savePerson(t, l, app.Person{Name: "李明", AlmaMater: "南昌大学", ServicePlace: "福州"})
	savePerson(t, l, app.Person{Name: "陈刚", NativeProvince: "江西省", NativeCity: "赣州市", NativeCounty: "泰和县"}) // the county's name in another city

	save := func(r app.Relationship) app.Relationship {
		t.Helper()
		must(t, l.SaveRelationship(ctx, &r))
		return r
	}
	hometown := save(app.Relationship{Kind: app.RelationHometown, FromID: wu.ID, ToID: zhou.ID})
	intro := save(app.Relationship{Kind: app.RelationIntroducer, FromID: zhou.ID, ToID: li.ID, Note: "2025年深圳恳谈会介绍"})
	save(app.Relationship{Kind: app.RelationAlumni, FromID: li.ID, ToID: zhou.ID})

	// The same symmetric relationship entered from the other side is a duplicate.
	dup := app.Relationship{Kind: app.RelationHometown, FromID: zhou.ID, ToID: wu.ID}
	if err := l.SaveRelationship(ctx, &dup); !strings.Contains(fmt.Sprint(err), "已有这条“同乡”关系") || dup.ID != "" {
		t.Errorf("duplicate: %v, id %q", err, dup.ID)
	}
	// The reverse 引荐人 is another relationship.
	save(app.Relationship{Kind: app.RelationIntroducer, FromID: li.ID, ToID: zhou.ID})

	relations := func(id string) []string {
		t.Helper()
		rs, err := s.RelationsOf(ctx, id)
		must(t, err)
		var out []string
		for _, r := range rs {
			out = append(out, r.Label()+":"+r.OtherName)
		}
		return out
	}
	equal(t, "周建华's relations", relations(zhou.ID), []string{"同乡:吴海燕", "引荐人:李明", "经其引荐:李明", "校友:李明"})
	equal(t, "李明's relations", relations(li.ID), []string{"引荐人:周建华", "经其引荐:周建华", "校友:周建华"})
	equal(t, "吴海燕's relations", relations(wu.ID), []string{"同乡:周建华"})

	// Removing goes to the recycle bin and can be undone; the audit log has both.
	must(t, l.Delete(ctx, app.KindRelationship, hometown.ID))
	equal(t, "吴海燕 after removal", relations(wu.ID), []string(nil))
	bin, err := s.RecycleBin(ctx)
	must(t, err)
	if !slices.ContainsFunc(bin, func(d app.DeletedRecord) bool {
		return d.Kind == app.KindRelationship && (d.Name == "周建华 同乡 吴海燕" || d.Name == "吴海燕 同乡 周建华")
	}) {
		t.Errorf("recycle bin %+v lacks the relationship", bin)
	}
	must(t, l.Restore(ctx, app.KindRelationship, hometown.ID))
	equal(t, "吴海燕 after restore", relations(wu.ID), []string{"同乡:周建华"})
	audit, err := s.Audit(ctx, app.KindRelationship, intro.ID)
	must(t, err)
	if !slices.ContainsFunc(audit, func(a app.AuditEntry) bool { return a.Field == "note" && a.New == "2025年深圳恳谈会介绍" }) {
		t.Errorf("audit of the 引荐人 link: %+v", audit)
	}

	// A person in the recycle bin drops out of the others' relations.
	must(t, l.Delete(ctx, app.KindPerson, li.ID))
	equal(t, "周建华 with 李明 deleted", relations(zhou.ID), []string{"同乡:吴海燕"})

	// Suggestions: same county in the same city, same school; 李明 is deleted, 陈刚's county is
	// in another city.
	must(t, l.Restore(ctx, app.KindPerson, li.ID))
	sugs, err := s.SuggestedRelations(ctx, zhou.ID, 10)
	must(t, err)
	var got []string
	for _, sg := range sugs {
		var names []string
		for _, p := range sg.People {
			names = append(names, p.Name)
		}
		got = append(got, fmt.Sprintf("%s(%s,%d):%s", sg.Kind, sg.Reason, sg.Total, strings.Join(names, ",")))
	}
	equal(t, "suggestions for 周建华", got, []string{"同乡(泰和县,1):吴海燕", "校友(南昌大学,1):李明"})
}
