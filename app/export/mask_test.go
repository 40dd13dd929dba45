package export

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestMaskPhones(t *testing.T) {
	tests := []struct{ in, want string }{
		{"13812341234", "138****1234"},
		{"138 1234 1234", "138 **** 1234"},
		{"+8613812341234", "+86138****1234"},
		{"0791-86123456", "0791-****3456"},
		{"079186123456", "0791****3456"},
		{"010-68881234转802", "010-****1234转802"},
		{"02161234567", "021****4567"},
		{"0755-86123456、13800138000、13900139000", "0755-****3456、138****8000、139****9000"},
		{"13800138000；0791-86123456", "138****8000；0791-****3456"},
		{"86123456", "****3456"},
		{"", ""},
		{"转802", "转802"},
		{"未留电话", "未留电话"},
		{"2025-03", "2025-03"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := MaskPhones(tc.in); got != tc.want {
				t.Errorf("MaskPhones(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestExportMasksPhoneColumns: with 导出时隐藏手机号 on, the phone column of a plain export
// is masked in both formats; other columns, and the same column with the switch off, are not.
func TestExportMasksPhoneColumns(t *testing.T) {
	rows := [][]any{{"张卫东", "13812341234、0791-86123456", "13812341234"}}
	for _, mask := range []bool{true, false} {
		cols := []Column{{Title: "姓名"}, {Title: "电话", MaskPhones: mask}, {Title: "备注"}}
		want := []string{"张卫东", "13812341234、0791-86123456", "13812341234"}
		if mask {
			want[1] = "138****1234、0791-****3456"
		}
		for _, format := range []string{"xlsx", "csv"} {
			t.Run(fmt.Sprintf("%s mask=%v", format, mask), func(t *testing.T) {
				var buf bytes.Buffer
				var got []string
				if format == "xlsx" {
					if err := XLSX(&buf, "人物", cols, len(rows), func(i int) []any { return rows[i] }); err != nil {
						t.Fatal(err)
					}
					f, err := excelize.OpenReader(&buf)
					if err != nil {
						t.Fatal(err)
					}
					defer f.Close()
					all, err := f.GetRows("人物")
					if err != nil || len(all) != 2 {
						t.Fatalf("rows %q, %v", all, err)
					}
					got = all[1]
				} else {
					if err := CSV(&buf, cols, len(rows), func(i int) []any { return rows[i] }); err != nil {
						t.Fatal(err)
					}
					lines := strings.Split(strings.TrimSpace(buf.String()), "\r\n")
					if len(lines) != 2 {
						t.Fatalf("csv %q", buf.String())
					}
					got = strings.Split(lines[1], ",")
				}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("row %q, want %q", got, want)
				}
			})
		}
	}
	if rows[0][1] != "13812341234、0791-86123456" {
		t.Errorf("the caller's row was changed: %q", rows[0][1])
	}
}
