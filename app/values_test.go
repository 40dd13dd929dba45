package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestYuanFormat(t *testing.T) {
	tests := []struct {
		name    string
		y       Yuan
		wan, yi string
	}{
		{"zero", 0, "0.00万元", "0.00亿元"},
		{"one yuan", 1, "0.00万元", "0.00亿元"},
		{"49 yuan rounds down", 49, "0.00万元", "0.00亿元"},
		{"50 yuan rounds half up", 50, "0.01万元", "0.00亿元"},
		{"1万", Wan, "1.00万元", "0.00亿元"},
		{"1.2345万 rounds down", 12_345, "1.23万元", "0.00亿元"},
		{"1.235万 rounds half up", 12_350, "1.24万元", "0.00亿元"},
		{"9.9995万 carries into the integer", 99_995, "10.00万元", "0.00亿元"},
		{"thousands grouping", 123_456_789_012, "12,345,678.90万元", "1,234.57亿元"},
		{"carry across a thousands group", 9_999_999_950, "1,000,000.00万元", "100.00亿元"},
		{"exactly 1亿", Yi, "10,000.00万元", "1.00亿元"},
		{"1.005亿 rounds half up", 100_500_000, "10,050.00万元", "1.01亿元"},
		{"1.00499999亿 rounds down", 100_499_999, "10,050.00万元", "1.00亿元"},
		{"5.2亿", 520_000_000, "52,000.00万元", "5.20亿元"},
		{"999.995亿 carries to a new group", 99_999_500_000, "9,999,950.00万元", "1,000.00亿元"},
		{"1万亿", 10_000 * Yi, "100,000,000.00万元", "10,000.00亿元"},
		{"negative", -12_350, "-1.24万元", "0.00亿元"},
		{"negative rounds half away from zero", -50, "-0.01万元", "0.00亿元"},
		{"negative below half shows no sign", -49, "0.00万元", "0.00亿元"},
		{"negative 亿 with grouping", -123_456_789_012, "-12,345,678.90万元", "-1,234.57亿元"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.y.FormatWan(); got != tc.wan {
				t.Errorf("Yuan(%d).FormatWan() = %q, want %q", tc.y, got, tc.wan)
			}
			if got := tc.y.FormatYi(); got != tc.yi {
				t.Errorf("Yuan(%d).FormatYi() = %q, want %q", tc.y, got, tc.yi)
			}
		})
	}
}

func TestYuanUnits(t *testing.T) {
	tests := []struct {
		y       Yuan
		wan, yi float64
	}{
		{0, 0, 0},
		{Wan, 1, 0.0001},
		{520_000_000, 52_000, 5.2},
		{-Yi, -10_000, -1},
	}
	for _, tc := range tests {
		t.Run(tc.y.FormatWan(), func(t *testing.T) {
			if got := tc.y.Wan(); got != tc.wan {
				t.Errorf("Wan() = %v, want %v", got, tc.wan)
			}
			if got := tc.y.Yi(); got != tc.yi {
				t.Errorf("Yi() = %v, want %v", got, tc.yi)
			}
		})
	}
}

func TestUSCentsFormatWanUSD(t *testing.T) {
	tests := []struct {
		name string
		c    USCents
		want string
	}{
		{"zero", 0, "0.00万美元"},
		{"1万美元", 1_000_000, "1.00万美元"},
		{"rounds down", 123_454_999, "123.45万美元"},
		{"rounds half up", 123_455_000, "123.46万美元"},
		{"grouping", 1_234_567_800_000, "1,234,567.80万美元"},
		{"100亿美元", maxPlausibleCapital, "1,000,000.00万美元"},
		{"negative half away from zero", -5_000, "-0.01万美元"},
		{"negative", -250_000_000, "-250.00万美元"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.FormatWanUSD(); got != tc.want {
				t.Errorf("USCents(%d).FormatWanUSD() = %q, want %q", tc.c, got, tc.want)
			}
		})
	}
}

func TestAreaFromMu(t *testing.T) {
	tests := []struct {
		mu   float64
		want Area
	}{
		{0, 0},
		{12.5, 1250},
		{100, 10_000},
		{0.01, 1},
		{1.234, 123},
		{1.236, 124},
		{-3.333, -333},
		{-3.336, -334},
		{350.75, 35_075},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.mu), func(t *testing.T) {
			if got := AreaFromMu(tc.mu); got != tc.want {
				t.Errorf("AreaFromMu(%v) = %d, want %d", tc.mu, got, tc.want)
			}
			if got := tc.want.Mu(); got != float64(tc.want)/100 {
				t.Errorf("Mu() = %v", got)
			}
		})
	}
}

