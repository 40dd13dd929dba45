package returns

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"ganzhao/app"
)

// Proposal is the mapping proposed for a workbook never seen before, with what was found, for
// the user to confirm.
type Proposal struct {
	Mapping Mapping
	// Unmapped lists the columns no field was found for; they stay empty.
	Unmapped []Column
	// Found says in Chinese where the header, data and totals were found.
	Found []string
}

// sheetGrid is a sheet's top rows as text, with merged cells spread over their whole area.
type sheetGrid struct {
	f      *excelize.File
	sheet  string
	rows   [][]string // raw text, row-major, 0-based
	merged map[[2]int][4]int
}

func (g *sheetGrid) text(row, col int) string { // 1-based
	if m, ok := g.merged[[2]int{row, col}]; ok {
		row, col = m[1], m[0]
	}
	if row-1 < len(g.rows) && col-1 < len(g.rows[row-1]) {
		return strings.TrimSpace(g.rows[row-1][col-1])
	}
	return ""
}

// own is the cell's own text (merged areas only at their top-left cell).
func (g *sheetGrid) own(row, col int) string {
	if row-1 < len(g.rows) && col-1 < len(g.rows[row-1]) {
		return strings.TrimSpace(g.rows[row-1][col-1])
	}
	return ""
}

func (g *sheetGrid) width(row int) int {
	if row-1 < len(g.rows) {
		return len(g.rows[row-1])
	}
	return 0
}

func (g *sheetGrid) mergeAt(row, col int) ([4]int, bool) {
	m, ok := g.merged[[2]int{row, col}]
	return m, ok
}

const scanRows = 40

// Propose reads an unseen workbook and proposes a mapping for its first sheet with a table
// header: the header (one or two rows, merged cells understood), the pattern row, the rows
// reserved for data, the totals rows, the field of each column from its header text and
// unit, and the cells that take the period, unit, reporter and date.
func Propose(fileName string, b []byte) (Proposal, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return Proposal{}, fmt.Errorf("无法打开“%s”：%w（应为 .xlsx 工作簿）", fileName, err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(sheet); !visible {
			continue
		}
		p, ok, err := proposeSheet(f, sheet)
		if err != nil {
			return Proposal{}, fmt.Errorf("“%s”工作表“%s”：%w", fileName, sheet, err)
		}
		if ok {
			return p, nil
		}
	}
	return Proposal{}, fmt.Errorf("在“%s”中没有找到表头：请确认表头行写有“项目名称”“总投资”等列名", fileName)
}

func readGrid(f *excelize.File, sheet string) (*sheetGrid, error) {
	g := &sheetGrid{f: f, sheet: sheet, merged: map[[2]int][4]int{}}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() && len(g.rows) < scanRows+400 {
		cols, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		g.rows = append(g.rows, cols)
	}
	merges, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > scanRows+400 {
			continue
		}
		for r := r1; r <= min(r2, scanRows+400); r++ {
			for c := c1; c <= c2; c++ {
				g.merged[[2]int{r, c}] = [4]int{c1, r1, c2, r2}
			}
		}
	}
	return g, nil
}

// headerScore rates a row as a table header: how many of its cells name a catalogue field.
func headerScore(g *sheetGrid, row int) (int, int) {
	matched, filled := 0, 0
	seen := map[[4]int]bool{}
	for col := 1; col <= g.width(row); col++ {
		t := g.text(row, col)
		if t == "" {
			continue
		}
		if m, ok := g.mergeAt(row, col); ok {
			if seen[m] {
				continue
			}
			seen[m] = true
		}
		filled++
		if _, s := bestField(normalizeHeader(t), nil); s >= minScore {
			matched++
		}
	}
	return matched, filled
}

