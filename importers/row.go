package importers

import (
	"fmt"
	"regexp"
	"strings"

	"ganzhao/app"
)

// rowReader gathers one row's values into records, with a problem per doubtful cell.
type rowReader struct {
	row     int
	out     app.ImportRow
	project app.Project
	ent     app.Enterprise
	person  app.Person
	intro   []string
	notes   []string
	address string
	hasEnt  bool
	hasPer  bool
	hasProj bool
}

func (rr *rowReader) warn(c Column, format string, args ...any) {
	rr.out.Warnings = append(rr.out.Warnings, app.ImportProblem{Row: rr.row, Column: c.Letter, Header: c.Header, Reason: fmt.Sprintf(format, args...)})
}

func (rr *rowReader) fail(c Column, format string, args ...any) {
	rr.out.Errors = append(rr.out.Errors, app.ImportProblem{Row: rr.row, Column: c.Letter, Header: c.Header, Reason: fmt.Sprintf(format, args...)})
}

// readRow reads grid row r.
func (t *Table) readRow(r int, kind app.EntityKind) app.ImportRow {
	rr := &rowReader{row: t.Grid.RowNum[r]}
	rr.out.Row = rr.row
	for _, c := range t.Columns {
		if c.Field == FieldIgnore {
			continue
		}
		raw := t.Grid.Cell(r, c.Index)
		if placeholder(raw) {
			continue
		}
		rr.cell(c, raw)
	}
	if len(rr.intro) > 0 {
		rr.ent.Intro = strings.Join(rr.intro, "；")
	}
	if rr.address != "" && rr.ent.HQProvince == "" && rr.ent.HQCountry == "" {
		rr.ent.HQProvince, rr.ent.HQCity, rr.ent.HQCountry = splitPlace(rr.address)
	}
	if len(rr.notes) > 0 {
		rr.project.Notes = strings.Join(rr.notes, "\n")
	}
	switch kind {
	case app.KindProject:
		rr.finishProject(t)
		p := rr.project
		rr.out.Project = &p
	case app.KindEnterprise:
		if app.CleanText(rr.ent.Name) == "" {
			rr.out.Errors = append(rr.out.Errors, t.missing(rr.row, "enterprise.name", "企业名称为空"))
		}
	case app.KindPerson:
		if app.CleanText(rr.person.Name) == "" {
			rr.out.Errors = append(rr.out.Errors, t.missing(rr.row, "person.name", "姓名为空"))
		}
	}
	if rr.hasEnt || kind == app.KindEnterprise {
		e := rr.ent
		rr.out.Enterprise = &e
	}
	if rr.hasPer || kind == app.KindPerson {
		p := rr.person
		rr.out.Person = &p
	}
	return rr.out
}

// placeholder reports an empty cell or one that says "nothing here" (-, —, /, 无, 暂无).
func placeholder(raw string) bool {
	switch strings.TrimSpace(app.HalfWidth(raw)) {
	case "", "-", "--", "—", "——", "/", "无", "暂无", "N/A", "NULL", "null":
		return true
	}
	return false
}

// missing names the column of a required field that is empty in a row.
func (t *Table) missing(row int, field, reason string) app.ImportProblem {
	for _, c := range t.Columns {
		if c.Field == field || (field == "person.name" && c.Field == "person.legal_rep") {
			return app.ImportProblem{Row: row, Column: c.Letter, Header: c.Header, Reason: reason}
		}
	}
	return app.ImportProblem{Row: row, Reason: reason}
}

func (rr *rowReader) finishProject(t *Table) {
	p := &rr.project
	if app.CleanText(p.Name) == "" {
		rr.out.Errors = append(rr.out.Errors, t.missing(rr.row, "project.name", "项目名称为空"))
	}
	if p.Stage == "" {
		// No stage given: the furthest milestone the row dates.
		switch {
		case !p.ProducedOn.IsZero():
			p.Stage = app.StageProducing
		case !p.StartedOn.IsZero():
			p.Stage = app.StageStarted
		case !p.SignedOn.IsZero():
			p.Stage = app.StageSigned
		}
		if p.Stage != "" {
			rr.out.Warnings = append(rr.out.Warnings, app.ImportProblem{Row: rr.row, Reason: fmt.Sprintf("未填项目阶段，按已填日期定为“%s”", p.Stage)})
		}
	}
}

