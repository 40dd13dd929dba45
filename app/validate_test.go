package app

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var validateToday = MustDate("2025-06-30")

func goodEnterprise() Enterprise {
	return Enterprise{
		Name:       "宁德时代新能源科技股份有限公司",
		CreditCode: "91350100M000100Y43",
		Nature:     NaturePrivate,
		Categories: []CategoryTag{{Name: "世界500强", Year: 2024}, {Name: "上市公司"}},
		HQProvince: "福建省",
		Priority:   PriorityA,
	}
}

func TestValidateEnterprise(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*Enterprise)
		fields []string
	}{
		{"good", func(*Enterprise) {}, nil},
		{"no credit code is fine", func(e *Enterprise) { e.CreditCode = "" }, nil},
		{"no nature is fine", func(e *Enterprise) { e.Nature = NatureUnknown }, nil},
		{"no priority is fine", func(e *Enterprise) { e.Priority = "" }, nil},
		{"lowercase priority normalised", func(e *Enterprise) { e.Priority = " b " }, nil},
		{"lowercase, spaced credit code normalised", func(e *Enterprise) { e.CreditCode = " 91350100m000100y43 " }, nil},
		{"full-width credit code normalised", func(e *Enterprise) { e.CreditCode = "９１３５０１００Ｍ０００１００Ｙ４３" }, nil},
		{"name missing", func(e *Enterprise) { e.Name = " \u3000 " }, []string{"name"}},
		{"name of 200 characters", func(e *Enterprise) { e.Name = strings.Repeat("赣", 200) }, nil},
		{"name of 201 characters", func(e *Enterprise) { e.Name = strings.Repeat("赣", 201) }, []string{"name"}},
		{"wrong check character", func(e *Enterprise) { e.CreditCode = "91350100M000100Y44" }, []string{"credit_code"}},
		{"credit code too short", func(e *Enterprise) { e.CreditCode = "9135010" }, []string{"credit_code"}},
		{"unknown nature", func(e *Enterprise) { e.Nature = "私企" }, []string{"nature"}},
		{"priority D", func(e *Enterprise) { e.Priority = "D" }, []string{"priority"}},
		{"category year 1899", func(e *Enterprise) { e.Categories[0].Year = 1899 }, []string{"categories"}},
		{"category year 2101", func(e *Enterprise) { e.Categories[0].Year = 2101 }, []string{"categories"}},
		{"category year 1900", func(e *Enterprise) { e.Categories[0].Year = 1900 }, nil},
		{"every problem at once", func(e *Enterprise) {
			e.Name, e.CreditCode, e.Nature, e.Priority = "", "X", "?", "Z"
			e.Categories = []CategoryTag{{Name: "独角兽", Year: 3000}}
		}, []string{"name", "credit_code", "nature", "priority", "categories"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := goodEnterprise()
			tc.edit(&e)
			NormalizeEnterprise(&e)
			wantFields(t, ValidateEnterprise(e), tc.fields...)
		})
	}
}

