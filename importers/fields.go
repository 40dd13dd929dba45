package importers

import (
	"strings"

	"ganzhao/app"
)

// Field is a ledger field a column can fill, with the header words that propose it.
type Field struct {
	Key      string // "project.total_investment"
	Label    string // what the mapping list shows
	Synonyms []string
}

// FieldIgnore is the mapping of a column left out.
const FieldIgnore = ""

// Fields are the fields a column can map to, in the order the mapping list shows them.
// Synonyms are compared with the header cleaned of spaces, units and marks; an exact match
// wins over a header that merely contains a synonym, and a longer synonym over a shorter one.
var Fields = []Field{
	{"project.name", "项目名称", []string{"项目名称", "项目", "项目全称", "招商项目", "签约项目", "项目名"}},
	{"project.code", "项目编码", []string{"项目编码", "项目编号", "项目代码", "市级项目编码", "省库编码", "入库编码"}},
	{"project.total_investment", "总投资", []string{"总投资", "投资额", "计划投资", "投资总额", "项目总投资", "计划总投资", "投资金额", "签约金额", "协议投资", "合同投资", "总投资额", "拟投资"}},
	{"project.fixed_investment", "固定资产投资", []string{"固定资产投资", "固投", "其中固定资产投资", "固定资产投资额", "固投金额"}},
	{"project.foreign_capital", "合同外资", []string{"合同外资", "外资金额", "FDI金额", "利用外资", "合同利用外资"}},
	{"project.land", "用地面积（亩）", []string{"用地面积", "用地", "占地面积", "占地", "用地规模", "供地面积"}},
	{"project.stage", "项目阶段", []string{"项目阶段", "阶段", "项目进度", "进展阶段", "项目状态", "当前状态", "状态", "项目进展阶段", "推进阶段"}},
	{"project.signed_on", "签约日期", []string{"签约时间", "签约日期", "协议签订时间", "签约年月", "签订时间", "签约"}},
	{"project.started_on", "开工日期", []string{"开工时间", "开工日期", "实际开工时间", "动工时间"}},
	{"project.produced_on", "投产日期", []string{"投产时间", "投产日期", "竣工投产时间", "实际投产时间"}},
	{"project.registered_on", "入统日期", []string{"入统时间", "入统日期"}},
	{"project.leader", "包干领导", []string{"包干领导", "责任领导", "挂点领导", "分管领导", "联系领导", "挂钩领导", "区级责任领导"}},
	{"project.unit", "责任单位", []string{"责任单位", "承办单位", "牵头单位", "负责单位", "责任部门"}},
	{"project.methods", "招商方式", []string{"招商方式", "引进方式", "招商形式"}},
	{"project.zone", "开发区", []string{"所属开发区", "开发区", "园区", "落户园区", "所在园区", "落户地", "落户开发区"}},
	{"project.chain", "产业链", []string{"产业链", "所属产业链", "产业链类别", "产业类型", "所属产业"}},
	{"project.sector", "产业类别", []string{"产业类别", "三次产业"}},
	{"project.homecoming", "三请三回项目", []string{"是否三请三回项目", "三请三回", "是否三请三回"}},
	{"project.out_of_province", "省外项目", []string{"是否省外项目", "省外项目"}},
	{"project.gan_return", "赣商返乡项目", []string{"是否赣商返乡项目", "赣商返乡", "是否赣商返乡"}},
	{"project.registered", "是否入统", []string{"是否入统", "入统"}},
	{"project.notes", "项目备注", []string{"备注", "进展情况", "存在问题", "项目进展", "当前节点", "项目简介", "建设内容", "下步措施"}},

	{"enterprise.name", "企业名称", []string{"投资方", "投资主体", "签约主体", "企业名称", "公司名称", "投资方名称", "投资企业", "投资单位", "投资方企业", "客商名称", "企业", "单位名称", "公司", "单位", "签约企业", "名称"}},
	{"enterprise.credit_code", "统一社会信用代码", []string{"统一社会信用代码", "信用代码", "社会信用代码", "统一信用代码", "纳税人识别号", "税号"}},
	{"enterprise.nature", "企业性质", []string{"企业性质", "投资方企业性质", "企业所有制", "所有制", "内外资", "经济类型"}},
	{"enterprise.type", "企业类型（登记）", []string{"企业类型", "公司类型", "企业类别（登记）"}},
	{"enterprise.hq", "总部所在地", []string{"投资方所在地", "来源地", "总部所在地", "所在地", "所在地区", "企业所在地", "省份", "所属省份", "所属地区", "地区"}},
	{"enterprise.address", "企业地址", []string{"企业地址", "地址", "注册地址", "通信地址", "公司地址", "办公地址"}},
	{"enterprise.industry", "所属行业", []string{"所属行业", "行业", "国标行业", "行业分类", "行业门类"}},
	{"enterprise.website", "官网", []string{"官网", "网址", "企业官网", "网站"}},
	{"enterprise.status", "登记状态", []string{"登记状态", "经营状态", "企业状态"}},
	{"enterprise.capital", "注册资本", []string{"注册资本", "注册资金"}},
	{"enterprise.founded", "成立日期", []string{"成立日期", "成立时间", "注册日期"}},
	{"enterprise.insured", "参保人数", []string{"参保人数", "员工人数", "职工人数"}},
	{"enterprise.category", "企业类别", []string{"企业类别", "企业标签", "企业称号", "榜单"}},
	{"enterprise.priority", "目标等级", []string{"目标等级", "优先级", "重要程度"}},
	{"enterprise.intro", "企业简介", []string{"企业简介", "经营范围", "公司简介", "主营业务", "主营产品"}},

	{"person.name", "联系人姓名", []string{"联系人", "姓名", "对接人", "企业联系人", "联系人姓名", "投资主体联系人", "客商", "名字"}},
	{"person.legal_rep", "法定代表人", []string{"法定代表人", "法人代表", "法人", "负责人"}},
	{"person.phones", "电话", []string{"联系电话", "电话", "手机", "手机号", "联系方式", "手机号码", "电话号码", "更多电话", "固话", "座机", "移动电话", "办公电话"}},
	{"person.title", "职务", []string{"职务", "职位", "头衔"}},
	{"person.email", "邮箱", []string{"邮箱", "电子邮箱", "Email", "E-mail", "电子邮件"}},
	{"person.wechat", "微信", []string{"微信", "微信号"}},
	{"person.native", "籍贯", []string{"籍贯", "老家", "家乡"}},
	{"person.alma_mater", "母校", []string{"母校", "毕业院校", "毕业学校"}},
	{"person.ties", "三友类型", []string{"三友类型", "三友", "乡友校友战友"}},
	{"person.department", "部门", []string{"部门"}},
	{"person.notes", "人物备注", []string{"人物备注", "联系人备注"}},
}

