package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Keeping in touch: a person's contact cadence comes from their own setting or their tier,
// their last contact from the activities they took part in, and their important dates (solar
// or lunar) come round once a year. The rules are pure functions over small facts, tested on
// fixed dates.

// Tier is how closely the team keeps in touch with a person: A, B or C; "" not graded.
type Tier string

// Tiers.
const (
	TierA    Tier = "A"
	TierB    Tier = "B"
	TierC    Tier = "C"
	TierNone Tier = ""
)

// Tiers lists the tiers a user can choose.
var Tiers = []Tier{TierA, TierB, TierC}

// Valid reports whether t is A, B, C or not set.
func (t Tier) Valid() bool { return t == TierNone || slices.Contains(Tiers, t) }

// DefaultTierCadence is the contact cadence of each tier: A every 30 days, B 60, C 90.
func DefaultTierCadence() map[Tier]int { return map[Tier]int{TierA: 30, TierB: 60, TierC: 90} }

// TierCadences returns the cadence of each tier: the settings' value where set, the default
// otherwise. A tier set to 0 has no cadence.
func TierCadences(s Settings) map[Tier]int {
	out := DefaultTierCadence()
	for t, d := range s.TierCadence {
		if t.Valid() && t != TierNone {
			out[t] = d
		}
	}
	return out
}

// Cadence is a person's contact cadence in days: their own when set, else their tier's; 0
// means no cadence.
func Cadence(own int, tier Tier, tiers map[Tier]int) int {
	if own > 0 {
		return own
	}
	return tiers[tier]
}

// DefaultUpcomingDays is how many days ahead the 工作台 shows important dates when the
// settings do not say.
const DefaultUpcomingDays = 15

// UpcomingDaysOf returns the settings' look-ahead for important dates, or the default.
func UpcomingDaysOf(s Settings) int {
	if s.UpcomingDays > 0 {
		return s.UpcomingDays
	}
	return DefaultUpcomingDays
}

// ContactSoonDays is how many days before a person's cadence runs out they count as about to
// lose touch (快要失联), so that a visit can still be planned.
const ContactSoonDays = 7

// ContactState is where a person stands against their cadence.
type ContactState string

// Contact states. 快要失联 are those due soon, overdue or never contacted.
const (
	ContactNoCadence ContactState = "无周期"
	ContactOK        ContactState = "正常"
	ContactSoon      ContactState = "即将到期"
	ContactLate      ContactState = "已超期"
	ContactNever     ContactState = "从未联系"
)

// ContactStates lists the states a list can be filtered by.
var ContactStates = []ContactState{ContactLate, ContactNever, ContactSoon, ContactOK, ContactNoCadence}

// AtRisk reports whether the state belongs on the 快要失联 list.
func (s ContactState) AtRisk() bool { return s == ContactSoon || s == ContactLate || s == ContactNever }

// ContactStatus is a person's standing against their cadence on a day.
type ContactStatus struct {
	Cadence int          // days; 0 = no cadence
	Last    Date         // the last contact; zero = never
	Since   int          // days since the last contact; -1 = never
	DueIn   int          // days until the cadence runs out; negative = overdue by that many; 0 without cadence or contact
	State   ContactState //
}

// ContactStatusOf computes a person's standing on today: a person is due when contacted
// cadence days ago or longer, due soon within ContactSoonDays of that.
func ContactStatusOf(cadence int, last, today Date) ContactStatus {
	s := ContactStatus{Cadence: cadence, Last: last, Since: -1}
	if !last.IsZero() {
		s.Since = today.DaysSince(last)
	}
	switch {
	case cadence <= 0:
		s.State = ContactNoCadence
	case last.IsZero():
		s.State = ContactNever
	default:
		s.DueIn = cadence - s.Since
		switch {
		case s.DueIn <= 0:
			s.State = ContactLate
		case s.DueIn <= ContactSoonDays:
			s.State = ContactSoon
		default:
			s.State = ContactOK
		}
	}
	return s
}

// Describe says the standing in a few words for lists: "超期 12 天", "5 天后到期", "从未联系".
func (s ContactStatus) Describe() string {
	switch s.State {
	case ContactLate:
		if s.DueIn == 0 {
			return "今天到期"
		}
		return fmt.Sprintf("超期 %d 天", -s.DueIn)
	case ContactSoon:
		return fmt.Sprintf("%d 天后到期", s.DueIn)
	case ContactNever:
		return "从未联系"
	case ContactOK:
		return "正常"
	}
	return ""
}

// PersonDates are a live person's important dates, as the upcoming-dates rule needs them.
type PersonDates struct {
	ID     string
	Name   string
	Keeper string
	Dates  []ImportantDate
}

