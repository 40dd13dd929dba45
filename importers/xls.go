package importers

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// .xls (BIFF8, Excel 97–2003, and what WPS writes): the compound file is opened with
// richardlehane/mscfb (already in the build through excelize) and the Workbook stream's
// records are read here. Only what an import needs is decoded: the sheet list, shared
// strings, labels, numbers (NUMBER, RK, MULRK), formula results, booleans, merged ranges and
// hidden columns. Every length is checked against the record, so a damaged file is refused
// and never read out of bounds.

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

type xlsSheet struct {
	info   SheetInfo
	offset int
}

type xlsSource struct {
	path   string
	stream []byte
	sst    []string
	sheetz []xlsSheet
}

var errXLSDamaged = errors.New("xls 文件结构已损坏")

func openXLS(p string, data []byte, lim Limits) (src *xlsSource, err error) {
	defer func() {
		if r := recover(); r != nil { // mscfb on a malformed container
			src, err = nil, refuse(p, "xls 文件结构已损坏")
		}
	}()
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, refuse(p, "不是有效的 Excel 文件（复合文档已损坏）")
	}
	var workbook []byte
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		switch entry.Name {
		case "EncryptionInfo", "EncryptedPackage":
			return nil, refuse(p, "工作簿已加密，请在 Excel 中取消密码后再导入")
		case "Workbook":
			if entry.Size > lim.MaxFileBytes*4 {
				return nil, refuse(p, "xls 工作簿数据过大")
			}
			workbook, err = readLimited(entry, lim.MaxFileBytes*4)
			if err != nil {
				return nil, refuse(p, "xls 文件结构已损坏（%v）", err)
			}
		case "Book":
			if workbook == nil {
				return nil, refuse(p, "这是 Excel 5.0/95 格式的旧文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入")
			}
		}
	}
	if workbook == nil {
		return nil, refuse(p, "不是 Excel 工作簿（复合文档中没有 Workbook 数据，可能是 Word 或其他文件）")
	}
	s := &xlsSource{path: p, stream: workbook}
	if err := s.readGlobals(); err != nil {
		return nil, refuse(p, "%v", err)
	}
	return s, nil
}

// record is one BIFF record.
type record struct {
	typ  uint16
	data []byte
	next int // offset of the following record
}

func (s *xlsSource) record(at int) (record, error) {
	if at+4 > len(s.stream) {
		return record{}, io.ErrUnexpectedEOF
	}
	typ := binary.LittleEndian.Uint16(s.stream[at:])
	n := int(binary.LittleEndian.Uint16(s.stream[at+2:]))
	if at+4+n > len(s.stream) {
		return record{}, errXLSDamaged
	}
	return record{typ: typ, data: s.stream[at+4 : at+4+n], next: at + 4 + n}, nil
}

const (
	recBOF        = 0x0809
	recEOF        = 0x000A
	recFilePass   = 0x002F
	recBoundSheet = 0x0085
	recSST        = 0x00FC
	recContinue   = 0x003C
	recLabelSST   = 0x00FD
	recLabel      = 0x0204
	recNumber     = 0x0203
	recRK         = 0x027E
	recMulRK      = 0x00BD
	recBoolErr    = 0x0205
	recFormula    = 0x0006
	recString     = 0x0207
	recMerged     = 0x00E5
	recColInfo    = 0x007D
	recDimensions = 0x0200
)

