package importers

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"ganzhao/app"
)

// Value parsers for what people write in cells. Each takes the cell's text (an Excel number
// arrives as its shortest decimal text, "5.2", "45728") and returns the value or a Chinese
// error that names what is wrong; none of them goes through float64.

// Unit is what one unit of a written amount is worth: in 元 for RMB, in US cents for dollars.
type Unit struct {
	Scale int64 // 1 (元), 10 000 (万元), 100 000 000 (亿元); for dollars 100 (美元), 1 000 000 (万美元)
	USD   bool
}

// Units of amounts.
var (
	UnitYuan  = Unit{Scale: 1}
	UnitWan   = Unit{Scale: 10_000}
	UnitYi    = Unit{Scale: 100_000_000}
	UnitUSD   = Unit{Scale: 100, USD: true}
	UnitWanUS = Unit{Scale: 1_000_000, USD: true}
)

// IsZero reports a unit not known.
func (u Unit) IsZero() bool { return u.Scale == 0 }

// Label is the unit's Chinese name.
func (u Unit) Label() string {
	names := map[Unit]string{UnitYuan: "元", UnitWan: "万元", UnitYi: "亿元", UnitUSD: "美元", UnitWanUS: "万美元"}
	if n, ok := names[u]; ok {
		return n
	}
	return fmt.Sprintf("×%d", u.Scale)
}

// Money is an amount read from a cell: Value is in 元, or in US cents when USD.
type Money struct {
	Value  int64
	USD    bool
	Approx bool // the cell said 约, 左右, 余, 多 or 以上: the figure is kept as written
	Unit   Unit // the unit applied
	// UnitFromCell tells the unit was written in the cell; otherwise it came from the
	// header or, failing that, the default.
	UnitFromCell bool
}

// unitWords are the unit words a cell may end with, longest first so 万美元 wins over 美元.
var unitWords = []struct {
	word string
	unit Unit
}{
	{"万亿元", Unit{Scale: 1_000_000_000_000}}, {"万亿", Unit{Scale: 1_000_000_000_000}},
	{"亿美元", Unit{Scale: 10_000_000_000, USD: true}}, {"千万美元", Unit{Scale: 1_000_000_000, USD: true}},
	{"百万美元", Unit{Scale: 100_000_000, USD: true}}, {"万美元", UnitWanUS}, {"美元", UnitUSD},
	{"千万元", Unit{Scale: 10_000_000}}, {"千万", Unit{Scale: 10_000_000}},
	{"百万元", Unit{Scale: 1_000_000}}, {"百万", Unit{Scale: 1_000_000}},
	{"千元", Unit{Scale: 1_000}}, {"亿元", UnitYi}, {"亿", UnitYi}, {"万元", UnitWan}, {"万", UnitWan}, {"元", UnitYuan},
}

// HeaderUnit finds the unit a header gives its column: 总投资（万元）, 金额(亿元), 合同外资/万美元.
// The zero Unit when the header names none.
func HeaderUnit(header string) Unit {
	h := strings.ToUpper(app.HalfWidth(header))
	for _, w := range unitWords {
		if strings.Contains(h, w.word) {
			return w.unit
		}
	}
	switch {
	case strings.Contains(h, "USD"), strings.Contains(h, "US$"):
		return UnitUSD
	case strings.Contains(h, "RMB"), strings.Contains(h, "CNY"):
		return UnitYuan
	}
	return Unit{}
}

var numberPrefix = regexp.MustCompile(`^[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]{1,3})?`)

// ErrNotAmount is wrapped by amount errors.
var ErrNotAmount = errors.New("不是金额")