// UpcomingDate is an important date of a person falling within the next days.
type UpcomingDate struct {
	PersonID   string
	PersonName string
	Keeper     string
	Date       ImportantDate
	On         Date // the solar date it falls on
	InDays     int  // 0 today
}

// Key names the reminder of the date, for snoozing and dismissing it.
func (u UpcomingDate) Key() string { return DateReminderKey(u.PersonID, u.Date) }

// Describe writes the date as its owner knows it: "农历八月十五（闰）" or "公历3月12日".
func (d ImportantDate) Describe() string {
	if d.Calendar == Lunar {
		leap := ""
		if d.LeapMonth {
			leap = "闰"
		}
		return "农历" + leap + lunarMonthNames[d.Month-1] + "月" + lunarDayName(d.Day)
	}
	return fmt.Sprintf("公历%d月%d日", d.Month, d.Day)
}

var lunarMonthNames = []string{"正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"}

func lunarDayName(d int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	switch {
	case d <= 10:
		return "初" + digits[d]
	case d < 20:
		return "十" + digits[d-10]
	case d == 20:
		return "二十"
	case d < 30:
		return "廿" + digits[d-20]
	}
	return "三十"
}

// Occurrence returns the solar date the important date falls on in a year: for a lunar date,
// its day in the lunar year that begins in that solar year. A solar 2月29日 falls on 2月28日 in
// a common year.
func (c *LunarCalendar) Occurrence(d ImportantDate, year int) (Date, error) {
	if d.Calendar == Lunar {
		return c.ToSolar(year, d.Month, d.Day, d.LeapMonth)
	}
	day := min(d.Day, NewDate(year, time.Month(d.Month)+1, 0).Day())
	return NewDate(year, time.Month(d.Month), day), nil
}

// Next returns the first day on or after from the important date falls on. A lunar date late
// in a lunar year (腊月) falls in the next solar year, so the lunar year before from's is
// tried too.
func (c *LunarCalendar) Next(d ImportantDate, from Date) (Date, error) {
	first := from.Year()
	if d.Calendar == Lunar {
		first--
	}
	for y := first; y <= from.Year()+1; y++ {
		on, err := c.Occurrence(d, y)
		if err != nil {
			return Date{}, err
		}
		if !on.Before(from) {
			return on, nil
		}
	}
	return Date{}, fmt.Errorf("找不到“%s”在 %s 之后的日期", d.Label, from)
}

// UpcomingDates lists the important dates falling from today to days days later, the soonest
// first. A date that cannot be converted is skipped: validation keeps such dates out.
func UpcomingDates(ps []PersonDates, today Date, days int) []UpcomingDate {
	c := NewLunarCalendar()
	var out []UpcomingDate
	for _, p := range ps {
		for _, d := range p.Dates {
			on, err := c.Next(d, today)
			if err != nil {
				continue
			}
			if in := on.DaysSince(today); in <= days {
				out = append(out, UpcomingDate{PersonID: p.ID, PersonName: p.Name, Keeper: p.Keeper, Date: d, On: on, InDays: in})
			}
		}
	}
	slices.SortFunc(out, func(a, b UpcomingDate) int {
		return cmp.Or(a.On.Compare(b.On), cmp.Compare(a.PersonName, b.PersonName), cmp.Compare(a.PersonID, b.PersonID), cmp.Compare(a.Date.Label, b.Date.Label))
	})
	return out
}

// The keys of the 工作台's reminders, under which a snooze is kept.

// TaskReminderKey names the reminder of an overdue task.
func TaskReminderKey(id string) string { return "task:" + id }

// ProjectReminderKey names the reminder of a stale project.
func ProjectReminderKey(id string) string { return "project:" + id }

// ContactReminderKey names the reminder of a person due for contact.
func ContactReminderKey(id string) string { return "contact:" + id }

// DateReminderKey names the reminder of one important date of a person.
func DateReminderKey(personID string, d ImportantDate) string {
	leap := ""
	if d.LeapMonth {
		leap = "闰"
	}
	return fmt.Sprintf("date:%s:%s%s%d-%d:%s", personID, d.Calendar, leap, d.Month, d.Day, strings.ReplaceAll(d.Label, ":", "："))
}

// Snooze puts a reminder off until a day: it is hidden while Until is after today.
type Snooze struct {
	Key       string
	Until     Date
	Action    string // SnoozeLater or SnoozeDone
	UpdatedAt time.Time
	UpdatedBy string
}

// Snooze actions.
const (
	SnoozeLater = "稍后提醒"
	SnoozeDone  = "已处理"
)

// SnoozeChoices are the delays 稍后提醒 offers, in days.
var SnoozeChoices = []int{1, 3, 7}