func TestNormalizeEnterprise(t *testing.T) {
	e := Enterprise{
		Name:       "  江西 \u3000赣锋锂业(集团)股份有限公司 ",
		CreditCode: "９１３６ 0500-70552458 3x",
		HQCity:     " 新余市\u3000",
		Priority:   "a",
		Categories: []CategoryTag{{Name: " 上市公司 ", Year: 2010}, {Name: "上市公司", Year: 2020}, {Name: "  "}, {Name: "单项冠军"}},
	}
	NormalizeEnterprise(&e)
	tests := []struct{ name, got, want string }{
		{"name: spaces folded, brackets full-width", e.Name, "江西 赣锋锂业（集团）股份有限公司"},
		{"credit code", e.CreditCode, "91360500705524583X"},
		{"city", e.HQCity, "新余市"},
		{"priority", string(e.Priority), "A"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
	t.Run("categories deduplicated, blank dropped, first year kept", func(t *testing.T) {
		want := []CategoryTag{{Name: "上市公司", Year: 2010}, {Name: "单项冠军"}}
		if !slices.Equal(e.Categories, want) {
			t.Errorf("got %v, want %v", e.Categories, want)
		}
	})
}

func goodPerson() Person {
	return Person{
		Name:           "张三",
		Phones:         []string{"13812345678", "0791-86123456"},
		Email:          "zhangsan@example.com",
		NativeProvince: "江西省",
		Ties:           []Tie{TieHometown, TieAlumni},
		CadenceDays:    30,
		Dates: []ImportantDate{
			{Label: "生日", Calendar: Lunar, Month: 8, Day: 15},
			{Label: "公司成立日", Calendar: Solar, Year: 2001, Month: 12, Day: 31},
		},
	}
}

func TestValidatePerson(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*Person)
		fields []string
	}{
		{"good", func(*Person) {}, nil},
		{"name missing", func(p *Person) { p.Name = "" }, []string{"name"}},
		{"mobile", func(p *Person) { p.Phones = []string{"13812345678"} }, nil},
		{"landline with area code", func(p *Person) { p.Phones = []string{"0791-86123456"} }, nil},
		{"+86 with spaces normalised", func(p *Person) { p.Phones = []string{"+86 138 1234 5678"} }, nil},
		{"full-width digits normalised", func(p *Person) { p.Phones = []string{"１３８１２３４５６７８"} }, nil},
		{"area code in brackets", func(p *Person) { p.Phones = []string{"（0791）86123456"} }, nil},
		{"7 digits", func(p *Person) { p.Phones = []string{"8612345"} }, nil},
		{"6 digits", func(p *Person) { p.Phones = []string{"861234"} }, []string{"phones"}},
		{"16 digits", func(p *Person) { p.Phones = []string{"1381234567812345"} }, []string{"phones"}},
		{"letters", func(p *Person) { p.Phones = []string{"abc"} }, []string{"phones"}},
		{"plus in the middle", func(p *Person) { p.Phones = []string{"138+12345678"} }, []string{"phones"}},
		{"one bad phone among good", func(p *Person) { p.Phones = []string{"13812345678", "微信同号"} }, []string{"phones"}},
		{"email without @", func(p *Person) { p.Email = "zhangsan.example.com" }, []string{"email"}},
		{"email with inner space", func(p *Person) { p.Email = "zhang san@example.com" }, []string{"email"}},
		{"email with a Chinese comma", func(p *Person) { p.Email = "a@b.com，c@d.com" }, []string{"email"}},
		{"no email is fine", func(p *Person) { p.Email = "" }, nil},
		{"unknown tie", func(p *Person) { p.Ties = []Tie{"朋友"} }, []string{"ties"}},
		{"all three ties", func(p *Person) { p.Ties = []Tie{TieComrade, TieAlumni, TieHometown} }, nil},
		{"cadence -1", func(p *Person) { p.CadenceDays = -1 }, []string{"cadence_days"}},
		{"cadence 3650", func(p *Person) { p.CadenceDays = 3650 }, nil},
		{"cadence 3651", func(p *Person) { p.CadenceDays = 3651 }, []string{"cadence_days"}},
		{"calendar defaults to solar", func(p *Person) { p.Dates = []ImportantDate{{Label: "生日", Month: 3, Day: 31}} }, nil},
		{"unknown calendar", func(p *Person) { p.Dates[0].Calendar = "阴历" }, []string{"important_dates"}},
		{"month 0", func(p *Person) { p.Dates[0].Month = 0 }, []string{"important_dates"}},
		{"month 13", func(p *Person) { p.Dates[0].Month = 13 }, []string{"important_dates"}},
		{"day 0", func(p *Person) { p.Dates[0].Day = 0 }, []string{"important_dates"}},
		{"lunar day 30", func(p *Person) { p.Dates[0].Day = 30 }, nil},
		{"lunar day 31", func(p *Person) { p.Dates[0].Day = 31 }, []string{"important_dates"}},
		{"solar day 31", func(p *Person) { p.Dates[1].Day = 31 }, nil},
		{"solar day 32", func(p *Person) { p.Dates[1].Day = 32 }, []string{"important_dates"}},
		{"lunar leap month", func(p *Person) { p.Dates[0].LeapMonth = true }, nil},
		{"leap month on a solar date", func(p *Person) { p.Dates[1].LeapMonth = true }, []string{"important_dates"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := goodPerson()
			tc.edit(&p)
			NormalizePerson(&p)
			wantFields(t, ValidatePerson(p), tc.fields...)
		})
	}
}

