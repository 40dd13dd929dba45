package returns

import (
	"fmt"
	"strings"

	"ganzhao/app"
	"ganzhao/assets"
)

// The built-in templates, designed after the returns Jiangxi's zones send (see
// shared/domain.md §2–3). Each is described once here: the generator test (go test
// ./app/returns -run TestBuiltinWorkbooks -update) draws the workbook from the description
// into assets/returns, and the mapping is derived from the same description, so the two can
// never disagree.

// Layout of every built-in sheet.
const (
	builtinTitleRow  = 1
	builtinInfoRow   = 2 // 填报单位 on the left, 填报日期 on the right
	builtinHeaderRow = 3 // one or two header rows
)

// specColumn is one column of a built-in sheet.
type specColumn struct {
	Group    string // the upper header over several columns; "" for a column whose title spans both rows
	Title    string
	Field    string
	Unit     string
	Decimals int
	Width    float64
	Sum      bool   // the 合计 row sums it
	Total    string // another 合计 formula: {field} stands for that field's cell in the 合计 row
	Wrap     bool
}

// specSheet is one sheet of a built-in template.
type specSheet struct {
	Sheet   string
	Title   string // with {期间} where the period goes
	Source  Source
	Filter  Filter
	Group   *Group
	Sort    []SortKey
	Columns []specColumn
	Notes   []string // the 填报说明 below the table
}

// builtinSpec is a built-in template.
type builtinSpec struct {
	Name   string
	File   string // in assets/returns
	Sheets []specSheet
}

func (s specSheet) twoLevel() bool {
	for _, c := range s.Columns {
		if c.Group != "" {
			return true
		}
	}
	return false
}

// rows of a built-in sheet: header rows, pattern row, 合计 row, reporter row, notes.
func (s specSheet) headerRows() []int {
	if s.twoLevel() {
		return []int{builtinHeaderRow, builtinHeaderRow + 1}
	}
	return []int{builtinHeaderRow}
}
func (s specSheet) patternRow() int  { return s.headerRows()[len(s.headerRows())-1] + 1 }
func (s specSheet) totalsRow() int   { return s.patternRow() + 1 }
func (s specSheet) reporterRow() int { return s.totalsRow() + 1 }
func (s specSheet) notesRow() int    { return s.reporterRow() + 1 }

// titleText is the title as the template shows it (blanks for the period) and as the mapping
// fills it.
func (s specSheet) titleText(filled bool) string {
	blank := "（    年   月）"
	fill := "（{期间}）"
	if s.Filter.Scope == ScopeYear {
		blank, fill = "（    年1—  月）", "（{本年期间}）"
	}
	if filled {
		return strings.ReplaceAll(s.Title, "{期间}", fill)
	}
	return strings.ReplaceAll(s.Title, "{期间}", blank)
}

// The info and reporter cells: template text and mapping text.
var (
	unitCell     = [2]string{"填报单位（盖章）：", "填报单位（盖章）：{单位}"}
	dateCell     = [2]string{"填报日期：    年  月  日", "填报日期：{填报日期}"}
	reporterCell = [2]string{"填报人：            联系电话：", "填报人：{填报人}    联系电话：{电话}"}
)

// rightHalf is the first column of the date cell on the info row.
func (s specSheet) rightHalf() int { return max(len(s.Columns)/2+1, 2) }

func (s specSheet) mapping() SheetMapping {
	sm := SheetMapping{
		Sheet: s.Sheet, HeaderRows: s.headerRows(), FirstDataRow: s.patternRow(),
		Source: s.Source, Filter: s.Filter, Group: s.Group, Sort: s.Sort,
		Cells: []CellText{
			{Cell: cellName(1, builtinTitleRow), Text: s.titleText(true)},
			{Cell: cellName(1, builtinInfoRow), Text: unitCell[1]},
			{Cell: cellName(s.rightHalf(), builtinInfoRow), Text: dateCell[1]},
			{Cell: cellName(1, s.reporterRow()), Text: reporterCell[1]},
		},
	}
	for i, c := range s.Columns {
		header := c.Title
		if c.Group != "" {
			header = c.Group + "／" + c.Title
		}
		sm.Columns = append(sm.Columns, Column{Col: colName(i + 1), Header: header, Field: c.Field, Unit: c.Unit, Decimals: c.Decimals})
	}
	return sm
}

