package app

import (
	"fmt"
	"testing"
)

// remindToday is "today" in the reminder tests.
var remindToday = MustDate("2026-11-27")

func TestTaskOverdue(t *testing.T) {
	for _, tc := range []struct {
		due  string
		want bool
	}{
		{"", false},           // no due date: never overdue
		{"2026-11-27", false}, // due today: not yet
		{"2026-11-26", true},
		{"2025-01-01", true},
		{"2026-12-01", false},
	} {
		var due Date
		if tc.due != "" {
			due = MustDate(tc.due)
		}
		if got := TaskOverdue(due, remindToday); got != tc.want {
			t.Errorf("TaskOverdue(due %q) = %v, want %v", tc.due, got, tc.want)
		}
	}
}

func TestOverdueTasks(t *testing.T) {
	ts := []TaskDue{
		{ID: "1", Title: "报送可研", Assignee: "李文华", DueOn: MustDate("2026-11-20"), ProjectName: "甲"},
		{ID: "2", Title: "对接银行", Assignee: "王晓明", DueOn: MustDate("2026-10-01"), ProjectName: "乙"},
		{ID: "3", Title: "今天到期", Assignee: "李文华", DueOn: remindToday, ProjectName: "甲"},
		{ID: "4", Title: "无期限", Assignee: "李文华", ProjectName: "甲"},
		{ID: "5", Title: "签约仪式", Assignee: "李文华", DueOn: MustDate("2026-11-01"), ProjectName: "丙"},
	}
	for _, tc := range []struct {
		user string
		want []string // ID:days
	}{
		{"", []string{"2:57", "5:26", "1:7"}},
		{"李文华", []string{"5:26", "1:7"}},
		{"王晓明", []string{"2:57"}},
		{"无此人", nil},
	} {
		t.Run("user="+tc.user, func(t *testing.T) {
			var got []string
			for _, o := range OverdueTasks(ts, tc.user, remindToday) {
				got = append(got, fmt.Sprintf("%s:%d", o.ID, o.Days))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLastProgress(t *testing.T) {
	for _, tc := range []struct {
		name             string
		since, act, done string
		want             string
	}{
		{"stage change only", "2026-09-01", "", "", "2026-09-01"},
		{"activity later", "2026-09-01", "2026-10-05", "", "2026-10-05"},
		{"task done latest", "2026-09-01", "2026-10-05", "2026-11-01", "2026-11-01"},
		{"older facts do not count back", "2026-09-01", "2026-08-01", "2026-07-01", "2026-09-01"},
		{"no stage date", "", "2026-10-05", "", "2026-10-05"},
		{"nothing", "", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := ProjectProgress{StageSince: optDate(tc.since), LastActivity: optDate(tc.act), LastTaskDone: optDate(tc.done)}
			if got := p.LastProgress(); got != optDate(tc.want) {
				t.Errorf("LastProgress = %s, want %s", got, tc.want)
			}
		})
	}
}

func optDate(s string) Date {
	if s == "" {
		return Date{}
	}
	return MustDate(s)
}

func TestStaleProjects(t *testing.T) {
	// Default limits: 储备 45, 在谈 30, 签约 20 days without progress.
	limits := DefaultStaleDays()
	ps := []ProjectProgress{
		// 储备: 45 days exactly is not beyond the limit; 46 is.
		{ID: "r45", Name: "储备45天", Stage: StageReserve, StageSince: remindToday.AddDays(-45)},
		{ID: "r46", Name: "储备46天", Stage: StageReserve, StageSince: remindToday.AddDays(-46)},
		// 在谈 for 100 days, but visited 10 days ago: not stale.
		{ID: "n-visited", Name: "在谈有走访", Stage: StageNegotiating, StageSince: remindToday.AddDays(-100), LastActivity: remindToday.AddDays(-10)},
		// 在谈 for 100 days, a task done 31 days ago: stale by 1 day.
		{ID: "n-task", Name: "在谈有任务", Stage: StageNegotiating, StageSince: remindToday.AddDays(-100), LastTaskDone: remindToday.AddDays(-31)},
		// 签约 for 21 days: stale by 1.
		{ID: "s21", Name: "签约21天", Stage: StageSigned, StageSince: remindToday.AddDays(-21)},
		// 签约 for 80 days: stale by 60, listed first.
		{ID: "s80", Name: "签约80天", Stage: StageSigned, StageSince: remindToday.AddDays(-80)},
		// 开工 has no limit.
		{ID: "st", Name: "开工很久", Stage: StageStarted, StageSince: remindToday.AddDays(-900)},
		// No date at all: nothing to count from.
		{ID: "nodate", Name: "无日期", Stage: StageReserve},
	}
	var got []string
	for _, s := range StaleProjects(ps, limits, remindToday) {
		got = append(got, fmt.Sprintf("%s:%d/%d", s.ID, s.Days, s.Limit))
	}
	// The furthest beyond its limit first; equally far, the longest without progress first.
	want := []string{"s80:80/20", "r46:46/45", "n-task:31/30", "s21:21/20"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("stale = %v, want %v", got, want)
	}

	// Settings can switch a stage off (0) or add one.
	custom := map[Stage]int{StageReserve: 0, StageStarted: 365}
	got = nil
	for _, s := range StaleProjects(ps, custom, remindToday) {
		got = append(got, s.ID)
	}
	if fmt.Sprint(got) != "[st]" {
		t.Errorf("stale with custom limits = %v, want [st]", got)
	}
}

func TestStaleLimits(t *testing.T) {
	if got := StaleLimits(Settings{}); got[StageReserve] != 45 || got[StageNegotiating] != 30 || got[StageSigned] != 20 {
		t.Errorf("defaults = %v", got)
	}
	if got := StaleLimits(Settings{StaleDays: map[Stage]int{StageSigned: 10}}); len(got) != 1 || got[StageSigned] != 10 {
		t.Errorf("set limits = %v", got)
	}
}

func TestContactDue(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cadence int
		last    string
		want    bool
	}{
		{"no cadence", 0, "", false},
		{"no cadence, long ago", 0, "2020-01-01", false},
		{"never contacted", 30, "", true},
		{"exactly the cadence", 30, "2026-10-28", true}, // 30 days before 11-27
		{"a day short", 30, "2026-10-29", false},
		{"long overdue", 90, "2026-01-01", true},
		{"contacted today", 30, "2026-11-27", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := PersonContact{Name: "张三", CadenceDays: tc.cadence, LastContact: optDate(tc.last)}
			if got := ContactDue(p, remindToday); got != tc.want {
				t.Errorf("ContactDue = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDueContacts(t *testing.T) {
	ps := []PersonContact{
		{ID: "a", Name: "王五", CadenceDays: 30},                                         // never
		{ID: "b", Name: "李四", CadenceDays: 30, LastContact: remindToday.AddDays(-40)},  // 10 late
		{ID: "c", Name: "张三", CadenceDays: 90, LastContact: remindToday.AddDays(-200)}, // 110 late
		{ID: "d", Name: "赵六", CadenceDays: 60, LastContact: remindToday.AddDays(-59)},  // not due
		{ID: "e", Name: "陈七", CadenceDays: 60},                                         // never
		{ID: "f", Name: "刘八", CadenceDays: 60, LastContact: remindToday.AddDays(-60)},  // due today
	}
	var got []string
	for _, d := range DueContacts(ps, remindToday) {
		got = append(got, fmt.Sprintf("%s:%d:%v", d.ID, d.Days, d.Never()))
	}
	// Contacted before, the latest past cadence first; then never contacted, by name.
	want := []string{"c:200:false", "b:40:false", "f:60:false", "a:0:true", "e:0:true"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("due = %v, want %v", got, want)
	}
}
