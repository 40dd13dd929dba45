// Package importers reads the spreadsheets, CSV files and phone contacts teams already have
// (.xlsx, old .xls, CSV in UTF-8, UTF-16 or GBK, vCard) into the ledger's import rows: it
// finds the table under title rows, understands two-level headers and merged cells, sets
// aside totals and note rows, proposes a field for each column from Chinese header words,
// and parses the values people write (5.2亿元, 2025年3月12日, phone numbers that lost their
// leading zero). Package app plans and commits what it reads.
package importers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Limits bound what a file may make the importer do, so that no file exhausts memory.
type Limits struct {
	MaxFileBytes     int64 // the file itself
	MaxUnzippedBytes int64 // all parts of an .xlsx once unzipped
	MaxRatio         int64 // unzipped size over file size beyond which a large .xlsx is a zip bomb
	MaxRows          int   // rows of one sheet
	MaxCols          int   // columns of one sheet
}

// DefaultLimits are generous for real ledgers (200 000 rows, 256 columns, 200 MB files).
func DefaultLimits() Limits {
	return Limits{MaxFileBytes: 200 << 20, MaxUnzippedBytes: 1 << 30, MaxRatio: 100, MaxRows: 200_000, MaxCols: 256}
}

// RefusedError is a file the importer will not read, with a one-line Chinese reason.
type RefusedError struct {
	File   string
	Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("无法导入 %s：%s", filepath.Base(e.File), e.Reason)
}

func refuse(path, format string, args ...any) error {
	return &RefusedError{File: path, Reason: fmt.Sprintf(format, args...)}
}

// SheetInfo describes one sheet of a workbook for the user to choose from.
type SheetInfo struct {
	Name    string
	Rows    int
	Cols    int
	Hidden  bool
	Summary bool // a pivot table or a summary sheet (汇总, 统计): not picked by default
}

// Grid is a sheet's cells as text, merged ranges filled with their top-left value.
type Grid struct {
	Sheet  string
	Cells  [][]string
	RowNum []int // the row number the user sees for Cells[i]
	Hidden map[int]bool
	Merges []Range
}

// Range is a merged range, by 0-based indexes into Grid.Cells, inclusive.
type Range struct{ R1, C1, R2, C2 int }

// Cell returns the text at r, c, "" outside the grid.
func (g *Grid) Cell(r, c int) string {
	if r < 0 || r >= len(g.Cells) || c < 0 || c >= len(g.Cells[r]) {
		return ""
	}
	return g.Cells[r][c]
}

// Width is the number of columns of the widest row.
func (g *Grid) Width() int {
	w := 0
	for _, row := range g.Cells {
		w = max(w, len(row))
	}
	return w
}

// fillMerges copies the top-left value of every merged range into its other cells, within
// the grid's rows and widest row. The work is capped, so that a file of huge overlapping
// ranges cannot keep the importer busy.
func (g *Grid) fillMerges() {
	width, budget := g.Width(), 20_000_000
	for _, m := range g.Merges {
		if m.R1 < 0 || m.C1 < 0 || m.R1 >= len(g.Cells) || m.R2 < m.R1 || m.C2 < m.C1 {
			continue
		}
		v := g.Cell(m.R1, m.C1)
		for r := m.R1; r <= m.R2 && r < len(g.Cells); r++ {
			for c := m.C1; c <= m.C2 && c < width; c++ {
				if budget--; budget < 0 {
					return
				}
				for len(g.Cells[r]) <= c {
					g.Cells[r] = append(g.Cells[r], "")
				}
				g.Cells[r][c] = v
			}
		}
	}
}

// source is one format's reader.
type source interface {
	sheets() []SheetInfo
	grid(sheet string, lim Limits) (*Grid, error)
	close() error
}

// Book is an opened file: its sheets (one for CSV and vCard) and how to read each.
type Book struct {
	Path   string
	Format string // xlsx, xls, csv, vcf
	Hash   string // SHA-256 of the file
	Sheets []SheetInfo
	limits Limits
	src    source
}

