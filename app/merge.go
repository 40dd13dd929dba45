package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Merging two records of one kind (enterprise or person): the kept record takes the value
// of each field the user chose, every link to the other record moves to it (projects,
// people, activities, investments, memberships …), and the other goes to the recycle bin —
// in one transaction, after a backup, audited, and undone exactly from the before-images the
// store keeps of every row it changed.

// LinkCount is how many rows of one kind of link point at a record ("项目（投资方）": 3).
type LinkCount struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// MergeRecord is one merge as the history lists it.
type MergeRecord struct {
	ID       string
	Kind     EntityKind
	KeepID   string
	DropID   string
	KeepName string
	DropName string
	Reason   string
	Moved    []LinkCount // the links moved to the kept record
	Backup   string
	At       time.Time
	By       string
	UndoneAt *time.Time
	UndoneBy string
}

// MergeChanges is a merge as the store writes it: the kept record as merged (Meta stamped),
// and the versions of both records as read, which must still be current.
type MergeChanges struct {
	Merge              MergeRecord
	Enterprise         Enterprise // KindEnterprise
	Person             Person     // KindPerson
	KeepRead, DropRead time.Time
}

// MergeStore finds duplicates, merges and undoes merges.
type MergeStore interface {
	// EnterpriseKeys and PersonKeys read what a duplicate scan needs of every live record.
	EnterpriseKeys(ctx context.Context) ([]EnterpriseKey, error)
	PersonKeys(ctx context.Context) ([]PersonKey, error)
	// LinkCounts counts the links of each kind that point at a record.
	LinkCounts(ctx context.Context, kind EntityKind, id string) ([]LinkCount, error)
	// Merge writes a merge in one transaction and returns it with the links moved.
	Merge(ctx context.Context, c MergeChanges) (MergeRecord, error)
	// UndoMerge restores every row the merge changed, unless one was changed since.
	UndoMerge(ctx context.Context, id, who string, at time.Time) error
	// Merges lists the merges, newest first.
	Merges(ctx context.Context, limit int) ([]MergeRecord, error)
}

// MergeField is one field of the side-by-side merge: both values as shown and which one
// the kept record takes.
type MergeField struct {
	Key      string // the field's JSON name
	Label    string
	Keep     string // the kept record's value, as shown
	Drop     string // the other record's value
	TakeDrop bool   // the default choice: the non-empty value, else the newer record's
}

// Same reports whether both records agree on the field, leaving nothing to choose.
func (f MergeField) Same() bool { return f.Keep == f.Drop }

// MergePreview is what the merge screen shows for a pair: which record is kept, each field
// of both, what moves and what is joined.
type MergePreview struct {
	Kind     EntityKind
	KeepID   string
	DropID   string
	KeepName string
	DropName string
	Fields   []MergeField
	Moves    []LinkCount // the links of the other record that will move to the kept one
	Joined   []string    // lists both records' entries end up in (企业类别, 电话, 商会职务)
	Reason   string

	keepRead, dropRead time.Time
}

// mergeField is one choosable field of a record type T: how it shows and how the kept
// record takes it from the other.
type mergeField[T any] struct {
	key, label string
	ref        EntityKind // the value is an ID of this kind, shown by its name; "chain" for a chain
	text       func(T) string
	take       func(dst *T, src T)
}

const refChain EntityKind = "chain"

