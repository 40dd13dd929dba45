package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// simEvent is one backup of a simulated calendar: on the day, at hour, for reason.
type simEvent struct {
	day    time.Time
	hour   int
	reason string
}

// simulate writes each event's backup in order and prunes after each with the default policy,
// protecting the one just written, as BackupBefore does. It returns the survivors, newest
// first, as "2006-01-02 15 reason kind".
func simulate(t *testing.T, events []simEvent) []string {
	t.Helper()
	var folder []BackupInfo
	var now time.Time
	for _, e := range events {
		now = time.Date(e.day.Year(), e.day.Month(), e.day.Day(), e.hour, 0, 0, 0, time.Local)
		b := BackupInfo{Path: backupFileName(now, e.reason, 1, false), At: now, Reason: e.reason}
		folder = append(folder, b)
		keep, drop := DefaultRetention().Apply(folder, now, b.Path)
		if slices.ContainsFunc(drop, func(d BackupInfo) bool { return d.Path == b.Path }) {
			t.Fatalf("%s: the backup just written was dropped", b.Path)
		}
		if len(keep)+len(drop) != len(folder) {
			t.Fatalf("%s: kept %d + dropped %d of %d", b.Path, len(keep), len(drop), len(folder))
		}
		folder = keep
	}
	// Pruning step by step keeps what one pass over every backup ever written keeps: a
	// backup dropped on the way would never have been wanted later.
	var all []BackupInfo
	for _, e := range events {
		at := time.Date(e.day.Year(), e.day.Month(), e.day.Day(), e.hour, 0, 0, 0, time.Local)
		all = append(all, BackupInfo{Path: backupFileName(at, e.reason, 1, false), At: at, Reason: e.reason})
	}
	once, _ := DefaultRetention().Apply(all, now, "")
	if !slices.EqualFunc(once, folder, func(a, b BackupInfo) bool { return a.Path == b.Path && a.Kind == b.Kind }) {
		t.Errorf("pruning after each backup kept %d, one pass keeps %d", len(folder), len(once))
	}
	out := make([]string, len(folder))
	for i, b := range folder {
		out[i] = fmt.Sprintf("%s %02d %s %s", b.At.Format("2006-01-02"), b.At.Hour(), b.Reason, b.Kind)
	}
	return out
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.Local) }

// days returns one event a day from from to to inclusive, at hour, for reason, on the days
// keep accepts (every day when nil), by the day's index from from.
func days(from, to time.Time, hour int, reason string, keep func(i int) bool) []simEvent {
	var out []simEvent
	for i, d := 0, from; !d.After(to); i, d = i+1, d.AddDate(0, 0, 1) {
		if keep == nil || keep(i) {
			out = append(out, simEvent{d, hour, reason})
		}
	}
	return out
}

// byTime orders the events of a calendar as they happen.
func byTime(evs ...[]simEvent) []simEvent {
	all := slices.Concat(evs...)
	slices.SortStableFunc(all, func(a, b simEvent) int {
		return time.Date(a.day.Year(), a.day.Month(), a.day.Day(), a.hour, 0, 0, 0, time.Local).Compare(
			time.Date(b.day.Year(), b.day.Month(), b.day.Day(), b.hour, 0, 0, 0, time.Local))
	})
	return all
}

