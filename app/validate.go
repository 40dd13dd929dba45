package app

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Normalising cleans what a user typed (spaces, full-width forms, case of codes, duplicate
// tags) before validation; validation then names every remaining problem by field.

const maxNameRunes = 200

func checkName(pr *problems, field, label, name string) {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		pr.add(field, "请填写"+label)
	case n > maxNameRunes:
		pr.add(field, fmt.Sprintf("%s过长（%d字，最多%d字）", label, n, maxNameRunes))
	}
}

func checkAmount(pr *problems, field, label string, v Yuan) {
	switch {
	case v < 0:
		pr.add(field, label+"不能为负数")
	case v > maxPlausibleInvest:
		pr.add(field, fmt.Sprintf("%s %s 超过1万亿元，请检查单位（万元/亿元）", label, v.FormatYi()))
	}
}

func dedupe[T comparable](in []T, keep func(T) bool) []T {
	var out []T
	for _, v := range in {
		if keep(v) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func nonEmpty(s string) bool { return s != "" }

// NormalizeEnterprise cleans an enterprise's text fields and its credit code.
func NormalizeEnterprise(e *Enterprise) {
	e.Name = CleanText(FullWidthParens(e.Name))
	e.CreditCode = NormalizeCreditCode(e.CreditCode)
	for _, s := range []*string{&e.HQProvince, &e.HQCity, &e.HQCountry, &e.Industry, &e.Website, &e.Owner} {
		*s = CleanText(*s)
	}
	e.Priority = Priority(strings.ToUpper(CleanText(string(e.Priority))))
	var cats []CategoryTag
	for _, c := range e.Categories {
		c.Name = CleanText(c.Name)
		if c.Name != "" && !slices.ContainsFunc(cats, func(d CategoryTag) bool { return d.Name == c.Name }) {
			cats = append(cats, c)
		}
	}
	e.Categories = cats
}

// FullWidthParens writes the brackets of a company name the way registrations do: full-width
// （ ） around a place, whichever the user typed, so that duplicates are found.
func FullWidthParens(s string) string { return parensFull.Replace(s) }

// ValidateEnterprise checks a normalised enterprise.
func ValidateEnterprise(e Enterprise) error {
	pr := problems{entity: "企业"}
	checkName(&pr, "name", "企业名称", e.Name)
	if e.CreditCode != "" {
		if err := CheckCreditCode(e.CreditCode); err != nil {
			pr.add("credit_code", err.Error())
		}
	}
	if !e.Nature.Valid() {
		pr.add("nature", fmt.Sprintf("未知的企业性质“%s”", e.Nature))
	}
	if !e.Priority.Valid() {
		pr.add("priority", fmt.Sprintf("目标等级应为A、B、C或不填，不能是“%s”", e.Priority))
	}
	for _, c := range e.Categories {
		if c.Year != 0 && (c.Year < 1900 || c.Year > 2100) {
			pr.add("categories", fmt.Sprintf("企业类别“%s”的年份%d不合理", c.Name, c.Year))
		}
	}
	return pr.err()
}

// NormalizePerson cleans a person's fields: phones lose spaces and dashes are kept, duplicate
// phones and ties go.
func NormalizePerson(p *Person) {
	p.Name = CleanText(p.Name)
	for _, s := range []*string{&p.Title, &p.NativeProvince, &p.NativeCity, &p.NativeCounty, &p.AlmaMater, &p.ServicePlace, &p.Keeper, &p.ResidenceCity} {
		*s = CleanText(*s)
	}
	// IDs and addresses are ASCII: full-width letters and digits typed through an IME become plain.
	p.WeChat, p.Email = CleanText(HalfWidth(p.WeChat)), CleanText(HalfWidth(p.Email))
	phones := make([]string, 0, len(p.Phones))
	for _, ph := range p.Phones {
		phones = append(phones, NormalizePhone(ph))
	}
	p.Phones = dedupe(phones, nonEmpty)
	p.Ties = dedupe(p.Ties, func(t Tie) bool { return t != "" })
	var ms []Membership
	for _, m := range p.Memberships {
		m.Role = CleanText(m.Role)
		if m.ChamberID != "" && !slices.ContainsFunc(ms, func(n Membership) bool { return n.ChamberID == m.ChamberID }) {
			ms = append(ms, m)
		}
	}
	p.Memberships = ms
	for i := range p.Dates {
		p.Dates[i].Label = CleanText(p.Dates[i].Label)
		if p.Dates[i].Calendar == "" {
			p.Dates[i].Calendar = Solar
		}
	}
}

// NormalizePhone removes spaces and full-width forms from a phone number, keeping digits, a
// leading +, dashes between an area code and the number, and an extension after "转".
func NormalizePhone(s string) string {
	s = HalfWidth(s)
	return strings.Map(func(r rune) rune {
		if isSpace(r) || r == '(' || r == ')' {
			return -1
		}
		return r
	}, s)
}

// checkPhone accepts 7 to 15 digits with an optional leading + and inner dashes, and an
// extension of 1 to 6 digits after "转".
func checkPhone(s string) bool {
	if main, ext, ok := strings.Cut(s, "转"); ok {
		if len(ext) < 1 || len(ext) > 6 || strings.Trim(ext, "0123456789") != "" {
			return false
		}
		s = main
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == '-':
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 15
}

// ValidatePerson checks a normalised person.
func ValidatePerson(p Person) error {
	pr := problems{entity: "人物"}
	checkName(&pr, "name", "姓名", p.Name)
	for _, ph := range p.Phones {
		if !checkPhone(ph) {
			pr.add("phones", fmt.Sprintf("电话号码“%s”格式不对（应为7–15位数字，可带区号和-）", ph))
		}
	}
	if p.Email != "" && (!strings.Contains(p.Email, "@") || strings.ContainsAny(p.Email, " ，,")) {
		pr.add("email", fmt.Sprintf("邮箱“%s”格式不对", p.Email))
	}
	for _, t := range p.Ties {
		if !t.Valid() {
			pr.add("ties", fmt.Sprintf("“%s”不是三友类型（乡友、校友、战友）", t))
		}
	}
	if !p.Tier.Valid() {
		pr.add("tier", fmt.Sprintf("联系等级应为A、B、C或不填，不能是“%s”", p.Tier))
	}
	if p.CadenceDays < 0 || p.CadenceDays > 3650 {
		pr.add("cadence_days", "联系周期应在0到3650天之间")
	}
	for _, d := range p.Dates {
		maxDay := 31
		if d.Calendar == Lunar {
			maxDay = 30
		}
		switch {
		case d.Calendar != Solar && d.Calendar != Lunar:
			pr.add("important_dates", fmt.Sprintf("“%s”应为公历或农历", d.Label))
		case d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > maxDay || (d.Calendar == Solar && d.Day > solarMonthDays(d.Year, d.Month)):
			pr.add("important_dates", fmt.Sprintf("“%s”的日期%d月%d日不存在", d.Label, d.Month, d.Day))
		case d.LeapMonth && d.Calendar != Lunar:
			pr.add("important_dates", fmt.Sprintf("“%s”：只有农历有闰月", d.Label))
		}
	}
	return pr.err()
}

// solarMonthDays is the length of a solar month; with the year unknown, February has 29 days
// (a birthday on 2月29日 is possible).
func solarMonthDays(year, month int) int {
	if year == 0 {
		year = 2000 // a leap year
	}
	return NewDate(year, time.Month(month)+1, 0).Day()
}

// NormalizeChamber cleans a chamber's fields.
func NormalizeChamber(c *Chamber) {
	c.Name, c.City, c.Kind = CleanText(c.Name), CleanText(c.City), CleanText(c.Kind)
}

// ValidateChamber checks a normalised chamber.
func ValidateChamber(c Chamber) error {
	pr := problems{entity: "商会"}
	checkName(&pr, "name", "商会名称", c.Name)
	return pr.err()
}

// NormalizeProject cleans a project: text fields, the code, tags; the sector defaults to 工业;
// naming a 三友 type marks the project as a 三请三回 project; an 入统 date marks it 入统.
func NormalizeProject(p *Project) {
	p.Name = CleanText(p.Name)
	p.Code = strings.ToUpper(CleanText(HalfWidth(p.Code)))
	p.Leader, p.Unit, p.StageReason = CleanText(p.Leader), CleanText(p.Unit), CleanText(p.StageReason)
	if p.Sector == "" {
		p.Sector = SectorIndustry
	}
	if p.Stage == "" {
		p.Stage = StageReserve
	}
	methods := make([]string, 0, len(p.Methods))
	for _, m := range p.Methods {
		methods = append(methods, CleanText(m))
	}
	p.Methods = dedupe(methods, nonEmpty)
	p.HomecomingTies = dedupe(p.HomecomingTies, func(t Tie) bool { return t != "" })
	if len(p.HomecomingTies) > 0 {
		p.Homecoming = true
	}
	if !p.RegisteredOn.IsZero() {
		p.Registered = true
	}
}

// ValidateProject checks a normalised project on a given day: names and amounts, the stage and
// the reason it needs, and the milestone dates against the stage.
func ValidateProject(p Project, today Date) error {
	pr := problems{entity: "项目"}
	checkName(&pr, "name", "项目名称", p.Name)
	if !p.Stage.Valid() {
		pr.add("stage", fmt.Sprintf("未知的项目阶段“%s”", p.Stage))
	}
	if p.Stage.Terminal() && p.StageReason == "" {
		pr.add("stage_reason", fmt.Sprintf("“%s”的项目须填写原因", p.Stage))
	}
	if !slices.Contains(Sectors, p.Sector) {
		pr.add("sector", fmt.Sprintf("产业类别应为工业、服务业或农业，不能是“%s”", p.Sector))
	}
	checkAmount(&pr, "total_investment", "总投资", p.TotalInvestment)
	checkAmount(&pr, "fixed_investment", "固定资产投资", p.FixedInvestment)
	if p.FixedInvestment > p.TotalInvestment && p.TotalInvestment > 0 {
		pr.add("fixed_investment", fmt.Sprintf("固定资产投资（%s）不能大于总投资（%s）", p.FixedInvestment.FormatWan(), p.TotalInvestment.FormatWan()))
	}
	switch {
	case p.ForeignCapital < 0:
		pr.add("foreign_capital", "合同外资不能为负数")
	case p.ForeignCapital > maxPlausibleCapital:
		pr.add("foreign_capital", "合同外资超过100亿美元，请检查单位（万美元）")
	}
	if p.Land < 0 {
		pr.add("land_mu", "用地面积不能为负数")
	}
	for _, t := range p.HomecomingTies {
		if !t.Valid() {
			pr.add("homecoming_ties", fmt.Sprintf("“%s”不是三友类型（乡友、校友、战友）", t))
		}
	}
	if p.RegisteredOn.After(today) {
		pr.add("registered_on", fmt.Sprintf("入统日期 %s 晚于今天", p.RegisteredOn))
	}
	if p.StageSince.After(today) {
		pr.add("stage_since", fmt.Sprintf("阶段变更日期 %s 晚于今天", p.StageSince))
	}
	return checkMilestones(p, today, &pr)
}

// NormalizeTask cleans a task; a task marked done without a date is done today.
func NormalizeTask(t *Task, today Date) {
	t.Title, t.Assignee = CleanText(t.Title), CleanText(t.Assignee)
	if t.Done && t.DoneOn.IsZero() {
		t.DoneOn = today
	}
	if !t.Done {
		t.DoneOn = Date{}
	}
}

// ValidateTask checks a normalised task.
func ValidateTask(t Task) error {
	pr := problems{entity: "任务"}
	checkName(&pr, "title", "任务内容", t.Title)
	if t.ProjectID == "" && t.PersonID == "" {
		pr.add("project_id", "任务须属于一个项目或一位人物")
	}
	return pr.err()
}

// NormalizeActivity cleans an activity and drops duplicate links.
func NormalizeActivity(a *Activity) {
	a.Kind, a.Place, a.By = CleanText(a.Kind), CleanText(a.Place), CleanText(a.By)
	a.Summary, a.NextStep = strings.TrimSpace(a.Summary), strings.TrimSpace(a.NextStep)
	a.ProjectIDs = dedupe(a.ProjectIDs, nonEmpty)
	a.EnterpriseIDs = dedupe(a.EnterpriseIDs, nonEmpty)
	a.PersonIDs = dedupe(a.PersonIDs, nonEmpty)
}

// ValidateActivity checks a normalised activity.
func ValidateActivity(a Activity) error {
	pr := problems{entity: "跟进记录"}
	if a.Kind == "" {
		pr.add("kind", "请选择跟进方式（走访、洽谈、电话……）")
	}
	if a.On.IsZero() {
		pr.add("on", "请填写跟进日期")
	}
	if a.Summary == "" && a.NextStep == "" {
		pr.add("summary", "请填写跟进情况")
	}
	if !a.NextDue.IsZero() && !a.On.IsZero() && a.NextDue.Before(a.On) {
		pr.add("next_due", fmt.Sprintf("下步期限 %s 早于跟进日期 %s", a.NextDue, a.On))
	}
	return pr.err()
}

// NormalizeFund cleans a fund.
func NormalizeFund(f *Fund) { f.Name = CleanText(FullWidthParens(f.Name)) }

// ValidateFund checks a normalised fund.
func ValidateFund(f Fund) error {
	pr := problems{entity: "基金"}
	checkName(&pr, "name", "基金名称", f.Name)
	if !slices.Contains(FundTypes, f.Type) {
		pr.add("type", fmt.Sprintf("基金类型应为%s之一", joinAny(FundTypes)))
	}
	if f.Level != "" && !slices.Contains(FundLevels, f.Level) {
		pr.add("level", fmt.Sprintf("基金层级应为%s之一", joinAny(FundLevels)))
	}
	if f.Stage != "" && !slices.Contains(FundStages, f.Stage) {
		pr.add("stage", fmt.Sprintf("基金阶段应为%s之一", joinAny(FundStages)))
	}
	checkAmount(&pr, "size", "基金规模", f.Size)
	checkAmount(&pr, "gov_commitment", "政府出资", f.GovCommitment)
	if f.Size > 0 && f.GovCommitment > f.Size {
		pr.add("gov_commitment", "政府出资不能大于基金规模")
	}
	if f.ParentID != "" && f.ParentID == f.ID {
		pr.add("parent_id", "上级基金不能是本基金")
	}
	switch f.ReinvestKind {
	case ReinvestNone:
	case ReinvestMultiple:
		if f.ReinvestRatio <= 0 || f.ReinvestRatio > 100_000 {
			pr.add("reinvest_ratio_bp", "返投倍数应大于0且不超过10倍")
		}
	case ReinvestShare:
		if f.ReinvestRatio <= 0 || f.ReinvestRatio > 10_000 {
			pr.add("reinvest_ratio_bp", "返投比例应在0到100%之间")
		}
	default:
		pr.add("reinvest_kind", "返投要求应为倍数或比例")
	}
	if f.ReinvestKind != ReinvestNone && !slices.Contains(ReinvestBases, f.ReinvestBase) {
		pr.add("reinvest_base", "请选择返投基数（认缴、实缴或可投资金额）")
	}
	checkFundParties(&pr, f)
	return pr.err()
}

// checkFundParties checks a fund's second GP and its 可投资金额.
func checkFundParties(pr *problems, f Fund) {
	if f.CoManagerID != "" && f.CoManagerID == f.ManagerID {
		pr.add("co_manager_id", "第二管理人（双GP）不能与管理人相同")
	}
	checkAmount(pr, "investable", "可投资金额", f.Investable)
	if f.Size > 0 && f.Investable > f.Size {
		pr.add("investable", "可投资金额不能大于基金规模")
	}
}

// ValidateFundLP checks a limited partner of a fund.
func ValidateFundLP(lp FundLP) error {
	pr := problems{entity: "基金出资人"}
	if lp.FundID == "" {
		pr.add("fund_id", "请选择基金")
	}
	if lp.EnterpriseID == "" {
		pr.add("enterprise_id", "请选择出资人")
	}
	checkAmount(&pr, "subscribed", "认缴出资", lp.Subscribed)
	checkAmount(&pr, "paid_in", "实缴出资", lp.PaidIn)
	if lp.Subscribed >= 0 && lp.PaidIn > lp.Subscribed {
		pr.add("paid_in", "实缴出资不能大于认缴出资")
	}
	return pr.err()
}

// ValidateFundInvestment checks an investment of a fund.
func ValidateFundInvestment(v FundInvestment) error {
	pr := problems{entity: "基金投资"}
	if v.FundID == "" {
		pr.add("fund_id", "请选择基金")
	}
	if v.EnterpriseID == "" {
		pr.add("enterprise_id", "请选择被投企业")
	}
	if v.Amount <= 0 {
		pr.add("amount", "投资金额应大于0")
	} else {
		checkAmount(&pr, "amount", "投资金额", v.Amount)
	}
	if v.On.IsZero() {
		pr.add("on", "请填写投资日期")
	}
	if v.Counts && v.CountsReason == "" {
		pr.add("counts_reason", "计入返投须写明认定依据（如本地设立子公司、本地新建工厂、总部迁入）")
	}
	return pr.err()
}

// ValidateArrival checks a month of arrived funds.
func ValidateArrival(a Arrival) error {
	pr := problems{entity: "到位资金"}
	if a.ProjectID == "" {
		pr.add("project_id", "到位资金须属于一个项目")
	}
	if a.Month.IsZero() {
		pr.add("month", "请填写月份")
	}
	if a.Amount <= 0 {
		pr.add("amount", "到位金额应大于0")
	} else {
		checkAmount(&pr, "amount", "到位金额", a.Amount)
	}
	if !slices.Contains(ArrivalSources, a.Source) {
		pr.add("source", "资金来源应为省外、境外或省内")
	}
	return pr.err()
}

func joinAny[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, "、")
}
