package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ImportOptions are the settings of a commit.
type ImportOptions struct {
	// Progress, when set, is told how far planning has got (rows done of total) and when
	// writing starts (done == total).
	Progress func(done, total int)
}

// PreviewImport plans a file against the ledger without writing anything: for each row the
// proposed action (or the user's choice from choices, by row number, where it is allowed),
// the duplicates found and every problem.
func (l *Ledger) PreviewImport(ctx context.Context, f *ImportFile, choices map[int]ImportAction) (*ImportPlan, error) {
	return l.planImport(ctx, f, choices, nil)
}

// CommitImport plans the file again against the ledger as it is now, takes a backup, and
// writes the batch in one transaction. Nothing is written when any step fails.
func (l *Ledger) CommitImport(ctx context.Context, f *ImportFile, choices map[int]ImportAction, opt ImportOptions) (ImportReport, error) {
	plan, err := l.planImport(ctx, f, choices, opt.Progress)
	if err != nil {
		return ImportReport{}, err
	}
	rep := plan.Report
	rep.DryRun = false
	if rep.Created == 0 && rep.Updated == 0 && len(rep.Merged) == 0 {
		return rep, fmt.Errorf("文件 %s 没有可导入的行（%s）", f.Path, rep.Summary())
	}
	if opt.Progress != nil {
		opt.Progress(len(f.Rows), len(f.Rows))
	}
	backup, err := l.BackupBefore(ctx, "导入前")
	if err != nil {
		return ImportReport{}, fmt.Errorf("导入前备份失败，未导入任何记录：%w", err)
	}
	rep.Backup = backup
	c := plan.changes
	c.Batch.ID = NewID()
	c.Batch.Backup = rep.Backup
	rep.Batch = c.Batch.ID
	report, err := json.Marshal(rep)
	if err != nil {
		return ImportReport{}, err
	}
	c.Batch.Report = string(report)
	if err := l.store.CommitImport(ctx, c); err != nil {
		switch {
		case errors.Is(err, ErrConflict):
			return ImportReport{}, fmt.Errorf("预览之后有记录被修改，请重新预览后再导入（未导入任何记录）：%w", err)
		case errors.Is(err, ErrDuplicate):
			return ImportReport{}, fmt.Errorf("有记录与已有记录重复（如统一社会信用代码），未导入任何记录：%w", err)
		}
		return ImportReport{}, fmt.Errorf("导入失败，未导入任何记录：%w", err)
	}
	l.notify(Change{})
	return rep, nil
}

// UndoImport takes a batch back: records it created are deleted, records it updated get their
// previous version back; records edited or linked to since the import are kept and listed.
// A backup is taken first.
func (l *Ledger) UndoImport(ctx context.Context, batchID string) (ImportUndo, error) {
	if _, err := l.BackupBefore(ctx, "撤销导入前"); err != nil {
		return ImportUndo{}, fmt.Errorf("撤销导入前备份失败，未做任何改动：%w", err)
	}
	u, err := l.store.UndoImport(ctx, batchID, l.User(), l.stampTime(time.Time{}))
	if err != nil {
		return u, err
	}
	l.notify(Change{})
	return u, nil
}

// ImportBatches lists the committed imports, newest first.
func (l *Ledger) ImportBatches(ctx context.Context) ([]ImportBatch, error) {
	return l.store.ImportBatches(ctx)
}

// ImportMappingKey is the key under which the mapping of a file's columns is remembered: its
// headers, cleaned, in order.
func ImportMappingKey(headers []string) string {
	clean := make([]string, len(headers))
	for i, h := range headers {
		clean[i] = strings.Join(strings.Fields(HalfWidth(CleanText(h))), "")
	}
	return strings.Join(clean, "|")
}

// RememberedMapping returns the fields the user confirmed for files with these headers; ok is
// false when none was confirmed.
func (l *Ledger) RememberedMapping(ctx context.Context, headers []string) (fields []string, ok bool, err error) {
	fields, err = l.store.ImportMapping(ctx, ImportMappingKey(headers))
	if errors.Is(err, ErrNotFound) {
		return nil, false, nil
	}
	return fields, err == nil, err
}

