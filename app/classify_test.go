package app

import (
	"math"
	"testing"
)

func TestIsYiPlus(t *testing.T) {
	tests := []struct {
		total Yuan
		want  bool
	}{
		{0, false},
		{-Yi, false},
		{99_999_999, false},
		{100_000_000, true},
		{100_000_001, true},
		{50 * Yi, true},
	}
	for _, tc := range tests {
		t.Run(tc.total.FormatYi(), func(t *testing.T) {
			if got := IsYiPlus(tc.total); got != tc.want {
				t.Errorf("IsYiPlus(%d) = %v, want %v", tc.total, got, tc.want)
			}
		})
	}
}

func TestIs5020(t *testing.T) {
	tests := []struct {
		name   string
		total  Yuan
		sector Sector
		level  ZoneLevel
		want   bool
	}{
		{"exactly 20亿, provincial", 20 * Yi, SectorIndustry, ZoneProvincial, true},
		{"20亿−1, provincial", 20*Yi - 1, SectorIndustry, ZoneProvincial, false},
		{"30亿, provincial", 30 * Yi, SectorIndustry, ZoneProvincial, true},
		{"exactly 50亿, 国家级新区", 50 * Yi, SectorIndustry, ZoneNationalNewArea, true},
		{"exactly 50亿, 国家级经开区", 50 * Yi, SectorIndustry, ZoneNationalETDZ, true},
		{"exactly 50亿, 国家高新区", 50 * Yi, SectorIndustry, ZoneNationalHiTech, true},
		{"50亿−1, 国家级新区", 50*Yi - 1, SectorIndustry, ZoneNationalNewArea, false},
		{"50亿−1, 国家级经开区", 50*Yi - 1, SectorIndustry, ZoneNationalETDZ, false},
		{"50亿−1, 国家高新区", 50*Yi - 1, SectorIndustry, ZoneNationalHiTech, false},
		{"30亿, national", 30 * Yi, SectorIndustry, ZoneNationalETDZ, false},
		{"20亿, national", 20 * Yi, SectorIndustry, ZoneNationalHiTech, false},
		{"100亿, national", 100 * Yi, SectorIndustry, ZoneNationalETDZ, true},
		{"20亿, no zone level", 20 * Yi, SectorIndustry, "", false},
		{"60亿, no zone level", 60 * Yi, SectorIndustry, "", false},
		{"60亿, unknown zone level", 60 * Yi, SectorIndustry, "市级", false},
		{"60亿 服务业, national", 60 * Yi, SectorServices, ZoneNationalETDZ, false},
		{"60亿 服务业, provincial", 60 * Yi, SectorServices, ZoneProvincial, false},
		{"60亿 农业, provincial", 60 * Yi, SectorAgriculture, ZoneProvincial, false},
		{"60亿, no sector", 60 * Yi, "", ZoneProvincial, false},
		{"zero", 0, SectorIndustry, ZoneProvincial, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Is5020(tc.total, tc.sector, tc.level); got != tc.want {
				t.Errorf("Is5020(%d, %q, %q) = %v, want %v", tc.total, tc.sector, tc.level, got, tc.want)
			}
		})
	}
}

func TestSizeClass(t *testing.T) {
	tests := []struct {
		name   string
		total  Yuan
		sector Sector
		level  ZoneLevel
		want   string
	}{
		{"small", 99_999_999, SectorIndustry, ZoneProvincial, ""},
		{"zero", 0, SectorIndustry, ZoneNationalETDZ, ""},
		{"exactly 1亿", Yi, SectorIndustry, ZoneProvincial, "亿元以上"},
		{"20亿−1 provincial", 20*Yi - 1, SectorIndustry, ZoneProvincial, "亿元以上"},
		{"20亿 provincial", 20 * Yi, SectorIndustry, ZoneProvincial, "5020"},
		{"30亿 national", 30 * Yi, SectorIndustry, ZoneNationalHiTech, "亿元以上"},
		{"50亿 national", 50 * Yi, SectorIndustry, ZoneNationalNewArea, "5020"},
		{"60亿 服务业", 60 * Yi, SectorServices, ZoneNationalETDZ, "亿元以上"},
		{"20亿 no zone", 20 * Yi, SectorIndustry, "", "亿元以上"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SizeClass(tc.total, tc.sector, tc.level); got != tc.want {
				t.Errorf("SizeClass = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLandIntensity(t *testing.T) {
	tests := []struct {
		name  string
		fixed Yuan
		land  Area
		want  float64 // 万元 per 亩
	}{
		{"5亿 on 100亩", 5 * Yi, AreaFromMu(100), 500},
		{"1亿 on 12.5亩", Yi, AreaFromMu(12.5), 800},
		{"300万 on 0.5亩", 300 * Wan, AreaFromMu(0.5), 600},
		{"1万 on 3亩", Wan, AreaFromMu(3), 1.0 / 3},
		{"no land", 5 * Yi, 0, 0},
		{"no investment", 0, AreaFromMu(100), 0},
		{"negative land", 5 * Yi, -100, 0},
		{"negative investment", -Yi, AreaFromMu(100), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := LandIntensity(tc.fixed, tc.land)
			if math.Abs(got-tc.want) > 1e-9 || math.IsNaN(got) || math.IsInf(got, 0) {
				t.Errorf("LandIntensity(%d, %d) = %v, want %v", tc.fixed, tc.land, got, tc.want)
			}
		})
	}
}

func TestZoneLevel(t *testing.T) {
	tests := []struct {
		level           ZoneLevel
		national, valid bool
	}{
		{ZoneNationalNewArea, true, true},
		{ZoneNationalETDZ, true, true},
		{ZoneNationalHiTech, true, true},
		{ZoneProvincial, false, true},
		{"", false, false},
		{"国家级", false, false},
	}
	for _, tc := range tests {
		t.Run(string(tc.level), func(t *testing.T) {
			if got := tc.level.National(); got != tc.national {
				t.Errorf("National = %v", got)
			}
			if got := tc.level.Valid(); got != tc.valid {
				t.Errorf("Valid = %v", got)
			}
		})
	}
}
