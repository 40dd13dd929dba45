package app

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// EventKind is the form of a 三请三回 event.
type EventKind string

// Event kinds.
const (
	EventTalks     EventKind = "恳谈会"
	EventForum     EventKind = "座谈会"
	EventTea       EventKind = "茶话会"
	EventNewYear   EventKind = "团拜会"
	EventPromotion EventKind = "推介会"
	EventOther     EventKind = "其他"
)

// EventKinds lists the kinds in the order the returns list them.
var EventKinds = []EventKind{EventTalks, EventForum, EventTea, EventNewYear, EventPromotion, EventOther}

// EventLevel is the government level that held an event.
type EventLevel string

// Event levels.
const (
	LevelCity     EventLevel = "市级"
	LevelCounty   EventLevel = "县级"
	LevelTownship EventLevel = "乡镇"
)

// EventLevels lists the levels from the top.
var EventLevels = []EventLevel{LevelCity, LevelCounty, LevelTownship}

// Guest is a person invited to an event, and whether they came.
type Guest struct {
	PersonID string `json:"person_id"`
	Attended bool   `json:"attended,omitempty"`
}

// EventSigning is a project signed at an event. Amount is the amount signed there: it is
// filled with the project's total investment when the link is made and kept as signed, so a
// return for a past period does not change when the project's investment is revised later.
type EventSigning struct {
	ProjectID string `json:"project_id"`
	Amount    Yuan   `json:"amount"`
}

// Event is a 三请三回 event (恳谈会, 座谈会, 茶话会, 团拜会 …): who was invited and came, and
// which projects were signed there.
type Event struct {
	Meta
	Name      string         `json:"name"`
	Kind      EventKind      `json:"kind"`
	On        Date           `json:"on"`
	Place     string         `json:"place"`
	Level     EventLevel     `json:"level"`
	Organiser string         `json:"organiser"` // 主办单位
	Notes     string         `json:"notes"`
	Guests    []Guest        `json:"guests"`
	Signings  []EventSigning `json:"signings"`
}

// Invite adds a person to the guest list (once).
func (e *Event) Invite(personID string) {
	if personID == "" || e.guest(personID) >= 0 {
		return
	}
	e.Guests = append(e.Guests, Guest{PersonID: personID})
}

// MarkAttended records whether an invited person came; marking someone not yet invited
// invites them, so attending always implies invited.
func (e *Event) MarkAttended(personID string, came bool) {
	e.Invite(personID)
	if i := e.guest(personID); i >= 0 {
		e.Guests[i].Attended = came
	}
}

// Uninvite removes a person from the guest list.
func (e *Event) Uninvite(personID string) {
	e.Guests = slices.DeleteFunc(e.Guests, func(g Guest) bool { return g.PersonID == personID })
}

func (e *Event) guest(personID string) int {
	return slices.IndexFunc(e.Guests, func(g Guest) bool { return g.PersonID == personID })
}

// Sign links a project signed at the event with the amount signed (replacing an earlier
// link of the same project).
func (e *Event) Sign(projectID string, amount Yuan) {
	if projectID == "" {
		return
	}
	e.Unsign(projectID)
	e.Signings = append(e.Signings, EventSigning{ProjectID: projectID, Amount: amount})
}

// Unsign removes a signed project.
func (e *Event) Unsign(projectID string) {
	e.Signings = slices.DeleteFunc(e.Signings, func(s EventSigning) bool { return s.ProjectID == projectID })
}

// NormalizeEvent cleans an event's text and drops empty and repeated links.
func NormalizeEvent(e *Event) {
	e.Name, e.Place, e.Organiser = CleanText(e.Name), CleanText(e.Place), CleanText(e.Organiser)
	var guests []Guest
	seen := map[string]int{}
	for _, g := range e.Guests {
		if g.PersonID == "" {
			continue
		}
		if i, ok := seen[g.PersonID]; ok {
			guests[i].Attended = guests[i].Attended || g.Attended
			continue
		}
		seen[g.PersonID] = len(guests)
		guests = append(guests, g)
	}
	e.Guests = guests
	var signed []EventSigning
	for _, s := range e.Signings {
		if s.ProjectID != "" && !slices.ContainsFunc(signed, func(x EventSigning) bool { return x.ProjectID == s.ProjectID }) {
			signed = append(signed, s)
		}
	}
	e.Signings = signed
}

// ValidateEvent checks a normalised event.
func ValidateEvent(e Event) error {
	pr := problems{entity: "活动"}
	checkName(&pr, "name", "活动名称", e.Name)
	if !slices.Contains(EventKinds, e.Kind) {
		pr.add("kind", "请选择活动形式（恳谈会、座谈会、茶话会、团拜会、推介会或其他）")
	}
	if e.On.IsZero() {
		pr.add("on", "请填写活动日期")
	}
	if e.Level != "" && !slices.Contains(EventLevels, e.Level) {
		pr.add("level", "活动级别应为市级、县级或乡镇")
	}
	for _, s := range e.Signings {
		if s.Amount < 0 {
			pr.add("signings", "签约金额不能为负数")
			break
		}
	}
	return pr.err()
}

// EventFilter narrows a list of events.
type EventFilter struct {
	From, To Date
	Query    string // substring of the name, place or organiser
	PersonID string // only events this person was invited to
	Limit    int
}

// EventStore keeps 三请三回 events with their guests and signed projects.
type EventStore interface {
	CreateEvent(ctx context.Context, e Event) error
	UpdateEvent(ctx context.Context, e Event, read time.Time) error
	Event(ctx context.Context, id string) (Event, error)
	// Events lists live events matching f, newest first, with their guests and signings
	// (links to records in the recycle bin left out).
	Events(ctx context.Context, f EventFilter) ([]Event, error)
}