func TestValidatePersonSolarMonthLength(t *testing.T) {
	for _, d := range []ImportantDate{
		{Label: "生日", Calendar: Solar, Month: 2, Day: 30},
		{Label: "生日", Calendar: Solar, Month: 4, Day: 31},
		{Label: "生日", Calendar: Solar, Year: 1990, Month: 2, Day: 29},
	} {
		p := goodPerson()
		p.Dates = []ImportantDate{d}
		wantFields(t, ValidatePerson(p), "important_dates")
	}
}

func TestValidatePersonPhoneExtension(t *testing.T) {
	p := goodPerson()
	p.Phones = []string{"0791-86123456转801"}
	NormalizePerson(&p)
	wantFields(t, ValidatePerson(p))
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"13812345678", "13812345678"},
		{"+86 138 1234 5678", "+8613812345678"},
		{" 0791-86123456 ", "0791-86123456"},
		{"（0791）86123456", "079186123456"},
		{"(0791) 8612 3456", "079186123456"},
		{"１３８\u3000１２３４\u00a0５６７８", "13812345678"},
		{"0791－86123456", "0791-86123456"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := NormalizePhone(tc.in); got != tc.want {
				t.Errorf("NormalizePhone(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestNormalizePerson(t *testing.T) {
	p := Person{
		Name:        " 李 \u3000四 ",
		Phones:      []string{"138 1234 5678", "13812345678", "", " "},
		Email:       " ｌｉｓｉ＠ｅｘａｍｐｌｅ．ｃｏｍ ",
		Ties:        []Tie{TieAlumni, "", TieAlumni, TieComrade},
		Memberships: []Membership{{ChamberID: "c1", Role: " 会长 "}, {ChamberID: "c1", Role: "会员"}, {ChamberID: "", Role: "会员"}},
		Dates:       []ImportantDate{{Label: " 生日 ", Month: 1, Day: 1}},
	}
	NormalizePerson(&p)
	t.Run("name", func(t *testing.T) {
		if p.Name != "李 四" {
			t.Errorf("got %q", p.Name)
		}
	})
	t.Run("phones deduplicated, blank dropped", func(t *testing.T) {
		if !slices.Equal(p.Phones, []string{"13812345678"}) {
			t.Errorf("got %q", p.Phones)
		}
	})
	t.Run("email half-width", func(t *testing.T) {
		if p.Email != "lisi@example.com" {
			t.Errorf("got %q", p.Email)
		}
	})
	t.Run("ties deduplicated", func(t *testing.T) {
		if !slices.Equal(p.Ties, []Tie{TieAlumni, TieComrade}) {
			t.Errorf("got %q", p.Ties)
		}
	})
	t.Run("memberships: one per chamber, none without a chamber", func(t *testing.T) {
		if !slices.Equal(p.Memberships, []Membership{{ChamberID: "c1", Role: "会长"}}) {
			t.Errorf("got %v", p.Memberships)
		}
	})
	t.Run("date label cleaned, calendar solar", func(t *testing.T) {
		if p.Dates[0].Label != "生日" || p.Dates[0].Calendar != Solar {
			t.Errorf("got %+v", p.Dates[0])
		}
	})
}

func TestValidateChamber(t *testing.T) {
	tests := []struct {
		name   string
		c      Chamber
		fields []string
	}{
		{"good", Chamber{Name: " 深圳市江西商会 ", City: "深圳"}, nil},
		{"name missing", Chamber{City: "深圳"}, []string{"name"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			NormalizeChamber(&tc.c)
			wantFields(t, ValidateChamber(tc.c), tc.fields...)
		})
	}
}

func goodProject() Project {
	return Project{
		Name:            "年产5GWh锂电池项目",
		Sector:          SectorIndustry,
		TotalInvestment: 50 * Yi,
		FixedInvestment: 40 * Yi,
		ForeignCapital:  USCents(5_000) * 1_000_000, // 5000万美元
		Land:            AreaFromMu(500),
		Stage:           StageStarted,
		StageSince:      MustDate("2025-04-01"),
		SignedOn:        MustDate("2025-02-01"),
		StartedOn:       MustDate("2025-04-01"),
		Methods:         []string{"驻点招商", "以商引商"},
		HomecomingTies:  []Tie{TieHometown},
		RegisteredOn:    MustDate("2025-05-01"),
	}
}

func TestValidateProject(t *testing.T) {
	future := validateToday.AddDays(1)
	tests := []struct {
		name   string
		edit   func(*Project)
		fields []string
	}{
		{"good", func(*Project) {}, nil},
		{"储备 needs no dates", func(p *Project) {
			p.Stage, p.SignedOn, p.StartedOn = StageReserve, Date{}, Date{}
		}, nil},
		{"empty stage becomes 储备", func(p *Project) {
			p.Stage, p.SignedOn, p.StartedOn = "", Date{}, Date{}
		}, nil},
		{"empty sector becomes 工业", func(p *Project) { p.Sector = "" }, nil},
		{"name missing", func(p *Project) { p.Name = "  " }, []string{"name"}},
		{"name too long", func(p *Project) { p.Name = strings.Repeat("项", 201) }, []string{"name"}},
		{"unknown stage", func(p *Project) { p.Stage = "立项" }, []string{"stage"}},
		{"中止 without reason", func(p *Project) { p.Stage = StageStopped }, []string{"stage_reason"}},
		{"退库 without reason", func(p *Project) { p.Stage = StageWithdrawn; p.StageReason = " \u3000 " }, []string{"stage_reason"}},
		{"中止 with reason", func(p *Project) { p.Stage = StageStopped; p.StageReason = "投资方破产" }, nil},
		{"unknown sector", func(p *Project) { p.Sector = "商业" }, []string{"sector"}},
		{"total negative", func(p *Project) { p.TotalInvestment, p.FixedInvestment = -1, 0 }, []string{"total_investment"}},
		{"total exactly 1万亿", func(p *Project) { p.TotalInvestment = 10_000 * Yi }, nil},
		{"total over 1万亿", func(p *Project) { p.TotalInvestment = 10_000*Yi + 1 }, []string{"total_investment"}},
		{"fixed negative", func(p *Project) { p.FixedInvestment = -Wan }, []string{"fixed_investment"}},
		{"fixed over 1万亿", func(p *Project) {
			p.TotalInvestment, p.FixedInvestment = 10_000*Yi+2, 10_000*Yi+1
		}, []string{"total_investment", "fixed_investment"}},
		{"fixed equal to total", func(p *Project) { p.FixedInvestment = p.TotalInvestment }, nil},
		{"fixed greater than total", func(p *Project) { p.FixedInvestment = p.TotalInvestment + 1 }, []string{"fixed_investment"}},
		{"no amounts yet", func(p *Project) { p.TotalInvestment, p.FixedInvestment = 0, 0 }, nil},
		{"foreign capital negative", func(p *Project) { p.ForeignCapital = -1 }, []string{"foreign_capital"}},
		{"foreign capital exactly 100亿美元", func(p *Project) { p.ForeignCapital = maxPlausibleCapital }, nil},
		{"foreign capital over 100亿美元", func(p *Project) { p.ForeignCapital = maxPlausibleCapital + 1 }, []string{"foreign_capital"}},
		{"land negative", func(p *Project) { p.Land = -1 }, []string{"land_mu"}},
		{"unknown homecoming tie", func(p *Project) { p.HomecomingTies = []Tie{"同乡"} }, []string{"homecoming_ties"}},
		{"入统 date in the future", func(p *Project) { p.RegisteredOn = future }, []string{"registered_on"}},
		{"入统 date today", func(p *Project) { p.RegisteredOn = validateToday }, nil},
		{"stage date in the future", func(p *Project) { p.StageSince = future }, []string{"stage_since"}},
		{"签约 without signing date", func(p *Project) {
			p.Stage, p.SignedOn, p.StartedOn = StageSigned, Date{}, Date{}
		}, []string{"signed_on"}},
		{"开工 without start date", func(p *Project) { p.StartedOn = Date{} }, []string{"started_on"}},
		{"在建 without start date", func(p *Project) { p.Stage, p.StartedOn = StageBuilding, Date{} }, []string{"started_on"}},
		{"投产 without production date", func(p *Project) { p.Stage = StageProducing }, []string{"produced_on"}},
		{"投产 with every date", func(p *Project) { p.Stage, p.ProducedOn = StageProducing, MustDate("2025-06-01") }, nil},
		{"signing date in the future", func(p *Project) {
			p.Stage, p.SignedOn, p.StartedOn = StageSigned, future, Date{}
		}, []string{"signed_on"}},
		{"production date in the future", func(p *Project) { p.ProducedOn = future }, []string{"produced_on"}},
		{"started before signing", func(p *Project) { p.StartedOn = MustDate("2025-01-31") }, []string{"started_on"}},
		{"produced before the start", func(p *Project) {
			p.Stage, p.ProducedOn = StageProducing, MustDate("2025-03-31")
		}, []string{"produced_on"}},
		{"produced before signing, never started", func(p *Project) {
			p.Stage, p.StartedOn, p.ProducedOn = StageSigned, Date{}, MustDate("2025-01-15")
		}, []string{"produced_on"}},
		{"中止 keeps its dates without checks on the stage", func(p *Project) {
			p.Stage, p.StageReason, p.StartedOn = StageStopped, "停工", Date{}
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := goodProject()
			tc.edit(&p)
			NormalizeProject(&p)
			wantFields(t, ValidateProject(p, validateToday), tc.fields...)
		})
	}
	t.Run("amount message suggests the unit", func(t *testing.T) {
		p := goodProject()
		p.TotalInvestment = 20_000 * Yi
		NormalizeProject(&p)
		msg := ValidateProject(p, validateToday).(*ValidationError).For("total_investment")
		if !strings.Contains(msg, "20,000.00亿元") || !strings.Contains(msg, "万元/亿元") {
			t.Errorf("message %q", msg)
		}
	})
}

func TestNormalizeProject(t *testing.T) {
	p := Project{
		Name:           " 年产 \u3000 10万吨 项目 ",
		Code:           " ｊｘ-2025-001 ",
		Leader:         " 王副县长 ",
		Methods:        []string{" 驻点招商", "驻点招商 ", "", "以商引商"},
		HomecomingTies: []Tie{TieAlumni, "", TieAlumni},
		RegisteredOn:   MustDate("2025-03-01"),
	}
	NormalizeProject(&p)
	tests := []struct {
		name string
		ok   bool
	}{
		{"name", p.Name == "年产 10万吨 项目"},
		{"code upper half-width", p.Code == "JX-2025-001"},
		{"leader", p.Leader == "王副县长"},
		{"sector defaults to 工业", p.Sector == SectorIndustry},
		{"stage defaults to 储备", p.Stage == StageReserve},
		{"methods cleaned and deduplicated", slices.Equal(p.Methods, []string{"驻点招商", "以商引商"})},
		{"ties deduplicated", slices.Equal(p.HomecomingTies, []Tie{TieAlumni})},
		{"a tie marks 三请三回", p.Homecoming},
		{"an 入统 date marks 入统", p.Registered},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.ok {
				t.Errorf("got %+v", p)
			}
		})
	}
	t.Run("an explicit sector stays", func(t *testing.T) {
		q := Project{Sector: SectorServices}
		NormalizeProject(&q)
		if q.Sector != SectorServices || q.Homecoming || q.Registered {
			t.Errorf("got %+v", q)
		}
	})
}

