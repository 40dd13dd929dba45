// Package returns fills the province's and the city's return templates (报表) from the
// ledger: a template is any .xlsx workbook plus a Mapping that says which sheet, which header
// rows, which styled pattern row, which field fills each column, which records qualify, how
// they are grouped and sorted, and which cells take the period, the unit and the reporter.
// Built-in templates ship in assets; an unseen workbook gets a proposed mapping from its
// header text (Propose); Fill writes the rows keeping the template's styles, merges, widths,
// totals formulas and footer notes; Generate does it all for a period and archives the file
// with the records and values it wrote.
package returns

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"ganzhao/app"
)

// Source is what the data rows of a sheet are.
type Source string

// The row sources.
const (
	// SourceProjects: one row per project of the library.
	SourceProjects Source = "项目"
	// SourceInvestments: one row per investment of a fund (基金 → 企业 → 项目).
	SourceInvestments Source = "基金投资"
	// SourceEvents: one row per kind of 三请三回 event (恳谈会, 座谈会 …), with counts.
	SourceEvents Source = "三请三回活动"
	// SourceZones and SourceChains: one row per zone or industry chain, with the KPIs.
	SourceZones  Source = "开发区指标"
	SourceChains Source = "产业链指标"
)

// Sources lists the row sources in the order the UI offers them.
var Sources = []Source{SourceProjects, SourceInvestments, SourceEvents, SourceZones, SourceChains}

// Scope is the part of the period a record's date must fall in to qualify: the date is a
// project's first signing, an investment's date or an event's date.
type Scope string

// Scopes.
const (
	ScopeAny    Scope = ""     // no date condition
	ScopeMonth  Scope = "本月"   // in the period's month
	ScopeYear   Scope = "本年"   // from 1 January to the end of the period's month
	ScopeToDate Scope = "截至期末" // on or before the end of the period's month
)

// Size classes a filter can ask for.
const (
	SizeYiPlus = "亿元以上"
	Size5020   = "5020"
)

// Drives a filter can ask for: the campaign or kind of project.
const (
	DriveHomecoming       = "三请三回"
	DriveThreeEnterprises = "三企入赣"
	DriveFund             = "基金招商"
	DriveGanReturn        = "赣商返乡"
	DriveOutOfProvince    = "省外项目"
	DriveForeign          = "外资项目"
)

// Drives lists the drives.
var Drives = []string{DriveHomecoming, DriveThreeEnterprises, DriveFund, DriveGanReturn, DriveOutOfProvince, DriveForeign}

// DefaultEventKinds are the kinds of 三请三回 event listed as rows: every kind.
var DefaultEventKinds = func() []string {
	out := make([]string, len(app.EventKinds))
	for i, k := range app.EventKinds {
		out[i] = string(k)
	}
	return out
}()

// Filter says which records qualify for a sheet. Empty fields do not filter.
type Filter struct {
	Stages []app.Stage `json:"stages,omitempty"`
	Scope  Scope       `json:"scope,omitempty"`
	Size   string      `json:"size,omitempty"`  // 亿元以上 or 5020
	Zones  []string    `json:"zones,omitempty"` // zone names
	Drive  string      `json:"drive,omitempty"`
	// ChangedOnly keeps only the records new or changed since the previous return of the
	// same template (the weekly returns that report only what moved).
	ChangedOnly bool `json:"changed_only,omitempty"`
	// EventKinds are the kinds of 三请三回 event listed as rows (SourceEvents); empty means
	// DefaultEventKinds.
	EventKinds []string `json:"event_kinds,omitempty"`
}

