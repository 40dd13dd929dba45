package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Duplicate scan: candidate pairs among the live enterprises and people, found by grouping
// on the keys of dedupe.go (one pass and a map per key, never a comparison of every pair).
// Enterprises: the same credit code, else the same normalised name. People: the same phone,
// else the same name in the same enterprise, else the same name and the same WeChat ID.

// EnterpriseKey is what a duplicate scan reads of a live enterprise.
type EnterpriseKey struct {
	ID, Name, CreditCode string
	CreatedAt            time.Time
}

// PersonKey is what a duplicate scan reads of a live person.
type PersonKey struct {
	ID, Name, WeChat             string
	EnterpriseID, EnterpriseName string
	Phones                       []string
	CreatedAt                    time.Time
}

// DuplicateRecord is one side of a candidate pair as the list shows it.
type DuplicateRecord struct {
	ID     string
	Name   string
	Detail string // the enterprise and phone of a person, the credit code of an enterprise
}

// DuplicatePair is two live records of one kind that are likely the same. A is the older
// one, the default record to keep.
type DuplicatePair struct {
	Kind   EntityKind
	A, B   DuplicateRecord
	Reason string // in Chinese: 统一社会信用代码相同, 名称规范化后相同：华芯微联科技 …
}

// The strength of each kind of reason, strongest first; the list sorts by it.
const (
	dupCreditCode = iota
	dupPhone
	dupName
	dupNameEnterprise
	dupNameWeChat
)

// pairFinder collects pairs from groups of records sharing a key: each record of a group is
// paired with the group's oldest (so a group of n gives n-1 pairs, merged one by one into
// the oldest), and a pair already found by a stronger key is not listed again.
type pairFinder struct {
	seen  map[[2]string]bool
	pairs []DuplicatePair
	rank  []int
}

func (f *pairFinder) group(kind EntityKind, strength int, reason string, members []DuplicateRecord) {
	for _, b := range members[1:] {
		a := members[0]
		k := [2]string{min(a.ID, b.ID), max(a.ID, b.ID)}
		if a.ID == b.ID || f.seen[k] {
			continue
		}
		f.seen[k] = true
		f.pairs = append(f.pairs, DuplicatePair{Kind: kind, A: a, B: b, Reason: reason})
		f.rank = append(f.rank, strength)
	}
}

// sorted returns the pairs strongest reason first, then by name.
func (f *pairFinder) sorted() []DuplicatePair {
	idx := make([]int, len(f.pairs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		return cmp.Or(cmp.Compare(f.rank[i], f.rank[j]), strings.Compare(f.pairs[i].A.Name, f.pairs[j].A.Name),
			strings.Compare(f.pairs[i].A.ID, f.pairs[j].A.ID), strings.Compare(f.pairs[i].B.ID, f.pairs[j].B.ID))
	})
	out := make([]DuplicatePair, len(idx))
	for i, k := range idx {
		out[i] = f.pairs[k]
	}
	return out
}

// groupBy groups the indexes of n records by a key ("" keys are left out) and calls fn with
// each group of two or more, in the order their keys first appear.
func groupBy(n int, key func(i int) []string, fn func(key string, members []int)) {
	groups := map[string][]int{}
	var order []string
	for i := range n {
		for _, k := range key(i) {
			if k == "" {
				continue
			}
			g := groups[k]
			if len(g) > 0 && g[len(g)-1] == i { // the same key twice on one record
				continue
			}
			if g == nil {
				order = append(order, k)
			}
			groups[k] = append(g, i)
		}
	}
	for _, k := range order {
		if g := groups[k]; len(g) > 1 {
			fn(k, g)
		}
	}
}