func TestValidateTask(t *testing.T) {
	tests := []struct {
		name   string
		task   Task
		fields []string
		doneOn string
	}{
		{"good", Task{ProjectID: "p1", Title: "协调用地指标"}, nil, ""},
		{"done without date is done today", Task{ProjectID: "p1", Title: "报送", Done: true}, nil, validateToday.String()},
		{"done date kept", Task{ProjectID: "p1", Title: "报送", Done: true, DoneOn: MustDate("2025-06-01")}, nil, "2025-06-01"},
		{"not done clears the date", Task{ProjectID: "p1", Title: "报送", DoneOn: MustDate("2025-06-01")}, nil, ""},
		{"title missing", Task{ProjectID: "p1", Title: " "}, []string{"title"}, ""},
		{"project missing", Task{Title: "报送"}, []string{"project_id"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task := tc.task
			NormalizeTask(&task, validateToday)
			wantFields(t, ValidateTask(task), tc.fields...)
			if task.DoneOn.String() != tc.doneOn {
				t.Errorf("DoneOn = %q, want %q", task.DoneOn, tc.doneOn)
			}
		})
	}
}

func TestValidateActivity(t *testing.T) {
	good := func() Activity {
		return Activity{
			Kind: "走访", On: MustDate("2025-06-10"), Summary: "拜访深圳江西商会，介绍园区政策",
			NextDue: MustDate("2025-06-20"), ProjectIDs: []string{"p1", "p1", ""}, PersonIDs: []string{"a", "b", "a"},
		}
	}
	tests := []struct {
		name   string
		edit   func(*Activity)
		fields []string
	}{
		{"good", func(*Activity) {}, nil},
		{"only a next step", func(a *Activity) { a.Summary, a.NextStep = "", "下周发送项目资料" }, nil},
		{"next due on the same day", func(a *Activity) { a.NextDue = a.On }, nil},
		{"kind missing", func(a *Activity) { a.Kind = "\u3000" }, []string{"kind"}},
		{"date missing", func(a *Activity) { a.On = Date{} }, []string{"on"}},
		{"no summary and no next step", func(a *Activity) { a.Summary, a.NextStep = " \n ", "" }, []string{"summary"}},
		{"next due before the activity", func(a *Activity) { a.NextDue = MustDate("2025-06-09") }, []string{"next_due"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := good()
			tc.edit(&a)
			NormalizeActivity(&a)
			wantFields(t, ValidateActivity(a), tc.fields...)
		})
	}
	t.Run("links deduplicated", func(t *testing.T) {
		a := good()
		NormalizeActivity(&a)
		if !slices.Equal(a.ProjectIDs, []string{"p1"}) || !slices.Equal(a.PersonIDs, []string{"a", "b"}) {
			t.Errorf("got %v %v", a.ProjectIDs, a.PersonIDs)
		}
	})
}

