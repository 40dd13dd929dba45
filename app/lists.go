package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// The list screens show lean rows read in one joined query, narrow them in memory by what no
// index helps with, and remember named filters and sorts as saved views.

// ProjectRow is a project as the lists show it: its own columns with the names of the zone,
// chain and investor it links to.
type ProjectRow struct {
	ID              string
	Name            string
	Code            string
	Stage           Stage
	StageSince      Date
	Sector          Sector
	TotalInvestment Yuan
	FixedInvestment Yuan
	ForeignCapital  USCents
	SignedOn        Date
	StartedOn       Date
	ProducedOn      Date
	Leader          string // 包干领导
	Unit            string // 责任单位
	Methods         []string
	Homecoming      bool
	HomecomingTies  []Tie
	OutOfProvince   bool
	GanReturn       bool
	Registered      bool
	ZoneID          string
	ZoneName        string
	ZoneLevel       ZoneLevel
	ChainID         string
	ChainName       string
	InvestorID      string
	InvestorName    string
	InvestorNature  Nature
	FundID          string
	UpdatedAt       time.Time
}

// SizeClass is the row's "5020", "亿元以上" or "".
func (r ProjectRow) SizeClass() string { return SizeClass(r.TotalInvestment, r.Sector, r.ZoneLevel) }

// Drives a project list can be narrowed to: the 三请三回 drive (any tie or one of the 三友) and
// the 三企入赣 groups of the investor's nature.
const (
	DriveHomecoming = "三请三回"
	DriveSOE        = "国企"
	DrivePrivate    = "民企"
	DriveForeign    = "外企"
)

// Size classes a project list can be narrowed to.
const (
	SizeYiPlus = "亿元以上" // includes the "5020" projects
	Size5020   = "5020"
)

// ProjectRowFilter narrows project rows in memory, after the store query has applied the
// filters an index helps with (ProjectFilter).
type ProjectRowFilter struct {
	// Drive is "" for all, DriveHomecoming, one of the 三友 (乡友, 校友, 战友: a 三请三回
	// project through that tie), or a 三企入赣 group (DriveSOE, DrivePrivate, DriveForeign).
	Drive  string
	Method string // 招商方式
	Size   string // SizeYiPlus or Size5020
	// Owner is a substring of the 包干领导 or the 责任单位.
	Owner                string
	SignedFrom, SignedTo Date // 签约日期 range, a zero bound open
	StageFrom, StageTo   Date // date of the current stage, a zero bound open
}

// Match reports whether a row passes the filter.
func (f ProjectRowFilter) Match(r ProjectRow) bool {
	switch f.Drive {
	case "":
	case DriveHomecoming:
		if !r.Homecoming {
			return false
		}
	case string(TieHometown), string(TieAlumni), string(TieComrade):
		if !r.Homecoming || !containsTie(r.HomecomingTies, Tie(f.Drive)) {
			return false
		}
	case DriveSOE, DrivePrivate, DriveForeign:
		if r.InvestorNature.ThreeEnterprises() != f.Drive {
			return false
		}
	default:
		return false
	}
	if f.Method != "" && !containsString(r.Methods, f.Method) {
		return false
	}
	switch f.Size {
	case SizeYiPlus:
		if !IsYiPlus(r.TotalInvestment) {
			return false
		}
	case Size5020:
		if r.SizeClass() != Size5020 {
			return false
		}
	}
	if f.Owner != "" && !strings.Contains(r.Leader, f.Owner) && !strings.Contains(r.Unit, f.Owner) {
		return false
	}
	if (!f.SignedFrom.IsZero() || !f.SignedTo.IsZero()) && !r.SignedOn.Within(f.SignedFrom, f.SignedTo) {
		return false
	}
	if (!f.StageFrom.IsZero() || !f.StageTo.IsZero()) && !r.StageSince.Within(f.StageFrom, f.StageTo) {
		return false
	}
	return true
}

func containsTie(ts []Tie, t Tie) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TaskRow is a task with the names of its project and person.
type TaskRow struct {
	Task
	ProjectName string
	PersonName  string
}

// Overdue reports whether an open task's due date has passed.
func (t Task) Overdue(today Date) bool {
	return !t.Done && !t.DueOn.IsZero() && t.DueOn.Before(today)
}

// SavedView is a named filter and sort of one list screen, kept in the database so that a
// team member finds "本月签约的亿元以上项目" where they left it.
type SavedView struct {
	ID      string
	Screen  string // the list it belongs to, e.g. "projects"
	Name    string
	Filters map[string]string // filter key → value as the filter widget shows it
	// SortColumn is the title of the sorted column, "" for the store's order.
	SortColumn string
	SortDesc   bool
	UpdatedAt  time.Time
	UpdatedBy  string
}

// maxViewName bounds a saved view's name; it is shown in a drop-down.
const maxViewName = 40

// SavedViews lists a screen's saved views by name.
func (l *Ledger) SavedViews(ctx context.Context, screen string) ([]SavedView, error) {
	return l.store.SavedViews(ctx, screen)
}

// SaveView saves a view under its name; a view of the same screen with the same name is
// replaced. The view as stored (its ID and stamp) is written back into v.
func (l *Ledger) SaveView(ctx context.Context, v *SavedView) error {
	v.Name = CleanText(v.Name)
	pr := problems{entity: "视图"}
	switch n := utf8.RuneCountInString(v.Name); {
	case n == 0:
		pr.add("name", "请填写视图名称")
	case n > maxViewName:
		pr.add("name", fmt.Sprintf("视图名称不能超过%d个字", maxViewName))
	}
	if v.Screen == "" {
		pr.add("screen", "视图须属于一个列表")
	}
	if err := pr.err(); err != nil {
		return err
	}
	if v.ID == "" {
		v.ID = NewID()
	}
	v.UpdatedAt, v.UpdatedBy = l.stampTime(time.Time{}), l.User()
	saved, err := l.store.SaveView(ctx, *v)
	if err != nil {
		return err
	}
	*v = saved
	return nil
}

// DeleteView deletes a saved view. Views are preferences, not ledger records: they do not go
// to the recycle bin.
func (l *Ledger) DeleteView(ctx context.Context, id string) error {
	return l.store.DeleteView(ctx, id)
}