func TestRetentionOnSimulatedCalendar(t *testing.T) {
	start, end := date(2025, time.January, 1), date(2026, time.February, 4) // 400 days
	tests := []struct {
		name   string
		events []simEvent
		want   []string
	}{
		{
			name: "400 days of daily starts, an import every tenth day, one manual backup",
			events: byTime(
				days(start, end, 9, ReasonDaily, nil),
				days(start, end, 14, "导入前", func(i int) bool { return i%10 == 3 }),
				[]simEvent{{date(2025, time.April, 11), 16, ReasonManual}},
			),
			// The last 7 days (29 Jan – 4 Feb); the newest of the ISO weeks 4 and 3 (the
			// Sundays 25 and 18 Jan; weeks 6 and 5 are covered by 4 Feb and 1 Feb); the last
			// day of each month from March 2025 to December 2025 (January and February are
			// covered by 31 Jan and 4 Feb); the imports younger than 30 days; the manual one.
			want: []string{
				"2026-02-04 09 每日 每日", "2026-02-03 09 每日 每日", "2026-02-02 09 每日 每日", "2026-02-01 09 每日 每日",
				"2026-01-31 09 每日 每日", "2026-01-30 09 每日 每日",
				"2026-01-29 14 导入前 操作前", "2026-01-29 09 每日 每日",
				"2026-01-25 09 每日 每周", "2026-01-19 14 导入前 操作前", "2026-01-18 09 每日 每周", "2026-01-09 14 导入前 操作前",
				"2025-12-31 09 每日 每月", "2025-11-30 09 每日 每月", "2025-10-31 09 每日 每月", "2025-09-30 09 每日 每月",
				"2025-08-31 09 每日 每月", "2025-07-31 09 每日 每月", "2025-06-30 09 每日 每月", "2025-05-31 09 每日 每月",
				"2025-04-30 09 每日 每月", "2025-04-11 16 手动 手动", "2025-03-31 09 每日 每月",
			},
		},
		{
			name: "three weeks of starts, seven weeks away, three more days",
			events: byTime(
				days(date(2025, time.June, 1), date(2025, time.June, 20), 8, ReasonDaily, nil),
				days(date(2025, time.August, 10), date(2025, time.August, 12), 8, ReasonDaily, nil),
				[]simEvent{{date(2025, time.June, 19), 15, "批量删除前"}, {date(2025, time.August, 11), 15, "恢复前"}},
			),
			// The last 7 days that have a backup span the gap; 15 June (a Sunday) is the newest
			// of ISO week 24; the months are covered by 12 Aug and 20 June. The bulk delete of
			// 19 June is older than 30 days.
			want: []string{
				"2025-08-12 08 每日 每日", "2025-08-11 15 恢复前 操作前", "2025-08-11 08 每日 每日", "2025-08-10 08 每日 每日",
				"2025-06-20 08 每日 每日", "2025-06-19 08 每日 每日", "2025-06-18 08 每日 每日", "2025-06-17 08 每日 每日",
				"2025-06-15 08 每日 每周",
			},
		},
		{
			name:   "weekdays only for five weeks",
			events: days(date(2025, time.March, 3), date(2025, time.April, 4), 9, ReasonDaily, func(i int) bool { return i%7 < 5 }),
			// Monday 3 March to Friday 4 April: the last 7 weekdays; the Fridays of ISO weeks
			// 12 and 11 (weeks 14 and 13 are covered by the daily ones); the months by 4 April
			// and 31 March.
			want: []string{
				"2025-04-04 09 每日 每日", "2025-04-03 09 每日 每日", "2025-04-02 09 每日 每日", "2025-04-01 09 每日 每日",
				"2025-03-31 09 每日 每日", "2025-03-28 09 每日 每日", "2025-03-27 09 每日 每日",
				"2025-03-21 09 每日 每周", "2025-03-14 09 每日 每周",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := simulate(t, tc.events)
			if !slices.Equal(got, tc.want) {
				t.Errorf("survivors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestRetentionProtectsTheNewBackup(t *testing.T) {
	now := time.Date(2026, time.March, 1, 10, 0, 0, 0, time.Local)
	// A clock set back makes the backup just written look 40 days old.
	old := BackupInfo{Path: "a", At: now.AddDate(0, 0, -40), Reason: "导入前"}
	older := BackupInfo{Path: "b", At: now.AddDate(0, 0, -41), Reason: "导入前"}
	keep, drop := DefaultRetention().Apply([]BackupInfo{older, old}, now, "a")
	if len(keep) != 1 || keep[0].Path != "a" || len(drop) != 1 || drop[0].Path != "b" {
		t.Errorf("keep %v, drop %v", keep, drop)
	}
}

func TestBackupNames(t *testing.T) {
	at := time.Date(2026, time.March, 12, 15, 30, 12, 0, time.Local)
	tests := []struct {
		name      string
		reason    string
		n         int
		encrypted bool
		file      string
	}{
		{"manual", ReasonManual, 1, false, "ganzhao-20260312-153012-手动.db"},
		{"second in a second", "导入前", 2, false, "ganzhao-20260312-153012-导入前(2).db"},
		{"encrypted", ReasonManual, 1, true, "ganzhao-20260312-153012-手动.db.age"},
		{"reason with a hyphen", "合并-企业前", 1, false, "ganzhao-20260312-153012-合并-企业前.db"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := backupFileName(at, tc.reason, tc.n, tc.encrypted)
			if file != tc.file {
				t.Fatalf("name %s, want %s", file, tc.file)
			}
			gotAt, reason, seq, enc, ok := parseBackupName(file)
			if !ok || !gotAt.Equal(at) || reason != tc.reason || seq != tc.n || enc != tc.encrypted {
				t.Errorf("parse %s = %v %q %d %v %v", file, gotAt, reason, seq, enc, ok)
			}
		})
	}
	for _, other := range []string{"ganzhao.db", "ganzhao-2026-03-12.db", "notes-20260312-153012-手动.db",
		"ganzhao-20260312-153012-.db", "ganzhao-20260312-153012-手动.db.tmp", "ganzhao-20261312-153012-手动.db"} {
		if _, _, _, _, ok := parseBackupName(other); ok {
			t.Errorf("%s taken for a backup of ours", other)
		}
	}
}
