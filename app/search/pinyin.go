package search

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// How a name is read. go-pinyin has no phrase dictionary, so its first reading of a
// polyphone is often wrong in a name or a place (重庆 zhongqing, 长沙 zhangsha, 厦门 shamen,
// 曾 ceng). A name therefore keeps every reading of each character (Heteronym) and matches
// if any reading of each character fits the query. Where the tables below know the word or
// the surname, its reading replaces the dictionary's, so that zs does not find 长沙 and
// chongqing finds 重庆 whatever the dictionary lists. Because each character is matched
// against its own small set of readings (see match.go), the combinations never multiply.

// maxReadings bounds the readings kept for one character (u-for-ü spellings come on top).
const maxReadings = 4

// maxUnits bounds the characters of a name that take part in pinyin matching; a longer
// name still matches as Chinese text.
const maxUnits = 40

// surnameReadings are how surnames are read, one entry a character, alternatives split
// by "|" where a surname is read both ways (覃 Qín and Tán). They apply to the first
// characters of a person's name only.
var surnameReadings = map[string][]string{
	"曾": {"zeng"}, "单": {"shan"}, "解": {"xie"}, "仇": {"qiu"}, "朴": {"piao"},
	"区": {"ou"}, "查": {"zha"}, "盖": {"ge|gai"}, "覃": {"qin|tan"}, "尉": {"wei|yu"},
	"乐": {"yue|le"}, "缪": {"miao"}, "翟": {"zhai|di"}, "重": {"chong"}, "种": {"chong"},
	"秘": {"bi"}, "召": {"shao"}, "员": {"yun"}, "隗": {"wei"}, "繁": {"po"},
	"黑": {"he"}, "能": {"nai"}, "过": {"guo"}, "宁": {"ning"}, "沈": {"shen"},
	"尉迟": {"yu", "chi"}, "万俟": {"mo", "qi"}, "单于": {"chan", "yu"}, "长孙": {"zhang", "sun"},
}

// wordReadings are places and common words of names read otherwise than the dictionary's
// first readings. They apply wherever the word stands in a name.
var wordReadings = map[string][]string{
	"重庆": {"chong", "qing"}, "长沙": {"chang", "sha"}, "长春": {"chang", "chun"},
	"长治": {"chang", "zhi"}, "长安": {"chang", "an"}, "长江": {"chang", "jiang"},
	"长城": {"chang", "cheng"}, "长兴": {"chang", "xing"}, "长乐": {"chang", "le"},
	"厦门": {"xia", "men"}, "蚌埠": {"beng", "bu"}, "六安": {"lu", "an"},
	"丽水": {"li", "shui"}, "乐平": {"le", "ping"}, "乐安": {"le", "an"},
	"乐清": {"yue", "qing"}, "铅山": {"yan", "shan"}, "弋阳": {"yi", "yang"},
	"会昌": {"hui", "chang"}, "番禺": {"pan", "yu"}, "台州": {"tai", "zhou"},
	"天台": {"tian", "tai"}, "亳州": {"bo", "zhou"},
	"大厦": {"da", "sha"}, "银行": {"yin", "hang"}, "行业": {"hang", "ye"},
	"重工": {"zhong", "gong"}, "都昌": {"du", "chang"}, "成都": {"cheng", "du"},
	"莘县": {"shen", "xian"}, "尉氏": {"yu", "shi"}, "东阿": {"dong", "e"},
	"单县": {"shan", "xian"}, "大冶": {"da", "ye"}, "南昌": {"nan", "chang"},
}

// readingTable interns syllables and the sets of readings of characters, so that a unit of
// a name is 8 bytes and a query compares small integers and short strings. It caches the
// dictionary's readings per character. A table belongs to one index state.
type readingTable struct {
	syllables []string          // by syllable ID
	sylID     map[string]uint16 // syllable → ID
	sets      [][]uint16        // reading sets by set ID; set 0 is empty
	firsts    []uint64          // by set ID: the key characters its readings begin with, as bits
	setID     map[string]uint16 // joined syllables → set ID
	byRune    map[rune][]string // the dictionary's readings of a character, cached
	args      pinyin.Args
}

func newReadingTable() *readingTable {
	t := &readingTable{sylID: map[string]uint16{}, setID: map[string]uint16{}, byRune: map[rune][]string{}, args: pinyin.NewArgs()}
	t.args.Heteronym = true
	t.sets = [][]uint16{nil}
	t.firsts = []uint64{0}
	return t
}

// unit is one character of a name that can be typed: a Han character with its readings, or
// an ASCII letter or digit read as itself.
type unit struct {
	r   rune   // the character, lower case
	at  uint16 // its rune index in the name
	set uint16 // its reading set
}

// dictReadings are the dictionary's readings of r, without tones (ü written v).
func (t *readingTable) dictReadings(r rune) []string {
	if rs, ok := t.byRune[r]; ok {
		return rs
	}
	rs := pinyin.SinglePinyin(r, t.args)
	t.byRune[r] = rs
	return rs
}