func TestValidateFund(t *testing.T) {
	good := func() Fund {
		f := Fund{
			Name: "江西省现代产业引导基金(子基金)", Type: FundChild, Level: FundProvincial, Size: 10 * Yi,
			GovCommitment: 3 * Yi, Stage: FundInvested, ReinvestKind: ReinvestMultiple, ReinvestRatio: 15_000,
			ReinvestBase: BaseSubscribed,
		}
		f.ID = "f1"
		return f
	}
	tests := []struct {
		name   string
		edit   func(*Fund)
		fields []string
	}{
		{"good", func(*Fund) {}, nil},
		{"no 返投 requirement", func(f *Fund) { f.ReinvestKind, f.ReinvestRatio, f.ReinvestBase = "", 0, "" }, nil},
		{"share of 60%", func(f *Fund) { f.ReinvestKind, f.ReinvestRatio = ReinvestShare, 6_000 }, nil},
		{"share of 100%", func(f *Fund) { f.ReinvestKind, f.ReinvestRatio = ReinvestShare, 10_000 }, nil},
		{"multiple of 10×", func(f *Fund) { f.ReinvestRatio = 100_000 }, nil},
		{"level and stage optional", func(f *Fund) { f.Level, f.Stage = "", "" }, nil},
		{"size unknown", func(f *Fund) { f.Size = 0 }, nil},
		{"name missing", func(f *Fund) { f.Name = "" }, []string{"name"}},
		{"type missing", func(f *Fund) { f.Type = "" }, []string{"type"}},
		{"unknown type", func(f *Fund) { f.Type = "产业基金" }, []string{"type"}},
		{"unknown level", func(f *Fund) { f.Level = "乡级" }, []string{"level"}},
		{"unknown stage", func(f *Fund) { f.Stage = "退出" }, []string{"stage"}},
		{"size negative", func(f *Fund) { f.Size = -1 }, []string{"size"}},
		{"size over 1万亿", func(f *Fund) { f.Size = 10_000*Yi + 1 }, []string{"size"}},
		{"commitment negative", func(f *Fund) { f.GovCommitment = -1 }, []string{"gov_commitment"}},
		{"commitment over the size", func(f *Fund) { f.GovCommitment = f.Size + 1 }, []string{"gov_commitment"}},
		{"own parent", func(f *Fund) { f.ParentID = f.ID }, []string{"parent_id"}},
		{"multiple 0", func(f *Fund) { f.ReinvestRatio = 0 }, []string{"reinvest_ratio_bp"}},
		{"multiple over 10×", func(f *Fund) { f.ReinvestRatio = 100_001 }, []string{"reinvest_ratio_bp"}},
		{"share over 100%", func(f *Fund) { f.ReinvestKind, f.ReinvestRatio = ReinvestShare, 10_001 }, []string{"reinvest_ratio_bp"}},
		{"share negative", func(f *Fund) { f.ReinvestKind, f.ReinvestRatio = ReinvestShare, -1 }, []string{"reinvest_ratio_bp"}},
		{"unknown 返投 kind", func(f *Fund) { f.ReinvestKind = "金额" }, []string{"reinvest_kind"}},
		{"返投 without a base", func(f *Fund) { f.ReinvestBase = "" }, []string{"reinvest_base"}},
		{"返投 with an unknown base", func(f *Fund) { f.ReinvestBase = "注册资本" }, []string{"reinvest_base"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := good()
			tc.edit(&f)
			NormalizeFund(&f)
			wantFields(t, ValidateFund(f), tc.fields...)
		})
	}
	t.Run("name brackets full-width", func(t *testing.T) {
		f := good()
		NormalizeFund(&f)
		if f.Name != "江西省现代产业引导基金（子基金）" {
			t.Errorf("got %q", f.Name)
		}
	})
}

