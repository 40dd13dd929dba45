package importers

import (
	"strings"
	"testing"
)

// TestClassifyRows: blank, totals, note and repeated header rows below a header, and data.
func TestClassifyRows(t *testing.T) {
	h := Header{Labels: []string{"序号", "项目名称", "投资方", "总投资"}}
	long := strings.Repeat("本表由各开发区于每月5日前报送，金额单位为万元", 2)
	tests := []struct {
		row  []string
		want rowKind
	}{
		{[]string{"", " ", "\u3000"}, rowBlank},
		{[]string{"合计", "", "", "52000"}, rowTotal},
		{[]string{"合 计", "", "", "52000"}, rowTotal},
		{[]string{"", "总计（万元）", "", "52000"}, rowTotal},
		{[]string{"小计:", "3", "", "800"}, rowTotal},
		{[]string{"1", "合计行政服务中心项目", "某公司", "500"}, rowData},
		{[]string{"1", "2", "3", "累计"}, rowData}, // a total word past the third value
		{[]string{"说明：金额为万元", "说明：金额为万元", "数据截至3月"}, rowNote},
		{[]string{"说明：金额为万元", "甲", "乙"}, rowData}, // three different values: data
		{[]string{long, long, long}, rowNote},
		{[]string{"序号", "项目名称", "投资方", "总投资"}, rowRepeatedHeader},
		{[]string{"7", "锂电池项目", "赣锋锂业", "30000"}, rowData},
	}
	for _, tc := range tests {
		g := &Grid{Cells: [][]string{h.Labels, tc.row}}
		if got := classify(g, 1, h); got != tc.want {
			t.Errorf("%q: %d, want %d", tc.row, got, tc.want)
		}
	}
}
