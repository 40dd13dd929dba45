package app

import "slices"

// The enumerations below are stored and shown by their Chinese names: the database, the JSON
// of the command line and the UI all read the same words.

// Stage is a project library stage.
type Stage string

// The stages of the project library. The first six are the pipeline in order; 中止 and 退库
// stand outside it.
const (
	StageReserve     Stage = "储备"
	StageNegotiating Stage = "在谈"
	StageSigned      Stage = "签约"
	StageStarted     Stage = "开工"
	StageBuilding    Stage = "在建"
	StageProducing   Stage = "投产"
	StageStopped     Stage = "中止"
	StageWithdrawn   Stage = "退库"
)

// PipelineStages are the ordered stages of the pipeline.
var PipelineStages = []Stage{StageReserve, StageNegotiating, StageSigned, StageStarted, StageBuilding, StageProducing}

// Stages lists every stage in display order.
var Stages = append(slices.Clone(PipelineStages), StageStopped, StageWithdrawn)

// Rank is the stage's position in the pipeline (0 for 储备), or -1 for 中止 and 退库.
func (s Stage) Rank() int { return slices.Index(PipelineStages, s) }

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool { return slices.Contains(Stages, s) }

// Terminal reports whether s is 中止 or 退库.
func (s Stage) Terminal() bool { return s == StageStopped || s == StageWithdrawn }

// AtLeast reports whether s is in the pipeline at or beyond t.
func (s Stage) AtLeast(t Stage) bool { return s.Rank() >= 0 && s.Rank() >= t.Rank() }

// Nature is the 企业性质 of an enterprise.
type Nature string

// Enterprise natures; the first five are the 三企入赣 natures.
const (
	NatureCentralSOE   Nature = "国企（央企）"
	NatureLocalSOE     Nature = "国企（地方）"
	NaturePrivate      Nature = "民企"
	NatureForeignOwned Nature = "外企（独资）"
	NatureForeignJoint Nature = "外企（合资）"
	NatureOther        Nature = "其他"
	NatureUnknown      Nature = ""
)

// Natures lists the natures a user can choose.
var Natures = []Nature{NatureCentralSOE, NatureLocalSOE, NaturePrivate, NatureForeignOwned, NatureForeignJoint, NatureOther}

// Valid reports whether n is a known nature or not set.
func (n Nature) Valid() bool { return n == NatureUnknown || slices.Contains(Natures, n) }

// ThreeEnterprises is the 三企入赣 group of a nature: 国企, 民企 or 外企; "" for others.
func (n Nature) ThreeEnterprises() string {
	switch n {
	case NatureCentralSOE, NatureLocalSOE:
		return "国企"
	case NaturePrivate:
		return "民企"
	case NatureForeignOwned, NatureForeignJoint:
		return "外企"
	}
	return ""
}

// Tie is one of the 三友 of the 三请三回 drive.
type Tie string

// The 三友.
const (
	TieHometown Tie = "乡友"
	TieAlumni   Tie = "校友"
	TieComrade  Tie = "战友"
)

// Ties lists the 三友 in their customary order.
var Ties = []Tie{TieHometown, TieAlumni, TieComrade}

// Valid reports whether t is one of the 三友.
func (t Tie) Valid() bool { return slices.Contains(Ties, t) }

// Priority is a target enterprise's priority; "" means not a target.
type Priority string

// Priorities.
const (
	PriorityA    Priority = "A"
	PriorityB    Priority = "B"
	PriorityC    Priority = "C"
	PriorityNone Priority = ""
)

// Valid reports whether p is A, B, C or not set.
func (p Priority) Valid() bool {
	return p == PriorityNone || p == PriorityA || p == PriorityB || p == PriorityC
}

// Sector is a project's 产业类别; only 工业 projects can be "5020" projects.
type Sector string

// Sectors.
const (
	SectorIndustry    Sector = "工业"
	SectorServices    Sector = "服务业"
	SectorAgriculture Sector = "农业"
)

// Sectors lists the sectors.
var Sectors = []Sector{SectorIndustry, SectorServices, SectorAgriculture}

// ArrivalSource says where arrived funds (到位资金) came from.
type ArrivalSource string

// Arrival sources.
const (
	SourceOutOfProvince ArrivalSource = "省外"
	SourceAbroad        ArrivalSource = "境外"
	SourceInProvince    ArrivalSource = "省内"
)

// ArrivalSources lists the sources.
var ArrivalSources = []ArrivalSource{SourceOutOfProvince, SourceAbroad, SourceInProvince}