func TestValidateFundInvestment(t *testing.T) {
	good := func() FundInvestment {
		return FundInvestment{FundID: "f1", EnterpriseID: "e1", ProjectID: "p1", Amount: 5_000 * Wan, On: MustDate("2025-03-01"), Counts: true,
			CountsReason: "本地新建工厂"}
	}
	tests := []struct {
		name   string
		edit   func(*FundInvestment)
		fields []string
	}{
		{"good", func(*FundInvestment) {}, nil},
		{"no local project yet", func(v *FundInvestment) { v.ProjectID = "" }, nil},
		{"fund missing", func(v *FundInvestment) { v.FundID = "" }, []string{"fund_id"}},
		{"enterprise missing", func(v *FundInvestment) { v.EnterpriseID = "" }, []string{"enterprise_id"}},
		{"amount zero", func(v *FundInvestment) { v.Amount = 0 }, []string{"amount"}},
		{"amount negative", func(v *FundInvestment) { v.Amount = -Wan }, []string{"amount"}},
		{"amount over 1万亿", func(v *FundInvestment) { v.Amount = 10_000*Yi + 1 }, []string{"amount"}},
		{"date missing", func(v *FundInvestment) { v.On = Date{} }, []string{"on"}},
		{"counts without a reason", func(v *FundInvestment) { v.CountsReason = "" }, []string{"counts_reason"}},
		{"not counting, no reason yet", func(v *FundInvestment) { v.Counts, v.CountsReason = false, "" }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := good()
			tc.edit(&v)
			wantFields(t, ValidateFundInvestment(v), tc.fields...)
		})
	}
}

