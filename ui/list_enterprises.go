package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// enterpriseRow is an enterprise with the name of its industry chain.
type enterpriseRow struct {
	app.Enterprise
	chain string
}

// Priority filter choices besides A, B and C.
const (
	anyTarget = "全部目标（A/B/C）"
	notTarget = "非目标企业"
)

var enterpriseColumns = []listColumn[enterpriseRow]{
	textColumn("企业名称", 250, func(r enterpriseRow) string { return r.Name }),
	textColumn("目标优先级", 84, func(r enterpriseRow) string { return string(r.Priority) }),
	textColumn("企业性质", 100, func(r enterpriseRow) string { return string(r.Nature) }),
	textColumn("企业类别", 200, enterpriseCategories),
	textColumn("总部", 120, func(r enterpriseRow) string { return joinParts(r.HQCountry, r.HQProvince, r.HQCity) }),
	textColumn("行业", 130, func(r enterpriseRow) string { return r.Industry }),
	textColumn("产业链", 90, func(r enterpriseRow) string { return r.chain }),
	textColumn("统一社会信用代码", 170, func(r enterpriseRow) string { return r.CreditCode }),
	textColumn("跟进人", 90, func(r enterpriseRow) string { return r.Owner }),
}

func enterpriseCategories(r enterpriseRow) string {
	s := make([]string, len(r.Categories))
	for i, c := range r.Categories {
		s[i] = c.Name
	}
	return strings.Join(s, "、")
}

// joinParts joins the parts of a place without separators ("广东省深圳市"), leaving out a
// part that repeats the one before it ("上海市上海市" is "上海市").
func joinParts(parts ...string) string {
	var b strings.Builder
	prev := ""
	for _, p := range parts {
		if p != prev {
			b.WriteString(p)
		}
		prev = p
	}
	return b.String()
}

// enterprisesScreen is the 目标企业库: every enterprise with its target priority, filtered
// by priority, category, nature and owner; bulk assignment of the owner and deletion.
type enterprisesScreen struct {
	env  listEnv
	list *listView[enterpriseRow]

	priority, category, nature *widget.Select
	owner, search              *widget.Entry
	chains                     map[string]string // chain ID → name
}

func newEnterprisesScreen(env listEnv) *enterprisesScreen {
	s := &enterprisesScreen{env: env, chains: map[string]string{}}
	s.list = newListView(env, listSpec[enterpriseRow]{
		kind: app.KindEnterprise, key: "enterprises", title: "目标企业", noun: "家企业", columns: enterpriseColumns,
		id:   func(r enterpriseRow) string { return r.ID },
		name: func(r enterpriseRow) string { return r.Name },
	})
	f := &s.list.filters
	s.priority = f.choice("priority", "全部优先级", []string{anyTarget, "A", "B", "C", notTarget})
	s.category = f.choice("category", "全部企业类别", nil)
	natures := []string{"三企入赣·" + app.DriveSOE, "三企入赣·" + app.DrivePrivate, "三企入赣·" + app.DriveForeign}
	for _, n := range app.Natures {
		natures = append(natures, string(n))
	}
	s.nature = f.choice("nature", "全部企业性质", natures)
	s.owner = f.text("owner", "跟进人", 120)
	s.search = f.text("q", "企业名称或信用代码", 200)
	s.list.query = s.query
	s.list.assignAction("指派跟进人", "跟进人", func(ctx context.Context, r enterpriseRow, name string) error {
		e, err := env.ledger.Store().Enterprise(ctx, r.ID)
		if err != nil {
			return err
		}
		e.Owner = name
		return env.ledger.SaveEnterprise(ctx, &e)
	})
	return s
}

func (s *enterprisesScreen) content() fyne.CanvasObject { return s.list.content(s.loadChoices) }

func (s *enterprisesScreen) loadChoices(ctx context.Context) (func(), error) {
	chains, err := s.env.ledger.Store().Chains(ctx)
	if err != nil {
		return nil, err
	}
	cats, err := s.env.ledger.Store().Vocab(ctx, app.VocabCategory)
	if err != nil {
		return nil, err
	}
	return func() {
		names := map[string]string{}
		for _, c := range chains {
			names[c.ID] = c.Name
		}
		s.chains = names
		var options []string
		for _, c := range cats {
			options = append(options, c.Name)
		}
		setChoices(s.category, options)
	}, nil
}

