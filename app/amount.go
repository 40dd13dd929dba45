package app

import (
	"fmt"
	"strings"
)

// ParseScaled reads a decimal number typed by a user ("5.2", "3,200", "１２．５") in the given
// unit and returns it as an integer count of the smallest unit: ParseScaled("5.2", 100_000_000)
// is 520 000 000 (5.2亿 in 元). It works on the text, never through float64, so no amount
// changes on the way in; digits beyond what the unit can hold are refused rather than
// rounded away. The empty string is 0.
func ParseScaled(s string, unit int64) (int64, error) {
	t := strings.ReplaceAll(HalfWidth(CleanText(s)), ",", "")
	t = strings.ReplaceAll(t, "，", "")
	if t == "" {
		return 0, nil
	}
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" && frac == "" || strings.Trim(whole+frac, "0123456789") != "" {
		return 0, fmt.Errorf("“%s”不是数字", s)
	}
	decimals := 0
	for u := unit; u > 1; u /= 10 {
		decimals++
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > decimals {
		return 0, fmt.Errorf("“%s”的小数位太多（最多%d位）", s, decimals)
	}
	if len(whole) > 18-decimals {
		return 0, fmt.Errorf("“%s”太大", s)
	}
	var v int64
	for _, c := range whole + frac + strings.Repeat("0", decimals-len(frac)) {
		v = v*10 + int64(c-'0')
	}
	if v < 0 {
		return 0, fmt.Errorf("“%s”太大", s)
	}
	if neg {
		v = -v
	}
	return v, nil
}

// FormatScaled writes v, counted in the smallest unit, as a decimal in the given unit with no
// trailing zeros and no grouping: FormatScaled(520000000, 100_000_000) is "5.2". It is the
// inverse of ParseScaled and is what a form shows for editing.
func FormatScaled(v, unit int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := fmt.Sprintf("%d", v/unit)
	if r := v % unit; r != 0 {
		decimals := 0
		for u := unit; u > 1; u /= 10 {
			decimals++
		}
		s += "." + strings.TrimRight(fmt.Sprintf("%0*d", decimals, r), "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}
