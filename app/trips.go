package app

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"ganzhao/app/export"
)

// Trip is a business trip or a stay of a resident team (出差/驻点): where, when, who went and
// why. The visits logged during it (activities with its TripID) make its report.
type Trip struct {
	Meta
	Destination string   `json:"destination"`
	StartsOn    Date     `json:"starts_on"`
	EndsOn      Date     `json:"ends_on"`
	Members     []string `json:"members"` // the team members' names
	Purpose     string   `json:"purpose"`
	Notes       string   `json:"notes"`
}

// Label names a trip for pickers and titles: "深圳 2026-03-02—03-06".
func (t Trip) Label() string {
	return fmt.Sprintf("%s %s—%s", t.Destination, t.StartsOn, t.EndsOn.String())
}

// Covers reports whether a day falls within the trip.
func (t Trip) Covers(d Date) bool { return !t.StartsOn.IsZero() && d.Within(t.StartsOn, t.EndsOn) }

// NormalizeTrip cleans a trip's text and its list of members.
func NormalizeTrip(t *Trip) {
	t.Destination, t.Purpose = CleanText(t.Destination), strings.TrimSpace(t.Purpose)
	var members []string
	for _, m := range t.Members {
		members = append(members, CleanText(m))
	}
	t.Members = dedupe(members, nonEmpty)
}

// ValidateTrip checks a normalised trip.
func ValidateTrip(t Trip) error {
	pr := problems{entity: "出差"}
	checkName(&pr, "destination", "目的地", t.Destination)
	checkPeriod(&pr, "出发日期", t.StartsOn, "返回日期", t.EndsOn)
	return pr.err()
}

// TripStore keeps trips.
type TripStore interface {
	CreateTrip(ctx context.Context, t Trip) error
	UpdateTrip(ctx context.Context, t Trip, read time.Time) error
	Trip(ctx context.Context, id string) (Trip, error)
	// Trips lists the live trips, latest start first.
	Trips(ctx context.Context) ([]Trip, error)
	// TripActivities lists the live activities logged on a trip, in date order.
	TripActivities(ctx context.Context, tripID string) ([]Activity, error)
}

// SaveTrip creates or updates a trip.
func (l *Ledger) SaveTrip(ctx context.Context, t *Trip) error {
	NormalizeTrip(t)
	if err := ValidateTrip(*t); err != nil {
		return err
	}
	return save(ctx, l, t, &t.Meta, l.store.CreateTrip, l.store.UpdateTrip)
}

// CurrentTrip picks the trip a visit logged on a day belongs to by default: the trip in
// progress that day which started last, or "" when none is.
func CurrentTrip(trips []Trip, day Date) string {
	var best *Trip
	for i := range trips {
		t := &trips[i]
		if t.Deleted() || !t.Covers(day) {
			continue
		}
		if best == nil || t.StartsOn.After(best.StartsOn) {
			best = t
		}
	}
	if best == nil {
		return ""
	}
	return best.ID
}

// FollowUpTask is the task a visit's next step becomes: its title is the next step, due on
// the visit's next date, for the visit's first project or else its first person. ok is false
// when the visit has no next step or links neither a project nor a person.
func FollowUpTask(a Activity, assignee string) (t Task, ok bool) {
	if strings.TrimSpace(a.NextStep) == "" {
		return Task{}, false
	}
	t = Task{Title: a.NextStep, Assignee: assignee, DueOn: a.NextDue, ActivityID: a.ID,
		Notes: fmt.Sprintf("来自 %s %s：%s", a.On, a.Kind, a.Summary)}
	switch {
	case len(a.ProjectIDs) > 0:
		t.ProjectID = a.ProjectIDs[0]
	case len(a.PersonIDs) > 0:
		t.PersonID = a.PersonIDs[0]
	default:
		return Task{}, false
	}
	return t, true
}

// TripFollowUps creates a follow-up task from the next step of every visit of a trip that
// has one and has no task made from it yet; it returns how many it created and how many
// visits with a next step it skipped because they link no project or person. The assignee is
// the visit's first participant.
func (l *Ledger) TripFollowUps(ctx context.Context, tripID string) (created, skipped int, err error) {
	acts, err := l.store.TripActivities(ctx, tripID)
	if err != nil {
		return 0, 0, err
	}
	done, err := l.store.TasksFromActivities(ctx, activityIDs(acts))
	if err != nil {
		return 0, 0, err
	}
	for _, a := range acts {
		if done[a.ID] || strings.TrimSpace(a.NextStep) == "" {
			continue
		}
		by, _, _ := strings.Cut(strings.ReplaceAll(a.By, "、", "，"), "，")
		t, ok := FollowUpTask(a, strings.TrimSpace(by))
		if !ok {
			skipped++
			continue
		}
		if err := l.SaveTask(ctx, &t); err != nil {
			return created, skipped, fmt.Errorf("由 %s 的跟进生成任务：%w", a.On, err)
		}
		created++
	}
	return created, skipped, nil
}

