package app

import "testing"

func TestParseScaled(t *testing.T) {
	tests := []struct {
		in   string
		unit int64
		want int64
		bad  bool
	}{
		{"5.2", int64(Yi), 520_000_000, false},
		{"0.0001", int64(Yi), 10_000, false},
		{"3,200", int64(Wan), 32_000_000, false},
		{"１２．５", int64(Wan), 125_000, false},
		{" 8000 ", int64(Wan), 80_000_000, false},
		{"", int64(Wan), 0, false},
		{"-1.5", int64(Wan), -15_000, false},
		{"12.50", 100, 1250, false},
		{"1.23456789", int64(Yi), 123_456_789, false},
		{"1.234567891", int64(Yi), 0, true},
		{"0.00001", int64(Wan), 0, true},
		{"abc", int64(Wan), 0, true},
		{"1.2.3", int64(Wan), 0, true},
		{".", int64(Wan), 0, true},
		{"99999999999999999999", int64(Wan), 0, true},
		{"5亿", int64(Yi), 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseScaled(tc.in, tc.unit)
			if tc.bad {
				if err == nil {
					t.Fatalf("ParseScaled(%q) = %d, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseScaled(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
			if back, err := ParseScaled(FormatScaled(got, tc.unit), tc.unit); err != nil || back != got {
				t.Errorf("round trip through %q gave %d, %v", FormatScaled(got, tc.unit), back, err)
			}
		})
	}
}