// Open reads a file's format and sheet list. The format comes from the file's first bytes,
// not its name. A refused file gives a *RefusedError with a one-line reason.
func Open(path string, lim Limits) (*Book, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, refuse(path, "找不到文件或无法读取（%v）", err)
	}
	switch {
	case fi.IsDir():
		return nil, refuse(path, "这是一个文件夹，不是文件")
	case fi.Size() == 0:
		return nil, refuse(path, "文件是空的")
	case fi.Size() > lim.MaxFileBytes:
		return nil, refuse(path, "文件有 %d MB，超过导入上限 %d MB", fi.Size()>>20, lim.MaxFileBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, refuse(path, "无法读取文件（%v）", err)
	}
	sum := sha256.Sum256(data)
	b := &Book{Path: path, Hash: hex.EncodeToString(sum[:]), limits: lim}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		b.Format = "xlsx"
		b.src, err = openXLSX(path, data, lim)
	case bytes.HasPrefix(data, oleMagic):
		b.Format = "xls"
		b.src, err = openXLS(path, data, lim)
	case bytes.HasPrefix(data, []byte("PK")):
		return nil, refuse(path, "压缩包已损坏或不完整，不是有效的 xlsx 工作簿")
	default:
		text, enc, derr := DecodeText(data)
		if derr != nil {
			return nil, refuse(path, "%s", derr.Error())
		}
		if isVCard(text) {
			b.Format = "vcf"
			b.src, err = openVCard(path, data, lim)
		} else {
			b.Format = "csv"
			b.src, err = openCSV(path, text, enc, lim)
		}
	}
	if err != nil {
		var re *RefusedError
		if errors.As(err, &re) {
			return nil, err
		}
		return nil, refuse(path, "%v", err)
	}
	b.Sheets = b.src.sheets()
	return b, nil
}

// rowCounter is a source that may not know how many rows a sheet has until it counts them.
type rowCounter interface {
	countRows(sheet string) (int, error)
}

// CountRows fills in the row count of each sheet whose file does not state it (streaming
// writers leave out an .xlsx sheet's dimension) by counting its rows, which reads the sheet
// through once. A count that fails stays 0.
func (b *Book) CountRows() {
	c, ok := b.src.(rowCounter)
	if !ok {
		return
	}
	for i, s := range b.Sheets {
		if s.Rows == 0 {
			if n, err := c.countRows(s.Name); err == nil {
				b.Sheets[i].Rows = n
			}
		}
	}
}

// Close releases the file.
func (b *Book) Close() error {
	if b.src == nil {
		return nil
	}
	return b.src.close()
}

// DefaultSheet is the sheet read when the user picks none: the visible sheet with the most
// rows that is not a summary, else the first sheet. When there is a choice and a candidate's
// size is not stated, the rows are counted first.
func (b *Book) DefaultSheet() string {
	candidates, unknown := 0, false
	for _, s := range b.Sheets {
		if !s.Hidden && !s.Summary {
			candidates++
			unknown = unknown || s.Rows == 0
		}
	}
	if candidates > 1 && unknown {
		b.CountRows()
	}
	best, rows := "", -1
	for _, s := range b.Sheets {
		if !s.Hidden && !s.Summary && s.Rows > rows {
			best, rows = s.Name, s.Rows
		}
	}
	if best == "" && len(b.Sheets) > 0 {
		best = b.Sheets[0].Name
	}
	return best
}

// Grid reads a sheet ("" for the default one) with merged ranges filled.
func (b *Book) Grid(sheet string) (*Grid, error) {
	if sheet == "" {
		sheet = b.DefaultSheet()
	}
	found := false
	for _, s := range b.Sheets {
		found = found || s.Name == sheet
	}
	if !found {
		names := make([]string, len(b.Sheets))
		for i, s := range b.Sheets {
			names[i] = s.Name
		}
		return nil, refuse(b.Path, "没有名为“%s”的工作表（有：%s）", sheet, strings.Join(names, "、"))
	}
	g, err := b.src.grid(sheet, b.limits)
	if err != nil {
		var re *RefusedError
		if errors.As(err, &re) {
			return nil, err
		}
		return nil, refuse(b.Path, "读取工作表“%s”失败（%v）", sheet, err)
	}
	g.Sheet = sheet
	g.fillMerges()
	return g, nil
}

// readLimited reads at most n bytes of r, failing when there is more.
func readLimited(r io.Reader, n int64) ([]byte, error) { return readSized(r, n, 0) }

// readSized is readLimited with the expected size, as a zip entry declares it: the buffer is
// made that size at once, where growing it from nothing copied and cleared a sheet's XML
// several times over. The hint is only a hint (a zip may lie), capped at n; openXLSX has
// already refused a package whose declared sizes are out of proportion to the file.
func readSized(r io.Reader, n int64, hint uint64) ([]byte, error) {
	var buf bytes.Buffer
	if hint > 0 {
		buf.Grow(int(min(hint, uint64(n))) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, n+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > n {
		return nil, errTooBig
	}
	return buf.Bytes(), nil
}

var errTooBig = errors.New("too big")

// ColumnLetter is the spreadsheet name of a 0-based column: 0 → A, 26 → AA.
func ColumnLetter(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// Load opens a file and finds the table of a sheet ("" for the default sheet), with a field
// proposed for each column.
func Load(path, sheet string, lim Limits) (*Table, error) {
	b, err := Open(path, lim)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	g, err := b.Grid(sheet)
	if err != nil {
		return nil, err
	}
	return FindTable(b, g)
}
