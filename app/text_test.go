package app

import "testing"

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"clean Chinese", "华芯微联科技有限公司", "华芯微联科技有限公司"},
		{"single inner spaces kept", "Jiangxi Copper Co", "Jiangxi Copper Co"},
		{"only white space", " \t\u3000 ", ""},
		{"leading space", " 南昌", "南昌"},
		{"trailing space", "南昌 ", "南昌"},
		{"trailing newline", "南昌\n", "南昌"},
		{"double inner space folds", "南昌  经开区", "南昌 经开区"},
		{"inner tab becomes a space", "南昌\t经开区", "南昌 经开区"},
		{"full-width space", "\u3000张三\u3000", "张三"},
		{"inner full-width space", "张\u3000三", "张 三"},
		{"no-break space", "5.2\u00a0亿元", "5.2 亿元"},
		{"byte order mark", "\ufeff项目名称", "项目名称"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := CleanText(tc.in); got != tc.want {
				t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