func TestValidateArrival(t *testing.T) {
	good := func() Arrival {
		return Arrival{ProjectID: "p1", Month: Month{2025, time.March}, Amount: 2_000 * Wan, Source: SourceOutOfProvince}
	}
	tests := []struct {
		name   string
		edit   func(*Arrival)
		fields []string
	}{
		{"good", func(*Arrival) {}, nil},
		{"abroad", func(a *Arrival) { a.Source = SourceAbroad }, nil},
		{"project missing", func(a *Arrival) { a.ProjectID = "" }, []string{"project_id"}},
		{"month missing", func(a *Arrival) { a.Month = Month{} }, []string{"month"}},
		{"amount zero", func(a *Arrival) { a.Amount = 0 }, []string{"amount"}},
		{"amount negative", func(a *Arrival) { a.Amount = -1 }, []string{"amount"}},
		{"amount over 1万亿", func(a *Arrival) { a.Amount = 10_000*Yi + 1 }, []string{"amount"}},
		{"source missing", func(a *Arrival) { a.Source = "" }, []string{"source"}},
		{"unknown source", func(a *Arrival) { a.Source = "外省" }, []string{"source"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := good()
			tc.edit(&a)
			wantFields(t, ValidateArrival(a), tc.fields...)
		})
	}
}

