package app

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Yuan is an amount of money in whole 元 (RMB). Amounts are entered and shown in 万元 or 亿元.
type Yuan int64

// Common amounts.
const (
	Wan Yuan = 10_000      // 1 万元
	Yi  Yuan = 100_000_000 // 1 亿元
)

// Wan returns the amount in 万元.
func (y Yuan) Wan() float64 { return float64(y) / float64(Wan) }

// Yi returns the amount in 亿元.
func (y Yuan) Yi() float64 { return float64(y) / float64(Yi) }

// FormatWan formats the amount in 万元 with thousands separators and two decimals, e.g.
// "12,345.67万元".
func (y Yuan) FormatWan() string { return formatScaled(int64(y), int64(Wan), 2) + "万元" }

// FormatYi formats the amount in 亿元 with thousands separators and two decimals, e.g. "5.20亿元".
func (y Yuan) FormatYi() string { return formatScaled(int64(y), int64(Yi), 2) + "亿元" }

// USCents is an amount of foreign capital in US cents; it is shown in 万美元.
type USCents int64

// FormatWanUSD formats the amount in 万美元 with two decimals.
func (c USCents) FormatWanUSD() string {
	return formatScaled(int64(c), 10_000*100, 2) + "万美元"
}

// formatScaled divides v by unit, rounds half away from zero to the given decimals and groups
// the integer part by thousands, all in integer arithmetic so no amount is misprinted.
func formatScaled(v, unit int64, decimals int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	pow := int64(1)
	for range decimals {
		pow *= 10
	}
	// scaled = round(v * pow / unit) without overflow for amounts below ~9e18/pow.
	q, r := v/unit, v%unit
	frac := (r*pow*2 + unit) / (2 * unit) // rounded fraction in units of 1/pow
	if frac >= pow {
		q++
		frac -= pow
	}
	s := groupThousands(strconv.FormatInt(q, 10))
	if decimals > 0 {
		s += "." + fmt.Sprintf("%0*d", decimals, frac)
	}
	if neg && (q != 0 || frac != 0) {
		s = "-" + s
	}
	return s
}

func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	first := len(digits) % 3
	if first > 0 {
		b.WriteString(digits[:first])
	}
	for i := first; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// Area is a land area in hundredths of a 亩, so that 12.5亩 is stored exactly as 1250.
type Area int64

// Mu returns the area in 亩.
func (a Area) Mu() float64 { return float64(a) / 100 }

// AreaFromMu converts 亩 to an Area, rounding to the nearest hundredth.
func AreaFromMu(mu float64) Area {
	if mu < 0 {
		return Area(mu*100 - 0.5)
	}
	return Area(mu*100 + 0.5)
}

// MarshalJSON writes the area in 亩 as a decimal number.
func (a Area) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(a.Mu(), 'f', -1, 64)), nil
}

// UnmarshalJSON reads an area in 亩.
func (a *Area) UnmarshalJSON(b []byte) error {
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("用地面积应为数字（亩）: %w", err)
	}
	*a = AreaFromMu(f)
	return nil
}

// Date is a calendar date without time or zone. The zero Date means "not set".
type Date struct {
	year  int
	month time.Month
	day   int
}

// DateLayout is how dates are written in the database, JSON and the UI.
const DateLayout = "2006-01-02"

// NewDate returns the date y-m-d, normalising out-of-range values as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a yyyy-mm-dd date; the empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("日期“%s”应写作 yyyy-mm-dd", s)
	}
	return DateOf(t), nil
}

// MustDate parses a yyyy-mm-dd date and panics on error; for tests and fixed data.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is not set.
func (d Date) IsZero() bool { return d.year == 0 && d.month == 0 && d.day == 0 }

// Year, Month and Day return the parts of the date.
func (d Date) Year() int         { return d.year }
func (d Date) Month() time.Month { return d.month }
func (d Date) Day() int          { return d.day }

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time { return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC) }

// String returns yyyy-mm-dd, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.year != e.year:
		return cmpInt(d.year, e.year)
	case d.month != e.month:
		return cmpInt(int(d.month), int(e.month))
	default:
		return cmpInt(d.day, e.day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysSince returns the number of days from e to d.
func (d Date) DaysSince(e Date) int { return int((d.Time().Unix() - e.Time().Unix()) / 86400) }

// Within reports whether d lies in the closed range [from, to]; a zero bound is open.
func (d Date) Within(from, to Date) bool {
	if d.IsZero() {
		return false
	}
	if !from.IsZero() && d.Before(from) {
		return false
	}
	if !to.IsZero() && d.After(to) {
		return false
	}
	return true
}

// MarshalJSON writes "yyyy-mm-dd", or "" for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "yyyy-mm-dd" or "".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("日期应为“yyyy-mm-dd”格式的文本，不能是 %s", b)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Month is a calendar month, the key of the monthly 到位资金 ledger.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads "yyyy-mm"; the empty string gives the zero Month.
func ParseMonth(s string) (Month, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Month{}, nil
	}
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, fmt.Errorf("月份“%s”应写作 yyyy-mm", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// MonthOf returns the month a date falls in.
func MonthOf(d Date) Month { return Month{d.year, d.month} }

// IsZero reports whether the month is not set.
func (m Month) IsZero() bool { return m.Year == 0 && m.Month == 0 }

// String returns "yyyy-mm".
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year, m.Month)
}

// First returns the first day of the month; the zero Date for the zero Month.
func (m Month) First() Date {
	if m.IsZero() {
		return Date{}
	}
	return Date{m.Year, m.Month, 1}
}

// Last returns the last day of the month; the zero Date for the zero Month.
func (m Month) Last() Date {
	if m.IsZero() {
		return Date{}
	}
	return NewDate(m.Year, m.Month+1, 0)
}

// MarshalJSON writes "yyyy-mm".
func (m Month) MarshalJSON() ([]byte, error) { return json.Marshal(m.String()) }

// UnmarshalJSON reads "yyyy-mm".
func (m *Month) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("月份应为“yyyy-mm”格式的文本，不能是 %s", b)
	}
	v, err := ParseMonth(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}
