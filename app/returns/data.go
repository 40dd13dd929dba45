package returns

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"ganzhao/app"
)

// data is the part of the ledger a return reads, loaded once per generation and indexed.
type data struct {
	period   app.Month
	today    app.Date
	settings app.Settings

	zones       map[string]*app.Zone
	refRank     map[string]int // zone and chain names in the reference order
	zoneByName  map[string]*app.Zone
	divisions   map[string]app.Division
	chains      map[string]*app.Chain
	enterprises map[string]*app.Enterprise
	funds       map[string]*app.Fund
	fundList    []app.Fund
	projects    []app.Project
	projectByID map[string]*app.Project
	facts       map[string]*app.ProjectFact
	factList    []app.ProjectFact

	// Loaded only when a field or source needs them.
	latest      map[string]*app.Activity // newest activity of each project up to the period's end
	openTasks   map[string][]app.Task    // open tasks of each project, overdue first
	investments []app.FundInvestment
	reinvest    map[string]*app.ReinvestLedger // per fund: its 返投 ledger at the period's end
	people      map[string]*app.Person
	contacts    map[string][]*app.Person // people of each enterprise, by name
	activities  []app.Activity
	events      []app.Event
}

// needs are the optional parts of the ledger a field or source reads.
type needs uint8

const (
	needActivities needs = 1 << iota
	needTasks
	needInvestments
	needPeople
	needEvents
)

// periodEnd is the last day of the period's month.
func (d *data) periodEnd() app.Date { return d.period.Last() }

// asOf is the date "now" means in a return: the end of the period, or today when the period
// has not ended yet.
func (d *data) asOf() app.Date {
	if end := d.periodEnd(); end.Before(d.today) {
		return end
	}
	return d.today
}

// inScope reports whether a date falls in the scope of the period.
func (d *data) inScope(s Scope, on app.Date) bool {
	switch s {
	case ScopeMonth:
		return on.Within(d.period.First(), d.periodEnd())
	case ScopeYear:
		return on.Within(app.NewDate(d.period.Year, time.January, 1), d.periodEnd())
	case ScopeToDate:
		return on.Within(app.Date{}, d.periodEnd())
	}
	return true
}

// load reads what the mapping needs for the period.
func load(ctx context.Context, st app.Store, period app.Month, today app.Date, n needs) (*data, error) {
	d := &data{period: period, today: today}
	var err error
	if d.settings, err = st.Settings(ctx); err != nil {
		return nil, err
	}
	zones, err := st.Zones(ctx)
	if err != nil {
		return nil, err
	}
	d.zones, d.zoneByName, d.refRank = map[string]*app.Zone{}, map[string]*app.Zone{}, map[string]int{}
	for i := range zones {
		d.zones[zones[i].ID], d.zoneByName[zones[i].Name] = &zones[i], &zones[i]
		d.refRank[zones[i].Name] = i
	}
	divs, err := st.Divisions(ctx)
	if err != nil {
		return nil, err
	}
	d.divisions = map[string]app.Division{}
	for _, v := range divs {
		d.divisions[v.Code] = v
	}
	chains, err := st.Chains(ctx)
	if err != nil {
		return nil, err
	}
	d.chains = map[string]*app.Chain{}
	for i := range chains {
		d.chains[chains[i].ID] = &chains[i]
		if _, ok := d.refRank[chains[i].Name]; !ok {
			d.refRank[chains[i].Name] = len(zones) + i
		}
	}
	ents, err := st.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil {
		return nil, err
	}
	d.enterprises = make(map[string]*app.Enterprise, len(ents))
	for i := range ents {
		d.enterprises[ents[i].ID] = &ents[i]
	}
	if d.fundList, err = st.Funds(ctx); err != nil {
		return nil, err
	}
	d.funds = map[string]*app.Fund{}
	for i := range d.fundList {
		d.funds[d.fundList[i].ID] = &d.fundList[i]
	}
	if d.projects, err = st.Projects(ctx, app.ProjectFilter{}); err != nil {
		return nil, err
	}
	d.projectByID = make(map[string]*app.Project, len(d.projects))
	for i := range d.projects {
		d.projectByID[d.projects[i].ID] = &d.projects[i]
	}
	if d.factList, err = st.ProjectFacts(ctx); err != nil {
		return nil, err
	}
	d.facts = make(map[string]*app.ProjectFact, len(d.factList))
	for i := range d.factList {
		d.facts[d.factList[i].ID] = &d.factList[i]
	}
	if n&(needActivities) != 0 {
		if d.activities, err = st.Activities(ctx, app.ActivityFilter{To: d.periodEnd()}); err != nil {
			return nil, err
		}
		// Activities come newest first: the first seen for a project is its latest.
		d.latest = map[string]*app.Activity{}
		for i := range d.activities {
			for _, id := range d.activities[i].ProjectIDs {
				if _, ok := d.latest[id]; !ok {
					d.latest[id] = &d.activities[i]
				}
			}
		}
	}
	if n&needTasks != 0 {
		tasks, err := st.Tasks(ctx, app.TaskFilter{OpenOnly: true})
		if err != nil {
			return nil, err
		}
		d.openTasks = map[string][]app.Task{}
		for _, t := range tasks {
			d.openTasks[t.ProjectID] = append(d.openTasks[t.ProjectID], t)
		}
		asOf := d.asOf()
		for _, ts := range d.openTasks {
			slices.SortStableFunc(ts, func(a, b app.Task) int {
				ao, bo := !a.DueOn.IsZero() && a.DueOn.Before(asOf), !b.DueOn.IsZero() && b.DueOn.Before(asOf)
				switch {
				case ao && !bo:
					return -1
				case bo && !ao:
					return 1
				}
				return a.DueOn.Compare(b.DueOn)
			})
		}
	}
	if n&needInvestments != 0 {
		// Each fund's investments and LPs, and its 返投 ledger as of the period's end.
		totals := make(map[string]app.Yuan, len(d.projects))
		for _, p := range d.projects {
			totals[p.ID] = p.TotalInvestment
		}
		d.reinvest = make(map[string]*app.ReinvestLedger, len(d.fundList))
		for _, f := range d.fundList {
			vs, err := st.FundInvestments(ctx, f.ID)
			if err != nil {
				return nil, err
			}
			lps, err := st.FundLPs(ctx, f.ID)
			if err != nil {
				return nil, err
			}
			r := app.ComputeReinvest(f, lps, vs, totals, d.periodEnd())
			d.reinvest[f.ID] = &r
			d.investments = append(d.investments, vs...)
		}
	}
	if n&needEvents != 0 {
		if d.events, err = st.Events(ctx, app.EventFilter{To: d.periodEnd()}); err != nil {
			return nil, err
		}
	}
	if n&needPeople != 0 {
		people, err := st.People(ctx, app.PersonFilter{})
		if err != nil {
			return nil, err
		}
		d.people = make(map[string]*app.Person, len(people))
		d.contacts = map[string][]*app.Person{}
		for i := range people {
			d.people[people[i].ID] = &people[i]
			if e := people[i].EnterpriseID; e != "" {
				d.contacts[e] = append(d.contacts[e], &people[i])
			}
		}
	}
	return d, nil
}