var enterpriseMergeFields = []mergeField[Enterprise]{
	{key: "name", label: "企业名称", text: func(e Enterprise) string { return e.Name }, take: func(d *Enterprise, s Enterprise) { d.Name = s.Name }},
	{key: "credit_code", label: "统一社会信用代码", text: func(e Enterprise) string { return e.CreditCode }, take: func(d *Enterprise, s Enterprise) { d.CreditCode = s.CreditCode }},
	{key: "nature", label: "企业性质", text: func(e Enterprise) string { return string(e.Nature) }, take: func(d *Enterprise, s Enterprise) { d.Nature = s.Nature }},
	{key: "hq", label: "总部", text: func(e Enterprise) string { return joinNonEmpty(" ", e.HQCountry, e.HQProvince, e.HQCity) },
		take: func(d *Enterprise, s Enterprise) {
			d.HQCountry, d.HQProvince, d.HQCity = s.HQCountry, s.HQProvince, s.HQCity
		}},
	{key: "industry", label: "行业", text: func(e Enterprise) string { return e.Industry }, take: func(d *Enterprise, s Enterprise) { d.Industry = s.Industry }},
	{key: "chain_id", label: "产业链", ref: refChain, text: func(e Enterprise) string { return e.ChainID }, take: func(d *Enterprise, s Enterprise) { d.ChainID = s.ChainID }},
	{key: "website", label: "官网", text: func(e Enterprise) string { return e.Website }, take: func(d *Enterprise, s Enterprise) { d.Website = s.Website }},
	{key: "priority", label: "目标等级", text: func(e Enterprise) string { return string(e.Priority) }, take: func(d *Enterprise, s Enterprise) { d.Priority = s.Priority }},
	{key: "owner", label: "跟进人", text: func(e Enterprise) string { return e.Owner }, take: func(d *Enterprise, s Enterprise) { d.Owner = s.Owner }},
	{key: "intro", label: "简介", text: func(e Enterprise) string { return e.Intro }, take: func(d *Enterprise, s Enterprise) { d.Intro = s.Intro }},
}

var personMergeFields = []mergeField[Person]{
	{key: "name", label: "姓名", text: func(p Person) string { return p.Name }, take: func(d *Person, s Person) { d.Name = s.Name }},
	{key: "wechat", label: "微信", text: func(p Person) string { return p.WeChat }, take: func(d *Person, s Person) { d.WeChat = s.WeChat }},
	{key: "email", label: "邮箱", text: func(p Person) string { return p.Email }, take: func(d *Person, s Person) { d.Email = s.Email }},
	{key: "enterprise_id", label: "所在企业", ref: KindEnterprise, text: func(p Person) string { return p.EnterpriseID }, take: func(d *Person, s Person) { d.EnterpriseID = s.EnterpriseID }},
	{key: "title", label: "职务", text: func(p Person) string { return p.Title }, take: func(d *Person, s Person) { d.Title = s.Title }},
	{key: "native", label: "籍贯", text: func(p Person) string { return joinNonEmpty(" ", p.NativeProvince, p.NativeCity, p.NativeCounty) },
		take: func(d *Person, s Person) {
			d.NativeProvince, d.NativeCity, d.NativeCounty = s.NativeProvince, s.NativeCity, s.NativeCounty
		}},
	{key: "ties", label: "三友类型", text: func(p Person) string { return joinTies(p.Ties) }, take: func(d *Person, s Person) { d.Ties = s.Ties }},
	{key: "alma_mater", label: "母校", text: func(p Person) string { return p.AlmaMater }, take: func(d *Person, s Person) { d.AlmaMater = s.AlmaMater }},
	{key: "service_place", label: "服役驻地", text: func(p Person) string { return p.ServicePlace }, take: func(d *Person, s Person) { d.ServicePlace = s.ServicePlace }},
	{key: "important_dates", label: "重要日期", text: func(p Person) string { return importantDatesText(p.Dates) }, take: func(d *Person, s Person) { d.Dates = s.Dates }},
	{key: "residence_city", label: "常住城市", text: func(p Person) string { return p.ResidenceCity }, take: func(d *Person, s Person) { d.ResidenceCity = s.ResidenceCity }},
	{key: "tier", label: "联系等级", text: func(p Person) string { return string(p.Tier) }, take: func(d *Person, s Person) { d.Tier = s.Tier }},
	{key: "cadence_days", label: "联系周期", text: func(p Person) string { return daysText(p.CadenceDays) }, take: func(d *Person, s Person) { d.CadenceDays = s.CadenceDays }},
	{key: "keeper", label: "关系维护人", text: func(p Person) string { return p.Keeper }, take: func(d *Person, s Person) { d.Keeper = s.Keeper }},
	{key: "notes", label: "备注", text: func(p Person) string { return p.Notes }, take: func(d *Person, s Person) { d.Notes = s.Notes }},
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func joinTies(ts []Tie) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, "、")
}