var (
	landNumber = regexp.MustCompile(`^[0-9]*\.?[0-9]+`)
)

// cell reads one non-empty cell into the row's records.
func (rr *rowReader) cell(c Column, raw string) {
	text := app.CleanText(raw)
	switch c.Field {
	case "project.name":
		rr.project.Name, rr.hasProj = text, true
	case "project.code":
		rr.project.Code = text
	case "project.total_investment", "project.fixed_investment", "project.foreign_capital":
		m, err := ParseAmount(raw, c.Unit, defaultUnit(c.Field))
		if err != nil {
			rr.fail(c, "%s", strings.TrimSuffix(err.Error(), "："+ErrNotAmount.Error()))
			return
		}
		if m.Approx {
			rr.warn(c, "金额“%s”是约数，按所写数字记", clip(raw))
		}
		switch {
		case c.Field == "project.foreign_capital" && !m.USD:
			rr.fail(c, "合同外资应为美元金额，“%s”是人民币", clip(raw))
		case c.Field == "project.foreign_capital":
			rr.project.ForeignCapital = app.USCents(m.Value)
		case m.USD && c.Field == "project.total_investment":
			if rr.project.ForeignCapital == 0 {
				rr.project.ForeignCapital = app.USCents(m.Value)
				rr.warn(c, "总投资“%s”是美元金额，已记入合同外资；总投资未填（不做汇率换算）", clip(raw))
			} else {
				rr.warn(c, "总投资“%s”是美元金额，未换算，总投资未填", clip(raw))
			}
		case m.USD:
			rr.warn(c, "固定资产投资“%s”是美元金额，未换算，未填", clip(raw))
		case c.Field == "project.total_investment":
			rr.project.TotalInvestment = app.Yuan(m.Value)
		default:
			rr.project.FixedInvestment = app.Yuan(m.Value)
		}
	case "project.land":
		rr.land(c, raw)
	case "project.stage":
		st, err := ParseStage(raw)
		if err != nil {
			rr.fail(c, "%s", err.Error())
			return
		}
		rr.project.Stage = st
		if st.Terminal() {
			rr.project.StageReason = fmt.Sprintf("导入：原表阶段记为“%s”", text)
		}
	case "project.signed_on", "project.started_on", "project.produced_on", "project.registered_on":
		d, err := ParseDate(raw)
		if err != nil {
			rr.fail(c, "%s", err.Error())
			return
		}
		if d.MonthOnly {
			rr.warn(c, "只写了月份（%s），按当月1日记", text)
		}
		switch c.Field {
		case "project.signed_on":
			rr.project.SignedOn = d.Date
		case "project.started_on":
			rr.project.StartedOn = d.Date
		case "project.produced_on":
			rr.project.ProducedOn = d.Date
		default:
			rr.project.RegisteredOn = d.Date
		}
	case "project.leader":
		rr.project.Leader = text
	case "project.unit":
		rr.project.Unit = text
	case "project.methods":
		ms, unknown := ParseMethods(raw)
		rr.project.Methods = append(rr.project.Methods, ms...)
		if len(unknown) > 0 {
			rr.warn(c, "未识别的招商方式“%s”，记为“其他”", strings.Join(unknown, "、"))
		}
		if contains(ms, "三请三回") {
			rr.project.Homecoming = true
			rr.project.HomecomingTies = append(rr.project.HomecomingTies, ParseTies(raw)...)
		}
	case "project.zone":
		rr.out.Zone = text
	case "project.chain":
		rr.out.Chain = text
	case "project.sector":
		switch {
		case strings.Contains(text, "工业") || strings.Contains(text, "制造") || strings.Contains(text, "第二产业"):
			rr.project.Sector = app.SectorIndustry
		case strings.Contains(text, "服务") || strings.Contains(text, "第三产业"):
			rr.project.Sector = app.SectorServices
		case strings.Contains(text, "农业") || strings.Contains(text, "第一产业"):
			rr.project.Sector = app.SectorAgriculture
		default:
			rr.warn(c, "产业类别“%s”无法识别（应为工业、服务业或农业），未填", clip(text))
		}
	case "project.homecoming", "project.out_of_province", "project.gan_return", "project.registered":
		v, ok := ParseBool(raw)
		if !ok {
			if c.Field == "project.homecoming" && len(ParseTies(raw)) > 0 {
				rr.project.Homecoming, rr.project.HomecomingTies = true, ParseTies(raw)
				return
			}
			rr.warn(c, "“%s”应为“是”或“否”，未填", clip(text))
			return
		}
		switch c.Field {
		case "project.homecoming":
			rr.project.Homecoming = v
		case "project.out_of_province":
			rr.project.OutOfProvince = v
		case "project.gan_return":
			rr.project.GanReturn = v
		default:
			rr.project.Registered = v
		}
	case "project.notes":
		rr.notes = append(rr.notes, labelled(c, text))

	case "enterprise.name":
		rr.ent.Name, rr.hasEnt = text, true
	case "enterprise.credit_code":
		code, err := CreditCode(raw)
		if err != nil {
			rr.warn(c, "%s，已留空", err.Error())
			return
		}
		rr.ent.CreditCode, rr.hasEnt = code, true
	case "enterprise.nature", "enterprise.type":
		n, ok := ParseNature(raw)
		switch {
		case ok && (rr.ent.Nature == "" || c.Field == "enterprise.nature"):
			rr.ent.Nature = n
		case !ok && c.Field == "enterprise.nature":
			rr.warn(c, "企业性质“%s”无法识别（应为国企（央企）、国企（地方）、民企、外企（独资）、外企（合资）或其他），未填", clip(text))
		}
		if c.Field == "enterprise.type" {
			rr.intro = append(rr.intro, "企业类型："+text)
		}
	case "enterprise.hq":
		rr.ent.HQProvince, rr.ent.HQCity, rr.ent.HQCountry = splitPlace(text)
	case "enterprise.address":
		rr.address = text
		rr.intro = append(rr.intro, "地址："+text)
	case "enterprise.industry":
		rr.ent.Industry = text
	case "enterprise.website":
		if text != "-" {
			rr.ent.Website = app.HalfWidth(text)
		}
	case "enterprise.status":
		rr.intro = append(rr.intro, "登记状态："+text)
		if strings.Contains(text, "注销") || strings.Contains(text, "吊销") || strings.Contains(text, "撤销") || strings.Contains(text, "停业") {
			rr.warn(c, "登记状态为“%s”，请核实是否仍需跟进", text)
		}
	case "enterprise.capital":
		rr.intro = append(rr.intro, "注册资本："+text)
	case "enterprise.founded":
		if d, err := ParseDate(raw); err == nil && !d.Date.IsZero() {
			text = d.Date.String()
		}
		rr.intro = append(rr.intro, "成立日期："+text)
	case "enterprise.insured":
		if text != "-" {
			rr.intro = append(rr.intro, "参保人数："+text)
		}
	case "enterprise.category":
		for _, part := range listSplit.Split(text, -1) {
			if part = strings.TrimSpace(part); part != "" {
				rr.ent.Categories = append(rr.ent.Categories, app.CategoryTag{Name: part})
			}
		}
	case "enterprise.priority":
		p := strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(app.HalfWidth(text), "类"), "级"))
		switch p {
		case "A", "B", "C":
			rr.ent.Priority = app.Priority(p)
		case "重点", "一级", "高":
			rr.ent.Priority = app.PriorityA
		default:
			rr.warn(c, "目标等级“%s”应为A、B或C，未填", clip(text))
		}
	case "enterprise.intro":
		rr.intro = append(rr.intro, labelled(c, text))

	case "person.name":
		rr.person.Name, rr.hasPer = text, true
	case "person.legal_rep":
		if rr.person.Name == "" {
			rr.person.Name, rr.hasPer = text, true
			if rr.person.Title == "" {
				rr.person.Title = "法定代表人"
			}
		}
	case "person.phones":
		phones, errs := ParsePhones(raw)
		for _, ph := range phones {
			rr.person.Phones = append(rr.person.Phones, ph.Number)
			if ph.Repaired != "" {
				rr.warn(c, "%s", ph.Repaired)
			}
		}
		for _, err := range errs {
			rr.warn(c, "%s，未导入", err.Error())
		}
		rr.hasPer = rr.hasPer || len(phones) > 0
	case "person.title":
		rr.person.Title = text
	case "person.email":
		if text != "-" {
			rr.person.Email = text
			rr.hasPer = true
		}
	case "person.wechat":
		rr.person.WeChat = text
	case "person.native":
		rr.person.NativeProvince, rr.person.NativeCity, _ = splitPlace(text)
	case "person.alma_mater":
		rr.person.AlmaMater = text
	case "person.ties":
		rr.person.Ties = ParseTies(raw)
		if len(rr.person.Ties) == 0 {
			rr.warn(c, "“%s”不是三友类型（乡友、校友、战友），未填", clip(text))
		}
	case "person.department":
		rr.person.Notes = strings.TrimSpace(rr.person.Notes + " 部门：" + text)
	case "person.notes":
		rr.person.Notes = strings.TrimSpace(rr.person.Notes + " " + text)
	}
	if strings.HasPrefix(c.Field, "project.") {
		rr.hasProj = true
	}
	if strings.HasPrefix(c.Field, "enterprise.") && c.Field != "enterprise.credit_code" {
		rr.hasEnt = true
	}
}

