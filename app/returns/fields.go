package returns

import (
	"fmt"
	"slices"
	"strings"

	"ganzhao/app"
)

// Kind is the type of a field's value, which decides how a column writes it.
type Kind int

// Field kinds.
const (
	KindText    Kind = iota // text, written as text (codes and phone numbers stay text)
	KindMoney               // 元, converted to the column's unit (元, 万元, 亿元)
	KindDollars             // US cents, converted to 美元, 万美元 or 亿美元
	KindArea                // hundredths of a 亩, converted to 亩 or 平方米
	KindCount               // a whole number
	KindRate                // a fraction; the column writes it as is or as a percentage
	KindNumber              // any other number (亩均投资强度, 万元/亩)
	KindDate                // a date, written as an Excel date or as text
	KindSeq                 // the row's 序号
)

// raw is a field's value before the column converts it.
type raw struct {
	null bool // no value: the cell stays empty
	text string
	i    int64
	f    float64
	date app.Date
}

func text(s string) raw { return raw{text: s, null: s == ""} }
func money(y app.Yuan) raw {
	return raw{i: int64(y)}
}
func count(n int) raw     { return raw{i: int64(n)} }
func date(d app.Date) raw { return raw{date: d, null: d.IsZero()} }
func yesNo(b bool) raw {
	if b {
		return raw{text: "是"}
	}
	return raw{text: "否"}
}

// rate is num/den, or no value when den is 0.
func rate(num, den float64) raw {
	if den == 0 {
		return raw{null: true}
	}
	return raw{f: num / den}
}

// Field is one entry of the catalogue: what a column can be filled with.
type Field struct {
	Key     string
	Label   string // the Chinese name shown to the user and proposed as a header
	Kind    Kind
	Sources []Source
	// Synonyms are header texts that propose this field, normalised (no spaces, no unit).
	Synonyms []string
	// Order, when set, is the natural order of a text field's values for sorting and groups.
	Order []string
	// refOrder sorts the values (zone or chain names) in the reference data's order:
	// national zones first.
	refOrder bool
	// noSum keeps a totals row from summing the field: days, or a fund's figures repeated on
	// each of its investments.
	noSum bool
	needs needs
	value func(d *data, r *record) raw
}

// availableFor reports whether the field can fill a column of a source.
func (f Field) availableFor(s Source) bool { return slices.Contains(f.Sources, s) }

// Units a kind accepts, the first being the default.
func (k Kind) units() []string {
	switch k {
	case KindMoney:
		return []string{"万元", "元", "亿元"}
	case KindDollars:
		return []string{"万美元", "美元", "亿美元"}
	case KindArea:
		return []string{"亩", "平方米"}
	case KindRate:
		return []string{"", "%"}
	}
	return []string{""}
}

// DefaultUnit is the unit a column of this field gets when the header names none.
func (f Field) DefaultUnit() string { return f.Kind.units()[0] }

// DefaultDecimals is the rounding a column of this field gets unless the mapping says.
func (f Field) DefaultDecimals(unit string) int {
	switch f.Kind {
	case KindMoney, KindDollars:
		if unit == "元" || unit == "美元" {
			return 0
		}
		return 2
	case KindArea, KindNumber:
		return 2
	case KindRate:
		if unit == "%" {
			return 1
		}
		return 3
	}
	return 0
}

func (f Field) checkUnit(unit string) error {
	if !slices.Contains(f.Kind.units(), unit) {
		return fmt.Errorf("字段“%s”的单位“%s”不可用，可用：%s", f.Label, unit, strings.Join(nonEmpty(f.Kind.units()), "、"))
	}
	return nil
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return []string{"（无）"}
	}
	return out
}

// FieldByKey finds a catalogue field.
func FieldByKey(key string) (Field, bool) {
	i, ok := fieldIndex[key]
	if !ok {
		return Field{}, false
	}
	return catalogue[i], true
}

// Catalogue lists every field in display order.
func Catalogue() []Field { return slices.Clone(catalogue) }

// FieldsFor lists the fields a source offers, in display order.
func FieldsFor(s Source) []Field {
	var out []Field
	for _, f := range catalogue {
		if f.availableFor(s) {
			out = append(out, f)
		}
	}
	return out
}

var fieldIndex = func() map[string]int {
	m := make(map[string]int, len(catalogue))
	for i, f := range catalogue {
		if _, dup := m[f.Key]; dup {
			panic("returns: duplicate field " + f.Key)
		}
		m[f.Key] = i
	}
	return m
}()

var (
	allSources  = []Source{SourceProjects, SourceInvestments, SourceEvents, SourceZones, SourceChains}
	projectish  = []Source{SourceProjects, SourceInvestments}
	investOnly  = []Source{SourceInvestments}
	eventsOnly  = []Source{SourceEvents}
	kpiSources  = []Source{SourceZones, SourceChains}
	stageOrder  = stageNames()
	threeOrder  = []string{"国企", "民企", "外企"}
	natureOrder = natureNames()
)

func stageNames() []string {
	out := make([]string, len(app.Stages))
	for i, s := range app.Stages {
		out[i] = string(s)
	}
	return out
}

func natureNames() []string {
	out := make([]string, len(app.Natures))
	for i, n := range app.Natures {
		out[i] = string(n)
	}
	return out
}

// Helpers the value functions share.

func (d *data) investor(r *record) *app.Enterprise {
	if r.p == nil {
		return nil
	}
	return d.enterprises[r.p.InvestorID]
}

func (d *data) zone(r *record) *app.Zone {
	if r.p == nil {
		return nil
	}
	return d.zones[r.p.ZoneID]
}

// project wraps a value function of a project: rows without one (an investment with no
// local project) stay empty.
func project(fn func(d *data, r *record, p *app.Project) raw) func(d *data, r *record) raw {
	return func(d *data, r *record) raw {
		if r.p == nil {
			return raw{null: true}
		}
		return fn(d, r, r.p)
	}
}

func ofInvestor(fn func(e *app.Enterprise) raw) func(d *data, r *record) raw {
	return func(d *data, r *record) raw {
		if e := d.investor(r); e != nil {
			return fn(e)
		}
		return raw{null: true}
	}
}

