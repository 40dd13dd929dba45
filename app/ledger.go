package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"ganzhao/app/crypt"
)

// Ledger is the use cases of the ledger: what the UI and the command line call. It
// normalises and validates every record, stamps it with the time and the user, and hands it
// to the store; store errors come back as errors the user can read.
type Ledger struct {
	store Store
	now   func() time.Time

	mu   sync.Mutex
	user string // the user's name from the settings, written to updated_by
	// workFactor is the scrypt cost of new encrypted files (crypt.DefaultWorkFactor when 0).
	workFactor int
	listeners  []func(Change)
}

// Change tells listeners (the search index, open lists) that a record was written.
type Change struct {
	Kind    EntityKind
	ID      string // "" for a batch load or a restore of the whole database: reload everything
	Deleted bool   // moved to the recycle bin
}

// Subscribe registers fn to be called after every successful write, on the goroutine that
// wrote. fn must be quick and must not call back into the ledger's writers.
func (l *Ledger) Subscribe(fn func(Change)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.listeners = append(l.listeners, fn)
}

func (l *Ledger) notify(c Change) {
	l.mu.Lock()
	fns := append([]func(Change){}, l.listeners...)
	l.mu.Unlock()
	for _, fn := range fns {
		fn(c)
	}
}

// NewLedger returns the use cases over a store. now gives the current time (time.Now in the
// app, a fixed clock in tests).
func NewLedger(ctx context.Context, s Store, now func() time.Time) (*Ledger, error) {
	l := &Ledger{store: s, now: now}
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	l.user = st.UserName
	return l, nil
}

// Store returns the store the ledger works on, for read-only queries the use cases pass through.
func (l *Ledger) Store() Store { return l.store }

// Today is the current date in local time.
func (l *Ledger) Today() Date { return DateOf(l.now().Local()) }

// User is the name written to updated_by.
func (l *Ledger) User() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.user == "" {
		return "本机用户"
	}
	return l.user
}

// stampTime returns the current time at the store's precision, strictly after prev so an
// edit always changes the version that optimistic updates compare.
func (l *Ledger) stampTime(prev time.Time) time.Time {
	t := l.now().UTC().Truncate(time.Microsecond)
	if !t.After(prev) {
		t = prev.UTC().Truncate(time.Microsecond).Add(time.Microsecond)
	}
	return t
}

// save stamps a record's Meta and creates it (no ID yet) or updates it. On failure Meta is
// put back, so the caller's record, with everything the user typed, can be saved again.
func save[T any](ctx context.Context, l *Ledger, rec *T, m *Meta,
	create func(context.Context, T) error, update func(context.Context, T, time.Time) error) error {
	before := *m
	read := m.UpdatedAt
	now := l.stampTime(read)
	m.UpdatedAt, m.UpdatedBy = now, l.User()
	var err error
	if m.ID == "" {
		m.ID, m.CreatedAt = NewID(), now
		err = create(ctx, *rec)
	} else {
		err = update(ctx, *rec, read)
	}
	if err != nil {
		*m = before
		return err
	}
	if kind := kindOf(rec); kind != "" {
		l.notify(Change{Kind: kind, ID: m.ID})
	}
	return nil
}

// kindOf names the kind of a record passed to save, or "" for records outside the ledger's
// kinds.
func kindOf(rec any) EntityKind {
	switch rec.(type) {
	case *Enterprise:
		return KindEnterprise
	case *Person:
		return KindPerson
	case *Chamber:
		return KindChamber
	case *Project:
		return KindProject
	case *Task:
		return KindTask
	case *Activity:
		return KindActivity
	case *Fund:
		return KindFund
	case *FundInvestment:
		return KindFundInvestment
	case *Arrival:
		return KindArrival
	case *Relationship:
		return KindRelationship
	case *Event:
		return KindEvent
	case *Campaign:
		return KindCampaign
	case *Trip:
		return KindTrip
	case *FundLP:
		return KindFundLP
	}
	return "" // a record no screen lists (a return template): nothing to announce
}

// SaveEnterprise creates or updates an enterprise. A credit code already used by another
// enterprise is reported on the credit_code field.
func (l *Ledger) SaveEnterprise(ctx context.Context, e *Enterprise) error {
	NormalizeEnterprise(e)
	if err := ValidateEnterprise(*e); err != nil {
		return err
	}
	err := save(ctx, l, e, &e.Meta, l.store.CreateEnterprise, l.store.UpdateEnterprise)
	if errors.Is(err, ErrDuplicate) {
		return &ValidationError{Entity: "企业", Problems: []FieldError{{"credit_code", fmt.Sprintf("统一社会信用代码 %s 已登记在另一家企业名下", e.CreditCode)}}}
	}
	return err
}

