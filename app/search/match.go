package search

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

	"ganzhao/app"
)

// Tier says how a record matched. Lower tiers rank first.
type Tier uint8

// The tiers, best first.
const (
	TierExact     Tier = iota // the name is the query
	TierPrefix                // the name begins with the query
	TierSubstring             // the name contains the query
	TierPinyin                // the name read as full pinyin, initials or a mix (zhangsan, zs, zhangs)
	TierDetail                // the secondary text contains the query (a code, a phone, the enterprise)
	TierFuzzy                 // the query's characters appear in order in the name or its initials
)

// Range is a run of matched characters, as rune indexes: [Start, End).
type Range struct{ Start, End int }

// Hit is one record found.
type Hit struct {
	Kind        app.EntityKind
	ID          string
	Name        string
	Detail      string
	Tier        Tier
	NameMatch   []Range // the characters of Name that matched
	DetailMatch []Range // the characters of Detail that matched
}

// Group is the hits of one kind, best first, at most the limit asked; Total counts them all.
type Group struct {
	Kind  app.EntityKind
	Label string
	Total int
	Hits  []Hit
}

// Result is the answer to one query: the groups that found something, the group of the best
// hit first (kind order among equals).
type Result struct {
	Query  string
	Groups []Group
}

// Hits lists the hits shown, group after group.
func (r Result) Hits() []Hit {
	var out []Hit
	for _, g := range r.Groups {
		out = append(out, g.Hits...)
	}
	return out
}

// query is a query prepared for the passes.
type query struct {
	text  string // folded and trimmed: the substring looked for
	typed []rune // text without spaces and apostrophes: what pinyin reads (xi'an, zhang san)
	alnum string // the ASCII letters and digits of typed, for keys and initials
	han   []rune // the distinct non-ASCII runes, for postings
}