// FindEnterpriseDuplicates lists the candidate pairs among enterprises, oldest record first
// in each pair.
func FindEnterpriseDuplicates(keys []EnterpriseKey) []DuplicatePair {
	keys = slices.Clone(keys)
	slices.SortStableFunc(keys, func(a, b EnterpriseKey) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	rec := func(i int) DuplicateRecord {
		return DuplicateRecord{ID: keys[i].ID, Name: keys[i].Name, Detail: keys[i].CreditCode}
	}
	members := func(g []int) []DuplicateRecord {
		out := make([]DuplicateRecord, len(g))
		for i, k := range g {
			out[i] = rec(k)
		}
		return out
	}
	f := &pairFinder{seen: map[[2]string]bool{}}
	groupBy(len(keys), func(i int) []string { return []string{creditCodeKey(keys[i].CreditCode)} }, func(_ string, g []int) {
		f.group(KindEnterprise, dupCreditCode, "统一社会信用代码相同："+keys[g[0]].CreditCode, members(g))
	})
	groupBy(len(keys), func(i int) []string { return []string{NormalizeEnterpriseName(keys[i].Name)} }, func(k string, g []int) {
		f.group(KindEnterprise, dupName, "名称规范化后相同："+k, members(g))
	})
	return f.sorted()
}

// creditCodeKey compares credit codes without case, spaces or dashes.
func creditCodeKey(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(HalfWidth(code)) {
		if r != ' ' && r != '-' && r != '\u3000' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FindPersonDuplicates lists the candidate pairs among people, oldest record first in each
// pair.
func FindPersonDuplicates(keys []PersonKey) []DuplicatePair {
	keys = slices.Clone(keys)
	slices.SortStableFunc(keys, func(a, b PersonKey) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = NormalizePersonName(k.Name)
	}
	members := func(g []int) []DuplicateRecord {
		out := make([]DuplicateRecord, len(g))
		for i, k := range g {
			out[i] = personRecord(keys[k])
		}
		return out
	}
	f := &pairFinder{seen: map[[2]string]bool{}}
	groupBy(len(keys), func(i int) []string {
		out := make([]string, len(keys[i].Phones))
		for j, ph := range keys[i].Phones {
			out[j] = NormalizePhoneKey(ph)
		}
		return out
	}, func(k string, g []int) {
		f.group(KindPerson, dupPhone, phoneReason(k), members(g))
	})
	groupBy(len(keys), func(i int) []string {
		if names[i] == "" || keys[i].EnterpriseID == "" {
			return nil
		}
		return []string{names[i] + "\x00" + keys[i].EnterpriseID}
	}, func(_ string, g []int) {
		f.group(KindPerson, dupNameEnterprise, fmt.Sprintf("同名且同一企业：%s（%s）", keys[g[0]].Name, keys[g[0]].EnterpriseName), members(g))
	})
	groupBy(len(keys), func(i int) []string {
		w := strings.ToLower(strings.TrimSpace(keys[i].WeChat))
		if names[i] == "" || w == "" {
			return nil
		}
		return []string{names[i] + "\x00" + w}
	}, func(_ string, g []int) {
		f.group(KindPerson, dupNameWeChat, fmt.Sprintf("同名且微信相同：%s（%s）", keys[g[0]].Name, keys[g[0]].WeChat), members(g))
	})
	return f.sorted()
}

// phoneReason says which number two people share: a mobile as 手机号, anything else as 电话.
func phoneReason(key string) string {
	if len(key) == 11 && key[0] == '1' {
		return "手机号相同：" + key
	}
	return "电话相同：" + key
}

func personRecord(k PersonKey) DuplicateRecord {
	var parts []string
	if k.EnterpriseName != "" {
		parts = append(parts, k.EnterpriseName)
	}
	if len(k.Phones) > 0 {
		parts = append(parts, k.Phones[0])
	}
	return DuplicateRecord{ID: k.ID, Name: k.Name, Detail: strings.Join(parts, " · ")}
}

// ScanDuplicates lists the candidate duplicate pairs of live enterprises or people.
func (l *Ledger) ScanDuplicates(ctx context.Context, kind EntityKind) ([]DuplicatePair, error) {
	switch kind {
	case KindEnterprise:
		keys, err := l.store.EnterpriseKeys(ctx)
		if err != nil {
			return nil, err
		}
		return FindEnterpriseDuplicates(keys), nil
	case KindPerson:
		keys, err := l.store.PersonKeys(ctx)
		if err != nil {
			return nil, err
		}
		return FindPersonDuplicates(keys), nil
	}
	return nil, fmt.Errorf("无法查重“%s”记录", kind.Label())
}

// DuplicateHint is an existing record that a name being typed probably duplicates.
type DuplicateHint struct {
	Kind   EntityKind
	ID     string
	Name   string
	Detail string
	Reason string
}

// LikelyEnterpriseDuplicates finds the live enterprises a new or edited enterprise probably
// duplicates: the same normalised name or the same credit code. except is the record's own
// ID ("" for a new one).
func (l *Ledger) LikelyEnterpriseDuplicates(ctx context.Context, name, creditCode, except string) ([]DuplicateHint, error) {
	var out []DuplicateHint
	seen := map[string]bool{except: true}
	add := func(e Enterprise, reason string) {
		if !seen[e.ID] {
			seen[e.ID] = true
			out = append(out, DuplicateHint{Kind: KindEnterprise, ID: e.ID, Name: e.Name, Detail: e.CreditCode, Reason: reason})
		}
	}
	if code := creditCodeKey(creditCode); utf8.RuneCountInString(code) >= 18 {
		es, err := l.store.Enterprises(ctx, EnterpriseFilter{Query: code, Limit: 10})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if creditCodeKey(e.CreditCode) == code {
				add(e, "统一社会信用代码相同")
			}
		}
	}
	// The normalised name is what is left of every spelling of the name once the legal form
	// and the places are taken away, so the records that share it contain it.
	key := NormalizeEnterpriseName(name)
	if utf8.RuneCountInString(key) >= 2 {
		es, err := l.store.Enterprises(ctx, EnterpriseFilter{Query: key, Limit: 200})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if NormalizeEnterpriseName(e.Name) == key {
				add(e, "名称规范化后相同："+key)
			}
		}
	}
	return out, nil
}

// LikelyPersonDuplicates finds the live people a new or edited person probably duplicates:
// a phone in common, or the same name (in the same enterprise, when one is given).
func (l *Ledger) LikelyPersonDuplicates(ctx context.Context, name string, phones []string, enterpriseID, except string) ([]DuplicateHint, error) {
	var out []DuplicateHint
	seen := map[string]bool{except: true}
	names := map[string]string{}
	add := func(ctx context.Context, p Person, reason string) error {
		if seen[p.ID] {
			return nil
		}
		seen[p.ID] = true
		k := PersonKey{Name: p.Name, Phones: p.Phones}
		if p.EnterpriseID != "" {
			if _, ok := names[p.EnterpriseID]; !ok {
				e, err := l.store.Enterprise(ctx, p.EnterpriseID)
				if err != nil {
					return err
				}
				names[p.EnterpriseID] = e.Name
			}
			k.EnterpriseName = names[p.EnterpriseID]
		}
		r := personRecord(k)
		out = append(out, DuplicateHint{Kind: KindPerson, ID: p.ID, Name: p.Name, Detail: r.Detail, Reason: reason})
		return nil
	}
	for _, ph := range phones {
		key := NormalizePhoneKey(ph)
		if key == "" {
			continue
		}
		ps, err := l.store.People(ctx, PersonFilter{Query: NormalizePhone(ph), Limit: 20})
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if slices.ContainsFunc(p.Phones, func(x string) bool { return NormalizePhoneKey(x) == key }) {
				if err := add(ctx, p, phoneReason(key)); err != nil {
					return nil, err
				}
			}
		}
	}
	key := NormalizePersonName(name)
	if utf8.RuneCountInString(key) >= 2 {
		ps, err := l.store.People(ctx, PersonFilter{Query: strings.TrimSpace(name), Limit: 200})
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if NormalizePersonName(p.Name) != key {
				continue
			}
			reason := "同名：" + p.Name
			if enterpriseID != "" && p.EnterpriseID == enterpriseID {
				reason = "同名且同一企业：" + p.Name
			}
			if err := add(ctx, p, reason); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