// labelled prefixes a note with its column's header when several columns feed one field.
func labelled(c Column, text string) string {
	h := cleanHeader(c.Header)
	if h == "" || h == "备注" {
		return text
	}
	return h + "：" + text
}

// land reads a land area in 亩 (the default), 公顷 or 平方米.
func (rr *rowReader) land(c Column, raw string) {
	s := strings.ToUpper(strings.Join(strings.Fields(app.HalfWidth(raw)), ""))
	s = strings.ReplaceAll(s, ",", "")
	for _, w := range []string{"约", "左右", "余"} {
		s = strings.ReplaceAll(s, w, "")
	}
	num := landNumber.FindString(s)
	if num == "" {
		rr.fail(c, "用地面积“%s”不是数字", clip(raw))
		return
	}
	unit := s[len(num):]
	var hundredths int64
	var err error
	switch unit {
	case "", "亩":
		hundredths, err = scaleDecimal(num, 100)
	case "公顷", "HA":
		hundredths, err = scaleDecimal(num, 1500)
	case "平方米", "㎡", "M2", "平米":
		var v int64
		v, err = scaleDecimal(num, 15) // 1 ㎡ = 0.0015 亩 = 0.15 hundredths
		hundredths = (v + 50) / 100
	default:
		rr.fail(c, "用地面积“%s”的单位“%s”无法识别（应为亩、公顷或平方米）", clip(raw), unit)
		return
	}
	if err != nil {
		rr.fail(c, "用地面积“%s”%s", clip(raw), err.Error())
		return
	}
	rr.project.Land = app.Area(hundredths)
}