// ParseAmount reads an amount: "5.2亿元", "8000万", "1.5亿", "3,200" (in the header's unit),
// "5000万元人民币", "1000万美元", "￥12,000.50", "约3亿". An amount without a unit in the cell
// takes the header's unit, else def. Approximate words are dropped and flagged. The empty cell
// is the zero Money. Ranges, negative amounts, formulas and words are refused.
func ParseAmount(cell string, header, def Unit) (Money, error) {
	raw := cell
	s := strings.ToUpper(app.HalfWidth(cell))
	s = strings.Map(func(r rune) rune {
		switch r {
		case ',', '，', ' ', '\u3000', '\u00a0', '\t', '\n', '\r':
			return -1
		}
		return r
	}, s)
	if s == "" {
		return Money{}, nil
	}
	if utf8.RuneCountInString(s) > 64 {
		return Money{}, fmt.Errorf("金额“%s”太长：%w", clip(raw), ErrNotAmount)
	}
	var m Money
	for _, w := range []string{"大约", "约", "预计", "计划", "近"} {
		if rest, ok := strings.CutPrefix(s, w); ok {
			s, m.Approx = rest, true
		}
	}
	for _, w := range []string{"左右", "以上", "余", "多", "+"} {
		if rest, ok := strings.CutSuffix(s, w); ok && rest != "" {
			s, m.Approx = rest, true
		}
	}
	usd, sign := false, false
	for _, p := range []string{"人民币", "RMB", "CNY"} {
		s = strings.TrimPrefix(s, p)
	}
	for _, p := range []string{"¥", "￥"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s, sign = rest, true
		}
	}
	for _, p := range []string{"USD", "US$", "$"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s, usd = rest, true
		}
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		return Money{}, fmt.Errorf("金额“%s”为负数：%w", clip(raw), ErrNotAmount)
	}
	num := numberPrefix.FindString(s)
	if num == "" || num == "." || strings.Trim(num, ".eE+-") == "" {
		return Money{}, fmt.Errorf("“%s”不是金额：%w", clip(raw), ErrNotAmount)
	}
	rest := s[len(num):]
	for _, p := range []string{"人民币", "RMB", "CNY"} {
		rest = strings.TrimSuffix(rest, p)
	}
	unit := Unit{}
	if rest != "" {
		found := false
		for _, w := range unitWords {
			if rest == w.word {
				unit, found = w.unit, true
				break
			}
		}
		switch {
		case found:
		case rest == "USD" || rest == "US$" || rest == "$":
			unit, found = UnitUSD, true
		case rest == "万USD":
			unit, found = UnitWanUS, true
		}
		if !found {
			if strings.ContainsAny(rest, "-~～至到") {
				return Money{}, fmt.Errorf("金额“%s”是一个范围，请填一个数：%w", clip(raw), ErrNotAmount)
			}
			return Money{}, fmt.Errorf("金额“%s”的单位“%s”无法识别：%w", clip(raw), rest, ErrNotAmount)
		}
		m.UnitFromCell = true
	}
	if unit.IsZero() && usd {
		unit = UnitUSD
		if header.USD {
			unit = header
		}
		m.UnitFromCell = true
	}
	if unit.IsZero() && sign {
		unit = UnitYuan // ￥12,000.50 is in 元 whatever the header says
	}
	if unit.IsZero() {
		unit = header
	}
	if unit.IsZero() {
		unit = def
	}
	if usd && !unit.USD {
		unit = Unit{Scale: unit.Scale * 100, USD: true}
	}
	v, err := scaleDecimal(num, unit.Scale)
	if err != nil {
		return Money{}, fmt.Errorf("金额“%s”%s：%w", clip(raw), err.Error(), ErrNotAmount)
	}
	m.Value, m.USD, m.Unit = v, unit.USD, unit
	return m, nil
}

