// Package search is the one search box's index: every live record's name and a line of
// secondary text (an enterprise's credit code, a person's phones, enterprise and title, a
// project's code, an activity's date and kind) held in memory, matched by Chinese substrings,
// full pinyin, pinyin initials and, last, fuzzy subsequences, ranked and grouped by kind with
// the matched characters marked. It reads records through Source, which app.Store satisfies,
// and follows the ledger's writes one record at a time.
package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"ganzhao/app"
)

// Source is what the index reads: the lists of live records and single records by ID.
// app.Store satisfies it.
type Source interface {
	Enterprises(ctx context.Context, f app.EnterpriseFilter) ([]app.Enterprise, error)
	Enterprise(ctx context.Context, id string) (app.Enterprise, error)
	People(ctx context.Context, f app.PersonFilter) ([]app.Person, error)
	Person(ctx context.Context, id string) (app.Person, error)
	Projects(ctx context.Context, f app.ProjectFilter) ([]app.Project, error)
	Project(ctx context.Context, id string) (app.Project, error)
	Funds(ctx context.Context) ([]app.Fund, error)
	Fund(ctx context.Context, id string) (app.Fund, error)
	Chambers(ctx context.Context) ([]app.Chamber, error)
	Chamber(ctx context.Context, id string) (app.Chamber, error)
	Activities(ctx context.Context, f app.ActivityFilter) ([]app.Activity, error)
	Activity(ctx context.Context, id string) (app.Activity, error)
	Events(ctx context.Context, f app.EventFilter) ([]app.Event, error)
	Event(ctx context.Context, id string) (app.Event, error)
	Trips(ctx context.Context) ([]app.Trip, error)
	Trip(ctx context.Context, id string) (app.Trip, error)
	Campaigns(ctx context.Context) ([]app.Campaign, error)
	Campaign(ctx context.Context, id string) (app.Campaign, error)
	Zones(ctx context.Context) ([]app.Zone, error)
}

// KindZone names development zones in results. Zones are reference rows, not records of
// the recycle bin, so app.EntityKinds does not list them.
const KindZone app.EntityKind = "zone"

// Kinds are the kinds the index holds, in the order their groups show when they rank alike.
var Kinds = []app.EntityKind{app.KindEnterprise, app.KindPerson, app.KindProject, app.KindFund, app.KindChamber, KindZone,
	app.KindEvent, app.KindCampaign, app.KindTrip, app.KindActivity}

// KindLabel is the Chinese name of a kind of result.
func KindLabel(k app.EntityKind) string {
	if k == KindZone {
		return "开发区"
	}
	return k.Label()
}

func kindIndex(k app.EntityKind) (uint8, bool) {
	for i, v := range Kinds {
		if v == k {
			return uint8(i), true
		}
	}
	return 0, false
}

// Index is the search index. Search may be called from any goroutine, also while the index
// is being built or updated; before the first build it finds nothing (see Ready).
type Index struct {
	src Source

	applyMu sync.Mutex // serialises Apply: store reads and index changes in order

	mu sync.RWMutex
	st *state // nil until built

	cacheMu sync.Mutex
	cache   prefixCache

	qmu     sync.Mutex // guards the queue of changes Notify hands to the worker
	queue   []app.Change
	working bool
	idle    *sync.Cond
	lastErr error
}

// New returns an empty index over src; Build fills it.
func New(src Source) *Index {
	ix := &Index{src: src}
	ix.idle = sync.NewCond(&ix.qmu)
	return ix
}

// Ready reports whether the index has been built.
func (ix *Index) Ready() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.st != nil
}

// Len is the number of live records indexed.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.st == nil {
		return 0
	}
	return len(ix.st.byID)
}

// Build reads every live record and replaces the index. It takes seconds at 100 000
// records: call it off the UI goroutine.
func (ix *Index) Build(ctx context.Context) error {
	return ix.Apply(ctx, app.Change{})
}

