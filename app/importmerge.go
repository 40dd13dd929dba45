package app

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// What a row adds to a record it matches. With overwrite (the row's own record matched an
// existing one, the user asked to update it) the row's values replace the record's; without
// (a linked record, or a merge into an earlier row) they only fill what is blank. Names,
// free text and milestone dates are never overwritten; lists are joined.

func setText(dst *string, src string, overwrite bool) {
	if src != "" && (overwrite || *dst == "") {
		*dst = src
	}
}

func mergeEnterprise(dst *Enterprise, src Enterprise, overwrite bool) {
	setText(&dst.CreditCode, src.CreditCode, false)
	if src.Nature != "" && (overwrite || dst.Nature == "") {
		dst.Nature = src.Nature
	}
	if src.HQProvince != "" || src.HQCountry != "" {
		if overwrite || (dst.HQProvince == "" && dst.HQCountry == "") {
			dst.HQProvince, dst.HQCity, dst.HQCountry = src.HQProvince, src.HQCity, src.HQCountry
		}
	}
	for _, f := range []struct {
		dst *string
		src string
	}{{&dst.Industry, src.Industry}, {&dst.ChainID, src.ChainID}, {&dst.Website, src.Website}} {
		setText(f.dst, f.src, overwrite)
	}
	setText(&dst.Intro, src.Intro, false)
	setText(&dst.Owner, src.Owner, false)
	if src.Priority != "" && (overwrite || dst.Priority == "") {
		dst.Priority = src.Priority
	}
	for _, c := range src.Categories {
		if !slices.ContainsFunc(dst.Categories, func(d CategoryTag) bool { return d.Name == c.Name }) {
			dst.Categories = append(dst.Categories, c)
		}
	}
}

func mergePerson(dst *Person, src Person, overwrite bool) {
	for _, ph := range src.Phones {
		k := NormalizePhoneKey(ph)
		if !slices.ContainsFunc(dst.Phones, func(d string) bool { return d == ph || (k != "" && NormalizePhoneKey(d) == k) }) {
			dst.Phones = append(dst.Phones, ph)
		}
	}
	for _, f := range []struct {
		dst *string
		src string
	}{{&dst.Title, src.Title}, {&dst.Email, src.Email}, {&dst.WeChat, src.WeChat}, {&dst.NativeProvince, src.NativeProvince},
		{&dst.NativeCity, src.NativeCity}, {&dst.NativeCounty, src.NativeCounty}, {&dst.AlmaMater, src.AlmaMater},
		{&dst.ServicePlace, src.ServicePlace}, {&dst.Keeper, src.Keeper}} {
		setText(f.dst, f.src, overwrite)
	}
	setText(&dst.EnterpriseID, src.EnterpriseID, false)
	setText(&dst.Notes, src.Notes, false)
	for _, t := range src.Ties {
		if !slices.Contains(dst.Ties, t) {
			dst.Ties = append(dst.Ties, t)
		}
	}
}

