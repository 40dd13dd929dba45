package importers

import (
	"strings"
	"testing"

	"ganzhao/app"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		cell   string
		header Unit
		want   int64
		usd    bool
		approx bool
		err    string
	}{
		{"5.2亿元", Unit{}, 520_000_000, false, false, ""},
		{"8000万", Unit{}, 80_000_000, false, false, ""},
		{"1.5亿", Unit{}, 150_000_000, false, false, ""},
		{"3,200", UnitWan, 32_000_000, false, false, ""},
		{"３，２００", UnitWan, 32_000_000, false, false, ""},
		{"5000万元人民币", Unit{}, 50_000_000, false, false, ""},
		{"1000万美元", Unit{}, 1_000_000_000, true, false, ""},
		{"1000", UnitWanUS, 1_000_000_000, true, false, ""},
		{"￥12,000.50", Unit{}, 12_001, false, false, ""}, // 12000.5 元 rounds half up
		{"约3亿", Unit{}, 300_000_000, false, true, ""},
		{"2亿元左右", Unit{}, 200_000_000, false, true, ""},
		{"0.1", UnitYi, 10_000_000, false, false, ""},
		{"5.2E+08", UnitYuan, 520_000_000, false, false, ""},
		{"12.3456", UnitWan, 123_456, false, false, ""},
		{"45", Unit{}, 450_000, false, false, ""}, // default 万元
		{"", UnitWan, 0, false, false, ""},
		{"abc万元", Unit{}, 0, false, false, "不是金额"},
		{"-5000", UnitWan, 0, false, false, "负数"},
		{"3-5亿", Unit{}, 0, false, false, "范围"},
		{"=SUM(E5:E11)", UnitWan, 0, false, false, "不是金额"},
		{"5亿斤", Unit{}, 0, false, false, "单位"},
		{"99999999999999999999亿", Unit{}, 0, false, false, "太大"},
	}
	for _, tc := range tests {
		t.Run(tc.cell, func(t *testing.T) {
			m, err := ParseAmount(tc.cell, tc.header, UnitWan)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseAmount(%q) = %+v, %v; want error with %q", tc.cell, m, err, tc.err)
				}
				return
			}
			if err != nil || m.Value != tc.want || m.USD != tc.usd || m.Approx != tc.approx {
				t.Fatalf("ParseAmount(%q) = %+v, %v; want %d usd=%v approx=%v", tc.cell, m, err, tc.want, tc.usd, tc.approx)
			}
		})
	}
}

func TestHeaderUnit(t *testing.T) {
	for h, want := range map[string]Unit{"总投资（万元）": UnitWan, "投资额(亿元)": UnitYi, "合同外资/万美元": UnitWanUS, "金额（元）": UnitYuan, "总投资": {}} {
		if got := HeaderUnit(h); got != want {
			t.Errorf("HeaderUnit(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		cell      string
		want      string
		monthOnly bool
		err       string
	}{
		{"45728", "2025-03-12", false, ""},
		{"45728.5", "2025-03-12", false, ""},
		{"2025年3月12日", "2025-03-12", false, ""},
		{"2025 年 3 月 12 日", "2025-03-12", false, ""},
		{"2025.03.12", "2025-03-12", false, ""},
		{"2025/3/12", "2025-03-12", false, ""},
		{"2025-03-12 00:00:00", "2025-03-12", false, ""},
		{"20250312", "2025-03-12", false, ""},
		{"2025-03", "2025-03-01", true, ""},
		{"2025年3月", "2025-03-01", true, ""},
		{"202503", "2025-03-01", true, ""},
		{"13/03/2025", "2025-03-13", false, ""},
		{"３/13/2025", "2025-03-13", false, ""},
		{"", "", false, ""},
		{"03/04/2025", "", false, "无法确定"},
		{"2025-02-30", "", false, "不存在"},
		{"2025-13-01", "", false, "月份"},
		{"1", "", false, "年份"},
		{"尽快", "", false, "不是日期"},
	}
	for _, tc := range tests {
		t.Run(tc.cell, func(t *testing.T) {
			d, err := ParseDate(tc.cell)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseDate(%q) = %+v, %v; want error with %q", tc.cell, d, err, tc.err)
				}
				return
			}
			if err != nil || d.Date.String() != tc.want || d.MonthOnly != tc.monthOnly {
				t.Fatalf("ParseDate(%q) = %v %v, %v; want %s %v", tc.cell, d.Date, d.MonthOnly, err, tc.want, tc.monthOnly)
			}
		})
	}
}