// SavePerson creates or updates a person.
func (l *Ledger) SavePerson(ctx context.Context, p *Person) error {
	NormalizePerson(p)
	if err := ValidatePerson(*p); err != nil {
		return err
	}
	return save(ctx, l, p, &p.Meta, l.store.CreatePerson, l.store.UpdatePerson)
}

// SaveChamber creates or updates a chamber.
func (l *Ledger) SaveChamber(ctx context.Context, c *Chamber) error {
	NormalizeChamber(c)
	if err := ValidateChamber(*c); err != nil {
		return err
	}
	return save(ctx, l, c, &c.Meta, l.store.CreateChamber, l.store.UpdateChamber)
}

// SaveFund creates or updates a fund.
func (l *Ledger) SaveFund(ctx context.Context, f *Fund) error {
	NormalizeFund(f)
	if err := ValidateFund(*f); err != nil {
		return err
	}
	return save(ctx, l, f, &f.Meta, l.store.CreateFund, l.store.UpdateFund)
}

// SaveFundInvestment creates or updates an investment of a fund.
func (l *Ledger) SaveFundInvestment(ctx context.Context, v *FundInvestment) error {
	v.CountsReason = CleanText(v.CountsReason)
	if err := ValidateFundInvestment(*v); err != nil {
		return err
	}
	return save(ctx, l, v, &v.Meta, l.store.CreateFundInvestment, l.store.UpdateFundInvestment)
}

// SaveFundLP creates or updates a limited partner of a fund.
func (l *Ledger) SaveFundLP(ctx context.Context, lp *FundLP) error {
	lp.Notes = CleanText(lp.Notes)
	if err := ValidateFundLP(*lp); err != nil {
		return err
	}
	return save(ctx, l, lp, &lp.Meta, l.store.CreateFundLP, l.store.UpdateFundLP)
}

// SaveTask creates or updates a task.
func (l *Ledger) SaveTask(ctx context.Context, t *Task) error {
	NormalizeTask(t, l.Today())
	if err := ValidateTask(*t); err != nil {
		return err
	}
	return save(ctx, l, t, &t.Meta, l.store.CreateTask, l.store.UpdateTask)
}

// SaveActivity creates or updates a follow-up.
func (l *Ledger) SaveActivity(ctx context.Context, a *Activity) error {
	NormalizeActivity(a)
	if a.On.IsZero() && a.ID == "" {
		a.On = l.Today()
	}
	if err := ValidateActivity(*a); err != nil {
		return err
	}
	return save(ctx, l, a, &a.Meta, l.store.CreateActivity, l.store.UpdateActivity)
}

// SaveArrival creates or updates a month of arrived funds. A second entry for the same
// project, month and source is reported on the month field.
func (l *Ledger) SaveArrival(ctx context.Context, a *Arrival) error {
	a.Note = CleanText(a.Note)
	if err := ValidateArrival(*a); err != nil {
		return err
	}
	err := save(ctx, l, a, &a.Meta, l.store.CreateArrival, l.store.UpdateArrival)
	if errors.Is(err, ErrDuplicate) {
		return &ValidationError{Entity: "到位资金", Problems: []FieldError{{"month", fmt.Sprintf("%s 的%s到位资金已有记录，请修改原记录", a.Month, a.Source)}}}
	}
	return err
}

// CreateProject creates a project in its initial stage (储备 unless set), dated StageSince
// (today unless set), and starts its stage history.
func (l *Ledger) CreateProject(ctx context.Context, p *Project) error {
	if p.ID != "" {
		return fmt.Errorf("项目“%s”已存在", p.Name)
	}
	NormalizeProject(p)
	if p.StageSince.IsZero() {
		p.StageSince = l.Today()
	}
	if err := ValidateProject(*p, l.Today()); err != nil {
		return err
	}
	return save(ctx, l, p, &p.Meta, func(ctx context.Context, p Project) error {
		first := StageChange{ID: NewID(), ProjectID: p.ID, To: p.Stage, On: p.StageSince, Reason: p.StageReason, CreatedAt: p.CreatedAt, By: p.UpdatedBy}
		return l.store.CreateProject(ctx, p, first)
	}, nil)
}