// Apply brings the index up to date with one change: it reads the changed record again (or
// drops it when deleted), and for a change with no ID reads everything again. Calls are
// serialised, so a change applied after a build started is never lost.
func (ix *Index) Apply(ctx context.Context, c app.Change) error {
	ix.applyMu.Lock()
	defer ix.applyMu.Unlock()
	if c.ID == "" {
		return ix.rebuild(ctx)
	}
	k, ok := kindIndex(c.Kind)
	if !ok {
		return nil // tasks, arrivals, fund investments: not searched
	}
	ix.mu.RLock()
	built := ix.st != nil
	ix.mu.RUnlock()
	if !built {
		return nil // the build to come reads it
	}
	if k == kindOrder(KindZone) {
		return ix.applyZones(ctx)
	}
	var recs []record
	if !c.Deleted {
		r, live, err := ix.readOne(ctx, c.Kind, c.ID)
		if err != nil && !errors.Is(err, app.ErrNotFound) {
			return fmt.Errorf("更新搜索索引：%w", err)
		}
		if live {
			recs = append(recs, r)
		}
	}
	ix.mu.Lock()
	s := ix.st
	s.remove(c.ID)
	if c.Kind == app.KindEnterprise {
		delete(s.employer, c.ID)
	}
	for _, r := range recs {
		s.enterprises(r)
		s.add(r)
	}
	if c.Kind == app.KindEnterprise {
		s.refreshEmployees(c.ID)
	}
	compact := s.dead > 1024 && s.dead > len(s.byID)/4
	ix.mu.Unlock()
	if compact {
		return ix.rebuild(ctx)
	}
	return nil
}

// Notify queues a change for a background worker to apply and returns at once, so that it
// can be given to app.Ledger.Subscribe: ledger.Subscribe(index.Notify). Changes are applied
// in order; a failed one is remembered for Err.
func (ix *Index) Notify(c app.Change) {
	ix.qmu.Lock()
	defer ix.qmu.Unlock()
	ix.queue = append(ix.queue, c)
	if !ix.working {
		ix.working = true
		go ix.work()
	}
}

func (ix *Index) work() {
	for {
		ix.qmu.Lock()
		if len(ix.queue) == 0 {
			ix.working = false
			ix.idle.Broadcast()
			ix.qmu.Unlock()
			return
		}
		c := ix.queue[0]
		ix.queue = ix.queue[1:]
		if slices.ContainsFunc(ix.queue, func(q app.Change) bool { return q.ID == "" }) {
			c.ID = "" // every change queued was written before the reload starts: it reads them all
		}
		if c.ID == "" {
			ix.queue = ix.queue[:0]
		}
		ix.qmu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		err := ix.Apply(ctx, c)
		cancel()
		if err != nil {
			ix.qmu.Lock()
			ix.lastErr = err
			ix.qmu.Unlock()
		}
	}
}

// Wait blocks until every change given to Notify has been applied.
func (ix *Index) Wait() {
	ix.qmu.Lock()
	defer ix.qmu.Unlock()
	for ix.working {
		ix.idle.Wait()
	}
}

// Err is the last error of a change applied in the background, if any.
func (ix *Index) Err() error {
	ix.qmu.Lock()
	defer ix.qmu.Unlock()
	return ix.lastErr
}

func kindOrder(k app.EntityKind) uint8 {
	i, _ := kindIndex(k)
	return i
}

// record is what the index keeps of a record before it is read into units and keys.
type record struct {
	kind   uint8
	id     string
	name   string
	detail string
	ref    string // a person's enterprise, named in the detail
	title  string // a person's title, after the enterprise
	pinyin bool   // matched by pinyin (not an activity's summary)
}

// rebuild reads every live record into a new state and swaps it in.
func (ix *Index) rebuild(ctx context.Context) error {
	recs, err := ix.readAll(ctx)
	if err != nil {
		return fmt.Errorf("建立搜索索引：%w", err)
	}
	s := newState()
	for _, r := range recs {
		s.enterprises(r)
	}
	for _, r := range recs {
		s.add(r)
	}
	s.trim()
	ix.mu.Lock()
	ix.st = s
	ix.mu.Unlock()
	return nil
}

