package returns

import "testing"

func TestExtendRanges(t *testing.T) {
	tests := []struct {
		name, formula, home, target, want string
	}{
		{"sum over the pattern row", "SUM(D5:D5)", "表", "表", "SUM(D5:D104)"},
		{"absolute", "SUM($D$5:$D$5)", "表", "表", "SUM($D$5:$D$104)"},
		{"range from above", "SUBTOTAL(9,D4:D5)", "表", "表", "SUBTOTAL(9,D4:D104)"},
		{"two ranges and a number", "SUM(D5:D5)+SUM(E5:E5)*1.5", "表", "表", "SUM(D5:D104)+SUM(E5:E104)*1.5"},
		{"single cell stays", "D5*2", "表", "表", "D5*2"},
		{"range below stays", "SUM(D6:D9)", "表", "表", "SUM(D6:D9)"},
		{"other sheet untouched", "SUM(D5:D5)", "汇总", "表", "SUM(D5:D5)"},
		{"qualified from another sheet", "SUM(表!D5:D5)", "汇总", "表", "SUM(表!D5:D104)"},
		{"quoted sheet name", "SUM('项目 表'!D5:D5)", "汇总", "项目 表", "SUM('项目 表'!D5:D104)"},
		{"quoted name with quote", "SUM('O''Neil'!D5:D5)", "x", "O'Neil", "SUM('O''Neil'!D5:D104)"},
		{"text literal untouched", `IF(D5:D5="D5:D5","",1)`, "表", "表", `IF(D5:D104="D5:D5","",1)`},
		{"function like a ref", "LOG10(D5:D5)", "表", "表", "LOG10(D5:D104)"},
		{"name with digits", "Q1SALES+SUM(A5:A5)", "表", "表", "Q1SALES+SUM(A5:A104)"},
		{"lower case", "sum(d5:d5)", "表", "表", "sum(D5:D104)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := extendRanges(tc.formula, tc.home, tc.target, 5, 104); got != tc.want {
				t.Errorf("extendRanges(%q) = %q, want %q", tc.formula, got, tc.want)
			}
		})
	}
}

func TestMoveRow(t *testing.T) {
	tests := []struct{ formula, want string }{
		{"E5/D5", "E9/D9"},
		{"IF(D5=0,\"\",E5/D5)", "IF(D9=0,\"\",E9/D9)"},
		{"E5/$D$5", "E9/$D$5"},
		{"SUM(B5:D5)", "SUM(B9:D9)"},
		{"E4+E5", "E4+E9"},
	}
	for _, tc := range tests {
		if got := moveRow(tc.formula, "表", 5, 9); got != tc.want {
			t.Errorf("moveRow(%q) = %q, want %q", tc.formula, got, tc.want)
		}
	}
}

func TestExtendSqref(t *testing.T) {
	tests := []struct{ in, want string }{
		{"M5", "M5:M12"},
		{"M5:N5 P5", "M5:N12 P5:P12"},
		{"M4:M5", "M4:M12"},
		{"M6:M9", "M6:M9"},
	}
	for _, tc := range tests {
		if got := extendSqref(tc.in, 5, 12); got != tc.want {
			t.Errorf("extendSqref(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestScaled(t *testing.T) {
	tests := []struct {
		v, div   int64
		decimals int
		want     float64
	}{
		{12_345_678, 10_000, 2, 1234.57},
		{12_345_000, 10_000, 2, 1234.5},
		{5_000, 10_000, 0, 1},
		{4_999, 10_000, 0, 0},
		{-12_345_678, 10_000, 2, -1234.57},
		{520_000_000, 100_000_000, 2, 5.2},
		{1, 100_000_000, 4, 0},
		{6_000_000_000_000, 100_000_000, 2, 60000},
	}
	for _, tc := range tests {
		if got := scaled(tc.v, tc.div, tc.decimals); got != tc.want {
			t.Errorf("scaled(%d, %d, %d) = %v, want %v", tc.v, tc.div, tc.decimals, got, tc.want)
		}
	}
}
