package importers

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

	"ganzhao/app"
)

// Column is one column of a table: its header and the field proposed (or chosen) for it.
type Column struct {
	Index  int
	Letter string
	Header string
	Field  string
	Hidden bool
	Unit   Unit // the unit the header gives amounts
}

// Table is a sheet's table: where its header is and how its columns map to fields.
type Table struct {
	Book    *Book
	Grid    *Grid
	Header  Header
	Columns []Column
}

// FindTable finds the table of a grid and proposes a field for each column. A field is
// proposed for one column only (the first that matches it), except phones, which several
// columns may fill.
func FindTable(b *Book, g *Grid) (*Table, error) {
	h, err := FindHeader(g)
	if err != nil {
		return nil, refuse(b.Path, "工作表“%s”%s", g.Sheet, err.Error())
	}
	t := &Table{Book: b, Grid: g, Header: h}
	used := map[string]bool{}
	for c, label := range h.Labels {
		col := Column{Index: c, Letter: ColumnLetter(c), Header: label, Hidden: g.Hidden[c], Unit: HeaderUnit(label)}
		if key := proposeField(label); key != "" && (!used[key] || key == "person.phones") {
			col.Field, used[key] = key, true
		}
		t.Columns = append(t.Columns, col)
	}
	// Without a project, a 备注 column is about the row's person or company.
	if kind, err := t.primary(); err == nil && kind != app.KindProject {
		for i, c := range t.Columns {
			if c.Field == "project.notes" {
				t.Columns[i].Field = "person.notes"
				if kind == app.KindEnterprise {
					t.Columns[i].Field = "enterprise.intro"
				}
			}
		}
	}
	return t, nil
}

// proposeField maps a header label, "parent/child" for a two-level header: the child alone
// first, then parent and child together, then the whole label.
func proposeField(label string) string {
	parts := strings.Split(label, "/")
	child := parts[len(parts)-1]
	if k, s := matchField(child); s == 2 {
		return k
	}
	if len(parts) > 1 {
		parent := parts[0]
		joined := cleanHeader(parent) + cleanHeader(child)
		if k, s := matchField(joined); s == 2 {
			return k
		}
		// 联系人/电话, 投资方/名称: the parent says whose field it is.
		pk, _ := matchField(parent)
		ck, _ := matchField(child)
		if pk != "" && ck != "" && strings.Split(pk, ".")[0] != strings.Split(ck, ".")[0] {
			prefix := strings.Split(pk, ".")[0] + "."
			if k, _ := matchField(strings.TrimPrefix(ck, strings.Split(ck, ".")[0]+".")); strings.HasPrefix(k, prefix) {
				return k
			}
			if strings.HasSuffix(ck, ".name") || cleanHeader(child) == "名称" {
				return prefix + "name"
			}
		}
		if cleanHeader(child) == "名称" && pk != "" {
			return strings.Split(pk, ".")[0] + ".name"
		}
	}
	k, _ := matchField(child)
	if k == "" && len(parts) > 1 {
		k, _ = matchField(parts[0])
	}
	return k
}

// Headers returns the column labels, the key under which a mapping is remembered.
func (t *Table) Headers() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Header
	}
	return out
}

// Fields returns the field of each column.
func (t *Table) Fields() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Field
	}
	return out
}

// SetFields applies a mapping (a remembered one, or the user's choices); it must have one
// entry per column and name known fields.
func (t *Table) SetFields(fields []string) error {
	if len(fields) != len(t.Columns) {
		return fmt.Errorf("列映射有 %d 项，表格有 %d 列", len(fields), len(t.Columns))
	}
	for i, f := range fields {
		if f != FieldIgnore && !slices.ContainsFunc(Fields, func(x Field) bool { return x.Key == f }) {
			return fmt.Errorf("第%d列的字段“%s”不存在", i+1, f)
		}
	}
	for i := range t.Columns {
		t.Columns[i].Field = fields[i]
	}
	return nil
}

// primary tells what each row is from the mapping.
func (t *Table) primary() (app.EntityKind, error) {
	has := func(k string) bool {
		return slices.ContainsFunc(t.Columns, func(c Column) bool { return c.Field == k })
	}
	switch {
	case has("project.name"):
		return app.KindProject, nil
	case has("person.name"):
		return app.KindPerson, nil
	case has("enterprise.name"):
		return app.KindEnterprise, nil
	case has("person.legal_rep"):
		return app.KindPerson, nil
	}
	return "", errors.New("没有映射到“项目名称”“企业名称”或“姓名”的列，无法判断每行是什么记录，请在列映射中指定")
}

// ImportFile reads the table's rows with its mapping into rows for the ledger.
func (t *Table) ImportFile() (*app.ImportFile, error) {
	f, err := t.streamFile(runtime.GOMAXPROCS(0))
	if err == nil {
		f.Complete()
	}
	return f, err
}

// StreamFile is ImportFile handing the rows over while they are still being read (see
// app.ImportFile.Stream): planning a file takes its rows as they come, so the file is read
// on the other cores while the first rows are planned.
func (t *Table) StreamFile() (*app.ImportFile, error) {
	return t.streamFile(max(1, runtime.GOMAXPROCS(0)-1)) // a core stays for the planning
}