func TestParsePhones(t *testing.T) {
	tests := []struct {
		cell     string
		want     []string
		repaired int
		errs     int
	}{
		{"13812345678；0791-86123456", []string{"13812345678", "0791-86123456"}, 0, 0},
		{"79186123456", []string{"0791-86123456"}, 1, 0},
		{"2088881234", []string{"020-88881234"}, 1, 0},
		{"1068881234", []string{"010-68881234"}, 1, 0},
		{"1.3912345678E10", []string{"13912345678"}, 0, 0},
		{"13912345678.0", []string{"13912345678"}, 0, 0},
		{"+86 139-0013-9000", []string{"13900139000"}, 0, 0},
		{"0086 13800138000", []string{"13800138000"}, 0, 0},
		{"138 0013 8000", []string{"13800138000"}, 0, 0},
		{"13800138000 13900139000", []string{"13800138000", "13900139000"}, 0, 0},
		{"(0791)86123456", []string{"0791-86123456"}, 0, 0},
		{"079186123456", []string{"0791-86123456"}, 0, 0},
		{"010-68881234转802", []string{"010-68881234转802"}, 0, 0},
		{"手机：13800138000，座机：86123456", []string{"13800138000", "86123456"}, 0, 0},
		{"４００８００１２３４", []string{"4008001234"}, 0, 0},
		{"+1 415 555 0100", []string{"+14155550100"}, 0, 0},
		{"-", nil, 0, 1},
		{"123", nil, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.cell, func(t *testing.T) {
			got, errs := ParsePhones(tc.cell)
			var nums []string
			repaired := 0
			for _, p := range got {
				nums = append(nums, p.Number)
				if p.Repaired != "" {
					repaired++
				}
			}
			if strings.Join(nums, ",") != strings.Join(tc.want, ",") || repaired != tc.repaired || len(errs) != tc.errs {
				t.Fatalf("ParsePhones(%q) = %v (repaired %d), errs %v; want %v (repaired %d), %d errs", tc.cell, nums, repaired, errs, tc.want, tc.repaired, tc.errs)
			}
		})
	}
}

func TestCreditCode(t *testing.T) {
	tests := []struct{ cell, want, err string }{
		{" 91440300ma5fxt4k8n ", "91440300MA5FXT4K8N", ""},
		{"９１４４０３００ＭＡ５ＦＸＴ４Ｋ８Ｎ", "91440300MA5FXT4K8N", ""},
		{"9144 0300 MA5F XT4K 8N", "91440300MA5FXT4K8N", ""},
		{"91360100MA35XXXXX1", "", "校验位"},
		{"440301103456789", "", "注册号"},
		{"913601", "", "18位"},
		{"", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.cell, func(t *testing.T) {
			got, err := CreditCode(tc.cell)
			if (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) || got != tc.want {
				t.Fatalf("CreditCode(%q) = %q, %v; want %q, %q", tc.cell, got, err, tc.want, tc.err)
			}
		})
	}
}

func TestParseWords(t *testing.T) {
	stages := map[string]app.Stage{"洽谈中": app.StageNegotiating, "已签约": app.StageSigned, "已开工": app.StageStarted,
		"已投产": app.StageProducing, "在建": app.StageBuilding, "谋划": app.StageReserve, "终止": app.StageStopped,
		"已退库": app.StageWithdrawn, "签约阶段": app.StageSigned, " 在谈 ": app.StageNegotiating}
	for cell, want := range stages {
		if got, err := ParseStage(cell); err != nil || got != want {
			t.Errorf("ParseStage(%q) = %q, %v; want %q", cell, got, err, want)
		}
	}
	if _, err := ParseStage("进行中"); err == nil {
		t.Error("ParseStage(进行中) should fail")
	}
	natures := map[string]app.Nature{"民营": app.NaturePrivate, "私营": app.NaturePrivate, "外资": app.NatureForeignOwned,
		"央企": app.NatureCentralSOE, "地方国企": app.NatureLocalSOE, "中外合资": app.NatureForeignJoint,
		"有限责任公司（自然人投资或控股）": app.NaturePrivate, "有限责任公司（外商投资、非独资）": app.NatureForeignJoint,
		"有限责任公司（台港澳法人独资）": app.NatureForeignOwned, "有限责任公司(国有独资)": app.NatureLocalSOE}
	for cell, want := range natures {
		if got, ok := ParseNature(cell); !ok || got != want {
			t.Errorf("ParseNature(%q) = %q, %v; want %q", cell, got, ok, want)
		}
	}
	methods, unknown := ParseMethods("以商引商、产业链招商，基金/小分队 驻点招商")
	if strings.Join(methods, ",") != "以商引商,产业链招商,基金招商,其他,驻点招商" || strings.Join(unknown, ",") != "小分队" {
		t.Errorf("ParseMethods = %v, unknown %v", methods, unknown)
	}
}

func TestNormalizeEnterpriseNameMatchesFixtures(t *testing.T) {
	same := []string{"华芯微联科技（深圳）有限公司", "深圳市华芯微联科技有限公司", "华芯微联科技(深圳)有限公司", "深圳华芯微联科技股份有限公司"}
	for _, n := range same {
		if got := app.NormalizeEnterpriseName(n); got != "华芯微联科技" {
			t.Errorf("NormalizeEnterpriseName(%q) = %q", n, got)
		}
	}
}
