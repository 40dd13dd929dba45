package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// .xlsx: the package is opened with archive/zip; the sheet list comes from the workbook part,
// and a sheet's cells, merged ranges and hidden columns from one pass of a byte scanner over
// its XML, with raw values (numbers as written, dates as serials). A file that is an OLE
// container instead (an encrypted workbook) goes to the .xls reader, which refuses it.

type xlsxSource struct {
	path    string
	zr      *zip.Reader
	infos   []SheetInfo
	parts   map[string]string // sheet name → part path
	sstPart string
	sst     []string
	limit   int64 // the most one part may unzip to
}

func openXLSX(p string, data []byte, lim Limits) (*xlsxSource, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, refuse(p, "压缩包已损坏或不完整，不是有效的 xlsx 工作簿")
	}
	var total int64
	var wb, rels *zip.File
	for _, f := range zr.File {
		total += int64(f.UncompressedSize64)
		switch strings.ToLower(f.Name) {
		case "xl/workbook.xml":
			wb = f
		case "xl/_rels/workbook.xml.rels":
			rels = f
		}
	}
	if total > lim.MaxUnzippedBytes || (total > 64<<20 && total > lim.MaxRatio*int64(len(data))) {
		return nil, refuse(p, "文件解压后达 %d MB（原文件 %d KB），疑似压缩炸弹，已拒绝", total>>20, len(data)>>10)
	}
	if wb == nil {
		return nil, refuse(p, "压缩包里没有工作簿（xl/workbook.xml），不是 xlsx 文件")
	}
	s := &xlsxSource{path: p, zr: zr, parts: map[string]string{}, sstPart: "xl/sharedStrings.xml", limit: lim.MaxUnzippedBytes}
	if err := s.readWorkbook(wb, rels); err != nil {
		return nil, refuse(p, "工作簿结构已损坏（%v）", err)
	}
	return s, nil
}

type xmlWorkbook struct {
	Sheets []struct {
		Name  string `xml:"name,attr"`
		State string `xml:"state,attr"`
		RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
		Type   string `xml:"Type,attr"`
	} `xml:"Relationship"`
}

func readZipXML(f *zip.File, v any) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	b, err := readLimited(rc, 16<<20)
	if err != nil {
		return err
	}
	return xml.Unmarshal(b, v)
}