func jsonText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("json.Marshal(%v): %v", v, err)
	}
	return string(b)
}

func TestAreaJSON(t *testing.T) {
	tests := []struct {
		a    Area
		json string
	}{
		{0, "0"},
		{1, "0.01"},
		{1250, "12.5"},
		{35_075, "350.75"},
		{10_000, "100"},
		{-333, "-3.33"},
	}
	for _, tc := range tests {
		t.Run(tc.json, func(t *testing.T) {
			if got := jsonText(t, tc.a); got != tc.json {
				t.Errorf("Marshal(%d) = %s, want %s", tc.a, got, tc.json)
			}
			var back Area
			if err := json.Unmarshal([]byte(tc.json), &back); err != nil || back != tc.a {
				t.Errorf("Unmarshal(%s) = %d, %v; want %d", tc.json, back, err, tc.a)
			}
		})
	}
	t.Run("in a project", func(t *testing.T) {
		var p Project
		if err := json.Unmarshal([]byte(`{"land_mu": 88.88}`), &p); err != nil || p.Land != 8888 {
			t.Errorf("got %d, %v", p.Land, err)
		}
	})
	t.Run("null leaves zero", func(t *testing.T) {
		var p Project
		if err := json.Unmarshal([]byte(`{"land_mu": null}`), &p); err != nil || p.Land != 0 {
			t.Errorf("got %d, %v", p.Land, err)
		}
	})
	for _, bad := range []string{`"12.5亩"`, `true`, `[1]`} {
		t.Run("bad "+bad, func(t *testing.T) {
			var a Area
			err := json.Unmarshal([]byte(bad), &a)
			if err == nil || !strings.Contains(err.Error(), "用地面积") {
				t.Errorf("Unmarshal(%s) error = %v, want a Chinese message naming 用地面积", bad, err)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2025-03-12", NewDate(2025, 3, 12), false},
		{" 2025-03-12\t", NewDate(2025, 3, 12), false},
		{"2024-02-29", NewDate(2024, 2, 29), false},
		{"0001-01-01", NewDate(1, 1, 1), false},
		{"", Date{}, false},
		{"   ", Date{}, false},
		{"2025-02-29", Date{}, true},
		{"2025-13-01", Date{}, true},
		{"2025-04-31", Date{}, true},
		{"2025/03/12", Date{}, true},
		{"2025.03.12", Date{}, true},
		{"2025年3月12日", Date{}, true},
		{"2025-3-12", Date{}, true},
		{"20250312", Date{}, true},
		{"2025-03-12T10:00:00Z", Date{}, true},
		{"abc", Date{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error", tc.in, got)
				}
				if msg := err.Error(); !strings.Contains(msg, "日期") || !strings.Contains(msg, "yyyy-mm-dd") || !strings.Contains(msg, strings.TrimSpace(tc.in)) {
					t.Errorf("error %q should be Chinese, quote the input and show the layout", msg)
				}
				if !got.IsZero() {
					t.Errorf("a failed parse returned %v", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
	t.Run("MustDate panics on bad input", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		MustDate("2025-02-30")
	})
}

func TestDateBasics(t *testing.T) {
	d := MustDate("2025-03-07")
	if d.Year() != 2025 || d.Month() != time.March || d.Day() != 7 {
		t.Errorf("parts = %d %v %d", d.Year(), d.Month(), d.Day())
	}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"String pads", d.String(), "2025-03-07"},
		{"zero String is empty", Date{}.String(), ""},
		{"zero IsZero", Date{}.IsZero(), true},
		{"IsZero of a date", d.IsZero(), false},
		{"Time is midnight UTC", d.Time(), time.Date(2025, 3, 7, 0, 0, 0, 0, time.UTC)},
		{"NewDate normalises", NewDate(2025, 2, 29), MustDate("2025-03-01")},
		{"NewDate day 0", NewDate(2024, 3, 0), MustDate("2024-02-29")},
		{"DateOf keeps the location's day", DateOf(time.Date(2025, 3, 7, 23, 30, 0, 0, time.FixedZone("CST", 8*3600))), d},
		{"small years pad", NewDate(25, 1, 2).String(), "0025-01-02"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2025-03-07", "2025-03-07", 0},
		{"2025-03-07", "2025-03-08", -1},
		{"2025-03-08", "2025-03-07", 1},
		{"2025-02-28", "2025-03-01", -1},
		{"2024-12-31", "2025-01-01", -1},
		{"2025-10-01", "2025-09-30", 1},
		{"", "2025-01-01", -1},
		{"", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.a+" vs "+tc.b, func(t *testing.T) {
			a, b := MustDate(tc.a), MustDate(tc.b)
			if got := a.Compare(b); got != tc.want {
				t.Errorf("Compare = %d, want %d", got, tc.want)
			}
			if got := a.Before(b); got != (tc.want < 0) {
				t.Errorf("Before = %v", got)
			}
			if got := a.After(b); got != (tc.want > 0) {
				t.Errorf("After = %v", got)
			}
		})
	}
}

func TestDateWithin(t *testing.T) {
	from, to := MustDate("2025-01-01"), MustDate("2025-06-30")
	tests := []struct {
		name     string
		d        string
		from, to Date
		want     bool
	}{
		{"inside", "2025-03-15", from, to, true},
		{"on from", "2025-01-01", from, to, true},
		{"on to", "2025-06-30", from, to, true},
		{"day before", "2024-12-31", from, to, false},
		{"day after", "2025-07-01", from, to, false},
		{"zero date is never within", "", from, to, false},
		{"zero date, open period", "", Date{}, Date{}, false},
		{"open both", "1999-01-01", Date{}, Date{}, true},
		{"open from", "1999-01-01", Date{}, to, true},
		{"open from, after to", "2025-07-01", Date{}, to, false},
		{"open to", "2099-01-01", from, Date{}, true},
		{"open to, before from", "2024-12-31", from, Date{}, false},
		{"one-day period", "2025-01-01", from, from, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MustDate(tc.d).Within(tc.from, tc.to); got != tc.want {
				t.Errorf("%s.Within(%v, %v) = %v, want %v", tc.d, tc.from, tc.to, got, tc.want)
			}
		})
	}
}

func TestDateAddDaysAndDaysSince(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2025-03-07", 0, "2025-03-07"},
		{"2025-03-07", 1, "2025-03-08"},
		{"2025-02-28", 1, "2025-03-01"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2024-12-31", 1, "2025-01-01"},
		{"2025-01-01", -1, "2024-12-31"},
		{"2024-03-01", -1, "2024-02-29"},
		{"2025-01-01", 365, "2026-01-01"},
		{"2024-01-01", 366, "2025-01-01"},
		{"2025-03-30", 45, "2025-05-14"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s%+d", tc.from, tc.n), func(t *testing.T) {
			d := MustDate(tc.from)
			got := d.AddDays(tc.n)
			if got.String() != tc.want {
				t.Fatalf("AddDays = %v, want %s", got, tc.want)
			}
			if back := got.DaysSince(d); back != tc.n {
				t.Errorf("%s.DaysSince(%s) = %d, want %d", got, d, back, tc.n)
			}
		})
	}
	t.Run("DaysSince across a leap year", func(t *testing.T) {
		if got := MustDate("2025-03-01").DaysSince(MustDate("2024-03-01")); got != 365 {
			t.Errorf("got %d", got)
		}
		if got := MustDate("2024-03-01").DaysSince(MustDate("2023-03-01")); got != 366 {
			t.Errorf("got %d", got)
		}
	})
}

func TestDateDaysSinceLongSpan(t *testing.T) {
	// 1600-01-01 to 2025-01-01: 425 years with 104 leap days (107 years divisible by 4 from
	// 1600 to 2024, less 1700, 1800 and 1900) = 155229 days.
	if got, want := MustDate("2025-01-01").DaysSince(MustDate("1600-01-01")), 425*365+104; got != want {
		t.Errorf("DaysSince = %d, want %d", got, want)
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		On Date `json:"on"`
	}
	tests := []struct {
		name string
		d    Date
		json string
	}{
		{"date", MustDate("2025-03-07"), `{"on":"2025-03-07"}`},
		{"zero is empty text", Date{}, `{"on":""}`},
		{"leap day", MustDate("2024-02-29"), `{"on":"2024-02-29"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := jsonText(t, rec{tc.d}); got != tc.json {
				t.Errorf("Marshal = %s, want %s", got, tc.json)
			}
			var back rec
			if err := json.Unmarshal([]byte(tc.json), &back); err != nil || back.On != tc.d {
				t.Errorf("Unmarshal = %v, %v; want %v", back.On, err, tc.d)
			}
		})
	}
	t.Run("null is zero", func(t *testing.T) {
		back := rec{MustDate("2025-01-01")}
		if err := json.Unmarshal([]byte(`{"on":null}`), &back); err != nil {
			t.Fatal(err)
		}
		if !back.On.IsZero() {
			t.Errorf("got %v", back.On)
		}
	})
	t.Run("bad text gives a Chinese error", func(t *testing.T) {
		var back rec
		err := json.Unmarshal([]byte(`{"on":"2025/03/07"}`), &back)
		if err == nil || !strings.Contains(err.Error(), "日期") {
			t.Errorf("error = %v, want a Chinese message", err)
		}
	})
}

func TestDateJSONNotText(t *testing.T) {
	var d Date
	err := json.Unmarshal([]byte(`20250312`), &d)
	if err == nil || !strings.Contains(err.Error(), "日期") {
		t.Errorf("error = %v, want a Chinese message", err)
	}
}

func TestParseMonth(t *testing.T) {
	tests := []struct {
		in           string
		want         Month
		first, last  string
		wantErr      bool
		stringOutput string
	}{
		{in: "2024-02", want: Month{2024, time.February}, first: "2024-02-01", last: "2024-02-29", stringOutput: "2024-02"},
		{in: "2025-02", want: Month{2025, time.February}, first: "2025-02-01", last: "2025-02-28", stringOutput: "2025-02"},
		{in: "2000-02", want: Month{2000, time.February}, first: "2000-02-01", last: "2000-02-29", stringOutput: "2000-02"},
		{in: "1900-02", want: Month{1900, time.February}, first: "1900-02-01", last: "1900-02-28", stringOutput: "1900-02"},
		{in: "2025-04", want: Month{2025, time.April}, first: "2025-04-01", last: "2025-04-30", stringOutput: "2025-04"},
		{in: "2025-12", want: Month{2025, time.December}, first: "2025-12-01", last: "2025-12-31", stringOutput: "2025-12"},
		{in: " 2025-01 ", want: Month{2025, time.January}, first: "2025-01-01", last: "2025-01-31", stringOutput: "2025-01"},
		{in: "2025-13", wantErr: true},
		{in: "2025-00", wantErr: true},
		{in: "2025/03", wantErr: true},
		{in: "2025-3", wantErr: true},
		{in: "2025年3月", wantErr: true},
		{in: "2025-03-01", wantErr: true},
		{in: "", want: Month{}, first: "", last: "", stringOutput: ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseMonth(tc.in)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseMonth(%q) = %v, want an error", tc.in, got)
				}
				if msg := err.Error(); !strings.Contains(msg, "月份") || !strings.Contains(msg, "yyyy-mm") {
					t.Errorf("error %q should be Chinese and show the layout", msg)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseMonth(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			if s := got.First().String(); s != tc.first {
				t.Errorf("First = %s, want %s", s, tc.first)
			}
			if s := got.Last().String(); s != tc.last {
				t.Errorf("Last = %s, want %s", s, tc.last)
			}
			if s := got.String(); s != tc.stringOutput {
				t.Errorf("String = %s, want %s", s, tc.stringOutput)
			}
			if m := MonthOf(got.Last()); m != got {
				t.Errorf("MonthOf(Last) = %v", m)
			}
		})
	}
	t.Run("zero month", func(t *testing.T) {
		if !(Month{}).IsZero() || (Month{}).String() != "" {
			t.Error("zero Month should be zero and print empty")
		}
	})
}

func TestMonthJSON(t *testing.T) {
	type rec struct {
		Month Month `json:"month"`
	}
	m := Month{2025, time.March}
	if got := jsonText(t, rec{m}); got != `{"month":"2025-03"}` {
		t.Errorf("Marshal = %s", got)
	}
	var back rec
	if err := json.Unmarshal([]byte(`{"month":"2025-03"}`), &back); err != nil || back.Month != m {
		t.Errorf("Unmarshal = %v, %v", back.Month, err)
	}
	err := json.Unmarshal([]byte(`{"month":"2025-3"}`), &back)
	if err == nil || !strings.Contains(err.Error(), "月份") {
		t.Errorf("bad month error = %v, want a Chinese message", err)
	}
}

func TestMonthJSONZeroRoundTrip(t *testing.T) {
	type rec struct {
		Month Month `json:"month"`
	}
	text := jsonText(t, rec{})
	var back rec
	if err := json.Unmarshal([]byte(text), &back); err != nil || !back.Month.IsZero() {
		t.Errorf("zero Month round trip: %s → %v, %v", text, back.Month, err)
	}
}