// readGlobals reads the workbook globals: the sheet list and the shared strings.
func (s *xlsSource) readGlobals() error {
	first, err := s.record(0)
	if err != nil || first.typ != recBOF || len(first.data) < 4 {
		return errXLSDamaged
	}
	if v := binary.LittleEndian.Uint16(first.data); v != 0x0600 {
		return errors.New("这是 Excel 95 或更早格式的文件，请另存为 .xlsx 后再导入")
	}
	for at := first.next; at < len(s.stream); {
		r, err := s.record(at)
		if err != nil {
			return errXLSDamaged
		}
		switch r.typ {
		case recFilePass:
			return errors.New("工作簿已加密，请在 Excel 中取消密码后再导入")
		case recBoundSheet:
			if len(r.data) < 8 {
				return errXLSDamaged
			}
			off := int(binary.LittleEndian.Uint32(r.data))
			vis, kind := r.data[4], r.data[5]
			name, _, err := readShortString(r.data[6:])
			if err != nil {
				return errXLSDamaged
			}
			if kind == 0 { // a worksheet (not a chart or macro sheet)
				info := SheetInfo{Name: name, Hidden: vis != 0, Summary: summaryName(name)}
				s.sheetz = append(s.sheetz, xlsSheet{info: info, offset: off})
			}
		case recSST:
			var chunks [][]byte
			chunks = append(chunks, r.data)
			next := r.next
			for next < len(s.stream) {
				c, err := s.record(next)
				if err != nil || c.typ != recContinue {
					break
				}
				chunks = append(chunks, c.data)
				next = c.next
			}
			if s.sst, err = readSST(chunks); err != nil {
				return err
			}
			at = next
			continue
		case recEOF:
			for i := range s.sheetz {
				s.sheetz[i].info.Rows, s.sheetz[i].info.Cols = s.dimensions(s.sheetz[i].offset)
			}
			return nil
		}
		at = r.next
	}
	return errXLSDamaged
}

// dimensions reads a sheet's DIMENSIONS record.
func (s *xlsSource) dimensions(at int) (rows, cols int) {
	for i := 0; i < 64 && at < len(s.stream); i++ {
		r, err := s.record(at)
		if err != nil {
			return 0, 0
		}
		if r.typ == recDimensions && len(r.data) >= 12 {
			return int(binary.LittleEndian.Uint32(r.data[4:])), int(binary.LittleEndian.Uint16(r.data[10:]))
		}
		at = r.next
	}
	return 0, 0
}

// readShortString reads a ShortXLUnicodeString (1-byte length).
func readShortString(b []byte) (string, int, error) {
	if len(b) < 2 {
		return "", 0, errXLSDamaged
	}
	n, flags := int(b[0]), b[1]
	return readChars(b[2:], n, flags&1 != 0, 2)
}

