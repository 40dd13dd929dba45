package returns

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"ganzhao/app"
)

// cellKind is what a table cell holds.
type cellKind uint8

const (
	cellEmpty cellKind = iota
	cellText
	cellNumber
	cellDate
)

// cell is one value to write, already converted to the column's unit and rounding.
type cell struct {
	kind     cellKind
	text     string
	num      float64
	decimals int
	date     app.Date
}

// shown is the cell as the archive keeps it.
func (c cell) shown() string {
	switch c.kind {
	case cellText:
		return c.text
	case cellNumber:
		return formatNumber(c.num, c.decimals)
	case cellDate:
		return c.date.String()
	}
	return ""
}

// tableRow is a data row (rec set) or a group's sub-header row (group set).
type tableRow struct {
	rec       *record
	group     string // the sub-header's text
	groupName string // the group's value, which names its sheet when each group gets one
	cells     []cell // one per SheetMapping.Columns entry
}

// placeholders are the values of a return's cell texts.
type placeholders struct {
	period   app.Month
	reported app.Date
	settings app.Settings
}

func (p placeholders) replace(s string) string {
	end := p.period.Last()
	r := strings.NewReplacer(
		"{年}", fmt.Sprint(p.period.Year),
		"{月}", fmt.Sprint(int(p.period.Month)),
		"{期间}", fmt.Sprintf("%d年%d月", p.period.Year, p.period.Month),
		"{本年期间}", yearToDate(p.period),
		"{期末}", chineseDate(end),
		"{单位}", p.settings.Unit,
		"{填报人}", p.settings.Reporter,
		"{电话}", p.settings.Phone,
		"{填报日期}", chineseDate(p.reported),
	)
	return r.Replace(s)
}

func yearToDate(m app.Month) string {
	if m.Month == 1 {
		return fmt.Sprintf("%d年1月", m.Year)
	}
	return fmt.Sprintf("%d年1—%d月", m.Year, m.Month)
}

func chineseDate(d app.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
}

// filledSheet reports where the rows of one sheet went.
type filledSheet struct {
	name string
	rows []int // worksheet row of each tableRow
}

// fill writes the tables into the template and returns the workbook. tables[i] belongs to
// m.Sheets[i]; for a sheet grouped by sheet, groups[i] lists the groups in order.
func fill(template []byte, fileName string, m Mapping, tables [][]tableRow, ph placeholders) ([]byte, [][]filledSheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(template))
	if err != nil {
		return nil, nil, fmt.Errorf("无法打开模板“%s”：%w", fileName, err)
	}
	defer f.Close()
	out := make([][]filledSheet, len(m.Sheets))
	var blocks []*block
	for i, sm := range m.Sheets {
		idx, err := f.GetSheetIndex(sm.Sheet)
		if err != nil || idx < 0 {
			return nil, nil, errNoSheet(fileName, sm.Sheet)
		}
		if sm.Group != nil && sm.Group.Mode == GroupSheets {
			parts := splitGroups(tables[i])
			names := sheetNames(f, sm.Sheet, parts)
			// Copy the pristine sheet for every group before the first one is filled.
			for _, name := range names[1:] {
				to, err := f.NewSheet(name)
				if err != nil {
					return nil, nil, fmt.Errorf("模板“%s”：新建工作表“%s”：%w", fileName, name, err)
				}
				if err := f.CopySheet(idx, to); err != nil {
					return nil, nil, fmt.Errorf("模板“%s”：复制工作表“%s”：%w", fileName, sm.Sheet, err)
				}
			}
			if len(parts) > 0 && names[0] != sm.Sheet {
				if err := f.SetSheetName(sm.Sheet, names[0]); err != nil {
					return nil, nil, fmt.Errorf("模板“%s”：工作表改名为“%s”：%w", fileName, names[0], err)
				}
			}
			for j, part := range parts {
				one := sm
				one.Sheet = names[j]
				rows, blk, err := fillSheet(f, one, part.rows, ph, part.name)
				if err != nil {
					return nil, nil, fmt.Errorf("模板“%s”：%w", fileName, err)
				}
				blocks = append(blocks, blk)
				out[i] = append(out[i], filledSheet{name: names[j], rows: rows})
			}
			if len(parts) > 0 {
				continue
			}
		}
		rows, blk, err := fillSheet(f, sm, tables[i], ph, "")
		if err != nil {
			return nil, nil, fmt.Errorf("模板“%s”：%w", fileName, err)
		}
		blocks = append(blocks, blk)
		out[i] = append(out[i], filledSheet{name: sm.Sheet, rows: rows})
	}
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return nil, nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, nil, fmt.Errorf("写出报表：%w", err)
	}
	book, err := splice(buf.Bytes(), blocks)
	if err != nil {
		return nil, nil, fmt.Errorf("写出报表：%w", err)
	}
	return book, out, nil
}