func daysText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n) + "天"
}

func importantDatesText(ds []ImportantDate) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		leap := ""
		if d.LeapMonth {
			leap = "闰"
		}
		s[i] = fmt.Sprintf("%s %s%s%d月%d日", d.Label, d.Calendar, leap, d.Month, d.Day)
	}
	return strings.Join(s, "；")
}

// previewFields lists the fields of a pair with their default choices: the non-empty value,
// and where both are set and differ, the newer record's.
func previewFields[T any](fields []mergeField[T], keep, drop T, dropNewer bool, name func(EntityKind, string) string) []MergeField {
	out := make([]MergeField, 0, len(fields))
	for _, f := range fields {
		k, d := f.text(keep), f.text(drop)
		if f.ref != "" {
			k, d = name(f.ref, k), name(f.ref, d)
		}
		out = append(out, MergeField{Key: f.key, Label: f.label, Keep: k, Drop: d,
			TakeDrop: d != "" && d != k && (k == "" || dropNewer)})
	}
	return out
}

// applyFields returns keep with the fields whose keys are in takeDrop taken from drop.
func applyFields[T any](fields []mergeField[T], keep, drop T, takeDrop map[string]bool) T {
	for _, f := range fields {
		if takeDrop[f.key] {
			f.take(&keep, drop)
		}
	}
	return keep
}

// MergePreview reads a pair and proposes the merge of drop into keep. reason is the scan's
// reason, kept with the merge.
func (l *Ledger) MergePreview(ctx context.Context, kind EntityKind, keepID, dropID, reason string) (MergePreview, error) {
	if keepID == dropID {
		return MergePreview{}, errors.New("不能把记录与自己合并")
	}
	p := MergePreview{Kind: kind, KeepID: keepID, DropID: dropID, Reason: reason}
	chains := map[string]string{}
	name := func(ref EntityKind, id string) string {
		if id == "" {
			return ""
		}
		switch ref {
		case refChain:
			if len(chains) == 0 {
				cs, err := l.store.Chains(ctx)
				if err != nil {
					return id
				}
				for _, c := range cs {
					chains[c.ID] = c.Name + "（" + c.Plan + "）"
				}
			}
			if n, ok := chains[id]; ok {
				return n
			}
		case KindEnterprise:
			if e, err := l.store.Enterprise(ctx, id); err == nil {
				return e.Name
			}
		}
		return id
	}
	switch kind {
	case KindEnterprise:
		keep, drop, err := livePair(ctx, l.store.Enterprise, keepID, dropID, func(e Enterprise) Meta { return e.Meta })
		if err != nil {
			return p, err
		}
		p.KeepName, p.DropName, p.keepRead, p.dropRead = keep.Name, drop.Name, keep.UpdatedAt, drop.UpdatedAt
		p.Fields = previewFields(enterpriseMergeFields, keep, drop, drop.UpdatedAt.After(keep.UpdatedAt), name)
		p.Joined = []string{"企业类别：两边合并"}
	case KindPerson:
		keep, drop, err := livePair(ctx, l.store.Person, keepID, dropID, func(p Person) Meta { return p.Meta })
		if err != nil {
			return p, err
		}
		p.KeepName, p.DropName, p.keepRead, p.dropRead = keep.Name, drop.Name, keep.UpdatedAt, drop.UpdatedAt
		p.Fields = previewFields(personMergeFields, keep, drop, drop.UpdatedAt.After(keep.UpdatedAt), name)
		p.Joined = []string{"电话：两边合并", "商会职务：两边合并（同一商会保留被保留方的职务）"}
	default:
		return p, fmt.Errorf("无法合并“%s”记录", kind.Label())
	}
	moves, err := l.store.LinkCounts(ctx, kind, dropID)
	if err != nil {
		return p, err
	}
	p.Moves = moves
	return p, nil
}