// readChars reads n characters, 2 bytes each when wide, else 1 (Latin-1), returning the
// bytes used including the given header size.
func readChars(b []byte, n int, wide bool, header int) (string, int, error) {
	if wide {
		if len(b) < 2*n {
			return "", 0, errXLSDamaged
		}
		u := make([]uint16, n)
		for i := range n {
			u[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
		return string(utf16.Decode(u)), header + 2*n, nil
	}
	if len(b) < n {
		return "", 0, errXLSDamaged
	}
	r := make([]rune, n)
	for i := range n {
		r[i] = rune(b[i])
	}
	return string(r), header + n, nil
}

// readSST reads the shared string table, whose strings may continue across CONTINUE
// records: at each boundary inside a string's characters a new flags byte says whether the
// rest is wide.
func readSST(chunks [][]byte) ([]string, error) {
	c := &chunkReader{chunks: chunks}
	if _, err := c.bytes(4); err != nil { // total count
		return nil, errXLSDamaged
	}
	nb, err := c.bytes(4)
	if err != nil {
		return nil, errXLSDamaged
	}
	n := int(binary.LittleEndian.Uint32(nb))
	if n < 0 || n > 10_000_000 {
		return nil, errXLSDamaged
	}
	out := make([]string, 0, min(n, 1<<16))
	for range n {
		hb, err := c.bytes(3)
		if err != nil {
			break // some writers overstate the count
		}
		cch, flags := int(binary.LittleEndian.Uint16(hb)), hb[2]
		runs, ext := 0, 0
		if flags&0x08 != 0 {
			b, err := c.bytes(2)
			if err != nil {
				return nil, errXLSDamaged
			}
			runs = int(binary.LittleEndian.Uint16(b))
		}
		if flags&0x04 != 0 {
			b, err := c.bytes(4)
			if err != nil {
				return nil, errXLSDamaged
			}
			ext = int(binary.LittleEndian.Uint32(b))
		}
		var sb strings.Builder
		wide := flags&0x01 != 0
		for left := cch; left > 0; {
			if c.atChunkEnd() {
				if !c.nextChunk() {
					return nil, errXLSDamaged
				}
				fb, err := c.bytes(1)
				if err != nil {
					return nil, errXLSDamaged
				}
				wide = fb[0]&0x01 != 0
			}
			width := 1
			if wide {
				width = 2
			}
			k := min(left, c.remaining()/width)
			if k == 0 {
				return nil, errXLSDamaged
			}
			b, _ := c.bytes(k * width)
			str, _, err := readChars(b, k, wide, 0)
			if err != nil {
				return nil, err
			}
			sb.WriteString(str)
			left -= k
		}
		if err := c.skip(4*runs + ext); err != nil {
			return nil, errXLSDamaged
		}
		out = append(out, sb.String())
	}
	return out, nil
}

// chunkReader reads across the SST record and its CONTINUE records.
type chunkReader struct {
	chunks [][]byte
	i, off int
}

func (c *chunkReader) atChunkEnd() bool { return c.i < len(c.chunks) && c.off >= len(c.chunks[c.i]) }
func (c *chunkReader) remaining() int {
	if c.i >= len(c.chunks) {
		return 0
	}
	return len(c.chunks[c.i]) - c.off
}
func (c *chunkReader) nextChunk() bool {
	c.i, c.off = c.i+1, 0
	return c.i < len(c.chunks)
}

// bytes reads n bytes of fixed data, crossing into the next chunk when the current is spent.
func (c *chunkReader) bytes(n int) ([]byte, error) {
	if c.atChunkEnd() && !c.nextChunk() {
		return nil, io.ErrUnexpectedEOF
	}
	if c.remaining() >= n {
		b := c.chunks[c.i][c.off : c.off+n]
		c.off += n
		return b, nil
	}
	var out []byte
	for n > 0 {
		if c.atChunkEnd() && !c.nextChunk() {
			return nil, io.ErrUnexpectedEOF
		}
		if c.i >= len(c.chunks) {
			return nil, io.ErrUnexpectedEOF
		}
		k := min(n, c.remaining())
		out = append(out, c.chunks[c.i][c.off:c.off+k]...)
		c.off += k
		n -= k
	}
	return out, nil
}

func (c *chunkReader) skip(n int) error {
	for n > 0 {
		if c.atChunkEnd() && !c.nextChunk() {
			return io.ErrUnexpectedEOF
		}
		k := min(n, c.remaining())
		c.off += k
		n -= k
	}
	return nil
}

func (s *xlsSource) sheets() []SheetInfo {
	out := make([]SheetInfo, len(s.sheetz))
	for i, sh := range s.sheetz {
		out[i] = sh.info
	}
	return out
}

func (s *xlsSource) close() error { return nil }

// formatNumber writes a number as its shortest decimal text, as Excel shows a general number.
func formatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// rkNumber decodes an RK value.
func rkNumber(rk uint32) float64 {
	var v float64
	if rk&0x02 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&0xFFFFFFFC) << 32)
	}
	if rk&0x01 != 0 {
		v /= 100
	}
	return v
}