func proposeSheet(f *excelize.File, sheet string) (Proposal, bool, error) {
	g, err := readGrid(f, sheet)
	if err != nil {
		return Proposal{}, false, err
	}
	best, bestScore := 0, 0
	for row := 1; row <= min(scanRows, len(g.rows)); row++ {
		matched, filled := headerScore(g, row)
		if filled >= 3 && matched >= 2 && matched > bestScore {
			best, bestScore = row, matched
		}
	}
	if best == 0 {
		return Proposal{}, false, nil
	}
	headers := []int{best}
	switch {
	case best > 1 && isUpperHeader(g, best-1, best):
		headers = []int{best - 1, best}
	case isLowerHeader(g, best, best+1):
		headers = []int{best, best + 1}
	}
	lastHeader := headers[len(headers)-1]
	// The table's columns: every column with header text.
	minCol, maxCol := 0, 0
	for _, h := range headers {
		for col := 1; col <= max(g.width(h), maxMergedCol(g, h)); col++ {
			if g.text(h, col) != "" {
				if minCol == 0 {
					minCol = col
				}
				minCol, maxCol = min(minCol, col), max(maxCol, col)
			}
		}
	}
	sm := SheetMapping{Sheet: sheet, HeaderRows: headers}
	var found []string
	if len(headers) == 2 {
		found = append(found, fmt.Sprintf("两级表头：第%d–%d行", headers[0], headers[1]))
	} else {
		found = append(found, fmt.Sprintf("表头：第%d行", headers[0]))
	}
	row := lastHeader + 1
	if isNumberRow(g, row, minCol, maxCol) {
		found = append(found, fmt.Sprintf("第%d行为栏目序号行，保留", row))
		row++
	}
	for isTotalsRow(f, g, sheet, row, minCol, maxCol) {
		sm.TotalsRows = append(sm.TotalsRows, row)
		found = append(found, fmt.Sprintf("第%d行为合计行（在数据之上）", row))
		row++
	}
	sm.FirstDataRow = row
	// Rows reserved for data: the pattern row and the blank or sample rows after it that
	// look like it, up to a totals row or the notes.
	patternStyle, _ := f.GetCellStyle(sheet, cellName(minCol, row))
	n := 1
	for r := row + 1; r < row+400; r++ {
		if isTotalsRow(f, g, sheet, r, minCol, maxCol) || isNoteRow(g, r, minCol, maxCol) {
			break
		}
		st, _ := f.GetCellStyle(sheet, cellName(minCol, r))
		if rowEmpty(g, r, minCol, maxCol) && st != patternStyle {
			break
		}
		if r > len(g.rows) && st != patternStyle {
			break
		}
		n++
	}
	if n > 1 {
		sm.DataRows = n
		found = append(found, fmt.Sprintf("数据行：第%d行起（模板预留%d行，多余的将删除）", row, n))
	} else {
		found = append(found, fmt.Sprintf("数据行：第%d行起，按该行样式逐行填写", row))
	}
	after := row + n
	for isTotalsRow(f, g, sheet, after, minCol, maxCol) {
		sm.TotalsRows = append(sm.TotalsRows, after)
		found = append(found, fmt.Sprintf("第%d行为合计行", after))
		after++
	}

	// Columns and the source that explains them best.
	type colText struct {
		col       int
		candidate []string
		unitText  string
		header    string
	}
	var cols []colText
	for col := minCol; col <= maxCol; col++ {
		ct := colText{col: col}
		sub := oneLine(g.text(lastHeader, col))
		top := ""
		if len(headers) == 2 {
			top = oneLine(g.text(headers[0], col))
		}
		switch {
		case top == "" || top == sub:
			ct.header = sub
			ct.candidate = []string{normalizeHeader(sub)}
			ct.unitText = sub
		case sub == "":
			ct.header = top
			ct.candidate = []string{normalizeHeader(top)}
			ct.unitText = top
		default:
			ct.header = top + "／" + sub
			ns, nt := normalizeHeader(sub), normalizeHeader(top)
			ct.candidate = []string{ns, nt + ns, ns + nt}
			ct.unitText = sub + " " + top
		}
		cols = append(cols, ct)
	}
	bestSource, bestTotal := SourceProjects, -1
	for _, src := range Sources {
		total := 0
		for _, ct := range cols {
			_, s := bestFieldOf(ct.candidate, &src)
			if s >= minScore {
				total += s
			}
		}
		if total > bestTotal {
			bestSource, bestTotal = src, total
		}
	}
	sm.Source = bestSource
	for _, ct := range cols {
		c := Column{Col: colName(ct.col), Header: ct.header}
		fd, s := bestFieldOf(ct.candidate, &bestSource)
		if s >= minScore {
			c.Field = fd.Key
			c.Unit = unitFrom(ct.unitText, fd)
			c.Decimals = decimalsFrom(f, sheet, cellName(ct.col, row), fd, c.Unit)
		}
		sm.Columns = append(sm.Columns, c)
	}
	found = append(found, fmt.Sprintf("数据来源：%s", bestSource))
	if sm.Source == SourceProjects {
		// Live projects (not 中止 or 退库), by zone, the largest first.
		sm.Filter.Stages = slices.Clone(app.PipelineStages)
		sm.Sort = []SortKey{{Field: "project.zone"}, {Field: "project.total", Desc: true}}
	}

	// Cells for the period, the unit and the reporter, above the header and below the table.
	var scan []int
	for r := 1; r < headers[0]; r++ {
		scan = append(scan, r)
	}
	for r := after; r < after+15 && r <= len(g.rows); r++ {
		scan = append(scan, r)
	}
	for _, r := range scan {
		for col := 1; col <= g.width(r); col++ {
			t := g.own(r, col)
			if t == "" {
				continue
			}
			if tpl, ok := cellTemplate(t, r < headers[0]); ok {
				sm.Cells = append(sm.Cells, CellText{Cell: cellName(col, r), Text: tpl})
				found = append(found, fmt.Sprintf("%s：%s", cellName(col, r), tpl))
			}
		}
	}
	if len(sm.Cells) == 0 {
		found = append(found, "未找到填报单位、填报人、期间等单元格")
	}
	prop := Proposal{Mapping: Mapping{Sheets: []SheetMapping{sm}}, Unmapped: sm.Unmapped(), Found: found}
	return prop, true, prop.Mapping.Check()
}