func (b builtinSpec) mapping() Mapping {
	var m Mapping
	for _, s := range b.Sheets {
		m.Sheets = append(m.Sheets, s.mapping())
	}
	return m
}

// BuiltinPrefix starts the key of a built-in template.
const BuiltinPrefix = "builtin:"

// Builtins returns the built-in templates with their files.
func Builtins() ([]Template, error) {
	out := make([]Template, 0, len(builtinSpecs))
	for _, b := range builtinSpecs {
		file, err := assets.ReturnTemplate(b.File)
		if err != nil {
			return nil, fmt.Errorf("内置模板“%s”缺少文件 %s：%w", b.Name, b.File, err)
		}
		out = append(out, Template{Key: BuiltinPrefix + b.Name, Name: b.Name, FileName: b.Name + ".xlsx", File: file, Mapping: b.mapping(), Builtin: true})
	}
	return out, nil
}

var pipelineFromTalks = []app.Stage{app.StageNegotiating, app.StageSigned, app.StageStarted, app.StageBuilding, app.StageProducing}

// builtinSpecs are the built-in templates.
var builtinSpecs = []builtinSpec{
	{Name: "招商引资项目调度表（亿元以上）", File: "schedule-yiplus.xlsx", Sheets: []specSheet{{
		Sheet: "亿元以上项目", Title: "招商引资项目调度表（亿元以上）{期间}", Source: SourceProjects,
		Filter: Filter{Stages: pipelineFromTalks, Size: SizeYiPlus},
		Group:  &Group{Field: "project.zone", Mode: GroupRows, Label: "{序号}、{名称}（{数量}个）"},
		Sort:   []SortKey{{Field: "project.total", Desc: true}},
		Columns: []specColumn{
			{Title: "序号", Field: "seq", Width: 5},
			{Title: "项目名称", Field: "project.name", Width: 26, Wrap: true},
			{Title: "项目编码", Field: "project.code", Width: 13},
			{Title: "投资方", Field: "project.investor", Width: 24, Wrap: true},
			{Title: "统一社会信用代码", Field: "project.credit_code", Width: 20},
			{Title: "投资方所在地", Field: "project.investor_place", Width: 12},
			{Title: "企业性质", Field: "project.nature", Width: 11},
			{Title: "产业链", Field: "project.chain", Width: 10},
			{Group: "投资情况", Title: "总投资（亿元）", Field: "project.total", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Group: "投资情况", Title: "其中：固定资产投资（亿元）", Field: "project.fixed", Unit: "亿元", Decimals: 2, Width: 11, Sum: true},
			{Group: "投资情况", Title: "合同外资（万美元）", Field: "project.foreign", Unit: "万美元", Decimals: 2, Width: 10, Sum: true},
			{Title: "是否“5020”项目", Field: "project.is5020", Width: 8},
			{Title: "项目阶段", Field: "project.stage", Width: 7},
			{Title: "签约时间", Field: "project.signed_on", Width: 11},
			{Title: "开工时间", Field: "project.started_on", Width: 11},
			{Group: "到位资金（万元）", Title: "本月", Field: "project.arrived_month", Unit: "万元", Decimals: 2, Width: 10, Sum: true},
			{Group: "到位资金（万元）", Title: "本年累计", Field: "project.arrived_year", Unit: "万元", Decimals: 2, Width: 11, Sum: true},
			{Title: "用地面积（亩）", Field: "project.land", Unit: "亩", Decimals: 2, Width: 9, Sum: true},
			{Title: "包干领导", Field: "project.leader", Width: 14},
			{Title: "责任单位", Field: "project.unit", Width: 12},
			{Title: "当前进度", Field: "project.progress", Width: 30, Wrap: true},
			{Title: "存在问题", Field: "project.issues", Width: 24, Wrap: true},
			{Title: "下步措施", Field: "project.next_step", Width: 20, Wrap: true},
			{Title: "变动情况", Field: "change", Width: 8},
		},
		Notes: []string{
			"1. 本表填报总投资1亿元（含）以上、处于在谈至投产阶段的项目，按所属开发区分组，组内按总投资从高到低排列。",
			"2. “5020”项目指国家级开发区单个50亿元以上、省级开发区单个20亿元以上的工业项目，由总投资和开发区级别自动判定。",
			"3. 到位资金按月度台账汇总：本月为填报月份，本年累计为1月至填报月份。",
			"4. 当前进度取最近一次跟进记录，存在问题取未完成的任务清单（逾期的注明），下步措施取最近一次跟进记录的下步计划。",
			"5. 变动情况与上一期同一报表比较：“新增”为上期未报的项目，“变更”为所填内容有变化的项目。",
		},
	}}},
	{Name: "“5020”项目调度表", File: "schedule-5020.xlsx", Sheets: []specSheet{{
		Sheet: "5020项目", Title: "“5020”项目调度表{期间}", Source: SourceProjects,
		Filter: Filter{Stages: app.PipelineStages, Size: Size5020},
		Sort:   []SortKey{{Field: "project.zone"}, {Field: "project.total", Desc: true}},
		Columns: []specColumn{
			{Title: "序号", Field: "seq", Width: 5},
			{Title: "所属开发区", Field: "project.zone", Width: 14},
			{Title: "开发区级别", Field: "project.zone_level", Width: 11},
			{Title: "项目名称", Field: "project.name", Width: 26, Wrap: true},
			{Title: "投资方", Field: "project.investor", Width: 24, Wrap: true},
			{Title: "企业性质", Field: "project.nature", Width: 11},
			{Title: "产业链", Field: "project.chain", Width: 10},
			{Title: "总投资（亿元）", Field: "project.total", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Title: "项目阶段", Field: "project.stage", Width: 7},
			{Title: "签约时间", Field: "project.signed_on", Width: 11},
			{Title: "开工时间", Field: "project.started_on", Width: 11},
			{Title: "投产时间", Field: "project.produced_on", Width: 11},
			{Group: "实际到位资金（亿元）", Title: "本年累计", Field: "project.arrived_year", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Group: "实际到位资金（亿元）", Title: "累计", Field: "project.arrived_total", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Title: "本阶段天数", Field: "project.stage_days", Width: 8},
			{Title: "包干领导", Field: "project.leader", Width: 14},
			{Title: "责任单位", Field: "project.unit", Width: 12},
			{Title: "当前进度", Field: "project.progress", Width: 30, Wrap: true},
			{Title: "存在问题", Field: "project.issues", Width: 24, Wrap: true},
		},
		Notes: []string{
			"1. “5020”项目：国家级开发区单个投资50亿元以上、省级开发区单个投资20亿元以上的工业项目（不含中止、退库项目）。",
			"2. 本阶段天数为截至填报月末（当月未结束的截至填报日）停留在当前阶段的天数。",
			"3. 实际到位资金按月度台账汇总：本年累计为1月至填报月份，累计为项目开始以来至填报月份。",
		},
	}}},
	{Name: "新签约项目表", File: "newly-signed.xlsx", Sheets: []specSheet{{
		Sheet: "新签约项目", Title: "新签约项目表{期间}", Source: SourceProjects,
		Filter: Filter{Scope: ScopeMonth},
		Sort:   []SortKey{{Field: "project.first_signed_on"}, {Field: "project.total", Desc: true}},
		Columns: []specColumn{
			{Title: "序号", Field: "seq", Width: 5},
			{Title: "项目名称", Field: "project.name", Width: 26, Wrap: true},
			{Title: "签约时间", Field: "project.first_signed_on", Width: 11},
			{Title: "投资方", Field: "project.investor", Width: 24, Wrap: true},
			{Title: "统一社会信用代码", Field: "project.credit_code", Width: 20},
			{Title: "投资方所在地", Field: "project.investor_place", Width: 12},
			{Title: "内资/外资", Field: "project.domestic", Width: 6},
			{Title: "企业性质", Field: "project.nature", Width: 11},
			{Title: "总投资（万元）", Field: "project.total", Unit: "万元", Decimals: 2, Width: 12, Sum: true},
			{Title: "其中：合同外资（万美元）", Field: "project.foreign", Unit: "万美元", Decimals: 2, Width: 11, Sum: true},
			{Title: "产业类别", Field: "project.sector", Width: 7},
			{Title: "产业链", Field: "project.chain", Width: 10},
			{Title: "招商方式", Field: "project.methods", Width: 16, Wrap: true},
			{Title: "是否亿元以上", Field: "project.yiplus", Width: 7},
			{Title: "是否“5020”项目", Field: "project.is5020", Width: 8},
			{Title: "是否省外项目", Field: "project.out_of_province", Width: 7},
			{Title: "是否三请三回项目", Field: "project.homecoming", Width: 8},
			{Title: "所属开发区", Field: "project.zone", Width: 14},
			{Title: "包干领导", Field: "project.leader", Width: 14},
			{Title: "责任单位", Field: "project.unit", Width: 12},
		},
		Notes: []string{
			"1. 本表填报首次签约在填报月份内的项目；同一项目重复签约不重复统计，增资扩产项目只统计增资部分。",
			"2. 统一社会信用代码按18位文本填写；总投资以万元为单位，保留两位小数。",
		},
	}}},
	{Name: "三请三回活动情况统计表", File: "homecoming-events.xlsx", Sheets: []specSheet{{
		Sheet: "三请三回", Title: "三请三回活动情况统计表{期间}", Source: SourceEvents,
		Filter: Filter{Scope: ScopeYear},
		Columns: []specColumn{
			{Title: "序号", Field: "seq", Width: 6},
			{Title: "活动形式", Field: "event.kind", Width: 12},
			{Group: "活动场次", Title: "合计", Field: "event.count", Width: 8, Sum: true},
			{Group: "活动场次", Title: "市级", Field: "event.city", Width: 7, Sum: true},
			{Group: "活动场次", Title: "县级", Field: "event.county", Width: 7, Sum: true},
			{Group: "活动场次", Title: "乡镇", Field: "event.township", Width: 7, Sum: true},
			{Group: "邀请“三友”（人次）", Title: "合计", Field: "event.invited", Width: 8, Sum: true},
			{Group: "邀请“三友”（人次）", Title: "乡友", Field: "event.hometown", Width: 7, Sum: true},
			{Group: "邀请“三友”（人次）", Title: "校友", Field: "event.alumni", Width: 7, Sum: true},
			{Group: "邀请“三友”（人次）", Title: "战友", Field: "event.comrade", Width: 7, Sum: true},
			{Title: "到场“三友”（人次）", Field: "event.attended", Width: 10, Sum: true},
			{Group: "促成签约", Title: "签约项目数（个）", Field: "event.projects", Width: 11, Sum: true},
			{Group: "促成签约", Title: "签约金额（亿元）", Field: "event.amount", Unit: "亿元", Decimals: 2, Width: 12, Sum: true},
		},
		Notes: []string{
			"1. 统计期间为填报年度1月至填报月份，按活动形式分行（恳谈会、座谈会、茶话会、团拜会、推介会、其他），按举办级别（市级、县级、乡镇）分列场次。",
			"2. 邀请、到场“三友”按人次统计：同一人参加两场活动计两人次；一人兼具多种“三友”身份的，在各身份下分别计数，合计只计一次；非“三友”嘉宾不计。",
			"3. 签约项目为在活动上签约的项目，同一项目在多场活动签约的只计入最早一场；签约金额为活动上签约的金额（默认取项目总投资）。",
		},
	}}},
	{Name: "三企入赣项目情况表", File: "three-enterprises.xlsx", Sheets: []specSheet{{
		Sheet: "三企入赣", Title: "三企入赣项目情况表{期间}", Source: SourceProjects,
		Filter: Filter{Scope: ScopeYear, Drive: DriveThreeEnterprises},
		Group:  &Group{Field: "project.three", Mode: GroupRows, Label: "{序号}、{名称}（{数量}个）"},
		Sort:   []SortKey{{Field: "project.total", Desc: true}},
		Columns: []specColumn{
			{Title: "序号", Field: "seq", Width: 5},
			{Title: "项目名称", Field: "project.name", Width: 26, Wrap: true},
			{Title: "投资方", Field: "project.investor", Width: 24, Wrap: true},
			{Title: "统一社会信用代码", Field: "project.credit_code", Width: 20},
			{Title: "投资方企业性质", Field: "project.nature", Width: 11},
			{Title: "投资方所在地", Field: "project.investor_place", Width: 12},
			{Title: "产业链", Field: "project.chain", Width: 10},
			{Title: "签约时间", Field: "project.first_signed_on", Width: 11},
			{Title: "总投资（亿元）", Field: "project.total", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Title: "其中：合同外资（万美元）", Field: "project.foreign", Unit: "万美元", Decimals: 2, Width: 11, Sum: true},
			{Title: "本年到位资金（亿元）", Field: "project.arrived_year", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Title: "项目阶段", Field: "project.stage", Width: 7},
			{Title: "所属开发区", Field: "project.zone", Width: 14},
			{Title: "备注", Field: "project.notes", Width: 16, Wrap: true},
		},
		Notes: []string{
			"1. 本表填报本年1月至填报月份首次签约、投资方为国企（含央企）、民企或外企的项目，按投资方企业性质分组。",
			"2. 投资方企业性质取自企业信息：国企（央企）、国企（地方）、民企、外企（独资）、外企（合资）。",
		},
	}}},
	{Name: "基金招商项目台账", File: "fund-ledger.xlsx", Sheets: []specSheet{{
		Sheet: "基金招商", Title: "基金招商项目台账{期间}", Source: SourceInvestments,
		Filter: Filter{Scope: ScopeToDate},
		Group:  &Group{Field: "fund.name", Mode: GroupRows, Label: "{序号}、{名称}"},
		Sort:   []SortKey{{Field: "investment.on"}},
		Columns: []specColumn{
			{Title: "序号", Field: "seq", Width: 5},
			{Group: "投资情况", Title: "被投企业", Field: "investment.enterprise", Width: 24, Wrap: true},
			{Group: "投资情况", Title: "统一社会信用代码", Field: "investment.credit_code", Width: 20},
			{Group: "投资情况", Title: "投资时间", Field: "investment.on", Width: 11},
			{Group: "投资情况", Title: "投资金额（万元）", Field: "investment.amount", Unit: "万元", Decimals: 2, Width: 12, Sum: true},
			{Group: "落地项目", Title: "项目名称", Field: "project.name", Width: 24, Wrap: true},
			{Group: "落地项目", Title: "所属开发区", Field: "project.zone", Width: 14},
			{Group: "落地项目", Title: "项目阶段", Field: "project.stage", Width: 7},
			{Group: "落地项目", Title: "总投资（亿元）", Field: "project.total", Unit: "亿元", Decimals: 2, Width: 10},
			{Group: "返投认定", Title: "是否计入返投", Field: "investment.counts", Width: 7},
			{Group: "返投认定", Title: "计入返投金额（万元）", Field: "investment.counted", Unit: "万元", Decimals: 2, Width: 12, Sum: true},
			{Group: "返投认定", Title: "认定依据", Field: "investment.reason", Width: 16, Wrap: true},
			{Group: "基金及返投要求", Title: "基金类型", Field: "fund.type", Width: 11},
			{Group: "基金及返投要求", Title: "基金管理人", Field: "fund.manager", Width: 22, Wrap: true},
			{Group: "基金及返投要求", Title: "基金规模（亿元）", Field: "fund.size", Unit: "亿元", Decimals: 2, Width: 10},
			{Group: "基金及返投要求", Title: "政府出资（亿元）", Field: "fund.gov", Unit: "亿元", Decimals: 2, Width: 10},
			{Group: "基金及返投要求", Title: "返投要求", Field: "fund.requirement", Width: 20, Wrap: true},
			{Group: "基金及返投要求", Title: "返投要求金额（亿元）", Field: "fund.required", Unit: "亿元", Decimals: 2, Width: 11},
			{Group: "基金及返投要求", Title: "累计认定返投（亿元）", Field: "fund.counted", Unit: "亿元", Decimals: 2, Width: 11},
			{Group: "基金及返投要求", Title: "返投缺口（亿元）", Field: "fund.gap", Unit: "亿元", Decimals: 2, Width: 10},
			{Group: "基金及返投要求", Title: "返投完成率", Field: "fund.rate", Decimals: 4, Width: 9},
		},
		Notes: []string{
			"1. 本表按基金分组列出截至填报月末的每笔基金投资；基金层面的数字（规模、返投要求、累计认定返投、缺口、完成率）在该基金各行重复列出，不参与合计。",
			"2. 返投要求金额＝基数×倍数或比例，向下取整到元：倍数要求的基数为政府认缴出资、政府出资人实缴出资或政府出资对应的可投资金额；比例要求的基数为基金认缴规模、全体出资人实缴出资或基金可投资金额。基数未登记的不列要求金额。完成率＝累计认定返投÷返投要求金额，向下取整到0.01%。",
			"3. 累计认定返投为截至填报月末认定计入返投的投资金额之和。依国办发〔2025〕1号文件精神，返投比例仅作记录，不作为考核重点。",
		},
	}}},
	{Name: "月度招商工作情况汇总表", File: "monthly-summary.xlsx", Sheets: []specSheet{
		kpiSheet("按开发区", "开发区", SourceZones),
		kpiSheet("按产业链", "产业链", SourceChains),
	}},
}