func prepare(raw string) query {
	q := query{text: fold(app.CleanText(raw))}
	var alnum strings.Builder
	for _, r := range q.text {
		switch {
		case r == ' ' || r == '\'':
			continue
		case r >= 0x80:
			if !containsRune(q.han, r) {
				q.han = append(q.han, r)
			}
		case keyChar(byte(r)) != 0:
			alnum.WriteRune(r)
		}
		q.typed = append(q.typed, r)
	}
	q.alnum = alnum.String()
	return q
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// DefaultPerKind is the number of hits a group shows unless asked otherwise.
const DefaultPerKind = 5

// Search finds the records matching query, grouped by kind, at most perKind hits a group
// (DefaultPerKind for 0). Within a group: by tier, then pinyin matches from the first
// character before others, fuzzy matches by score, then the shorter name.
func (ix *Index) Search(query string, perKind int) Result {
	if perKind <= 0 {
		perKind = DefaultPerKind
	}
	res := Result{Query: query}
	q := prepare(query)
	if len(q.typed) == 0 {
		return res
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s := ix.st
	if s == nil {
		return res
	}
	c := &collector{s: s, perKind: perKind, seen: make([]uint64, len(s.entries)/64+1),
		top: make([][]candidate, len(Kinds)), total: make([]int, len(Kinds))}
	var fuzzyHan []uint32
	if len(q.han) > 0 {
		fuzzyHan = s.matchHanNames(c, q)
	} else if string(q.typed) == q.alnum { // letters and digits only
		ix.cacheMu.Lock()
		pc := ix.cache
		ix.cacheMu.Unlock()
		var from []uint32
		if pc.st == s && pc.gen == s.gen && len(q.alnum) > 3 && len(pc.typed) >= 3 && strings.HasPrefix(q.alnum, pc.typed) {
			from = pc.matched
		}
		matched := s.matchLatinNames(c, q, from)
		ix.cacheMu.Lock()
		ix.cache = prefixCache{st: s, gen: s.gen, typed: q.alnum, matched: matched}
		ix.cacheMu.Unlock()
	} else {
		s.matchLatinText(c, q)
	}
	s.matchDetails(c, q)
	if len(q.han) > 0 {
		s.fuzzyNames(c, q, fuzzyHan)
	} else {
		s.fuzzyInitials(c, q)
	}
	res.Groups = c.groups(q)
	return res
}

// candidate is a match being ranked.
type candidate struct {
	idx  uint32
	tier Tier
	sub  int32 // within a tier: see pinyinSub; −score for fuzzy
}

// collector keeps the best perKind candidates of each kind and counts them all.
type collector struct {
	s       *state
	perKind int
	seen    []uint64
	top     [][]candidate
	total   []int
}

func (c *collector) isSeen(i uint32) bool { return c.seen[i/64]&(1<<(i%64)) != 0 }

// add counts a match unless the record already matched in an earlier (better) pass.
func (c *collector) add(i uint32, t Tier, sub int32) {
	if c.isSeen(i) {
		return
	}
	c.seen[i/64] |= 1 << (i % 64)
	k := c.s.hot[i].kind
	c.total[k]++
	top := c.top[k]
	cand := candidate{i, t, sub}
	if len(top) == c.perKind && !c.better(cand, top[len(top)-1]) {
		return
	}
	at := sort.Search(len(top), func(j int) bool { return c.better(cand, top[j]) })
	if len(top) < c.perKind {
		top = append(top, candidate{})
	}
	copy(top[at+1:], top[at:])
	top[at] = cand
	c.top[k] = top
}

func (c *collector) better(a, b candidate) bool {
	if a.tier != b.tier {
		return a.tier < b.tier
	}
	if a.sub != b.sub {
		return a.sub < b.sub
	}
	if la, lb := c.s.hot[a.idx].nameLen, c.s.hot[b.idx].nameLen; la != lb {
		return la < lb
	}
	ea, eb := &c.s.entries[a.idx], &c.s.entries[b.idx]
	if ea.name != eb.name {
		return ea.name < eb.name
	}
	return ea.id < eb.id
}

// nameTier classifies a name that contains the query as text.
func nameTier(lname, text string) (Tier, bool) {
	switch {
	case lname == text:
		return TierExact, true
	case strings.HasPrefix(lname, text):
		return TierPrefix, true
	case strings.Contains(lname, text):
		return TierSubstring, true
	}
	return 0, false
}

// matchHanNames matches a query with Chinese characters against the names that hold all of
// them, and returns the names (not activities' prose) that matched neither as text nor as
// pinyin, for the fuzzy pass.
func (s *state) matchHanNames(c *collector, q query) []uint32 {
	var rest []uint32
	for _, i := range intersect(s.nameRun, q.han) {
		if s.hot[i].dead {
			continue
		}
		e := &s.entries[i]
		if t, ok := nameTier(e.lname, q.text); ok {
			c.add(i, t, 0)
			continue
		}
		if !s.hot[i].pinyin {
			continue // prose: its characters in order mean nothing
		}
		if start, _, ok := s.matchPinyin(e, q.typed); ok { // 张s, or punctuation between
			c.add(i, TierPinyin, s.pinyinSub(e, q.typed, start))
			continue
		}
		rest = append(rest, i)
	}
	return rest
}

// pinyinSub ranks a pinyin match within its tier: the whole name (zs for 张三) first, then
// from the first character (zs for 张三丰), then elsewhere (zs for 江西张三丰).
func (s *state) pinyinSub(e *entry, q []rune, start int) int32 {
	switch {
	case start > 0:
		return 2
	case int(e.unitN) > len(q): // every unit takes a letter at least
		return 1
	}
	m := pinyinMatcher{tab: s.tab, us: s.units[e.unitOff : e.unitOff+uint32(e.unitN)], q: q, whole: true}
	if _, ok := m.step(0, 0); ok {
		return 0
	}
	return 1
}

// matchLatinNames matches a query of letters and digits through the key postings: a query
// of up to three characters is matched by its key alone, a longer one is read from the
// units where its first three can begin. An entry is posted once for each such unit, in
// order, so its first match is its earliest. It returns the postings that matched, which
// are the only ones the query can match once one more letter is typed (see prefixCache).
func (s *state) matchLatinNames(c *collector, q query, from []uint32) []uint32 {
	if len(q.typed) > maxQuery {
		return nil
	}
	code, ok := keyCode(q.alnum)
	if !ok {
		return nil
	}
	exact := from == nil && len(q.alnum) <= 3
	if from == nil {
		from = s.keys[code]
	}
	need := keyBits(q.alnum)
	var matched []uint32
	for _, p := range from {
		i, start := p>>unitBits, int(p&unitMask)
		h := &s.hot[i]
		if h.dead {
			continue
		}
		if !exact {
			e := &s.entries[i]
			m := pinyinMatcher{tab: s.tab, us: s.units[e.unitOff : e.unitOff+uint32(e.unitN)], q: q.typed}
			if _, ok := m.step(start, 0); !ok {
				continue
			}
		}
		matched = append(matched, p)
		if c.isSeen(i) {
			continue // matched from an earlier unit
		}
		if h.latin&need == need { // the name has the query's letters: it may hold it as text
			if t, ok := nameTier(s.entries[i].lname, q.text); ok {
				c.add(i, t, 0)
				continue
			}
		}
		if h.pinyin { // an activity's letters in a row are not a match unless they are text
			c.add(i, TierPinyin, s.pinyinSub(&s.entries[i], q.typed, start))
		}
	}
	return matched
}

// matchLatinText finds a query of letters with other signs in it (3m-, a.b) as text, among
// the names posted under its first letters.
func (s *state) matchLatinText(c *collector, q query) {
	code, ok := keyCode(q.alnum)
	if !ok {
		return
	}
	for _, p := range s.keys[code] {
		if i := p >> unitBits; !s.hot[i].dead {
			if t, ok := nameTier(s.entries[i].lname, q.text); ok {
				c.add(i, t, 0)
			}
		}
	}
}

// prefixCache keeps the postings the last Latin query matched. Typing one more letter can
// only narrow a match (a match of zhangs is a match of zhang from the same unit), so the
// next keystroke reads those few postings instead of all under its key.
type prefixCache struct {
	st      *state
	gen     uint64
	typed   string
	matched []uint32
}

// matchDetails finds the query in the secondary texts: Chinese through the rune postings,
// codes and phones (three characters or more) by a scan of their ASCII runs.
func (s *state) matchDetails(c *collector, q query) {
	if len(q.han) > 0 {
		for _, i := range intersect(s.detRun, q.han) {
			if !s.hot[i].dead && !c.isSeen(i) && strings.Contains(s.entries[i].ldetail, q.text) {
				c.add(i, TierDetail, 0)
			}
		}
		return
	}
	if len(q.text) < 3 {
		return
	}
	pat := []byte(q.text)
	for off := 0; off < len(s.detText); {
		at := bytes.Index(s.detText[off:], pat)
		if at < 0 {
			break
		}
		seg := sort.Search(len(s.detStart), func(j int) bool { return s.detStart[j] > uint32(off+at) }) - 1
		i := s.detOwner[seg]
		if !s.hot[i].dead {
			c.add(i, TierDetail, 0)
		}
		off = len(s.detText) // past this entry's runs
		if seg+1 < len(s.detStart) {
			off = int(s.detStart[seg+1])
		}
	}
}

// fuzzyNames ranks, with sahilm/fuzzy, the names that hold every character of a Chinese
// query but not as one run.
func (s *state) fuzzyNames(c *collector, q query, cands []uint32) {
	if len(cands) == 0 || len(q.typed) < 2 {
		return
	}
	for _, m := range fuzzy.FindFromNoSort(string(q.typed), nameSource{s, cands}) {
		c.add(cands[m.Index], TierFuzzy, -int32(m.Score))
	}
}

// fuzzySkip is how many units a fuzzy match of initials may skip in all: ncq finds 南昌经开区
// (ncjkq), but three letters scattered over a long company name mean nothing.
const fuzzySkip = 3

// fuzzyInitials ranks, with sahilm/fuzzy, the names whose initials hold the letters of a
// query of three or more in order, skipping at most fuzzySkip units (ncq → 南昌经开区),
// among those not matched yet.
func (s *state) fuzzyInitials(c *collector, q query) {
	if len(q.alnum) < 3 {
		return
	}
	need := keyBits(q.alnum)
	var cands []uint32
	for i := range s.hot {
		h := &s.hot[i]
		if h.letters&need != need || h.dead || c.isSeen(uint32(i)) ||
			!subsequence(q.alnum, s.initText[h.initOff:h.initOff+uint32(h.initLen)], fuzzySkip) {
			continue
		}
		cands = append(cands, uint32(i))
	}
	if len(cands) == 0 {
		return
	}
	for _, m := range fuzzy.FindFromNoSort(q.alnum, initialsSource{s, cands}) {
		c.add(cands[m.Index], TierFuzzy, -int32(m.Score))
	}
}

// subsequence reports whether pat appears in s in order, within a window at most skip
// bytes longer than pat.
func subsequence(pat string, s []byte, skip int) bool {
	for start := 0; start+len(pat) <= len(s); start++ {
		if s[start] != pat[0] {
			continue
		}
		j, i := 1, start+1
		for ; i < len(s) && j < len(pat) && i-start < len(pat)+skip; i++ {
			if s[i] == pat[j] {
				j++
			}
		}
		if j == len(pat) {
			return true
		}
	}
	return false
}

type nameSource struct {
	s     *state
	cands []uint32
}

func (n nameSource) String(i int) string { return n.s.entries[n.cands[i]].lname }
func (n nameSource) Len() int            { return len(n.cands) }

type initialsSource struct {
	s     *state
	cands []uint32
}

func (n initialsSource) String(i int) string { return n.s.entries[n.cands[i]].initials }
func (n initialsSource) Len() int            { return len(n.cands) }

// intersect lists the entries posted under every rune, in entry order.
func intersect(m map[rune][]uint32, runes []rune) []uint32 {
	lists := make([][]uint32, 0, len(runes))
	for _, r := range runes {
		p := m[r]
		if len(p) == 0 {
			return nil
		}
		lists = append(lists, p)
	}
	sort.Slice(lists, func(a, b int) bool { return len(lists[a]) < len(lists[b]) })
	out := lists[0]
	for _, l := range lists[1:] {
		var next []uint32
		j := 0
		for _, v := range out {
			for j < len(l) && l[j] < v {
				j++
			}
			if j < len(l) && l[j] == v {
				next = append(next, v)
			}
		}
		out = next
	}
	return out
}

// groups turns the best candidates into hits with their highlights.
func (c *collector) groups(q query) []Group {
	var out []Group
	var best []candidate
	for k, top := range c.top {
		if len(top) == 0 {
			continue
		}
		g := Group{Kind: Kinds[k], Label: KindLabel(Kinds[k]), Total: c.total[k]}
		for _, cand := range top {
			g.Hits = append(g.Hits, c.s.hit(cand, q))
		}
		out = append(out, g)
		best = append(best, top[0])
	}
	sort.Stable(groupOrder{out, best})
	return out
}

type groupOrder struct {
	groups []Group
	best   []candidate
}

func (g groupOrder) Len() int { return len(g.groups) }
func (g groupOrder) Less(a, b int) bool {
	x, y := g.best[a], g.best[b]
	if x.tier != y.tier {
		return x.tier < y.tier
	}
	return x.sub < y.sub
}
func (g groupOrder) Swap(a, b int) {
	g.groups[a], g.groups[b] = g.groups[b], g.groups[a]
	g.best[a], g.best[b] = g.best[b], g.best[a]
}

// hit builds the hit of a candidate, marking what matched.
func (s *state) hit(cand candidate, q query) Hit {
	e := &s.entries[cand.idx]
	h := Hit{Kind: Kinds[e.kind], ID: e.id, Name: e.name, Detail: e.shown, Tier: cand.tier}
	switch cand.tier {
	case TierExact, TierPrefix, TierSubstring:
		h.NameMatch = textRange(e.lname, q.text)
	case TierDetail:
		h.DetailMatch = textRange(e.ldetail, q.text)
	case TierPinyin:
		if start, end, ok := s.matchPinyin(e, q.typed); ok {
			h.NameMatch = s.unitRanges(e, start, end, nil)
		}
	case TierFuzzy:
		if len(q.han) > 0 {
			for _, m := range fuzzy.Find(string(q.typed), []string{e.lname}) {
				h.NameMatch = byteRanges(e.lname, m.MatchedIndexes)
			}
		} else {
			for _, m := range fuzzy.Find(q.alnum, []string{e.initials}) {
				h.NameMatch = s.unitRanges(e, 0, 0, m.MatchedIndexes) // initials are one byte a unit
			}
		}
	}
	return h
}

// textRange marks the first occurrence of text in folded, as rune indexes (folding keeps
// the rune count, so they are the indexes of the original).
func textRange(folded, text string) []Range {
	at := strings.Index(folded, text)
	if at < 0 {
		return nil
	}
	start := utf8.RuneCountInString(folded[:at])
	return []Range{{start, start + utf8.RuneCountInString(text)}}
}

// byteRanges turns byte offsets of matched runes (as sahilm/fuzzy gives them) into rune
// ranges, joining neighbours.
func byteRanges(s string, offsets []int) []Range {
	var idx []int
	for _, off := range offsets {
		idx = append(idx, utf8.RuneCountInString(s[:off]))
	}
	return runeRanges(idx)
}

// unitRanges marks units [start, end) of an entry, or the units listed.
func (s *state) unitRanges(e *entry, start, end int, listed []int) []Range {
	us := s.units[e.unitOff : e.unitOff+uint32(e.unitN)]
	var idx []int
	for i := start; i < end; i++ {
		idx = append(idx, int(us[i].at))
	}
	for _, i := range listed {
		if i < len(us) {
			idx = append(idx, int(us[i].at))
		}
	}
	return runeRanges(idx)
}

// runeRanges joins ascending rune indexes into ranges.
func runeRanges(idx []int) []Range {
	var out []Range
	for _, i := range idx {
		if n := len(out); n > 0 && out[n-1].End == i {
			out[n-1].End++
			continue
		}
		out = append(out, Range{i, i + 1})
	}
	return out
}

// matchPinyin looks for q in a name read unit by unit, each unit given by its character or
// by any prefix of one of its readings (zhangsan, zs, zhangs, 张s), and returns the first
// match's units [start, end), preferring the earliest start.
func (s *state) matchPinyin(e *entry, q []rune) (start, end int, ok bool) {
	us := s.units[e.unitOff : e.unitOff+uint32(e.unitN)]
	if len(q) == 0 || len(q) > maxQuery || len(us) == 0 {
		return 0, 0, false
	}
	m := pinyinMatcher{tab: s.tab, us: us, q: q}
	c := q[0]
	var first uint64
	if c < 0x80 {
		first = 1 << keyChar(byte(c))
	}
	for start, u := range us {
		if u.r != c && s.tab.firsts[u.set]&first == 0 {
			continue // no reading of this unit begins with the query
		}
		if end, ok := m.step(start, 0); ok {
			return start, end, true
		}
	}
	return 0, 0, false
}

// maxQuery is the longest query read as pinyin (a bit per query position in the memo).
const maxQuery = 63

// pinyinMatcher walks units against the query; failed remembers (unit, query position)
// pairs that lead nowhere, so the walk stays polynomial whatever the readings.
type pinyinMatcher struct {
	tab    *readingTable
	us     []unit
	q      []rune
	whole  bool // the match must take every unit to the end
	failed [maxUnits + 1]uint64
}

func (m *pinyinMatcher) step(i, p int) (int, bool) {
	if p == len(m.q) {
		return i, !m.whole || i == len(m.us)
	}
	if i == len(m.us) || m.failed[i]&(1<<p) != 0 {
		return 0, false
	}
	u, c := m.us[i], m.q[p]
	if c == u.r {
		if end, ok := m.step(i+1, p+1); ok {
			return end, true
		}
	}
	if c < 0x80 && u.r >= 0x80 && m.tab.firsts[u.set]&(1<<keyChar(byte(c))) != 0 {
		for _, sid := range m.tab.sets[u.set] {
			syl := m.tab.syllables[sid]
			n := 0 // the query goes on with syl[:n]; try the whole syllable first
			for n < len(syl) && p+n < len(m.q) && rune(syl[n]) == m.q[p+n] {
				n++
			}
			for ; n > 0; n-- {
				if end, ok := m.step(i+1, p+n); ok {
					return end, true
				}
			}
		}
	}
	m.failed[i] |= 1 << p
	return 0, false
}