// RememberMapping keeps the fields the user confirmed for files with these headers.
func (l *Ledger) RememberMapping(ctx context.Context, headers, fields []string) error {
	if len(headers) != len(fields) {
		return fmt.Errorf("列映射有 %d 项，表头有 %d 列", len(fields), len(headers))
	}
	return l.store.SaveImportMapping(ctx, ImportMappingKey(headers), fields, l.stampTime(time.Time{}))
}

// ImportPlan is what committing a file would do, row by row.
type ImportPlan struct {
	File    *ImportFile
	Rows    []PlannedRow
	Report  ImportReport
	changes ImportChanges
}

// entRef, personRef and projectRef are records the plan works on: existing ones (orig set)
// or new ones from an earlier row.
type entRef struct {
	rec      Enterprise
	orig     *Enterprise // nil for a new record
	row      int         // the row that created or first updated it
	changed  bool
	deferred bool // created as a link, not yet counted
}

type personRef struct {
	rec     Person
	orig    *Person
	row     int
	changed bool
}

type projectRef struct {
	rec     Project
	orig    *Project
	row     int
	changed bool
	moves   []StageChange
}

// planner holds the indexes a plan matches rows against.
type planner struct {
	l       *Ledger
	f       *ImportFile
	today   Date
	columns map[string]ImportColumn // by field

	entByCode   map[string]*entRef
	entByName   map[string][]*entRef
	personByKey map[string]*personRef // phone key or name|enterprise
	projByCode  map[string]*projectRef
	projByName  map[string]*projectRef // name|investor id
	zones       []Zone
	zoneIDs     map[string]string // by zoneKey
	chains      []Chain

	ents     []*entRef // every ref touched, in order
	people   []*personRef
	projects []*projectRef
	matches  []ImportMatch
	entSeen  map[*entRef]bool
	perSeen  map[*personRef]bool
	proSeen  map[*projectRef]bool
}

func (l *Ledger) planImport(ctx context.Context, f *ImportFile, choices map[int]ImportAction, progress func(int, int)) (*ImportPlan, error) {
	n := f.rowCount()
	p := &planner{l: l, f: f, today: l.Today(), columns: map[string]ImportColumn{},
		entByCode: make(map[string]*entRef, n), entByName: make(map[string][]*entRef, n), personByKey: make(map[string]*personRef, 2*n),
		projByCode: make(map[string]*projectRef, n), projByName: make(map[string]*projectRef, n),
		entSeen: map[*entRef]bool{}, perSeen: map[*personRef]bool{}, proSeen: map[*projectRef]bool{}}
	for _, c := range f.Columns {
		if _, dup := p.columns[c.Field]; c.Field != "" && !dup {
			p.columns[c.Field] = c
		}
	}
	if err := p.load(ctx); err != nil {
		return nil, err
	}
	plan := &ImportPlan{File: f, Rows: make([]PlannedRow, 0, n)}
	// A streamed file's rows are taken as they come: the file is read while it is planned.
	for i := 0; ; i++ {
		for i >= len(f.Rows) && f.pending != nil {
			f.next()
		}
		if i >= len(f.Rows) {
			break
		}
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(i, f.rowCount())
			}
		}
		plan.Rows = append(plan.Rows, p.planRow(&f.Rows[i], choices[f.Rows[i].Row]))
	}
	plan.changes, plan.Report = p.finish(plan.Rows)
	return plan, nil
}