func maxMergedCol(g *sheetGrid, row int) int {
	m := 0
	for k, v := range g.merged {
		if k[0] == row {
			m = max(m, v[2])
		}
	}
	return m
}

// isUpperHeader reports whether row is the upper level of a two-level header over next: it
// holds group titles merged across several columns, or titles merged down into next.
func isUpperHeader(g *sheetGrid, row, next int) bool {
	across, down, filled := 0, 0, 0
	seen := map[[4]int]bool{}
	for col := 1; col <= max(g.width(row), maxMergedCol(g, row)); col++ {
		if g.text(row, col) == "" {
			continue
		}
		m, ok := g.mergeAt(row, col)
		if ok && seen[m] {
			continue
		}
		seen[m] = true
		filled++
		if !ok {
			continue
		}
		if m[3] >= next && m[1] == row {
			down++
		}
		if m[2] > m[0] && m[1] == row && m[3] == row {
			across++
		}
	}
	return filled >= 2 && (down > 0 || across > 0) && across < filled
}

// isLowerHeader reports whether next holds the sub-titles of row: cells under a title merged
// across, or titles of row merged down into it.
func isLowerHeader(g *sheetGrid, row, next int) bool {
	for col := 1; col <= max(g.width(row), maxMergedCol(g, row)); col++ {
		m, ok := g.mergeAt(row, col)
		if !ok || m[1] != row {
			continue
		}
		if m[3] >= next {
			return true
		}
		if m[2] > m[0] && g.own(next, col) != "" {
			return true
		}
	}
	return false
}

var numberCell = regexp.MustCompile(`^[(（]?(\d{1,2}|[甲乙丙丁戊己庚辛壬癸]|[A-Z])[)）]?$`)

// isNumberRow reports a row that only numbers the columns (1 2 3 … or 甲 乙 1 2 …).
func isNumberRow(g *sheetGrid, row, minCol, maxCol int) bool {
	filled, numbers := 0, 0
	for col := minCol; col <= maxCol; col++ {
		t := g.own(row, col)
		if t == "" {
			continue
		}
		filled++
		if numberCell.MatchString(t) {
			numbers++
		}
	}
	return filled >= 3 && numbers*10 >= filled*8
}

var totalsWords = []string{"合计", "总计", "小计", "合 计", "总 计"}

// isTotalsRow reports a 合计 row: its first cells say so.
func isTotalsRow(f *excelize.File, g *sheetGrid, sheet string, row, minCol, maxCol int) bool {
	for col := minCol; col <= min(maxCol, minCol+3); col++ {
		t := strings.ReplaceAll(g.text(row, col), "\u3000", " ")
		for _, w := range totalsWords {
			if strings.HasPrefix(t, w) || strings.HasSuffix(t, w) {
				return true
			}
		}
	}
	return false
}

var notePrefixes = []string{"注", "说明", "填报说明", "填表说明", "备注：", "备注:", "填报单位", "填表单位", "填报人", "制表", "审核", "单位负责人", "联系人", "联系电话", "填报日期", "填表日期"}

// isNoteRow reports a row of notes or signatures below the table.
func isNoteRow(g *sheetGrid, row, minCol, maxCol int) bool {
	for col := minCol; col <= maxCol; col++ {
		t := g.own(row, col)
		if t == "" {
			continue
		}
		for _, p := range notePrefixes {
			if strings.HasPrefix(t, p) {
				return true
			}
		}
		if m, ok := g.mergeAt(row, col); ok && m[2]-m[0] >= (maxCol-minCol)/2 && m[0] == col && utf8.RuneCountInString(t) > 20 {
			return true
		}
	}
	return false
}

