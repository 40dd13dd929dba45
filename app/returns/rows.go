package returns

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"ganzhao/app"
)

// Changes against the previous return of the same template.
const (
	ChangeNew     = "新增"
	ChangeUpdated = "变更"
)

// previous is the last return of a template, indexed for comparison: record key → field →
// value written.
type previous struct {
	rows map[string]map[string]string
}

func newPrevious(a *app.ReturnArchive) *previous {
	if a == nil {
		return nil
	}
	bySheet := map[string][]app.ArchivedColumn{}
	for _, c := range a.Columns {
		bySheet[c.Sheet] = append(bySheet[c.Sheet], c)
	}
	p := &previous{rows: make(map[string]map[string]string, len(a.Rows))}
	for _, r := range a.Rows {
		cols := bySheet[r.Sheet]
		values := make(map[string]string, len(cols))
		for j, c := range cols {
			if c.Field != "" && j < len(r.Values) {
				values[c.Field] = r.Values[j]
			}
		}
		p.rows[r.Kind+"|"+r.RecordID] = values
	}
	return p
}

// sheetTable is the rows of one sheet mapping with what the archive needs to know.
type sheetTable struct {
	rows    []tableRow
	removed int // records of the previous return that are not in this one
	changed int
	added   int
}

// table evaluates a sheet: the qualifying records with their converted cells, compared with
// the previous return, filtered, sorted, grouped and numbered.
func (d *data) table(sm SheetMapping, prev *previous) sheetTable {
	fields := make([]Field, len(sm.Columns))
	for i, c := range sm.Columns {
		fields[i], _ = FieldByKey(c.Field)
	}
	var recs []*record
	for _, r := range d.records(sm) {
		if d.qualifies(sm, r) {
			recs = append(recs, r)
		}
	}
	rows := make([]tableRow, len(recs))
	for i, r := range recs {
		cells := make([]cell, len(sm.Columns))
		for j, c := range sm.Columns {
			if c.Field == "" || fields[j].Key == "seq" || fields[j].Key == "change" {
				continue
			}
			cells[j] = convert(fields[j], c, fields[j].value(d, r))
		}
		rows[i] = tableRow{rec: r, cells: cells}
	}

	var t sheetTable
	if prev != nil {
		seen := map[string]bool{}
		for _, row := range rows {
			r := row.rec
			key := r.kind + "|" + r.id
			seen[key] = true
			old, ok := prev.rows[key]
			if !ok {
				r.change = ChangeNew
				t.added++
				continue
			}
			for j, c := range sm.Columns {
				if c.Field == "" || c.Field == "seq" || c.Field == "change" {
					continue
				}
				if v, had := old[c.Field]; had && v != row.cells[j].shown() {
					r.change = ChangeUpdated
					t.changed++
					break
				}
			}
		}
		for key := range prev.rows {
			if strings.HasPrefix(key, kindOfSource(sm.Source)+"|") && !seen[key] {
				t.removed++
			}
		}
		if sm.Filter.ChangedOnly {
			rows = slices.DeleteFunc(rows, func(r tableRow) bool { return r.rec.change == "" })
		}
	}

	sortRows(d, sm, rows)
	t.rows = groupAndNumber(d, sm, rows, fields)
	return t
}

func kindOfSource(s Source) string {
	switch s {
	case SourceProjects:
		return "项目"
	case SourceInvestments:
		return "基金投资"
	case SourceEvents:
		return "活动形式"
	case SourceZones:
		return "开发区"
	case SourceChains:
		return "产业链"
	}
	return string(s)
}