// groupPart is the rows of one group when each group gets its own sheet.
type groupPart struct {
	name string
	rows []tableRow
}

// splitGroups cuts a grouped table at its sub-header rows, dropping them: the sheet's name
// says the group.
func splitGroups(rows []tableRow) []groupPart {
	var parts []groupPart
	for _, r := range rows {
		if r.rec == nil {
			parts = append(parts, groupPart{name: r.groupName})
			continue
		}
		if len(parts) == 0 {
			parts = append(parts, groupPart{name: app.Unassigned})
		}
		parts[len(parts)-1].rows = append(parts[len(parts)-1].rows, r)
	}
	return parts
}

// sheetNames makes a valid, unique worksheet name for each group.
func sheetNames(f *excelize.File, base string, parts []groupPart) []string {
	used := map[string]bool{}
	for _, n := range f.GetSheetList() {
		if n != base {
			used[strings.ToLower(n)] = true
		}
	}
	names := make([]string, len(parts))
	for i, p := range parts {
		name := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\`, r) {
				return '-'
			}
			return r
		}, p.name)
		name = strings.Trim(name, "'")
		if name == "" {
			name = base
		}
		if r := []rune(name); len(r) > 31 {
			name = string(r[:31])
		}
		candidate := name
		for n := 2; used[strings.ToLower(candidate)]; n++ {
			suffix := fmt.Sprintf("(%d)", n)
			r := []rune(name)
			candidate = string(r[:min(len(r), 31-len(suffix))]) + suffix
		}
		used[strings.ToLower(candidate)] = true
		names[i] = candidate
	}
	return names
}

// formulaCell is a formula outside the data block, found before rows are inserted.
type formulaCell struct {
	sheet    string
	col, row int
}

// fillSheet writes rows into one sheet, returning the worksheet row of each.
func fillSheet(f *excelize.File, sm SheetMapping, rows []tableRow, ph placeholders, groupName string) ([]int, *block, error) {
	sh, p := sm.Sheet, sm.FirstDataRow
	minCol, maxCol, err := columnSpan(sm)
	if err != nil {
		return nil, nil, err
	}
	spare := max(sm.DataRows, 1) - 1
	for range spare {
		if err := f.RemoveRow(sh, p+1); err != nil {
			return nil, nil, fmt.Errorf("工作表“%s”：删除模板预留行：%w", sh, err)
		}
	}

	// The pattern row: styles, height, merges and per-row formulas.
	styles := make([]int, maxCol+1)
	rowFormulas := map[int]string{}
	mapped := map[int]bool{}
	for _, c := range sm.Columns {
		if c.Field != "" {
			n, _ := colNumber(c.Col)
			mapped[n] = true
		}
	}
	for col := minCol; col <= maxCol; col++ {
		name := cellName(col, p)
		if styles[col], err = f.GetCellStyle(sh, name); err != nil {
			return nil, nil, fmt.Errorf("工作表“%s”：读取样式 %s：%w", sh, name, err)
		}
		if !mapped[col] {
			if fm, _ := f.GetCellFormula(sh, name); fm != "" {
				rowFormulas[col] = fm
			}
		}
	}
	merges, err := f.GetMergeCells(sh, true)
	if err != nil {
		return nil, nil, err
	}
	var rowMerges [][2]int // column spans merged within the pattern row
	for _, mc := range merges {
		c1, r1, _ := excelize.CellNameToCoordinates(mc.GetStartAxis())
		c2, r2, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
		if r1 == p && r2 == p {
			rowMerges = append(rowMerges, [2]int{c1, c2})
		}
	}
	formulas, err := formulasOutside(f, sh, p)
	if err != nil {
		return nil, nil, err
	}

	n := len(rows)
	if p+n > excelize.TotalRows {
		return nil, nil, fmt.Errorf("工作表“%s”：%d 行超出 Excel 的行数上限", sh, n)
	}
	grow := max(n, 1) - 1
	last := p + grow
	if grow > 0 {
		if err := f.InsertRows(sh, p+1, grow); err != nil {
			return nil, nil, fmt.Errorf("工作表“%s”：插入 %d 行：%w", sh, grow, err)
		}
	}
	// Merges: the pattern row's own on every data row, the sub-headers across the table.
	for i, row := range rows {
		r := p + i
		switch {
		case row.rec == nil:
			if r == p {
				for _, span := range rowMerges {
					if err := f.UnmergeCell(sh, cellName(span[0], r), cellName(span[1], r)); err != nil {
						return nil, nil, err
					}
				}
			}
			if maxCol > minCol {
				if err := f.MergeCell(sh, cellName(minCol, r), cellName(maxCol, r)); err != nil {
					return nil, nil, err
				}
			}
		case r > p:
			for _, span := range rowMerges {
				if err := f.MergeCell(sh, cellName(span[0], r), cellName(span[1], r)); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	// The pattern row's sample values go; what is not mapped stays empty. With rows to
	// write, the row is replaced whole when the workbook is written (see splice).
	for col := minCol; col <= maxCol; col++ {
		if _, isFormula := rowFormulas[col]; isFormula {
			continue
		}
		if err := f.SetCellValue(sh, cellName(col, p), nil); err != nil {
			return nil, nil, err
		}
	}
	w, err := newRowWriter(f, sh, sm, styles, minCol, maxCol, rowFormulas, p)
	if err != nil {
		return nil, nil, err
	}
	blk := &block{sheet: sh, first: p, last: last, maxCol: maxCol}
	if n > 0 {
		if blk.xml, err = w.render(rows, sm.MarkChanges); err != nil {
			return nil, nil, err
		}
	}
	out := make([]int, n)
	for i := range rows {
		out[i] = p + i
	}

	if err := extendFormulas(f, sh, p, grow, formulas); err != nil {
		return nil, nil, err
	}
	if err := extendNamesAndRules(f, sh, p, last); err != nil {
		return nil, nil, err
	}
	// Template positions below the data block moved with it.
	moved := func(row int) (int, bool) {
		switch {
		case row > p && row < p+1+spare:
			return 0, false // inside the removed spare rows
		case row > p:
			return row + grow - spare, true
		}
		return row, true
	}
	for _, tr := range sm.TotalsRows {
		row, ok := moved(tr)
		if !ok {
			continue
		}
		if err := w.sums(row, sm.Columns, p, last); err != nil {
			return nil, nil, err
		}
	}
	// Cells holding the period, unit and reporter.
	for _, ct := range sm.Cells {
		col, row, _ := cellCoords(ct.Cell)
		row, ok := moved(row)
		if !ok {
			continue
		}
		name := cellName(col, row)
		text := ph.replace(ct.Text)
		if groupName != "" {
			text = strings.ReplaceAll(text, "{分组}", groupName)
		}
		if err := f.SetCellStr(sh, name, text); err != nil {
			return nil, nil, err
		}
	}
	return out, blk, nil
}

// columnSpan is the first and last column of the table.
func columnSpan(sm SheetMapping) (int, int, error) {
	if len(sm.Columns) == 0 {
		return 0, 0, fmt.Errorf("工作表“%s”没有列", sm.Sheet)
	}
	lo, hi := excelize.MaxColumns, 0
	for _, c := range sm.Columns {
		n, err := colNumber(c.Col)
		if err != nil {
			return 0, 0, err
		}
		lo, hi = min(lo, n), max(hi, n)
	}
	return lo, hi, nil
}

// formulasOutside finds the formula cells of the workbook outside the pattern row of sheet
// sh: the totals rows, a summary sheet. It reads every cell of each sheet's used area once;
// templates are small.
func formulasOutside(f *excelize.File, sh string, pattern int) ([]formulaCell, error) {
	var out []formulaCell
	for _, name := range f.GetSheetList() {
		lastCol, lastRow, err := usedArea(f, name)
		if err != nil {
			return nil, err
		}
		for r := 1; r <= lastRow; r++ {
			if name == sh && r == pattern {
				continue
			}
			for c := 1; c <= lastCol; c++ {
				if fm, _ := f.GetCellFormula(name, cellName(c, r)); fm != "" {
					out = append(out, formulaCell{name, c, r})
				}
			}
		}
	}
	return out, nil
}

// usedArea is the last column and row a sheet uses, from its cells and merged ranges (the
// <dimension> a file declares is not always right). A data sheet far larger than a template
// is scanned only at its top.
func usedArea(f *excelize.File, sheet string) (int, int, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	lastCol, lastRow := 0, 0
	for rows.Next() {
		lastRow++
		cols, err := rows.Columns()
		if err != nil {
			return 0, 0, err
		}
		lastCol = max(lastCol, len(cols))
		if lastRow >= 2000 {
			break
		}
	}
	merges, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return 0, 0, err
	}
	for _, m := range merges {
		if c, r, err := excelize.CellNameToCoordinates(m.GetEndAxis()); err == nil {
			lastCol, lastRow = max(lastCol, c), max(lastRow, min(r, 2000))
		}
	}
	return min(lastCol+2, excelize.MaxColumns), lastRow + 2, nil
}

// extendFormulas grows the ranges over the pattern row in every formula found before the
// rows went in (now moved down by grow when below the pattern row). All formulas are read
// before any is written, so that shared formulas still resolve.
func extendFormulas(f *excelize.File, sh string, pattern, grow int, cells []formulaCell) error {
	if grow == 0 {
		return nil
	}
	type change struct {
		sheet, cell, formula string
	}
	var changes []change
	for _, fc := range cells {
		row := fc.row
		if fc.sheet == sh && row > pattern {
			row += grow
		}
		name := cellName(fc.col, row)
		fm, err := f.GetCellFormula(fc.sheet, name)
		if err != nil || fm == "" {
			continue
		}
		if ext := extendRanges(fm, fc.sheet, sh, pattern, pattern+grow); ext != fm {
			changes = append(changes, change{fc.sheet, name, ext})
		}
	}
	for _, c := range changes {
		// Clearing first drops the template's cached result, which would be stale.
		if err := f.SetCellValue(c.sheet, c.cell, nil); err != nil {
			return err
		}
		if err := f.SetCellFormula(c.sheet, c.cell, c.formula); err != nil {
			return fmt.Errorf("工作表“%s”：改写公式 %s：%w", c.sheet, c.cell, err)
		}
	}
	return nil
}

// extendNamesAndRules grows defined names, data validations and conditional formats that end
// on the pattern row over the data rows.
func extendNamesAndRules(f *excelize.File, sh string, pattern, last int) error {
	if last == pattern {
		return nil
	}
	for _, dn := range f.GetDefinedName() {
		home := sh
		if dn.Scope != "" && dn.Scope != "Workbook" {
			home = dn.Scope
		}
		ext := extendRanges(strings.TrimPrefix(dn.RefersTo, "="), home, sh, pattern, last)
		if ext == strings.TrimPrefix(dn.RefersTo, "=") {
			continue
		}
		old := dn
		if err := f.DeleteDefinedName(&old); err != nil {
			return fmt.Errorf("改写名称“%s”：%w", dn.Name, err)
		}
		dn.RefersTo = ext
		if err := f.SetDefinedName(&dn); err != nil {
			return fmt.Errorf("改写名称“%s”：%w", dn.Name, err)
		}
	}
	dvs, err := f.GetDataValidations(sh)
	if err != nil {
		return err
	}
	for _, dv := range dvs {
		ext := extendSqref(dv.Sqref, pattern, last)
		if ext == dv.Sqref {
			continue
		}
		if err := f.DeleteDataValidation(sh, dv.Sqref); err != nil {
			return err
		}
		dv.Sqref = ext
		if err := f.AddDataValidation(sh, dv); err != nil {
			return err
		}
	}
	cfs, err := f.GetConditionalFormats(sh)
	if err != nil {
		return err
	}
	for ref, opts := range cfs {
		ext := extendSqref(ref, pattern, last)
		if ext == ref {
			continue
		}
		if err := f.UnsetConditionalFormat(sh, ref); err != nil {
			return err
		}
		if err := f.SetConditionalFormat(sh, ext, opts); err != nil {
			return err
		}
	}
	return nil
}

// isDateFormat reports whether a style shows numbers as dates.
func isDateFormat(st *excelize.Style) bool {
	if st.CustomNumFmt != nil {
		fm := *st.CustomNumFmt
		// Drop quoted text and [colour] or [$-804] sections before looking for date codes.
		var b strings.Builder
		inQuote, inBracket := false, false
		for _, r := range fm {
			switch {
			case r == '"':
				inQuote = !inQuote
			case inQuote:
			case r == '[':
				inBracket = true
			case r == ']':
				inBracket = false
			case !inBracket:
				b.WriteRune(r)
			}
		}
		s := strings.ToLower(b.String())
		return strings.ContainsAny(s, "ydh") || strings.ContainsAny(s, "年月日")
	}
	n := st.NumFmt
	return (n >= 14 && n <= 22) || (n >= 27 && n <= 36) || (n >= 45 && n <= 47) || (n >= 50 && n <= 58)
}

// goLayout turns the few Excel date formats a mapping uses into Go layouts.
func goLayout(excel string) string {
	switch excel {
	case "", "yyyy-mm-dd", "yyyy-m-d":
		return "2006-01-02"
	case "yyyy.mm.dd", "yyyy.m.d":
		return "2006.01.02"
	case "yyyy/mm/dd", "yyyy/m/d":
		return "2006/01/02"
	case `yyyy"年"m"月"d"日"`, "yyyy年m月d日":
		return "2006年1月2日"
	case `yyyy"年"m"月"`, "yyyy年m月":
		return "2006年1月"
	case "yyyy.mm", "yyyy.m":
		return "2006.01"
	}
	return "2006-01-02"
}

// excelSerial is the Excel serial number of a date (1900 date system).
func excelSerial(d app.Date) float64 {
	base := app.NewDate(1899, 12, 30)
	return float64(d.DaysSince(base))
}

// cellName is the A1 name of a column and row; both are checked by the caller.
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return name
}

func colNumber(col string) (int, error) {
	return excelize.ColumnNameToNumber(strings.ToUpper(strings.TrimSpace(col)))
}

func cellCoords(cell string) (int, int, error) {
	return excelize.CellNameToCoordinates(strings.ToUpper(strings.TrimSpace(cell)))
}