func (s *xlsxSource) file(name string) *zip.File {
	for _, f := range s.zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// readWorkbook lists the sheets with their parts, visibility, dimension and whether a pivot
// table sits on them.
func (s *xlsxSource) readWorkbook(wb, relsFile *zip.File) error {
	var w xmlWorkbook
	if err := readZipXML(wb, &w); err != nil {
		return err
	}
	var rels xmlRels
	if relsFile != nil {
		if err := readZipXML(relsFile, &rels); err != nil {
			return err
		}
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(t, "xl/") {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			s.sstPart = t
		}
	}
	for _, sh := range w.Sheets {
		part := target[sh.RID]
		info := SheetInfo{Name: sh.Name, Hidden: sh.State == "hidden" || sh.State == "veryHidden"}
		info.Summary = summaryName(sh.Name)
		if part != "" {
			s.parts[sh.Name] = part
			if f := s.file(part); f != nil {
				info.Rows, info.Cols = sheetDimension(f)
			}
			relsPart := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
			if f := s.file(relsPart); f != nil {
				var r xmlRels
				if readZipXML(f, &r) == nil {
					for _, x := range r.Rels {
						info.Summary = info.Summary || strings.HasSuffix(x.Type, "/pivotTable")
					}
				}
			}
		}
		s.infos = append(s.infos, info)
	}
	return nil
}

// summaryName tells a summary sheet by its name.
func summaryName(name string) bool {
	for _, w := range []string{"汇总", "统计", "透视", "分析", "图表", "目录"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

var dimensionRef = regexp.MustCompile(`<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"`)

// sheetDimension reads the <dimension> at the head of a sheet part; 0, 0 when absent.
func sheetDimension(f *zip.File) (rows, cols int) {
	rc, err := f.Open()
	if err != nil {
		return 0, 0
	}
	defer rc.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(rc, head)
	m := dimensionRef.FindSubmatch(head[:n])
	if m == nil {
		return 0, 0
	}
	if len(m[3]) == 0 {
		return 1, 1
	}
	r, _ := strconv.Atoi(string(m[4]))
	return r, columnIndex(string(m[3])) + 1
}

// countRows counts the <row> elements of a sheet's part, reading it as a stream: for a sheet
// whose part does not state its dimension. It reads no more than the part limit.
func (s *xlsxSource) countRows(sheet string) (int, error) {
	f := s.file(s.parts[sheet])
	if f == nil {
		return 0, nil
	}
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	return countRowTags(io.LimitReader(rc, s.limit), 256<<10)
}

// countRowTags counts the tags scanRows takes for a <row> in a stream, reading it size bytes
// at a time (at least 128).
func countRowTags(r io.Reader, size int) (int, error) {
	buf := make([]byte, 0, max(size, 128))
	rows := 0
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		done := err != nil
		// Count the tags that begin in buf; one that may run past its end waits for the
		// next read, unless there is none.
		i := 0
		for {
			j := bytes.IndexByte(buf[i:], '<')
			if j < 0 {
				i = len(buf)
				break
			}
			i += j
			end := bytes.IndexByte(buf[i:], '>')
			if end < 0 && !done && len(buf)-i < 64 {
				break
			}
			tag := buf[i:]
			if end >= 0 {
				tag = buf[i : i+end+1]
			}
			if isRowTag(tagName(tag)) {
				rows++
			}
			i++
		}
		if done {
			if err == io.EOF {
				err = nil
			}
			return rows, err
		}
		buf = buf[:copy(buf, buf[i:])]
	}
}

// columnIndex turns a column name into a 0-based index: A → 0, AA → 26.
func columnIndex(letters string) int {
	n := 0
	for _, c := range letters {
		n = n*26 + int(c-'A'+1)
	}
	return n - 1
}

func (s *xlsxSource) sheets() []SheetInfo { return s.infos }

func (s *xlsxSource) close() error { return nil }

var (
	mergeTag  = regexp.MustCompile(`<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"`)
	colTag    = regexp.MustCompile(`<(?:\w+:)?col\s[^>]*>`)
	attrValue = regexp.MustCompile(`(\w+)="([^"]*)"`)
)

func (s *xlsxSource) grid(sheet string, lim Limits) (*Grid, error) {
	part := s.parts[sheet]
	zf := s.file(part)
	if zf == nil {
		return nil, refuse(s.path, "工作表“%s”的数据缺失，文件已损坏", sheet)
	}
	sst, err := s.sharedStrings()
	if err != nil {
		return nil, refuse(s.path, "共享字符串表已损坏（%v）", err)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, refuse(s.path, "工作表“%s”已损坏（%v）", sheet, err)
	}
	doc, err := readSized(rc, s.limit, zf.UncompressedSize64)
	rc.Close()
	if err != nil {
		return nil, refuse(s.path, "工作表“%s”已损坏或过大（%v）", sheet, err)
	}
	g, err := parseSheetXML(doc, sst, lim)
	if err != nil {
		var re *RefusedError
		if errors.As(err, &re) {
			re.File = s.path
			re.Reason = fmt.Sprintf("工作表“%s”%s", sheet, re.Reason)
		}
		return nil, err
	}
	return g, nil
}

// sharedStrings reads the shared string table once.
func (s *xlsxSource) sharedStrings() ([]string, error) {
	if s.sst != nil {
		return s.sst, nil
	}
	s.sst = []string{}
	f := s.file(s.sstPart)
	if f == nil {
		return s.sst, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	doc, err := readSized(rc, s.limit, f.UncompressedSize64)
	if err != nil {
		return nil, err
	}
	for i := 0; ; {
		open := indexTag(doc, i, "si")
		if open < 0 {
			break
		}
		end := indexClose(doc, open, "si")
		if end < 0 {
			return nil, errors.New("<si> 未闭合")
		}
		s.sst = append(s.sst, textOf(doc[open:end]))
		i = end
	}
	return s.sst, nil
}

// indexTag finds the next start tag <name …> or <p:name …> at or after i.
func indexTag(doc []byte, i int, name string) int {
	for {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		k := i + 1
		if c := bytes.IndexByte(doc[k:min(len(doc), k+16)], ':'); c >= 0 && !bytes.ContainsAny(doc[k:k+c], " />") {
			k += c + 1
		}
		if bytes.HasPrefix(doc[k:], []byte(name)) && k+len(name) < len(doc) {
			switch doc[k+len(name)] {
			case '>', ' ', '/', '\t', '\n', '\r':
				return i
			}
		}
		i++
	}
}

// indexClose finds the end of the element starting at i: past its </name> (or at once for a
// self-closing tag).
func indexClose(doc []byte, i int, name string) int {
	gt := bytes.IndexByte(doc[i:], '>')
	if gt < 0 {
		return -1
	}
	if doc[i+gt-1] == '/' {
		return i + gt + 1
	}
	for j := i + gt; ; {
		k := bytes.Index(doc[j:], []byte("</"))
		if k < 0 {
			return -1
		}
		j += k + 2
		n := j
		if c := bytes.IndexByte(doc[n:min(len(doc), n+16)], ':'); c >= 0 && !bytes.ContainsAny(doc[n:n+c], " />") {
			n += c + 1
		}
		if bytes.HasPrefix(doc[n:], []byte(name+">")) {
			return n + len(name) + 1
		}
	}
}

// textOf joins the text of the <t> elements of a string item, leaving out phonetic runs.
func textOf(item []byte) string {
	var b strings.Builder
	for i := 0; ; {
		t := indexTag(item, i, "t")
		ph := indexTag(item, i, "rPh")
		if t < 0 {
			break
		}
		if ph >= 0 && ph < t {
			if i = indexClose(item, ph, "rPh"); i < 0 {
				break
			}
			continue
		}
		gt := bytes.IndexByte(item[t:], '>')
		if gt < 0 || item[t+gt-1] == '/' {
			i = t + max(gt, 0) + 1
			continue
		}
		body := t + gt + 1
		end := bytes.Index(item[body:], []byte("</"))
		if end < 0 {
			break
		}
		b.WriteString(unescapeXML(item[body : body+end]))
		i = body + end
	}
	return b.String()
}

var xmlEntities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", "\"", "&apos;", "'", "&amp;", "&")

// unescapeXML undoes XML escapes, numeric character references and the _xHHHH_ escapes
// OOXML uses for control characters.
func unescapeXML(b []byte) string {
	s := string(b)
	if strings.Contains(s, "&#") {
		s = numericRef.ReplaceAllStringFunc(s, func(m string) string {
			var n int64
			var err error
			if m[2] == 'x' || m[2] == 'X' {
				n, err = strconv.ParseInt(m[3:len(m)-1], 16, 32)
			} else {
				n, err = strconv.ParseInt(m[2:len(m)-1], 10, 32)
			}
			if err != nil || n <= 0 || n > 0x10FFFF {
				return ""
			}
			return string(rune(n))
		})
	}
	if strings.Contains(s, "&") {
		s = xmlEntities.Replace(s)
	}
	if strings.Contains(s, "_x") {
		s = ooxmlEscape.ReplaceAllStringFunc(s, func(m string) string {
			n, _ := strconv.ParseInt(m[2:6], 16, 32)
			return string(rune(n))
		})
	}
	return s
}

var (
	numericRef  = regexp.MustCompile(`&#[xX]?[0-9a-fA-F]{1,6};`)
	ooxmlEscape = regexp.MustCompile(`_x[0-9a-fA-F]{4}_`)
)

// attrOf returns the value of the one-letter attribute name in a start tag (r="A1", t='s'),
// nil when absent.
func attrOf(tag []byte, name byte) []byte {
	for i := 1; i+3 < len(tag); i++ {
		if tag[i] != name || tag[i+1] != '=' {
			continue
		}
		if p := tag[i-1]; p != ' ' && p != '\t' && p != '\n' && p != '\r' {
			continue
		}
		q := tag[i+2]
		if q != '"' && q != '\'' {
			continue
		}
		end := bytes.IndexByte(tag[i+3:], q)
		if end < 0 {
			return nil
		}
		return tag[i+3 : i+3+end]
	}
	return nil
}

// parseSheetXML reads the cells of a worksheet part with a byte scanner (an order of
// magnitude faster than encoding/xml on big sheets), then its merged ranges and hidden
// columns. A big part's rows are scanned in pieces on all cores.
func parseSheetXML(doc []byte, sst []string, lim Limits) (*Grid, error) {
	return parseSheetXMLIn(doc, sst, lim, min(runtime.GOMAXPROCS(0), 4), 1<<20)
}

// parseSheetXMLIn is parseSheetXML with the rows scanned in up to parts pieces of at least
// minPart bytes, at the same time. The result is the same whatever the pieces: a piece
// starts at a <row> tag, where the scanner starts afresh, and if a damaged part makes a
// piece read past the start of the next, the whole part is scanned again in one piece.
func parseSheetXMLIn(doc []byte, sst []string, lim Limits, parts, minPart int) (*Grid, error) {
	g := &Grid{Hidden: map[int]bool{}}
	data := indexTag(doc, 0, "sheetData")
	if data < 0 {
		return g, nil
	}
	head := doc[:data]
	end := indexClose(doc, data, "sheetData")
	if end < 0 {
		return nil, &RefusedError{Reason: "的数据不完整（sheetData 未闭合）"}
	}
	body := doc[data:end]
	starts := splitAtRows(body, parts, minPart)
	scans := make([]rowScan, len(starts))
	var wg sync.WaitGroup
	for k := range starts {
		stop := len(body)
		if k+1 < len(starts) {
			stop = starts[k+1]
		}
		wg.Go(func() { scans[k] = scanRows(body, starts[k], stop, sst, lim) })
	}
	wg.Wait()
	for k := 0; k+1 < len(scans) && scans[k].err == nil; k++ {
		if scans[k].end > starts[k+1] {
			scans = []rowScan{scanRows(body, 0, len(body), sst, lim)}
			break
		}
	}
	if err := g.addRows(scans, lim); err != nil {
		return nil, err
	}
	g.RowNum = make([]int, len(g.Cells))
	for i := range g.RowNum {
		g.RowNum[i] = i + 1
	}
	for len(g.Cells) > 0 && blankRow(g.Cells[len(g.Cells)-1]) {
		g.Cells, g.RowNum = g.Cells[:len(g.Cells)-1], g.RowNum[:len(g.RowNum)-1]
	}
	for _, m := range mergeTag.FindAllSubmatch(doc[end:], -1) {
		r1, _ := strconv.Atoi(string(m[2]))
		r2, _ := strconv.Atoi(string(m[4]))
		g.Merges = append(g.Merges, Range{R1: r1 - 1, C1: columnIndex(string(m[1])), R2: r2 - 1, C2: columnIndex(string(m[3]))})
	}
	for _, t := range colTag.FindAll(head, -1) {
		attrs := map[string]string{}
		for _, a := range attrValue.FindAllSubmatch(t, -1) {
			attrs[string(a[1])] = string(a[2])
		}
		if attrs["hidden"] == "1" || attrs["hidden"] == "true" {
			lo, _ := strconv.Atoi(attrs["min"])
			hi, _ := strconv.Atoi(attrs["max"])
			for c := lo; c <= hi && c <= lo+16384 && c <= lim.MaxCols; c++ {
				g.Hidden[c-1] = true
			}
		}
	}
	return g, nil
}

// rawRow is a row as scanRows found it: its r attribute (when there is one and it is a
// number) and its cells by column. Cells before any <row> tag (a damaged part) make a row
// that is not tagged.
type rawRow struct {
	r      int
	hasR   bool
	tagged bool
	cells  []string
}

// rowScan is what scanRows read: the rows, the offset after the last tag it read, and the
// error that stopped it.
type rowScan struct {
	rows []rawRow
	end  int
	err  error
}

var (
	errTooManyRows = errors.New("too many rows")
	errTooWide     = errors.New("too many columns")
)

// scanRows reads the rows and cells of a sheetData body, from start, taking every tag that
// begins before stop.
func scanRows(body []byte, start, stop int, sst []string, lim Limits) rowScan {
	var s rowScan
	cur, col, tagged := -1, -1, 0
	i := start
scan:
	for i < stop {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 || i+j >= stop {
			break
		}
		i += j
		gt := bytes.IndexByte(body[i:], '>')
		if gt < 0 {
			i = len(body)
			break
		}
		tag := body[i : i+gt+1]
		name := tagName(tag)
		switch {
		case isRowTag(name):
			if tagged == lim.MaxRows {
				s.err = errTooManyRows
				break scan
			}
			tagged++
			rr := rawRow{tagged: true, cells: []string{}}
			if r := attrOf(tag, 'r'); r != nil {
				if n, err := strconv.Atoi(string(r)); err == nil {
					rr.r, rr.hasR = n, true
				}
			}
			s.rows = append(s.rows, rr)
			cur, col = len(s.rows)-1, -1
			i += gt + 1
		case bytes.HasPrefix(name, []byte("c")) && len(name) > 1 && (name[1] == ' ' || name[1] == '>' || name[1] == '/'):
			col++
			if r := attrOf(tag, 'r'); r != nil {
				k := 0
				for k < len(r) && k < 4 && r[k] >= 'A' && r[k] <= 'Z' {
					k++
				}
				if k > 0 && k <= 3 {
					col = columnIndex(string(r[:k]))
				}
			}
			typ := string(attrOf(tag, 't'))
			if tag[len(tag)-2] == '/' { // an empty, styled cell
				i += gt + 1
				continue
			}
			cend := indexClose(body, i, "c")
			if cend < 0 {
				s.err = &RefusedError{Reason: "的数据不完整（单元格未闭合）"}
				break scan
			}
			cell := body[i:cend]
			i = cend
			var v string
			switch typ {
			case "inlineStr":
				if is := indexTag(cell, 0, "is"); is >= 0 {
					v = textOf(cell[is:])
				}
			default:
				if vt := indexTag(cell, 0, "v"); vt >= 0 {
					vgt := bytes.IndexByte(cell[vt:], '>')
					if vgt >= 0 && cell[vt+vgt-1] != '/' {
						start := vt + vgt + 1
						if e := bytes.Index(cell[start:], []byte("</")); e >= 0 {
							v = unescapeXML(cell[start : start+e])
						}
					}
				}
				if typ == "s" {
					n, err := strconv.Atoi(strings.TrimSpace(v))
					if err != nil || n < 0 || n >= len(sst) {
						v = ""
					} else {
						v = sst[n]
					}
				}
			}
			if v == "" {
				continue
			}
			if col >= lim.MaxCols {
				s.err = errTooWide
				break scan
			}
			if cur < 0 {
				s.rows = append(s.rows, rawRow{cells: []string{}})
				cur = len(s.rows) - 1
			}
			row := s.rows[cur].cells
			for len(row) < col {
				row = append(row, "")
			}
			s.rows[cur].cells = append(row[:col], v)
		default:
			i += gt + 1
		}
	}
	s.end = i
	return s
}

// addRows puts the scanned rows in their places, numbering them as the sheet does (a row
// without an r attribute follows the one before), and reports the first error in sheet order.
func (g *Grid) addRows(scans []rowScan, lim Limits) error {
	rowNum := 0
	for _, s := range scans {
		for _, rr := range s.rows {
			if rr.tagged {
				next := rowNum + 1
				if rr.hasR && rr.r > rowNum {
					next = rr.r
				}
				if rowNum = next; rowNum > lim.MaxRows {
					return &RefusedError{Reason: fmt.Sprintf("超过 %d 行的导入上限", lim.MaxRows)}
				}
			}
			for len(g.Cells) < rowNum-1 {
				g.Cells = append(g.Cells, nil)
			}
			g.Cells = append(g.Cells, rr.cells)
		}
		switch {
		case s.err == nil:
		case errors.Is(s.err, errTooManyRows):
			return &RefusedError{Reason: fmt.Sprintf("超过 %d 行的导入上限", lim.MaxRows)}
		case errors.Is(s.err, errTooWide):
			return &RefusedError{Reason: fmt.Sprintf("第%d行超过 %d 列的导入上限", rowNum, lim.MaxCols)}
		default:
			return s.err
		}
	}
	return nil
}

// splitAtRows picks where the pieces of a sheetData body start: 0, then up to parts-1
// offsets of <row> tags that cut it into pieces of about equal size, none under minPart bytes.
func splitAtRows(body []byte, parts, minPart int) []int {
	starts := []int{0}
	if minPart > 0 {
		parts = min(parts, len(body)/minPart)
	}
	for k := 1; k < parts; k++ {
		p := nextRowTag(body, max(len(body)*k/parts, starts[len(starts)-1]+1))
		if p < 0 {
			break
		}
		starts = append(starts, p)
	}
	return starts
}

// nextRowTag finds the next tag at or after i that scanRows takes for a <row>.
func nextRowTag(body []byte, i int) int {
	for i < len(body) {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		gt := bytes.IndexByte(body[i:], '>')
		if gt < 0 {
			return -1
		}
		if isRowTag(tagName(body[i : i+gt+1])) {
			return i
		}
		i++
	}
	return -1
}

// tagName is the name of a tag and what follows it, without the < and any namespace prefix.
func tagName(tag []byte) []byte {
	name := tag[1:]
	if c := bytes.IndexByte(name[:min(len(name), 16)], ':'); c >= 0 && !bytes.ContainsAny(name[:c], " />") {
		name = name[c+1:]
	}
	return name
}

func isRowTag(name []byte) bool {
	return bytes.HasPrefix(name, []byte("row")) && len(name) > 3 && (name[3] == ' ' || name[3] == '>' || name[3] == '/')
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
