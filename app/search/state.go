package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"ganzhao/app"
)

// A key's posting packs an entry and the unit where a match of the key starts:
// entry<<unitBits | unit. maxUnits must stay below 1<<unitBits.
const (
	unitBits = 6
	unitMask = 1<<unitBits - 1
)

// entry is one indexed record.
type entry struct {
	record
	shown    string // the detail as shown: for a person with the enterprise and title
	lname    string // the name folded for matching, rune for rune
	ldetail  string // the shown detail folded
	initials string // first letter of each unit's first reading (for fuzzy matching)
	unitOff  uint32
	unitN    uint16
}

// hot is what the passes read of every candidate, kept apart from the entries so that a
// scan of tens of thousands of postings stays in the cache.
type hot struct {
	letters uint64 // the key characters of the initials, as bits
	latin   uint64 // the key characters written in the name itself, as bits
	initOff uint32 // the initials in state.initText
	initLen uint8
	nameLen uint16 // in runes
	kind    uint8
	dead    bool
	pinyin  bool
}

// keyBits are the key characters of s, as bits.
func keyBits(s string) uint64 {
	var b uint64
	for i := 0; i < len(s); i++ {
		if c := keyChar(s[i]); c != 0 {
			b |= 1 << c
		}
	}
	return b
}

// state is the index proper. Records are appended; a changed record is marked dead and
// appended again, so postings stay sorted by entry number. Index rebuilds the state when
// dead entries pile up. Search reads a state under the index's read lock, Apply changes it
// under the write lock.
type state struct {
	tab     *readingTable
	entries []entry
	hot     []hot // by entry
	units   []unit
	// initText holds every entry's initials one after another, for the fuzzy pass to scan.
	initText []byte

	keys     [][]uint32 // by key code: entry<<unitBits|unit where a pinyin match can begin with it
	nameRun  map[rune][]uint32
	detRun   map[rune][]uint32
	detText  []byte   // the ASCII runs of every detail, for codes and phones
	detStart []uint32 // where each entry's runs start in detText
	detOwner []uint32 // whose runs they are

	byID     map[string]uint32
	employer map[string]string // live enterprises' names by ID, for people's details
	dead     int
	gen      uint64 // counts changes, so that a prefixCache of an older version is not used
}

func newState() *state {
	return &state{
		tab:      newReadingTable(),
		keys:     make([][]uint32, numKeys),
		nameRun:  map[rune][]uint32{},
		detRun:   map[rune][]uint32{},
		byID:     map[string]uint32{},
		employer: map[string]string{},
	}
}

// add indexes a record as a new entry.
func (s *state) add(r record) {
	idx := uint32(len(s.entries))
	e := entry{record: r, shown: r.detail}
	if r.kind == kindOrder(app.KindPerson) {
		work := strings.TrimSpace(s.employer[r.ref] + " " + r.title)
		e.shown = joinNonEmpty(r.detail, work)
	}
	e.lname, e.ldetail = fold(r.name), fold(e.shown)
	h := hot{kind: r.kind, pinyin: r.pinyin, latin: keyBits(e.lname)}
	h.nameLen = uint16(min(utf8.RuneCountInString(r.name), 1<<16-1))

	var us []unit
	if r.pinyin {
		us = s.tab.units(e.lname, r.kind == kindOrder(app.KindPerson))
		e.initials = s.tab.initials(us)
		h.letters = keyBits(e.initials)
		h.initOff, h.initLen = uint32(len(s.initText)), uint8(len(e.initials))
		s.initText = append(s.initText, e.initials...)
	} else {
		us = s.tab.latinUnits(e.lname)
	}
	e.unitOff, e.unitN = uint32(len(s.units)), uint16(len(us))
	s.units = append(s.units, us...)
	s.tab.keys(us, func(code uint32, start int) {
		p, post := idx<<unitBits|uint32(start), s.keys[code]
		if n := len(post); n == 0 || post[n-1] != p { // each entry and start once
			s.keys[code] = append(post, p)
		}
	})
	postRunes(s.nameRun, e.lname, idx)
	postRunes(s.detRun, e.ldetail, idx)
	if ascii := asciiRuns(e.ldetail); ascii != "" {
		s.detStart = append(s.detStart, uint32(len(s.detText)))
		s.detOwner = append(s.detOwner, idx)
		s.detText = append(s.detText, ascii...)
		s.detText = append(s.detText, 0)
	}
	s.entries = append(s.entries, e)
	s.hot = append(s.hot, h)
	s.byID[r.id] = idx
	s.gen++
}

// trim gives back the room that appending left at the end of the postings (a fifth of
// them after a build).
func (s *state) trim() {
	for i, p := range s.keys {
		if cap(p) > len(p) {
			s.keys[i] = slices.Clone(p)
		}
	}
	for _, m := range []map[rune][]uint32{s.nameRun, s.detRun} {
		for r, p := range m {
			if cap(p) > len(p) {
				m[r] = slices.Clone(p)
			}
		}
	}
	s.units = slices.Clone(s.units)
	s.entries, s.hot = slices.Clone(s.entries), slices.Clone(s.hot)
}

// postRunes posts idx under every non-ASCII rune of text, once.
func postRunes(m map[rune][]uint32, text string, idx uint32) {
	for _, r := range text {
		if r < 0x80 {
			continue
		}
		p := m[r]
		if len(p) > 0 && p[len(p)-1] == idx {
			continue
		}
		m[r] = append(p, idx)
	}
}

// asciiRuns is text with every run of non-ASCII runes replaced by one NUL byte.
func asciiRuns(text string) string {
	var b strings.Builder
	gap := false
	for _, r := range text {
		if r < 0x80 {
			b.WriteByte(byte(r))
			gap = false
		} else if !gap && b.Len() > 0 {
			b.WriteByte(0)
			gap = true
		}
	}
	if strings.Trim(b.String(), " \x00·-") == "" {
		return ""
	}
	return b.String()
}

// remove marks a record's entry dead; its postings are skipped from then on.
func (s *state) remove(id string) {
	i, ok := s.byID[id]
	if !ok {
		return
	}
	s.hot[i].dead = true
	delete(s.byID, id)
	s.dead++
	s.gen++
}

// refreshEmployees indexes again the people of an enterprise whose name changed or went.
func (s *state) refreshEmployees(enterpriseID string) {
	person := kindOrder(app.KindPerson)
	n := len(s.entries)
	for i := 0; i < n; i++ {
		if s.hot[i].dead || s.hot[i].kind != person || s.entries[i].ref != enterpriseID {
			continue
		}
		r := s.entries[i].record
		s.remove(r.id)
		s.add(r)
	}
}

// latinUnits are the ASCII letters and digits of a folded text, the only units of a text
// that is not matched by pinyin.
func (t *readingTable) latinUnits(folded string) []unit {
	var out []unit
	i := 0
	for _, r := range folded {
		if r < 0x80 && keyChar(byte(r)) != 0 && len(out) < maxUnits {
			out = append(out, unit{r: r, at: uint16(min(i, 1<<16-1)), set: t.intern([]string{string(r)})})
		}
		i++
	}
	return out
}