// query sends the name, priority and category to the store and narrows by nature and owner
// in memory.
func (s *enterprisesScreen) query() (func(context.Context) ([]enterpriseRow, error), error) {
	v := s.list.filters.values()
	f := app.EnterpriseFilter{Query: v["q"], Category: v["category"]}
	prio := v["priority"]
	switch prio {
	case "A", "B", "C":
		f.Priority = app.Priority(prio)
	}
	nature, owner := v["nature"], v["owner"]
	store, chains := s.env.ledger.Store(), s.chains
	return func(ctx context.Context) ([]enterpriseRow, error) {
		es, err := store.Enterprises(ctx, f)
		if err != nil {
			return nil, err
		}
		var out []enterpriseRow
		for _, e := range es {
			switch {
			case prio == anyTarget && e.Priority == app.PriorityNone,
				prio == notTarget && e.Priority != app.PriorityNone,
				strings.HasPrefix(nature, "三企入赣·") && e.Nature.ThreeEnterprises() != strings.TrimPrefix(nature, "三企入赣·"),
				nature != "" && !strings.HasPrefix(nature, "三企入赣·") && string(e.Nature) != nature,
				!containsText(owner, e.Owner):
				continue
			}
			out = append(out, enterpriseRow{Enterprise: e, chain: chains[e.ChainID]})
		}
		return out, nil
	}, nil
}

// personRow is a person with the names of their chambers and roles, and where they stand
// against their contact cadence (the last contact, days since, due or not).
type personRow struct {
	app.Person
	chambers string
	last     app.Date
	contact  app.ContactStatus
}

var personColumns = []listColumn[personRow]{
	textColumn("姓名", 90, func(r personRow) string { return r.Name }),
	textColumn("三友", 100, func(r personRow) string { return joinTies(r.Ties) }),
	textColumn("籍贯", 180, func(r personRow) string { return joinParts(r.NativeProvince, r.NativeCity, r.NativeCounty) }),
	textColumn("职务", 150, func(r personRow) string { return r.Title }),
	textColumn("商会", 200, func(r personRow) string { return r.chambers }),
	textColumn("联系人", 90, func(r personRow) string { return r.Keeper }),
	dateColumn("最近联系", func(r personRow) app.Date { return r.last }),
	// The cadence in force: the person's own, else their tier's.
	{title: "联系频率", width: 84, text: func(r personRow) string {
		if r.contact.Cadence == 0 {
			return ""
		}
		return fmt.Sprintf("每%d天", r.contact.Cadence)
	}, number: func(r personRow) int64 { return int64(r.contact.Cadence) }},
	textColumn("母校", 130, func(r personRow) string { return r.AlmaMater }),
	textColumn("服役驻地", 100, func(r personRow) string { return r.ServicePlace }),
	{title: "电话", width: 120, phones: true, text: func(r personRow) string { return strings.Join(r.Phones, "、") }},
}

func joinTies(ts []app.Tie) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, "、")
}

// peopleScreen is 赣籍企业家与人脉: people filtered by 三友 tie, 籍贯, chamber and keeper, with
// the date of the last contact; bulk assignment of the keeper and deletion.
type peopleScreen struct {
	env  listEnv
	list *listView[personRow]

	tie, chamber          *widget.Select
	native, keeper, query *widget.Entry
	chamberIDs            map[string]string // choice → ID
	chamberNames          map[string]string // ID → name
}

func newPeopleScreen(env listEnv) *peopleScreen {
	s := &peopleScreen{env: env, chamberIDs: map[string]string{}, chamberNames: map[string]string{}}
	s.list = newListView(env, listSpec[personRow]{
		kind: app.KindPerson, key: "people", title: "赣籍企业家与人脉", noun: "位人物", columns: personColumns,
		id:    func(r personRow) string { return r.ID },
		name:  func(r personRow) string { return r.Name },
		watch: []app.EntityKind{app.KindActivity, app.KindChamber},
	})
	f := &s.list.filters
	ties := make([]string, len(app.Ties))
	for i, t := range app.Ties {
		ties[i] = string(t)
	}
	s.tie = f.choice("tie", "全部三友", ties)
	s.native = f.text("native", "籍贯（省/市/县）", 130)
	s.chamber = f.choice("chamber", "全部商会", nil)
	s.keeper = f.text("keeper", "联系人", 110)
	s.query = f.text("q", "姓名、电话或微信", 180)
	s.list.query = s.load
	assignKeeper(s.list, env, "联系人")
	return s
}

func (s *peopleScreen) content() fyne.CanvasObject { return s.list.content(s.loadChoices) }

func (s *peopleScreen) loadChoices(ctx context.Context) (func(), error) {
	return loadChamberChoices(ctx, s.env.ledger, func(ids, names map[string]string, options []string) {
		s.chamberIDs, s.chamberNames = ids, names
		setChoices(s.chamber, options)
	})
}

// loadChamberChoices reads the chambers (off the UI goroutine) and returns the function that
// hands their choices to a filter: choice → ID, ID → name, and the choices in order (a name
// two chambers share is told apart by the city).
func loadChamberChoices(ctx context.Context, l *app.Ledger, apply func(ids, names map[string]string, options []string)) (func(), error) {
	chambers, err := l.Store().Chambers(ctx)
	if err != nil {
		return nil, err
	}
	return func() {
		ids, names := map[string]string{}, map[string]string{}
		var options []string
		for _, c := range chambers {
			label := c.Name
			if _, dup := ids[label]; dup {
				label = fmt.Sprintf("%s（%s）", c.Name, c.City)
			}
			ids[label], names[c.ID] = c.ID, c.Name
			options = append(options, label)
		}
		apply(ids, names, options)
	}, nil
}