// enterprises remembers an enterprise's name for the people who work there.
func (s *state) enterprises(r record) {
	if r.kind == kindOrder(app.KindEnterprise) {
		s.employer[r.id] = r.name
	}
}

// readAll reads every live record of every kind the index holds.
func (ix *Index) readAll(ctx context.Context) ([]record, error) {
	var out []record
	es, err := ix.src.Enterprises(ctx, app.EnterpriseFilter{})
	if out, err = appendRecords(out, es, err, enterpriseRecord); err != nil {
		return nil, err
	}
	ps, err := ix.src.People(ctx, app.PersonFilter{})
	if out, err = appendRecords(out, ps, err, personRecord); err != nil {
		return nil, err
	}
	prs, err := ix.src.Projects(ctx, app.ProjectFilter{})
	if out, err = appendRecords(out, prs, err, projectRecord); err != nil {
		return nil, err
	}
	fs, err := ix.src.Funds(ctx)
	if out, err = appendRecords(out, fs, err, fundRecord); err != nil {
		return nil, err
	}
	cs, err := ix.src.Chambers(ctx)
	if out, err = appendRecords(out, cs, err, chamberRecord); err != nil {
		return nil, err
	}
	zs, err := ix.src.Zones(ctx)
	if out, err = appendRecords(out, zs, err, zoneRecord); err != nil {
		return nil, err
	}
	as, err := ix.src.Activities(ctx, app.ActivityFilter{})
	if out, err = appendRecords(out, as, err, activityRecord); err != nil {
		return nil, err
	}
	evs, err := ix.src.Events(ctx, app.EventFilter{})
	if out, err = appendRecords(out, evs, err, eventRecord); err != nil {
		return nil, err
	}
	cps, err := ix.src.Campaigns(ctx)
	if out, err = appendRecords(out, cps, err, campaignRecord); err != nil {
		return nil, err
	}
	ts, err := ix.src.Trips(ctx)
	return appendRecords(out, ts, err, tripRecord)
}

// appendRecords appends the index records of a list just read, unless reading it failed.
func appendRecords[T any](out []record, list []T, err error, rec func(T) record) ([]record, error) {
	if err != nil {
		return nil, err
	}
	for _, x := range list {
		out = append(out, rec(x))
	}
	return out, nil
}

// readOne reads one record; live is false when it is in the recycle bin or gone.
func (ix *Index) readOne(ctx context.Context, kind app.EntityKind, id string) (record, bool, error) {
	switch kind {
	case app.KindEnterprise:
		e, err := ix.src.Enterprise(ctx, id)
		return enterpriseRecord(e), err == nil && !e.Deleted(), err
	case app.KindPerson:
		p, err := ix.src.Person(ctx, id)
		return personRecord(p), err == nil && !p.Deleted(), err
	case app.KindProject:
		p, err := ix.src.Project(ctx, id)
		return projectRecord(p), err == nil && !p.Deleted(), err
	case app.KindFund:
		f, err := ix.src.Fund(ctx, id)
		return fundRecord(f), err == nil && !f.Deleted(), err
	case app.KindChamber:
		c, err := ix.src.Chamber(ctx, id)
		return chamberRecord(c), err == nil && !c.Deleted(), err
	case app.KindActivity:
		a, err := ix.src.Activity(ctx, id)
		return activityRecord(a), err == nil && !a.Deleted(), err
	case app.KindEvent:
		e, err := ix.src.Event(ctx, id)
		return eventRecord(e), err == nil && !e.Deleted(), err
	case app.KindCampaign:
		c, err := ix.src.Campaign(ctx, id)
		return campaignRecord(c), err == nil && !c.Deleted(), err
	case app.KindTrip:
		t, err := ix.src.Trip(ctx, id)
		return tripRecord(t), err == nil && !t.Deleted(), err
	}
	return record{}, false, nil
}

