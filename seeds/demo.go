package seeds

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"ganzhao/app"
)

// DemoOptions configure the demo-data generator.
type DemoOptions struct {
	Size  int      // total number of records (app.Dataset.Len()), at least MinDemoSize
	Seed  uint64   // the same options give the same dataset, field for field
	Today app.Date // the generator's "today": every event date is on or before it
	By    string   // written to UpdatedBy and StageChange.By; default DefaultDemoBy
}

// MinDemoSize is the smallest dataset Demo makes: enough records for every stage, three
// chambers and three funds.
const MinDemoSize = 50

// DefaultDemoBy is the author written on demo records when DemoOptions.By is empty.
const DefaultDemoBy = "演示数据"

// pcgStream is the second PCG seed word, fixed so that a Seed alone picks the dataset.
const pcgStream = 0x67616e7a68616f21 // "ganzhao!"

// Demo generates a realistic, deterministic demo dataset of exactly opt.Size records
// (app.Dataset.Len()): enterprises, people, chambers, funds and their investments, projects
// with their stage history, tasks, activities and the monthly 到位资金 ledger. Every record
// references built-in reference rows (zones, 1269 chains, vocabularies) or records of the same
// dataset, is already normalised and passes app validation on opt.Today.
//
// Every event date (stage changes, milestones, 入统, activities, completed tasks, arrivals,
// fund set-up and investments, Meta times) is on or before opt.Today; planned dates (a task's
// DueOn, an activity's NextDue) may lie after it, as open work does.
//
// Proportions of Size: enterprises 18%, people 22%, chambers 0.3% (at least 3), funds 0.3%
// (at least 3), fund investments 0.7% (at least 1), projects 15% (at least 8, one per stage),
// tasks 14%, activities 15%, and 到位资金 rows the rest (about 15%). Chambers list no Members:
// memberships are kept on the people.
func Demo(opt DemoOptions) (app.Dataset, error) {
	if opt.Size < MinDemoSize {
		return app.Dataset{}, fmt.Errorf("演示数据规模至少为%d条（收到%d）", MinDemoSize, opt.Size)
	}
	if opt.Today.IsZero() {
		return app.Dataset{}, errors.New("演示数据须指定“今天”的日期")
	}
	if opt.By == "" {
		opt.By = DefaultDemoBy
	}
	g, err := newDemoGen(opt)
	if err != nil {
		return app.Dataset{}, err
	}
	c := planDemoCounts(opt.Size)
	g.reserve(c)

	nMgr := min(max(2, c.funds/3), c.enterprises/4)
	g.genEnterprises(c.enterprises, nMgr)
	g.genChambers(c.chambers)
	g.genPeople(c.people)
	g.genFunds(c.funds)
	g.genProjects(c.projects)
	g.genInvestments(c.investments)
	g.genTasks(c.tasks)
	short := g.genArrivals(c.arrivals)
	g.genActivities(c.activities + short)
	g.genFundParties(opt.Seed)
	g.genKeepInTouch(opt.Seed)
	g.addDuplicates()
	g.genDrives(opt.Seed)

	if n := g.ds.Len(); n != opt.Size {
		return app.Dataset{}, fmt.Errorf("seeds: demo generated %d records, want %d", n, opt.Size)
	}
	return g.ds, nil
}

// demoCounts is how many records of each kind a dataset gets.
type demoCounts struct {
	enterprises, people, chambers, funds, investments int
	projects, tasks, activities, arrivals             int
}

// planDemoCounts splits size into the kinds; arrivals take the rest so the total is exact.
func planDemoCounts(size int) demoCounts {
	pct := func(p float64) int { return int(float64(size)*p + 0.5) }
	c := demoCounts{
		enterprises: pct(0.18),
		people:      pct(0.22),
		chambers:    max(3, pct(0.003)),
		funds:       max(3, pct(0.003)),
		investments: max(1, pct(0.007)),
		projects:    max(len(app.Stages), pct(0.15)),
		tasks:       pct(0.14),
		activities:  pct(0.15),
	}
	c.arrivals = size - (c.enterprises + c.people + c.chambers + c.funds + c.investments +
		c.projects + c.tasks + c.activities)
	if c.arrivals < 0 {
		c.activities += c.arrivals
		c.arrivals = 0
	}
	return c
}

// ---------------------------------------------------------------------------------------
// Static vocabularies. They are read-only tables; the generator never changes them.

// syllable is Chinese text with its pinyin, so brands and names get a matching latin form for
// websites and e-mail addresses.
type syllable struct{ han, py string }

var brandSyllables = []syllable{
	{"华", "hua"}, {"芯", "xin"}, {"微", "wei"}, {"联", "lian"}, {"赣", "gan"}, {"锋", "feng"},
	{"恒", "heng"}, {"泰", "tai"}, {"鑫", "xin"}, {"达", "da"}, {"盛", "sheng"}, {"宏", "hong"},
	{"源", "yuan"}, {"正", "zheng"}, {"元", "yuan"}, {"晶", "jing"}, {"科", "ke"}, {"创", "chuang"},
	{"新", "xin"}, {"瑞", "rui"}, {"德", "de"}, {"康", "kang"}, {"安", "an"}, {"信", "xin"},
	{"通", "tong"}, {"汇", "hui"}, {"中", "zhong"}, {"天", "tian"}, {"海", "hai"}, {"明", "ming"},
	{"光", "guang"}, {"博", "bo"}, {"远", "yuan"}, {"星", "xing"}, {"辰", "chen"}, {"宇", "yu"},
	{"金", "jin"}, {"力", "li"}, {"美", "mei"}, {"嘉", "jia"}, {"兴", "xing"}, {"腾", "teng"},
	{"飞", "fei"}, {"龙", "long"}, {"凯", "kai"}, {"捷", "jie"}, {"永", "yong"}, {"丰", "feng"},
	{"润", "run"}, {"和", "he"}, {"昌", "chang"}, {"隆", "long"}, {"汉", "han"}, {"欣", "xin"},
	{"旺", "wang"}, {"立", "li"}, {"英", "ying"}, {"威", "wei"}, {"佳", "jia"}, {"晟", "sheng"},
	{"弘", "hong"}, {"睿", "rui"}, {"锐", "rui"}, {"维", "wei"}, {"普", "pu"}, {"迈", "mai"},
	{"思", "si"}, {"奥", "ao"}, {"诺", "nuo"}, {"亿", "yi"}, {"沃", "wo"}, {"峰", "feng"},
	{"洪", "hong"}, {"豫", "yu"}, {"章", "zhang"}, {"江", "jiang"}, {"庐", "lu"}, {"井", "jing"},
	{"赛", "sai"}, {"格", "ge"}, {"佰", "bai"}, {"特", "te"}, {"蓝", "lan"}, {"泓", "hong"},
	{"卓", "zhuo"}, {"越", "yue"}, {"锦", "jin"}, {"帆", "fan"}, {"东", "dong"}, {"方", "fang"},
}

type surname struct {
	syllable
	w int
}

var surnames = []surname{
	{syllable{"王", "wang"}, 70}, {syllable{"李", "li"}, 70}, {syllable{"张", "zhang"}, 68},
	{syllable{"刘", "liu"}, 52}, {syllable{"陈", "chen"}, 50}, {syllable{"杨", "yang"}, 32},
	{syllable{"黄", "huang"}, 30}, {syllable{"赵", "zhao"}, 22}, {syllable{"吴", "wu"}, 22},
	{syllable{"周", "zhou"}, 21}, {syllable{"徐", "xu"}, 18}, {syllable{"孙", "sun"}, 15},
	{syllable{"胡", "hu"}, 18}, {syllable{"朱", "zhu"}, 13}, {syllable{"高", "gao"}, 12},
	{syllable{"林", "lin"}, 12}, {syllable{"何", "he"}, 12}, {syllable{"郭", "guo"}, 12},
	{syllable{"马", "ma"}, 11}, {syllable{"罗", "luo"}, 10}, {syllable{"梁", "liang"}, 9},
	{syllable{"宋", "song"}, 8}, {syllable{"郑", "zheng"}, 8}, {syllable{"谢", "xie"}, 8},
	{syllable{"韩", "han"}, 7}, {syllable{"唐", "tang"}, 7}, {syllable{"冯", "feng"}, 7},
	{syllable{"曾", "zeng"}, 12}, {syllable{"熊", "xiong"}, 10}, {syllable{"邹", "zou"}, 7},
	{syllable{"万", "wan"}, 6}, {syllable{"涂", "tu"}, 5}, {syllable{"饶", "rao"}, 4},
	{syllable{"钟", "zhong"}, 6}, {syllable{"赖", "lai"}, 5}, {syllable{"彭", "peng"}, 7},
	{syllable{"肖", "xiao"}, 7}, {syllable{"廖", "liao"}, 6}, {syllable{"袁", "yuan"}, 6},
	{syllable{"邓", "deng"}, 7}, {syllable{"蔡", "cai"}, 6}, {syllable{"龚", "gong"}, 4},
	{syllable{"欧阳", "ouyang"}, 4}, {syllable{"单", "shan"}, 3}, {syllable{"司马", "sima"}, 1},
	{syllable{"上官", "shangguan"}, 1},
}

var givenChars = []syllable{
	{"伟", "wei"}, {"芳", "fang"}, {"敏", "min"}, {"静", "jing"}, {"丽", "li"}, {"强", "qiang"},
	{"磊", "lei"}, {"军", "jun"}, {"洋", "yang"}, {"勇", "yong"}, {"艳", "yan"}, {"杰", "jie"},
	{"娟", "juan"}, {"涛", "tao"}, {"明", "ming"}, {"超", "chao"}, {"华", "hua"}, {"平", "ping"},
	{"刚", "gang"}, {"辉", "hui"}, {"鹏", "peng"}, {"斌", "bin"}, {"宇", "yu"}, {"浩", "hao"},
	{"婷", "ting"}, {"欣", "xin"}, {"雪", "xue"}, {"晓", "xiao"}, {"红", "hong"}, {"玉", "yu"},
	{"春", "chun"}, {"国", "guo"}, {"庆", "qing"}, {"光", "guang"}, {"荣", "rong"}, {"建", "jian"},
	{"志", "zhi"}, {"海", "hai"}, {"文", "wen"}, {"金", "jin"}, {"林", "lin"}, {"东", "dong"},
	{"峰", "feng"}, {"波", "bo"}, {"俊", "jun"}, {"凯", "kai"}, {"博", "bo"}, {"晨", "chen"},
	{"子", "zi"}, {"怡", "yi"}, {"嘉", "jia"}, {"佳", "jia"}, {"思", "si"}, {"雨", "yu"},
	{"德", "de"}, {"福", "fu"}, {"根", "gen"}, {"发", "fa"}, {"清", "qing"}, {"秀", "xiu"},
	{"英", "ying"}, {"梅", "mei"}, {"兰", "lan"}, {"卫", "wei"}, {"新", "xin"}, {"永", "yong"},
	{"忠", "zhong"}, {"良", "liang"}, {"益", "yi"}, {"昌", "chang"}, {"赣", "gan"}, {"鸿", "hong"},
	{"毅", "yi"}, {"锋", "feng"}, {"琴", "qin"}, {"亮", "liang"}, {"健", "jian"}, {"民", "min"},
}

// team is the promotion team that keeps relationships, follows enterprises and does tasks.
var team = []string{"李文华", "王晓明", "陈思远", "刘海燕", "张志刚", "黄丽萍", "周建军", "曾凡荣"}

var leaders = []string{
	"管委会主任 王建国", "管委会副主任 李卫东", "副区长 刘志强", "副县长 陈国华",
	"县委常委、副县长 杨明辉", "管委会副主任 黄海波", "招商局局长 赵立新", "副区长 吴晓峰",
	"管委会副主任 周红梅", "副县长 徐振华", "商务局局长 孙建平", "管委会副主任 胡文斌",
	"副市长 熊志刚", "管委会常务副主任 邹卫民",
}

var units = []string{
	"招商一局", "招商二局", "招商三局", "投资促进中心", "经济发展局", "商务局",
	"工业和信息化局", "科技创新和产业发展局", "驻深圳招商小分队", "驻上海招商小分队",
}

// hqPlace is a city outside Jiangxi where investors have their head office.
type hqPlace struct {
	prov, provShort, city, cityShort, code string
	w                                      int
}