func ofFund(fn func(d *data, f *app.Fund) raw) func(d *data, r *record) raw {
	return func(d *data, r *record) raw {
		if r.fund == nil {
			return raw{null: true}
		}
		return fn(d, r.fund)
	}
}

func ofInvestment(fn func(d *data, v *app.FundInvestment) raw) func(d *data, r *record) raw {
	return func(d *data, r *record) raw {
		if r.inv == nil {
			return raw{null: true}
		}
		return fn(d, r.inv)
	}
}

func ofEvent(fn func(e *eventRow) raw) func(d *data, r *record) raw {
	return func(d *data, r *record) raw { return fn(r.ev) }
}

func ofKPI(fn func(k *kpiRow) raw) func(d *data, r *record) raw {
	return func(d *data, r *record) raw { return fn(r.kpi) }
}

// introducer is the person who brought a project in, when known.
func (d *data) introducer(r *record) *app.Person {
	if r.p == nil {
		return nil
	}
	return d.people[r.p.IntroducerID]
}

func ofIntroducer(fn func(p *app.Person) raw) func(d *data, r *record) raw {
	return func(d *data, r *record) raw {
		if p := d.introducer(r); p != nil {
			return fn(p)
		}
		return raw{null: true}
	}
}

// contact is the investor's contact: its first person with a phone, else its first person.
func (d *data) contact(r *record) *app.Person {
	if r.p == nil {
		return nil
	}
	people := d.contacts[r.p.InvestorID]
	for _, p := range people {
		if len(p.Phones) > 0 {
			return p
		}
	}
	if len(people) > 0 {
		return people[0]
	}
	return nil
}

func ofContact(fn func(p *app.Person) raw) func(d *data, r *record) raw {
	return func(d *data, r *record) raw {
		if p := d.contact(r); p != nil {
			return fn(p)
		}
		return raw{null: true}
	}
}

// arrived sums a project's arrivals over the months for which keep is true.
func (d *data) arrived(r *record, keep func(m app.Month) bool) raw {
	if r.fact == nil {
		return money(0)
	}
	var sum app.Yuan
	for _, a := range r.fact.Arrivals {
		if keep(a.Month) {
			sum += a.Amount
		}
	}
	return money(sum)
}

func (d *data) beforeOrIn(m app.Month) bool {
	return m.Year < d.period.Year || (m.Year == d.period.Year && m.Month <= d.period.Month)
}

func joinTies(ts []app.Tie) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, "、")
}

// requirement writes a fund's 返投 requirement the way its page does: "政府认缴出资的1.5倍",
// "基金可投资金额的60%".
func requirement(f *app.Fund) string {
	return app.ComputeReinvest(*f, nil, nil, nil, app.Date{}).RequirementText()
}

// ofReinvest reads the 返投 ledger of a record's fund as of the period's end.
func ofReinvest(fn func(r *app.ReinvestLedger) raw) func(d *data, r *record) raw {
	return ofFund(func(d *data, f *app.Fund) raw {
		if l := d.reinvest[f.ID]; l != nil {
			return fn(l)
		}
		return raw{null: true}
	})
}

// ifRequired is a ledger figure that means something only when the fund has a measurable
// requirement.
func ifRequired(fn func(r *app.ReinvestLedger) raw) func(r *app.ReinvestLedger) raw {
	return func(r *app.ReinvestLedger) raw {
		if !r.HasRequirement() {
			return raw{null: true}
		}
		return fn(r)
	}
}