func activityIDs(acts []Activity) []string {
	ids := make([]string, len(acts))
	for i, a := range acts {
		ids[i] = a.ID
	}
	return ids
}

// TripVisit is one visit of a trip as its report lists it, with the names of whom it
// concerned.
type TripVisit struct {
	Activity
	People, Enterprises, Projects []string
}

// TripReport is a trip with every visit logged on it, in date order.
type TripReport struct {
	Trip   Trip
	Visits []TripVisit
}

// TripReport reads a trip and its visits with the names of the people, enterprises and
// projects they concerned.
func (l *Ledger) TripReport(ctx context.Context, tripID string) (TripReport, error) {
	t, err := l.store.Trip(ctx, tripID)
	if err != nil {
		return TripReport{}, err
	}
	acts, err := l.store.TripActivities(ctx, tripID)
	if err != nil {
		return TripReport{}, err
	}
	r := TripReport{Trip: t, Visits: make([]TripVisit, len(acts))}
	names := map[string]string{}
	name := func(id string, read func(string) (string, error)) (string, error) {
		if n, ok := names[id]; ok {
			return n, nil
		}
		n, err := read(id)
		names[id] = n
		return n, err
	}
	person := func(id string) (string, error) { p, err := l.store.Person(ctx, id); return p.Name, err }
	enterprise := func(id string) (string, error) { e, err := l.store.Enterprise(ctx, id); return e.Name, err }
	project := func(id string) (string, error) { p, err := l.store.Project(ctx, id); return p.Name, err }
	for i, a := range acts {
		v := TripVisit{Activity: a}
		for _, link := range []struct {
			ids  []string
			read func(string) (string, error)
			dst  *[]string
		}{{a.PersonIDs, person, &v.People}, {a.EnterpriseIDs, enterprise, &v.Enterprises}, {a.ProjectIDs, project, &v.Projects}} {
			for _, id := range link.ids {
				n, err := name(id, link.read)
				if err != nil {
					return TripReport{}, err
				}
				*link.dst = append(*link.dst, n)
			}
		}
		r.Visits[i] = v
	}
	return r, nil
}

// tripReportColumns are the columns of a trip report.
var tripReportColumns = []export.Column{
	{Title: "日期", Width: 12}, {Title: "方式", Width: 8}, {Title: "走访对象", Width: 16}, {Title: "企业", Width: 28},
	{Title: "项目", Width: 28}, {Title: "地点", Width: 16}, {Title: "情况（结果）", Width: 48}, {Title: "下步工作", Width: 30},
	{Title: "下步期限", Width: 12}, {Title: "参与人", Width: 14},
}

// WriteXLSX writes the report as a workbook: one row per visit with its date, whom and which
// enterprise it concerned, its result (the summary) and its next step.
func (r TripReport) WriteXLSX(w io.Writer) error {
	return export.XLSX(w, "出差报告", tripReportColumns, len(r.Visits), func(i int) []any {
		v := r.Visits[i]
		return []any{v.On.String(), v.Kind, strings.Join(v.People, "、"), strings.Join(v.Enterprises, "、"),
			strings.Join(v.Projects, "、"), v.Place, v.Summary, v.NextStep, v.NextDue.String(), v.By}
	})
}

// ReportFileName is the file name of the trip's report: 出差报告-深圳-2026-03-02.xlsx.
func (t Trip) ReportFileName() string {
	return fmt.Sprintf("出差报告-%s-%s.xlsx", t.Destination, t.StartsOn)
}

// checkPeriod checks a required period (fields starts_on and ends_on): both dates set, the end
// not before the start. The labels name the dates in the messages.
func checkPeriod(pr *problems, startLabel string, start Date, endLabel string, end Date) {
	if start.IsZero() {
		pr.add("starts_on", "请填写"+startLabel)
	}
	if end.IsZero() {
		pr.add("ends_on", "请填写"+endLabel)
	}
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		pr.add("ends_on", fmt.Sprintf("%s %s 早于%s %s", endLabel, end, startLabel, start))
	}
}
