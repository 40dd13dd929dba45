package app

// Size classes are derived from a project's amount and its zone's level, never typed by hand.

// Thresholds of the size classes.
const (
	YiPlusThreshold     = 1 * Yi  // 亿元以上: total investment ≥ 1亿元
	National5020        = 50 * Yi // "5020" in a national-level zone: ≥ 50亿元
	Provincial5020      = 20 * Yi // "5020" in a provincial zone: ≥ 20亿元
	maxPlausibleInvest  = 10_000 * Yi
	maxPlausibleCapital = USCents(1_000_000) * 10_000 * 100 // 100亿美元 in cents
)

// IsYiPlus reports whether a total investment makes a project 亿元以上.
func IsYiPlus(total Yuan) bool { return total >= YiPlusThreshold }

// Is5020 reports whether a project is a "5020" project: a single industrial (工业) project of
// at least 50亿元 in a national-level zone or at least 20亿元 in a provincial zone. A project
// with no zone, or outside industry, is not.
func Is5020(total Yuan, sector Sector, level ZoneLevel) bool {
	if sector != SectorIndustry {
		return false
	}
	switch {
	case level.National():
		return total >= National5020
	case level == ZoneProvincial:
		return total >= Provincial5020
	}
	return false
}

// LandIntensity is the 亩均投资强度 in 万元 per 亩: fixed-asset investment over land. It is 0
// when either is unknown.
func LandIntensity(fixed Yuan, land Area) float64 {
	if fixed <= 0 || land <= 0 {
		return 0
	}
	return fixed.Wan() / land.Mu()
}

// SizeClass names a project's size for lists: "5020", "亿元以上" or "".
func SizeClass(total Yuan, sector Sector, level ZoneLevel) string {
	switch {
	case Is5020(total, sector, level):
		return "5020"
	case IsYiPlus(total):
		return "亿元以上"
	}
	return ""
}