func (s *xlsSource) grid(sheet string, lim Limits) (*Grid, error) {
	var sh *xlsSheet
	for i := range s.sheetz {
		if s.sheetz[i].info.Name == sheet {
			sh = &s.sheetz[i]
		}
	}
	if sh == nil {
		return nil, fmt.Errorf("没有工作表“%s”", sheet)
	}
	g := &Grid{Hidden: map[int]bool{}}
	set := func(row, col int, v string) error {
		if row >= lim.MaxRows {
			return refuse(s.path, "工作表“%s”超过 %d 行的导入上限", sheet, lim.MaxRows)
		}
		if col >= lim.MaxCols {
			if strings.TrimSpace(v) == "" {
				return nil
			}
			return refuse(s.path, "工作表“%s”超过 %d 列的导入上限", sheet, lim.MaxCols)
		}
		for len(g.Cells) <= row {
			g.Cells = append(g.Cells, nil)
		}
		for len(g.Cells[row]) <= col {
			g.Cells[row] = append(g.Cells[row], "")
		}
		g.Cells[row][col] = v
		return nil
	}
	first, err := s.record(sh.offset)
	if err != nil || first.typ != recBOF {
		return nil, errXLSDamaged
	}
	pendingRow, pendingCol := -1, -1 // a FORMULA whose string result follows in STRING
	for at := first.next; at < len(s.stream); {
		r, err := s.record(at)
		if err != nil {
			return nil, errXLSDamaged
		}
		at = r.next
		d := r.data
		var cellErr error
		switch r.typ {
		case recEOF:
			for len(g.Cells) > 0 && blankRow(g.Cells[len(g.Cells)-1]) {
				g.Cells = g.Cells[:len(g.Cells)-1]
			}
			g.RowNum = make([]int, len(g.Cells))
			for i := range g.RowNum {
				g.RowNum[i] = i + 1
			}
			return g, nil
		case recLabelSST:
			if len(d) < 10 {
				return nil, errXLSDamaged
			}
			idx := int(binary.LittleEndian.Uint32(d[6:]))
			v := ""
			if idx < len(s.sst) {
				v = s.sst[idx]
			}
			cellErr = set(int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:])), v)
		case recLabel:
			if len(d) < 9 {
				return nil, errXLSDamaged
			}
			n := int(binary.LittleEndian.Uint16(d[6:]))
			v, _, err := readChars(d[9:], n, d[8]&1 != 0, 0)
			if err != nil {
				return nil, errXLSDamaged
			}
			cellErr = set(int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:])), v)
		case recNumber:
			if len(d) < 14 {
				return nil, errXLSDamaged
			}
			v := math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))
			cellErr = set(int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:])), formatNumber(v))
		case recRK:
			if len(d) < 10 {
				return nil, errXLSDamaged
			}
			cellErr = set(int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:])), formatNumber(rkNumber(binary.LittleEndian.Uint32(d[6:]))))
		case recMulRK:
			if len(d) < 6 || (len(d)-6)%6 != 0 {
				return nil, errXLSDamaged
			}
			row, col := int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:]))
			for i := 4; i+6 <= len(d)-2 && cellErr == nil; i += 6 {
				cellErr = set(row, col, formatNumber(rkNumber(binary.LittleEndian.Uint32(d[i+2:]))))
				col++
			}
		case recBoolErr:
			if len(d) < 8 {
				return nil, errXLSDamaged
			}
			if d[7] == 0 { // a boolean, not an error
				v := "FALSE"
				if d[6] != 0 {
					v = "TRUE"
				}
				cellErr = set(int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:])), v)
			}
		case recFormula:
			if len(d) < 20 {
				return nil, errXLSDamaged
			}
			row, col := int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:]))
			res := d[6:14]
			if res[6] == 0xFF && res[7] == 0xFF {
				switch res[0] {
				case 0: // a string, in the STRING record that follows
					pendingRow, pendingCol = row, col
				case 1:
					v := "FALSE"
					if res[2] != 0 {
						v = "TRUE"
					}
					cellErr = set(row, col, v)
				}
			} else {
				cellErr = set(row, col, formatNumber(math.Float64frombits(binary.LittleEndian.Uint64(res))))
			}
		case recString:
			if pendingRow >= 0 && len(d) >= 3 {
				n := int(binary.LittleEndian.Uint16(d))
				if v, _, err := readChars(d[3:], n, d[2]&1 != 0, 0); err == nil {
					cellErr = set(pendingRow, pendingCol, v)
				}
			}
			pendingRow, pendingCol = -1, -1
		case recMerged:
			if len(d) < 2 {
				return nil, errXLSDamaged
			}
			n := int(binary.LittleEndian.Uint16(d))
			for i := 0; i < n && 2+8*i+8 <= len(d); i++ {
				b := d[2+8*i:]
				g.Merges = append(g.Merges, Range{R1: int(binary.LittleEndian.Uint16(b)), R2: int(binary.LittleEndian.Uint16(b[2:])),
					C1: int(binary.LittleEndian.Uint16(b[4:])), C2: int(binary.LittleEndian.Uint16(b[6:]))})
			}
		case recColInfo:
			if len(d) < 10 {
				return nil, errXLSDamaged
			}
			lo, hi := int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:]))
			if binary.LittleEndian.Uint16(d[8:])&0x0001 != 0 {
				for c := lo; c <= hi && c < 256; c++ {
					g.Hidden[c] = true
				}
			}
		}
		if cellErr != nil {
			return nil, cellErr
		}
	}
	return nil, errXLSDamaged
}
