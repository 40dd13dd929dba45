package app

import (
	"fmt"
	"time"

	"github.com/6tail/lunar-go/calendar"
)

// Lunar dates. github.com/6tail/lunar-go computes the Chinese calendar from astronomical
// tables (new moons and solar terms), which is what decides month lengths and leap months; a
// hand-written table would have to be kept right for every year.

// lunarMonthKey is one lunar month of a lunar year: its number, negative for a leap month.
type lunarMonthKey struct{ year, month int }

// lunarMonth is what a conversion needs of a lunar month: its first day and its length.
type lunarMonth struct {
	first Date
	days  int
}

// LunarCalendar converts lunar dates to solar ones, remembering the months it has looked up
// (the library keeps only the last lunar year it computed). It is not safe for concurrent use.
type LunarCalendar struct {
	months map[lunarMonthKey]*lunarMonth // nil value: no such month
}

// NewLunarCalendar returns a converter with an empty memory.
func NewLunarCalendar() *LunarCalendar {
	return &LunarCalendar{months: map[lunarMonthKey]*lunarMonth{}}
}

// The years the conversion accepts: the library's tables cover them, and no birthday or
// anniversary lies outside.
const (
	minLunarYear = 1900
	maxLunarYear = 2200
)

func (c *LunarCalendar) month(year, month int) *lunarMonth {
	k := lunarMonthKey{year, month}
	if m, ok := c.months[k]; ok {
		return m
	}
	var m *lunarMonth
	if lm := calendar.NewLunarYear(year).GetMonth(month); lm != nil {
		s := calendar.NewSolarFromJulianDay(lm.GetFirstJulianDay())
		m = &lunarMonth{first: NewDate(s.GetYear(), time.Month(s.GetMonth()), s.GetDay()), days: lm.GetDayCount()}
	}
	c.months[k] = m
	return m
}

// ToSolar returns the solar date of a lunar date in a lunar year. A leap month the year does
// not have falls back to the normal month of that number; a 30th day in a month of 29 days
// falls back to the month's last day, as people keep such birthdays.
func (c *LunarCalendar) ToSolar(year, month, day int, leap bool) (Date, error) {
	if year < minLunarYear || year > maxLunarYear {
		return Date{}, fmt.Errorf("农历%d年超出可换算的范围（%d–%d）", year, minLunarYear, maxLunarYear)
	}
	if month < 1 || month > 12 || day < 1 || day > 30 {
		return Date{}, fmt.Errorf("农历%d月%d日不存在", month, day)
	}
	var m *lunarMonth
	if leap {
		m = c.month(year, -month)
	}
	if m == nil {
		m = c.month(year, month)
	}
	if m == nil {
		return Date{}, fmt.Errorf("农历%d年没有%d月", year, month)
	}
	return m.first.AddDays(min(day, m.days) - 1), nil
}

// LeapMonth returns the leap month of a lunar year, 0 when it has none.
func (c *LunarCalendar) LeapMonth(year int) int {
	return calendar.NewLunarYear(year).GetLeapMonth()
}