// sortRows orders rows by the group field, then the sort keys; ties keep the source order.
func sortRows(d *data, sm SheetMapping, rows []tableRow) {
	var keys []SortKey
	if sm.Group != nil {
		keys = append(keys, SortKey{Field: sm.Group.Field})
	}
	keys = append(keys, sm.Sort...)
	if len(keys) == 0 {
		return
	}
	fields := make([]Field, len(keys))
	for i, k := range keys {
		fields[i], _ = FieldByKey(k.Field)
	}
	vals := make(map[*record][]raw, len(rows))
	for _, r := range rows {
		v := make([]raw, len(keys))
		for i, f := range fields {
			if f.value != nil {
				v[i] = f.value(d, r.rec)
			}
		}
		vals[r.rec] = v
	}
	slices.SortStableFunc(rows, func(a, b tableRow) int {
		va, vb := vals[a.rec], vals[b.rec]
		for i, k := range keys {
			c := compareRaw(d, fields[i], va[i], vb[i])
			if k.Desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
}

// compareRaw orders two values of a field; empty values go last.
func compareRaw(d *data, f Field, a, b raw) int {
	switch {
	case a.null && b.null:
		return 0
	case a.null:
		return 1
	case b.null:
		return -1
	}
	switch f.Kind {
	case KindText:
		if f.refOrder {
			ia, oka := d.refRank[a.text]
			ib, okb := d.refRank[b.text]
			switch {
			case oka && okb && ia != ib:
				return cmp.Compare(ia, ib)
			case oka && !okb:
				return -1
			case okb && !oka:
				return 1
			}
		}
		if len(f.Order) > 0 {
			ia, ib := slices.Index(f.Order, a.text), slices.Index(f.Order, b.text)
			if ia < 0 {
				ia = len(f.Order)
			}
			if ib < 0 {
				ib = len(f.Order)
			}
			if c := cmp.Compare(ia, ib); c != 0 {
				return c
			}
		}
		return strings.Compare(a.text, b.text)
	case KindDate:
		return a.date.Compare(b.date)
	case KindRate, KindNumber:
		return cmp.Compare(a.f, b.f)
	}
	return cmp.Compare(a.i, b.i)
}

// groupAndNumber inserts the sub-header rows and fills the 序号 and 变动情况 columns.
func groupAndNumber(d *data, sm SheetMapping, rows []tableRow, fields []Field) []tableRow {
	var gf Field
	if sm.Group != nil {
		gf, _ = FieldByKey(sm.Group.Field)
	}
	out := make([]tableRow, 0, len(rows)+8)
	seq, groups := 0, 0
	var current string
	for i, r := range rows {
		if sm.Group != nil {
			key := groupKey(gf, gf.value(d, r.rec))
			if i == 0 || key != current {
				current = key
				groups++
				if sm.Group.RestartSeq || sm.Group.Mode == GroupSheets {
					seq = 0
				}
				size := 0
				for _, s := range rows[i:] {
					if groupKey(gf, gf.value(d, s.rec)) != key {
						break
					}
					size++
				}
				out = append(out, tableRow{group: groupLabel(sm.Group.Label, groups, key, size), groupName: key})
			}
		}
		seq++
		r.rec.seq = seq
		for j := range sm.Columns {
			switch fields[j].Key {
			case "seq":
				r.cells[j] = cell{kind: cellNumber, num: float64(seq)}
			case "change":
				if r.rec.change != "" {
					r.cells[j] = cell{kind: cellText, text: r.rec.change}
				}
			}
		}
		out = append(out, r)
	}
	return out
}

func groupKey(f Field, v raw) string {
	if v.null {
		return app.Unassigned
	}
	switch f.Kind {
	case KindText:
		return v.text
	case KindDate:
		return v.date.String()
	case KindRate, KindNumber:
		return strconv.FormatFloat(v.f, 'f', -1, 64)
	}
	return strconv.FormatInt(v.i, 10)
}

func groupLabel(label string, n int, name string, size int) string {
	if label == "" {
		label = "{序号}、{名称}"
	}
	return strings.NewReplacer("{序号}", chineseNumeral(n), "{名称}", name, "{数量}", strconv.Itoa(size)).Replace(label)
}

// chineseNumeral writes 1–99 as 一 … 九十九.
func chineseNumeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digits[n-10]
	case n%10 == 0:
		return digits[n/10] + "十"
	}
	return digits[n/10] + "十" + digits[n%10]
}

// convert turns a field's value into the cell a column writes: amounts in the column's unit,
// rounded to its decimals.
func convert(f Field, c Column, v raw) cell {
	if v.null {
		return cell{}
	}
	unit := c.Unit
	switch f.Kind {
	case KindText:
		return cell{kind: cellText, text: v.text}
	case KindDate:
		return cell{kind: cellDate, date: v.date}
	case KindSeq, KindCount:
		return cell{kind: cellNumber, num: float64(v.i)}
	case KindMoney:
		div := map[string]int64{"元": 1, "万元": 10_000, "亿元": 100_000_000}[unit]
		if div == 0 {
			div = 10_000
		}
		return cell{kind: cellNumber, num: scaled(v.i, div, c.Decimals), decimals: c.Decimals}
	case KindDollars:
		div := map[string]int64{"美元": 100, "万美元": 1_000_000, "亿美元": 10_000_000_000}[unit]
		if div == 0 {
			div = 1_000_000
		}
		return cell{kind: cellNumber, num: scaled(v.i, div, c.Decimals), decimals: c.Decimals}
	case KindArea:
		if unit == "平方米" {
			return cell{kind: cellNumber, num: round(float64(v.i)/100*2000/3, c.Decimals), decimals: c.Decimals}
		}
		return cell{kind: cellNumber, num: scaled(v.i, 100, c.Decimals), decimals: c.Decimals}
	case KindRate:
		x := v.f
		if unit == "%" {
			x *= 100
		}
		return cell{kind: cellNumber, num: round(x, c.Decimals), decimals: c.Decimals}
	case KindNumber:
		return cell{kind: cellNumber, num: round(v.f, c.Decimals), decimals: c.Decimals}
	}
	return cell{}
}

// scaled divides v by div and rounds half away from zero to the given decimals in integer
// arithmetic, so that 12 345 678元 in 万元 with 2 decimals is exactly the number 1234.57.
func scaled(v, div int64, decimals int) float64 {
	neg := v < 0
	if neg {
		v = -v
	}
	pow := int64(math.Pow10(decimals))
	q, r := v/div, v%div
	frac := (r*pow*2 + div) / (2 * div)
	if frac >= pow {
		q++
		frac -= pow
	}
	s := strconv.FormatInt(q, 10)
	if decimals > 0 {
		f := strconv.FormatInt(frac, 10)
		s += "." + strings.Repeat("0", decimals-len(f)) + f
	}
	x, _ := strconv.ParseFloat(s, 64)
	if neg {
		x = -x
	}
	return x
}

func round(x float64, decimals int) float64 {
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	y, _ := strconv.ParseFloat(s, 64)
	return y
}

func formatNumber(x float64, decimals int) string {
	return strconv.FormatFloat(x, 'f', decimals, 64)
}
