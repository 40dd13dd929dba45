package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

type day string

func (d day) String() string { return string(d) }

func TestCSV(t *testing.T) {
	cols := []Column{{Title: "项目名称"}, {Title: "统一社会信用代码"}, {Title: "总投资（亿元）"}, {Title: "签约日期"}, {Title: "省外"}}
	rows := [][]any{
		{"南昌经开区光电项目", "0913600001234567XA", 52.5, day("2026-03-12"), true},
		{"=HYPERLINK(\"http://x\")", "13800138000", nil, nil, false},
		{"+86 791", "-5", -5, day(""), nil},
		{"@SUM(A1)", "\t制表", int64(3), time.Date(2026, 3, 12, 9, 30, 0, 0, time.UTC), nil},
		{"含,逗号\"引号\"和\n换行", "", 0, nil},
	}
	var buf bytes.Buffer
	if err := CSV(&buf, cols, len(rows), func(i int) []any { return rows[i] }); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("no UTF-8 byte-order mark")
	}
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
	got, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"项目名称", "统一社会信用代码", "总投资（亿元）", "签约日期", "省外"},
		{"南昌经开区光电项目", "0913600001234567XA", "52.5", "2026-03-12", "是"},
		{"'=HYPERLINK(\"http://x\")", "13800138000", "", "", "否"},
		{"'+86 791", "'-5", "-5", "", ""},
		{"'@SUM(A1)", "'\t制表", "3", "2026-03-12 09:30:00", ""},
		{"含,逗号\"引号\"和\n换行", "", "0", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d", len(got), len(want))
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d = %q, want %q", i, got[i], want[i])
		}
	}
}