// SaveEvent creates or updates a 三请三回 event.
func (l *Ledger) SaveEvent(ctx context.Context, e *Event) error {
	NormalizeEvent(e)
	if err := ValidateEvent(*e); err != nil {
		return err
	}
	return save(ctx, l, e, &e.Meta, l.store.CreateEvent, l.store.UpdateEvent)
}

// TieCount counts people by their 三友 type. A person with several ties counts under each,
// and once in Total.
type TieCount struct {
	Total int         `json:"total"`
	ByTie map[Tie]int `json:"by_tie"`
}

func (c *TieCount) add(p *Person) {
	c.Total++
	if c.ByTie == nil {
		c.ByTie = map[Tie]int{}
	}
	for _, t := range p.Ties {
		c.ByTie[t]++
	}
}

// EventKindFigures are the figures of one kind of event, as the 三请三回 return lists them:
// guests counted per event (人次: a person at two events counts twice).
type EventKindFigures struct {
	Kind     EventKind          `json:"kind"`
	Events   int                `json:"events"`
	ByLevel  map[EventLevel]int `json:"by_level"`
	Invited  TieCount           `json:"invited"`  // 三友 invited, 人次
	Attended TieCount           `json:"attended"` // 三友 who came, 人次
	Signed   Tally              `json:"signed"`   // projects signed, each under its earliest event
}

// EventFigures are the figures of the 三请三回 drive for a period: events by level, the 三友
// invited and attending (distinct people), and the projects signed at the events.
type EventFigures struct {
	Period   Period             `json:"period"`
	Events   int                `json:"events"`
	ByLevel  map[EventLevel]int `json:"by_level"` // events without a level are in Events only
	Invited  TieCount           `json:"invited"`  // distinct people
	Attended TieCount           `json:"attended"` // distinct people
	Signed   Tally              `json:"signed"`
	ByKind   []EventKindFigures `json:"by_kind"` // one per kind in EventKinds order
}

// ComputeEventFigures computes the drive's figures over the events dated in the period.
// Only guests who are one of the 三友 (a person with at least one tie) are counted; people
// maps IDs to people and a guest missing from it (in the recycle bin) is not counted. A
// project signed at several events of the period counts once, under the earliest (the kind
// first in EventKinds order breaks a tie of dates), with the amount signed there.
func ComputeEventFigures(events []Event, people map[string]*Person, p Period) EventFigures {
	f := EventFigures{Period: p, ByLevel: map[EventLevel]int{}}
	kinds := make(map[EventKind]*EventKindFigures, len(EventKinds))
	f.ByKind = make([]EventKindFigures, len(EventKinds))
	for i, k := range EventKinds {
		f.ByKind[i] = EventKindFigures{Kind: k, ByLevel: map[EventLevel]int{}}
		kinds[k] = &f.ByKind[i]
	}
	in := make([]*Event, 0, len(events))
	for i := range events {
		if e := &events[i]; !e.Deleted() && e.On.Within(p.From, p.To) && kinds[e.Kind] != nil {
			in = append(in, e)
		}
	}
	// Earliest first, so the first event to claim a project is the one it counts under.
	slices.SortStableFunc(in, func(a, b *Event) int {
		if c := a.On.Compare(b.On); c != 0 {
			return c
		}
		return slices.Index(EventKinds, a.Kind) - slices.Index(EventKinds, b.Kind)
	})
	invited, attended, signed := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, e := range in {
		k := kinds[e.Kind]
		f.Events++
		k.Events++
		if e.Level != "" {
			f.ByLevel[e.Level]++
			k.ByLevel[e.Level]++
		}
		for _, g := range e.Guests {
			person := people[g.PersonID]
			if person == nil || len(person.Ties) == 0 {
				continue
			}
			k.Invited.add(person)
			if !invited[g.PersonID] {
				invited[g.PersonID] = true
				f.Invited.add(person)
			}
			if !g.Attended {
				continue
			}
			k.Attended.add(person)
			if !attended[g.PersonID] {
				attended[g.PersonID] = true
				f.Attended.add(person)
			}
		}
		for _, s := range e.Signings {
			if signed[s.ProjectID] {
				continue
			}
			signed[s.ProjectID] = true
			k.Signed.Count++
			k.Signed.Amount += s.Amount
			f.Signed.Count++
			f.Signed.Amount += s.Amount
		}
	}
	return f
}

// EventFigures reads the events and people and computes the drive's figures for a period.
func (l *Ledger) EventFigures(ctx context.Context, p Period) (EventFigures, error) {
	events, err := l.store.Events(ctx, EventFilter{From: p.From, To: p.To})
	if err != nil {
		return EventFigures{}, err
	}
	people, err := l.store.People(ctx, PersonFilter{})
	if err != nil {
		return EventFigures{}, err
	}
	byID := make(map[string]*Person, len(people))
	for i := range people {
		byID[people[i].ID] = &people[i]
	}
	return ComputeEventFigures(events, byID, p), nil
}

// String is a one-line summary of the figures, for the command line and logs.
func (f EventFigures) String() string {
	return fmt.Sprintf("活动%d场（市级%d、县级%d、乡镇%d），邀请三友%d人、到场%d人，签约项目%d个、金额%s",
		f.Events, f.ByLevel[LevelCity], f.ByLevel[LevelCounty], f.ByLevel[LevelTownship],
		f.Invited.Total, f.Attended.Total, f.Signed.Count, f.Signed.Amount.FormatYi())
}
