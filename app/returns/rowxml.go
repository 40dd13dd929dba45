package returns

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The data rows are written as worksheet XML directly instead of cell by cell through
// excelize: setting 240 000 cells (10 000 rows × 24 columns) and having excelize serialise
// them took about 3 s of CPU, three times the budget. excelize still does everything around
// the rows — inserting them (which moves totals, merges, names, validations and notes),
// merges, styles, formulas and the cells outside the table — and writes the workbook with the
// pattern row in place; splice then replaces that row with the rendered rows. Styles are
// excelize's own IDs (the pattern row's, or variants it registered), so the XML refers only
// to what the workbook declares. Text is written inline (t="inlineStr"), which every reader
// takes and which keeps codes and phone numbers text.

// block is the rendered XML of one sheet's data rows, first to last (none when no record
// qualified).
type block struct {
	sheet       string
	first, last int
	maxCol      int
	xml         []byte
}

// rowAttrs marks where a row's attributes go: the pattern row's (height, row style) are
// known only when the workbook is written. Control characters never reach cell text.
const rowAttrs = "\x01"

// rowWriter renders data rows in the styles of the pattern row.
type rowWriter struct {
	f              *excelize.File
	sh             string
	pattern        int
	minCol, maxCol int
	byCol          []int // mapping column index by worksheet column, -1 for none
	dates          []dateMode
	styles         []int          // pattern style by worksheet column
	formulas       map[int]string // per-row formulas of the pattern row, by column
	marked         map[int]int    // style → its highlighted variant
	group          int            // style of sub-header rows
	cols           []int          // worksheet column of each mapping column
	names          []string       // column letters by worksheet column
}

// dateMode is how a date column is written, decided once from its pattern cell.
type dateMode struct {
	asText bool   // the pattern cell is text-formatted: write the date as text
	layout string // Go layout of the text
	style  int    // a date style to use instead (the pattern cell had no date format), or 0
}

func newRowWriter(f *excelize.File, sh string, sm SheetMapping, styles []int, minCol, maxCol int, formulas map[int]string, pattern int) (*rowWriter, error) {
	w := &rowWriter{f: f, sh: sh, pattern: pattern, minCol: minCol, maxCol: maxCol, byCol: make([]int, maxCol+1), styles: styles,
		formulas: formulas, marked: map[int]int{}, dates: make([]dateMode, len(sm.Columns)), cols: make([]int, len(sm.Columns))}
	w.names = make([]string, maxCol+1)
	for i := range w.byCol {
		w.byCol[i] = -1
		if i > 0 {
			w.names[i] = colName(i)
		}
	}
	for i, c := range sm.Columns {
		col, _ := colNumber(c.Col)
		w.cols[i] = col
		if c.Field != "" {
			w.byCol[col] = i
		}
		fd, ok := FieldByKey(c.Field)
		if !ok || fd.Kind != KindDate {
			continue
		}
		st, err := f.GetStyle(styles[col])
		if err != nil {
			return nil, err
		}
		switch {
		case isDateFormat(st):
		case st.NumFmt == 49 || (st.CustomNumFmt != nil && *st.CustomNumFmt == "@"):
			w.dates[i] = dateMode{asText: true, layout: goLayout(c.DateFormat)}
		default:
			format := c.DateFormat
			if format == "" {
				format = "yyyy-mm-dd"
			}
			derived := *st
			derived.NumFmt, derived.CustomNumFmt = 0, &format
			id, err := f.NewStyle(&derived)
			if err != nil {
				return nil, err
			}
			w.dates[i].style = id
		}
	}
	return w, nil
}