func rowEmpty(g *sheetGrid, row, minCol, maxCol int) bool {
	for col := minCol; col <= maxCol; col++ {
		if g.own(row, col) != "" {
			return false
		}
	}
	return true
}

// Header text matching.

const minScore = 50

var parenthesised = regexp.MustCompile(`[（(【\[][^）)】\]]*[）)】\]]`)

// normalizeHeader reduces a header to what the synonyms are written as: half-width, no
// spaces, line breaks, units in brackets, quotes or punctuation.
func normalizeHeader(s string) string {
	s = app.HalfWidth(s)
	s = parenthesised.ReplaceAllString(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || strings.ContainsRune("“”‘’\"'：:、，,。.；;/\\|-—~～()（）", r) {
			return -1
		}
		return r
	}, s)
	for _, u := range []string{"单位万元", "单位亿元", "万美元", "亿美元", "亿元", "万元"} {
		s = strings.TrimSuffix(s, u)
	}
	return s
}

// scoreText rates how well a normalised header names a synonym.
func scoreText(h, syn string) int {
	if h == "" || syn == "" {
		return 0
	}
	hl, sl := utf8.RuneCountInString(h), utf8.RuneCountInString(syn)
	switch {
	case h == syn:
		return 100 + sl
	case strings.Contains(h, syn) && (sl >= 3 || hl-sl <= 2):
		return minScore + sl
	case strings.Contains(syn, h) && hl >= 2 && sl-hl <= 2:
		return minScore - 10 + hl
	}
	return 0
}

// bestField finds the field a normalised header names best, among the fields of src (all
// fields when src is nil).
func bestField(h string, src *Source) (Field, int) {
	return bestFieldOf([]string{h}, src)
}

// On equal scores a field that belongs to the source first wins (统一社会信用代码 in a fund
// ledger is the investee's, not the project investor's).
func bestFieldOf(candidates []string, src *Source) (Field, int) {
	var best Field
	bestScore := 0
	for _, f := range catalogue {
		if src != nil && !f.availableFor(*src) {
			continue
		}
		bonus := 0
		if src != nil && f.Sources[0] == *src {
			bonus = 1
		}
		for _, h := range candidates {
			for _, syn := range append([]string{normalizeHeader(f.Label)}, f.Synonyms...) {
				if s := scoreText(h, syn); s > 0 && 2*s+bonus > bestScore {
					best, bestScore = f, 2*s+bonus
				}
			}
		}
	}
	return best, bestScore / 2
}

var unitWords = []string{"万美元", "亿美元", "美元", "亿元", "万元", "平方米", "亩", "%", "％", "元"}

// unitFrom reads the unit a header names, if the field accepts it.
func unitFrom(header string, f Field) string {
	header = app.HalfWidth(header)
	for _, u := range unitWords {
		if strings.Contains(header, u) {
			if u == "％" {
				u = "%"
			}
			if slices.Contains(f.Kind.units(), u) {
				return u
			}
			break
		}
	}
	return f.DefaultUnit()
}

// decimalsFrom reads the decimals of the pattern cell's number format ("0.00" → 2), or the
// field's default.
func decimalsFrom(f *excelize.File, sheet, cell string, fd Field, unit string) int {
	def := fd.DefaultDecimals(unit)
	if fd.Kind == KindText || fd.Kind == KindDate || fd.Kind == KindSeq || fd.Kind == KindCount {
		return 0
	}
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return def
	}
	st, err := f.GetStyle(id)
	if err != nil {
		return def
	}
	format := ""
	switch {
	case st.CustomNumFmt != nil:
		format = *st.CustomNumFmt
	case st.NumFmt == 1 || st.NumFmt == 3:
		return 0
	case st.NumFmt == 2 || st.NumFmt == 4:
		return 2
	case st.NumFmt == 9:
		return 0
	case st.NumFmt == 10:
		return 2
	default:
		return def
	}
	section, _, _ := strings.Cut(format, ";")
	_, frac, ok := strings.Cut(section, ".")
	if !ok {
		if strings.ContainsAny(section, "0#") {
			return 0
		}
		return def
	}
	d := 0
	for _, r := range frac {
		if r != '0' && r != '#' {
			break
		}
		d++
	}
	if strings.Contains(section, "%") && unit == "" {
		d += 2
	}
	return d
}

// Cell texts: 填报单位, 填报人, 联系电话, 填报日期 and the period in a title.