// UpdateProject saves an edited project. Its stage changes only through MoveStage.
func (l *Ledger) UpdateProject(ctx context.Context, p *Project) error {
	if p.ID == "" {
		return l.CreateProject(ctx, p)
	}
	cur, err := l.store.Project(ctx, p.ID)
	if err != nil {
		return err
	}
	if cur.Stage != p.Stage || cur.StageSince != p.StageSince {
		return &ValidationError{Entity: "项目", Problems: []FieldError{{"stage", "项目阶段须通过“阶段变更”修改，以便留下记录"}}}
	}
	NormalizeProject(p)
	if err := ValidateProject(*p, l.Today()); err != nil {
		return err
	}
	return save(ctx, l, p, &p.Meta, nil, l.store.UpdateProject)
}

// MoveStage moves a project to another stage under the stage rules and records the change.
// It returns the project as saved.
func (l *Ledger) MoveStage(ctx context.Context, id string, m StageMove) (Project, error) {
	p, err := l.store.Project(ctx, id)
	if err != nil {
		return p, err
	}
	if p.Deleted() {
		return p, fmt.Errorf("项目“%s”在回收站中：%w", p.Name, ErrNotFound)
	}
	if err := CheckStageMove(p, m, l.Today()); err != nil {
		return p, err
	}
	moved := ApplyStageMove(p, m)
	from := p.Stage
	err = save(ctx, l, &moved, &moved.Meta, nil, func(ctx context.Context, q Project, read time.Time) error {
		c := StageChange{ID: NewID(), ProjectID: q.ID, From: from, To: m.To, On: m.On, Reason: q.StageReason, CreatedAt: q.UpdatedAt, By: q.UpdatedBy}
		return l.store.ChangeStage(ctx, q, read, c)
	})
	if err != nil {
		return p, err
	}
	return moved, nil
}

// Delete moves a record to the recycle bin.
func (l *Ledger) Delete(ctx context.Context, kind EntityKind, id string) error {
	if err := l.store.SoftDelete(ctx, kind, id, l.User(), l.stampTime(time.Time{})); err != nil {
		return err
	}
	l.notify(Change{Kind: kind, ID: id, Deleted: true})
	return nil
}

// Restore takes a record out of the recycle bin with its links.
func (l *Ledger) Restore(ctx context.Context, kind EntityKind, id string) error {
	err := l.store.Restore(ctx, kind, id, l.User(), l.stampTime(time.Time{}))
	if errors.Is(err, ErrDuplicate) {
		return fmt.Errorf("无法恢复：已有相同统一社会信用代码或相同月份来源的记录，请先处理重复：%w", err)
	}
	if err == nil {
		l.notify(Change{Kind: kind, ID: id})
	}
	return err
}

// KPIs computes the figures of a period over every live project.
func (l *Ledger) KPIs(ctx context.Context, p Period) (KPIs, error) {
	ks, err := l.KPIsFor(ctx, p)
	if err != nil {
		return KPIs{}, err
	}
	return ks[0], nil
}

// KPIsFor computes the figures of several periods (this month and this year, say) from one
// read of the project facts.
func (l *Ledger) KPIsFor(ctx context.Context, periods ...Period) ([]KPIs, error) {
	facts, err := l.store.ProjectFacts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]KPIs, len(periods))
	for i, p := range periods {
		out[i] = ComputeKPIs(facts, p)
	}
	return out, nil
}

// SaveSettings saves the settings; the user's name is used from then on.
func (l *Ledger) SaveSettings(ctx context.Context, s Settings) error {
	s.UserName, s.Unit, s.Reporter, s.Phone = CleanText(s.UserName), CleanText(s.Unit), CleanText(s.Reporter), NormalizePhone(s.Phone)
	for st, days := range s.StaleDays {
		if days < 0 || days > 3650 {
			return &ValidationError{Entity: "设置", Problems: []FieldError{{"stale_days", fmt.Sprintf("“%s”停滞天数应在0到3650之间", st)}}}
		}
	}
	for t, days := range s.TierCadence {
		if !t.Valid() || t == TierNone || days < 0 || days > 3650 {
			return &ValidationError{Entity: "设置", Problems: []FieldError{{"tier_cadence", fmt.Sprintf("%s级联系周期应在0到3650天之间", t)}}}
		}
	}
	if s.UpcomingDays < 0 || s.UpcomingDays > 366 {
		return &ValidationError{Entity: "设置", Problems: []FieldError{{"upcoming_days", "重要日期提前天数应在1到366之间"}}}
	}
	if err := l.store.SaveSettings(ctx, s, l.User(), l.stampTime(time.Time{})); err != nil {
		return err
	}
	l.mu.Lock()
	l.user = s.UserName
	l.mu.Unlock()
	l.notify(Change{Kind: KindSettings})
	return nil
}