// load sends the tie, chamber and name to the store, narrows by 籍贯 and keeper in memory and
// adds each person's last contact.
func (s *peopleScreen) load() (func(context.Context) ([]personRow, error), error) {
	v := s.list.filters.values()
	f := app.PersonFilter{Query: v["q"], Tie: app.Tie(v["tie"]), ChamberID: s.chamberIDs[v["chamber"]]}
	native, keeper := v["native"], v["keeper"]
	l, chamberNames := s.env.ledger, s.chamberNames
	return func(ctx context.Context) ([]personRow, error) {
		return readPersonRows(ctx, l, f, chamberNames, func(r personRow) bool {
			return containsText(native, r.NativeProvince+r.NativeCity+r.NativeCounty) && containsText(keeper, r.Keeper)
		})
	}, nil
}

// readPersonRows reads the people matching f with their chambers and roles and their contact
// standing today (cadence: their own, else their tier's from the settings), keeping those
// keep accepts.
func readPersonRows(ctx context.Context, l *app.Ledger, f app.PersonFilter, chamberNames map[string]string, keep func(personRow) bool) ([]personRow, error) {
	st := l.Store()
	today := l.Today()
	settings, err := st.Settings(ctx)
	if err != nil {
		return nil, err
	}
	tiers := app.TierCadences(settings)
	people, err := st.People(ctx, f)
	if err != nil {
		return nil, err
	}
	last, err := st.LastContacts(ctx, today)
	if err != nil {
		return nil, err
	}
	var out []personRow
	for _, p := range people {
		names := make([]string, 0, len(p.Memberships))
		for _, m := range p.Memberships {
			names = append(names, chamberNames[m.ChamberID]+m.Role)
		}
		r := personRow{Person: p, chambers: strings.Join(names, "、"), last: last[p.ID],
			contact: app.ContactStatusOf(app.Cadence(p.CadenceDays, p.Tier, tiers), last[p.ID], today)}
		if keep(r) {
			out = append(out, r)
		}
	}
	return out, nil
}

var chamberColumns = []listColumn[app.Chamber]{
	textColumn("商会名称", 260, func(c app.Chamber) string { return c.Name }),
	textColumn("类型", 130, func(c app.Chamber) string { return c.Kind }),
	textColumn("所在城市", 100, func(c app.Chamber) string { return c.City }),
	numberColumn("会员数", 70, func(c app.Chamber) int { return len(c.Members) }),
	textColumn("会长", 90, chamberHead),
	textColumn("备注", 320, func(c app.Chamber) string { return c.Notes }),
}

// chamberHead is the name of the member whose role is 会长, if any.
func chamberHead(c app.Chamber) string {
	for _, m := range c.Members {
		if m.Role == "会长" {
			return m.PersonName
		}
	}
	return ""
}

// chambersScreen lists the chambers of commerce with their member counts.
type chambersScreen struct {
	env  listEnv
	list *listView[app.Chamber]

	kind        *widget.Select
	city, query *widget.Entry
}

func newChambersScreen(env listEnv) *chambersScreen {
	s := &chambersScreen{env: env}
	s.list = newListView(env, listSpec[app.Chamber]{
		kind: app.KindChamber, key: "chambers", title: "商会", noun: "个商会", columns: chamberColumns,
		id:    func(c app.Chamber) string { return c.ID },
		name:  func(c app.Chamber) string { return c.Name },
		watch: []app.EntityKind{app.KindPerson},
	})
	f := &s.list.filters
	s.kind = f.choice("kind", "全部类型", nil)
	s.city = f.text("city", "所在城市", 120)
	s.query = f.text("q", "商会名称", 180)
	s.list.query = s.load
	return s
}

func (s *chambersScreen) content() fyne.CanvasObject {
	return s.list.content(func(ctx context.Context) (func(), error) {
		kinds, err := s.env.ledger.Store().Vocab(ctx, app.VocabChamberKind)
		if err != nil {
			return nil, err
		}
		return func() {
			var options []string
			for _, k := range kinds {
				options = append(options, k.Name)
			}
			setChoices(s.kind, options)
		}, nil
	})
}

// load reads every chamber (they are few) and filters in memory.
func (s *chambersScreen) load() (func(context.Context) ([]app.Chamber, error), error) {
	v := s.list.filters.values()
	store := s.env.ledger.Store()
	return func(ctx context.Context) ([]app.Chamber, error) {
		all, err := store.Chambers(ctx)
		if err != nil {
			return nil, err
		}
		var out []app.Chamber
		for _, c := range all {
			if (v["kind"] == "" || c.Kind == v["kind"]) && containsText(v["city"], c.City) && containsText(v["q"], c.Name) {
				out = append(out, c)
			}
		}
		return out, nil
	}, nil
}
