package app

import (
	"strings"
	"unicode/utf8"
)

// Duplicate detection keys. Two enterprises are the same when their credit codes match, or
// else when their names match once the legal form, a bracketed place and a leading place
// are taken away: 深圳市华芯微联科技有限公司, 华芯微联科技（深圳）有限公司 and 华芯微联科技股份有限公司
// all give 华芯微联科技. People are the same by phone, else by name within one enterprise;
// projects by code, else by name and investor. The import uses these keys now; merging
// records later will too.

// legalSuffixes are the legal forms stripped from the end of a name, longest first.
var legalSuffixes = []string{
	"股份有限公司", "有限责任公司", "集团有限公司", "集团股份公司", "有限公司", "股份公司", "集团公司",
	"有限合伙", "普通合伙", "公司", "集团", "股份",
}

// bracketWords are the bracketed words stripped anywhere in a name besides places.
var bracketWords = []string{"中国", "集团", "控股", "有限合伙", "普通合伙", "特殊普通合伙", "总部"}

// placeNames are provinces, the big cities that appear in company names, and Jiangxi's
// cities and county-level units, without their 省/市/县/区 suffix.
var placeNames = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range []string{
		// provinces and regions
		"北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门",
		// cities often in company names
		"深圳 广州 东莞 佛山 珠海 中山 惠州 汕头 江门 湛江 肇庆 杭州 宁波 温州 绍兴 嘉兴 金华 台州 湖州 苏州 南京 无锡 常州 南通 扬州 徐州 盐城 泰州 镇江 昆山 合肥 芜湖 厦门 福州 泉州 漳州 武汉 长沙 成都 西安 郑州 济南 青岛 烟台 大连 沈阳 哈尔滨 长春 石家庄 太原 昆明 贵阳 南宁 海口 三亚 兰州 乌鲁木齐 呼和浩特 银川 西宁 拉萨",
		// Jiangxi's 设区市
		"南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶",
		// Jiangxi's county-level units (names as used without the suffix)
		"东湖 西湖 青云谱 青山湖 新建 红谷滩 进贤 安义 昌江 珠山 浮梁 乐平 安源 湘东 莲花 上栗 芦溪 濂溪 浔阳 柴桑 武宁 修水 永修 德安 都昌 湖口 彭泽 瑞昌 共青城 庐山 渝水 分宜 月湖 余江 贵溪 章贡 南康 赣县 信丰 大余 上犹 崇义 安远 定南 全南 宁都 于都 兴国 会昌 寻乌 石城 瑞金 龙南 吉州 青原 吉水 峡江 新干 永丰 泰和 遂川 万安 安福 永新 井冈山 袁州 奉新 万载 上高 宜丰 靖安 铜鼓 丰城 樟树 高安 临川 东乡 南城 黎川 南丰 崇仁 乐安 宜黄 金溪 资溪 广昌 信州 广丰 广信 玉山 铅山 横峰 弋阳 余干 鄱阳 万年 婺源 德兴",
	} {
		for _, n := range strings.Fields(list) {
			m[n] = true
		}
	}
	return m
}()

// placeSuffixes follow a place name in a prefix such as 深圳市 or 江西省.
var placeSuffixes = []string{"省", "市", "自治区", "特别行政区", "县", "区"}

// NormalizeEnterpriseName returns the key under which enterprise names are compared: white
// space, brackets of any width and case folded; the legal form (有限公司, 股份, 集团 …), any
// bracketed place or word such as （深圳）（中国）（集团）, and leading places (深圳市, 江西省南昌市,
// or a bare 深圳 when at least four characters remain) removed. It returns "" for an empty
// name.
func NormalizeEnterpriseName(name string) string {
	s := strings.ToUpper(HalfWidth(CleanText(name)))
	s = strings.Join(strings.Fields(s), "")
	s = bracketsFull.Replace(s)
	s = stripBrackets(s)
	full := s
	for changed := true; changed; {
		changed = false
		for _, suf := range legalSuffixes {
			if rest, ok := strings.CutSuffix(s, suf); ok && rest != "" {
				s, changed = rest, true
			}
		}
	}
	s = stripPlacePrefix(s)
	if s == "" {
		return full
	}
	return s
}

// stripBrackets removes bracketed places and words such as （深圳） or （集团）; other bracketed
// text is kept without its brackets, so that （九江分公司） still tells a branch apart.
func stripBrackets(s string) string {
	var b strings.Builder
	for {
		open := strings.Index(s, "（")
		if open < 0 {
			break
		}
		end := strings.Index(s[open:], "）")
		if end < 0 {
			break
		}
		inner := s[open+len("（") : open+end]
		b.WriteString(s[:open])
		if !isPlace(inner) && !contains(bracketWords, inner) {
			b.WriteString(inner)
		}
		s = s[open+end+len("）"):]
	}
	b.WriteString(s)
	return bracketsGone.Replace(b.String())
}

var (
	bracketsFull = strings.NewReplacer("(", "（", ")", "）", "【", "（", "】", "）", "[", "（", "]", "）")
	bracketsGone = strings.NewReplacer("（", "", "）", "")
	parensFull   = strings.NewReplacer("(", "（", ")", "）")
)

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// isPlace reports whether s is a known place, with or without its administrative suffix.
func isPlace(s string) bool {
	if placeNames[s] {
		return true
	}
	for _, suf := range placeSuffixes {
		if rest, ok := strings.CutSuffix(s, suf); ok && placeNames[rest] {
			return true
		}
	}
	return false
}

// stripPlacePrefix removes leading places: any known place followed by its suffix (深圳市,
// 江西省南昌市), and a bare known place when at least four characters remain after it.
func stripPlacePrefix(s string) string {
	for {
		cut := false
		// The longest place first, so that 井冈山 is not read as a 井 prefix.
		for n := min(utf8.RuneCountInString(s)-1, 5); n >= 2 && !cut; n-- {
			prefix := firstRunes(s, n)
			if !placeNames[prefix] {
				continue
			}
			rest := s[len(prefix):]
			for _, suf := range placeSuffixes {
				if r, ok := strings.CutPrefix(rest, suf); ok && r != "" {
					s, cut = r, true
					break
				}
			}
			if !cut && utf8.RuneCountInString(rest) >= 4 {
				s, cut = rest, true
			}
		}
		if !cut {
			return s
		}
	}
}

func firstRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// NormalizePhoneKey returns the key under which phone numbers are compared: digits only,
// without a +86 or 0086 country prefix and without an extension. "" when fewer than 7 digits
// remain.
func NormalizePhoneKey(phone string) string {
	phone = HalfWidth(phone)
	if main, _, ok := strings.Cut(phone, "转"); ok {
		phone = main
	}
	var b strings.Builder
	for _, r := range phone {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "0086") && len(d) > 11:
		d = d[4:]
	case strings.HasPrefix(d, "86") && len(d) == 13:
		d = d[2:]
	}
	if len(d) < 7 {
		return ""
	}
	return d
}

// NormalizePersonName returns the key of a person's name: white space removed, ASCII
// letters upper-cased.
func NormalizePersonName(name string) string {
	return strings.ToUpper(strings.Join(strings.Fields(HalfWidth(CleanText(name))), ""))
}

// NormalizeProjectName returns the key of a project's name: white space removed, brackets
// made full-width, ASCII letters upper-cased.
func NormalizeProjectName(name string) string {
	s := strings.ToUpper(HalfWidth(CleanText(name)))
	s = parensFull.Replace(s)
	return strings.Join(strings.Fields(s), "")
}