// render writes the rows' XML, from the pattern row down.
func (w *rowWriter) render(rows []tableRow, mark bool) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(rows) * (w.maxCol - w.minCol + 1) * 40)
	for i, row := range rows {
		r := w.pattern + i
		rs := strconv.Itoa(r)
		b.WriteString(`<row r="`)
		b.WriteString(rs)
		b.WriteString(`"`)
		b.WriteString(rowAttrs)
		b.WriteString(`>`)
		if row.rec == nil {
			if err := w.groupRow(&b, rs, row.group); err != nil {
				return nil, err
			}
			b.WriteString(`</row>`)
			continue
		}
		highlight := mark && row.rec.change != ""
		for col := w.minCol; col <= w.maxCol; col++ {
			style := w.styles[col]
			j := w.byCol[col]
			var c cell
			if j >= 0 {
				c = row.cells[j]
				if c.kind == cellDate && w.dates[j].style != 0 {
					style = w.dates[j].style
				}
			}
			if highlight {
				var err error
				if style, err = w.highlighted(style); err != nil {
					return nil, err
				}
			}
			ref := w.names[col] + rs
			fm, hasFormula := w.formulas[col]
			switch {
			case j >= 0 && c.kind == cellText:
				writeInline(&b, ref, style, c.text)
			case j >= 0 && c.kind == cellNumber:
				writeNumber(&b, ref, style, c.num)
			case j >= 0 && c.kind == cellDate:
				if w.dates[j].asText {
					writeInline(&b, ref, style, c.date.Time().Format(w.dates[j].layout))
				} else {
					writeNumber(&b, ref, style, excelSerial(c.date))
				}
			case j < 0 && hasFormula:
				writeStart(&b, ref, style)
				b.WriteString(`><f>`)
				escape(&b, moveRow(fm, w.sh, w.pattern, r))
				b.WriteString(`</f></c>`)
			case style != 0:
				writeStart(&b, ref, style)
				b.WriteString(`/>`)
			}
		}
		b.WriteString(`</row>`)
	}
	return b.Bytes(), nil
}

// groupRow writes a sub-header: the label in the first column, in the first column's style
// made bold and left-aligned, and that style across the merged row.
func (w *rowWriter) groupRow(b *bytes.Buffer, rs, label string) error {
	if w.group == 0 {
		st, err := w.f.GetStyle(w.styles[w.minCol])
		if err != nil {
			return err
		}
		g := *st
		g.NumFmt, g.CustomNumFmt = 0, nil
		font := excelize.Font{}
		if st.Font != nil {
			font = *st.Font
		}
		font.Bold = true
		g.Font = &font
		align := excelize.Alignment{}
		if st.Alignment != nil {
			align = *st.Alignment
		}
		align.Horizontal, align.Vertical = "left", "center"
		g.Alignment = &align
		if w.group, err = w.f.NewStyle(&g); err != nil {
			return err
		}
	}
	writeInline(b, w.names[w.minCol]+rs, w.group, label)
	for col := w.minCol + 1; col <= w.maxCol; col++ {
		writeStart(b, w.names[col]+rs, w.group)
		b.WriteString(`/>`)
	}
	return nil
}

// highlighted is a style's variant with a pale yellow fill, for rows new or changed since
// the previous return.
func (w *rowWriter) highlighted(base int) (int, error) {
	if id, ok := w.marked[base]; ok {
		return id, nil
	}
	st, err := w.f.GetStyle(base)
	if err != nil {
		return 0, err
	}
	m := *st
	m.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	id, err := w.f.NewStyle(&m)
	if err != nil {
		return 0, err
	}
	w.marked[base] = id
	return id, nil
}

// sums puts =SUM(first:last) into the empty cells of a totals row under numeric columns.
func (w *rowWriter) sums(row int, cols []Column, first, last int) error {
	for i, c := range cols {
		fd, ok := FieldByKey(c.Field)
		if !ok || fd.noSum || (fd.Kind != KindMoney && fd.Kind != KindDollars && fd.Kind != KindArea && fd.Kind != KindCount) {
			continue
		}
		name := cellName(w.cols[i], row)
		if fm, _ := w.f.GetCellFormula(w.sh, name); fm != "" {
			continue
		}
		if v, _ := w.f.GetCellValue(w.sh, name); v != "" {
			continue
		}
		col := colName(w.cols[i])
		if err := w.f.SetCellFormula(w.sh, name, fmt.Sprintf("SUM(%s%d:%s%d)", col, first, col, last)); err != nil {
			return err
		}
	}
	return nil
}

