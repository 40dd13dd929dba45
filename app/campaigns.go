package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// CampaignFilter picks the people of a campaign. Empty fields do not filter; Ties matches a
// person with any of them.
type CampaignFilter struct {
	Ties          []Tie  `json:"ties,omitempty"`
	NativeCity    string `json:"native_city,omitempty"`    // 籍贯（市）, e.g. 吉安
	NativeCounty  string `json:"native_county,omitempty"`  // 籍贯（县）
	ResidenceCity string `json:"residence_city,omitempty"` // 常住城市, e.g. 深圳
	ChamberID     string `json:"chamber_id,omitempty"`
	Keeper        string `json:"keeper,omitempty"`
	Tier          Tier   `json:"tier,omitempty"`
}

// placeMatches compares a place as typed (吉安, 吉安市) with a place as kept.
func placeMatches(want, have string) bool {
	want, have = trimPlace(want), trimPlace(have)
	return want == "" || want == have
}

func trimPlace(s string) string {
	s = CleanText(s)
	for _, suffix := range []string{"市", "县", "区"} {
		if t := strings.TrimSuffix(s, suffix); t != "" && t != s {
			return t
		}
	}
	return s
}

// Matches reports whether a live person falls under the filter.
func (f CampaignFilter) Matches(p Person) bool {
	if p.Deleted() {
		return false
	}
	if len(f.Ties) > 0 && !slices.ContainsFunc(p.Ties, func(t Tie) bool { return slices.Contains(f.Ties, t) }) {
		return false
	}
	if !placeMatches(f.NativeCity, p.NativeCity) || !placeMatches(f.NativeCounty, p.NativeCounty) || !placeMatches(f.ResidenceCity, p.ResidenceCity) {
		return false
	}
	if f.Tier != "" && p.Tier != f.Tier {
		return false
	}
	if f.ChamberID != "" && !slices.ContainsFunc(p.Memberships, func(m Membership) bool { return m.ChamberID == f.ChamberID }) {
		return false
	}
	return f.Keeper == "" || CleanText(f.Keeper) == p.Keeper
}

// Campaign is an outreach drive around an occasion (春节, 清明, 中秋 …): the people a filter
// picks each get a follow-up task, and the campaign tracks how many were reached.
type Campaign struct {
	Meta
	Name      string         `json:"name"`
	Occasion  string         `json:"occasion"` // 春节 / 清明 / 中秋 / 其他
	StartsOn  Date           `json:"starts_on"`
	EndsOn    Date           `json:"ends_on"`
	Filter    CampaignFilter `json:"filter"`
	TaskTitle string         `json:"task_title"` // "春节问候" …; the person's name is added
	Assignee  string         `json:"assignee"`   // "" gives each task to the person's keeper
	Notes     string         `json:"notes"`
}

// Occasions are the usual occasions of a campaign.
var Occasions = []string{"春节", "清明", "端午", "中秋", "国庆", "其他"}

// NormalizeCampaign cleans a campaign's text.
func NormalizeCampaign(c *Campaign) {
	c.Name, c.Occasion, c.TaskTitle, c.Assignee = CleanText(c.Name), CleanText(c.Occasion), CleanText(c.TaskTitle), CleanText(c.Assignee)
	c.Filter.NativeCity, c.Filter.NativeCounty, c.Filter.Keeper = CleanText(c.Filter.NativeCity), CleanText(c.Filter.NativeCounty), CleanText(c.Filter.Keeper)
	c.Filter.ResidenceCity = CleanText(c.Filter.ResidenceCity)
	c.Filter.Ties = dedupe(c.Filter.Ties, Tie.Valid)
}

// ValidateCampaign checks a normalised campaign.
func ValidateCampaign(c Campaign) error {
	pr := problems{entity: "联络活动"}
	checkName(&pr, "name", "活动名称", c.Name)
	checkPeriod(&pr, "开始日期", c.StartsOn, "结束日期", c.EndsOn)
	return pr.err()
}

// CampaignStore keeps campaigns and reads their progress.
type CampaignStore interface {
	CreateCampaign(ctx context.Context, c Campaign) error
	UpdateCampaign(ctx context.Context, c Campaign, read time.Time) error
	Campaign(ctx context.Context, id string) (Campaign, error)
	Campaigns(ctx context.Context) ([]Campaign, error)
	// CampaignTasks lists the live tasks of a campaign.
	CampaignTasks(ctx context.Context, campaignID string) ([]Task, error)
	// ContactedBetween gives the live people who took part in a live activity dated in
	// [from, to].
	ContactedBetween(ctx context.Context, from, to Date) (map[string]bool, error)
	// CreateTasks inserts tasks in one transaction, auditing each.
	CreateTasks(ctx context.Context, ts []Task) error
	// TasksFromActivities gives the activities among ids that a live task was made from.
	TasksFromActivities(ctx context.Context, ids []string) (map[string]bool, error)
}