// ignoredHeaders are header words that are not fields but tell a header row apart.
var ignoredHeaders = []string{"序号", "编号", "行号", "NO", "NO.", "排名", "序"}

// FieldLabel returns the Chinese label of a field key ("忽略" for none).
func FieldLabel(key string) string {
	if key == FieldIgnore {
		return "（忽略此列）"
	}
	for _, f := range Fields {
		if f.Key == key {
			return f.Label
		}
	}
	return key
}

// cleanHeader folds a header for matching: full-width forms, spaces, line breaks, required
// marks and the unit in brackets go.
func cleanHeader(h string) string {
	s := strings.ToUpper(app.HalfWidth(h))
	s = strings.Join(strings.Fields(s), "")
	s = strings.Trim(s, "*※★:：")
	for _, open := range []string{"(", "（", "["} {
		if i := strings.Index(s, open); i > 0 {
			s = s[:i]
		}
	}
	for _, u := range []string{"/万元", "/亿元", "/万美元", "/亩", "万元", "亿元", "万美元"} {
		s = strings.TrimSuffix(s, u)
	}
	return s
}

// matchField proposes a field for a header; score 2 for an exact synonym, 1 for a contained
// one, 0 for none. An ignored header word scores 1 with no field.
func matchField(header string) (key string, score int) {
	h := cleanHeader(header)
	if h == "" {
		return "", 0
	}
	for _, w := range ignoredHeaders {
		if h == w {
			return "", 1
		}
	}
	for _, f := range Fields {
		for _, syn := range f.Synonyms {
			if h == strings.ToUpper(syn) {
				return f.Key, 2
			}
		}
	}
	if len([]rune(h)) > 16 {
		return "", 0 // a sentence, not a header
	}
	best, bestLen := "", 0
	for _, f := range Fields {
		for _, syn := range f.Synonyms {
			s := strings.ToUpper(syn)
			if len([]rune(s)) >= 2 && strings.Contains(h, s) && len(s) > bestLen {
				best, bestLen = f.Key, len(s)
			}
		}
	}
	if best != "" {
		return best, 1
	}
	return "", 0
}