func writeStart(b *bytes.Buffer, ref string, style int) {
	b.WriteString(`<c r="`)
	b.WriteString(ref)
	b.WriteString(`"`)
	if style != 0 {
		b.WriteString(` s="`)
		b.WriteString(strconv.Itoa(style))
		b.WriteString(`"`)
	}
}

func writeNumber(b *bytes.Buffer, ref string, style int, v float64) {
	writeStart(b, ref, style)
	b.WriteString(`><v>`)
	b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
	b.WriteString(`</v></c>`)
}

// maxCellText is the most characters Excel keeps in a cell.
const maxCellText = 32767

func writeInline(b *bytes.Buffer, ref string, style int, s string) {
	s = cleanCellText(s)
	writeStart(b, ref, style)
	b.WriteString(` t="inlineStr"><is><t`)
	if s != strings.TrimSpace(s) {
		b.WriteString(` xml:space="preserve"`)
	}
	b.WriteString(`>`)
	escape(b, s)
	b.WriteString(`</t></is></c>`)
}

// cleanCellText drops what XML 1.0 cannot carry (control characters other than tab and
// line breaks, invalid UTF-8) and cuts text to Excel's limit.
func cleanCellText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > maxCellText {
		s = string([]rune(s)[:maxCellText])
	}
	return s
}