// streamFile reads the rows with up to four goroutines, at most workers.
func (t *Table) streamFile(workers int) (*app.ImportFile, error) {
	kind, err := t.primary()
	if err != nil {
		return nil, refuse(t.Book.Path, "%s", err.Error())
	}
	g, h := t.Grid, t.Header
	f := &app.ImportFile{Path: t.Book.Path, Format: t.Book.Format, Sheet: g.Sheet, Primary: kind,
		Targets: kind == app.KindEnterprise, Hash: t.Book.Hash}
	for _, r := range h.Rows {
		f.HeaderRows = append(f.HeaderRows, g.RowNum[r])
	}
	for _, c := range t.Columns {
		f.Columns = append(f.Columns, app.ImportColumn{Index: c.Index, Letter: c.Letter, Header: c.Header, Field: c.Field, Hidden: c.Hidden})
		switch {
		case c.Hidden && c.Field != "":
			f.Warnings = append(f.Warnings, app.ImportProblem{Column: c.Letter, Header: c.Header, Reason: "这是隐藏列，已按映射导入；不需要请在映射中忽略"})
		case c.Hidden:
			f.Warnings = append(f.Warnings, app.ImportProblem{Column: c.Letter, Header: c.Header, Reason: "这是隐藏列，未导入"})
		case c.Field == "" && c.Header != "" && !slices.Contains(ignoredHeaders, cleanHeader(c.Header)):
			f.Warnings = append(f.Warnings, app.ImportProblem{Column: c.Letter, Header: c.Header, Reason: "没有对应的字段，未导入"})
		}
		if isAmountField(c.Field) && c.Unit.IsZero() {
			f.Warnings = append(f.Warnings, app.ImportProblem{Column: c.Letter, Header: c.Header,
				Reason: fmt.Sprintf("表头未注明单位，没写单位的金额按%s计", defaultUnit(c.Field).Label())})
		}
	}
	// The last row with anything in it ends the table; blank rows before it are reported.
	last := len(g.Cells) - 1
	for last >= h.First && blankRow(g.Cells[last]) {
		last--
	}
	rows := t.readRows(h.First, last, kind, workers)
	f.Rows = make([]app.ImportRow, 0, rows.len())
	next := 0 // the next chunk to hand over
	f.Stream(rows.len(), func() bool {
		if next == rows.chunks() {
			return false
		}
		lo, hi := rows.wait(next)
		for i := lo; i < hi; i++ {
			rr := &rows.out[i]
			r := h.First + i
			f.RowsRead++
			rowNum := g.RowNum[r]
			switch rr.kind {
			case rowBlank:
				f.Skipped = append(f.Skipped, app.ImportProblem{Row: rowNum, Reason: "空行"})
			case rowTotal:
				f.Skipped = append(f.Skipped, app.ImportProblem{Row: rowNum, Reason: "合计行（" + firstText(g.Cells[r]) + "）"})
			case rowNote:
				f.Skipped = append(f.Skipped, app.ImportProblem{Row: rowNum, Reason: "说明或备注行（" + clip(firstText(g.Cells[r])) + "）"})
			case rowRepeatedHeader:
				f.Skipped = append(f.Skipped, app.ImportProblem{Row: rowNum, Reason: "重复的表头行"})
			default:
				f.Rows = append(f.Rows, rr.row)
			}
			*rr = classifiedRow{} // handed over: let it go
		}
		next++
		return next < rows.chunks()
	})
	return f, nil
}

// classifiedRow is one grid row classified and, if it holds data, read.
type classifiedRow struct {
	kind rowKind
	row  app.ImportRow
}

// rowReading is the rows of a table being classified and read by several goroutines, in
// chunks taken in order; a chunk's channel is closed once its rows are in out.
type rowReading struct {
	out   []classifiedRow
	ready []chan struct{}
}

// rowChunk is how many rows a goroutine reads at a time.
const rowChunk = 256

func (r *rowReading) len() int    { return len(r.out) }
func (r *rowReading) chunks() int { return len(r.ready) }

// wait waits for chunk k and returns the range of out it covers.
func (r *rowReading) wait(k int) (lo, hi int) {
	<-r.ready[k]
	return k * rowChunk, min((k+1)*rowChunk, len(r.out))
}

// readRows starts classifying and reading the grid rows first..last with workers goroutines
// (at most four), in chunks taken in row order. Rows are independent of each other once the
// table is found.
func (t *Table) readRows(first, last int, kind app.EntityKind, workers int) *rowReading {
	n := max(0, last-first+1)
	r := &rowReading{out: make([]classifiedRow, n), ready: make([]chan struct{}, (n+rowChunk-1)/rowChunk)}
	for k := range r.ready {
		r.ready[k] = make(chan struct{})
	}
	var next atomic.Int64
	for range min(workers, 4, len(r.ready)) {
		go func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(r.ready) {
					return
				}
				for i := k * rowChunk; i < min((k+1)*rowChunk, n); i++ {
					row := first + i
					r.out[i].kind = classify(t.Grid, row, t.Header)
					if r.out[i].kind == rowData {
						r.out[i].row = t.readRow(row, kind)
					}
				}
				close(r.ready[k])
			}
		}()
	}
	return r
}

func firstText(row []string) string {
	for _, v := range row {
		if v = app.CleanText(v); v != "" {
			return v
		}
	}
	return ""
}

func isAmountField(k string) bool {
	return k == "project.total_investment" || k == "project.fixed_investment" || k == "project.foreign_capital"
}

// defaultUnit is the unit of a bare number in an amount column whose header names none:
// ledgers keep investment in 万元 and foreign capital in 万美元.
func defaultUnit(k string) Unit {
	if k == "project.foreign_capital" {
		return UnitWanUS
	}
	return UnitWan
}
