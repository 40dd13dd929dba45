package export

import (
	"strings"
	"unicode"
)

// MaskPhones hides the middle of every phone number in a cell, for the 设置 switch
// 导出时隐藏手机号: a mobile keeps its first 3 and last 4 digits (138****1234), a landline its
// area code, its last 4 digits and any extension (0791-****3456转802). Numbers are found as
// runs of digits, dashes and spaces, so a cell listing several (separated by 、；, or /) has
// each masked; text that is not a number is kept.
func MaskPhones(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !isPhoneRune(rs[i]) || rs[i] == '-' || rs[i] == ' ' {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && isPhoneRune(rs[j]) {
			j++
		}
		// Trailing separators belong to what follows.
		k := j
		for k > i && (rs[k-1] == '-' || rs[k-1] == ' ') {
			k--
		}
		b.WriteString(maskNumber(string(rs[i:k])))
		i = k
	}
	return b.String()
}

func isPhoneRune(r rune) bool {
	return r == '+' || r == '-' || r == ' ' || unicode.IsDigit(r) && r < 0x80
}

// maskNumber masks one number written with digits, dashes and spaces, keeping its layout.
func maskNumber(n string) string {
	var digits []int // positions of the digits in n
	for i := 0; i < len(n); i++ {
		if n[i] >= '0' && n[i] <= '9' {
			digits = append(digits, i)
		}
	}
	d := len(digits)
	if d < 7 {
		return n // an extension, a year, a count: not a phone number
	}
	keepHead := 0
	switch country := strings.HasPrefix(n, "+86") || strings.HasPrefix(n, "0086"); {
	case d >= 11 && n[digits[d-11]] == '1' && (d == 11 || country):
		keepHead = d - 11 + 3 // a mobile: country code and 138 kept
	case n[digits[0]] == '0':
		keepHead = areaCodeLen(n, digits) // a landline: the area code kept
	case country:
		keepHead = 2
	}
	b := []byte(n)
	for k := keepHead; k < d-4; k++ {
		b[digits[k]] = '*'
	}
	return string(b)
}

// areaCodeLen is the number of digits of a landline's area code: up to its dash when written
// with one, else 3 for 010 and 02x, 4 for the others.
func areaCodeLen(n string, digits []int) int {
	if i := strings.IndexAny(n, "- "); i > 0 {
		count := 0
		for _, p := range digits {
			if p < i {
				count++
			}
		}
		if count >= 3 && count <= 4 {
			return count
		}
	}
	if n[digits[1]] == '1' || n[digits[1]] == '2' {
		return 3
	}
	return 4
}