// scaleDecimal multiplies the decimal text num ("5.2", "1.5E8", "3200") by scale exactly,
// rounding half away from zero to an integer.
func scaleDecimal(num string, scale int64) (int64, error) {
	mant, exp := num, 0
	if i := strings.IndexAny(num, "eE"); i >= 0 {
		e, err := strconv.Atoi(num[i+1:])
		if err != nil {
			return 0, errors.New("的指数无法识别")
		}
		mant, exp = num[:i], e
	}
	whole, frac, _ := strings.Cut(mant, ".")
	if whole == "" && frac == "" {
		return 0, errors.New("没有数字")
	}
	digits := strings.TrimLeft(whole+frac, "0")
	if digits == "" {
		return 0, nil
	}
	exp -= len(frac)
	n := new(big.Int)
	n.SetString(digits, 10)
	n.Mul(n, big.NewInt(scale))
	ten := big.NewInt(10)
	if exp > 0 {
		if exp > 30 {
			return 0, errors.New("太大")
		}
		n.Mul(n, new(big.Int).Exp(ten, big.NewInt(int64(exp)), nil))
	} else if exp < 0 {
		if -exp > 60 {
			return 0, nil
		}
		d := new(big.Int).Exp(ten, big.NewInt(int64(-exp)), nil)
		q, r := new(big.Int).QuoRem(n, d, new(big.Int))
		if r.Lsh(r, 1).Cmp(d) >= 0 {
			q.Add(q, big.NewInt(1))
		}
		n = q
	}
	if !n.IsInt64() {
		return 0, errors.New("太大")
	}
	return n.Int64(), nil
}

func clip(s string) string {
	s = app.CleanText(s)
	if utf8.RuneCountInString(s) > 30 {
		return string([]rune(s)[:30]) + "…"
	}
	return s
}

// DateValue is a date read from a cell; MonthOnly when the cell gave only a month
// ("2025-03", "2025年3月"): Date is then the first of that month.
type DateValue struct {
	Date      app.Date
	MonthOnly bool
}