var (
	blank        = `[ \t\x{3000}_＿]`
	labelPattern = regexp.MustCompile(`(填报单位（盖章）|填报单位\(盖章\)|填报单位|填表单位|报送单位|单位名称|填报人|填表人|联系人|联系电话|电话|填报日期|填表日期|报送日期)(` + blank + `*[：:])` + blank + `*`)
	fullDate     = regexp.MustCompile(`(` + blank + `*\d{0,4}` + blank + `*)年(` + blank + `*\d{0,2}` + blank + `*)月(` + blank + `*\d{0,2}` + blank + `*)日`)
	yearToMonth  = regexp.MustCompile(blank + `*\d{0,4}` + blank + `*年` + blank + `*1?` + blank + `*[-—－~～至]+` + blank + `*\d{0,2}` + blank + `*月`)
	yearMonth    = regexp.MustCompile(blank + `+年` + blank + `*\d{0,2}` + blank + `*月|\d{4}` + blank + `*年` + blank + `+月|` + blank + `+年` + blank + `+月`)
)

var labelPlaceholders = map[string]string{
	"填报单位（盖章）": "{单位}", "填报单位(盖章)": "{单位}", "填报单位": "{单位}", "填表单位": "{单位}", "报送单位": "{单位}", "单位名称": "{单位}",
	"填报人": "{填报人}", "填表人": "{填报人}", "联系人": "{填报人}",
	"联系电话": "{电话}", "电话": "{电话}",
	"填报日期": "{填报日期}", "填表日期": "{填报日期}", "报送日期": "{填报日期}",
}

// cellTemplate turns a cell's text into a CellText template when it holds blanks to fill:
// "填报单位：        填报人：" becomes "填报单位：{单位}    填报人：{填报人}", a title's
// "（    年   月）" becomes "（{年}年{月}月）". inTitle says the cell is above the header.
func cellTemplate(s string, inTitle bool) (string, bool) {
	out := s
	changed := false
	// Labels followed by blanks (or nothing) take their value.
	locs := labelPattern.FindAllStringSubmatchIndex(out, -1)
	if len(locs) > 0 {
		var b strings.Builder
		last := 0
		for k, m := range locs {
			label := out[m[2]:m[3]]
			end := m[1]
			nextStart := len(out)
			if k+1 < len(locs) {
				nextStart = locs[k+1][0]
			}
			rest := strings.TrimSpace(strings.Trim(out[end:nextStart], "_＿\u3000 "))
			b.WriteString(out[last:m[0]])
			ph := labelPlaceholders[label]
			switch {
			case rest == "" || isBlankDate(rest):
				b.WriteString(label + out[m[4]:m[5]] + ph)
				if k+1 < len(locs) {
					b.WriteString("    ")
				}
				last, changed = nextStart, true
			default:
				b.WriteString(out[m[0]:end])
				last = end
			}
		}
		b.WriteString(out[last:])
		out = b.String()
	}
	// Blank dates and periods.
	if loc := fullDate.FindStringIndex(out); loc != nil && isBlankDate(out[loc[0]:loc[1]]) {
		out = out[:loc[0]] + "{期末}" + out[loc[1]:]
		changed = true
	}
	if inTitle {
		if loc := yearToMonth.FindStringIndex(out); loc != nil && hasBlank(out[loc[0]:loc[1]]) {
			out = out[:loc[0]] + "{年}年1—{月}月" + out[loc[1]:]
			changed = true
		} else if loc := yearMonth.FindStringIndex(out); loc != nil {
			out = out[:loc[0]] + "{年}年{月}月" + out[loc[1]:]
			changed = true
		}
	}
	return out, changed
}

func isBlankDate(s string) bool {
	m := fullDate.FindStringSubmatch(s)
	if m == nil || strings.TrimSpace(strings.Trim(s[:strings.Index(s, m[0])], "_＿\u3000 ")) != "" {
		return false
	}
	for _, part := range m[1:] {
		if strings.ContainsFunc(part, unicode.IsDigit) {
			return false
		}
	}
	return true
}

func hasBlank(s string) bool {
	return strings.ContainsAny(s, " \t\u3000_＿") || !strings.ContainsFunc(s, unicode.IsDigit)
}

func colName(n int) string {
	s, err := excelize.ColumnNumberToName(n)
	if err != nil {
		return strconv.Itoa(n)
	}
	return s
}

// oneLine joins a header written on several lines.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), "")
}

// WithField points a column at another catalogue field ("" leaves it empty), with the unit
// its header names (or the field's default) and the field's default rounding.
func (c Column) WithField(key string) Column {
	c.Field, c.Unit, c.Decimals = key, "", 0
	if f, ok := FieldByKey(key); ok {
		c.Unit = unitFrom(c.Header, f)
		c.Decimals = f.DefaultDecimals(c.Unit)
	} else {
		c.Field = ""
	}
	return c
}