// provinces are the province-level names with the suffix each takes.
var provinces = []string{"北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
	"安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省",
	"甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
	"香港特别行政区", "澳门特别行政区"}

var countries = []string{"美国", "日本", "韩国", "德国", "法国", "英国", "新加坡", "意大利", "荷兰", "瑞士", "瑞典", "加拿大",
	"澳大利亚", "以色列", "马来西亚", "泰国", "印度", "越南", "印度尼西亚", "西班牙", "比利时", "丹麦", "芬兰", "挪威", "奥地利", "俄罗斯"}

// splitPlace reads a province and city from a place or address ("广东省深圳市南山区…",
// "广东深圳", "深圳市"), or a foreign country.
func splitPlace(s string) (province, city, country string) {
	s = strings.Join(strings.Fields(app.CleanText(s)), "")
	for _, c := range countries {
		if strings.HasPrefix(s, c) {
			return "", "", c
		}
	}
	rest := s
	for _, p := range provinces {
		short := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(p, "省"), "市"), "自治区")
		for _, suf := range []string{"壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区"} {
			short = strings.TrimSuffix(short, suf)
		}
		switch {
		case strings.HasPrefix(rest, p):
			province, rest = short, rest[len(p):]
		case strings.HasPrefix(rest, short):
			province, rest = short, strings.TrimPrefix(strings.TrimPrefix(rest[len(short):], "省"), "市")
		default:
			continue
		}
		break
	}
	switch province {
	case "北京", "天津", "上海", "重庆", "香港", "澳门":
		return province, province, ""
	}
	if i := strings.Index(rest, "市"); i > 0 && len([]rune(rest[:i])) <= 4 {
		city = rest[:i]
	} else if i := strings.Index(rest, "州"); province != "" && i > 0 && len([]rune(rest[:i+len("州")])) <= 5 && strings.Contains(rest[:i+len("州")], "自治") {
		city = rest[:i+len("州")]
	}
	return province, city, ""
}