var hqPlaces = []hqPlace{
	{"广东省", "广东", "深圳市", "深圳", "440300", 10},
	{"广东省", "广东", "广州市", "广州", "440100", 5},
	{"广东省", "广东", "东莞市", "东莞", "441900", 4},
	{"广东省", "广东", "佛山市", "佛山", "440600", 3},
	{"广东省", "广东", "惠州市", "惠州", "441300", 2},
	{"上海市", "上海", "上海市", "上海", "310000", 8},
	{"浙江省", "浙江", "杭州市", "杭州", "330100", 4},
	{"浙江省", "浙江", "宁波市", "宁波", "330200", 3},
	{"浙江省", "浙江", "温州市", "温州", "330300", 2},
	{"江苏省", "江苏", "苏州市", "苏州", "320500", 4},
	{"江苏省", "江苏", "南京市", "南京", "320100", 3},
	{"江苏省", "江苏", "无锡市", "无锡", "320200", 2},
	{"江苏省", "江苏", "常州市", "常州", "320400", 2},
	{"北京市", "北京", "北京市", "北京", "110000", 5},
	{"福建省", "福建", "厦门市", "厦门", "350200", 3},
	{"福建省", "福建", "福州市", "福州", "350100", 2},
	{"福建省", "福建", "泉州市", "泉州", "350500", 2},
	{"湖南省", "湖南", "长沙市", "长沙", "430100", 2},
	{"湖北省", "湖北", "武汉市", "武汉", "420100", 2},
	{"安徽省", "安徽", "合肥市", "合肥", "340100", 2},
	{"四川省", "四川", "成都市", "成都", "510100", 1},
	{"山东省", "山东", "青岛市", "青岛", "370200", 1},
	{"天津市", "天津", "天津市", "天津", "120000", 1},
	{"重庆市", "重庆", "重庆市", "重庆", "500000", 1},
}

const (
	jiangxi      = "江西省"
	jiangxiShort = "江西"
)

// foreignPlace is where a foreign investor's parent sits.
type foreignPlace struct{ country, prefix string }

var foreignPlaces = []foreignPlace{
	{"中国香港", "香港"}, {"新加坡", "新加坡"}, {"日本", "日本"}, {"韩国", "韩国"}, {"德国", "德国"}, {"美国", "美国"},
}

// projectTemplate makes a project name: pre + a number in [lo, hi] + post, or pre + post when
// lo is 0.
type projectTemplate struct {
	pre    string
	lo, hi int
	post   string
}

// chainProfile is what the generator knows of a 1269 chain: company name words, GB/T 4754
// industries, products, project templates and the words of zones' leading industries.
type chainProfile struct {
	words      []string
	industries []string
	products   []string
	projects   []projectTemplate
	zoneKeys   []string
}

var chainProfiles = map[string]chainProfile{
	"电子信息": {
		words:      []string{"科技", "电子", "光电", "微电子", "信息技术", "半导体", "智能科技", "电子科技"},
		industries: []string{"计算机、通信和其他电子设备制造业"},
		products:   []string{"印制电路板和显示模组", "半导体分立器件和集成电路封测", "智能终端和通信模块", "LED芯片和照明器件"},
		projects: []projectTemplate{
			{"年产", 50, 500, "万平方米高端印制电路板项目"}, {"", 0, 0, "Mini LED显示模组生产项目"},
			{"", 0, 0, "半导体封装测试基地项目"}, {"", 0, 0, "智能终端产业园项目"},
			{"年产", 100, 3000, "万台智能终端生产项目"}, {"", 0, 0, "光学镜头及模组生产项目"},
			{"", 0, 0, "5G通信模块研发生产项目"},
		},
		zoneKeys: []string{"电子", "光电", "智能终端", "半导体", "物联网", "光学"},
	},
	"有色金属": {
		words:      []string{"锂业", "铜业", "钨业", "稀土", "新材料", "有色金属", "矿业", "金属材料"},
		industries: []string{"有色金属冶炼和压延加工业", "有色金属矿采选业"},
		products:   []string{"阴极铜、铜杆线和铜箔", "钨精矿和硬质合金", "稀土永磁材料", "碳酸锂和氢氧化锂"},
		projects: []projectTemplate{
			{"年产", 1, 10, "万吨高端铜箔项目"}, {"", 0, 0, "稀土永磁材料生产项目"},
			{"年产", 1, 5, "万吨硬质合金项目"}, {"", 0, 0, "锂云母综合利用提锂项目"},
			{"年产", 5, 30, "万吨再生铜精深加工项目"}, {"", 0, 0, "钨深加工产业园项目"},
		},
		zoneKeys: []string{"钨", "稀土", "铜", "有色", "锂"},
	},
	"装备制造": {
		words:      []string{"机械", "智能装备", "精密制造", "汽车零部件", "电机", "重工", "装备科技", "自动化"},
		industries: []string{"通用设备制造业", "专用设备制造业", "汽车制造业", "电气机械和器材制造业"},
		products:   []string{"工业机器人和自动化生产线", "汽车底盘和车身零部件", "高效节能电机", "工程机械液压件"},
		projects: []projectTemplate{
			{"", 0, 0, "新能源汽车零部件生产基地项目"}, {"年产", 10, 100, "万台高效节能电机项目"},
			{"", 0, 0, "智能装备制造产业园项目"}, {"年产", 1, 20, "万辆新能源专用车项目"},
			{"", 0, 0, "工业机器人研发生产项目"}, {"", 0, 0, "精密数控机床生产项目"},
		},
		zoneKeys: []string{"装备", "汽车", "机械", "电器"},
	},
	"新能源": {
		words:      []string{"新能源", "锂电", "光伏", "储能科技", "电池", "能源科技", "电源"},
		industries: []string{"电气机械和器材制造业"},
		products:   []string{"锂离子动力电池和储能系统", "光伏组件和电池片", "锂电池正负极材料"},
		projects: []projectTemplate{
			{"年产", 2, 30, "GWh锂电池储能项目"}, {"年产", 1, 10, "GW高效光伏组件项目"},
			{"年产", 1, 10, "万吨锂电池正极材料项目"}, {"", 0, 0, "动力电池回收利用项目"},
			{"年产", 5, 50, "万吨锂电池负极材料项目"}, {"", 0, 0, "钠离子电池研发生产基地项目"},
		},
		zoneKeys: []string{"锂电", "光伏", "新能源"},
	},
	"石化化工": {
		words:      []string{"化工", "新材料", "石化", "有机硅", "化学", "精细化工"},
		industries: []string{"化学原料和化学制品制造业", "石油、煤炭及其他燃料加工业"},
		products:   []string{"有机硅单体和下游制品", "电子化学品", "高性能树脂"},
		projects: []projectTemplate{
			{"年产", 5, 40, "万吨有机硅单体项目"}, {"", 0, 0, "化工新材料产业园项目"},
			{"年产", 1, 20, "万吨电子级化学品项目"}, {"年产", 2, 30, "万吨高性能树脂项目"},
		},
		zoneKeys: []string{"化工", "有机硅", "石化"},
	},
	"建材": {
		words:      []string{"建材", "陶瓷", "玻璃", "新型材料", "水泥", "石材"},
		industries: []string{"非金属矿物制品业"},
		products:   []string{"建筑陶瓷", "光伏玻璃", "装配式建筑构件"},
		projects: []projectTemplate{
			{"年产", 10, 100, "万立方米装配式建筑构件项目"}, {"", 0, 0, "高端陶瓷生产线项目"},
			{"日产", 600, 1200, "吨光伏玻璃项目"}, {"年产", 20, 200, "万吨绿色建材项目"},
		},
		zoneKeys: []string{"建材", "陶瓷"},
	},
	"钢铁": {
		words:      []string{"钢铁", "特钢", "金属制品", "钢构", "合金"},
		industries: []string{"黑色金属冶炼和压延加工业", "金属制品业"},
		products:   []string{"优特钢棒线材", "钢结构件", "精密钢管"},
		projects: []projectTemplate{
			{"年产", 10, 100, "万吨特钢精深加工项目"}, {"", 0, 0, "钢结构装配式建筑产业园项目"},
			{"年产", 5, 50, "万吨精密钢管项目"},
		},
		zoneKeys: []string{"钢"},
	},
	"航空": {
		words:      []string{"航空科技", "航空装备", "通用航空", "航空工业", "航电"},
		industries: []string{"铁路、船舶、航空航天和其他运输设备制造业"},
		products:   []string{"航空零部件", "工业级无人机", "通用飞机"},
		projects: []projectTemplate{
			{"", 0, 0, "通用飞机总装项目"}, {"", 0, 0, "航空零部件精密制造项目"},
			{"年产", 100, 2000, "架工业级无人机项目"}, {"", 0, 0, "航空复合材料生产项目"},
		},
		zoneKeys: []string{"航空"},
	},
	"食品": {
		words:      []string{"食品", "农业科技", "茶业", "粮油", "饮品", "农产品"},
		industries: []string{"农副食品加工业", "食品制造业", "酒、饮料和精制茶制造业"},
		products:   []string{"预制菜", "富硒大米", "茶叶", "乳制品"},
		projects: []projectTemplate{
			{"年产", 2, 20, "万吨预制菜项目"}, {"", 0, 0, "绿色食品产业园项目"},
			{"", 0, 0, "富硒茶精深加工项目"}, {"年产", 5, 50, "万吨优质稻米加工项目"},
			{"", 0, 0, "中央厨房及冷链配送项目"},
		},
		zoneKeys: []string{"食品"},
	},
	"纺织服装": {
		words:      []string{"纺织", "服饰", "制衣", "家纺", "针织", "鞋业"},
		industries: []string{"纺织业", "纺织服装、服饰业"},
		products:   []string{"针织面料", "品牌服装", "家纺产品"},
		projects: []projectTemplate{
			{"年产", 100, 3000, "万件服装生产项目"}, {"", 0, 0, "智能纺织产业园项目"},
			{"年产", 1, 10, "万吨功能性面料项目"}, {"", 0, 0, "羽绒制品生产项目"},
		},
		zoneKeys: []string{"纺织", "服装"},
	},
	"医药": {
		words:      []string{"医药", "生物科技", "制药", "医疗器械", "药业", "健康科技"},
		industries: []string{"医药制造业", "专用设备制造业"},
		products:   []string{"中药饮片", "化学原料药", "医用耗材"},
		projects: []projectTemplate{
			{"", 0, 0, "中药饮片生产项目"}, {"", 0, 0, "医疗器械产业园项目"},
			{"", 0, 0, "生物医药研发生产基地项目"}, {"年产", 1, 50, "亿支医用耗材项目"},
			{"", 0, 0, "中药配方颗粒生产项目"},
		},
		zoneKeys: []string{"医药", "医器", "大健康"},
	},
	"现代家具": {
		words:      []string{"家具", "家居", "木业", "实木家具"},
		industries: []string{"家具制造业", "木材加工和木、竹、藤、棕、草制品业"},
		products:   []string{"实木家具", "定制家居"},
		projects: []projectTemplate{
			{"", 0, 0, "实木家具智能制造项目"}, {"", 0, 0, "定制家居产业园项目"},
			{"年产", 10, 100, "万套板式家具项目"},
		},
		zoneKeys: []string{"家具"},
	},
}

// genericProfile serves a 1269 chain the generator has no profile for.
var genericProfile = chainProfile{
	words:      []string{"实业", "科技"},
	industries: []string{"其他制造业"},
	products:   []string{"工业产品"},
	projects:   []projectTemplate{{"", 0, 0, "生产基地项目"}, {"", 0, 0, "产业园项目"}},
}

var serviceProjects = []string{
	"区域总部项目", "智慧物流园项目", "冷链物流中心项目", "数字经济产业园项目",
	"跨境电商产业园项目", "研发中心项目", "供应链管理中心项目",
}

var farmProjects = []string{"富硒农业示范园项目", "高标准蔬菜基地项目", "生态茶园及精深加工项目", "优质稻米全产业链项目"}

var jiangxiSchools = []string{
	"南昌大学", "江西财经大学", "江西师范大学", "华东交通大学", "江西理工大学", "南昌航空大学",
	"江西农业大学", "东华理工大学", "景德镇陶瓷大学", "江西中医药大学", "赣南师范大学", "井冈山大学",
	"江西科技师范大学", "南昌工程学院", "九江学院", "宜春学院", "上饶师范学院", "赣南医科大学",
}