// intern returns the set ID of the readings, adding the set (and its syllables) if new.
func (t *readingTable) intern(readings []string) uint16 {
	key := strings.Join(readings, ",")
	if id, ok := t.setID[key]; ok {
		return id
	}
	set := make([]uint16, len(readings))
	var firsts uint64
	for i, s := range readings {
		firsts |= 1 << keyChar(s[0])
		id, ok := t.sylID[s]
		if !ok {
			id = uint16(len(t.syllables))
			t.syllables = append(t.syllables, s)
			t.sylID[s] = id
		}
		set[i] = id
	}
	id := uint16(len(t.sets))
	t.sets = append(t.sets, set)
	t.firsts = append(t.firsts, firsts)
	t.setID[key] = id
	return id
}

// units reads a name (already folded: lower case, half width) into its typeable units.
// Person names get the surname readings. Characters beyond maxUnits are left out.
func (t *readingTable) units(folded string, person bool) []unit {
	runes := []rune(folded)
	preferred := make([]string, len(runes)) // override reading by rune index
	for i := 0; i < len(runes); i++ {
		for _, n := range []int{2, 3} { // words of two or three characters
			if i+n > len(runes) {
				break
			}
			if w, ok := wordReadings[string(runes[i:i+n])]; ok {
				copy(preferred[i:], w)
			}
		}
	}
	if person {
		for _, n := range []int{2, 1} {
			if n <= len(runes) {
				if w, ok := surnameReadings[string(runes[:n])]; ok {
					copy(preferred, w)
					break
				}
			}
		}
	}
	var out []unit
	for i, r := range runes {
		if len(out) == maxUnits {
			break
		}
		var readings []string
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			readings = []string{string(r)}
		case r >= 0x80:
			readings = t.readingsOf(r, preferred[i])
		}
		if len(readings) == 0 {
			continue // punctuation, spaces, symbols: not typed in a search
		}
		out = append(out, unit{r: r, at: uint16(i), set: t.intern(readings)})
	}
	return out
}

// readingsOf is a character's readings: the override alone where a table names one (the
// 长 of 长沙 is chang, never zhang), else the dictionary's, at most maxReadings; each is
// followed by its u-for-ü spelling (lv → lu, lve → lue).
func (t *readingTable) readingsOf(r rune, preferred string) []string {
	dict := t.dictReadings(r)
	if preferred != "" {
		dict = nil
	}
	if len(dict) == 0 && preferred == "" {
		return nil
	}
	var out []string
	add := func(s string) {
		for _, have := range out {
			if have == s {
				return
			}
		}
		out = append(out, s)
	}
	if preferred != "" {
		for _, p := range strings.Split(preferred, "|") {
			add(p)
		}
	}
	for _, s := range dict {
		if len(out) == maxReadings {
			break
		}
		add(s)
	}
	for _, s := range out {
		if strings.ContainsRune(s, 'v') {
			add(strings.ReplaceAll(s, "v", "u"))
		}
	}
	return out
}

// initials is the first letter of each unit's first reading: 南昌经开区 → ncjkq.
func (t *readingTable) initials(us []unit) string {
	b := make([]byte, len(us))
	for i, u := range us {
		b[i] = t.syllables[t.sets[u.set][0]][0]
	}
	return string(b)
}

// keyChar codes a letter or digit for a key: a–z → 1–26, 0–9 → 27–36; 0 for anything else.
func keyChar(c byte) uint32 {
	switch {
	case c >= 'a' && c <= 'z':
		return uint32(c-'a') + 1
	case c >= '0' && c <= '9':
		return uint32(c-'0') + 27
	}
	return 0
}

// numKeys is the number of key codes: strings of one to three key characters.
const numKeys = 37 * 37 * 37

// keyCode codes the first one to three characters of s (letters and digits only).
func keyCode(s string) (uint32, bool) {
	var code, mul uint32 = 0, 1
	for i := 0; i < len(s) && i < 3; i++ {
		c := keyChar(s[i])
		if c == 0 {
			return 0, false
		}
		code += c * mul
		mul *= 37
	}
	return code, len(s) > 0
}

// keys calls emit with every key (one to three letters or digits) that a pinyin match
// starting at a unit can begin with, and that unit. A match reads each unit by any prefix of
// one of its readings, so 张三 from its first unit gives z, zh, zha, zs, zhs, zsa …; a query
// of up to three characters is matched by its key alone. Units come in ascending order.
func (t *readingTable) keys(us []unit, emit func(code uint32, start int)) {
	var walk func(i int, code, mul uint32, n int, start int)
	walk = func(i int, code, mul uint32, n int, start int) {
		if i == len(us) {
			return
		}
		for _, sid := range t.sets[us[i].set] {
			s := t.syllables[sid]
			c, m := code, mul
			for l := 0; l < len(s) && n+l < 3; l++ {
				k := keyChar(s[l])
				if k == 0 {
					break
				}
				c += k * m
				m *= 37
				emit(c, start)
				if n+l+1 < 3 {
					walk(i+1, c, m, n+l+1, start)
				}
			}
		}
	}
	for i := range us {
		walk(i, 0, 1, 0, i)
	}
}