// mergeProject adds src (normalised) to dst; raw is the row as read, which tells what the
// file actually gave (normalising fills the sector and the stage with defaults). The stage
// itself moves only through stageMove.
func mergeProject(dst *Project, raw, src Project, overwrite bool) {
	setText(&dst.Code, src.Code, false)
	for _, f := range []struct {
		dst *string
		src string
	}{{&dst.InvestorID, src.InvestorID}, {&dst.ZoneID, src.ZoneID}, {&dst.ChainID, src.ChainID},
		{&dst.Leader, src.Leader}, {&dst.Unit, src.Unit}} {
		setText(f.dst, f.src, overwrite)
	}
	if raw.Sector != "" && (overwrite || dst.Sector == "") {
		dst.Sector = src.Sector
	}
	for _, f := range []struct {
		dst *Yuan
		src Yuan
	}{{&dst.TotalInvestment, src.TotalInvestment}, {&dst.FixedInvestment, src.FixedInvestment}} {
		if f.src != 0 && (overwrite || *f.dst == 0) {
			*f.dst = f.src
		}
	}
	if src.ForeignCapital != 0 && (overwrite || dst.ForeignCapital == 0) {
		dst.ForeignCapital = src.ForeignCapital
	}
	if src.Land != 0 && (overwrite || dst.Land == 0) {
		dst.Land = src.Land
	}
	for _, f := range []struct{ dst, src *Date }{{&dst.SignedOn, &src.SignedOn}, {&dst.StartedOn, &src.StartedOn},
		{&dst.ProducedOn, &src.ProducedOn}, {&dst.RegisteredOn, &src.RegisteredOn}} {
		if f.dst.IsZero() {
			*f.dst = *f.src
		}
	}
	for _, m := range src.Methods {
		if !slices.Contains(dst.Methods, m) {
			dst.Methods = append(dst.Methods, m)
		}
	}
	for _, t := range src.HomecomingTies {
		if !slices.Contains(dst.HomecomingTies, t) {
			dst.HomecomingTies = append(dst.HomecomingTies, t)
		}
	}
	dst.Homecoming = dst.Homecoming || src.Homecoming
	dst.OutOfProvince = dst.OutOfProvince || src.OutOfProvince
	dst.GanReturn = dst.GanReturn || src.GanReturn
	dst.Registered = dst.Registered || src.Registered
	setText(&dst.Notes, src.Notes, false)
}

// milestone is the date a project reached its stage, as far as the row tells.
func milestone(p Project) Date {
	switch p.Stage {
	case StageSigned:
		return p.SignedOn
	case StageStarted, StageBuilding:
		return p.StartedOn
	case StageProducing:
		return p.ProducedOn
	}
	return Date{}
}

// startProject dates a new project's stage: the milestone of its stage, else today.
func (p *planner) startProject(q *Project) {
	if q.StageSince.IsZero() {
		q.StageSince = milestone(*q)
	}
	if q.StageSince.IsZero() || q.StageSince.After(p.today) {
		q.StageSince = p.today
	}
}

// stageMove moves an existing project to the stage the row gives, under the stage rules; a
// move the rules refuse leaves the stage as it was, with a warning.
func (p *planner) stageMove(row int, cur *Project, src Project, w *rowWork) *StageChange {
	on := milestone(src)
	if on.IsZero() || on.Before(cur.StageSince) || on.After(p.today) {
		on = p.today
	}
	reason := src.StageReason
	if reason == "" {
		reason = fmt.Sprintf("导入：原表阶段为“%s”", src.Stage)
	}
	m := StageMove{To: src.Stage, On: on, Reason: reason}
	if err := CheckStageMove(*cur, m, p.today); err != nil {
		msgs := []string{}
		for _, fe := range FieldProblems(err) {
			msgs = append(msgs, fe.Message)
		}
		if len(msgs) == 0 {
			msgs = append(msgs, err.Error())
		}
		w.warnings = append(w.warnings, p.problem(row, "project.stage", fmt.Sprintf("阶段未从“%s”改为“%s”：%s", cur.Stage, src.Stage, strings.Join(msgs, "；"))))
		return nil
	}
	from := cur.Stage
	*cur = ApplyStageMove(*cur, m)
	return &StageChange{ID: NewID(), ProjectID: cur.ID, From: from, To: m.To, On: m.On, Reason: m.Reason}
}

// zoneKey folds the long forms of zone names into the short ones the reference data uses.
func zoneKey(s string) string {
	s = strings.Join(strings.Fields(HalfWidth(CleanText(s))), "")
	return zoneWords.Replace(s)
}

var zoneWords = strings.NewReplacer("经济技术开发区", "经开区", "高新技术产业开发区", "高新区", "高新技术开发区", "高新区",
	"经济开发区", "经开区", "工业园区", "工业园")