var otherSchools = []string{
	"清华大学", "浙江大学", "中山大学", "华南理工大学", "复旦大学", "武汉大学", "中南大学",
	"厦门大学", "湖南大学", "上海交通大学", "南京大学", "北京大学",
}

var otherNatives = [][2]string{
	{"湖南省", "长沙市"}, {"广东省", "梅州市"}, {"浙江省", "温州市"}, {"福建省", "莆田市"},
	{"湖北省", "黄冈市"}, {"安徽省", "安庆市"}, {"江苏省", "盐城市"}, {"四川省", "达州市"},
	{"河南省", "信阳市"}, {"山东省", "临沂市"},
}

var otherServicePlaces = []string{"福建漳州", "广东湛江", "浙江舟山", "湖南衡阳", "新疆乌鲁木齐", "西藏拉萨"}

type weightedString struct {
	s string
	w int
}

var personTitles = []weightedString{
	{"董事长", 20}, {"总经理", 18}, {"董事长兼总经理", 6}, {"副总经理", 12}, {"总裁", 4},
	{"副总裁", 4}, {"执行董事", 3}, {"创始人", 5}, {"投资总监", 5}, {"战略发展部总监", 4},
	{"董事会秘书", 3}, {"办公室主任", 3}, {"财务总监", 2}, {"首席执行官", 2},
}

var personNotes = []string{
	"在外创业二十余年，热心家乡建设", "春节回乡期间可安排拜访", "对家乡产业园区有投资意向",
	"多次参加赣籍企业家恳谈会", "子女在南昌读书，常回江西", "关注本地用地和人才政策",
	"曾推荐多家上下游企业来赣考察",
}

// chamberSeat is a 异地江西商会 and the city it sits in.
type chamberSeat struct{ name, city string }

var provincialChambers = []chamberSeat{
	{"深圳市江西商会", "深圳市"}, {"上海江西商会", "上海市"}, {"广东省江西商会", "广州市"},
	{"浙江省江西商会", "杭州市"}, {"江苏省江西商会", "南京市"}, {"北京江西企业商会", "北京市"},
	{"福建省江西商会", "福州市"}, {"东莞市江西商会", "东莞市"}, {"广州市江西商会", "广州市"},
	{"厦门市江西商会", "厦门市"}, {"苏州市江西商会", "苏州市"}, {"杭州市江西商会", "杭州市"},
	{"宁波市江西商会", "宁波市"}, {"佛山市江西商会", "佛山市"}, {"湖南省江西商会", "长沙市"},
	{"湖北省江西商会", "武汉市"}, {"四川省江西商会", "成都市"}, {"天津市江西商会", "天津市"},
	{"重庆市江西商会", "重庆市"}, {"安徽省江西商会", "合肥市"}, {"山东省江西商会", "青岛市"},
	{"温州市江西商会", "温州市"}, {"惠州市江西商会", "惠州市"}, {"泉州市江西商会", "泉州市"},
	{"无锡市江西商会", "无锡市"}, {"常州市江西商会", "常州市"},
}

// jiangxiUnits are home places that name 县市商会 in other cities.
var jiangxiUnits = []string{
	"南昌", "赣州", "九江", "上饶", "宜春", "吉安", "抚州", "景德镇", "萍乡", "新余", "鹰潭",
	"南康", "瑞金", "于都", "丰城", "樟树", "鄱阳", "余干", "永修", "进贤", "高安", "贵溪",
	"信丰", "宁都", "兴国", "都昌", "万年", "乐平",
}

var chamberRoles = []weightedString{{"常务副会长", 5}, {"副会长", 20}, {"理事", 20}, {"会员", 55}}

var stageWeights = []int{15, 22, 15, 9, 16, 13, 6, 4} // in app.Stages order

var backReasons = []string{
	"投资方调整投资计划，重新洽谈", "用地指标未落实，退回上一阶段", "投资方股权结构变化，协议需重新签订",
	"项目选址调整，重新论证",
}

var stopReasons = []string{
	"投资方资金链紧张，项目暂停", "市场行情下行，企业暂缓投资", "环评未通过，项目暂停",
	"用地规划调整，项目暂缓", "投资方主要负责人变动，暂停推进",
}

var withdrawReasons = []string{
	"企业选择落户外省，项目退库", "投资方取消投资计划", "项目不符合园区产业定位",
	"能耗指标无法保障，项目退库", "长期无实质进展，按规定退库",
}

var resumeReasons = []string{
	"恢复推进：投资方完成新一轮融资", "恢复推进：用地问题已协调解决", "恢复推进：企业重新启动投资计划",
}

var projectNotes = []string{
	"已完成项目可研报告编制", "存在问题：用地指标尚未落实", "存在问题：能耗指标需省级统筹",
	"下步措施：协调电力接入工程", "项目已完成土地摘牌", "企业正在办理工商注册",
	"设备已进场安装调试", "存在问题：配套道路尚未完工",
}

// methodWeights weigh the promotion methods a project is won by; 基金招商 and 三请三回 are set
// by the fund and homecoming logic instead.
var methodWeights = map[string]int{
	"驻点招商": 20, "以商引商": 15, "产业链招商": 25, "股权招商": 5, "并购招商": 4,
	"专业机构合作招商": 6, "专题对接招商": 8, "展会/峰会论坛": 8, "其他": 4,
}

const (
	methodFund       = "基金招商"
	methodHomecoming = "三请三回"
)

// Task titles by project stage; generic titles suit any stage.
var (
	tasksEarly    = []string{"准备项目推介材料", "组织企业实地考察", "起草投资合作协议", "测算项目用地和能耗指标", "开展项目尽职调查", "对接企业决策层"}
	tasksSigned   = []string{"协调用地指标", "办理项目备案", "办理环评批复", "办理能评手续", "办理用地规划许可", "组建项目公司", "完成土地摘牌"}
	tasksBuilding = []string{"协调施工用水用电", "办理施工许可证", "协调道路配套建设", "跟踪设备进场", "协调用工招聘", "申报项目入统"}
	tasksRunning  = []string{"申报规上企业入统", "兑现产业扶持政策", "协调上下游配套企业", "跟踪达产达效情况"}
	tasksGeneric  = []string{"督办项目进度", "更新项目调度表", "报送包干领导协调事项"}
	taskNotes     = []string{"需市自然资源局协调", "已报分管领导", "企业材料待补充", "列入月度调度会议题"}
)

var nextSteps = []string{
	"邀请企业高层来赣实地考察", "提交项目用地需求", "起草投资合作协议", "对接基金参投事宜",
	"报请包干领导协调要素保障", "跟进环评、能评手续", "安排下一轮商务谈判", "推动项目尽快签约",
	"协调施工用电接入", "邀请参加春节赣籍企业家恳谈会",
}

var homeNextSteps = []string{
	"登记有投资意向的三友名单", "安排专人对接有意向的企业家", "邀请三友回乡考察", "更新重点三友名录",
}

var expos = []string{"中国国际高新技术成果交易会", "世界VR产业大会", "中国国际进口博览会", "赣港经贸合作活动周", "中部投资贸易博览会"}

var countsReasons = []string{"本地设立子公司", "本地新建工厂", "总部迁入江西", "本地设立分支机构", "核心业务迁入本地"}

var notCountsReasons = []string{"被投企业未在省内落地", "投资发生在基金备案前", "被投企业注册地不在本省"}

var arrivalNotes = []string{"设备款到位", "注册资本金到位", "银行贷款到位", "厂房建设款到位"}

// ---------------------------------------------------------------------------------------
// The generator.

// jxCity is a Jiangxi 设区市 with its county-level units.
type jxCity struct {
	code, name, short string
	counties          []app.Division
}

type demoGen struct {
	r     *rand.Rand
	today app.Date
	by    string
	ds    app.Dataset

	// Reference data.
	zones        []app.Zone
	chains       []app.Chain // plan 1269, by Sort
	profiles     []*chainProfile
	zonesByChain [][]int
	cities       []jxCity
	methods      []string // promotion methods, vocab order
	methodW      []int
	kinds        map[string]bool
	categories   map[string]bool
	chamberKinds map[string]bool
	otherKind    string // fallback activity kind
	capital      int    // index of 南昌市 in cities
	beijing      int    // index of 北京 in hqPlaces

	// Side tables, by record index.
	entBrand     []syllable
	entChain     []int // index into chains or -1
	entPeople    [][]int32
	personEnt    []int32 // enterprise of each person, or -1
	nMgr         int
	tiePool      [3][]int32 // people by 三友 type
	ganPeople    []int32    // people of Jiangxi origin
	chamberAt    map[string][]int
	chamberCnt   []int
	projStart    []app.Date
	projInvestor []int32 // enterprise index of each project's investor

	seenPhone map[uint64]struct{}
	seenCode  map[string]struct{}
	seenName  map[string]struct{}
	codeSeq   map[int]int

	personTitleW []int
	surnameW     []int
	hqW          []int
	roleW        []int
}

func newDemoGen(opt DemoOptions) (*demoGen, error) {
	g := &demoGen{
		r:            rand.New(rand.NewPCG(opt.Seed, pcgStream)),
		today:        opt.Today,
		by:           opt.By,
		kinds:        map[string]bool{},
		categories:   map[string]bool{},
		chamberKinds: map[string]bool{},
		chamberAt:    map[string][]int{},
		seenPhone:    map[uint64]struct{}{},
		seenCode:     map[string]struct{}{},
		seenName:     map[string]struct{}{},
		codeSeq:      map[int]int{},
	}
	sets, err := Reference()
	if err != nil {
		return nil, err
	}
	var divisions []app.Division
	var vocab []app.VocabItem
	for _, s := range sets {
		divisions = append(divisions, s.Divisions...)
		g.zones = append(g.zones, s.Zones...)
		for _, c := range s.Chains {
			if c.Plan == "1269" {
				g.chains = append(g.chains, c)
			}
		}
		vocab = append(vocab, s.Vocab...)
	}
	slices.SortStableFunc(g.chains, func(a, b app.Chain) int { return cmp.Compare(a.Sort, b.Sort) })
	slices.SortStableFunc(vocab, func(a, b app.VocabItem) int { return cmp.Compare(a.Sort, b.Sort) })
	if len(g.zones) == 0 || len(g.chains) == 0 {
		return nil, errors.New("seeds: reference data has no zones or no 1269 chains")
	}

	for _, d := range divisions {
		if d.Level == levelCity && strings.HasPrefix(d.Code, "36") {
			g.cities = append(g.cities, jxCity{code: d.Code, name: d.Name, short: strings.TrimSuffix(d.Name, "市")})
		}
	}
	for _, d := range divisions {
		if d.Level != levelCounty {
			continue
		}
		for i := range g.cities {
			if g.cities[i].code == d.ParentCode {
				g.cities[i].counties = append(g.cities[i].counties, d)
			}
		}
	}
	if len(g.cities) == 0 {
		return nil, errors.New("seeds: reference data has no Jiangxi cities")
	}
	g.capital = max(0, slices.IndexFunc(g.cities, func(c jxCity) bool { return c.code == "360100" }))
	g.beijing = max(0, slices.IndexFunc(hqPlaces, func(h hqPlace) bool { return h.city == "北京市" }))

	for i := range g.chains {
		p, ok := chainProfiles[g.chains[i].Name]
		if !ok {
			p = genericProfile
		}
		g.profiles = append(g.profiles, &p)
		var zs []int
		for zi, z := range g.zones {
			for _, k := range p.zoneKeys {
				if strings.Contains(z.Industries, k) {
					zs = append(zs, zi)
					break
				}
			}
		}
		g.zonesByChain = append(g.zonesByChain, zs)
	}

	hasMethod := map[string]bool{}
	for _, v := range vocab {
		switch v.Kind {
		case app.VocabMethod:
			hasMethod[v.Name] = true
			if v.Name == methodFund || v.Name == methodHomecoming {
				continue
			}
			w, ok := methodWeights[v.Name]
			if !ok {
				w = 2
			}
			g.methods = append(g.methods, v.Name)
			g.methodW = append(g.methodW, w)
		case app.VocabActivityKind:
			g.kinds[v.Name] = true
			if g.otherKind == "" || v.Name == "其他" {
				g.otherKind = v.Name
			}
		case app.VocabCategory:
			g.categories[v.Name] = true
		case app.VocabChamberKind:
			g.chamberKinds[v.Name] = true
		}
	}
	if !hasMethod[methodFund] || !hasMethod[methodHomecoming] || len(g.methods) == 0 || g.otherKind == "" {
		return nil, errors.New("seeds: reference vocabularies lack promotion methods (基金招商, 三请三回) or activity kinds")
	}

	for _, t := range personTitles {
		g.personTitleW = append(g.personTitleW, t.w)
	}
	for _, s := range surnames {
		g.surnameW = append(g.surnameW, s.w)
	}
	for _, h := range hqPlaces {
		g.hqW = append(g.hqW, h.w)
	}
	for _, r := range chamberRoles {
		g.roleW = append(g.roleW, r.w)
	}
	return g, nil
}

