package app

import "testing"

func TestRowSpan(t *testing.T) {
	for _, tc := range []struct {
		rows []int
		want string
	}{
		{nil, ""},
		{[]int{3}, "3"},
		{[]int{3, 4}, "3–4"},
		{[]int{2, 3, 4}, "2–4"},
		{[]int{2, 5}, "2、5"},
		{[]int{4, 3}, "4、3"},
	} {
		if got := RowSpan(tc.rows); got != tc.want {
			t.Errorf("RowSpan(%v) = %q, want %q", tc.rows, got, tc.want)
		}
	}
}