func TestNegativeAmountReportedOnce(t *testing.T) {
	errs := []error{
		ValidateFundInvestment(FundInvestment{FundID: "f", EnterpriseID: "e", Amount: -1, On: MustDate("2025-01-01")}),
		ValidateArrival(Arrival{ProjectID: "p", Month: Month{2025, 1}, Amount: -1, Source: SourceAbroad}),
	}
	for _, err := range errs {
		if n := len(FieldProblems(err)); n != 1 {
			t.Errorf("%d problems, want 1: %v", n, err)
		}
	}
}

func TestValidateFundParties(t *testing.T) {
	fund := func() Fund {
		return Fund{Name: "赣州光电产业子基金", Type: FundChild, ManagerID: "gp", CoManagerID: "co", Size: 10 * Yi, GovCommitment: 2 * Yi,
			Investable: 9 * Yi}
	}
	lp := func() FundLP {
		return FundLP{FundID: "f1", EnterpriseID: "e1", Government: true, Subscribed: 2 * Yi, PaidIn: Yi}
	}
	tests := []struct {
		name   string
		err    func() error
		fields []string
	}{
		{"fund good", func() error { return ValidateFund(fund()) }, nil},
		{"co-GP is the GP", func() error { f := fund(); f.CoManagerID = "gp"; return ValidateFund(f) }, []string{"co_manager_id"}},
		{"no GP, a co-GP", func() error { f := fund(); f.ManagerID = ""; return ValidateFund(f) }, nil},
		{"investable above size", func() error { f := fund(); f.Investable = 10*Yi + 1; return ValidateFund(f) }, []string{"investable"}},
		{"investable negative", func() error { f := fund(); f.Investable = -1; return ValidateFund(f) }, []string{"investable"}},
		{"LP good", func() error { return ValidateFundLP(lp()) }, nil},
		{"LP paid in all", func() error { v := lp(); v.PaidIn = v.Subscribed; return ValidateFundLP(v) }, nil},
		{"LP paid in above committed", func() error { v := lp(); v.PaidIn = v.Subscribed + 1; return ValidateFundLP(v) }, []string{"paid_in"}},
		{"LP without fund and enterprise", func() error { v := lp(); v.FundID, v.EnterpriseID = "", ""; return ValidateFundLP(v) },
			[]string{"fund_id", "enterprise_id"}},
		{"LP negative", func() error { v := lp(); v.Subscribed, v.PaidIn = -1, 0; return ValidateFundLP(v) }, []string{"subscribed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantFields(t, tc.err(), tc.fields...) })
	}
}