// catalogue is every field a column can take.
var catalogue = []Field{
	{Key: "seq", Label: "序号", Kind: KindSeq, Sources: allSources, Synonyms: []string{"序号", "序", "编号"},
		value: func(d *data, r *record) raw { return count(r.seq) }},
	{Key: "change", Label: "变动情况", Kind: KindText, Sources: allSources, Synonyms: []string{"变动情况", "变化情况", "本期变动", "较上期变动"},
		value: func(d *data, r *record) raw { return text(r.change) }},

	// Projects (also the project an investment landed as).
	{Key: "project.name", Label: "项目名称", Kind: KindText, Sources: projectish,
		Synonyms: []string{"项目名称", "项目", "项目全称", "落地项目", "落地项目名称", "名称"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return text(p.Name) })},
	{Key: "project.code", Label: "项目编码", Kind: KindText, Sources: projectish,
		Synonyms: []string{"项目编码", "项目编号", "项目代码", "入库编码", "市级项目编码", "省库项目编码", "项目赋码"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return text(p.Code) })},
	{Key: "project.zone", Label: "所属开发区", Kind: KindText, Sources: projectish, refOrder: true,
		Synonyms: []string{"所属开发区", "开发区", "园区", "所在园区", "落户园区", "落地园区", "所属园区", "开发区名称", "所在开发区", "落户开发区"},
		value: func(d *data, r *record) raw {
			if z := d.zone(r); z != nil {
				return text(z.Name)
			}
			return raw{null: true}
		}},
	{Key: "project.zone_level", Label: "开发区级别", Kind: KindText, Sources: projectish,
		Synonyms: []string{"开发区级别", "园区级别", "开发区类别"},
		value: func(d *data, r *record) raw {
			if z := d.zone(r); z != nil {
				return text(string(z.Level))
			}
			return raw{null: true}
		}},
	{Key: "project.city", Label: "所在设区市", Kind: KindText, Sources: projectish,
		Synonyms: []string{"设区市", "所在设区市", "所属设区市", "所在市", "市别"},
		value: func(d *data, r *record) raw {
			z := d.zone(r)
			if z == nil {
				return raw{null: true}
			}
			div, ok := d.divisions[z.DivisionCode]
			if ok && div.Level == "县" {
				div = d.divisions[div.ParentCode]
			}
			return text(div.Name)
		}},
	{Key: "project.county", Label: "所在县（市、区）", Kind: KindText, Sources: projectish,
		Synonyms: []string{"县市区", "县（市、区）", "所在县区", "县区", "所属县区", "所在县市区"},
		value: func(d *data, r *record) raw {
			z := d.zone(r)
			if z == nil {
				return raw{null: true}
			}
			if div, ok := d.divisions[z.DivisionCode]; ok && div.Level == "县" {
				return text(div.Name)
			}
			return raw{null: true}
		}},
	{Key: "project.investor", Label: "投资方", Kind: KindText, Sources: projectish,
		Synonyms: []string{"投资方", "投资主体", "投资方名称", "投资企业", "投资方企业名称", "签约企业", "企业名称", "投资商", "签约主体", "投资方全称"},
		value:    ofInvestor(func(e *app.Enterprise) raw { return text(e.Name) })},
	{Key: "project.credit_code", Label: "统一社会信用代码", Kind: KindText, Sources: projectish,
		Synonyms: []string{"统一社会信用代码", "信用代码", "社会信用代码", "投资方统一社会信用代码"},
		value:    ofInvestor(func(e *app.Enterprise) raw { return text(e.CreditCode) })},
	{Key: "project.investor_place", Label: "投资方所在地", Kind: KindText, Sources: projectish,
		Synonyms: []string{"投资方所在地", "来源地", "投资方来源地", "企业所在地", "投资来源地", "投资方注册地", "投资方总部所在地", "总部所在地"},
		value: ofInvestor(func(e *app.Enterprise) raw {
			if e.HQCountry != "" && e.HQCountry != "中国" {
				return text(e.HQCountry + e.HQCity)
			}
			if e.HQCity == "" || strings.HasPrefix(e.HQCity, e.HQProvince) {
				return text(e.HQProvince + strings.TrimPrefix(e.HQCity, e.HQProvince))
			}
			return text(e.HQProvince + e.HQCity)
		})},
	{Key: "project.domestic", Label: "内资/外资", Kind: KindText, Sources: projectish,
		Synonyms: []string{"内外资", "内资外资", "内资/外资", "资金性质"},
		value: project(func(d *data, r *record, p *app.Project) raw {
			if d.driveOf(DriveForeign, p) {
				return text("外资")
			}
			return text("内资")
		})},
	{Key: "project.nature", Label: "企业性质", Kind: KindText, Sources: projectish, Order: natureOrder,
		Synonyms: []string{"企业性质", "投资方企业性质", "投资方性质", "所有制性质", "经济类型", "投资主体性质"},
		value:    ofInvestor(func(e *app.Enterprise) raw { return text(string(e.Nature)) })},
	{Key: "project.three", Label: "三企类别", Kind: KindText, Sources: projectish, Order: threeOrder,
		Synonyms: []string{"三企类别", "三企入赣类别", "三企类型", "国企民企外企"},
		value:    ofInvestor(func(e *app.Enterprise) raw { return text(e.Nature.ThreeEnterprises()) })},
	{Key: "project.categories", Label: "企业类别", Kind: KindText, Sources: projectish,
		Synonyms: []string{"企业类别", "企业类型", "投资方类别", "投资方企业类别", "企业荣誉"},
		value: ofInvestor(func(e *app.Enterprise) raw {
			names := make([]string, len(e.Categories))
			for i, c := range e.Categories {
				names[i] = c.Name
			}
			return text(strings.Join(names, "、"))
		})},
	{Key: "project.industry", Label: "所属行业", Kind: KindText, Sources: projectish,
		Synonyms: []string{"所属行业", "行业", "国民经济行业", "行业分类"},
		value:    ofInvestor(func(e *app.Enterprise) raw { return text(e.Industry) })},
	{Key: "project.investor_priority", Label: "目标企业等级", Kind: KindText, Sources: projectish,
		Synonyms: []string{"目标企业等级", "目标等级", "企业优先级"},
		value:    ofInvestor(func(e *app.Enterprise) raw { return text(string(e.Priority)) })},
	{Key: "project.investor_owner", Label: "企业跟进人", Kind: KindText, Sources: projectish,
		Synonyms: []string{"企业跟进人", "跟进人", "对接人", "企业对接人"},
		value:    ofInvestor(func(e *app.Enterprise) raw { return text(e.Owner) })},
	{Key: "project.contact", Label: "投资方联系人", Kind: KindText, Sources: projectish, needs: needPeople,
		Synonyms: []string{"投资方联系人", "企业联系人", "项目联系人", "联系人", "投资主体联系人"},
		value:    ofContact(func(p *app.Person) raw { return text(p.Name) })},
	{Key: "project.contact_phone", Label: "联系电话", Kind: KindText, Sources: projectish, needs: needPeople,
		Synonyms: []string{"联系电话", "联系方式", "手机", "手机号码", "联系人手机", "联系人电话", "项目联系人手机", "项目联系人电话",
			"企业联系电话", "投资方联系电话", "电话"},
		value: ofContact(func(p *app.Person) raw { return text(strings.Join(p.Phones, "；")) })},
	{Key: "person.introducer", Label: "引荐人", Kind: KindText, Sources: projectish, needs: needPeople,
		Synonyms: []string{"引荐人", "项目引荐人", "推荐人", "牵线人", "信息提供人"},
		value:    ofIntroducer(func(p *app.Person) raw { return text(p.Name) })},
	{Key: "person.introducer_phone", Label: "引荐人电话", Kind: KindText, Sources: projectish, needs: needPeople,
		Synonyms: []string{"引荐人电话", "引荐人联系电话", "引荐人手机"},
		value:    ofIntroducer(func(p *app.Person) raw { return text(strings.Join(p.Phones, "；")) })},
	{Key: "person.introducer_native", Label: "引荐人籍贯", Kind: KindText, Sources: projectish, needs: needPeople,
		Synonyms: []string{"引荐人籍贯", "籍贯"},
		value: ofIntroducer(func(p *app.Person) raw {
			return text(p.NativeProvince + strings.TrimPrefix(p.NativeCity, p.NativeProvince) + p.NativeCounty)
		})},
	{Key: "person.introducer_ties", Label: "引荐人三友类型", Kind: KindText, Sources: projectish, needs: needPeople,
		Synonyms: []string{"引荐人三友类型", "引荐人类型"},
		value:    ofIntroducer(func(p *app.Person) raw { return text(joinTies(p.Ties)) })},
	{Key: "person.introducer_title", Label: "引荐人单位及职务", Kind: KindText, Sources: projectish, needs: needPeople,
		Synonyms: []string{"引荐人单位及职务", "引荐人单位", "引荐人职务"},
		value: func(d *data, r *record) raw {
			p := d.introducer(r)
			if p == nil {
				return raw{null: true}
			}
			company := ""
			if e := d.enterprises[p.EnterpriseID]; e != nil {
				company = e.Name
			}
			return text(strings.TrimSpace(company + " " + p.Title))
		}},
	{Key: "project.sector", Label: "产业类别", Kind: KindText, Sources: projectish,
		Synonyms: []string{"产业类别", "产业类型", "三次产业", "产业分类"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return text(string(p.Sector)) })},
	{Key: "project.chain", Label: "产业链", Kind: KindText, Sources: projectish, refOrder: true,
		Synonyms: []string{"产业链", "所属产业链", "产业链类别", "重点产业链", "产业链名称"},
		value: project(func(d *data, r *record, p *app.Project) raw {
			if c := d.chains[p.ChainID]; c != nil {
				return text(c.Name)
			}
			return raw{null: true}
		})},
	{Key: "project.methods", Label: "招商方式", Kind: KindText, Sources: projectish,
		Synonyms: []string{"招商方式", "引进方式", "招引方式", "招商途径"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return text(strings.Join(p.Methods, "、")) })},
	{Key: "project.total", Label: "总投资", Kind: KindMoney, Sources: projectish,
		Synonyms: []string{"总投资", "项目总投资", "计划总投资", "投资总额", "协议投资额", "合同投资额", "签约总投资", "总投资额", "项目投资额", "计划投资"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return money(p.TotalInvestment) })},
	{Key: "project.fixed", Label: "其中：固定资产投资", Kind: KindMoney, Sources: projectish,
		Synonyms: []string{"固定资产投资", "其中固定资产投资", "固投", "固投金额", "固定资产投资额", "固定资产"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return money(p.FixedInvestment) })},
	{Key: "project.foreign", Label: "合同外资", Kind: KindDollars, Sources: projectish,
		Synonyms: []string{"合同外资", "外资", "其中外资", "利用外资", "FDI金额", "外资金额", "合同利用外资", "外资额"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return raw{i: int64(p.ForeignCapital)} })},
	{Key: "project.land", Label: "用地面积", Kind: KindArea, Sources: projectish,
		Synonyms: []string{"用地面积", "用地", "供地面积", "占地面积", "用地规模", "土地面积"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return raw{i: int64(p.Land)} })},
	{Key: "project.intensity", Label: "亩均投资强度", Kind: KindNumber, Sources: projectish,
		Synonyms: []string{"亩均投资强度", "亩均投资", "投资强度"},
		value: project(func(d *data, r *record, p *app.Project) raw {
			v := app.LandIntensity(p.FixedInvestment, p.Land)
			return raw{f: v, null: v == 0}
		})},
	{Key: "project.yiplus", Label: "是否亿元以上", Kind: KindText, Sources: projectish,
		Synonyms: []string{"是否亿元以上", "是否亿元以上项目", "亿元以上项目"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return yesNo(app.IsYiPlus(p.TotalInvestment)) })},
	{Key: "project.is5020", Label: "是否“5020”项目", Kind: KindText, Sources: projectish,
		Synonyms: []string{"是否5020项目", "是否5020", "5020项目"},
		value: project(func(d *data, r *record, p *app.Project) raw {
			z := d.zones[p.ZoneID]
			return yesNo(z != nil && app.Is5020(p.TotalInvestment, p.Sector, z.Level))
		})},
	{Key: "project.size", Label: "规模类别", Kind: KindText, Sources: projectish,
		Synonyms: []string{"规模类别", "项目规模", "规模"},
		value: project(func(d *data, r *record, p *app.Project) raw {
			var level app.ZoneLevel
			if z := d.zones[p.ZoneID]; z != nil {
				level = z.Level
			}
			return text(app.SizeClass(p.TotalInvestment, p.Sector, level))
		})},
	{Key: "project.out_of_province", Label: "是否省外项目", Kind: KindText, Sources: projectish,
		Synonyms: []string{"是否省外项目", "省外项目", "是否省外"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return yesNo(p.OutOfProvince) })},
	{Key: "project.gan_return", Label: "是否赣商返乡项目", Kind: KindText, Sources: projectish,
		Synonyms: []string{"是否赣商返乡项目", "赣商返乡项目", "是否赣商返乡", "是否赣商回归项目"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return yesNo(p.GanReturn) })},
	{Key: "project.homecoming", Label: "是否三请三回项目", Kind: KindText, Sources: projectish,
		Synonyms: []string{"是否三请三回项目", "三请三回项目", "是否三请三回"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return yesNo(d.driveOf(DriveHomecoming, p)) })},
	{Key: "project.ties", Label: "三友类型", Kind: KindText, Sources: projectish,
		Synonyms: []string{"三友类型", "三友", "引荐类型", "三友类别"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return text(joinTies(p.HomecomingTies)) })},
	{Key: "project.registered", Label: "是否入统", Kind: KindText, Sources: projectish,
		Synonyms: []string{"是否入统", "入统情况", "入统"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return yesNo(p.Registered) })},
	{Key: "project.registered_on", Label: "入统时间", Kind: KindDate, Sources: projectish,
		Synonyms: []string{"入统时间", "入统日期"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return date(p.RegisteredOn) })},
	{Key: "project.stage", Label: "项目阶段", Kind: KindText, Sources: projectish, Order: stageOrder,
		Synonyms: []string{"项目阶段", "当前阶段", "项目状态", "进展阶段", "阶段", "推进阶段", "项目所处阶段"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return text(string(p.Stage)) })},
	{Key: "project.stage_since", Label: "进入本阶段日期", Kind: KindDate, Sources: projectish,
		Synonyms: []string{"进入本阶段日期", "阶段日期", "进入本阶段时间", "本阶段起始日期"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return date(p.StageSince) })},
	{Key: "project.stage_days", Label: "本阶段天数", noSum: true, Kind: KindCount, Sources: projectish,
		Synonyms: []string{"本阶段天数", "停留天数", "阶段停留天数", "未推进天数", "在库天数"},
		value: project(func(d *data, r *record, p *app.Project) raw {
			if p.StageSince.IsZero() {
				return raw{null: true}
			}
			return count(max(0, d.asOf().DaysSince(p.StageSince)))
		})},
	{Key: "project.signed_on", Label: "签约时间", Kind: KindDate, Sources: projectish,
		Synonyms: []string{"签约时间", "签约日期", "协议签订时间", "签约年月", "合同签订时间", "签约时间年月日"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return date(p.SignedOn) })},
	{Key: "project.first_signed_on", Label: "首次签约时间", Kind: KindDate, Sources: projectish,
		Synonyms: []string{"首次签约时间", "首签时间"},
		value: func(d *data, r *record) raw {
			if r.fact == nil {
				return raw{null: true}
			}
			return date(r.fact.FirstSignedOn)
		}},
	{Key: "project.started_on", Label: "开工时间", Kind: KindDate, Sources: projectish,
		Synonyms: []string{"开工时间", "开工日期", "实际开工时间", "开工年月"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return date(p.StartedOn) })},
	{Key: "project.produced_on", Label: "投产时间", Kind: KindDate, Sources: projectish,
		Synonyms: []string{"投产时间", "投产日期", "竣工投产时间", "投产年月"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return date(p.ProducedOn) })},
	{Key: "project.arrived_month", Label: "本月到位资金", Kind: KindMoney, Sources: projectish,
		Synonyms: []string{"本月到位资金", "本月实际到位资金", "当月到位资金", "本月到资", "本月进资", "本月实际进资", "到位资金本月", "实际到位资金本月"},
		value:    func(d *data, r *record) raw { return d.arrived(r, func(m app.Month) bool { return m == d.period }) }},
	{Key: "project.arrived_year", Label: "本年累计到位资金", Kind: KindMoney, Sources: projectish,
		Synonyms: []string{"本年累计到位资金", "本年到位资金", "当年到位资金", "本年实际到位资金", "年度到位资金", "本年进资", "本年实际进资",
			"今年到位资金", "到位资金本年累计", "实际到位资金本年累计", "本年累计实际到位资金", "到位资金本年"},
		value: func(d *data, r *record) raw {
			return d.arrived(r, func(m app.Month) bool { return m.Year == d.period.Year && d.beforeOrIn(m) })
		}},
	{Key: "project.arrived_total", Label: "累计到位资金", Kind: KindMoney, Sources: projectish,
		Synonyms: []string{"累计到位资金", "累计实际到位资金", "实际到位资金", "到位资金", "累计进资", "实际进资", "已到位资金", "到位资金累计", "开工以来累计到位资金"},
		value:    func(d *data, r *record) raw { return d.arrived(r, d.beforeOrIn) }},
	{Key: "project.arrival_rate", Label: "资金到位率", Kind: KindRate, Sources: projectish,
		Synonyms: []string{"资金到位率", "到位率"},
		value: project(func(d *data, r *record, p *app.Project) raw {
			return rate(float64(d.arrived(r, d.beforeOrIn).i), float64(p.TotalInvestment))
		})},
	{Key: "project.leader", Label: "包干领导", Kind: KindText, Sources: projectish,
		Synonyms: []string{"包干领导", "责任领导", "挂点领导", "联系领导", "区级责任领导", "县级领导", "包保领导", "挂帅领导", "包抓领导"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return text(p.Leader) })},
	{Key: "project.unit", Label: "责任单位", Kind: KindText, Sources: projectish,
		Synonyms: []string{"责任单位", "负责单位", "牵头单位", "责任部门", "承办单位", "服务单位"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return text(p.Unit) })},
	{Key: "project.progress", Label: "当前进度", Kind: KindText, Sources: projectish, needs: needActivities,
		Synonyms: []string{"当前进度", "最新进展", "项目进展", "推进情况", "进展情况", "工作进展", "当前节点", "形象进度", "进度情况", "项目推进情况", "目前进展", "项目进度"},
		value: project(func(d *data, r *record, p *app.Project) raw {
			if a := d.latest[p.ID]; a != nil {
				return text(fmt.Sprintf("%s %s：%s", a.On, a.Kind, a.Summary))
			}
			return text(fmt.Sprintf("%s（%s起）", p.Stage, p.StageSince))
		})},
	{Key: "project.next_step", Label: "下步措施", Kind: KindText, Sources: projectish, needs: needActivities,
		Synonyms: []string{"下步措施", "下一步计划", "下步工作", "下一步工作", "下步打算", "下步计划", "下一步措施", "工作计划"},
		value: project(func(d *data, r *record, p *app.Project) raw {
			if a := d.latest[p.ID]; a != nil {
				return text(a.NextStep)
			}
			return raw{null: true}
		})},
	{Key: "project.issues", Label: "存在问题", Kind: KindText, Sources: projectish, needs: needTasks,
		Synonyms: []string{"存在问题", "存在的问题", "问题", "需协调解决的问题", "需协调事项", "困难和问题", "存在困难", "需要协调解决的问题", "存在问题及建议"},
		value: project(func(d *data, r *record, p *app.Project) raw {
			ts := d.openTasks[p.ID]
			titles := make([]string, 0, len(ts))
			for _, t := range ts {
				title := t.Title
				if !t.DueOn.IsZero() && t.DueOn.Before(d.asOf()) {
					title += "（已逾期）"
				}
				titles = append(titles, title)
			}
			return text(strings.Join(titles, "；"))
		})},
	{Key: "project.notes", Label: "备注", Kind: KindText, Sources: projectish,
		Synonyms: []string{"备注", "说明", "备注说明"},
		value:    project(func(d *data, r *record, p *app.Project) raw { return text(p.Notes) })},

	// Funds: the fund of a project or of an investment.
	{Key: "fund.name", Label: "基金名称", Kind: KindText, Sources: projectish,
		Synonyms: []string{"基金名称", "基金", "参投基金", "合作基金", "投资基金"},
		value:    ofFund(func(d *data, f *app.Fund) raw { return text(f.Name) })},
	{Key: "fund.type", Label: "基金类型", Kind: KindText, Sources: projectish,
		Synonyms: []string{"基金类型", "基金类别"},
		value:    ofFund(func(d *data, f *app.Fund) raw { return text(string(f.Type)) })},
	{Key: "fund.level", Label: "基金层级", Kind: KindText, Sources: projectish,
		Synonyms: []string{"基金层级", "基金级别"},
		value:    ofFund(func(d *data, f *app.Fund) raw { return text(string(f.Level)) })},
	{Key: "fund.stage", Label: "基金阶段", Kind: KindText, Sources: projectish,
		Synonyms: []string{"基金阶段", "基金投资阶段"},
		value:    ofFund(func(d *data, f *app.Fund) raw { return text(string(f.Stage)) })},
	{Key: "fund.set_up_on", Label: "基金设立时间", Kind: KindDate, Sources: projectish,
		Synonyms: []string{"基金设立时间", "设立时间", "基金成立时间"},
		value:    ofFund(func(d *data, f *app.Fund) raw { return date(f.SetUpOn) })},
	{Key: "fund.manager", Label: "基金管理人", Kind: KindText, Sources: projectish,
		Synonyms: []string{"基金管理人", "管理人", "基金管理机构", "GP", "基金管理人GP"},
		value: ofFund(func(d *data, f *app.Fund) raw {
			if e := d.enterprises[f.ManagerID]; e != nil {
				return text(e.Name)
			}
			return raw{null: true}
		})},
	{Key: "fund.size", Label: "基金规模", noSum: true, Kind: KindMoney, Sources: projectish,
		Synonyms: []string{"基金规模", "认缴规模", "基金总规模"},
		value:    ofFund(func(d *data, f *app.Fund) raw { return money(f.Size) })},
	{Key: "fund.gov", Label: "政府出资", noSum: true, Kind: KindMoney, Sources: projectish,
		Synonyms: []string{"政府出资", "政府出资额", "引导基金出资", "财政出资", "政府认缴出资"},
		value:    ofFund(func(d *data, f *app.Fund) raw { return money(f.GovCommitment) })},
	{Key: "fund.requirement", Label: "返投要求", Kind: KindText, Sources: projectish,
		Synonyms: []string{"返投要求", "返投比例", "返投倍数", "返投条件"},
		value:    ofFund(func(d *data, f *app.Fund) raw { return text(requirement(f)) })},
	{Key: "fund.required", Label: "返投要求金额", noSum: true, Kind: KindMoney, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"返投要求金额", "应返投金额", "返投任务", "返投目标"},
		value:    ofReinvest(ifRequired(func(r *app.ReinvestLedger) raw { return money(r.Required) }))},
	{Key: "fund.counted", Label: "累计认定返投", noSum: true, Kind: KindMoney, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"累计认定返投", "已认定返投", "累计返投金额", "已完成返投", "返投完成额", "累计返投"},
		value:    ofReinvest(func(r *app.ReinvestLedger) raw { return money(r.Counted) })},
	{Key: "fund.rate", Label: "返投完成率", Kind: KindRate, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"返投完成率", "返投完成比例", "返投完成进度"},
		// The ledger's rate, exact to 0.01% and rounded down.
		value: ofReinvest(ifRequired(func(r *app.ReinvestLedger) raw { return raw{f: float64(r.RateBP) / 10_000} }))},
	{Key: "fund.gap", Label: "返投缺口", noSum: true, Kind: KindMoney, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"返投缺口", "尚需返投", "返投差额", "未完成返投"},
		value:    ofReinvest(ifRequired(func(r *app.ReinvestLedger) raw { return money(r.Gap) }))},
	{Key: "fund.base", Label: "返投基数金额", noSum: true, Kind: KindMoney, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"返投基数金额", "返投基数", "返投计算基数"},
		value: ofReinvest(func(r *app.ReinvestLedger) raw {
			if r.Kind == app.ReinvestNone || r.BaseMissing {
				return raw{null: true}
			}
			return money(r.BaseAmount)
		})},
	{Key: "fund.not_counted", Label: "未认定返投投资", noSum: true, Kind: KindMoney, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"未认定返投投资", "未计入返投金额", "不计入返投金额"},
		value:    ofReinvest(func(r *app.ReinvestLedger) raw { return money(r.NotCounted) })},
	{Key: "fund.landed_count", Label: "基金落地项目数", noSum: true, Kind: KindCount, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"基金落地项目数", "落地项目数", "返投落地项目数", "基金招商落地项目数"},
		value:    ofReinvest(func(r *app.ReinvestLedger) raw { return count(r.Landed) })},
	{Key: "fund.landed_amount", Label: "落地项目基金投资额", noSum: true, Kind: KindMoney, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"落地项目基金投资额", "落地项目投资金额", "落地项目基金投资"},
		value:    ofReinvest(func(r *app.ReinvestLedger) raw { return money(r.LandedAmount) })},
	{Key: "fund.landed_total", Label: "落地项目总投资", noSum: true, Kind: KindMoney, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"落地项目总投资", "落地项目总投资额", "带动项目总投资"},
		value:    ofReinvest(func(r *app.ReinvestLedger) raw { return money(r.LandedTotal) })},
	{Key: "fund.paid_in", Label: "基金实缴规模", noSum: true, Kind: KindMoney, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"基金实缴规模", "实缴规模", "实缴金额", "实缴出资"},
		value:    ofReinvest(func(r *app.ReinvestLedger) raw { return money(r.LPPaidIn) })},
	{Key: "fund.gov_paid_in", Label: "政府实缴出资", noSum: true, Kind: KindMoney, Sources: projectish, needs: needInvestments,
		Synonyms: []string{"政府实缴出资", "政府实缴", "引导基金实缴"},
		value:    ofReinvest(func(r *app.ReinvestLedger) raw { return money(r.GovPaidIn) })},
	{Key: "fund.investable", Label: "可投资金额", noSum: true, Kind: KindMoney, Sources: projectish,
		Synonyms: []string{"可投资金额", "基金可投资金额", "可投金额"},
		value:    ofFund(func(d *data, f *app.Fund) raw { return money(f.Investable) })},
	{Key: "fund.co_manager", Label: "第二管理人（双GP）", Kind: KindText, Sources: projectish,
		Synonyms: []string{"第二管理人", "双GP", "联席管理人", "共同管理人", "地方GP"},
		value: ofFund(func(d *data, f *app.Fund) raw {
			if e := d.enterprises[f.CoManagerID]; e != nil {
				return text(e.Name)
			}
			return raw{null: true}
		})},

	// Investments of funds.
	{Key: "investment.enterprise", Label: "被投企业", Kind: KindText, Sources: investOnly,
		Synonyms: []string{"被投企业", "投资标的", "被投资企业", "标的企业", "被投企业名称"},
		value: ofInvestment(func(d *data, v *app.FundInvestment) raw {
			if e := d.enterprises[v.EnterpriseID]; e != nil {
				return text(e.Name)
			}
			return raw{null: true}
		})},
	{Key: "investment.credit_code", Label: "被投企业统一社会信用代码", Kind: KindText, Sources: investOnly,
		Synonyms: []string{"被投企业统一社会信用代码", "被投企业信用代码", "统一社会信用代码"},
		value: ofInvestment(func(d *data, v *app.FundInvestment) raw {
			if e := d.enterprises[v.EnterpriseID]; e != nil {
				return text(e.CreditCode)
			}
			return raw{null: true}
		})},
	{Key: "investment.amount", Label: "投资金额", Kind: KindMoney, Sources: investOnly,
		Synonyms: []string{"投资金额", "基金投资金额", "投资额", "出资金额", "参投金额", "基金参投金额", "基金投资额"},
		value:    ofInvestment(func(d *data, v *app.FundInvestment) raw { return money(v.Amount) })},
	{Key: "investment.on", Label: "投资时间", Kind: KindDate, Sources: investOnly,
		Synonyms: []string{"投资时间", "投资日期", "出资时间", "投资年月"},
		value:    ofInvestment(func(d *data, v *app.FundInvestment) raw { return date(v.On) })},
	{Key: "investment.counts", Label: "是否计入返投", Kind: KindText, Sources: investOnly,
		Synonyms: []string{"是否计入返投", "计入返投", "是否认定返投", "是否认定为返投"},
		value:    ofInvestment(func(d *data, v *app.FundInvestment) raw { return yesNo(v.Counts) })},
	{Key: "investment.counted", Label: "计入返投金额", Kind: KindMoney, Sources: investOnly,
		Synonyms: []string{"计入返投金额", "认定返投金额", "返投金额", "本笔返投金额"},
		value: ofInvestment(func(d *data, v *app.FundInvestment) raw {
			if v.Counts {
				return money(v.Amount)
			}
			return money(0)
		})},
	{Key: "investment.reason", Label: "认定依据", Kind: KindText, Sources: investOnly,
		Synonyms: []string{"认定依据", "返投认定依据", "返投形式", "认定理由", "返投认定方式"},
		value:    ofInvestment(func(d *data, v *app.FundInvestment) raw { return text(v.CountsReason) })},

	// 三请三回 events by kind.
	{Key: "event.kind", Label: "活动形式", Kind: KindText, Sources: eventsOnly,
		Synonyms: []string{"活动形式", "活动类型", "活动名称", "形式", "活动类别", "活动"},
		value:    ofEvent(func(e *eventRow) raw { return text(string(e.Kind)) })},
	{Key: "event.count", Label: "活动场次", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"活动场次", "场次", "举办场次", "活动次数", "举办活动场次", "场次合计"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.Events) })},
	{Key: "event.city", Label: "其中：市级场次", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"市级", "市级场次", "市级活动", "其中市级"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.ByLevel[app.LevelCity]) })},
	{Key: "event.county", Label: "其中：县级场次", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"县级", "县级场次", "县级活动", "其中县级", "县（市、区）级"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.ByLevel[app.LevelCounty]) })},
	{Key: "event.township", Label: "其中：乡镇场次", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"乡镇", "乡镇场次", "乡镇级", "乡镇活动", "其中乡镇"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.ByLevel[app.LevelTownship]) })},
	{Key: "event.invited", Label: "邀请“三友”人次", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"邀请三友人次", "邀请三友人数", "三友人数", "邀请人数", "邀请三友", "三友人次", "合计人次"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.Invited.Total) })},
	{Key: "event.hometown", Label: "其中：乡友", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"乡友", "邀请乡友", "其中乡友"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.Invited.ByTie[app.TieHometown]) })},
	{Key: "event.alumni", Label: "其中：校友", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"校友", "邀请校友", "其中校友"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.Invited.ByTie[app.TieAlumni]) })},
	{Key: "event.comrade", Label: "其中：战友", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"战友", "邀请战友", "其中战友"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.Invited.ByTie[app.TieComrade]) })},
	{Key: "event.attended", Label: "到场“三友”人次", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"到场三友人次", "参加人数", "参会三友", "到场人数", "实到人数", "参加三友人次", "到会三友"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.Attended.Total) })},
	{Key: "event.attended_hometown", Label: "到场：乡友", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"到场乡友", "参加乡友"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.Attended.ByTie[app.TieHometown]) })},
	{Key: "event.attended_alumni", Label: "到场：校友", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"到场校友", "参加校友"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.Attended.ByTie[app.TieAlumni]) })},
	{Key: "event.attended_comrade", Label: "到场：战友", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"到场战友", "参加战友"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.Attended.ByTie[app.TieComrade]) })},
	{Key: "event.projects", Label: "签约项目数", Kind: KindCount, Sources: eventsOnly,
		Synonyms: []string{"签约项目数", "签约项目", "签约个数", "签约项目个数", "促成签约项目"},
		value:    ofEvent(func(e *eventRow) raw { return count(e.Signed.Count) })},
	{Key: "event.amount", Label: "签约金额", Kind: KindMoney, Sources: eventsOnly,
		Synonyms: []string{"签约金额", "签约总金额", "签约投资额", "签约项目金额", "投资总额"},
		value:    ofEvent(func(e *eventRow) raw { return money(e.Signed.Amount) })},

	// KPIs of a zone or chain.
	{Key: "kpi.name", Label: "开发区（产业链）", Kind: KindText, Sources: kpiSources, refOrder: true,
		Synonyms: []string{"开发区", "产业链", "单位", "地区", "园区", "开发区名称", "单位名称", "产业链名称"},
		value:    ofKPI(func(k *kpiRow) raw { return text(k.key) })},
	{Key: "kpi.signed_count_month", Label: "本月新签约项目数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"本月新签约项目数", "本月签约项目数", "本月签约个数", "本月新签约项目", "签约项目本月项目数"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.month.Signed.Count) })},
	{Key: "kpi.signed_amount_month", Label: "本月签约金额", Kind: KindMoney, Sources: kpiSources,
		Synonyms: []string{"本月签约金额", "本月新签约金额", "签约项目本月金额"},
		value:    ofKPI(func(k *kpiRow) raw { return money(k.month.Signed.Amount) })},
	{Key: "kpi.signed_count_year", Label: "本年新签约项目数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"本年新签约项目数", "本年签约项目数", "新签约项目数", "签约项目数", "累计签约项目数", "签约项目本年累计项目数"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.year.Signed.Count) })},
	{Key: "kpi.signed_amount_year", Label: "本年签约金额", Kind: KindMoney, Sources: kpiSources,
		Synonyms: []string{"本年签约金额", "签约金额", "签约总额", "累计签约金额", "新签约金额", "签约项目本年累计金额"},
		value:    ofKPI(func(k *kpiRow) raw { return money(k.year.Signed.Amount) })},
	{Key: "kpi.yiplus_count_year", Label: "其中：亿元以上项目数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"亿元以上项目数", "其中亿元以上项目数", "亿元以上", "其中亿元以上", "新签约亿元以上项目"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.year.YiPlus.Count) })},
	{Key: "kpi.yiplus_amount_year", Label: "亿元以上项目签约金额", Kind: KindMoney, Sources: kpiSources,
		Synonyms: []string{"亿元以上项目签约金额", "亿元以上项目金额"},
		value:    ofKPI(func(k *kpiRow) raw { return money(k.year.YiPlus.Amount) })},
	{Key: "kpi.p5020_count_year", Label: "“5020”项目数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"5020项目数", "5020项目", "其中5020项目"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.year.P5020.Count) })},
	{Key: "kpi.started_year", Label: "本年开工项目数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"本年开工项目数", "开工项目数", "开工项目", "新开工项目数"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.year.Started) })},
	{Key: "kpi.produced_year", Label: "本年投产项目数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"本年投产项目数", "投产项目数", "投产项目", "新投产项目数"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.year.Produced) })},
	{Key: "kpi.arrived_month", Label: "本月到位资金", Kind: KindMoney, Sources: kpiSources,
		Synonyms: []string{"本月到位资金", "本月实际到位资金", "到位资金本月", "本月进资"},
		value:    ofKPI(func(k *kpiRow) raw { return money(k.month.ArrivedInPeriod) })},
	{Key: "kpi.arrived_year", Label: "本年累计到位资金", Kind: KindMoney, Sources: kpiSources,
		Synonyms: []string{"本年累计到位资金", "本年到位资金", "到位资金本年累计", "实际到位资金", "到位资金", "本年进资"},
		value:    ofKPI(func(k *kpiRow) raw { return money(k.year.ArrivedInPeriod) })},
	{Key: "kpi.performing", Label: "履约项目数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"履约项目数", "履约项目", "已履约项目数"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.year.Performing) })},
	{Key: "kpi.performance_rate", Label: "履约率", Kind: KindRate, Sources: kpiSources,
		Synonyms: []string{"履约率"},
		value:    ofKPI(func(k *kpiRow) raw { return rate(float64(k.year.Performing), float64(k.year.Signed.Count)) })},
	{Key: "kpi.cohort_started", Label: "签约项目中已开工数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"签约项目中已开工数", "已开工项目数", "已开工"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.year.CohortStarted) })},
	{Key: "kpi.start_rate", Label: "开工率", Kind: KindRate, Sources: kpiSources,
		Synonyms: []string{"开工率"},
		value:    ofKPI(func(k *kpiRow) raw { return rate(float64(k.year.CohortStarted), float64(k.year.Signed.Count)) })},
	{Key: "kpi.cohort_produced", Label: "签约项目中已投产数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"签约项目中已投产数", "已投产项目数", "已投产"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.year.CohortProduced) })},
	{Key: "kpi.production_rate", Label: "投产率", Kind: KindRate, Sources: kpiSources,
		Synonyms: []string{"投产率"},
		value:    ofKPI(func(k *kpiRow) raw { return rate(float64(k.year.CohortProduced), float64(k.year.Signed.Count)) })},
	{Key: "kpi.cohort_arrived", Label: "签约项目到位资金", Kind: KindMoney, Sources: kpiSources,
		Synonyms: []string{"签约项目到位资金", "签约项目累计到位资金"},
		value:    ofKPI(func(k *kpiRow) raw { return money(k.year.CohortArrived) })},
	{Key: "kpi.fund_count_month", Label: "本月基金招商签约项目数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"本月基金招商签约项目数", "本月基金招商项目数", "基金招商本月项目数"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.fundMonth.Count) })},
	{Key: "kpi.fund_amount_month", Label: "本月基金招商签约金额", Kind: KindMoney, Sources: kpiSources,
		Synonyms: []string{"本月基金招商签约金额", "本月基金招商金额", "基金招商本月金额"},
		value:    ofKPI(func(k *kpiRow) raw { return money(k.fundMonth.Amount) })},
	{Key: "kpi.fund_count_year", Label: "本年基金招商签约项目数", Kind: KindCount, Sources: kpiSources,
		Synonyms: []string{"本年基金招商签约项目数", "基金招商项目数", "基金招商签约项目数", "基金招商本年累计项目数"},
		value:    ofKPI(func(k *kpiRow) raw { return count(k.fundYear.Count) })},
	{Key: "kpi.fund_amount_year", Label: "本年基金招商签约金额", Kind: KindMoney, Sources: kpiSources,
		Synonyms: []string{"本年基金招商签约金额", "基金招商签约金额", "基金招商金额", "基金招商本年累计金额"},
		value:    ofKPI(func(k *kpiRow) raw { return money(k.fundYear.Amount) })},
	{Key: "kpi.funds_arrival_rate", Label: "资金到位率", Kind: KindRate, Sources: kpiSources,
		Synonyms: []string{"资金到位率", "到位率"},
		value:    ofKPI(func(k *kpiRow) raw { return rate(float64(k.year.CohortArrived), float64(k.year.Signed.Amount)) })},
}
