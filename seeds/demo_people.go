package seeds

import (
	"math/rand/v2"

	"ganzhao/app"
)

// peopleStream is the PCG stream of the keeping-in-touch details (tiers, cities of residence,
// relationships), drawn after everything else from a generator of their own, so adding them
// changed no other record of a seed's dataset.
const peopleStream = 0x70656f706c652d72 // "people-r"

// genKeepInTouch grades the 三友 who had a cadence of 30, 60 or 90 days as tier A, B or C (the
// tiers' default cadences: their reminders are unchanged), gives people the city of their
// company's head office as their city of residence (a 三友 without a company often lives in
// one of the usual cities), and links about one person in twenty to another: 同乡 from the same
// county, 校友 from the same school, 战友 from the same service place, 亲属 and 引荐人.
// Relationships are links between people, not counted in the dataset's size.
func (g *demoGen) genKeepInTouch(seed uint64) {
	main := g.r
	g.r = rand.New(rand.NewPCG(seed, peopleStream))
	defer func() { g.r = main }()
	tierOf := map[int]app.Tier{30: app.TierA, 60: app.TierB, 90: app.TierC}
	groups := map[string][]int{} // kind + shared value → people
	for i := range g.ds.People {
		p := &g.ds.People[i]
		if t, ok := tierOf[p.CadenceDays]; ok && len(p.Ties) > 0 {
			p.Tier, p.CadenceDays = t, 0
		}
		if e := g.personEnt[i]; e >= 0 {
			p.ResidenceCity = g.ds.Enterprises[e].HQCity
		} else if len(p.Ties) > 0 && g.chance(0.6) {
			p.ResidenceCity = hqPlaces[g.intn(len(hqPlaces))].city
		}
		for _, k := range []struct {
			kind  app.RelationKind
			value string
		}{{app.RelationHometown, p.NativeCity + p.NativeCounty}, {app.RelationAlumni, p.AlmaMater}, {app.RelationComrade, p.ServicePlace}} {
			if k.value != "" && (k.kind != app.RelationHometown || p.NativeCounty != "") {
				key := string(k.kind) + k.value
				groups[key] = append(groups[key], i)
			}
		}
	}
	n := len(g.ds.People)
	want := n / 20
	seen := map[string]bool{}
	link := func(kind app.RelationKind, from, to int, note string) {
		if from == to {
			return
		}
		r := app.Relationship{Meta: g.metaRecent(), Kind: kind, FromID: g.ds.People[from].ID, ToID: g.ds.People[to].ID, Note: note}
		app.NormalizeRelationship(&r)
		if key := string(r.Kind) + r.FromID + r.ToID; !seen[key] {
			seen[key] = true
			g.ds.Relationships = append(g.ds.Relationships, r)
		}
	}
	// The groups in the order their first member appears, so that the dataset does not depend
	// on map order.
	var keys []string
	for i := range g.ds.People {
		p := g.ds.People[i]
		for _, key := range []string{string(app.RelationHometown) + p.NativeCity + p.NativeCounty, string(app.RelationAlumni) + p.AlmaMater, string(app.RelationComrade) + p.ServicePlace} {
			if m := groups[key]; len(m) > 1 && m[0] == i {
				keys = append(keys, key)
			}
		}
	}
	made := map[app.RelationKind]int{}
	for _, key := range keys {
		m := groups[key]
		kind := app.RelationKind([]rune(key)[0:2])
		for j := 1; j < len(m) && made[kind] < want/4; j++ {
			if g.chance(0.15) {
				link(kind, m[j-1], m[j], "")
				made[kind]++
			}
		}
	}
	for len(g.ds.Relationships) < want && n > 1 {
		a, b := g.intn(n), g.intn(n)
		if g.chance(0.3) {
			link(app.RelationKin, a, b, g.pick([]string{"兄弟", "姐弟", "夫妻", "父子", "表亲"}))
		} else {
			link(app.RelationIntroducer, a, b, g.pick([]string{"商会活动上介绍", "老乡引荐", "校友会上介绍", "恳谈会上介绍"}))
		}
	}
}