// Column says what fills one column of the table.
type Column struct {
	Col    string `json:"col"`              // column letter in the template
	Header string `json:"header,omitempty"` // the template's header text, for people
	Field  string `json:"field,omitempty"`  // a catalogue key; "" leaves the column empty
	// Unit converts amounts: 元, 万元, 亿元 for money; 美元, 万美元, 亿美元 for foreign capital;
	// 亩, 平方米 for land; % writes a rate as a percentage number, "" as a fraction.
	Unit     string `json:"unit,omitempty"`
	Decimals int    `json:"decimals,omitempty"` // rounding of numbers written
	// DateFormat is the Excel number format of a date column whose template cell has none
	// (default yyyy-mm-dd); a text-formatted template cell gets the date as text in it.
	DateFormat string `json:"date_format,omitempty"`
}

// SortKey sorts rows by a field.
type SortKey struct {
	Field string `json:"field"`
	Desc  bool   `json:"desc,omitempty"`
}

// Group modes.
const (
	GroupRows   = "row"   // a sub-header row before each group
	GroupSheets = "sheet" // a copy of the sheet per group
)

// Group splits the rows by a field's value.
type Group struct {
	Field string `json:"field"`
	Mode  string `json:"mode"` // row or sheet
	// Label is the sub-header text: {序号} is the group's Chinese numeral (一, 二 …), {名称}
	// the value, {数量} the number of rows. Default "{序号}、{名称}".
	Label string `json:"label,omitempty"`
	// RestartSeq numbers the rows of each group from 1.
	RestartSeq bool `json:"restart_seq,omitempty"`
}

// CellText is a cell outside the table that takes the period, the unit, the reporter or the
// date: Text is the cell's text with placeholders, e.g. "填报单位：{单位}    填报人：{填报人}".
// Placeholders: {年} {月} {期间} (2026年11月) {本年期间} (2026年1—11月) {期末} (2026年11月30日)
// {单位} {填报人} {电话} {填报日期} (2026年11月27日).
type CellText struct {
	Cell string `json:"cell"`
	Text string `json:"text"`
}

// SheetMapping is how one sheet of the template is filled.
type SheetMapping struct {
	Sheet      string `json:"sheet"`
	HeaderRows []int  `json:"header_rows"` // one or two rows, 1-based
	// FirstDataRow is the styled pattern row: every data row copies its styles.
	FirstDataRow int `json:"first_data_row"`
	// DataRows is how many rows the template reserves for data, pattern row included
	// (some templates bring ten empty bordered rows); the spare ones are removed. 0 means 1.
	DataRows int `json:"data_rows,omitempty"`
	// TotalsRows are the template's 合计 rows (above or below the data): their formulas are
	// extended over the data rows, and an empty cell of a numeric column gets a SUM of it.
	TotalsRows []int      `json:"totals_rows,omitempty"`
	Source     Source     `json:"source"`
	Columns    []Column   `json:"columns"`
	Filter     Filter     `json:"filter"`
	Group      *Group     `json:"group,omitempty"`
	Sort       []SortKey  `json:"sort,omitempty"`
	Cells      []CellText `json:"cells,omitempty"`
	// MarkChanges fills the rows new or changed since the previous return with a pale colour.
	MarkChanges bool `json:"mark_changes,omitempty"`
}

// Mapping is how a template is filled: one entry per sheet filled; other sheets are kept as
// they are.
type Mapping struct {
	Sheets []SheetMapping `json:"sheets"`
}

// ParseMapping reads a mapping from JSON and checks it.
func ParseMapping(b []byte) (Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, fmt.Errorf("列对应关系（JSON）无法读取：%w", err)
	}
	return m, m.Check()
}

// JSON returns the mapping as indented JSON.
func (m Mapping) JSON() []byte {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err) // a Mapping always marshals
	}
	return b
}

// Check names every problem of a mapping in Chinese.
func (m Mapping) Check() error {
	var problems []string
	if len(m.Sheets) == 0 {
		problems = append(problems, "没有要填写的工作表")
	}
	for _, s := range m.Sheets {
		problems = append(problems, s.check()...)
	}
	if len(problems) > 0 {
		return fmt.Errorf("列对应关系有误：%s", strings.Join(problems, "；"))
	}
	return nil
}