// LoadDataset validates every record of a batch and loads it in one transaction; the first
// invalid record stops it before anything is written.
func (l *Ledger) LoadDataset(ctx context.Context, d Dataset) error {
	today := l.Today()
	check := func(kind EntityKind, name string, err error) error {
		if err != nil {
			return fmt.Errorf("%s“%s”：%w", kind.Label(), name, err)
		}
		return nil
	}
	for i := range d.Enterprises {
		NormalizeEnterprise(&d.Enterprises[i])
		if err := check(KindEnterprise, d.Enterprises[i].Name, ValidateEnterprise(d.Enterprises[i])); err != nil {
			return err
		}
	}
	for i := range d.People {
		NormalizePerson(&d.People[i])
		if err := check(KindPerson, d.People[i].Name, ValidatePerson(d.People[i])); err != nil {
			return err
		}
	}
	for i := range d.Projects {
		NormalizeProject(&d.Projects[i])
		if err := check(KindProject, d.Projects[i].Name, ValidateProject(d.Projects[i], today)); err != nil {
			return err
		}
	}
	for _, f := range d.Funds {
		if err := check(KindFund, f.Name, ValidateFund(f)); err != nil {
			return err
		}
	}
	for _, a := range d.Arrivals {
		if err := check(KindArrival, a.Month.String(), ValidateArrival(a)); err != nil {
			return err
		}
	}
	for _, t := range d.Tasks {
		if err := check(KindTask, t.Title, ValidateTask(t)); err != nil {
			return err
		}
	}
	for _, a := range d.Activities {
		if err := check(KindActivity, a.On.String(), ValidateActivity(a)); err != nil {
			return err
		}
	}
	for _, v := range d.Investments {
		if err := check(KindFundInvestment, v.On.String(), ValidateFundInvestment(v)); err != nil {
			return err
		}
	}
	for i := range d.Trips {
		NormalizeTrip(&d.Trips[i])
		if err := check(KindTrip, d.Trips[i].Destination, ValidateTrip(d.Trips[i])); err != nil {
			return err
		}
	}
	for i := range d.Events {
		NormalizeEvent(&d.Events[i])
		if err := check(KindEvent, d.Events[i].Name, ValidateEvent(d.Events[i])); err != nil {
			return err
		}
	}
	for i := range d.Campaigns {
		NormalizeCampaign(&d.Campaigns[i])
		if err := check(KindCampaign, d.Campaigns[i].Name, ValidateCampaign(d.Campaigns[i])); err != nil {
			return err
		}
	}
	for _, lp := range d.FundLPs {
		if err := check(KindFundLP, lp.Subscribed.FormatWan(), ValidateFundLP(lp)); err != nil {
			return err
		}
	}
	for i := range d.Relationships {
		NormalizeRelationship(&d.Relationships[i])
		if err := check(KindRelationship, string(d.Relationships[i].Kind), ValidateRelationship(d.Relationships[i])); err != nil {
			return err
		}
	}
	if err := l.store.LoadDataset(ctx, d, l.User(), l.stampTime(time.Time{})); err != nil {
		return err
	}
	l.notify(Change{})
	return nil
}

// RestoreFrom replaces the database with the backup at src, after taking a backup of the
// current state into the backup folder. It returns the path of that safety backup.
// An encrypted backup is ErrNeedsPassphrase: see RestoreEncrypted.
func (l *Ledger) RestoreFrom(ctx context.Context, src string) (string, error) {
	if crypt.IsEncrypted(src) {
		return "", ErrNeedsPassphrase
	}
	return l.restore(ctx, src)
}

func (l *Ledger) restore(ctx context.Context, src string) (string, error) {
	if err := l.store.CheckBackup(ctx, src); err != nil {
		return "", err
	}
	safety, err := l.BackupBefore(ctx, ReasonRestore)
	if err != nil {
		return "", fmt.Errorf("恢复前备份当前数据失败，未做任何改动：%w", err)
	}
	if err := l.store.RestoreFrom(ctx, src); err != nil {
		return safety, err
	}
	l.notify(Change{})
	st, err := l.store.Settings(ctx)
	if err == nil {
		l.mu.Lock()
		l.user = st.UserName
		l.mu.Unlock()
	}
	return safety, err
}