// load reads the live records the file is matched against.
func (p *planner) load(ctx context.Context) error {
	st := p.l.store
	ents, err := st.Enterprises(ctx, EnterpriseFilter{})
	if err != nil {
		return err
	}
	for _, e := range ents {
		orig := e
		p.indexEnt(&entRef{rec: e, orig: &orig})
	}
	people, err := st.People(ctx, PersonFilter{})
	if err != nil {
		return err
	}
	for _, q := range people {
		orig := q
		p.indexPerson(&personRef{rec: q, orig: &orig})
	}
	projects, err := st.Projects(ctx, ProjectFilter{})
	if err != nil {
		return err
	}
	for _, q := range projects {
		orig := q
		p.indexProject(&projectRef{rec: q, orig: &orig})
	}
	if p.zones, err = st.Zones(ctx); err != nil {
		return err
	}
	p.chains, err = st.Chains(ctx)
	return err
}

func (p *planner) indexEnt(r *entRef) {
	if r.rec.CreditCode != "" {
		if _, ok := p.entByCode[r.rec.CreditCode]; !ok {
			p.entByCode[r.rec.CreditCode] = r
		}
	}
	if k := NormalizeEnterpriseName(r.rec.Name); k != "" && !slices.Contains(p.entByName[k], r) {
		p.entByName[k] = append(p.entByName[k], r)
	}
}

func (p *planner) indexPerson(r *personRef) {
	for _, ph := range r.rec.Phones {
		if k := NormalizePhoneKey(ph); k != "" {
			if _, ok := p.personByKey["tel:"+k]; !ok {
				p.personByKey["tel:"+k] = r
			}
		}
	}
	if n := NormalizePersonName(r.rec.Name); n != "" {
		k := "name:" + n + "|" + r.rec.EnterpriseID
		if _, ok := p.personByKey[k]; !ok {
			p.personByKey[k] = r
		}
	}
}

func (p *planner) indexProject(r *projectRef) {
	if r.rec.Code != "" {
		if _, ok := p.projByCode[r.rec.Code]; !ok {
			p.projByCode[r.rec.Code] = r
		}
	}
	k := NormalizeProjectName(r.rec.Name) + "|" + r.rec.InvestorID
	if _, ok := p.projByName[k]; !ok {
		p.projByName[k] = r
	}
}

// matchEnt finds the enterprise e duplicates: same credit code, else same normalised name
// (unless both have different credit codes). byKey tells a match by credit code.
func (p *planner) matchEnt(e Enterprise) (r *entRef, why string, byKey bool) {
	if e.CreditCode != "" {
		if r := p.entByCode[e.CreditCode]; r != nil {
			return r, fmt.Sprintf("统一社会信用代码相同（%s）", e.CreditCode), true
		}
	}
	k := NormalizeEnterpriseName(e.Name)
	for _, r := range p.entByName[k] {
		if e.CreditCode != "" && r.rec.CreditCode != "" && r.rec.CreditCode != e.CreditCode {
			continue
		}
		if r.rec.Name == e.Name {
			return r, "企业名称相同", false
		}
		return r, fmt.Sprintf("企业名称去掉组织形式和地名后相同（%s）", k), false
	}
	return nil, "", false
}

func (p *planner) matchPerson(q Person) (r *personRef, why string, byKey bool) {
	// A mobile is one person's; a landline is often a whole office's, so it matches only
	// under the same name.
	for _, ph := range q.Phones {
		if k := NormalizePhoneKey(ph); k != "" {
			r := p.personByKey["tel:"+k]
			switch {
			case r == nil:
			case isMobile(k):
				return r, fmt.Sprintf("手机号相同（%s）", ph), true
			case NormalizePersonName(r.rec.Name) == NormalizePersonName(q.Name):
				return r, fmt.Sprintf("姓名和电话相同（%s）", ph), true
			}
		}
	}
	if n := NormalizePersonName(q.Name); n != "" {
		if r := p.personByKey["name:"+n+"|"+q.EnterpriseID]; r != nil {
			if q.EnterpriseID == "" {
				return r, "姓名相同（均未填所在企业）", false
			}
			return r, "姓名与所在企业相同", false
		}
	}
	return nil, "", false
}