// resolveRefs links a project to the zone and the chain its row names.
func (p *planner) resolveRefs(r *ImportRow, q *Project, w *rowWork) {
	if r.Zone != "" {
		if p.zoneIDs == nil {
			p.zoneIDs = map[string]string{}
			for _, z := range p.zones {
				if k := zoneKey(z.Name); p.zoneIDs[k] == "" {
					p.zoneIDs[k] = z.ID
				}
			}
		}
		q.ZoneID = p.zoneIDs[zoneKey(r.Zone)]
		if q.ZoneID == "" {
			w.warnings = append(w.warnings, p.problem(r.Row, "project.zone", fmt.Sprintf("未找到开发区“%s”，未关联开发区", r.Zone)))
		}
	}
	if r.Chain != "" {
		k := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(CleanText(r.Chain), "产业链"), "产业"), "链")
		for _, c := range p.chains {
			if c.Name == k || c.Name == CleanText(r.Chain) {
				if q.ChainID == "" || strings.Contains(c.Plan, "1269") {
					q.ChainID = c.ID
				}
			}
		}
		if q.ChainID == "" {
			w.warnings = append(w.warnings, p.problem(r.Row, "project.chain", fmt.Sprintf("未找到产业链“%s”，未关联产业链", r.Chain)))
		}
	}
}

// applyRow puts a valid row's records into the plan.
func (p *planner) applyRow(row int, w *rowWork) {
	if w.ent != nil && (w.entNew || w.entTouch) {
		w.ent.rec = w.entRec
		if w.ent.orig != nil {
			w.ent.changed = true
		}
		if w.ent.row == 0 {
			w.ent.row = row
		}
		p.indexEnt(w.ent)
		if !p.entSeen[w.ent] {
			p.entSeen[w.ent] = true
			p.ents = append(p.ents, w.ent)
		}
	}
	if w.person != nil && (w.perNew || w.perTouch) {
		w.person.rec = w.perRec
		if w.person.orig != nil {
			w.person.changed = true
		}
		if w.person.row == 0 {
			w.person.row = row
		}
		p.indexPerson(w.person)
		if !p.perSeen[w.person] {
			p.perSeen[w.person] = true
			p.people = append(p.people, w.person)
		}
	}
	if w.project != nil && (w.proNew || w.proTouch) {
		w.project.rec = w.proRec
		if w.project.orig != nil {
			w.project.changed = true
		}
		if w.project.row == 0 {
			w.project.row = row
		}
		if w.proMove != nil {
			w.project.moves = append(w.project.moves, *w.proMove)
		}
		p.indexProject(w.project)
		if !p.proSeen[w.project] {
			p.proSeen[w.project] = true
			p.projects = append(p.projects, w.project)
		}
	}
}

