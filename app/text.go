package app

import (
	"strings"
	"unicode"
)

// CleanText trims a value typed or pasted by a user: surrounding white space (including the
// full-width space U+3000 and NBSP) goes, and runs of inner white space fold to one space.
func CleanText(s string) string {
	if isClean(s) {
		return s // most values are clean already: no copy
	}
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// isClean reports whether CleanText would return s as it is: no white space at either end,
// and none inside but single plain spaces.
func isClean(s string) bool {
	space := true // at the start, a space would be leading
	for _, r := range s {
		if !isSpace(r) {
			space = false
			continue
		}
		if space || r != ' ' {
			return false
		}
		space = true
	}
	return !space || s == ""
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || r == '\ufeff'
}

// HalfWidth turns full-width ASCII letters, digits and punctuation (Ａ, １, －) into their
// half-width forms and the ideographic space into a plain space; other runes are kept.
func HalfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '\uff01' && r <= '\uff5e':
			return r - 0xfee0
		}
		return r
	}, s)
}