// record is one data row: a project, an investment, a kind of event or a zone's KPIs.
type record struct {
	kind  string // what ArchivedRow.Kind says
	id    string
	label string

	p    *app.Project
	fact *app.ProjectFact
	fund *app.Fund
	inv  *app.FundInvestment
	ev   *eventRow
	kpi  *kpiRow

	seq    int
	change string
}

// eventRow is one kind of 三请三回 event with its figures.
type eventRow = app.EventKindFigures

// kpiRow is the KPIs of one zone or chain for the period's month and its year to date, with
// the 基金招商 projects (a fund named or the method 基金招商) first signed in each.
type kpiRow struct {
	key                 string
	month, year         app.KPIs
	fundMonth, fundYear app.Tally
}

// records builds the rows of a source before filtering.
func (d *data) records(s SheetMapping) []*record {
	switch s.Source {
	case SourceProjects:
		out := make([]*record, 0, len(d.projects))
		for i := range d.projects {
			p := &d.projects[i]
			out = append(out, &record{kind: "项目", id: p.ID, label: p.Name, p: p, fact: d.facts[p.ID], fund: d.funds[p.FundID]})
		}
		return out
	case SourceInvestments:
		out := make([]*record, 0, len(d.investments))
		for i := range d.investments {
			v := &d.investments[i]
			r := &record{kind: "基金投资", id: v.ID, inv: v, fund: d.funds[v.FundID]}
			if p := d.projectByID[v.ProjectID]; p != nil {
				r.p, r.fact = p, d.facts[p.ID]
			}
			if e := d.enterprises[v.EnterpriseID]; e != nil {
				r.label = e.Name
			}
			out = append(out, r)
		}
		return out
	case SourceEvents:
		return d.eventRecords(s.Filter)
	case SourceZones, SourceChains:
		return d.kpiRecords(s.Source, s.Filter)
	}
	return nil
}

// eventRecords lists the figures of the 三请三回 events in the filter's scope by kind, one
// row per kind of the filter (every kind by default), as app.ComputeEventFigures counts them:
// guests who are one of the 三友 counted per event (人次), and each project signed at the
// events once, under its earliest event, with the amount signed there.
func (d *data) eventRecords(f Filter) []*record {
	kinds := f.EventKinds
	if len(kinds) == 0 {
		kinds = DefaultEventKinds
	}
	figures := app.ComputeEventFigures(d.events, d.people, d.scopePeriod(f.Scope))
	out := make([]*record, 0, len(kinds))
	for _, k := range kinds {
		row := &eventRow{Kind: app.EventKind(k)}
		for i := range figures.ByKind {
			if string(figures.ByKind[i].Kind) == k {
				row = &figures.ByKind[i]
			}
		}
		out = append(out, &record{kind: "活动形式", id: k, label: k, ev: row})
	}
	return out
}