// kpiSheet is a sheet of the monthly summary: one row per zone or chain.
func kpiSheet(sheet, what string, src Source) specSheet {
	return specSheet{
		Sheet: sheet, Title: "月度招商工作情况汇总表（" + sheet + "）{期间}", Source: src,
		Sort: []SortKey{{Field: "kpi.signed_amount_year", Desc: true}, {Field: "kpi.name"}},
		Columns: []specColumn{
			{Title: "序号", Field: "seq", Width: 5},
			{Title: what, Field: "kpi.name", Width: 16},
			{Group: "本月新签约", Title: "项目数（个）", Field: "kpi.signed_count_month", Width: 8, Sum: true},
			{Group: "本月新签约", Title: "金额（亿元）", Field: "kpi.signed_amount_month", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Group: "本年累计新签约", Title: "项目数（个）", Field: "kpi.signed_count_year", Width: 8, Sum: true},
			{Group: "本年累计新签约", Title: "金额（亿元）", Field: "kpi.signed_amount_year", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Group: "本年累计新签约", Title: "其中：亿元以上（个）", Field: "kpi.yiplus_count_year", Width: 9, Sum: true},
			{Group: "本年累计新签约", Title: "“5020”项目（个）", Field: "kpi.p5020_count_year", Width: 9, Sum: true},
			{Group: "实际到位资金（亿元）", Title: "本月", Field: "kpi.arrived_month", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Group: "实际到位资金（亿元）", Title: "本年累计", Field: "kpi.arrived_year", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Group: "本年项目推进", Title: "开工项目（个）", Field: "kpi.started_year", Width: 8, Sum: true},
			{Group: "本年项目推进", Title: "投产项目（个）", Field: "kpi.produced_year", Width: 8, Sum: true},
			{Group: "本年签约项目履约", Title: "履约项目（个）", Field: "kpi.performing", Width: 8, Sum: true},
			{Group: "本年签约项目履约", Title: "履约率", Field: "kpi.performance_rate", Decimals: 3, Width: 8,
				Total: `IF({kpi.signed_count_year}=0,"",{kpi.performing}/{kpi.signed_count_year})`},
			{Group: "本年签约项目履约", Title: "到位资金（亿元）", Field: "kpi.cohort_arrived", Unit: "亿元", Decimals: 2, Width: 10, Sum: true},
			{Group: "本年签约项目履约", Title: "资金到位率", Field: "kpi.funds_arrival_rate", Decimals: 3, Width: 9,
				Total: `IF({kpi.signed_amount_year}=0,"",{kpi.cohort_arrived}/{kpi.signed_amount_year})`},
		},
		Notes: []string{
			"1. 新签约项目按首次签约时间统计，同一项目只计一次；本年累计为1月至填报月份。",
			"2. 履约项目指本年新签约项目中已进入开工、在建或投产阶段的项目；履约率＝履约项目数÷本年新签约项目数。",
			"3. 资金到位率＝本年新签约项目截至填报月末的到位资金÷其合同（总）投资。只列出本年有签约、开工、投产或到位资金的" + what + "。",
		},
	}
}
