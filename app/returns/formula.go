package returns

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// cellRef is one end of a reference in a formula: B$7 is {col "B", row 7, rowAbs true}.
type cellRef struct {
	col            string
	colAbs, rowAbs bool
	row            int
}

func (r cellRef) String() string {
	var b strings.Builder
	if r.colAbs {
		b.WriteByte('$')
	}
	b.WriteString(r.col)
	if r.rowAbs {
		b.WriteByte('$')
	}
	b.WriteString(strconv.Itoa(r.row))
	return b.String()
}

var refPattern = regexp.MustCompile(`^(\$?)([A-Za-z]{1,3})(\$?)(\d+)`)

// unquotedSheet matches a sheet name written without quotes before "!".
var unquotedSheet = regexp.MustCompile(`^([\p{L}_][\p{L}\p{N}_.]*)!`)

func parseRef(s string) (cellRef, int, bool) {
	m := refPattern.FindStringSubmatchIndex(s)
	if m == nil {
		return cellRef{}, 0, false
	}
	row, err := strconv.Atoi(s[m[8]:m[9]])
	if err != nil || row < 1 || row > excelize.TotalRows {
		return cellRef{}, 0, false
	}
	col := strings.ToUpper(s[m[4]:m[5]])
	if n, err := excelize.ColumnNameToNumber(col); err != nil || n > excelize.MaxColumns {
		return cellRef{}, 0, false
	}
	return cellRef{col: col, colAbs: m[3] > m[2], rowAbs: m[7] > m[6], row: row}, m[1], true
}

func identRune(r rune) bool { return r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// rewriteRefs calls fn for every cell reference (A1) or range (A1:B2) in formula that points
// at target; references without a sheet name point at home. fn changes the ends in place and
// reports whether it did; the formula is rebuilt only around what changed. String literals
// are left alone, and a name followed by "(" (LOG10) is a function, not a reference.
func rewriteRefs(formula, home, target string, fn func(a *cellRef, b *cellRef) bool) string {
	var out strings.Builder
	i := 0
	prev := rune(0)
	for i < len(formula) {
		c := formula[i]
		if c == '"' { // string literal, "" escapes a quote
			j := i + 1
			for j < len(formula) {
				if formula[j] == '"' {
					if j+1 < len(formula) && formula[j+1] == '"' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			end := min(j+1, len(formula))
			out.WriteString(formula[i:end])
			i, prev = end, '"'
			continue
		}
		startsToken := !identRune(prev) && prev != '$' && prev != '\''
		if startsToken {
			sheet, refStart := home, i
			if c == '\'' { // quoted sheet name
				j := i + 1
				var name strings.Builder
				for j < len(formula) {
					if formula[j] == '\'' {
						if j+1 < len(formula) && formula[j+1] == '\'' {
							name.WriteByte('\'')
							j += 2
							continue
						}
						break
					}
					name.WriteByte(formula[j])
					j++
				}
				if j+1 < len(formula) && formula[j+1] == '!' {
					sheet, refStart = name.String(), j+2
				}
			} else if m := unquotedSheet.FindStringSubmatch(formula[i:]); m != nil {
				sheet, refStart = m[1], i+len(m[0])
			}
			if a, n, ok := parseRef(formula[refStart:]); ok {
				end := refStart + n
				var b *cellRef
				if end < len(formula) && formula[end] == ':' {
					if bb, n2, ok := parseRef(formula[end+1:]); ok {
						b, end = &bb, end+1+n2
					}
				}
				next := rune(0)
				if end < len(formula) {
					next = rune(formula[end])
				}
				if next != '(' && !identRune(next) {
					if sheet == target && fn(&a, b) {
						out.WriteString(formula[i:refStart])
						out.WriteString(a.String())
						if b != nil {
							out.WriteByte(':')
							out.WriteString(b.String())
						}
					} else {
						out.WriteString(formula[i:end])
					}
					i, prev = end, 'x'
					continue
				}
			}
		}
		r, size := rune(c), 1
		if c >= 0x80 {
			r, size = decodeRune(formula[i:])
		}
		out.WriteString(formula[i : i+size])
		i += size
		prev = r
	}
	return out.String()
}

func decodeRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			return r, len(string(r))
		}
	}
	return 0, 1
}

// extendRanges makes every range that ends on the pattern row (and starts on or above it)
// end on the last data row instead: SUM(D5:D5) over the pattern row 5 becomes SUM(D5:D104)
// when 100 rows are written. excelize's InsertRows already moved every reference below the
// pattern row; a range ending on the pattern row is the one thing it cannot know to grow.
func extendRanges(formula, home, target string, pattern, last int) string {
	if last <= pattern {
		return formula
	}
	return rewriteRefs(formula, home, target, func(a, b *cellRef) bool {
		if b == nil || b.row != pattern || a.row > pattern {
			return false
		}
		b.row = last
		return true
	})
}

// moveRow points the relative references to the pattern row at another row: a per-row
// formula such as =E5/D5 in the pattern row becomes =E9/D9 in row 9.
func moveRow(formula, home string, pattern, row int) string {
	if row == pattern {
		return formula
	}
	return rewriteRefs(formula, home, home, func(a, b *cellRef) bool {
		changed := false
		for _, r := range []*cellRef{a, b} {
			if r != nil && !r.rowAbs && r.row == pattern {
				r.row, changed = row, true
			}
		}
		return changed
	})
}

// extendSqref extends the ranges of a space-separated reference list (data validations,
// conditional formats) that end on the pattern row.
func extendSqref(sqref string, pattern, last int) string {
	parts := strings.Fields(sqref)
	for i, p := range parts {
		parts[i] = extendRanges(p, "", "", pattern, last)
		if !strings.Contains(p, ":") {
			if a, n, ok := parseRef(p); ok && n == len(p) && a.row == pattern && last > pattern {
				b := a
				b.row = last
				parts[i] = a.String() + ":" + b.String()
			}
		}
	}
	return strings.Join(parts, " ")
}