var (
	dateCN     = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号]?)?$`)
	dateYMD    = regexp.MustCompile(`^(\d{4})[./\-](\d{1,2})(?:[./\-](\d{1,2}))?(?:[T ]\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?$`)
	dateDMY    = regexp.MustCompile(`^(\d{1,2})[./\-](\d{1,2})[./\-](\d{4})(?: \d{1,2}:\d{1,2}(?::\d{1,2})?)?$`)
	dateSerial = regexp.MustCompile(`^\d{1,7}(?:\.\d+)?$`)
	// dateTimeGlued is a date with a time written after it without a space.
	dateTimeGlued = regexp.MustCompile(`^(\d{4}[./\-]\d{1,2}[./\-]\d{1,2})(\d{1,2}:\d{1,2}(?::\d{1,2})?)$`)
	excelNumber   = regexp.MustCompile(`^(\d+(?:\.\d+)?)E\+?(\d{1,2})$`)
	methodSplit   = regexp.MustCompile(`[、,，;；/+\s]+|和|及`)
	listSplit     = regexp.MustCompile(`[、,，;；/]+`)
)

// Dates outside these years are refused as typing mistakes.
const (
	minYear = 1950
	maxYear = 2100
)

// excelEpoch is day 0 of Excel's 1900 date system as it counts from day 61 on (Excel takes
// 1900 for a leap year, so serial 60 is the non-existent 1900-02-29).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// ParseDate reads a date: an Excel serial (45728), 2025年3月12日, 2025.03.12, 2025/3/12,
// 2025-03-12 with or without a time, 20250312, and a month alone (2025-03, 2025年3月,
// 202503). Day-first or month-first dates (12/03/2025) are read only when the order is
// unambiguous. The empty cell is the zero DateValue.
func ParseDate(cell string) (DateValue, error) {
	s := strings.Join(strings.Fields(app.HalfWidth(cell)), "")
	if s == "" {
		return DateValue{}, nil
	}
	if len(s) > 40 {
		return DateValue{}, fmt.Errorf("“%s”不是日期", clip(cell))
	}
	// A time written after the date without a space.
	if m := dateTimeGlued.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	switch {
	case len(s) == 8 && strings.Trim(s, "0123456789") == "" && atoi(s[:4]) >= minYear:
		return makeDate(cell, atoi(s[:4]), atoi(s[4:6]), atoi(s[6:]), false)
	case len(s) == 6 && strings.Trim(s, "0123456789") == "" && atoi(s[:4]) >= minYear && atoi(s[:4]) <= maxYear:
		return makeDate(cell, atoi(s[:4]), atoi(s[4:]), 1, true)
	case dateSerial.MatchString(s):
		whole, _, _ := strings.Cut(s, ".")
		n := atoi(whole)
		if n < 1 || n > 2_958_465 {
			return DateValue{}, fmt.Errorf("“%s”不是日期", clip(cell))
		}
		if n < 61 {
			n++ // before Excel's phantom 1900-02-29
		}
		return makeDate(cell, 0, 0, n, false)
	}
	if m := dateCN.FindStringSubmatch(s); m != nil {
		if m[3] == "" {
			return makeDate(cell, atoi(m[1]), atoi(m[2]), 1, true)
		}
		return makeDate(cell, atoi(m[1]), atoi(m[2]), atoi(m[3]), false)
	}
	if m := dateYMD.FindStringSubmatch(s); m != nil {
		if m[3] == "" {
			return makeDate(cell, atoi(m[1]), atoi(m[2]), 1, true)
		}
		return makeDate(cell, atoi(m[1]), atoi(m[2]), atoi(m[3]), false)
	}
	if m := dateDMY.FindStringSubmatch(s); m != nil {
		a, b, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
		switch {
		case a > 12 && b <= 12:
			return makeDate(cell, y, b, a, false)
		case b > 12 && a <= 12:
			return makeDate(cell, y, a, b, false)
		case a == b:
			return makeDate(cell, y, a, b, false)
		}
		return DateValue{}, fmt.Errorf("日期“%s”无法确定是日/月还是月/日，请写作 %d-%02d-%02d 或 %d-%02d-%02d", clip(cell), y, b, a, y, a, b)
	}
	return DateValue{}, fmt.Errorf("“%s”不是日期（可写作 2025-03-12、2025年3月12日 或 2025.03.12）", clip(cell))
}

// makeDate checks y-m-d (or an Excel serial in d with y == 0) and returns it.
func makeDate(cell string, y, m, d int, monthOnly bool) (DateValue, error) {
	var t time.Time
	if y == 0 && m == 0 {
		t = excelEpoch.AddDate(0, 0, d)
	} else {
		if m < 1 || m > 12 {
			return DateValue{}, fmt.Errorf("日期“%s”的月份 %d 不存在", clip(cell), m)
		}
		t = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			return DateValue{}, fmt.Errorf("日期“%s”不存在（%d月没有%d日）", clip(cell), m, d)
		}
	}
	if t.Year() < minYear || t.Year() > maxYear {
		return DateValue{}, fmt.Errorf("日期“%s”的年份 %d 不合理", clip(cell), t.Year())
	}
	return DateValue{Date: app.DateOf(t), MonthOnly: monthOnly}, nil
}

// Phone is one phone number read from a cell, and what was done to it.
type Phone struct {
	Number   string
	Repaired string // a Chinese note when the number was repaired (a lost leading zero)
}

var (
	phoneSplit  = regexp.MustCompile(`[;；,，、/|\n\r]+|或|及|和`)
	phoneLabel  = regexp.MustCompile(`^[^0-9+(（]*[:：]?`)
	phoneExt    = regexp.MustCompile(`^(.*?\d)(?:转|EXT\.?|X|分机)(\d{1,6})$`)
	phoneNumber = regexp.MustCompile(`^\+?[0-9][0-9\-]*[0-9]$`)
)

// ParsePhones reads the phone numbers of a cell: several numbers separated by ；, / 、 or
// spaces; labels (手机：, Tel) dropped; +86 and 0086 dropped; a landline's area code separated
// by a dash; a number that lost its leading zero (79186123456 read as a number) repaired; an
// Excel number such as 1.3812345678E10 expanded. Numbers that are not phone numbers are
// returned as errors, one per number, so the rest of the cell is kept.
func ParsePhones(cell string) ([]Phone, []error) {
	s := strings.ToUpper(app.HalfWidth(cell))
	var out []Phone
	var errs []error
	for _, part := range phoneSplit.Split(s, -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		// Spaces separate numbers when every piece is a whole number by itself.
		pieces := strings.Fields(part)
		whole := len(pieces) > 1
		for _, p := range pieces {
			if countDigits(p) < 7 {
				whole = false
			}
		}
		if !whole {
			pieces = []string{strings.Join(pieces, "")}
		}
		for _, p := range pieces {
			ph, err := parsePhone(p)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			dup := false
			for _, o := range out {
				dup = dup || o.Number == ph.Number
			}
			if !dup {
				out = append(out, ph)
			}
		}
	}
	return out, errs
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// phoneSeparators drops the brackets around an area code and unifies the dashes of a phone
// number; fullWidthParens writes brackets the Chinese way. Built once: a replacer is costly
// to make and these run for every cell.
var (
	phoneSeparators = strings.NewReplacer("(", "", ")", "-", "（", "", "）", "-", " ", "", "—", "-", "－", "-")
	fullWidthParens = strings.NewReplacer("(", "（", ")", "）")
)

func parsePhone(p string) (Phone, error) {
	orig := p
	p = phoneLabel.ReplaceAllString(p, "")
	// An Excel number: 13812345678.0 or 1.3812345678E+10.
	if m := excelNumber.FindStringSubmatch(p); m != nil {
		exp, _ := strconv.Atoi(m[2])
		whole, frac, _ := strings.Cut(m[1], ".")
		if len(frac) > exp {
			return Phone{}, fmt.Errorf("“%s”不是电话号码", clip(orig))
		}
		p = whole + frac + strings.Repeat("0", exp-len(frac))
	}
	if w, ok := strings.CutSuffix(p, ".0"); ok && strings.Trim(w, "0123456789") == "" {
		p = w
	}
	p = phoneSeparators.Replace(p)
	p = strings.Trim(p, "-")
	ext := ""
	if m := phoneExt.FindStringSubmatch(p); m != nil {
		p, ext = m[1], m[2]
	}
	if !phoneNumber.MatchString(p) {
		return Phone{}, fmt.Errorf("“%s”不是电话号码", clip(orig))
	}
	plus := strings.HasPrefix(p, "+")
	digits := strings.ReplaceAll(strings.TrimPrefix(p, "+"), "-", "")
	dashed := strings.Contains(p, "-")
	switch {
	case plus && strings.HasPrefix(digits, "86") && len(digits) > 10:
		digits, plus, dashed = digits[2:], false, false
	case strings.HasPrefix(digits, "0086") && len(digits) > 12:
		digits, dashed = digits[4:], false
	case !plus && strings.HasPrefix(digits, "86") && len(digits) == 13 && digits[2] == '1':
		digits = digits[2:]
	}
	if plus {
		if len(digits) < 7 || len(digits) > 15 {
			return Phone{}, fmt.Errorf("电话“%s”位数不对", clip(orig))
		}
		return Phone{Number: "+" + digits + extSuffix(ext)}, nil
	}
	var ph Phone
	switch n := len(digits); {
	case n == 11 && digits[0] == '1' && digits[1] >= '3':
		ph.Number = digits // a mobile
	case digits[0] == '0' && n >= 10 && n <= 12:
		if dashed {
			ph.Number = strings.TrimPrefix(p, "+")
			if strings.HasPrefix(digits, "0086") {
				ph.Number = digits
			}
		} else {
			ph.Number = digits[:areaCodeLen(digits)] + "-" + digits[areaCodeLen(digits):]
		}
	case (strings.HasPrefix(digits, "400") || strings.HasPrefix(digits, "800")) && n == 10:
		ph.Number = digits
	case digits[0] != '0' && digits[0] != '1' && (n == 10 || n == 11) && !dashed:
		// A landline whose leading 0 was lost: 2-digit area codes (2x) take 8 digits,
		// 3-digit ones (3xx–9xx) take 7 or 8.
		fixed := "0" + digits
		if fixed[1] == '2' && n != 10 {
			return Phone{}, fmt.Errorf("电话“%s”位数不对", clip(orig))
		}
		ph.Number = fixed[:areaCodeLen(fixed)] + "-" + fixed[areaCodeLen(fixed):]
		ph.Repaired = fmt.Sprintf("电话“%s”缺少开头的0，已补为 %s", clip(orig), ph.Number)
	case digits[0] == '1' && digits[1] == '0' && n == 10 && !dashed:
		fixed := "0" + digits // 010: Beijing
		ph.Number = fixed[:3] + "-" + fixed[3:]
		ph.Repaired = fmt.Sprintf("电话“%s”缺少开头的0，已补为 %s", clip(orig), ph.Number)
	case n == 7 || n == 8:
		ph.Number = p // a local number
	case dashed && n >= 10 && n <= 12:
		ph.Number = p
	default:
		return Phone{}, fmt.Errorf("电话“%s”位数不对（%d位）", clip(orig), n)
	}
	ph.Number += extSuffix(ext)
	return ph, nil
}

func extSuffix(ext string) string {
	if ext == "" {
		return ""
	}
	return "转" + ext
}

// areaCodeLen is the length of the area code at the start of a national landline number:
// 010 and 02x are three digits with the 0, the others four.
func areaCodeLen(d string) int {
	if strings.HasPrefix(d, "010") || strings.HasPrefix(d, "02") {
		return 3
	}
	return 4
}

// CreditCode reads a 统一社会信用代码: full-width forms, spaces and case folded, the check
// character verified. An empty cell gives "". A 15-digit old registration number is told
// apart in the error.
func CreditCode(cell string) (string, error) {
	code := app.NormalizeCreditCode(cell)
	if code == "" {
		return "", nil
	}
	if len(code) == 15 && strings.Trim(code, "0123456789") == "" {
		return "", fmt.Errorf("“%s”是15位旧版工商注册号，不是统一社会信用代码", code)
	}
	if err := app.CheckCreditCode(code); err != nil {
		return "", err
	}
	return code, nil
}

// stageWords maps what ledgers write in a stage column to the stages.
var stageWords = []struct {
	words []string
	stage app.Stage
}{
	{[]string{"退库", "已退库", "退出", "已退出", "放弃", "已放弃", "撤销", "取消"}, app.StageWithdrawn},
	{[]string{"中止", "终止", "已终止", "暂停", "暂缓", "搁置", "停滞", "已中止"}, app.StageStopped},
	{[]string{"投产", "已投产", "建成投产", "部分投产", "试生产", "试投产", "竣工投产", "已竣工", "竣工", "达产", "运营", "已运营", "投运"}, app.StageProducing},
	{[]string{"在建", "建设中", "正在建设", "在建中", "施工中", "续建", "已开工在建"}, app.StageBuilding},
	{[]string{"开工", "已开工", "新开工", "开工建设", "动工", "已动工"}, app.StageStarted},
	{[]string{"签约", "已签约", "签约未开工", "已签协议", "已签订", "签订协议", "已签合同", "签约落地", "落地"}, app.StageSigned},
	{[]string{"在谈", "洽谈", "洽谈中", "正在洽谈", "在洽谈", "商谈", "商谈中", "对接中", "跟踪洽谈", "意向", "有意向", "考察", "谈判"}, app.StageNegotiating},
	{[]string{"储备", "谋划", "在谋划", "线索", "信息", "储备项目", "前期", "初步接触", "策划"}, app.StageReserve},
}

// ParseStage reads a stage word: the stages themselves and what ledgers write for them
// (洽谈中 → 在谈, 已签约 → 签约, 已开工 → 开工, 已投产 → 投产, 终止 → 中止 …).
func ParseStage(cell string) (app.Stage, error) {
	s := strings.Join(strings.Fields(app.HalfWidth(app.CleanText(cell))), "")
	s = strings.TrimSuffix(s, "阶段")
	if s == "" {
		return "", nil
	}
	if st := app.Stage(s); st.Valid() {
		return st, nil
	}
	for _, w := range stageWords {
		for _, word := range w.words {
			if s == word || s == word+"项目" {
				return w.stage, nil
			}
		}
	}
	return "", fmt.Errorf("无法识别的项目阶段“%s”（应为储备、在谈、签约、开工、在建、投产、中止或退库）", clip(cell))
}

// ParseNature reads an enterprise nature (企业性质) or a registered company type (企业类型):
// 民营/私营/自然人投资 → 民企, 外资/外商独资 → 外企（独资）, 中外合资 → 外企（合资）, 央企 →
// 国企（央企）, 国有/地方国企 → 国企（地方）. ok is false for words that say nothing of it.
func ParseNature(cell string) (app.Nature, bool) {
	s := strings.Join(strings.Fields(app.HalfWidth(app.CleanText(cell))), "")
	s = fullWidthParens.Replace(s)
	if s == "" {
		return "", true
	}
	if n := app.Nature(s); n.Valid() {
		return n, true
	}
	has := func(ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("央企", "中央企业", "中央管理", "国务院国资委"):
		return app.NatureCentralSOE, true
	case has("非独资", "合资", "合作"):
		return app.NatureForeignJoint, true
	case has("外商独资", "外国法人独资", "台港澳法人独资", "港澳台法人独资", "外资", "外企", "外商", "港资", "台资", "澳资", "外国"):
		return app.NatureForeignOwned, true
	case has("国有", "国企", "省属", "市属", "地方国", "国资"):
		return app.NatureLocalSOE, true
	case has("民营", "私营", "民企", "自然人", "个体", "个人独资", "民间"):
		return app.NaturePrivate, true
	case has("集体"):
		return app.NatureOther, true
	}
	return "", false
}

// methodWords maps free text in a 招商方式 column to the method tags.
var methodWords = []struct {
	words  []string
	method string
}{
	{[]string{"驻点"}, "驻点招商"},
	{[]string{"以商引商", "以商招商", "商引商", "企业引荐", "客商推荐"}, "以商引商"},
	{[]string{"产业链", "链式", "补链", "延链", "强链", "链主"}, "产业链招商"},
	{[]string{"基金"}, "基金招商"},
	{[]string{"股权"}, "股权招商"},
	{[]string{"并购", "收购", "兼并"}, "并购招商"},
	{[]string{"专业机构", "中介", "第三方", "委托招商", "机构合作"}, "专业机构合作招商"},
	{[]string{"专题对接", "对接会", "专题"}, "专题对接招商"},
	{[]string{"三请三回", "乡友", "校友", "战友", "乡贤", "赣商回归"}, "三请三回"},
	{[]string{"展会", "峰会", "论坛", "博览会", "推介会", "招商会", "洽谈会", "进博会", "广交会", "世界500强"}, "展会/峰会论坛"},
}

// ParseMethods reads a 招商方式 cell: parts separated by 、，/; each mapped to a method tag,
// unknown words to 其他 (returned in unknown, so the row can say so).
func ParseMethods(cell string) (methods, unknown []string) {
	s := app.HalfWidth(app.CleanText(cell))
	for _, part := range methodSplit.Split(s, -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		found := ""
		for _, mw := range methodWords {
			for _, w := range mw.words {
				if strings.Contains(part, w) {
					found = mw.method
					break
				}
			}
			if found != "" {
				break
			}
		}
		if found == "" {
			if part == "其他" || part == "其它" {
				found = "其他"
			} else {
				unknown = append(unknown, part)
				found = "其他"
			}
		}
		if !contains(methods, found) {
			methods = append(methods, found)
		}
	}
	return methods, unknown
}

// ParseTies reads the 三友 of a cell (乡友、校友 …).
func ParseTies(cell string) []app.Tie {
	var out []app.Tie
	for _, t := range app.Ties {
		if strings.Contains(cell, string(t)) {
			out = append(out, t)
		}
	}
	return out
}

// ParseBool reads a yes/no cell: 是 √ Y 1 有 true; 否 × N 0 无 and blank false. ok is false for
// anything else.
func ParseBool(cell string) (v, ok bool) {
	s := strings.ToUpper(strings.Join(strings.Fields(app.HalfWidth(app.CleanText(cell))), ""))
	switch s {
	case "是", "√", "✓", "✔", "Y", "YES", "1", "有", "TRUE", "是的", "属于":
		return true, true
	case "", "否", "×", "✗", "N", "NO", "0", "无", "FALSE", "不是", "不属于", "/", "-":
		return false, true
	}
	return false, false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