// FundType is the kind of fund in the fund-of-funds structure.
type FundType string

// Fund types.
const (
	FundGuidance FundType = "政府引导基金"
	FundParent   FundType = "母基金"
	FundChild    FundType = "子基金"
	FundOther    FundType = "其他基金"
)

// FundTypes lists the fund types.
var FundTypes = []FundType{FundGuidance, FundParent, FundChild, FundOther}

// FundLevel is the government level behind a fund.
type FundLevel string

// Fund levels.
const (
	FundNational   FundLevel = "国家级"
	FundProvincial FundLevel = "省级"
	FundCity       FundLevel = "市级"
	FundCounty     FundLevel = "县级"
	FundMarket     FundLevel = "市场化"
)

// FundLevels lists the levels.
var FundLevels = []FundLevel{FundNational, FundProvincial, FundCity, FundCounty, FundMarket}

// FundStage is where a fund deal stands for the fund team.
type FundStage string

// Fund stages (初筛 → 尽调 → 立项 → 投决 → 投后).
const (
	FundScreening FundStage = "初筛"
	FundDiligence FundStage = "尽调"
	FundApproved  FundStage = "立项"
	FundDecided   FundStage = "投决"
	FundInvested  FundStage = "投后"
)

// FundStages lists the fund stages in order.
var FundStages = []FundStage{FundScreening, FundDiligence, FundApproved, FundDecided, FundInvested}

// ReinvestKind says how a fund's 返投 requirement is expressed.
type ReinvestKind string

// 返投 requirement kinds.
const (
	ReinvestNone     ReinvestKind = ""
	ReinvestMultiple ReinvestKind = "倍数" // e.g. 1.5 × the base
	ReinvestShare    ReinvestKind = "比例" // e.g. 60% of the base
)

// ReinvestBase is the amount a 返投 requirement is measured against.
type ReinvestBase string

// 返投 bases.
const (
	BaseSubscribed ReinvestBase = "认缴"
	BasePaidIn     ReinvestBase = "实缴"
	BaseInvestable ReinvestBase = "可投资金额"
)

// ReinvestBases lists the bases.
var ReinvestBases = []ReinvestBase{BaseSubscribed, BasePaidIn, BaseInvestable}

// Calendar tells whether an important date is solar (公历) or lunar (农历).
type Calendar string

// Calendars.
const (
	Solar Calendar = "公历"
	Lunar Calendar = "农历"
)

// EntityKind names a kind of user record, for the recycle bin, the audit log and links.
type EntityKind string

// Entity kinds.
const (
	KindEnterprise     EntityKind = "enterprise"
	KindPerson         EntityKind = "person"
	KindChamber        EntityKind = "chamber"
	KindProject        EntityKind = "project"
	KindTask           EntityKind = "task"
	KindActivity       EntityKind = "activity"
	KindFund           EntityKind = "fund"
	KindFundInvestment EntityKind = "fund_investment"
	KindArrival        EntityKind = "arrival"
	KindRelationship   EntityKind = "relationship"
	KindFundLP         EntityKind = "fund_lp"
	// KindReminder is a reminder of the 工作台 put off or dismissed: announced, not a record.
	KindReminder EntityKind = "reminder"
	KindEvent    EntityKind = "event"
	KindCampaign EntityKind = "campaign"
	KindTrip     EntityKind = "trip"
	// KindSettings is the settings, audited and announced like a record.
	KindSettings EntityKind = "settings"
)

// EntityKinds lists every kind that can be deleted to and restored from the recycle bin.
var EntityKinds = []EntityKind{KindEnterprise, KindPerson, KindChamber, KindProject, KindTask, KindActivity, KindFund, KindFundInvestment, KindArrival, KindRelationship,
	KindEvent, KindCampaign, KindTrip, KindFundLP}

// Label returns the Chinese name of the kind.
func (k EntityKind) Label() string {
	switch k {
	case KindEnterprise:
		return "企业"
	case KindPerson:
		return "人物"
	case KindChamber:
		return "商会"
	case KindProject:
		return "项目"
	case KindTask:
		return "任务"
	case KindActivity:
		return "跟进记录"
	case KindFund:
		return "基金"
	case KindFundInvestment:
		return "基金投资"
	case KindArrival:
		return "到位资金"
	case KindRelationship:
		return "人物关系"
	case KindEvent:
		return "三请三回活动"
	case KindCampaign:
		return "联络活动"
	case KindTrip:
		return "出差"
	case KindFundLP:
		return "基金出资人"
	}
	return string(k)
}