// livePair reads two records that must both be live.
func livePair[T any](ctx context.Context, read func(context.Context, string) (T, error), keepID, dropID string, meta func(T) Meta) (T, T, error) {
	keep, err := read(ctx, keepID)
	if err != nil {
		return keep, keep, err
	}
	drop, err := read(ctx, dropID)
	if err != nil {
		return keep, drop, err
	}
	if meta(keep).Deleted() || meta(drop).Deleted() {
		return keep, drop, fmt.Errorf("要合并的记录已在回收站中：%w", ErrNotFound)
	}
	return keep, drop, nil
}

// Merge merges the pair of a preview: the kept record takes the fields in takeDrop (by key)
// from the other one, after a backup. The records must not have changed since the preview
// was read (ErrConflict otherwise).
func (l *Ledger) Merge(ctx context.Context, p MergePreview, takeDrop map[string]bool) (MergeRecord, error) {
	at := l.stampTime(time.Time{})
	c := MergeChanges{KeepRead: p.keepRead, DropRead: p.dropRead, Merge: MergeRecord{
		ID: NewID(), Kind: p.Kind, KeepID: p.KeepID, DropID: p.DropID, KeepName: p.KeepName, DropName: p.DropName,
		Reason: p.Reason, At: at, By: l.User()}}
	switch p.Kind {
	case KindEnterprise:
		keep, drop, err := livePair(ctx, l.store.Enterprise, p.KeepID, p.DropID, func(e Enterprise) Meta { return e.Meta })
		if err != nil {
			return MergeRecord{}, err
		}
		e := applyFields(enterpriseMergeFields, keep, drop, takeDrop)
		NormalizeEnterprise(&e)
		if err := ValidateEnterprise(e); err != nil {
			return MergeRecord{}, err
		}
		e.UpdatedAt, e.UpdatedBy = l.stampTime(keep.UpdatedAt), c.Merge.By
		c.Enterprise, c.Merge.KeepName = e, e.Name
	case KindPerson:
		keep, drop, err := livePair(ctx, l.store.Person, p.KeepID, p.DropID, func(p Person) Meta { return p.Meta })
		if err != nil {
			return MergeRecord{}, err
		}
		q := applyFields(personMergeFields, keep, drop, takeDrop)
		NormalizePerson(&q)
		if err := ValidatePerson(q); err != nil {
			return MergeRecord{}, err
		}
		q.UpdatedAt, q.UpdatedBy = l.stampTime(keep.UpdatedAt), c.Merge.By
		c.Person, c.Merge.KeepName = q, q.Name
	default:
		return MergeRecord{}, fmt.Errorf("无法合并“%s”记录", p.Kind.Label())
	}
	backup, err := l.BackupBefore(ctx, "合并前")
	if err != nil {
		return MergeRecord{}, fmt.Errorf("合并前备份失败，未做任何改动：%w", err)
	}
	c.Merge.Backup = backup
	rec, err := l.store.Merge(ctx, c)
	if err != nil {
		return MergeRecord{}, err
	}
	l.notify(Change{}) // links of several kinds moved: every list re-reads
	return rec, nil
}

// UndoMerge takes a merge back exactly, after a backup.
func (l *Ledger) UndoMerge(ctx context.Context, id string) error {
	if _, err := l.BackupBefore(ctx, "撤销合并前"); err != nil {
		return fmt.Errorf("撤销合并前备份失败，未做任何改动：%w", err)
	}
	if err := l.store.UndoMerge(ctx, id, l.User(), l.stampTime(time.Time{})); err != nil {
		return err
	}
	l.notify(Change{})
	return nil
}

// Merges lists the latest merges, newest first.
func (l *Ledger) Merges(ctx context.Context) ([]MergeRecord, error) {
	return l.store.Merges(ctx, 200)
}