func (p *planner) matchProject(q Project) (r *projectRef, why string, byKey bool) {
	if q.Code != "" {
		if r := p.projByCode[q.Code]; r != nil {
			return r, fmt.Sprintf("项目编码相同（%s）", q.Code), true
		}
	}
	if r := p.projByName[NormalizeProjectName(q.Name)+"|"+q.InvestorID]; r != nil {
		if q.InvestorID == "" {
			return r, "项目名称相同（均未填投资方）", false
		}
		return r, "项目名称与投资方相同", false
	}
	return nil, "", false
}

// problem names a field's column for a message about it.
func (p *planner) problem(row int, field, reason string) ImportProblem {
	c, ok := p.columns[field]
	if !ok {
		return ImportProblem{Row: row, Reason: reason}
	}
	return ImportProblem{Row: row, Column: c.Letter, Header: c.Header, Reason: reason}
}

// validationProblems turns the problems of a record into problems of the row's cells.
func (p *planner) validationProblems(row int, prefix string, err error) []ImportProblem {
	var out []ImportProblem
	fes := FieldProblems(err)
	if fes == nil {
		return []ImportProblem{{Row: row, Reason: err.Error()}}
	}
	for _, fe := range fes {
		field := prefix + "." + fe.Field
		switch fe.Field {
		case "hq_province", "hq_city", "hq_country":
			field = prefix + ".hq"
		case "stage_since", "stage_reason":
			field = prefix + ".stage"
		}
		out = append(out, p.problem(row, field, fe.Message))
	}
	return out
}

// rowWork is what one row would change, kept apart until the row is known to be valid.
type rowWork struct {
	ent       *entRef
	entRec    Enterprise
	entNew    bool
	entTouch  bool
	person    *personRef
	perRec    Person
	perNew    bool
	perTouch  bool
	project   *projectRef
	proRec    Project
	proNew    bool
	proTouch  bool
	proMove   *StageChange
	matches   []ImportMatch
	warnings  []ImportProblem
	errors    []ImportProblem
	unchanged bool
}