// reserve preallocates the dataset's slices.
func (g *demoGen) reserve(c demoCounts) {
	g.ds = app.Dataset{
		Enterprises:  make([]app.Enterprise, 0, c.enterprises),
		People:       make([]app.Person, 0, c.people),
		Chambers:     make([]app.Chamber, 0, c.chambers),
		Funds:        make([]app.Fund, 0, c.funds),
		Projects:     make([]app.Project, 0, c.projects),
		StageChanges: make([]app.StageChange, 0, c.projects*4),
		Arrivals:     make([]app.Arrival, 0, c.arrivals),
		Tasks:        make([]app.Task, 0, c.tasks),
		Activities:   make([]app.Activity, 0, c.activities+c.arrivals/4),
		Investments:  make([]app.FundInvestment, 0, c.investments),
	}
}

// ---------------------------------------------------------------------------------------
// Random helpers.

func (g *demoGen) intn(n int) int { return g.r.IntN(n) }

// between returns a uniform integer in [lo, hi].
func (g *demoGen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func (g *demoGen) chance(p float64) bool { return g.r.Float64() < p }

func (g *demoGen) uniform(lo, hi float64) float64 { return lo + g.r.Float64()*(hi-lo) }

func (g *demoGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// weighted returns an index drawn with the given weights.
func (g *demoGen) weighted(w []int) int {
	total := 0
	for _, v := range w {
		total += v
	}
	x := g.r.IntN(total)
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return len(w) - 1
}

// id returns a version 4 UUID made of the generator's random bytes.
func (g *demoGen) id() string {
	var b uuid.UUID
	binary.LittleEndian.PutUint64(b[0:8], g.r.Uint64())
	binary.LittleEndian.PutUint64(b[8:16], g.r.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return b.String()
}

// daysAgo returns the date n days before today.
func (g *demoGen) daysAgo(n int) app.Date { return g.today.AddDays(-n) }

// dateBetween returns a uniform date in [from, to]; to before from gives from.
func (g *demoGen) dateBetween(from, to app.Date) app.Date {
	span := to.DaysSince(from)
	if span <= 0 {
		return from
	}
	return from.AddDays(g.r.IntN(span + 1))
}

func minDate(a, b app.Date) app.Date {
	if a.After(b) {
		return b
	}
	return a
}

func maxDate(a, b app.Date) app.Date {
	if a.Before(b) {
		return b
	}
	return a
}

// meta returns a fresh record header created on one day and last updated on another, both at
// office hours, never after today.
func (g *demoGen) meta(created, updated app.Date) app.Meta {
	created = minDate(created, g.today)
	updated = minDate(maxDate(updated, created), g.today)
	c := created.Time().Add(time.Duration(8*3600+g.r.IntN(10*3600)) * time.Second)
	var u time.Time
	if updated == created {
		u = c.Add(time.Duration(g.r.IntN(3600)) * time.Second)
	} else {
		u = updated.Time().Add(time.Duration(8*3600+g.r.IntN(10*3600)) * time.Second)
	}
	return app.Meta{ID: g.id(), CreatedAt: c, UpdatedAt: u, UpdatedBy: g.by}
}

// metaRecent stamps a record created within the last three years.
func (g *demoGen) metaRecent() app.Meta {
	created := g.daysAgo(g.between(30, 1095))
	return g.meta(created, g.dateBetween(created, g.today))
}

// brand returns a 2–4 syllable brand without repeated neighbours.
func (g *demoGen) brand() syllable {
	n := 2
	switch x := g.intn(100); {
	case x >= 92:
		n = 4
	case x >= 70:
		n = 3
	}
	var han, py strings.Builder
	prev := -1
	for range n {
		i := g.intn(len(brandSyllables))
		for i == prev {
			i = g.intn(len(brandSyllables))
		}
		prev = i
		han.WriteString(brandSyllables[i].han)
		py.WriteString(brandSyllables[i].py)
	}
	return syllable{han.String(), py.String()}
}

// personName returns a Chinese name and its pinyin.
func (g *demoGen) personName() (string, string) {
	s := surnames[g.weighted(g.surnameW)]
	a := givenChars[g.intn(len(givenChars))]
	if g.chance(0.35) {
		return s.han + a.han, s.py + a.py
	}
	b := givenChars[g.intn(len(givenChars))]
	for b.han == a.han {
		b = givenChars[g.intn(len(givenChars))]
	}
	return s.han + a.han + b.han, s.py + a.py + b.py
}

var mobilePrefixes = []uint64{130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 155, 156, 158, 159, 166, 173, 177, 180, 181, 186, 187, 188, 189, 199}

// mobile returns a unique valid 11-digit mobile number.
func (g *demoGen) mobile() string {
	for {
		n := mobilePrefixes[g.intn(len(mobilePrefixes))]*100_000_000 + uint64(g.intn(100_000_000))
		if _, dup := g.seenPhone[n]; dup {
			continue
		}
		g.seenPhone[n] = struct{}{}
		return strconv.FormatUint(n, 10)
	}
}

var areaCodes = []string{"0791", "0797", "0792", "0755", "021", "020", "0571", "025", "010", "0592"}

// landline returns a unique office number such as 0755-86281234.
func (g *demoGen) landline() string {
	for {
		a := g.intn(len(areaCodes))
		n := uint64(20_000_000 + g.intn(70_000_000))
		key := 1_000_000_000_000 + uint64(a)*100_000_000 + n
		if _, dup := g.seenPhone[key]; dup {
			continue
		}
		g.seenPhone[key] = struct{}{}
		return areaCodes[a] + "-" + strconv.FormatUint(n, 10)
	}
}

const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCode returns a unique valid unified social credit code of a company (registration
// authority 9, category 1) registered in the given six-digit division: nine characters of
// organisation code, its GB 11714 check character included, then the GB 32100 check character.
func (g *demoGen) creditCode(division string) string {
	for {
		var b [18]byte
		b[0], b[1] = '9', '1'
		copy(b[2:8], division)
		if g.chance(0.35) { // codes issued since 2015 often start with MA
			b[8], b[9] = 'M', 'A'
			for i := 10; i < 16; i++ {
				b[i] = creditChars[g.intn(len(creditChars))]
			}
		} else {
			for i := 8; i < 16; i++ {
				b[i] = byte('0' + g.intn(10))
			}
		}
		b[16] = orgCheckChar(b[8:16])
		b[17] = app.CreditCheckChar(string(b[:17]))
		code := string(b[:])
		if _, dup := g.seenCode[code]; dup {
			continue
		}
		g.seenCode[code] = struct{}{}
		return code
	}
}

// orgCheckChar is the GB 11714 check character of an eight-character organisation code body.
func orgCheckChar(body []byte) byte {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range body {
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// uniqueName calls draw until it returns a name not used before, at most a few times.
func (g *demoGen) uniqueName(draw func() string) string {
	var name string
	for range 50 {
		name = draw()
		if _, dup := g.seenName[name]; !dup {
			break
		}
	}
	g.seenName[name] = struct{}{}
	return name
}

// ---------------------------------------------------------------------------------------
// Enterprises.

const (
	regionJiangxi = iota
	regionDomestic
	regionForeign
)

func (g *demoGen) genEnterprises(n, nMgr int) {
	g.nMgr = nMgr
	g.entBrand = make([]syllable, 0, n)
	g.entChain = make([]int, 0, n)
	g.entPeople = make([][]int32, n)
	suffixes := []string{"有限公司", "股份有限公司", "集团股份有限公司", "（集团）有限公司", "集团有限公司"}
	suffixW := []int{55, 25, 6, 7, 7}
	mgrSuffixes := []string{"私募基金管理有限公司", "股权投资管理有限公司", "创业投资管理有限公司", "资本管理有限公司"}
	natureW := []int{6, 12, 68, 2, 4, 4, 4} // app.Natures order, then unknown
	for i := range n {
		e := app.Enterprise{Meta: g.metaRecent()}
		mgr := i < nMgr
		var br syllable
		chain := -1
		if !mgr && g.chance(0.9) {
			chain = g.intn(len(g.chains))
		}
		prof := &genericProfile
		if chain >= 0 {
			prof = g.profiles[chain]
			e.ChainID = g.chains[chain].ID
		}

		region := regionDomestic
		switch x := g.intn(100); {
		case mgr && x < 60, !mgr && x < 25:
			region = regionJiangxi
		case !mgr && x >= 94:
			region = regionForeign
		}
		nature := app.NatureForeignOwned
		if region == regionForeign {
			if g.chance(0.4) {
				nature = app.NatureForeignJoint
			}
		} else if mgr {
			nature = app.NaturePrivate
			if region == regionJiangxi && g.chance(0.7) {
				nature = app.NatureLocalSOE
			}
		} else if k := g.weighted(natureW); k < len(app.Natures) {
			nature = app.Natures[k]
		} else {
			nature = app.NatureUnknown
		}
		central := nature == app.NatureCentralSOE
		if central && region != regionForeign && g.chance(0.7) {
			region = regionDomestic
		}

		// Place: province, city, division code for the credit code, and name prefixes.
		var provShort, cityFull, cityShort, division string
		switch region {
		case regionJiangxi:
			c := &g.cities[g.intn(len(g.cities))]
			if g.chance(0.2) {
				c = &g.cities[g.capital] // the provincial capital hosts more head offices
			}
			e.HQProvince, e.HQCity = jiangxi, c.name
			provShort, cityFull, cityShort, division = jiangxiShort, c.name, c.short, c.code
			if len(c.counties) > 0 && g.chance(0.5) {
				division = c.counties[g.intn(len(c.counties))].Code
			}
		case regionDomestic:
			h := &hqPlaces[g.weighted(g.hqW)]
			if central && g.chance(0.7) {
				h = &hqPlaces[g.beijing]
			}
			e.HQProvince, e.HQCity = h.prov, h.city
			provShort, cityFull, cityShort, division = h.provShort, h.city, h.cityShort, h.code
		case regionForeign:
			f := foreignPlaces[g.intn(len(foreignPlaces))]
			e.HQCountry = f.country
			provShort, cityFull, cityShort = f.prefix, f.prefix, f.prefix
		}

		word := g.pick(prof.words)
		e.Name = g.uniqueName(func() string {
			br = g.brand()
			b := br.han
			switch {
			case mgr:
				return cityOr(provShort, cityShort, g.chance(0.5)) + b + g.pick(mgrSuffixes)
			case region == regionForeign:
				return cityShort + b + word + g.pick([]string{"有限公司", "集团有限公司", "控股有限公司"})
			case central && g.chance(0.6):
				return "中国" + b + word + "集团有限公司"
			}
			suffix := suffixes[g.weighted(suffixW)]
			switch x := g.intn(100); {
			case x < 40:
				return cityFull + b + word + suffix
			case x < 65:
				return cityShort + b + word + suffix
			case x < 90:
				return provShort + b + word + suffix
			default:
				return b + "（" + cityShort + "）" + word + suffix
			}
		})
		if mgr {
			e.Industry = "资本市场服务"
		} else {
			e.Industry = g.pick(prof.industries)
		}
		e.Nature = nature
		if region != regionForeign && (mgr || central || g.chance(0.645)) {
			e.CreditCode = g.creditCode(division)
		}
		if !mgr {
			e.Categories = g.categoryTags(nature)
			switch x := g.intn(100); {
			case x < 8:
				e.Priority = app.PriorityA
			case x < 23:
				e.Priority = app.PriorityB
			case x < 43:
				e.Priority = app.PriorityC
			}
		}
		if e.Priority != app.PriorityNone || g.chance(0.2) {
			e.Owner = g.pick(team)
		}
		if g.chance(0.35) {
			e.Website = "www." + br.py + g.pick([]string{".com", ".com.cn", ".cn"})
		}
		if !mgr && g.chance(0.5) {
			e.Intro = "成立于" + strconv.Itoa(g.between(1993, g.today.Year()-2)) + "年，主要从事" +
				g.pick(prof.products) + "的研发、生产和销售，年营业收入约" + strconv.Itoa(g.between(2, 300)) + "亿元。"
		}
		g.ds.Enterprises = append(g.ds.Enterprises, e)
		g.entBrand = append(g.entBrand, br)
		g.entChain = append(g.entChain, chain)
	}
}

func cityOr(prov, city string, useCity bool) string {
	if useCity {
		return city
	}
	return prov
}

// categoryTags returns 0–3 enterprise categories with list years, consistent with the nature.
func (g *demoGen) categoryTags(nature app.Nature) []app.CategoryTag {
	if nature != app.NatureCentralSOE && !g.chance(0.35) {
		return nil
	}
	var tags []app.CategoryTag
	add := func(name string, year int) {
		if g.categories[name] && len(tags) < 3 {
			tags = append(tags, app.CategoryTag{Name: name, Year: year})
		}
	}
	listYear := func() int { return g.today.Year() - g.intn(4) }
	if nature == app.NatureCentralSOE {
		add("央企", listYear())
		if g.chance(0.3) {
			add("世界500强", listYear())
		}
	}
	foreign := nature == app.NatureForeignOwned || nature == app.NatureForeignJoint
	if foreign && g.chance(0.3) {
		add("世界500强", listYear())
	}
	for range 1 + g.intn(2) {
		switch x := g.intn(100); {
		case x < 30:
			add("高新技术企业", listYear())
		case x < 50:
			add("上市公司", g.between(2000, g.today.Year()))
		case x < 62:
			add("专精特新", listYear())
		case x < 72 && nature == app.NaturePrivate:
			add(`专精特新"小巨人"`, listYear())
		case x < 77:
			add("中国500强", listYear())
		case x < 82 && nature == app.NaturePrivate:
			add("民营500强", listYear())
		case x < 86:
			add("中国制造业500强", listYear())
		case x < 90:
			add("单项冠军", listYear())
		case x < 93:
			add("链主", listYear())
		case x < 96:
			add("瞪羚", listYear())
		case x < 98:
			add("独角兽", listYear())
		default:
			add("中国服务业500强", listYear())
		}
	}
	// No tag twice, in the order drawn.
	out := tags[:0]
	for _, t := range tags {
		if !slices.ContainsFunc(out, func(u app.CategoryTag) bool { return u.Name == t.Name }) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// ---------------------------------------------------------------------------------------
// Chambers.

func (g *demoGen) chamberKind(want string) string {
	if g.chamberKinds[want] {
		return want
	}
	return "其他"
}

func (g *demoGen) genChambers(n int) {
	g.chamberCnt = make([]int, n)
	for i := range n {
		c := app.Chamber{Meta: g.metaRecent()}
		if i < len(provincialChambers) {
			c.Name, c.City, c.Kind = provincialChambers[i].name, provincialChambers[i].city, g.chamberKind("异地江西商会")
			g.seenName[c.Name] = struct{}{}
		} else {
			var city, kind string
			c.Name = g.uniqueName(func() string {
				h := &hqPlaces[g.weighted(g.hqW)]
				city = h.city
				host := h.city
				if h.city == h.prov { // municipalities: 上海赣州商会
					host = h.cityShort
				}
				switch x := g.intn(100); {
				case x < 55:
					kind = "县市商会"
					return host + g.pick(jiangxiUnits) + "商会"
				case x < 80:
					kind = "校友会"
					return g.pick(jiangxiSchools) + h.cityShort + "校友会"
				case x < 88:
					kind = "战友会"
					return h.cityShort + "江西战友联谊会"
				default:
					kind = "行业协会"
					city = g.cities[g.capital].name
					return jiangxi + g.chains[g.intn(len(g.chains))].Name + "产业协会"
				}
			})
			c.City, c.Kind = city, g.chamberKind(kind)
		}
		if g.chance(0.6) {
			c.Notes = "成立于" + strconv.Itoa(g.between(1995, g.today.Year()-1)) + "年，会员企业约" +
				strconv.Itoa(g.between(3, 60)*10) + "家"
		}
		g.chamberAt[c.City] = append(g.chamberAt[c.City], i)
		g.ds.Chambers = append(g.ds.Chambers, c)
	}
}

// ---------------------------------------------------------------------------------------
// People.

func (g *demoGen) genPeople(n int) {
	for i := range n {
		p := app.Person{Meta: g.metaRecent()}
		var py string
		p.Name, py = g.personName()
		ent := -1
		if g.chance(0.85) {
			ent = g.intn(len(g.ds.Enterprises))
			p.EnterpriseID = g.ds.Enterprises[ent].ID
			p.Title = personTitles[g.weighted(g.personTitleW)].s
			g.entPeople[ent] = append(g.entPeople[ent], int32(i))
		}

		p.Phones = []string{g.mobile()}
		switch x := g.intn(100); {
		case x < 8:
			p.Phones = append(p.Phones, g.mobile())
		case x < 14:
			p.Phones = append(p.Phones, g.landline())
		}
		if g.chance(0.55) {
			if g.chance(0.5) {
				p.WeChat = "wxid_" + g.randLower(10)
			} else {
				p.WeChat = py + strconv.Itoa(g.between(1960, 1995))
			}
		}
		if g.chance(0.35) {
			switch x := g.intn(3); {
			case x == 0 && ent >= 0 && g.ds.Enterprises[ent].Website != "":
				p.Email = py + "@" + strings.TrimPrefix(g.ds.Enterprises[ent].Website, "www.")
			case x == 1:
				p.Email = strconv.Itoa(g.between(10_000_000, 2_999_999_999)) + "@qq.com"
			default:
				p.Email = py + strconv.Itoa(g.between(1, 999)) + "@163.com"
			}
		}

		gan := g.chance(0.4)
		var ties []app.Tie
		if gan {
			c := &g.cities[g.intn(len(g.cities))]
			p.NativeProvince, p.NativeCity = jiangxi, c.name
			if len(c.counties) > 0 && g.chance(0.9) {
				p.NativeCounty = c.counties[g.intn(len(c.counties))].Name
			}
			if g.chance(0.9) {
				ties = append(ties, app.TieHometown)
			}
			if g.chance(0.35) {
				ties = append(ties, app.TieAlumni)
			}
			if g.chance(0.12) {
				ties = append(ties, app.TieComrade)
			}
		} else {
			if g.chance(0.7) {
				o := otherNatives[g.intn(len(otherNatives))]
				p.NativeProvince = o[0]
				if g.chance(0.6) {
					p.NativeCity = o[1]
				}
			}
			if g.chance(0.1) {
				ties = append(ties, app.TieAlumni)
			}
			if g.chance(0.05) {
				ties = append(ties, app.TieComrade)
			}
		}
		if len(ties) > 0 {
			p.Ties = ties
		}
		if slices.Contains(ties, app.TieAlumni) {
			p.AlmaMater = g.pick(jiangxiSchools)
		} else if g.chance(0.45) {
			p.AlmaMater = g.pick(otherSchools)
		}
		if slices.Contains(ties, app.TieComrade) {
			c := &g.cities[g.intn(len(g.cities))]
			p.ServicePlace = jiangxiShort + c.short
		} else if g.chance(0.03) {
			p.ServicePlace = g.pick(otherServicePlaces)
		}

		if (gan || len(ties) > 0) && g.chance(0.55) && len(g.ds.Chambers) > 0 {
			p.Memberships = append(p.Memberships, g.membership(ent))
			if g.chance(0.15) {
				m := g.membership(ent)
				if m.ChamberID != p.Memberships[0].ChamberID {
					p.Memberships = append(p.Memberships, m)
				} else {
					g.chamberCnt[g.chamberIndex(m.ChamberID)]--
				}
			}
		}

		if g.chance(0.45) {
			if g.chance(0.4) {
				p.Dates = append(p.Dates, app.ImportantDate{
					Label: "生日", Calendar: app.Lunar, Month: g.between(1, 12), Day: g.between(1, 30),
					LeapMonth: g.chance(0.01),
				})
			} else {
				m := g.between(1, 12)
				p.Dates = append(p.Dates, app.ImportantDate{
					Label: "生日", Calendar: app.Solar, Year: g.between(1958, 1990), Month: m, Day: g.between(1, daysIn(m)),
				})
			}
		}
		if ent >= 0 && g.chance(0.1) {
			m := g.between(1, 12)
			p.Dates = append(p.Dates, app.ImportantDate{
				Label: "公司成立纪念日", Calendar: app.Solar, Year: g.between(1993, g.today.Year()-1), Month: m, Day: g.between(1, daysIn(m)),
			})
		}

		key := len(ties) > 0 || (ent >= 0 && g.ds.Enterprises[ent].Priority != app.PriorityNone)
		switch {
		case key:
			p.CadenceDays = []int{30, 60, 60, 90, 90}[g.intn(5)]
		case g.chance(0.25):
			p.CadenceDays = 90
		}
		if key || g.chance(0.4) {
			p.Keeper = g.pick(team)
		}
		if (gan || len(ties) > 0) && g.chance(0.3) {
			p.Notes = g.pick(personNotes)
		}

		for _, t := range ties {
			ti := slices.Index(app.Ties, t)
			g.tiePool[ti] = append(g.tiePool[ti], int32(i))
		}
		if gan {
			g.ganPeople = append(g.ganPeople, int32(i))
		}
		g.personEnt = append(g.personEnt, int32(ent))
		g.ds.People = append(g.ds.People, p)
	}
}

// daysIn is the number of days a solar month has in every year (February as 28).
func daysIn(m int) int {
	switch m {
	case 2:
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func (g *demoGen) randLower(n int) string {
	const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[g.intn(len(alnum))]
	}
	return string(b)
}

// membership picks a chamber, preferring one in the city of the person's company, and a role:
// a chamber's first member is its 会长, the second its 秘书长.
func (g *demoGen) membership(ent int) app.Membership {
	ci := g.intn(len(g.ds.Chambers))
	if ent >= 0 {
		if local := g.chamberAt[g.ds.Enterprises[ent].HQCity]; len(local) > 0 && g.chance(0.7) {
			ci = local[g.intn(len(local))]
		}
	}
	role := chamberRoles[g.weighted(g.roleW)].s
	switch g.chamberCnt[ci] {
	case 0:
		role = "会长"
	case 1:
		role = "秘书长"
	}
	g.chamberCnt[ci]++
	return app.Membership{ChamberID: g.ds.Chambers[ci].ID, Role: role}
}

func (g *demoGen) chamberIndex(id string) int {
	return slices.IndexFunc(g.ds.Chambers, func(c app.Chamber) bool { return c.ID == id })
}

// ---------------------------------------------------------------------------------------
// Funds.

func (g *demoGen) genFunds(n int) {
	var parents []int // guidance and parent funds, by index
	for i := range n {
		f := app.Fund{}
		switch {
		case i == 0:
			f.Type = app.FundGuidance
		case i == 1:
			f.Type = app.FundParent
		case i == 2:
			f.Type = app.FundChild
		default:
			switch x := g.intn(100); {
			case x < 10:
				f.Type = app.FundGuidance
			case x < 28:
				f.Type = app.FundParent
			case x < 95:
				f.Type = app.FundChild
			default:
				f.Type = app.FundOther
			}
		}
		f.ManagerID = g.ds.Enterprises[g.intn(g.nMgr)].ID
		city := &g.cities[g.intn(len(g.cities))]
		chain := g.chains[g.intn(len(g.chains))].Name
		switch f.Type {
		case app.FundGuidance:
			if i == 0 {
				f.Name, f.Level = "江西省现代产业引导基金", app.FundProvincial
				g.seenName[f.Name] = struct{}{}
			} else {
				f.Level = app.FundCity
				f.Name = g.uniqueName(func() string {
					if g.chance(0.5) {
						f.Level = app.FundCounty
						return g.zones[g.intn(len(g.zones))].Name + "产业引导基金"
					}
					return g.cities[g.intn(len(g.cities))].name + "产业引导基金"
				})
			}
			f.Size = app.Yuan(g.between(50, 500)) * app.Yi
			f.GovCommitment = f.Size * app.Yuan(g.between(60, 100)) / 100
			f.SetUpOn = g.daysAgo(g.between(3*365, 8*365))
		case app.FundParent:
			f.Level = []app.FundLevel{app.FundProvincial, app.FundCity, app.FundCity}[g.intn(3)]
			f.Name = g.uniqueName(func() string {
				if f.Level == app.FundProvincial {
					return jiangxi + g.chains[g.intn(len(g.chains))].Name + "产业母基金"
				}
				return g.cities[g.intn(len(g.cities))].name + g.pick([]string{"产业发展母基金", "科创母基金", "产业投资母基金"})
			})
			f.Size = app.Yuan(g.between(20, 200)) * app.Yi
			f.GovCommitment = f.Size * app.Yuan(g.between(30, 50)) / 100
		case app.FundChild, app.FundOther:
			f.Level = []app.FundLevel{app.FundCity, app.FundCounty, app.FundMarket, app.FundProvincial}[g.intn(4)]
			f.Name = g.uniqueName(func() string {
				b := g.brand().han
				if g.chance(0.5) {
					return jiangxiShort + b + chain + "产业投资基金（有限合伙）"
				}
				return city.short + b + chain + "股权投资合伙企业（有限合伙）"
			})
			f.Size = app.Yuan(g.between(20, 500)) * app.Yi / 10
			f.GovCommitment = f.Size * app.Yuan(g.between(10, 30)) / 100
			switch x := g.intn(100); {
			case x < 50:
				f.ReinvestKind = app.ReinvestMultiple
				f.ReinvestRatio = []int{15000, 15000, 20000, 12000, 10000}[g.intn(5)]
			case x < 90:
				f.ReinvestKind = app.ReinvestShare
				f.ReinvestRatio = []int{6000, 5000, 7000}[g.intn(3)]
			}
			if f.ReinvestKind != app.ReinvestNone {
				f.ReinvestBase = app.ReinvestBases[g.intn(len(app.ReinvestBases))]
			}
		}
		if f.Type != app.FundGuidance {
			if len(parents) > 0 && f.Type != app.FundOther {
				parent := &g.ds.Funds[parents[g.intn(len(parents))]]
				f.ParentID = parent.ID
				f.SetUpOn = minDate(g.dateBetween(parent.SetUpOn.AddDays(60), g.daysAgo(30)), g.today)
			} else {
				f.SetUpOn = g.daysAgo(g.between(180, 5*365))
			}
		}
		f.Stage = app.FundInvested
		if i > 2 && g.chance(0.3) {
			f.Stage = app.FundStages[g.intn(len(app.FundStages)-1)]
		}
		switch {
		case f.ReinvestKind != app.ReinvestNone && g.chance(0.3):
			f.Notes = "按国办发〔2025〕1号要求，返投比例拟下调"
		case g.chance(0.4):
			f.Notes = "存续期" + strconv.Itoa(g.between(7, 15)) + "年，其中投资期" + strconv.Itoa(g.between(3, 5)) + "年"
		}
		f.Meta = g.meta(f.SetUpOn, g.dateBetween(f.SetUpOn, g.today))
		if f.Type == app.FundGuidance || f.Type == app.FundParent {
			parents = append(parents, i)
		}
		g.ds.Funds = append(g.ds.Funds, f)
	}
}

// ---------------------------------------------------------------------------------------
// Projects and their stage history.

// step is one planned stage change.
type step struct {
	to     app.Stage
	reason string
	kind   int // stepForward, stepBack, stepStop, stepResume
}

const (
	stepForward = iota
	stepBack
	stepStop
	stepResume
)

func (g *demoGen) genProjects(n int) {
	nInvestors := len(g.ds.Enterprises) - g.nMgr
	g.projStart = make([]app.Date, 0, n)
	for i := range n {
		var target app.Stage
		if i < len(app.Stages) {
			target = app.Stages[i]
		} else {
			target = app.Stages[g.weighted(stageWeights)]
		}
		var p app.Project
		p.ID = g.id()

		// Investor and introducer; a 三请三回 project comes through one of the 三友.
		homecoming := g.chance(0.2)
		intro := -1
		var ties []app.Tie
		if homecoming {
			if g.chance(0.7) {
				ties = append(ties, app.TieHometown)
			}
			if g.chance(0.3) {
				ties = append(ties, app.TieAlumni)
			}
			if len(ties) == 0 || g.chance(0.15) {
				ties = append(ties, app.TieComrade)
			}
			pool := g.tiePool[slices.Index(app.Ties, ties[0])]
			if len(pool) > 0 {
				intro = int(pool[g.intn(len(pool))])
			} else {
				intro = g.intn(len(g.ds.People))
			}
		} else if g.chance(0.2) {
			intro = g.intn(len(g.ds.People))
		}
		inv := g.nMgr + g.intn(nInvestors)
		if intro >= 0 {
			p.IntroducerID = g.ds.People[intro].ID
			if e := int(g.personEnt[intro]); homecoming && e >= g.nMgr && g.chance(0.6) {
				inv = e
			}
		}
		e := &g.ds.Enterprises[inv]
		p.InvestorID = e.ID
		g.projInvestor = append(g.projInvestor, int32(inv))

		chain := g.entChain[inv]
		if chain < 0 || g.chance(0.15) {
			chain = g.intn(len(g.chains))
		}
		p.ChainID = g.chains[chain].ID
		prof := g.profiles[chain]
		switch x := g.intn(100); {
		case x < 85:
			p.Sector = app.SectorIndustry
			t := prof.projects[g.intn(len(prof.projects))]
			p.Name = t.pre
			if t.lo > 0 {
				p.Name += strconv.Itoa(g.between(t.lo, t.hi))
			}
			p.Name += t.post
		case x < 97:
			p.Sector = app.SectorServices
			p.Name = g.pick(serviceProjects)
		default:
			p.Sector = app.SectorAgriculture
			p.Name = g.pick(farmProjects)
		}
		if g.chance(0.5) || p.Sector != app.SectorIndustry {
			p.Name = g.entBrand[inv].han + p.Name
		}

		if zs := g.zonesByChain[chain]; len(zs) > 0 && g.chance(0.6) {
			p.ZoneID = g.zones[zs[g.intn(len(zs))]].ID
		} else {
			p.ZoneID = g.zones[g.intn(len(g.zones))].ID
		}

		p.TotalInvestment = g.totalInvestment()
		p.FixedInvestment = roundYuan(app.Yuan(float64(p.TotalInvestment)*g.uniform(0.55, 0.95)), app.Wan)
		foreign := e.Nature == app.NatureForeignOwned || e.Nature == app.NatureForeignJoint
		if foreign || g.chance(0.04) {
			usd := float64(p.TotalInvestment) / 7.1 * g.uniform(0.2, 1)
			p.ForeignCapital = app.USCents(math.Round(usd/10_000)) * 1_000_000 // whole 万美元
		}
		mu := p.FixedInvestment.Wan() / g.uniform(150, 600)
		switch p.Sector {
		case app.SectorServices:
			mu /= 3
			if g.chance(0.4) {
				mu = 0
			}
		case app.SectorAgriculture:
			mu *= 4
		}
		if mu > 0 {
			p.Land = app.Area(math.Max(10, math.Round(mu*2)/2) * 100)
		}

		if homecoming {
			p.Methods = append(p.Methods, methodHomecoming)
			p.HomecomingTies = ties
			p.Homecoming = true
		}
		for want := g.between(1, 3) - len(p.Methods); want > 0; want-- {
			m := g.methods[g.weighted(g.methodW)]
			if !slices.Contains(p.Methods, m) {
				p.Methods = append(p.Methods, m)
			}
		}
		if len(p.Methods) == 0 {
			p.Methods = []string{g.methods[0]}
		}

		p.OutOfProvince = e.HQProvince != "" && e.HQProvince != jiangxi
		p.GanReturn = p.OutOfProvince && (slices.Contains(ties, app.TieHometown) || g.chance(0.1))

		start := g.history(&p, target)
		if !p.StartedOn.IsZero() && g.chance(0.65) {
			p.RegisteredOn = minDate(p.StartedOn.AddDays(g.between(10, 150)), g.today)
			p.Registered = true
		}
		p.Leader = g.pick(leaders)
		p.Unit = g.pick(units)
		year := start.Year()
		g.codeSeq[year]++
		p.Code = projectCode(year, g.codeSeq[year])
		if g.chance(0.3) {
			p.Notes = g.pick(projectNotes)
		}
		id := p.ID
		p.Meta = g.meta(start, p.StageSince)
		p.ID = id
		g.projStart = append(g.projStart, start)
		g.ds.Projects = append(g.ds.Projects, p)
	}
}

// projectCode formats a project library code such as JX2025-0001.
func projectCode(year, seq int) string {
	s := strconv.Itoa(seq)
	if len(s) < 4 {
		s = strings.Repeat("0", 4-len(s)) + s
	}
	return "JX" + strconv.Itoa(year) + "-" + s
}

// totalInvestment draws a total investment, log-spread from 2000万 to 120亿, with some
// exactly on the 亿元以上 and "5020" boundaries.
func (g *demoGen) totalInvestment() app.Yuan {
	switch x := g.intn(100); {
	case x < 4:
		return app.Yi
	case x < 7:
		return 20 * app.Yi
	case x < 9:
		return 50 * app.Yi
	}
	lo, hi := math.Log(2e7), math.Log(1.2e10)
	v := app.Yuan(math.Exp(g.uniform(lo, hi)))
	switch {
	case v < 10*app.Yi:
		v = roundYuan(v, 100*app.Wan)
	default:
		v = roundYuan(v, 1000*app.Wan)
	}
	return min(max(v, 2000*app.Wan), 120*app.Yi)
}

// roundYuan rounds v to a multiple of unit.
func roundYuan(v, unit app.Yuan) app.Yuan { return (v + unit/2) / unit * unit }

// history plans the stage history that ends in target, dates it over the last three years and
// applies it to p with app.ApplyStageMove, appending each change to the dataset. It returns
// the date of the first change.
func (g *demoGen) history(p *app.Project, target app.Stage) app.Date {
	var steps []step
	forward := func(from, to int) { // ranks, inclusive
		for r := from; r <= to; r++ {
			steps = append(steps, step{to: app.PipelineStages[r]})
		}
	}
	startRank := 0
	switch x := g.intn(100); {
	case x < 70:
	case x < 94:
		startRank = 1
	default:
		startRank = 2
	}
	var last int // the pipeline rank reached before a 中止 or 退库
	switch target {
	case app.StageStopped:
		last = []int{1, 2, 2, 3, 4, 4}[g.intn(6)]
	case app.StageWithdrawn:
		last = []int{0, 0, 1, 1, 1, 2}[g.intn(6)]
	default:
		last = target.Rank()
	}
	startRank = min(startRank, last)
	if startRank == 0 && last >= 2 && g.chance(0.1) { // 储备 straight to 签约
		steps = append(steps, step{to: app.StageReserve})
		forward(2, last)
	} else {
		forward(startRank, last)
	}

	// One step back and forward again, or a pause and a resumption.
	if len(steps) >= 2 && g.chance(0.1) {
		k := 1 + g.intn(len(steps)-1)
		if r := steps[k].to.Rank(); r >= 1 {
			ins := []step{
				{to: app.PipelineStages[r-1], reason: g.pick(backReasons), kind: stepBack},
				{to: steps[k].to},
			}
			steps = slices.Insert(steps, k+1, ins...)
		}
	} else if target.Rank() >= 1 && len(steps) >= 2 && g.chance(0.05) {
		k := g.intn(len(steps) - 1)
		ins := []step{
			{to: app.StageStopped, reason: g.pick(stopReasons), kind: stepStop},
			{to: steps[k].to, reason: g.pick(resumeReasons), kind: stepResume},
		}
		steps = slices.Insert(steps, k+1, ins...)
	}
	switch target {
	case app.StageStopped:
		steps = append(steps, step{to: app.StageStopped, reason: g.pick(stopReasons), kind: stepStop})
	case app.StageWithdrawn:
		steps = append(steps, step{to: app.StageWithdrawn, reason: g.pick(withdrawReasons), kind: stepStop})
	}

	// Gaps between changes, scaled to fit the last three years.
	var gapBuf [16]int
	gaps := gapBuf[:0]
	sum := 0
	for i, s := range steps {
		gap := 0
		if i > 0 {
			switch {
			case s.kind == stepBack:
				gap = g.between(20, 120)
			case s.kind == stepResume:
				gap = g.between(60, 240)
			case s.to == app.StageStopped, s.to == app.StageWithdrawn:
				gap = g.between(30, 330)
			case s.to == app.StageNegotiating:
				gap = g.between(20, 200)
			case s.to == app.StageSigned:
				gap = g.between(30, 240)
			case s.to == app.StageStarted:
				gap = g.between(20, 180)
			case s.to == app.StageBuilding:
				gap = g.between(15, 120)
			case s.to == app.StageProducing:
				gap = g.between(90, 420)
			}
		}
		gaps = append(gaps, gap)
		sum += gap
	}
	lastAgo := g.between(0, 240)
	if avail := 1095 - lastAgo; sum > avail {
		scaled := 0
		for i := 1; i < len(gaps); i++ {
			gaps[i] = max(1, gaps[i]*avail/sum)
			scaled += gaps[i]
		}
		sum = scaled
	}
	first := g.daysAgo(lastAgo + sum)
	on := first
	var prev app.Stage
	for i, s := range steps {
		on = on.AddDays(gaps[i])
		*p = app.ApplyStageMove(*p, app.StageMove{To: s.to, On: on, Reason: s.reason})
		created := on.Time().Add(time.Duration(8*3600+g.r.IntN(10*3600)) * time.Second)
		g.ds.StageChanges = append(g.ds.StageChanges, app.StageChange{
			ID: g.id(), ProjectID: p.ID, From: prev, To: s.to, On: on, Reason: p.StageReason,
			CreatedAt: created, By: g.by,
		})
		prev = s.to
	}
	return first
}

// ---------------------------------------------------------------------------------------
// Fund investments.

// genInvestments makes n investments of the funds that invest (sub-funds, funds of funds and
// others, at 投后); half of them land as a project of the investee, which then names the fund
// and the method 基金招商.
func (g *demoGen) genInvestments(n int) {
	var investing []int
	for i, f := range g.ds.Funds {
		if f.Type != app.FundGuidance && f.Stage == app.FundInvested {
			investing = append(investing, i) // never empty: fund 2 is a sub-fund at 投后
		}
	}
	for range n {
		f := &g.ds.Funds[investing[g.intn(len(investing))]]
		v := app.FundInvestment{FundID: f.ID}
		proj := -1
		if g.chance(0.5) {
			for range 20 {
				k := g.intn(len(g.ds.Projects))
				if q := &g.ds.Projects[k]; q.FundID == "" && q.Stage.AtLeast(app.StageSigned) {
					proj = k
					break
				}
			}
		}
		var lo app.Date
		if proj >= 0 {
			q := &g.ds.Projects[proj]
			q.FundID = f.ID
			if !slices.Contains(q.Methods, methodFund) {
				if len(q.Methods) < 3 {
					q.Methods = append(q.Methods, methodFund)
				} else {
					q.Methods[2] = methodFund
				}
			}
			v.ProjectID = q.ID
			v.EnterpriseID = q.InvestorID
			v.Amount = roundYuan(app.Yuan(float64(q.TotalInvestment)*g.uniform(0.05, 0.3)), app.Wan)
			lo = maxDate(f.SetUpOn, q.SignedOn.AddDays(-60))
		} else {
			v.EnterpriseID = g.ds.Enterprises[g.nMgr+g.intn(len(g.ds.Enterprises)-g.nMgr)].ID
			v.Amount = roundYuan(app.Yuan(math.Exp(g.uniform(math.Log(1e7), math.Log(3e8)))), 100*app.Wan)
			lo = f.SetUpOn
		}
		v.Amount = max(min(v.Amount, f.Size/3), 100*app.Wan)
		lo = minDate(lo, g.today)
		v.On = minDate(lo.AddDays(g.between(0, 240)), g.today)
		pCounts := 0.6
		if proj >= 0 {
			pCounts = 0.9
		}
		if g.chance(pCounts) {
			v.Counts = true
			v.CountsReason = g.pick(countsReasons)
		} else {
			v.CountsReason = g.pick(notCountsReasons)
		}
		v.Meta = g.meta(v.On, g.dateBetween(v.On, g.today))
		g.ds.Investments = append(g.ds.Investments, v)
	}
}

// ---------------------------------------------------------------------------------------
// Tasks.

func tasksFor(s app.Stage) []string {
	switch s {
	case app.StageReserve, app.StageNegotiating, app.StageWithdrawn:
		return tasksEarly
	case app.StageSigned, app.StageStopped:
		return tasksSigned
	case app.StageStarted, app.StageBuilding:
		return tasksBuilding
	}
	return tasksRunning
}

var taskStageWeight = map[app.Stage]int{
	app.StageReserve: 1, app.StageNegotiating: 3, app.StageSigned: 4, app.StageStarted: 4,
	app.StageBuilding: 4, app.StageProducing: 2, app.StageStopped: 1, app.StageWithdrawn: 1,
}

func (g *demoGen) genTasks(n int) {
	np := len(g.ds.Projects)
	cum := make([]int, np)
	total := 0
	for i := range g.ds.Projects {
		total += taskStageWeight[g.ds.Projects[i].Stage]
		cum[i] = total
	}
	used := make([]uint32, np) // titles already given, by index into the stage list then generic
	for range n {
		x := g.intn(total)
		pi, _ := slices.BinarySearch(cum, x+1)
		p := &g.ds.Projects[pi]
		list := tasksFor(p.Stage)
		all := len(list) + len(tasksGeneric)
		k := g.intn(all)
		for try := 0; try < all && used[pi]&(1<<k) != 0; try++ {
			k = (k + 1) % all
		}
		used[pi] |= 1 << k
		t := app.Task{ProjectID: p.ID, Assignee: g.pick(team)}
		if k < len(list) {
			t.Title = list[k]
		} else {
			t.Title = tasksGeneric[k-len(list)]
		}
		start := g.projStart[pi]
		created := g.dateBetween(maxDate(start, p.StageSince.AddDays(-60)), g.today)
		t.DueOn = created.AddDays(g.between(7, 120))
		pDone := 0.45
		if p.Stage.Terminal() || p.Stage == app.StageProducing {
			pDone = 0.85
		}
		if g.chance(pDone) {
			t.Done = true
			t.DoneOn = g.dateBetween(created, minDate(t.DueOn.AddDays(20), g.today))
		}
		if g.chance(0.15) {
			t.Notes = g.pick(taskNotes)
		}
		updated := created
		if t.Done {
			updated = t.DoneOn
		}
		t.Meta = g.meta(created, updated)
		g.ds.Tasks = append(g.ds.Tasks, t)
	}
}

// ---------------------------------------------------------------------------------------
// 到位资金 ledger.

// genArrivals writes n monthly rows over the projects at 签约 or beyond, never two rows with
// the same project, month and source, and returns how many rows it could not place because
// the projects have too few months.
func (g *demoGen) genArrivals(n int) int {
	type slotPlan struct {
		proj    int
		first   app.Month
		months  int
		sources [2]app.ArrivalSource
		nsrc    int
		quota   int
		weight  float64
	}
	tm := app.MonthOf(g.today)
	var plans []slotPlan
	wsum, capacity := 0.0, 0
	for i := range g.ds.Projects {
		p := &g.ds.Projects[i]
		if !p.Stage.AtLeast(app.StageSigned) {
			continue
		}
		first := app.MonthOf(p.SignedOn)
		sp := slotPlan{proj: i, first: first, months: (tm.Year-first.Year)*12 + int(tm.Month-first.Month) + 1}
		inv := &g.ds.Enterprises[g.projInvestor[i]]
		switch {
		case p.OutOfProvince:
			sp.sources[0] = app.SourceOutOfProvince
		case inv.HQCountry != "":
			sp.sources[0] = app.SourceAbroad
		default:
			sp.sources[0] = app.SourceInProvince
		}
		sp.nsrc = 1
		if p.ForeignCapital > 0 && sp.sources[0] != app.SourceAbroad {
			sp.sources[1] = app.SourceAbroad
			sp.nsrc = 2
		}
		sp.weight = arrivalStageWeight[p.Stage.Rank()] * g.uniform(0.5, 1.5)
		wsum += sp.weight
		capacity += sp.months * sp.nsrc
		plans = append(plans, sp)
	}
	short := max(0, n-capacity)
	n -= short
	if n == 0 {
		return short
	}

	// Quotas proportional to the weights, capped by each project's slots, then evened out
	// to exactly n in project order.
	sum := 0
	for i := range plans {
		sp := &plans[i]
		want := sp.weight * float64(n) / wsum
		q := int(want)
		if g.r.Float64() < want-float64(q) {
			q++
		}
		sp.quota = min(q, sp.months*sp.nsrc)
		sum += sp.quota
	}
	for i := 0; sum < n; i = (i + 1) % len(plans) {
		if sp := &plans[i]; sp.quota < sp.months*sp.nsrc {
			sp.quota++
			sum++
		}
	}
	for i := 0; sum > n; i = (i + 1) % len(plans) {
		if sp := &plans[i]; sp.quota > 0 {
			sp.quota--
			sum--
		}
	}

	var slots []int
	var weights []float64
	for _, sp := range plans {
		if sp.quota == 0 {
			continue
		}
		p := &g.ds.Projects[sp.proj]
		// Choose quota distinct (month, source) slots by a partial Fisher–Yates shuffle.
		total := sp.months * sp.nsrc
		slots = slots[:0]
		for k := range total {
			slots = append(slots, k)
		}
		for k := range sp.quota {
			j := k + g.intn(total-k)
			slots[k], slots[j] = slots[j], slots[k]
		}
		chosen := slots[:sp.quota]
		slices.Sort(chosen)

		ratio := arrivalStageRatio[p.Stage.Rank()]
		arrived := float64(p.TotalInvestment) * g.uniform(ratio[0], ratio[1])
		weights = weights[:0]
		wt := 0.0
		for range chosen {
			w := g.uniform(0.5, 1.5)
			weights = append(weights, w)
			wt += w
		}
		for k, slot := range chosen {
			m := addMonths(sp.first, slot/sp.nsrc)
			a := app.Arrival{
				ProjectID: p.ID,
				Month:     m,
				Source:    sp.sources[slot%sp.nsrc],
				Amount:    max(roundYuan(app.Yuan(arrived*weights[k]/wt), app.Wan), app.Wan),
			}
			if g.chance(0.15) {
				a.Note = g.pick(arrivalNotes)
			}
			entered := minDate(m.Last().AddDays(g.between(1, 10)), g.today)
			a.Meta = g.meta(entered, entered)
			g.ds.Arrivals = append(g.ds.Arrivals, a)
		}
	}
	return short
}

// By pipeline rank: how many 到位资金 rows a project at that stage tends to have, relatively,
// and the share of its total investment arrived so far.
var (
	arrivalStageWeight = [...]float64{2: 2, 3: 4, 4: 6, 5: 8}
	arrivalStageRatio  = [...][2]float64{2: {0.03, 0.2}, 3: {0.1, 0.4}, 4: {0.25, 0.7}, 5: {0.5, 0.95}}
)

// addMonths returns the month k months after m.
func addMonths(m app.Month, k int) app.Month {
	idx := m.Year*12 + int(m.Month-1) + k
	return app.Month{Year: idx / 12, Month: time.Month(idx%12 + 1)}
}

// ---------------------------------------------------------------------------------------
// Activities.

func (g *demoGen) kind(want string) string {
	if g.kinds[want] {
		return want
	}
	return g.otherKind
}

var (
	projectKinds   = []weightedString{{"走访", 25}, {"洽谈", 20}, {"电话", 15}, {"微信", 12}, {"接待", 10}, {"考察", 10}, {"签约仪式", 3}, {"其他", 3}}
	homeEventKinds = []weightedString{{"恳谈会", 30}, {"座谈会", 30}, {"茶话会", 20}, {"团拜会", 20}}
	otherKinds     = []weightedString{{"走访", 30}, {"电话", 25}, {"微信", 20}, {"考察", 5}, {"展会", 8}, {"洽谈", 7}, {"其他", 5}}
)

func (g *demoGen) pickWeighted(list []weightedString) string {
	total := 0
	for _, v := range list {
		total += v.w
	}
	x := g.intn(total)
	for _, v := range list {
		if x < v.w {
			return v.s
		}
		x -= v.w
	}
	return list[len(list)-1].s
}

func (g *demoGen) zoneName(id string) string {
	for i := range g.zones {
		if g.zones[i].ID == id {
			return g.zones[i].Name
		}
	}
	return ""
}

// festivalDate returns a day around the Spring Festival (or, sometimes, 清明) of the last
// three years, when hometown events are held.
func (g *demoGen) festivalDate() app.Date {
	y := g.today.Year() - g.intn(3)
	var d app.Date
	if g.chance(0.85) {
		d = app.NewDate(y, time.January, 10).AddDays(g.intn(50))
	} else {
		d = app.NewDate(y, time.March, 25).AddDays(g.intn(16))
	}
	if d.After(g.today) {
		d = d.AddDays(-365)
	}
	return minDate(d, g.today)
}

func (g *demoGen) genActivities(n int) {
	np, ne, nper := len(g.ds.Projects), len(g.ds.Enterprises), len(g.ds.People)
	earliest := g.daysAgo(1095)
	for range n {
		a := app.Activity{By: g.pick(team)}
		if g.chance(0.2) {
			other := g.pick(team)
			if other != a.By {
				a.By += "、" + other
			}
		}
		var ent, per int = -1, -1
		var proj *app.Project
		var zone, chain string
		switch x := g.intn(100); {
		case x < 60: // about a project
			pi := g.intn(np)
			proj = &g.ds.Projects[pi]
			ent = int(g.projInvestor[pi])
			a.ProjectIDs = []string{proj.ID}
			a.EnterpriseIDs = []string{proj.InvestorID}
			if g.chance(0.15) {
				if o := g.intn(ne); o != ent {
					a.EnterpriseIDs = append(a.EnterpriseIDs, g.ds.Enterprises[o].ID)
				}
			}
			a.Kind = g.pickWeighted(projectKinds)
			if a.Kind == "签约仪式" && proj.SignedOn.IsZero() {
				a.Kind = "洽谈"
			}
			if a.Kind == "签约仪式" {
				a.On = proj.SignedOn
			} else {
				a.On = g.dateBetween(maxDate(earliest, g.projStart[pi].AddDays(-30)), g.today)
			}
			zone = g.zoneName(proj.ZoneID)
			for ci := range g.chains {
				if g.chains[ci].ID == proj.ChainID {
					chain = g.chains[ci].Name
				}
			}
		case x < 75 && len(g.ganPeople) > 0: // a 三友 event
			a.Kind = g.pickWeighted(homeEventKinds)
			a.On = g.festivalDate()
			per = int(g.ganPeople[g.intn(len(g.ganPeople))])
			if id := g.ds.People[per].EnterpriseID; id != "" && g.chance(0.5) {
				a.EnterpriseIDs = []string{id}
			}
		default:
			a.Kind = g.pickWeighted(otherKinds)
			a.On = g.dateBetween(earliest, g.today)
			ent = g.intn(ne)
			a.EnterpriseIDs = []string{g.ds.Enterprises[ent].ID}
		}
		a.Kind = g.kind(a.Kind)

		// People: someone of the enterprise, else the project's introducer, else anyone.
		if per < 0 {
			switch {
			case ent >= 0 && len(g.entPeople[ent]) > 0:
				per = int(g.entPeople[ent][g.intn(len(g.entPeople[ent]))])
			case proj != nil && proj.IntroducerID != "":
				a.PersonIDs = []string{proj.IntroducerID}
			case g.chance(0.6):
				per = g.intn(nper)
			}
		}
		if per >= 0 {
			a.PersonIDs = []string{g.ds.People[per].ID}
			if g.chance(0.3) {
				if o := g.intn(nper); o != per {
					a.PersonIDs = append(a.PersonIDs, g.ds.People[o].ID)
				}
			}
		}

		var entName, personName string
		if ent >= 0 {
			entName = g.ds.Enterprises[ent].Name
		}
		if len(a.PersonIDs) > 0 && per >= 0 {
			personName = g.ds.People[per].Name
		}
		a.Place, a.Summary = g.activityText(a.Kind, proj, ent, entName, personName, zone, chain)
		if g.chance(0.7) {
			if slices.ContainsFunc(homeEventKinds, func(k weightedString) bool { return k.s == a.Kind }) {
				a.NextStep = g.pick(homeNextSteps)
			} else {
				a.NextStep = g.pick(nextSteps)
			}
			if g.chance(0.6) {
				a.NextDue = a.On.AddDays(g.between(7, 60))
			}
		}
		a.Meta = g.meta(a.On, minDate(a.On.AddDays(g.intn(4)), g.today))
		g.ds.Activities = append(g.ds.Activities, a)
	}
}

// activityText returns the place and summary of an activity.
func (g *demoGen) activityText(kind string, proj *app.Project, ent int, entName, personName, zone, chain string) (place, summary string) {
	if zone == "" {
		zone = g.zones[g.intn(len(g.zones))].Name
	}
	if entName == "" {
		entName = "意向企业"
	}
	who := personName
	if who == "" {
		who = "企业负责人"
	}
	projName := "项目"
	if proj != nil {
		projName = proj.Name
	}
	hq := ""
	if ent >= 0 {
		e := &g.ds.Enterprises[ent]
		switch {
		case e.HQCountry != "":
			hq = e.HQCountry
		case e.HQProvince == e.HQCity:
			hq = e.HQCity
		default:
			hq = e.HQProvince + e.HQCity
		}
	}
	switch kind {
	case "走访":
		place = hq
		summary = "走访" + entName + "，与" + who + "座谈，介绍" + zone + "产业政策和要素保障"
		if chain != "" {
			summary += "，企业有意在" + chain + "领域扩大产能。"
		} else {
			summary += "，企业表示将研究在赣布局。"
		}
	case "洽谈":
		place = zone + "管委会"
		summary = "与" + entName + "洽谈" + projName + "，就用地、能耗和投资强度交换意见。"
	case "电话":
		summary = "电话联系" + who + "，了解" + projName + "最新进展，对方表示近期来赣考察。"
	case "微信":
		summary = "微信沟通" + projName + "相关资料，对方已发来项目可行性研究报告。"
	case "接待":
		place = zone + "招商服务中心"
		summary = "接待" + entName + "考察团一行，参观" + zone + "标准厂房和配套设施。"
	case "考察":
		place = zone
		summary = "陪同" + who + "实地考察" + projName + "选址地块，介绍周边配套。"
	case "签约仪式":
		place = zone + "管委会"
		summary = projName + "正式签约，总投资" + proj.TotalInvestment.FormatYi() + "。"
	case "恳谈会", "座谈会", "茶话会", "团拜会":
		city := g.ds.Chambers[g.intn(len(g.ds.Chambers))].City
		place = city + "江西商会会所"
		summary = "在" + city + "举办赣籍企业家" + kind + "，邀请" + strconv.Itoa(g.between(12, 80)) +
			"位三友参加，推介家乡投资环境。"
	case "展会":
		expo := g.pick(expos)
		place = expo
		summary = "参加" + expo + "，对接意向企业" + strconv.Itoa(g.between(3, 25)) + "家。"
	default:
		summary = "整理" + projName + "推进台账，更新调度表。"
	}
	return place, summary
}

// ---------------------------------------------------------------------------------------
// Fund parties: co-GPs, 可投资金额 and LPs.

// fundStream is the PCG stream of the fund parties, drawn after everything else from a
// generator of their own, so adding them changed no other record of a seed's dataset.
const fundStream = 0x66756e64732d6c70 // "funds-lp"

// genFundParties gives every fund that is not a guidance fund its 可投资金额 (90–98% of its
// size), a co-GP (a local state-owned manager where there is one) for about half the
// sub-funds and always for the first (双GP), and its LPs: the
// government's money as one LP (a state platform committing the government commitment) and
// one or two market LPs sharing the rest, each paid in the same 30–100% of its commitment.
// LPs are a fund's roster, counted with the fund in the dataset's size like a project's stage
// history.
func (g *demoGen) genFundParties(seed uint64) {
	main := g.r
	g.r = rand.New(rand.NewPCG(seed, fundStream))
	defer func() { g.r = main }()
	var soe []int // managers that are local state-owned platforms
	for i := range g.nMgr {
		if g.ds.Enterprises[i].Nature == app.NatureLocalSOE {
			soe = append(soe, i)
		}
	}
	nInvestors := len(g.ds.Enterprises) - g.nMgr
	for i := range g.ds.Funds {
		f := &g.ds.Funds[i]
		if f.Type == app.FundGuidance || f.Size == 0 {
			continue
		}
		f.Investable = roundYuan(f.Size*app.Yuan(g.between(90, 98))/100, app.Wan)
		if f.Type == app.FundChild && (i == 2 || g.chance(0.5)) { // fund 2 is always a sub-fund
			pool := soe
			if len(pool) == 0 {
				pool = []int{g.intn(g.nMgr)}
			}
			co := g.ds.Enterprises[pool[g.intn(len(pool))]].ID
			if co == f.ManagerID && g.nMgr > 1 { // another manager: the next one
				co = g.ds.Enterprises[(slices.IndexFunc(g.ds.Enterprises[:g.nMgr], func(e app.Enterprise) bool { return e.ID == co })+1)%g.nMgr].ID
			}
			if co != f.ManagerID {
				f.CoManagerID = co
			}
		}
		paid := app.Yuan(g.between(30, 100))
		lp := func(ent int, gov bool, subscribed app.Yuan) {
			v := app.FundLP{FundID: f.ID, EnterpriseID: g.ds.Enterprises[ent].ID, Government: gov, Subscribed: subscribed,
				PaidIn: roundYuan(subscribed*paid/100, app.Wan)}
			if v.PaidIn > v.Subscribed {
				v.PaidIn = v.Subscribed
			}
			if gov {
				v.Notes = "政府出资"
			}
			v.Meta = g.meta(f.SetUpOn, g.dateBetween(f.SetUpOn, g.today))
			g.ds.FundLPs = append(g.ds.FundLPs, v)
		}
		govEnt := g.intn(g.nMgr)
		if len(soe) > 0 {
			govEnt = soe[g.intn(len(soe))]
		}
		if f.GovCommitment > 0 {
			lp(govEnt, true, f.GovCommitment)
		}
		rest := f.Size - f.GovCommitment
		if rest <= 0 || nInvestors == 0 {
			continue
		}
		first := g.nMgr + g.intn(nInvestors)
		if g.chance(0.5) || rest < 2*app.Wan {
			lp(first, false, rest)
			continue
		}
		second := g.nMgr + g.intn(nInvestors)
		if second == first {
			lp(first, false, rest)
			continue
		}
		part := roundYuan(rest*app.Yuan(g.between(40, 70))/100, app.Wan)
		lp(first, false, part)
		lp(second, false, rest-part)
	}
}

// addDuplicates turns a few records into likely duplicates of others, as imports and several
// colleagues typing the same contact leave them, so that 查重与合并 has work: about one
// enterprise in 150 takes another's name written another way (and loses its credit code), and
// about one person in 200 takes the name and enterprise of another. Records keep their links,
// so merging them moves something. It draws no random numbers: the rest stays as it was.
func (g *demoGen) addDuplicates() {
	es := g.ds.Enterprises
	for k := 1; k <= max(2, len(es)/150); k++ {
		i, j := g.nMgr+(k-1)*3, len(es)-k
		if i >= j {
			break
		}
		core := app.NormalizeEnterpriseName(es[i].Name)
		name := core + []string{"有限公司", "股份有限公司", "集团有限公司"}[k%3]
		if name == es[i].Name {
			name = cmp.Or(es[i].HQCity, "江西省") + core + "有限公司"
		}
		// The same company: its place, nature, industry and chain; the rest as typed apart.
		d := &es[j]
		d.Name, d.CreditCode, d.Nature, d.Industry, d.ChainID = name, "", es[i].Nature, es[i].Industry, es[i].ChainID
		d.HQProvince, d.HQCity, d.HQCountry = es[i].HQProvince, es[i].HQCity, es[i].HQCountry
	}
	ps := g.ds.People
	for k := 1; k <= max(2, len(ps)/200); k++ {
		i, j := (k-1)*5, len(ps)-k
		for i < j && ps[i].EnterpriseID == "" {
			i++
		}
		if i >= j {
			break
		}
		ps[j].Name, ps[j].EnterpriseID = ps[i].Name, ps[i].EnterpriseID
	}
}
