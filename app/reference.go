package app

// Reference data: divisions, development zones, industry chains and the small vocabularies
// (enterprise categories, promotion methods, activity kinds). It ships embedded in seeds/,
// is loaded on first open and stays editable.

// ZoneLevel is a development zone's level; it decides the "5020" threshold.
type ZoneLevel string

const (
	ZoneNationalNewArea ZoneLevel = "国家级新区"
	ZoneNationalETDZ    ZoneLevel = "国家级经开区"
	ZoneNationalHiTech  ZoneLevel = "国家高新区"
	ZoneProvincial      ZoneLevel = "省级"
)

// ZoneLevels lists the levels in display order.
var ZoneLevels = []ZoneLevel{ZoneNationalNewArea, ZoneNationalETDZ, ZoneNationalHiTech, ZoneProvincial}

// National reports whether the level counts as national for the "5020" rule.
func (l ZoneLevel) National() bool {
	return l == ZoneNationalNewArea || l == ZoneNationalETDZ || l == ZoneNationalHiTech
}

// Valid reports whether l is one of the known levels.
func (l ZoneLevel) Valid() bool {
	for _, v := range ZoneLevels {
		if v == l {
			return true
		}
	}
	return false
}

// Division is an administrative division: a 设区市 (level "市") or a county-level unit
// (level "县": 区, 县 or 县级市). Code is the six-digit GB/T 2260 code.
type Division struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Level      string `json:"level"` // "市" or "县"
	ParentCode string `json:"parent_code,omitempty"`
}

// Zone is a development zone (开发区).
type Zone struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Level        ZoneLevel `json:"level"`
	DivisionCode string    `json:"division_code,omitempty"`
	Industries   string    `json:"industries,omitempty"` // leading industries, 、-separated
	Builtin      bool      `json:"builtin"`
}

// Chain is an industry chain within a plan ("1269", 链长制, "2+6+N").
type Chain struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Plan    string `json:"plan"`
	Sort    int    `json:"sort"`
	Builtin bool   `json:"builtin"`
}

// Vocabulary kinds kept in the vocab table.
const (
	VocabCategory     = "enterprise_category"
	VocabMethod       = "promotion_method"
	VocabActivityKind = "activity_kind"
	VocabChamberKind  = "chamber_kind"
)

// VocabItem is one entry of a small editable vocabulary.
type VocabItem struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Note    string `json:"note,omitempty"` // e.g. the issuer of an enterprise category
	Sort    int    `json:"sort"`
	Builtin bool   `json:"builtin"`
}

// ReferenceSet is one numbered, append-only seed of reference data. A set is applied once,
// in one transaction, and recorded; rows that already exist (by key) are left as the user
// edited them.
type ReferenceSet struct {
	Version   int         `json:"version"`
	Name      string      `json:"name"`
	Divisions []Division  `json:"divisions"`
	Zones     []Zone      `json:"zones"`
	Chains    []Chain     `json:"chains"`
	Vocab     []VocabItem `json:"vocab"`
}