func (s SheetMapping) check() []string {
	var out []string
	add := func(format string, args ...any) {
		out = append(out, fmt.Sprintf("工作表“%s”：", s.Sheet)+fmt.Sprintf(format, args...))
	}
	if !slices.Contains(Sources, s.Source) {
		add("未知的数据来源“%s”", s.Source)
	}
	if len(s.HeaderRows) == 0 || len(s.HeaderRows) > 2 {
		add("表头应为一行或两行")
	}
	for _, h := range s.HeaderRows {
		if h < 1 || h >= s.FirstDataRow {
			add("表头行 %d 应在数据行 %d 之上", h, s.FirstDataRow)
		}
	}
	if s.FirstDataRow < 2 {
		add("数据起始行 %d 有误", s.FirstDataRow)
	}
	for _, r := range s.TotalsRows {
		if r >= s.FirstDataRow && r < s.FirstDataRow+max(s.DataRows, 1) || r <= max(0, maxInt(s.HeaderRows)) {
			add("合计行 %d 不能在表头或数据行中", r)
		}
	}
	seen := map[string]bool{}
	for _, c := range s.Columns {
		if _, err := colNumber(c.Col); err != nil {
			add("列“%s”不是有效的列号", c.Col)
			continue
		}
		if seen[c.Col] {
			add("列 %s 重复", c.Col)
		}
		seen[c.Col] = true
		if c.Field == "" {
			continue
		}
		f, ok := FieldByKey(c.Field)
		switch {
		case !ok:
			add("列 %s 的字段“%s”不存在", c.Col, c.Field)
		case !f.availableFor(s.Source):
			add("列 %s 的字段“%s”不适用于数据来源“%s”", c.Col, f.Label, s.Source)
		default:
			if err := f.checkUnit(c.Unit); err != nil {
				add("列 %s：%v", c.Col, err)
			}
		}
		if c.Decimals < 0 || c.Decimals > 6 {
			add("列 %s 的小数位数 %d 应在0到6之间", c.Col, c.Decimals)
		}
	}
	for _, k := range s.Sort {
		if f, ok := FieldByKey(k.Field); !ok || !f.availableFor(s.Source) {
			add("排序字段“%s”不可用", k.Field)
		}
	}
	if g := s.Group; g != nil {
		if f, ok := FieldByKey(g.Field); !ok || !f.availableFor(s.Source) {
			add("分组字段“%s”不可用", g.Field)
		}
		if g.Mode != GroupRows && g.Mode != GroupSheets {
			add("分组方式“%s”应为 row 或 sheet", g.Mode)
		}
	}
	if s.Filter.Scope != ScopeAny && s.Filter.Scope != ScopeMonth && s.Filter.Scope != ScopeYear && s.Filter.Scope != ScopeToDate {
		add("期间条件“%s”应为 本月、本年 或 截至期末", s.Filter.Scope)
	}
	if s.Filter.Size != "" && s.Filter.Size != SizeYiPlus && s.Filter.Size != Size5020 {
		add("规模条件“%s”应为 亿元以上 或 5020", s.Filter.Size)
	}
	if s.Filter.Drive != "" && !slices.Contains(Drives, s.Filter.Drive) {
		add("招商类别“%s”未知", s.Filter.Drive)
	}
	for _, st := range s.Filter.Stages {
		if !st.Valid() {
			add("项目阶段“%s”未知", st)
		}
	}
	for _, c := range s.Cells {
		if _, _, err := cellCoords(c.Cell); err != nil {
			add("单元格“%s”有误", c.Cell)
		}
	}
	return out
}

// Unmapped lists the columns of a sheet left empty, by letter and header.
func (s SheetMapping) Unmapped() []Column {
	var out []Column
	for _, c := range s.Columns {
		if c.Field == "" {
			out = append(out, c)
		}
	}
	return out
}

func maxInt(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
