package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// .xlsx: cells stream through excelize's Rows iterator with raw values (numbers as written,
// dates as serials); the sheet list, merged ranges and hidden columns come from a light scan
// of the package's XML, so that a big sheet is never loaded whole.

type xlsxSource struct {
	path   string
	zr     *zip.Reader
	f      *excelize.File
	infos  []SheetInfo
	parts  map[string]string // sheet name → part path
	closer io.Closer
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
	s := &xlsxSource{path: p, zr: zr, parts: map[string]string{}}
	if err := s.readWorkbook(wb, rels); err != nil {
		return nil, refuse(p, "工作簿结构已损坏（%v）", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: lim.MaxUnzippedBytes, UnzipXMLSizeLimit: min(lim.MaxUnzippedBytes, 16<<20)})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, refuse(p, "工作簿已加密，请在 Excel 中取消密码后再导入")
		}
		return nil, refuse(p, "不是有效的 xlsx 工作簿（%v）", err)
	}
	s.f, s.closer = f, f
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

// columnIndex turns a column name into a 0-based index: A → 0, AA → 26.
func columnIndex(letters string) int {
	n := 0
	for _, c := range letters {
		n = n*26 + int(c-'A'+1)
	}
	return n - 1
}

func (s *xlsxSource) sheets() []SheetInfo { return s.infos }

func (s *xlsxSource) close() error { return s.closer.Close() }

var (
	mergeTag  = regexp.MustCompile(`<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"`)
	colTag    = regexp.MustCompile(`<(?:\w+:)?col\s[^>]*>`)
	attrValue = regexp.MustCompile(`(\w+)="([^"]*)"`)
)

// scanSheet finds the merged ranges and hidden columns of a sheet part in one streaming pass,
// holding only a small window of the XML at a time.
func (s *xlsxSource) scanSheet(part string) (merges []Range, hidden map[int]bool, err error) {
	hidden = map[int]bool{}
	f := s.file(part)
	if f == nil {
		return nil, hidden, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	buf := make([]byte, 0, 256<<10)
	chunk := make([]byte, 128<<10)
	for {
		n, rerr := rc.Read(chunk)
		buf = append(buf, chunk[:n]...)
		// Keep the tail after the last '>' for the next round: a tag may be cut in two.
		cut := bytes.LastIndexByte(buf, '>') + 1
		window := buf[:cut]
		if bytes.Contains(window, []byte("mergeCell")) {
			for _, m := range mergeTag.FindAllSubmatch(window, -1) {
				r1, _ := strconv.Atoi(string(m[2]))
				r2, _ := strconv.Atoi(string(m[4]))
				merges = append(merges, Range{R1: r1 - 1, C1: columnIndex(string(m[1])), R2: r2 - 1, C2: columnIndex(string(m[3]))})
			}
		}
		if bytes.Contains(window, []byte("<col ")) || bytes.Contains(window, []byte(":col ")) {
			for _, t := range colTag.FindAll(window, -1) {
				attrs := map[string]string{}
				for _, a := range attrValue.FindAllSubmatch(t, -1) {
					attrs[string(a[1])] = string(a[2])
				}
				if attrs["hidden"] == "1" || attrs["hidden"] == "true" {
					lo, _ := strconv.Atoi(attrs["min"])
					hi, _ := strconv.Atoi(attrs["max"])
					for c := lo; c <= hi && c <= lo+16384; c++ {
						hidden[c-1] = true
					}
				}
			}
		}
		buf = append(buf[:0], buf[cut:]...)
		if len(buf) > 1<<20 { // no '>' in a megabyte: not XML worth scanning
			buf = buf[:0]
		}
		if rerr == io.EOF {
			return merges, hidden, nil
		}
		if rerr != nil {
			return nil, nil, rerr
		}
	}
}

func (s *xlsxSource) grid(sheet string, lim Limits) (*Grid, error) {
	g := &Grid{}
	rows, err := s.f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		if n > lim.MaxRows {
			return nil, refuse(s.path, "工作表“%s”超过 %d 行的导入上限", sheet, lim.MaxRows)
		}
		cols, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		if len(cols) > lim.MaxCols {
			// Trailing empty cells do not count.
			last := len(cols)
			for last > 0 && strings.TrimSpace(cols[last-1]) == "" {
				last--
			}
			if last > lim.MaxCols {
				return nil, refuse(s.path, "工作表“%s”第%d行有 %d 列，超过 %d 列的导入上限", sheet, n, last, lim.MaxCols)
			}
			cols = cols[:last]
		}
		g.Cells = append(g.Cells, cols)
		g.RowNum = append(g.RowNum, n)
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	// Trailing rows with nothing in them are not part of the sheet.
	for len(g.Cells) > 0 && blankRow(g.Cells[len(g.Cells)-1]) {
		g.Cells, g.RowNum = g.Cells[:len(g.Cells)-1], g.RowNum[:len(g.RowNum)-1]
	}
	if part := s.parts[sheet]; part != "" {
		merges, hidden, err := s.scanSheet(part)
		if err != nil {
			return nil, err
		}
		g.Merges, g.Hidden = merges, hidden
	}
	return g, nil
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