// planRow decides what one row does.
func (p *planner) planRow(r *ImportRow, choice ImportAction) PlannedRow {
	pr := PlannedRow{Row: r.Row, Errors: r.Errors, Warnings: slices.Clone(r.Warnings)}
	switch p.f.Primary {
	case KindProject:
		if r.Project != nil {
			pr.Label = r.Project.Name
		}
	case KindEnterprise:
		if r.Enterprise != nil {
			pr.Label = r.Enterprise.Name
		}
	case KindPerson:
		if r.Person != nil {
			pr.Label = r.Person.Name
		}
	}
	if len(r.Errors) > 0 {
		pr.Outcome, pr.Reason = OutcomeRejected, r.Errors[0].Reason
		return pr
	}
	w := &rowWork{}
	var primaryMatch *ImportMatch
	var byKey bool
	var mergeInto int

	// The enterprise: the row's company, or a project's investor, or a contact's employer.
	if r.Enterprise != nil && CleanText(r.Enterprise.Name) != "" {
		e := *r.Enterprise
		NormalizeEnterprise(&e)
		ref, why, key := p.matchEnt(e)
		if ref != nil {
			m := ImportMatch{Row: r.Row, Kind: KindEnterprise, RecordID: ref.rec.ID, Record: ref.rec.Name, OtherRow: otherRow(ref.orig == nil, ref.row), Why: why}
			w.matches = append(w.matches, m)
			if p.f.Primary == KindEnterprise {
				primaryMatch, byKey = &m, key
			}
			w.ent, w.entRec = ref, ref.rec
		} else {
			w.entNew = true
			w.ent = &entRef{row: r.Row}
			w.entRec = e
			w.entRec.ID = NewID()
			if p.f.Primary == KindEnterprise && p.f.Targets && w.entRec.Priority == PriorityNone {
				w.entRec.Priority = PriorityC
			}
		}
		if !w.entNew {
			overwrite := p.f.Primary == KindEnterprise && ref.orig != nil
			before := w.entRec
			if name := e.Name; overwrite && name != w.entRec.Name && strings.HasPrefix(why, "统一社会信用代码") {
				w.warnings = append(w.warnings, p.problem(r.Row, "enterprise.name", fmt.Sprintf("与已有企业“%s”信用代码相同但名称不同，保留已有名称", w.entRec.Name)))
			}
			mergeEnterprise(&w.entRec, e, overwrite)
			w.entTouch = Changed(&before, &w.entRec)
		}
	}
	entID := ""
	if w.ent != nil {
		entID = w.entRec.ID
	}

	// The person: the row's contact, a company's contact or legal representative.
	if r.Person != nil {
		q := *r.Person
		q.EnterpriseID = entID
		NormalizePerson(&q)
		if q.Name == "" {
			if len(q.Phones) > 0 && p.f.Primary != KindPerson {
				w.warnings = append(w.warnings, p.problem(r.Row, "person.phones", fmt.Sprintf("有电话（%s）但没有联系人姓名，未建联系人", strings.Join(q.Phones, "；"))))
			}
		} else {
			ref, why, key := p.matchPerson(q)
			if ref != nil {
				m := ImportMatch{Row: r.Row, Kind: KindPerson, RecordID: ref.rec.ID, Record: ref.rec.Name, OtherRow: otherRow(ref.orig == nil, ref.row), Why: why}
				w.matches = append(w.matches, m)
				if p.f.Primary == KindPerson {
					primaryMatch, byKey = &m, key
				}
				w.person, w.perRec = ref, ref.rec
				before := w.perRec
				mergePerson(&w.perRec, q, p.f.Primary == KindPerson && ref.orig != nil)
				w.perTouch = Changed(&before, &w.perRec)
			} else {
				w.perNew = true
				w.person = &personRef{row: r.Row}
				w.perRec = q
				w.perRec.ID = NewID()
			}
		}
	}

	// The project.
	if r.Project != nil {
		q := *r.Project
		q.InvestorID = entID
		p.resolveRefs(r, &q, w)
		NormalizeProject(&q)
		ref, why, key := p.matchProject(q)
		if ref != nil {
			m := ImportMatch{Row: r.Row, Kind: KindProject, RecordID: ref.rec.ID, Record: ref.rec.Name, OtherRow: otherRow(ref.orig == nil, ref.row), Why: why}
			w.matches = append(w.matches, m)
			primaryMatch, byKey = &m, key
			w.project, w.proRec = ref, ref.rec
			before := w.proRec
			mergeProject(&w.proRec, *r.Project, q, ref.orig != nil)
			NormalizeProject(&w.proRec)
			if ref.orig != nil && r.Project.Stage != "" && q.Stage != w.proRec.Stage {
				w.proMove = p.stageMove(r.Row, &w.proRec, q, w)
			}
			w.proTouch = Changed(&before, &w.proRec)
		} else {
			w.proNew = true
			w.project = &projectRef{row: r.Row}
			w.proRec = q
			w.proRec.ID = NewID()
		}
	}

	// The action: the user's choice where it is allowed, else the proposal.
	primaryNew := map[EntityKind]bool{KindProject: w.proNew, KindEnterprise: w.entNew, KindPerson: w.perNew}[p.f.Primary]
	switch {
	case primaryNew:
		pr.Action, pr.Choices = ImportCreate, []ImportAction{ImportCreate, ImportSkip}
	case primaryMatch == nil:
		pr.Outcome, pr.Reason = OutcomeRejected, "没有可导入的内容"
		pr.Errors = append(pr.Errors, ImportProblem{Row: r.Row, Reason: pr.Reason})
		return pr
	case primaryMatch.OtherRow > 0:
		pr.Action, pr.Choices = ImportMergeRow, []ImportAction{ImportMergeRow, ImportSkip}
		mergeInto = primaryMatch.OtherRow
	default:
		pr.Action, pr.Choices = ImportUpdate, []ImportAction{ImportUpdate, ImportSkip}
	}
	if primaryMatch != nil && !byKey {
		pr.Choices = append(pr.Choices, ImportCreate)
	}
	pr.Match = primaryMatch
	if choice != "" && slices.Contains(pr.Choices, choice) {
		pr.Action = choice
	}
	pr.Warnings = append(pr.Warnings, w.warnings...)
	if pr.Action == ImportSkip {
		pr.Outcome, pr.Reason = OutcomeSkipped, "按选择跳过"
		return pr
	}
	if pr.Action == ImportCreate && !primaryNew {
		// The user says the match is another record: create the primary afresh from the row.
		switch p.f.Primary {
		case KindEnterprise:
			e := *r.Enterprise
			NormalizeEnterprise(&e)
			w.ent, w.entRec, w.entNew, w.entTouch = &entRef{row: r.Row}, e, true, false
			w.entRec.ID = NewID()
			if p.f.Targets && w.entRec.Priority == PriorityNone {
				w.entRec.Priority = PriorityC
			}
			if w.perRec.ID != "" && w.perNew {
				w.perRec.EnterpriseID = w.entRec.ID
			}
		case KindPerson:
			q := *r.Person
			q.EnterpriseID = entID
			NormalizePerson(&q)
			w.person, w.perRec, w.perNew, w.perTouch = &personRef{row: r.Row}, q, true, false
			w.perRec.ID = NewID()
		case KindProject:
			q := *r.Project
			q.InvestorID = entID
			p.resolveRefs(r, &q, &rowWork{})
			NormalizeProject(&q)
			w.project, w.proRec, w.proNew, w.proTouch, w.proMove = &projectRef{row: r.Row}, q, true, false, nil
			w.proRec.ID = NewID()
		}
		pr.Match = nil
	}
	if w.proNew {
		p.startProject(&w.proRec)
	}

	// Validate what would be written.
	if w.ent != nil && (w.entNew || w.entTouch) {
		if err := ValidateEnterprise(w.entRec); err != nil {
			w.errors = append(w.errors, p.validationProblems(r.Row, "enterprise", err)...)
		}
	}
	if w.person != nil && (w.perNew || w.perTouch) {
		if err := ValidatePerson(w.perRec); err != nil {
			w.errors = append(w.errors, p.validationProblems(r.Row, "person", err)...)
		}
	}
	if w.project != nil && (w.proNew || w.proTouch) {
		if err := ValidateProject(w.proRec, p.today); err != nil {
			w.errors = append(w.errors, p.validationProblems(r.Row, "project", err)...)
		}
	}
	if len(w.errors) > 0 {
		pr.Errors = append(pr.Errors, w.errors...)
		pr.Outcome, pr.Reason = OutcomeRejected, w.errors[0].Reason
		return pr
	}

	// The row is good: apply it to the plan.
	pr.Errors = nil
	primaryTouched := map[EntityKind]bool{KindProject: w.proTouch, KindEnterprise: w.entTouch, KindPerson: w.perTouch}[p.f.Primary]
	anyTouched := w.entNew || w.entTouch || w.perNew || w.perTouch || w.proNew || w.proTouch
	p.applyRow(r.Row, w)
	for _, m := range w.matches {
		// A linked record (an investor, a contact) met again in the file is the same record
		// named twice, not a duplicate worth reporting; a match in the ledger is.
		if m.Kind == p.f.Primary || m.OtherRow == 0 {
			p.matches = append(p.matches, m)
		}
	}
	switch {
	case pr.Action == ImportCreate:
		pr.Outcome = OutcomeCreated
	case pr.Action == ImportMergeRow:
		pr.Outcome, pr.IntoRow = OutcomeMerged, mergeInto
	case !anyTouched:
		pr.Outcome, pr.Reason = OutcomeSkipped, "与已有记录一致，无需更新"
	case !primaryTouched:
		pr.Outcome = OutcomeUpdated // only the linked records change
	default:
		pr.Outcome = OutcomeUpdated
	}
	return pr
}

func otherRow(inFile bool, row int) int {
	if inFile {
		return row
	}
	return 0
}

// isMobile reports a mainland mobile number key: 11 digits starting with 1.
func isMobile(key string) bool { return len(key) == 11 && key[0] == '1' }
