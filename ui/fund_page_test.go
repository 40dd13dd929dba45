package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// TestFundPageReinvestLedger works a 双GP fund's page the way a user does: adds a government
// LP, then an investment that lands as a local project, then marks it as not counting, and
// reads the 返投 ledger panel after each step; the fund list shows the same completion rate.
func TestFundPageReinvestLedger(t *testing.T) {
	l, path := apptest.Ledger(t, 0)
	ctx := context.Background()
	ent := func(name string) app.Enterprise {
		e := app.Enterprise{Name: name}
		if err := l.SaveEnterprise(ctx, &e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	gp, coGP := ent("深圳鲲鹏私募基金管理有限公司"), ent("赣州发展投资控股集团有限公司")
	ent("江西省现代产业引导基金（有限合伙）")
	investee := ent("江西晶锐光电有限公司")
	project := app.Project{Name: "晶锐光电模组项目", InvestorID: investee.ID, TotalInvestment: 6 * app.Yi, Stage: app.StageSigned, SignedOn: app.MustDate("2026-01-20")}
	if err := l.CreateProject(ctx, &project); err != nil {
		t.Fatal(err)
	}
	// 1.5 × the government's 实缴: nothing can be required until an LP's 实缴 is recorded.
	fund := app.Fund{Name: "赣州光电产业子基金", Type: app.FundChild, ManagerID: gp.ID, CoManagerID: coGP.ID, Size: 10 * app.Yi,
		GovCommitment: 2 * app.Yi, Investable: 9*app.Yi + 5000*app.Wan, Stage: app.FundDecided,
		ReinvestKind: app.ReinvestMultiple, ReinvestRatio: 15000, ReinvestBase: app.BasePaidIn}
	if err := l.SaveFund(ctx, &fund); err != nil {
		t.Fatal(err)
	}

	a := test.NewTempApp(t)
	w := a.NewWindow("基金")
	pg := newFundPage(w, l, syncRun, fund)
	w.SetContent(pg.content())
	p := pg.ledgerPanel
	check := func(step string, want map[*widget.Label]string) {
		t.Helper()
		for label, text := range want {
			if label.Text != text {
				t.Errorf("%s: panel shows %q, want %q", step, label.Text, text)
			}
		}
	}
	if !strings.Contains(p.managers.Text, "深圳鲲鹏私募基金管理有限公司、赣州发展投资控股集团有限公司（双GP）") {
		t.Errorf("managers %q", p.managers.Text)
	}
	check("no LP yet", map[*widget.Label]string{p.requirement: "政府实缴出资的1.5倍", p.base: "政府实缴出资：未登记",
		p.required: "—", p.rate: "—", p.counted: "0.00万元，0笔"})
	if !strings.Contains(p.warnings.Text, "尚未登记政府实缴出资") {
		t.Errorf("warnings %q", p.warnings.Text)
	}

	// The government LP: 2亿 committed, 8000万 paid in → required 8000万 × 1.5 = 1.2亿.
	lf := pg.lps.form
	pick(t, lf, "enterprise_id", "引导基金", "江西省现代产业引导基金（有限合伙）")
	test.Tap(lf.field("government").input.(*widget.Check))
	typeInto(formEntry(t, lf, "subscribed"), "20000")
	typeInto(formEntry(t, lf, "paid_in"), "8000")
	test.Tap(pg.lps.save)
	if pg.lps.msg.Text != "已保存出资人" || len(pg.lps.lines) != 1 {
		t.Fatalf("LP not saved: %q, lines %q", pg.lps.msg.Text, pg.lps.lines)
	}
	check("LP added", map[*widget.Label]string{p.base: "政府实缴出资 8,000.00万元", p.required: "12,000.00万元（1.20亿元）",
		p.gap: "12,000.00万元（1.20亿元）", p.rate: "0.00%"})

	// An investment of 3000万 that counts and lands as the project: 3000万 ÷ 1.2亿 = 25.00%.
	vf := pg.investments.form
	pick(t, vf, "enterprise_id", "晶锐", "江西晶锐光电有限公司")
	pick(t, vf, "project_id", "晶锐", "晶锐光电模组项目")
	typeInto(formEntry(t, vf, "amount"), "3000")
	typeInto(formEntry(t, vf, "on"), "2026-01-15")
	test.Tap(vf.field("counts_toward_reinvest").input.(*widget.Check))
	// Counting with no reason is refused beside 认定依据, and nothing is written.
	test.Tap(pg.investments.save)
	if got := vf.message("counts_reason"); !strings.Contains(got, "认定依据") || len(pg.investments.lines) != 0 {
		t.Fatalf("counting without a reason: message %q, %d investments", got, len(pg.investments.lines))
	}
	reason := vf.field("counts_reason").input.(*widget.SelectEntry)
	test.Type(reason, "本地新建工厂")
	test.Tap(pg.investments.save)
	if pg.investments.msg.Text != "已保存投资" {
		t.Fatalf("investment not saved: %q; messages %q %q", pg.investments.msg.Text, vf.message("amount"), vf.general.Text)
	}
	check("investment added", map[*widget.Label]string{p.counted: "3,000.00万元，1笔", p.notCounted: "0.00万元，0笔",
		p.gap: "9,000.00万元", p.rate: "25.00%", p.landed: "1个，基金投资3,000.00万元，项目总投资6.00亿元"})
	if !strings.Contains(p.reasons.Text, "计入　本地新建工厂：1笔，3,000.00万元") {
		t.Errorf("reasons %q", p.reasons.Text)
	}
	if !strings.Contains(pg.investments.lines[0], "→ 晶锐光电模组项目") || !strings.Contains(pg.investments.lines[0], "计入返投") {
		t.Errorf("investment line %q", pg.investments.lines[0])
	}

	// The fund list shows the same figures.
	mw := newMainWindow(a, l, Options{DBPath: path}, syncRun)
	t.Cleanup(mw.win.Close)
	mw.showTitle("基金")
	rows := mw.funds.list.rows
	if len(rows) != 1 || rows[0].reinvest.RateText() != "25.00%" || rows[0].reinvest.Required != 12_000*app.Wan ||
		rows[0].manager != "深圳鲲鹏私募基金管理有限公司、赣州发展投资控股集团有限公司" {
		t.Fatalf("fund list rows %+v", rows)
	}

	// Edited to not count: nothing counted, the whole 1.2亿 is the gap.
	pg.investments.list.Select(0)
	if !vf.field("counts_toward_reinvest").input.(*widget.Check).Checked {
		t.Fatal("the selected investment was not loaded into the form")
	}
	test.Tap(vf.field("counts_toward_reinvest").input.(*widget.Check))
	reason.SetText("")
	test.Type(reason, "尚待认定")
	test.Tap(pg.investments.save)
	check("investment not counting", map[*widget.Label]string{p.counted: "0.00万元，0笔", p.notCounted: "3,000.00万元，1笔",
		p.gap: "12,000.00万元（1.20亿元）", p.rate: "0.00%"})

	// Paid in above the commitment is refused beside its field and the LP stays as it was.
	pg.lps.list.Select(0)
	typeInto(formEntry(t, lf, "paid_in"), "30000")
	test.Tap(pg.lps.save)
	if got := lf.message("paid_in"); !strings.Contains(got, "实缴出资不能大于认缴出资") {
		t.Errorf("paid_in message %q", got)
	}
	if formEntry(t, lf, "paid_in").Text != "30000" {
		t.Errorf("the typed 实缴 was lost")
	}
	check("refused LP edit", map[*widget.Label]string{p.required: "12,000.00万元（1.20亿元）"})
}