// scopePeriod is the range of dates a scope covers in the period.
func (d *data) scopePeriod(s Scope) app.Period {
	switch s {
	case ScopeMonth:
		return app.Period{From: d.period.First(), To: d.periodEnd()}
	case ScopeYear:
		return app.Period{From: app.NewDate(d.period.Year, time.January, 1), To: d.periodEnd()}
	case ScopeToDate:
		return app.Period{To: d.periodEnd()}
	}
	return app.Period{}
}

// kpiRecords computes the KPIs of each zone (or chain) for the month and the year to date;
// zones with nothing signed, started, produced or arrived in the year are left out.
func (d *data) kpiRecords(src Source, f Filter) []*record {
	groups := map[string][]app.ProjectFact{}
	var order []string
	for _, fact := range d.factList {
		key := fact.ZoneName
		if src == SourceChains {
			key = fact.ChainName
		}
		if key == "" {
			key = app.Unassigned
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], fact)
	}
	month := app.Period{From: d.period.First(), To: d.periodEnd()}
	year := app.Period{From: app.NewDate(d.period.Year, time.January, 1), To: d.periodEnd()}
	var out []*record
	for _, key := range order {
		if src == SourceZones && len(f.Zones) > 0 && !slices.Contains(f.Zones, key) {
			continue
		}
		k := &kpiRow{key: key, month: app.ComputeKPIs(groups[key], month), year: app.ComputeKPIs(groups[key], year)}
		for _, fact := range groups[key] {
			if p := d.projectByID[fact.ID]; p == nil || fact.FirstSignedOn.IsZero() || !d.driveOf(DriveFund, p) {
				continue
			}
			if fact.FirstSignedOn.Within(month.From, month.To) {
				k.fundMonth.Count++
				k.fundMonth.Amount += fact.Total
			}
			if fact.FirstSignedOn.Within(year.From, year.To) {
				k.fundYear.Count++
				k.fundYear.Amount += fact.Total
			}
		}
		y := k.year
		if y.Signed.Count == 0 && y.Started == 0 && y.Produced == 0 && y.ArrivedInPeriod == 0 {
			continue
		}
		kind := "开发区"
		if src == SourceChains {
			kind = "产业链"
		}
		out = append(out, &record{kind: kind, id: key, label: key, kpi: k})
	}
	return out
}

// qualifies reports whether a record passes the filter (ChangedOnly is applied later).
func (d *data) qualifies(s SheetMapping, r *record) bool {
	f := s.Filter
	switch s.Source {
	case SourceEvents, SourceZones, SourceChains:
		return true
	case SourceInvestments:
		if !d.inScope(f.Scope, r.inv.On) {
			return false
		}
		if r.p == nil {
			// An investment with no local project passes only filters that do not ask
			// about the project.
			return len(f.Stages) == 0 && f.Size == "" && len(f.Zones) == 0 && (f.Drive == "" || f.Drive == DriveFund)
		}
	case SourceProjects:
		if f.Scope != ScopeAny {
			if r.fact == nil || r.fact.FirstSignedOn.IsZero() || !d.inScope(f.Scope, r.fact.FirstSignedOn) {
				return false
			}
		}
	}
	p := r.p
	if len(f.Stages) > 0 && !slices.Contains(f.Stages, p.Stage) {
		return false
	}
	zone := d.zones[p.ZoneID]
	if len(f.Zones) > 0 && (zone == nil || !slices.Contains(f.Zones, zone.Name)) {
		return false
	}
	switch f.Size {
	case SizeYiPlus:
		if !app.IsYiPlus(p.TotalInvestment) {
			return false
		}
	case Size5020:
		if zone == nil || !app.Is5020(p.TotalInvestment, p.Sector, zone.Level) {
			return false
		}
	}
	if f.Drive != "" && !d.driveOf(f.Drive, p) {
		return false
	}
	return true
}

// driveOf reports whether a project belongs to a drive.
func (d *data) driveOf(drive string, p *app.Project) bool {
	investor := d.enterprises[p.InvestorID]
	switch drive {
	case DriveHomecoming:
		return p.Homecoming || slices.Contains(p.Methods, "三请三回")
	case DriveThreeEnterprises:
		return investor != nil && investor.Nature.ThreeEnterprises() != ""
	case DriveFund:
		return p.FundID != "" || slices.Contains(p.Methods, "基金招商")
	case DriveGanReturn:
		return p.GanReturn
	case DriveOutOfProvince:
		return p.OutOfProvince
	case DriveForeign:
		return p.ForeignCapital > 0 || (investor != nil && strings.HasPrefix(string(investor.Nature), "外企"))
	}
	return false
}

// needsOf says which optional parts of the ledger a mapping reads.
func needsOf(m Mapping) needs {
	var n needs
	for _, s := range m.Sheets {
		switch s.Source {
		case SourceInvestments:
			n |= needInvestments
		case SourceEvents:
			n |= needEvents | needPeople
		}
		for _, c := range s.Columns {
			if f, ok := FieldByKey(c.Field); ok {
				n |= f.needs
			}
		}
	}
	return n
}

// errNoSheet is a mapping naming a sheet the workbook does not have.
func errNoSheet(file, sheet string) error {
	return fmt.Errorf("模板“%s”中没有名为“%s”的工作表", file, sheet)
}
