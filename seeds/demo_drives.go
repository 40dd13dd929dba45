package seeds

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"ganzhao/app"
)

// driveStream is the PCG stream of the drives (三请三回 events, a campaign, trips), drawn after
// everything else from a generator of their own, so adding them changed no other record of a
// seed's dataset except the last 到位资金 rows they take the place of.
const driveStream = 0x6472697665732121 // "drives!!"

// genDrives adds 三请三回 events with guests and signed projects, an outreach campaign with a
// follow-up task per person, and trips that the visits logged in their dates belong to. So the
// dataset keeps its exact size, as many 到位资金 rows are dropped from the end of the ledger
// (the last months of the last projects) as records are added.
func (g *demoGen) genDrives(seed uint64) {
	main := g.r
	g.r = rand.New(rand.NewPCG(seed, driveStream))
	defer func() { g.r = main }()
	budget := len(g.ds.Arrivals)
	size := g.ds.Len()
	nEvents := min(max(2, size/400), 80, budget/2)
	nTrips := min(max(1, size/4000), 8, (budget-nEvents)/2)
	nCampaign := min(max(4, size/500), 40, budget-nEvents-nTrips-1)
	if nEvents < 1 || nTrips < 1 || nCampaign < 1 {
		return // too small a dataset to spare the rows
	}
	g.genEvents(nEvents)
	g.genTrips(nTrips)
	g.genCampaign(nCampaign)
	g.ds.Arrivals = g.ds.Arrivals[:len(g.ds.Arrivals)-(g.ds.Len()-size)]
}

var (
	eventKindW  = []int{30, 25, 15, 15, 10, 5} // in app.EventKinds order
	eventLevelW = []int{30, 50, 20}            // in app.EventLevels order
	organisers  = map[app.EventLevel]string{app.LevelCity: "市投资促进局", app.LevelCounty: "县商务局", app.LevelTownship: "镇人民政府"}
)

// genEvents adds events on the festival dates of the last three years, each inviting 三友 and
// some of them signing projects first signed in the following months.
func (g *demoGen) genEvents(n int) {
	friends := slices.Concat(g.tiePool[0], g.tiePool[1], g.tiePool[2])
	slices.Sort(friends)
	friends = slices.Compact(friends)
	signed := map[string]bool{}
	for range n {
		kind := app.EventKinds[g.weighted(eventKindW)]
		level := app.EventLevels[g.weighted(eventLevelW)]
		city := g.ds.Chambers[g.intn(len(g.ds.Chambers))].City
		e := app.Event{Kind: kind, On: g.festivalDate(), Level: level, Organiser: organisers[level],
			Place: city + "江西商会会所"}
		e.Name = fmt.Sprintf("%d年%s赣籍企业家%s", e.On.Year(), city, kind)
		e.Meta = g.meta(e.On.AddDays(-g.between(10, 30)), e.On)
		for range min(len(friends), g.between(4, 16)) {
			e.Invite(g.ds.People[friends[g.intn(len(friends))]].ID)
		}
		for i := range e.Guests {
			e.Guests[i].Attended = g.chance(0.7)
		}
		for i := range g.ds.Projects {
			p := &g.ds.Projects[i]
			if len(e.Signings) < 2 && !signed[p.ID] && !p.SignedOn.IsZero() && p.SignedOn.Within(e.On, e.On.AddDays(60)) && g.chance(0.3) {
				signed[p.ID] = true
				e.Sign(p.ID, p.TotalInvestment)
			}
		}
		g.ds.Events = append(g.ds.Events, e)
	}
}

// genTrips adds trips around visits already logged: the first is under way today, the others
// are anchored on a random earlier visit. Every visit, talk or inspection in a trip's dates
// becomes one of its visits.
func (g *demoGen) genTrips(n int) {
	visit := func(a *app.Activity) bool {
		return a.TripID == "" && (a.Kind == "走访" || a.Kind == "洽谈" || a.Kind == "考察") && len(a.EnterpriseIDs) > 0
	}
	var anchors []int
	for i := range g.ds.Activities {
		if visit(&g.ds.Activities[i]) {
			anchors = append(anchors, i)
		}
	}
	if len(anchors) == 0 {
		return
	}
	for k := range n {
		var from, to app.Date
		var place string
		if k == 0 {
			from, to = g.today.AddDays(-3), g.today.AddDays(2)
			place = g.ds.Chambers[0].City
		} else {
			a := &g.ds.Activities[anchors[g.intn(len(anchors))]]
			from = a.On.AddDays(-g.intn(2))
			to = minDate(from.AddDays(g.between(2, 5)), g.today)
			if ent := g.enterpriseIndex(a.EnterpriseIDs[0]); ent >= 0 {
				place = g.ds.Enterprises[ent].HQCity
			}
		}
		if place == "" {
			place = g.ds.Chambers[g.intn(len(g.ds.Chambers))].City
		}
		members := []string{team[g.intn(len(team))]}
		if other := team[g.intn(len(team))]; other != members[0] {
			members = append(members, other)
		}
		t := app.Trip{Destination: place, StartsOn: from, EndsOn: to, Members: members,
			Purpose: "驻点招商：拜访" + place + "重点企业和赣籍企业家，推介园区投资环境"}
		t.Meta = g.meta(from.AddDays(-7), from)
		n := 0
		for i := range g.ds.Activities {
			a := &g.ds.Activities[i]
			if visit(a) && a.On.Within(from, to) && n < 8 {
				a.TripID, a.By, a.Place = t.ID, members[0], place
				n++
			}
		}
		g.ds.Trips = append(g.ds.Trips, t)
	}
}

func (g *demoGen) enterpriseIndex(id string) int {
	return slices.IndexFunc(g.ds.Enterprises, func(e app.Enterprise) bool { return e.ID == id })
}

// genCampaign adds the outreach of the coming festival to the 乡友 of the most common native
// city, with a task for up to n of them, a third of them done.
func (g *demoGen) genCampaign(n int) {
	count := map[string]int{}
	for _, i := range g.tiePool[0] {
		count[g.ds.People[i].NativeCity]++
	}
	city := ""
	for c, k := range count {
		if c != "" && (k > count[city] || (k == count[city] && c < city)) {
			city = c
		}
	}
	occasion := "中秋"
	if m := g.today.Month(); m >= time.November || m <= time.February {
		occasion = "春节"
	} else if m <= time.April {
		occasion = "清明"
	}
	c := app.Campaign{Name: fmt.Sprintf("%d年%s赣籍乡友联络", g.today.Year(), occasion), Occasion: occasion,
		StartsOn: g.today.AddDays(-10), EndsOn: g.today.AddDays(20), TaskTitle: occasion + "问候",
		Filter: app.CampaignFilter{Ties: []app.Tie{app.TieHometown}, NativeCity: city}}
	c.Meta = g.meta(c.StartsOn, c.StartsOn)
	g.ds.Campaigns = append(g.ds.Campaigns, c)
	for _, i := range g.tiePool[0] {
		p := g.ds.People[i]
		if n == 0 || !c.Filter.Matches(p) {
			continue
		}
		n--
		t := app.CampaignTask(c, p)
		if g.chance(0.33) {
			t.Done, t.DoneOn = true, g.dateBetween(c.StartsOn, g.today)
		}
		t.Meta = g.meta(c.StartsOn, maxDate(c.StartsOn, t.DoneOn))
		g.ds.Tasks = append(g.ds.Tasks, t)
	}
}
