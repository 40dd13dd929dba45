package app

import "time"

// Meta is carried by every row of user data. IDs are UUID text so that laptops can exchange
// changes later; DeletedAt marks a record in the recycle bin.
type Meta struct {
	ID        string     `json:"id"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	UpdatedBy string     `json:"updated_by"`
	DeletedAt *time.Time `json:"deleted_at,omitempty"`
}

// Deleted reports whether the record is in the recycle bin.
func (m Meta) Deleted() bool { return m.DeletedAt != nil }

// CategoryTag is an enterprise category (世界500强, 专精特新"小巨人" …) with the year of the list.
type CategoryTag struct {
	Name string `json:"name"`
	Year int    `json:"year,omitempty"`
}

// Enterprise is a company: an investor, a target, a fund manager or a hometown
// entrepreneur's firm.
type Enterprise struct {
	Meta
	Name       string        `json:"name"`
	CreditCode string        `json:"credit_code"` // 统一社会信用代码, upper case, checked
	Nature     Nature        `json:"nature"`
	Categories []CategoryTag `json:"categories"`
	HQProvince string        `json:"hq_province"`
	HQCity     string        `json:"hq_city"`
	HQCountry  string        `json:"hq_country"` // empty for China
	Industry   string        `json:"industry"`   // 行业 (GB/T 4754 wording)
	ChainID    string        `json:"chain_id"`
	Website    string        `json:"website"`
	Intro      string        `json:"intro"`
	Priority   Priority      `json:"priority"` // A/B/C as a target; "" not a target
	Owner      string        `json:"owner"`    // who in the team follows it
}

// ImportantDate is a date to remember for a person (birthday, company anniversary). Lunar
// dates keep the lunar month and day; LeapMonth marks a date in a leap month.
type ImportantDate struct {
	Label     string   `json:"label"`
	Calendar  Calendar `json:"calendar"`
	Year      int      `json:"year,omitempty"` // birth year when known
	Month     int      `json:"month"`
	Day       int      `json:"day"`
	LeapMonth bool     `json:"leap_month,omitempty"`
}

// Membership is a person's place in a chamber of commerce.
type Membership struct {
	ChamberID string `json:"chamber_id"`
	Role      string `json:"role"` // 会长 / 副会长 / 秘书长 / 会员 …
}

// Person is a contact: an entrepreneur (often a 赣籍企业家, one of the 三友), an official, a
// chamber secretary.
type Person struct {
	Meta
	Name           string          `json:"name"`
	Phones         []string        `json:"phones"`
	WeChat         string          `json:"wechat"`
	Email          string          `json:"email"`
	EnterpriseID   string          `json:"enterprise_id"`
	Title          string          `json:"title"`
	NativeProvince string          `json:"native_province"` // 籍贯
	NativeCity     string          `json:"native_city"`
	NativeCounty   string          `json:"native_county"`
	Ties           []Tie           `json:"ties"` // 三友 types, any combination
	AlmaMater      string          `json:"alma_mater"`
	ServicePlace   string          `json:"service_place"` // 服役驻地
	Memberships    []Membership    `json:"memberships"`
	Dates          []ImportantDate `json:"important_dates"`
	CadenceDays    int             `json:"cadence_days"`   // contact at least every N days; 0 = the tier's cadence
	Tier           Tier            `json:"tier"`           // A/B/C: how closely to keep in touch
	ResidenceCity  string          `json:"residence_city"` // 常住城市
	Keeper         string          `json:"keeper"`         // who in the team keeps the relationship
	Notes          string          `json:"notes"`
}

// Chamber is a chamber of commerce or association (异地江西商会, 县市商会, 行业协会 …).
type Chamber struct {
	Meta
	Name    string          `json:"name"`
	City    string          `json:"city"`
	Kind    string          `json:"kind"`
	Notes   string          `json:"notes"`
	Members []ChamberMember `json:"members" audit:"-"` // read-only: memberships are kept on the person
}

// ChamberMember is a member as listed on a chamber.
type ChamberMember struct {
	PersonID   string `json:"person_id"`
	PersonName string `json:"person_name"`
	Role       string `json:"role"`
}

// Project is a lead in the project library, from 储备 to 投产.
type Project struct {
	Meta
	Name            string   `json:"name"`
	Code            string   `json:"code"` // 市/省库项目编码
	InvestorID      string   `json:"investor_id"`
	IntroducerID    string   `json:"introducer_id"`
	ZoneID          string   `json:"zone_id"`
	ChainID         string   `json:"chain_id"`
	Sector          Sector   `json:"sector"`
	TotalInvestment Yuan     `json:"total_investment"` // 总投资, 元
	FixedInvestment Yuan     `json:"fixed_investment"` // 其中固定资产投资, 元
	ForeignCapital  USCents  `json:"foreign_capital"`  // 合同外资, US cents
	Land            Area     `json:"land_mu"`          // 用地, 亩
	Stage           Stage    `json:"stage"`
	StageSince      Date     `json:"stage_since"`  // date of the last stage change
	StageReason     string   `json:"stage_reason"` // reason of the last change (中止, 退库, a step back)
	SignedOn        Date     `json:"signed_on"`
	StartedOn       Date     `json:"started_on"`
	ProducedOn      Date     `json:"produced_on"`
	Leader          string   `json:"leader"` // 包干领导
	Unit            string   `json:"unit"`   // 责任单位
	Methods         []string `json:"methods"`
	Homecoming      bool     `json:"homecoming"`      // a 三请三回 project
	HomecomingTies  []Tie    `json:"homecoming_ties"` // through which of the 三友
	OutOfProvince   bool     `json:"out_of_province"` // 是否省外项目
	GanReturn       bool     `json:"gan_return"`      // 是否赣商返乡项目
	Registered      bool     `json:"registered"`      // 入统
	RegisteredOn    Date     `json:"registered_on"`
	FundID          string   `json:"fund_id"`
	Notes           string   `json:"notes"`
}

// StageChange is one dated entry of a project's stage history.
type StageChange struct {
	ID        string    `json:"id"`
	ProjectID string    `json:"project_id"`
	From      Stage     `json:"from"` // "" for the stage a project was created in
	To        Stage     `json:"to"`
	On        Date      `json:"on"`
	Reason    string    `json:"reason"`
	CreatedAt time.Time `json:"created_at"`
	By        string    `json:"by"`
}

// Arrival is one month's actually arrived funds (实际到位资金) of a project from one source.
type Arrival struct {
	Meta
	ProjectID string        `json:"project_id"`
	Month     Month         `json:"month"`
	Amount    Yuan          `json:"amount"`
	Source    ArrivalSource `json:"source"`
	Note      string        `json:"note"`
}

// Task is an item of a project's task list (任务清单), or a follow-up with a person.
type Task struct {
	Meta
	ProjectID string `json:"project_id"`
	Title     string `json:"title"`
	Assignee  string `json:"assignee"`
	DueOn     Date   `json:"due_on"`
	Done      bool   `json:"done"`
	DoneOn    Date   `json:"done_on"`
	Notes     string `json:"notes"`
	// A task can instead (or also) concern a person: a campaign's follow-up, a visit's next
	// step. CampaignID and ActivityID say where it came from.
	PersonID   string `json:"person_id"`
	CampaignID string `json:"campaign_id"`
	ActivityID string `json:"activity_id"`
}

// Activity is a follow-up (跟进): a visit, a talk, a call, an event. It can concern any number
// of projects, enterprises and people.
type Activity struct {
	Meta
	Kind          string   `json:"kind"` // 走访 洽谈 电话 微信 接待 恳谈会 …
	On            Date     `json:"on"`
	Place         string   `json:"place"`
	Summary       string   `json:"summary"`
	NextStep      string   `json:"next_step"`
	NextDue       Date     `json:"next_due"`
	By            string   `json:"by"` // who in the team took part
	ProjectIDs    []string `json:"project_ids"`
	EnterpriseIDs []string `json:"enterprise_ids"`
	PersonIDs     []string `json:"person_ids"`
	TripID        string   `json:"trip_id"` // the trip (出差/驻点) it was logged on
}

// Fund is a government guidance fund, a fund of funds or a sub-fund.
type Fund struct {
	Meta
	Name          string       `json:"name"`
	Type          FundType     `json:"type"`
	Level         FundLevel    `json:"level"`
	ParentID      string       `json:"parent_id"`
	ManagerID     string       `json:"manager_id"`    // GP, an enterprise
	CoManagerID   string       `json:"co_manager_id"` // second GP of a 双GP fund, often a local state-owned manager
	Size          Yuan         `json:"size"`
	GovCommitment Yuan         `json:"gov_commitment"`
	Stage         FundStage    `json:"stage"`
	ReinvestKind  ReinvestKind `json:"reinvest_kind"`
	// ReinvestRatio is in basis points: 15000 is 1.5× for a multiple, 6000 is 60% for a share.
	ReinvestRatio int          `json:"reinvest_ratio_bp"`
	ReinvestBase  ReinvestBase `json:"reinvest_base"`
	Investable    Yuan         `json:"investable"` // 可投资金额 under the agreement, a 返投 base; 实缴 comes from the LPs
	SetUpOn       Date         `json:"set_up_on"`
	Notes         string       `json:"notes"`
}

// FundInvestment is an investment a fund made in an enterprise, possibly landing as a local
// project, and whether it counts toward the fund's 返投 requirement.
type FundInvestment struct {
	Meta
	FundID       string `json:"fund_id"`
	EnterpriseID string `json:"enterprise_id"`
	ProjectID    string `json:"project_id"`
	Amount       Yuan   `json:"amount"`
	On           Date   `json:"on"`
	Counts       bool   `json:"counts_toward_reinvest"`
	CountsReason string `json:"counts_reason"` // why it counts (本地分支机构, 本地工厂, 总部迁入 …) or not
}

// FundLP is a limited partner (LP) of a fund with its commitment (认缴) and paid-in (实缴)
// capital. Government marks the government's money (a guidance fund or a state platform):
// its 实缴 is the base of a 返投 multiple measured on 实缴.
type FundLP struct {
	Meta
	FundID       string `json:"fund_id"`
	EnterpriseID string `json:"enterprise_id"`
	Government   bool   `json:"government"`
	Subscribed   Yuan   `json:"subscribed"` // 认缴
	PaidIn       Yuan   `json:"paid_in"`    // 实缴
	Notes        string `json:"notes"`
}

// Settings are the user's and the unit's details written on returns.
type Settings struct {
	Unit          string `json:"unit"`     // 填报单位
	Reporter      string `json:"reporter"` // 填报人
	Phone         string `json:"phone"`    // 联系电话
	DefaultZoneID string `json:"default_zone_id"`
	UserName      string `json:"user_name"` // written to updated_by
	// StaleDays are the days without progress after which a project in a stage is flagged.
	StaleDays map[Stage]int `json:"stale_days"`
	// BackupDir is the folder backups go to; "" is the default, "backups" beside the database.
	BackupDir string `json:"backup_dir,omitempty"`
	// TierCadence is the contact cadence in days of each tier (A 30, B 60, C 90 by default).
	TierCadence map[Tier]int `json:"tier_cadence,omitempty"`
	// UpcomingDays is how many days ahead the 工作台 shows important dates (15 by default).
	UpcomingDays int `json:"upcoming_days,omitempty"`
	// MaskPhones hides the middle of phone numbers in plain list exports (138****1234).
	MaskPhones bool `json:"mask_phones,omitempty"`
}

// DefaultStaleDays are the thresholds of one city platform: 储备 45, 在谈 30, 签约 20 days.
func DefaultStaleDays() map[Stage]int {
	return map[Stage]int{StageReserve: 45, StageNegotiating: 30, StageSigned: 20}
}

// AuditEntry is one row of the append-only audit log: who changed which field of which record
// from what to what.
type AuditEntry struct {
	Seq      int64      `json:"seq"`
	Entity   EntityKind `json:"entity"`
	EntityID string     `json:"entity_id"`
	Field    string     `json:"field"`
	Old      string     `json:"old"`
	New      string     `json:"new"`
	Who      string     `json:"who"`
	At       time.Time  `json:"at"`
}

// DeletedRecord is a row of the recycle bin.
type DeletedRecord struct {
	Kind      EntityKind `json:"kind"`
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	DeletedAt time.Time  `json:"deleted_at"`
	DeletedBy string     `json:"deleted_by"`
}