// applyZones reads the zones again (there are about a hundred, and no read of one).
func (ix *Index) applyZones(ctx context.Context) error {
	zs, err := ix.src.Zones(ctx)
	if err != nil {
		return fmt.Errorf("更新搜索索引：%w", err)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	s := ix.st
	zone := kindOrder(KindZone)
	for _, i := range s.byID {
		if s.entries[i].kind == zone {
			s.remove(s.entries[i].id)
		}
	}
	for _, z := range zs {
		s.add(zoneRecord(z))
	}
	return nil
}

func enterpriseRecord(e app.Enterprise) record {
	return record{kind: kindOrder(app.KindEnterprise), id: e.ID, name: e.Name, detail: e.CreditCode, pinyin: true}
}

// personRecord keeps a person's phones as the detail; the index adds the enterprise's
// name and the title (see state.detail), so that renaming the enterprise reaches the people.
func personRecord(p app.Person) record {
	return record{kind: kindOrder(app.KindPerson), id: p.ID, name: p.Name, detail: strings.Join(p.Phones, " · "), ref: p.EnterpriseID, title: p.Title, pinyin: true}
}

func projectRecord(p app.Project) record {
	return record{kind: kindOrder(app.KindProject), id: p.ID, name: p.Name, detail: joinNonEmpty(p.Code, string(p.Stage)), pinyin: true}
}

func fundRecord(f app.Fund) record {
	return record{kind: kindOrder(app.KindFund), id: f.ID, name: f.Name, detail: joinNonEmpty(string(f.Level), string(f.Type)), pinyin: true}
}

func chamberRecord(c app.Chamber) record {
	return record{kind: kindOrder(app.KindChamber), id: c.ID, name: c.Name, detail: joinNonEmpty(c.City, c.Kind), pinyin: true}
}

func zoneRecord(z app.Zone) record {
	return record{kind: kindOrder(KindZone), id: z.ID, name: z.Name, detail: string(z.Level), pinyin: true}
}

// activityRecord names a follow-up by its summary; its date, kind and place are the detail.
// A summary is prose, not a name: it matches as Chinese text and by the letters and digits
// in it, but not by pinyin, which would find some reading of almost anything in it.
func activityRecord(a app.Activity) record {
	name := a.Summary
	if name == "" {
		name = a.Kind
	}
	return record{kind: kindOrder(app.KindActivity), id: a.ID, name: name, detail: joinNonEmpty(a.On.String(), a.Kind, a.Place)}
}

// eventRecord finds a 三请三回 event by its name, place or organiser.
func eventRecord(e app.Event) record {
	return record{kind: kindOrder(app.KindEvent), id: e.ID, name: e.Name, detail: joinNonEmpty(e.On.String(), string(e.Level), e.Place, e.Organiser), pinyin: true}
}

func campaignRecord(c app.Campaign) record {
	return record{kind: kindOrder(app.KindCampaign), id: c.ID, name: c.Name, detail: joinNonEmpty(c.Occasion, c.StartsOn.String()+"—"+c.EndsOn.String()), pinyin: true}
}

// tripRecord finds a trip by its destination, and its team by their names.
func tripRecord(t app.Trip) record {
	return record{kind: kindOrder(app.KindTrip), id: t.ID, name: t.Destination, detail: joinNonEmpty(t.StartsOn.String()+"—"+t.EndsOn.String(), strings.Join(t.Members, "、"), t.Purpose), pinyin: true}
}

func joinNonEmpty(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(p)
	}
	return b.String()
}

// fold prepares text for matching, rune for rune so that rune indexes stay those of the
// original: full-width forms become half width, letters lower case.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '\uff01' && r <= '\uff5e':
			r -= 0xfee0
		}
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				return r + 'a' - 'A'
			}
			return r
		}
		return unicode.ToLower(r)
	}, s)
}
