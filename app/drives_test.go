package app

import (
	"reflect"
	"testing"
	"time"
)

func TestCampaignFilterMatches(t *testing.T) {
	ji := Person{Name: "吉安乡友", NativeCity: "吉安市", NativeCounty: "永丰县", Ties: []Tie{TieHometown}, Keeper: "李四",
		ResidenceCity: "深圳市", Tier: TierA,
		Memberships: []Membership{{ChamberID: "c1", Role: "会长"}}}
	gz := Person{Name: "赣州战友", NativeCity: "赣州市", Ties: []Tie{TieComrade, TieAlumni}}
	gone := ji
	gone.DeletedAt = &time.Time{}
	tests := []struct {
		name   string
		f      CampaignFilter
		person Person
		want   bool
	}{
		{"empty filter takes everyone", CampaignFilter{}, gz, true},
		{"tie", CampaignFilter{Ties: []Tie{TieHometown}}, ji, true},
		{"any of the ties", CampaignFilter{Ties: []Tie{TieHometown, TieAlumni}}, gz, true},
		{"no such tie", CampaignFilter{Ties: []Tie{TieHometown}}, gz, false},
		{"city without 市", CampaignFilter{NativeCity: "吉安"}, ji, true},
		{"city with 市", CampaignFilter{NativeCity: "吉安市"}, ji, true},
		{"other city", CampaignFilter{NativeCity: "吉安"}, gz, false},
		{"county", CampaignFilter{NativeCounty: "永丰"}, ji, true},
		{"chamber", CampaignFilter{ChamberID: "c1"}, ji, true},
		{"not in the chamber", CampaignFilter{ChamberID: "c1"}, gz, false},
		{"keeper", CampaignFilter{Keeper: "李四"}, ji, true},
		{"other keeper", CampaignFilter{Keeper: "张三"}, ji, false},
		{"living in 深圳", CampaignFilter{ResidenceCity: "深圳"}, ji, true},
		{"living elsewhere", CampaignFilter{ResidenceCity: "深圳"}, gz, false},
		{"tier", CampaignFilter{Tier: TierA}, ji, true},
		{"other tier", CampaignFilter{Tier: TierB}, ji, false},
		{"all 乡友 from 吉安 living in 深圳", CampaignFilter{Ties: []Tie{TieHometown}, NativeCity: "吉安", ResidenceCity: "深圳", ChamberID: "c1", Keeper: "李四", Tier: TierA}, ji, true},
		{"in the recycle bin", CampaignFilter{}, gone, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f.Matches(tc.person); got != tc.want {
				t.Fatalf("Matches = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestComputeCampaignProgress(t *testing.T) {
	tasks := []Task{
		{PersonID: "a", Done: true}, // reached: task done
		{PersonID: "b"},             // reached: contacted in the period
		{PersonID: "c"},             // not reached
		{PersonID: "c", Done: true}, // a second task of c, done: c reached, counted once
		{PersonID: "d"},             // not reached
		{Meta: Meta{DeletedAt: &time.Time{}}, PersonID: "e", Done: true}, // in the recycle bin
		{ProjectID: "p", Done: true},                                     // not a person's task
	}
	got := ComputeCampaignProgress(tasks, map[string]bool{"b": true, "z": true})
	if got.Total != 4 || got.Reached != 3 || !reflect.DeepEqual(got.ReachedIDs, map[string]bool{"a": true, "b": true, "c": true}) {
		t.Fatalf("progress = %+v, want 3 of 4 (a, b, c)", got)
	}
}

func TestCurrentTrip(t *testing.T) {
	trips := []Trip{
		{Meta: Meta{ID: "long"}, StartsOn: MustDate("2026-03-01"), EndsOn: MustDate("2026-03-31")},
		{Meta: Meta{ID: "short"}, StartsOn: MustDate("2026-03-10"), EndsOn: MustDate("2026-03-12")},
		{Meta: Meta{ID: "gone", DeletedAt: &time.Time{}}, StartsOn: MustDate("2026-03-11"), EndsOn: MustDate("2026-03-11")},
	}
	for day, want := range map[string]string{"2026-03-05": "long", "2026-03-11": "short", "2026-03-12": "short", "2026-04-01": ""} {
		if got := CurrentTrip(trips, MustDate(day)); got != want {
			t.Errorf("%s: %q, want %q", day, got, want)
		}
	}
}

func TestFollowUpTask(t *testing.T) {
	base := Activity{Meta: Meta{ID: "v"}, Kind: "走访", On: MustDate("2026-03-03"), Summary: "走访华强", NextStep: "寄送用地资料", NextDue: MustDate("2026-03-20")}
	withProject, withPerson, bare, noStep := base, base, base, base
	withProject.ProjectIDs, withProject.PersonIDs = []string{"p1", "p2"}, []string{"x"}
	withPerson.PersonIDs = []string{"x"}
	noStep.NextStep, noStep.PersonIDs = "", []string{"x"}
	tests := []struct {
		name            string
		a               Activity
		project, person string
		ok              bool
	}{
		{"project first", withProject, "p1", "", true},
		{"else the person", withPerson, "", "x", true},
		{"nothing linked", bare, "", "", false},
		{"no next step", noStep, "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task, ok := FollowUpTask(tc.a, "张三")
			if ok != tc.ok || task.ProjectID != tc.project || task.PersonID != tc.person {
				t.Fatalf("FollowUpTask = %+v %v", task, ok)
			}
			if ok && (task.Title != "寄送用地资料" || task.DueOn != MustDate("2026-03-20") || task.ActivityID != "v" || task.Assignee != "张三") {
				t.Fatalf("task = %+v", task)
			}
		})
	}
}
