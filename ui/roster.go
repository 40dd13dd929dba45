package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// atRisk is the contact-state choice of the roster that lists everyone about to lose touch.
const atRisk = "快要失联（超期、即将到期、从未联系）"

var rosterColumns = []listColumn[personRow]{
	textColumn("姓名", 90, func(r personRow) string { return r.Name }),
	textColumn("等级", 50, func(r personRow) string { return string(r.Tier) }),
	textColumn("三友", 100, func(r personRow) string { return joinTies(r.Ties) }),
	// Overdue first when sorted ascending: the number is the days left before the cadence runs out.
	{title: "联系状态", width: 100, text: func(r personRow) string { return r.contact.Describe() },
		number: func(r personRow) int64 {
			switch r.contact.State {
			case app.ContactNoCadence:
				return 0
			case app.ContactNever:
				return -100000
			}
			return int64(r.contact.DueIn) + 1_000_000
		}},
	// Days since the last contact; never contacted sorts last (0 is empty), today as 1.
	{title: "距今天数", width: 76, text: func(r personRow) string {
		if r.contact.Since < 0 {
			return "从未联系"
		}
		return fmt.Sprint(r.contact.Since)
	}, number: func(r personRow) int64 { return int64(r.contact.Since + 1) }},
	dateColumn("最近联系", func(r personRow) app.Date { return r.last }),
	{title: "联系周期", width: 76, text: func(r personRow) string {
		if r.contact.Cadence == 0 {
			return ""
		}
		return fmt.Sprintf("%d天", r.contact.Cadence)
	}, number: func(r personRow) int64 { return int64(r.contact.Cadence) }},
	textColumn("籍贯", 170, func(r personRow) string { return joinParts(r.NativeProvince, r.NativeCity, r.NativeCounty) }),
	textColumn("常住城市", 90, func(r personRow) string { return r.ResidenceCity }),
	textColumn("商会职务", 200, func(r personRow) string { return r.chambers }),
	textColumn("职务", 140, func(r personRow) string { return r.Title }),
	textColumn("维护人", 80, func(r personRow) string { return r.Keeper }),
	textColumn("电话", 120, func(r personRow) string { return strings.Join(r.Phones, "、") }),
}

// rosterScreen is the 重点三友名录 (key-contact roster): the 乡友, 校友 and 战友, filterable by 籍贯,
// city of residence, chamber, keeper, 三友 type, tier and contact state, with the last contact
// and the days since. The 快要失联 view is its contact-state filter.
type rosterScreen struct {
	env  listEnv
	list *listView[personRow]

	tie, chamber, tier, state   *widget.Select
	native, city, keeper, query *widget.Entry
	chamberIDs, chamberNames    map[string]string
}

func newRosterScreen(env listEnv) *rosterScreen {
	s := &rosterScreen{env: env, chamberIDs: map[string]string{}, chamberNames: map[string]string{}}
	s.list = newListView(env, listSpec[personRow]{
		kind: app.KindPerson, key: "roster", title: "重点三友名录", noun: "位三友", columns: rosterColumns,
		id:    func(r personRow) string { return r.ID },
		name:  func(r personRow) string { return r.Name },
		watch: []app.EntityKind{app.KindActivity, app.KindChamber, app.KindSettings},
	})
	f := &s.list.filters
	s.tie = f.choice("tie", "全部三友", tieNames())
	s.tier = f.choice("tier", "全部等级", []string{"A", "B", "C"})
	states := []string{atRisk}
	for _, st := range app.ContactStates {
		states = append(states, string(st))
	}
	s.state = f.choice("state", "全部联系状态", states)
	s.native = f.text("native", "籍贯（省/市/县）", 130)
	s.city = f.text("city", "常住城市", 100)
	s.chamber = f.choice("chamber", "全部商会", nil)
	s.keeper = f.text("keeper", "维护人", 90)
	s.query = f.text("q", "姓名、电话或微信", 160)
	s.list.query = s.load
	assignKeeper(s.list, env, "维护人")
	return s
}

func (s *rosterScreen) content() fyne.CanvasObject {
	return s.list.content(func(ctx context.Context) (func(), error) {
		return loadChamberChoices(ctx, s.env.ledger, func(ids, names map[string]string, options []string) {
			s.chamberIDs, s.chamberNames = ids, names
			setChoices(s.chamber, options)
		})
	})
}

// load sends the tie, chamber and name to the store and narrows the rest in memory: only
// people with at least one of the 三友 ties are on the roster.
func (s *rosterScreen) load() (func(context.Context) ([]personRow, error), error) {
	v := s.list.filters.values()
	f := app.PersonFilter{Query: v["q"], Tie: app.Tie(v["tie"]), ChamberID: s.chamberIDs[v["chamber"]]}
	l, names := s.env.ledger, s.chamberNames
	return func(ctx context.Context) ([]personRow, error) {
		return readPersonRows(ctx, l, f, names, func(r personRow) bool { return rosterMatch(r, v) })
	}, nil
}

// rosterMatch reports whether a row passes the roster's in-memory filters.
func rosterMatch(r personRow, v map[string]string) bool {
	if len(r.Ties) == 0 {
		return false
	}
	if v["tier"] != "" && string(r.Tier) != v["tier"] {
		return false
	}
	switch st := v["state"]; {
	case st == atRisk:
		if !r.contact.State.AtRisk() {
			return false
		}
	case st != "" && string(r.contact.State) != st:
		return false
	}
	return containsText(v["native"], r.NativeProvince+r.NativeCity+r.NativeCounty) &&
		containsText(v["city"], r.ResidenceCity) && containsText(v["keeper"], r.Keeper)
}

// assignKeeper adds the bulk action that sets the keeper of the picked people; label is what
// the screen calls the keeper (联系人, 维护人).
func assignKeeper(list *listView[personRow], env listEnv, label string) {
	list.assignAction("指派"+label, label, func(ctx context.Context, r personRow, name string) error {
		p, err := env.ledger.Store().Person(ctx, r.ID)
		if err != nil {
			return err
		}
		p.Keeper = name
		return env.ledger.SavePerson(ctx, &p)
	})
}
