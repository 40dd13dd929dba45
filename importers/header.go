package importers

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"ganzhao/app"
)

// Header is where a sheet's table starts: the header rows (one, or two for a merged parent
// over its children) and the label of each column.
type Header struct {
	Rows   []int // 0-based indexes into Grid.Cells
	Labels []string
	First  int // the first row below the header
}

// headerScanRows is how far down a header is looked for.
const headerScanRows = 40

// ErrNoHeader: no row looks like a table header.
var ErrNoHeader = errors.New("找不到表头：前40行中没有一行像表头（应有“项目名称”“企业名称”“姓名”等列名）")

// FindHeader finds the header of a sheet's table: the row among the first forty whose cells
// best match known column names, skipping title and note rows above it. When the row above
// holds merged parents over it (投资方信息 → 投资方名称 / 统一社会信用代码), or the row below
// holds the children of its merged cells, the two rows form the header and each column's
// label is "parent/child".
func FindHeader(g *Grid) (Header, error) {
	best, bestScore := -1, 0
	for r := 0; r < len(g.Cells) && r < headerScanRows; r++ {
		if s := headerScore(g, r); s > bestScore {
			best, bestScore = r, s
		}
	}
	if best < 0 || bestScore < 3 {
		return Header{}, ErrNoHeader
	}
	h := Header{Rows: []int{best}, First: best + 1}
	width := g.Width()
	switch {
	case best > 0 && parentRow(g, best-1, best, width):
		h.Rows = []int{best - 1, best}
	case best+1 < len(g.Cells) && childRow(g, best, best+1, width):
		h.Rows, h.First = []int{best, best + 1}, best+2
	}
	h.Labels = make([]string, width)
	for c := range width {
		var parts []string
		for _, r := range h.Rows {
			v := app.CleanText(g.Cell(r, c))
			if v != "" && (len(parts) == 0 || parts[len(parts)-1] != v) {
				parts = append(parts, v)
			}
		}
		h.Labels[c] = strings.Join(parts, "/")
	}
	return h, nil
}

// headerScore rates a row as a header: 2 per exact column name, 1 per contained one or
// ignored word (序号), minus numbers and dates, and nothing for a title (one value merged
// across the row).
func headerScore(g *Grid, r int) int {
	row := g.Cells[r]
	distinct := map[string]bool{}
	score := 0
	for _, v := range row {
		v = app.CleanText(v)
		if v == "" || distinct[v] {
			continue
		}
		distinct[v] = true
		if _, s := matchField(v); s > 0 {
			score += s
		} else if looksNumeric(v) {
			score -= 2
		}
	}
	if len(distinct) < 2 {
		return 0
	}
	return score
}

func looksNumeric(v string) bool {
	_, err := ParseAmount(v, UnitYuan, UnitYuan)
	return err == nil && strings.ContainsAny(v, "0123456789")
}

// mergedAcross reports whether cell r, c lies in a merged range spanning several columns.
func mergedAcross(g *Grid, r, c int) bool {
	for _, m := range g.Merges {
		if r >= m.R1 && r <= m.R2 && c >= m.C1 && c <= m.C2 && m.C2 > m.C1 {
			return true
		}
	}
	return false
}

// parentRow reports whether row p holds merged parents over the header row h: some cell of p
// spans several columns within the table, and p is not a title spanning all of it.
func parentRow(g *Grid, p, h, width int) bool {
	spans, values := 0, map[string]bool{}
	for c := range width {
		v := app.CleanText(g.Cell(p, c))
		if v != "" {
			values[v] = true
		}
		if v != "" && mergedAcross(g, p, c) && app.CleanText(g.Cell(h, c)) != v {
			spans++
		}
	}
	return spans >= 2 && len(values) >= 2
}

// childRow reports whether row ch holds the children of merged cells of header row h: below
// a cell of h merged across columns, ch names known fields.
func childRow(g *Grid, h, ch, width int) bool {
	hits := 0
	for c := range width {
		if !mergedAcross(g, h, c) {
			continue
		}
		v := app.CleanText(g.Cell(ch, c))
		if v == "" || v == app.CleanText(g.Cell(h, c)) {
			continue
		}
		if _, s := matchField(v); s > 0 {
			hits++
		}
	}
	return hits >= 1 && !looksLikeData(g, ch, width)
}

// looksLikeData reports a row mostly of numbers, dates or long text: data, not a header.
func looksLikeData(g *Grid, r, width int) bool {
	data, filled := 0, 0
	for c := range width {
		v := app.CleanText(g.Cell(r, c))
		if v == "" {
			continue
		}
		filled++
		if looksNumeric(v) || utf8.RuneCountInString(v) > 20 {
			data++
		}
	}
	return filled > 0 && data*2 >= filled
}

// isTotalLabel reports a cell that labels a totals row: a total word (spaces inside it do
// not count), alone or followed by a bracket or colon, as in 合计（万元） or 总计：.
func isTotalLabel(v string) bool {
	k := v
	if strings.IndexFunc(v, unicode.IsSpace) >= 0 {
		k = strings.Join(strings.Fields(v), "")
	}
	for _, w := range totalWords {
		if rest, ok := strings.CutPrefix(k, w); ok {
			if rest == "" || strings.HasPrefix(rest, "（") || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":") {
				return true
			}
		}
	}
	return false
}

// rowKind is what a row below the header is.
type rowKind int

const (
	rowData rowKind = iota
	rowBlank
	rowTotal
	rowNote
	rowRepeatedHeader
)

var (
	totalWords = []string{"合计", "总计", "小计", "累计", "共计", "总合计"}
	noteWords  = []string{"说明", "注：", "注:", "注1", "注 ", "备注：", "备注:", "填表说明", "填报说明", "数据来源", "制表", "审核", "填报人", "填表人", "单位负责人", "统计人", "资料来源", "免责声明"}
)

// classify tells data rows from blank, totals, note and repeated header rows. It runs on every
// row of a file, so it counts distinct values without a map and reads total words without
// building strings.
func classify(g *Grid, r int, h Header) rowKind {
	row := g.Cells[r]
	var vals []string
	var seen [2]string // the first distinct values, to tell one or two distinct from more
	distinct := 0
	for _, v := range row {
		if v = app.CleanText(v); v != "" {
			vals = append(vals, v)
			if distinct < 3 && (distinct == 0 || v != seen[0]) && (distinct < 2 || v != seen[1]) {
				if distinct < 2 {
					seen[distinct] = v
				}
				distinct++
			}
		}
	}
	if len(vals) == 0 {
		return rowBlank
	}
	for i, v := range vals {
		if i >= 3 {
			break
		}
		if isTotalLabel(v) {
			return rowTotal
		}
	}
	first := vals[0]
	for _, w := range noteWords {
		if strings.HasPrefix(first, w) && distinct <= 2 {
			return rowNote
		}
	}
	if distinct == 1 && utf8.RuneCountInString(first) > 30 {
		return rowNote // one long sentence merged across the row
	}
	same := 0
	for c, l := range h.Labels {
		if l != "" && app.CleanText(g.Cell(r, c)) == l {
			same++
		}
	}
	if same >= 3 && same*2 >= len(vals) {
		return rowRepeatedHeader
	}
	return rowData
}