// SaveCampaign creates or updates a campaign.
func (l *Ledger) SaveCampaign(ctx context.Context, c *Campaign) error {
	NormalizeCampaign(c)
	if err := ValidateCampaign(*c); err != nil {
		return err
	}
	return save(ctx, l, c, &c.Meta, l.store.CreateCampaign, l.store.UpdateCampaign)
}

// CampaignPeople lists the live people a filter picks, by name.
func (l *Ledger) CampaignPeople(ctx context.Context, f CampaignFilter) ([]Person, error) {
	all, err := l.store.People(ctx, PersonFilter{ChamberID: f.ChamberID})
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, p := range all {
		if f.Matches(p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// CampaignTask is the follow-up task of one person in a campaign: the campaign's task title
// and the person's name, for the campaign's assignee or else the person's keeper, due at the
// campaign's end.
func CampaignTask(c Campaign, p Person) Task {
	title := c.TaskTitle
	if title == "" {
		title = c.Occasion + "联络"
	}
	assignee := c.Assignee
	if assignee == "" {
		assignee = p.Keeper
	}
	return Task{Title: title + "：" + p.Name, Assignee: assignee, DueOn: c.EndsOn, PersonID: p.ID, CampaignID: c.ID,
		Notes: c.Name}
}

// GenerateCampaignTasks creates, in one transaction, a follow-up task for every person the
// campaign's filter picks who has no task in the campaign yet, and returns how many it
// created. Running it again after people were added creates only theirs.
func (l *Ledger) GenerateCampaignTasks(ctx context.Context, campaignID string) (int, error) {
	c, err := l.store.Campaign(ctx, campaignID)
	if err != nil {
		return 0, err
	}
	if c.Deleted() {
		return 0, fmt.Errorf("联络活动“%s”在回收站中：%w", c.Name, ErrNotFound)
	}
	people, err := l.CampaignPeople(ctx, c.Filter)
	if err != nil {
		return 0, err
	}
	existing, err := l.store.CampaignTasks(ctx, c.ID)
	if err != nil {
		return 0, err
	}
	has := map[string]bool{}
	for _, t := range existing {
		has[t.PersonID] = true
	}
	var tasks []Task
	for _, p := range people {
		if has[p.ID] {
			continue
		}
		t := CampaignTask(c, p)
		NormalizeTask(&t, l.Today())
		if err := ValidateTask(t); err != nil {
			return 0, fmt.Errorf("%s：%w", p.Name, err)
		}
		now := l.stampTime(time.Time{})
		t.Meta = Meta{ID: NewID(), CreatedAt: now, UpdatedAt: now, UpdatedBy: l.User()}
		tasks = append(tasks, t)
	}
	if len(tasks) == 0 {
		return 0, nil
	}
	if err := l.store.CreateTasks(ctx, tasks); err != nil {
		return 0, err
	}
	l.notify(Change{Kind: KindTask})
	return len(tasks), nil
}

// CampaignProgress is how far a campaign got: the people with a task, and those reached.
type CampaignProgress struct {
	Total   int
	Reached int
	// ReachedIDs are the people reached.
	ReachedIDs map[string]bool
}

// ComputeCampaignProgress counts the people of a campaign's tasks and those reached: a
// person is reached when their task is done or they took part in an activity dated in the
// campaign's period (contacted).
func ComputeCampaignProgress(tasks []Task, contacted map[string]bool) CampaignProgress {
	pr := CampaignProgress{ReachedIDs: map[string]bool{}}
	people := map[string]bool{}
	for _, t := range tasks {
		if t.PersonID == "" || t.Deleted() {
			continue
		}
		people[t.PersonID] = true
		if t.Done || contacted[t.PersonID] {
			pr.ReachedIDs[t.PersonID] = true
		}
	}
	pr.Total, pr.Reached = len(people), len(pr.ReachedIDs)
	return pr
}

// CampaignProgress reads a campaign's tasks and the contacts in its period up to today.
func (l *Ledger) CampaignProgress(ctx context.Context, c Campaign) (CampaignProgress, error) {
	tasks, err := l.store.CampaignTasks(ctx, c.ID)
	if err != nil {
		return CampaignProgress{}, err
	}
	to := c.EndsOn // a visit planned for later is not a contact yet
	if today := l.Today(); today.Before(to) {
		to = today
	}
	contacted, err := l.store.ContactedBetween(ctx, c.StartsOn, to)
	if err != nil {
		return CampaignProgress{}, err
	}
	return ComputeCampaignProgress(tasks, contacted), nil
}