func escape(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		case '\r':
			rep = "&#xD;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// splice replaces, in each block's worksheet, the rows first to last excelize wrote (the
// pattern row, and rows it made for merges) with the block's rendered rows, giving them the
// pattern row's attributes. Other parts of the package are copied as they are.
func splice(book []byte, blocks []*block) ([]byte, error) {
	bySheet := map[string]*block{}
	for _, b := range blocks {
		if b != nil {
			bySheet[b.sheet] = b
		}
	}
	if len(bySheet) == 0 {
		return book, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		return nil, err
	}
	paths, err := sheetPaths(zr)
	if err != nil {
		return nil, err
	}
	byPath := map[string]*block{}
	for name, b := range bySheet {
		p, ok := paths[name]
		if !ok {
			return nil, fmt.Errorf("工作表“%s”不在工作簿中", name)
		}
		byPath[p] = b
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		b, ok := byPath[zf.Name]
		if !ok {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		src, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		sheetXML, err := spliceRows(src, b)
		if err != nil {
			return nil, fmt.Errorf("工作表“%s”：%w", b.sheet, err)
		}
		h := zf.FileHeader
		h.Method = zip.Deflate
		w, err := zw.CreateHeader(&h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(sheetXML); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

var (
	rowStart = regexp.MustCompile(`<row\b[^>]*?(/?)>`)
	rowNum   = regexp.MustCompile(`\sr="(\d+)"`)
)

// spliceRows puts the block's rows in place of the worksheet's rows first to last.
func spliceRows(src []byte, b *block) ([]byte, error) {
	dataStart := bytes.Index(src, []byte("<sheetData"))
	if dataStart < 0 {
		return nil, fmt.Errorf("没有 sheetData")
	}
	dataEnd := bytes.Index(src[dataStart:], []byte("</sheetData>"))
	if dataEnd < 0 {
		return nil, fmt.Errorf("sheetData 不完整")
	}
	dataEnd += dataStart
	from, to := -1, -1 // the byte span of the rows replaced
	insertAt := dataEnd
	attrs := ""
	pos := dataStart
	for {
		loc := rowStart.FindIndex(src[pos:dataEnd])
		if loc == nil {
			break
		}
		start, tagEnd := pos+loc[0], pos+loc[1]
		tag := src[start:tagEnd]
		end := tagEnd
		if !bytes.HasSuffix(tag, []byte("/>")) {
			close := bytes.Index(src[tagEnd:dataEnd], []byte("</row>"))
			if close < 0 {
				return nil, fmt.Errorf("行不完整")
			}
			end = tagEnd + close + len("</row>")
		}
		m := rowNum.FindSubmatch(tag)
		if m == nil {
			return nil, fmt.Errorf("行缺少行号")
		}
		r, _ := strconv.Atoi(string(m[1]))
		switch {
		case r >= b.first && r <= b.last:
			if from < 0 {
				from = start
			}
			to = end
			if r == b.first {
				a := rowNum.ReplaceAll(tag, nil)
				a = bytes.TrimPrefix(a, []byte("<row"))
				a = bytes.TrimSuffix(bytes.TrimSuffix(a, []byte("/>")), []byte(">"))
				attrs = string(a)
			}
		case r > b.last && insertAt == dataEnd:
			insertAt = start
		}
		pos = end
	}
	if from < 0 {
		from, to = insertAt, insertAt
	}
	if bytes.HasPrefix(src[dataStart:], []byte("<sheetData/>")) {
		return nil, fmt.Errorf("sheetData 为空")
	}
	if len(b.xml) == 0 { // no rows: the pattern row stays, only the used range is checked
		return fixDimension(src, b.maxCol), nil
	}
	rows := bytes.ReplaceAll(b.xml, []byte(rowAttrs), []byte(attrs))
	out := make([]byte, 0, len(src)+len(rows))
	out = append(out, src[:from]...)
	out = append(out, rows...)
	out = append(out, src[to:]...)
	return fixDimension(out, b.maxCol), nil
}

var dimension = regexp.MustCompile(`<dimension ref="([A-Z]+\d+)(?::([A-Z]+)(\d+))?"\s*(?:/>|></dimension>)`)

// fixDimension makes the sheet's declared used range cover its last row: readers that trust
// it (openpyxl in read-only mode, which pandas uses) would otherwise stop at the old end.
func fixDimension(sheetXML []byte, maxCol int) []byte {
	m := dimension.FindSubmatchIndex(sheetXML)
	if m == nil {
		return sheetXML
	}
	lastRow := 0
	for _, rm := range rowNum.FindAllSubmatch(sheetXML[bytes.Index(sheetXML, []byte("<sheetData")):], -1) {
		if r, err := strconv.Atoi(string(rm[1])); err == nil {
			lastRow = max(lastRow, r)
		}
	}
	lastCol := maxCol
	if m[4] >= 0 {
		if n, err := excelize.ColumnNameToNumber(string(sheetXML[m[4]:m[5]])); err == nil {
			lastCol = max(lastCol, n)
		}
	}
	start := string(sheetXML[m[2]:m[3]])
	ref := fmt.Sprintf(`<dimension ref="%s:%s%d"/>`, start, colName(lastCol), max(lastRow, 1))
	out := make([]byte, 0, len(sheetXML)+16)
	out = append(out, sheetXML[:m[0]]...)
	out = append(out, ref...)
	return append(out, sheetXML[m[1]:]...)
}

// sheetPaths maps each worksheet's name to its part in the package.
func sheetPaths(zr *zip.Reader) (map[string]string, error) {
	read := func(name string) ([]byte, error) {
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				if err != nil {
					return nil, err
				}
				defer rc.Close()
				return io.ReadAll(rc)
			}
		}
		return nil, fmt.Errorf("工作簿缺少 %s", name)
	}
	wbXML, err := read("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	relsXML, err := read("xl/_rels/workbook.xml.rels")
	if err != nil {
		return nil, err
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wbXML, &wb); err != nil {
		return nil, err
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(relsXML, &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = target[s.RID]
	}
	return out, nil
}