// finish stamps the plan's records and writes the report.
func (p *planner) finish(rows []PlannedRow) (ImportChanges, ImportReport) {
	var latest time.Time
	for _, r := range p.ents {
		if r.orig != nil && r.orig.UpdatedAt.After(latest) {
			latest = r.orig.UpdatedAt
		}
	}
	for _, r := range p.people {
		if r.orig != nil && r.orig.UpdatedAt.After(latest) {
			latest = r.orig.UpdatedAt
		}
	}
	for _, r := range p.projects {
		if r.orig != nil && r.orig.UpdatedAt.After(latest) {
			latest = r.orig.UpdatedAt
		}
	}
	at, who := p.l.stampTime(latest), p.l.User()
	f := p.f
	c := ImportChanges{Read: map[string]time.Time{}, Batch: ImportBatch{File: f.Path, Sheet: f.Sheet, Hash: f.Hash, At: at, By: who, RowsRead: f.RowsRead}}
	c.Create.Enterprises = make([]Enterprise, 0, len(p.ents))
	c.Create.People = make([]Person, 0, len(p.people))
	c.Create.Projects = make([]Project, 0, len(p.projects))
	c.Create.StageChanges = make([]StageChange, 0, len(p.projects))
	counts := map[EntityKind]*RecordCount{KindEnterprise: {Kind: KindEnterprise}, KindPerson: {Kind: KindPerson}, KindProject: {Kind: KindProject}}
	stampNew := func(m *Meta) { m.CreatedAt, m.UpdatedAt, m.UpdatedBy = at, at, who }
	stampOld := func(m *Meta) { c.Read[m.ID] = m.UpdatedAt; m.UpdatedAt, m.UpdatedBy = at, who }
	for _, r := range p.ents {
		e := r.rec
		switch {
		case r.orig == nil:
			stampNew(&e.Meta)
			c.Create.Enterprises = append(c.Create.Enterprises, e)
			counts[KindEnterprise].Created++
		case r.changed:
			stampOld(&e.Meta)
			c.Enterprises = append(c.Enterprises, e)
			counts[KindEnterprise].Updated++
		}
	}
	for _, r := range p.people {
		q := r.rec
		switch {
		case r.orig == nil:
			stampNew(&q.Meta)
			c.Create.People = append(c.Create.People, q)
			counts[KindPerson].Created++
		case r.changed:
			stampOld(&q.Meta)
			c.People = append(c.People, q)
			counts[KindPerson].Updated++
		}
	}
	for _, r := range p.projects {
		q := r.rec
		switch {
		case r.orig == nil:
			stampNew(&q.Meta)
			c.Create.Projects = append(c.Create.Projects, q)
			c.Create.StageChanges = append(c.Create.StageChanges, StageChange{ID: NewID(), ProjectID: q.ID, To: q.Stage,
				On: q.StageSince, Reason: q.StageReason, CreatedAt: at, By: who})
			counts[KindProject].Created++
		case r.changed:
			stampOld(&q.Meta)
			c.Projects = append(c.Projects, q)
			for _, m := range r.moves {
				m.CreatedAt, m.By = at, who
				c.StageChanges = append(c.StageChanges, m)
			}
			counts[KindProject].Updated++
		}
	}

	rep := ImportReport{File: f.Path, Format: f.Format, Sheet: f.Sheet, HeaderRows: nonNilSlice(f.HeaderRows), RowsRead: f.RowsRead,
		Merged: []ImportMerge{}, Skipped: slices.Clone(f.Skipped), Rejected: []ImportProblem{}, Warnings: slices.Clone(f.Warnings),
		Duplicates: nonNilSlice(p.matches), Columns: f.Columns, DryRun: true}
	if rep.Skipped == nil {
		rep.Skipped = []ImportProblem{}
	}
	if rep.Warnings == nil {
		rep.Warnings = []ImportProblem{}
	}
	for _, r := range rows {
		rep.Warnings = append(rep.Warnings, r.Warnings...)
		switch r.Outcome {
		case OutcomeCreated:
			rep.Created++
		case OutcomeUpdated:
			rep.Updated++
		case OutcomeMerged:
			why := ""
			if r.Match != nil {
				why = r.Match.Why
			}
			rep.Merged = append(rep.Merged, ImportMerge{Row: r.Row, IntoRow: r.IntoRow, Why: why})
		case OutcomeSkipped:
			rep.Skipped = append(rep.Skipped, ImportProblem{Row: r.Row, Reason: r.Reason})
		case OutcomeRejected:
			rep.Rejected = append(rep.Rejected, r.Errors...)
		}
	}
	slices.SortStableFunc(rep.Skipped, func(a, b ImportProblem) int { return a.Row - b.Row })
	slices.SortStableFunc(rep.Warnings, func(a, b ImportProblem) int { return a.Row - b.Row })
	for _, k := range []EntityKind{KindEnterprise, KindPerson, KindProject} {
		rep.Records = append(rep.Records, *counts[k])
	}
	c.Batch.Created, c.Batch.Updated = rep.Created, rep.Updated
	return c, rep
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
