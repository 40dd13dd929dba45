package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The 工作台's reminders: overdue tasks, projects without progress for too long, and people due
// for contact by their cadence. The rules are pure functions over small facts the store reads
// in a few grouped queries, so they are tested on fixed dates without a database.

// TaskDue is an open task as the reminders list it, with its project's name.
type TaskDue struct {
	ID          string
	Title       string
	Assignee    string
	DueOn       Date
	ProjectID   string
	ProjectName string
}

// OverdueTask is an open task past its due date.
type OverdueTask struct {
	TaskDue
	Days int // days past the due date, at least 1
}

// TaskOverdue reports whether an open task due on due is overdue today: its due date is set
// and lies before today (a task due today is not yet overdue).
func TaskOverdue(due, today Date) bool { return !due.IsZero() && due.Before(today) }

// OverdueTasks returns the open tasks past due, of the given assignee or of everyone when
// assignee is "", the longest overdue first.
func OverdueTasks(ts []TaskDue, assignee string, today Date) []OverdueTask {
	var out []OverdueTask
	for _, t := range ts {
		if !TaskOverdue(t.DueOn, today) || (assignee != "" && t.Assignee != assignee) {
			continue
		}
		out = append(out, OverdueTask{TaskDue: t, Days: today.DaysSince(t.DueOn)})
	}
	slices.SortFunc(out, func(a, b OverdueTask) int {
		return cmp.Or(cmp.Compare(b.Days, a.Days), cmp.Compare(a.ProjectName, b.ProjectName), cmp.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// ProjectProgress is what the stale-project rule needs to know of a live project: when it
// last changed stage, and its latest linked activity and latest task done up to today.
type ProjectProgress struct {
	ID           string
	Name         string
	Stage        Stage
	StageSince   Date
	LastActivity Date // zero when no activity is linked to it
	LastTaskDone Date // zero when none of its tasks is done
}

// LastProgress is the project's latest progress: the latest of its stage change, an activity
// linked to it and a task of it done.
func (p ProjectProgress) LastProgress() Date {
	last := p.StageSince
	for _, d := range []Date{p.LastActivity, p.LastTaskDone} {
		if d.After(last) {
			last = d
		}
	}
	return last
}

// StaleProject is a project without progress for longer than its stage allows.
type StaleProject struct {
	ProjectProgress
	Since Date // the last progress
	Days  int  // days since the last progress
	Limit int  // the stage's limit in days
}

// StaleLimits returns the days without progress allowed per stage: the settings' values, or
// the defaults (储备 45, 在谈 30, 签约 20) when none are set. A stage with no limit, or a limit of
// 0, is never flagged.
func StaleLimits(s Settings) map[Stage]int {
	if len(s.StaleDays) == 0 {
		return DefaultStaleDays()
	}
	return s.StaleDays
}

// StaleProjects returns the projects whose days since their last progress exceed their
// stage's limit, the furthest beyond it first. A project with no date at all is skipped: there
// is nothing to count from.
func StaleProjects(ps []ProjectProgress, limits map[Stage]int, today Date) []StaleProject {
	var out []StaleProject
	for _, p := range ps {
		limit := limits[p.Stage]
		since := p.LastProgress()
		if limit <= 0 || since.IsZero() {
			continue
		}
		if days := today.DaysSince(since); days > limit {
			out = append(out, StaleProject{ProjectProgress: p, Since: since, Days: days, Limit: limit})
		}
	}
	slices.SortFunc(out, func(a, b StaleProject) int {
		return cmp.Or(cmp.Compare(b.Days-b.Limit, a.Days-a.Limit), cmp.Compare(b.Days, a.Days), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// PersonContact is what the contact-cadence rule needs to know of a live person.
type PersonContact struct {
	ID          string
	Name        string
	Keeper      string
	Tier        Tier
	CadenceDays int  // contact at least every N days; 0 = no cadence
	LastContact Date // the latest activity linked to the person up to today; zero = never
}

// WithTierCadence gives the people without a cadence of their own their tier's, in place.
func WithTierCadence(ps []PersonContact, tiers map[Tier]int) {
	for i := range ps {
		ps[i].CadenceDays = Cadence(ps[i].CadenceDays, ps[i].Tier, tiers)
	}
}

// DueContact is a person due for contact.
type DueContact struct {
	PersonContact
	Days int // days since the last contact; 0 when never contacted
}

// Never reports whether the person was never contacted.
func (d DueContact) Never() bool { return d.LastContact.IsZero() }

// ContactDue reports whether a person with a cadence is due for contact today: never
// contacted, or contacted cadence days ago or longer.
func ContactDue(p PersonContact, today Date) bool {
	st := ContactStatusOf(p.CadenceDays, p.LastContact, today).State
	return st == ContactLate || st == ContactNever
}

// DueContacts returns the people due for contact: those contacted before, the longest past
// their cadence first, then those never contacted, by name.
func DueContacts(ps []PersonContact, today Date) []DueContact {
	var out []DueContact
	for _, p := range ps {
		if !ContactDue(p, today) {
			continue
		}
		d := DueContact{PersonContact: p}
		if !p.LastContact.IsZero() {
			d.Days = today.DaysSince(p.LastContact)
		}
		out = append(out, d)
	}
	late := func(d DueContact) int { return d.Days - d.CadenceDays }
	slices.SortFunc(out, func(a, b DueContact) int {
		if a.Never() != b.Never() {
			if a.Never() {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(late(b), late(a)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// Reminders are the 工作台's lists as of a day.
type Reminders struct {
	Today Date
	// User is the settings' user name whose tasks are listed; "" when none is set, and then the
	// overdue tasks of everyone are listed.
	User     string
	Tasks    []OverdueTask
	Stale    []StaleProject
	Contacts []DueContact
	Dates    []UpcomingDate
	// DateDays is how many days ahead Dates looks.
	DateDays int
	// Snoozed is how many reminders are hidden because they were put off or dismissed.
	Snoozed int
}

// Empty reports whether there is nothing to remind of.
func (r Reminders) Empty() bool {
	return len(r.Tasks)+len(r.Stale)+len(r.Contacts)+len(r.Dates) == 0
}

// Summary is the one line a desktop notification says: "3 项逾期任务，2 位快要失联……"; "" when
// there is nothing to remind of.
func (r Reminders) Summary() string {
	var parts []string
	for _, p := range []struct {
		n    int
		text string
	}{{len(r.Tasks), "%d 项逾期任务"}, {len(r.Stale), "%d 个项目久无进展"}, {len(r.Contacts), "%d 位快要失联"}, {len(r.Dates), "%d 个重要日期临近"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf(p.text, p.n))
		}
	}
	return strings.Join(parts, "，")
}

// unsnoozed keeps the items whose reminder is not put off, counting the others in hidden.
func unsnoozed[T any](items []T, key func(T) string, snoozed map[string]Snooze, hidden *int) []T {
	var out []T
	for _, it := range items {
		if _, ok := snoozed[key(it)]; ok {
			*hidden++
			continue
		}
		out = append(out, it)
	}
	return out
}

// Reminders computes the 工作台's reminders as of today.
func (l *Ledger) Reminders(ctx context.Context) (Reminders, error) {
	today := l.Today()
	st, err := l.store.Settings(ctx)
	if err != nil {
		return Reminders{}, err
	}
	r := Reminders{Today: today, User: CleanText(st.UserName), DateDays: UpcomingDaysOf(st)}
	snoozed, err := l.store.Snoozes(ctx, today)
	if err != nil {
		return r, err
	}
	tasks, err := l.store.OpenTasksDueBefore(ctx, today, r.User)
	if err != nil {
		return r, err
	}
	r.Tasks = unsnoozed(OverdueTasks(tasks, r.User, today), func(t OverdueTask) string { return TaskReminderKey(t.ID) }, snoozed, &r.Snoozed)

	limits := StaleLimits(st)
	var stages []Stage
	for _, s := range Stages {
		if limits[s] > 0 {
			stages = append(stages, s)
		}
	}
	if len(stages) > 0 {
		ps, err := l.store.ProjectProgress(ctx, stages, today)
		if err != nil {
			return r, err
		}
		r.Stale = unsnoozed(StaleProjects(ps, limits, today), func(p StaleProject) string { return ProjectReminderKey(p.ID) }, snoozed, &r.Snoozed)
	}

	people, err := l.store.PersonContacts(ctx, today)
	if err != nil {
		return r, err
	}
	WithTierCadence(people, TierCadences(st))
	r.Contacts = unsnoozed(DueContacts(people, today), func(c DueContact) string { return ContactReminderKey(c.ID) }, snoozed, &r.Snoozed)

	dated, err := l.store.PeopleDates(ctx)
	if err != nil {
		return r, err
	}
	r.Dates = unsnoozed(UpcomingDates(dated, today, r.DateDays), UpcomingDate.Key, snoozed, &r.Snoozed)
	return r, nil
}

// SnoozeReminder puts a reminder off for days days (稍后提醒): it comes back on that day.
func (l *Ledger) SnoozeReminder(ctx context.Context, key string, days int) error {
	if days < 1 || days > 366 {
		return fmt.Errorf("稍后提醒的天数应在1到366之间，不能是%d", days)
	}
	return l.saveSnooze(ctx, Snooze{Key: key, Until: l.Today().AddDays(days), Action: SnoozeLater})
}

// DismissDate marks an upcoming important date as taken care of: it is not shown again until
// its next occurrence, a year on.
func (l *Ledger) DismissDate(ctx context.Context, u UpcomingDate) error {
	return l.saveSnooze(ctx, Snooze{Key: u.Key(), Until: u.On.AddDays(1), Action: SnoozeDone})
}

func (l *Ledger) saveSnooze(ctx context.Context, s Snooze) error {
	if s.Key == "" {
		return fmt.Errorf("提醒没有名称，无法暂缓")
	}
	s.UpdatedAt, s.UpdatedBy = l.stampTime(time.Time{}), l.User()
	if err := l.store.SaveSnooze(ctx, s); err != nil {
		return err
	}
	l.notify(Change{Kind: KindReminder})
	return nil
}

// CompleteTask marks an open task done today.
func (l *Ledger) CompleteTask(ctx context.Context, id string) error {
	t, err := l.store.Task(ctx, id)
	if err != nil {
		return err
	}
	if t.Done {
		return nil
	}
	t.Done, t.DoneOn = true, l.Today()
	return l.SaveTask(ctx, &t)
}
