package search

import (
	"slices"
	"strings"
	"testing"
)

func TestReadings(t *testing.T) {
	tests := []struct {
		name   string
		person bool
		want   string // the readings of each character, "|" between alternatives
	}{
		{"长沙", false, "chang sha"},
		{"重庆", false, "chong qing"},
		{"厦门", false, "xia men"},
		{"六安", false, "lu an"},
		{"中国银行", false, "zhong guo yin hang"},
		{"曾国强", true, "zeng guo qiang|jiang"},
		{"曾经", false, "ceng|zeng jing"}, // not a person: every reading
		{"单雄信", true, "shan xiong xin|shen"},
		{"覃斌", true, "qin|tan bin"},
		{"尉迟恭", true, "yu chi gong"},
		{"尉军", true, "wei|yu jun"},
		{"吕布", true, "lv|lu bu"},
		{"TCL科技", false, "t c l ke ji|qi"},
		{"3M（中国）", false, "3 m zhong guo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := newReadingTable()
			var got []string
			for _, u := range tab.units(fold(tt.name), tt.person) {
				var rs []string
				for _, id := range tab.sets[u.set] {
					rs = append(rs, tab.syllables[id])
				}
				got = append(got, strings.Join(rs, "|"))
			}
			if want := strings.Fields(tt.want); !slices.Equal(got, want) {
				t.Errorf("%s reads %v, want %v", tt.name, got, want)
			}
		})
	}
}

func TestKeys(t *testing.T) {
	tab := newReadingTable()
	us := tab.units("张三", true)
	var keys []string
	tab.keys(us, func(code uint32, start int) {
		var b []byte
		for c := code; c > 0; c /= 37 {
			k := c % 37
			if k <= 26 {
				b = append(b, byte('a'+k-1))
			} else {
				b = append(b, byte('0'+k-27))
			}
		}
		keys = append(keys, string(b)+"@"+string(rune('0'+start)))
	})
	for _, want := range []string{"z@0", "zh@0", "zha@0", "zs@0", "zhs@0", "zsa@0", "s@1", "sa@1", "san@1"} {
		if !slices.Contains(keys, want) {
			t.Errorf("张三 has no key %s; keys %v", want, keys)
		}
	}
	for _, bad := range []string{"a@0", "h@0", "zss@0", "sz@1"} {
		if slices.Contains(keys, bad) {
			t.Errorf("张三 has the key %s", bad)
		}
	}
}
