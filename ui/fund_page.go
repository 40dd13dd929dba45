package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// fundPage is a fund's page: the form (managers, size, stage, 返投 requirement), its LPs and
// its investments, each editable in place, the 返投 ledger and the fund's changes.
type fundPage struct {
	*detailPage
	f app.Fund

	lps         *childEditor[app.FundLP]
	investments *childEditor[app.FundInvestment]
	ledgerPanel *reinvestPanel
	timeline    *timelineView
	tabs        *container.AppTabs
}

func newFundPage(win fyne.Window, l *app.Ledger, run runner, fd app.Fund) *fundPage {
	pg := &fundPage{detailPage: newDetailPage(win, l, run), f: fd, ledgerPanel: newReinvestPanel()}
	f := pg.form
	f.textField("name", "基金名称", &pg.f.Name)
	choiceField(f, "type", "基金类型", app.FundTypes, &pg.f.Type)
	choiceField(f, "level", "层级", app.FundLevels, &pg.f.Level)
	f.pickerField("parent_id", "上级基金", fundPicker(l, run), &pg.f.ParentID)
	f.pickerField("manager_id", "管理人（GP）", enterprisePicker(l, run), &pg.f.ManagerID)
	f.pickerField("co_manager_id", "第二管理人（双GP）", enterprisePicker(l, run), &pg.f.CoManagerID)
	f.amountField("size", "基金规模（认缴）", &pg.f.Size)
	f.amountField("gov_commitment", "政府出资（认缴）", &pg.f.GovCommitment)
	f.amountField("investable", "可投资金额", &pg.f.Investable)
	choiceField(f, "stage", "阶段（初筛→尽调→立项→投决→投后）", app.FundStages, &pg.f.Stage)
	choiceField(f, "reinvest_kind", "返投要求", []app.ReinvestKind{app.ReinvestMultiple, app.ReinvestShare}, &pg.f.ReinvestKind)
	f.scaledField("reinvest_ratio_bp", "返投倍数或比例", "倍 / ×100%", 10_000,
		func() int64 { return int64(pg.f.ReinvestRatio) }, func(n int64) { pg.f.ReinvestRatio = int(n) })
	choiceField(f, "reinvest_base", "返投基数", app.ReinvestBases, &pg.f.ReinvestBase)
	f.dateField("set_up_on", "设立日期", &pg.f.SetUpOn)
	f.notesField("notes", "备注", &pg.f.Notes)
	pg.persist = func(ctx context.Context) error { return l.SaveFund(ctx, &pg.f) }
	pg.saved = pg.refresh

	fundID := func() string { return pg.f.ID }
	pg.lps = newLPEditor(l, run, fundID)
	pg.lps.changed = pg.refreshLedger
	pg.investments = newInvestmentEditor(l, run, fundID)
	pg.investments.changed = pg.refreshLedger
	pg.timeline = newTimelineView(run, func(ctx context.Context) ([]timelineEntry, error) {
		audit, err := l.Store().Audit(ctx, app.KindFund, pg.f.ID)
		return sortTimeline(auditEntries(audit)), err
	})
	return pg
}

func (pg *fundPage) content() fyne.CanvasObject {
	pg.form.load()
	pg.tabs = container.NewAppTabs(
		container.NewTabItem("基本信息", container.NewVScroll(container.NewVBox(pg.form.object(), pg.form.general))),
		container.NewTabItem("返投台账", container.NewVScroll(pg.ledgerPanel.content())),
		container.NewTabItem("出资人（LP）", pg.lps.content()),
		container.NewTabItem("对外投资", pg.investments.content()),
		container.NewTabItem("变更记录", pg.timeline.content()),
	)
	pg.refresh()
	return container.NewBorder(nil, pg.bar(), nil, nil, pg.tabs)
}

// refresh shows the saved fund's tabs; before the first save only the form is available.
func (pg *fundPage) refresh() {
	if pg.f.ID == "" {
		for _, t := range pg.tabs.Items[1:] {
			pg.tabs.DisableItem(t)
		}
		return
	}
	for _, t := range pg.tabs.Items[1:] {
		pg.tabs.EnableItem(t)
	}
	pg.lps.refresh()
	pg.investments.refresh()
	pg.timeline.refresh()
	pg.refreshLedger()
}

// refreshLedger recomputes the 返投 ledger off the UI goroutine.
func (pg *fundPage) refreshLedger() {
	f := pg.f
	pg.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		r, err := pg.ledger.FundReinvest(ctx, f, app.Date{})
		var managers []string
		for _, id := range []string{f.ManagerID, f.CoManagerID} {
			if id == "" || err != nil {
				continue
			}
			var e app.Enterprise
			if e, err = pg.ledger.Store().Enterprise(ctx, id); err == nil {
				managers = append(managers, e.Name)
			}
		}
		fyne.Do(func() {
			if err != nil {
				pg.ledgerPanel.status.SetText("读取返投台账失败：" + err.Error())
				return
			}
			pg.ledgerPanel.show(managers, r)
		})
	})
}

// reinvestPanel shows a fund's 返投 ledger: the requirement and its base, required vs counted
// vs landed, the gap and the completion rate, the reasons, and what to check.
type reinvestPanel struct {
	managers, lps, requirement, base, required, counted, notCounted, gap, rate, landed *widget.Label
	progress                                                                           *widget.ProgressBar
	reasons, warnings, status                                                          *widget.Label
}

func newReinvestPanel() *reinvestPanel {
	l := func() *widget.Label { return widget.NewLabel("") }
	p := &reinvestPanel{managers: l(), lps: l(), requirement: l(), base: l(), required: l(), counted: l(), notCounted: l(), gap: l(),
		rate: l(), landed: l(), progress: widget.NewProgressBar(), reasons: l(), warnings: l(), status: l()}
	p.reasons.Wrapping = fyne.TextWrapWord
	p.warnings.Wrapping = fyne.TextWrapWord
	p.warnings.Importance = widget.WarningImportance
	p.required.TextStyle.Bold = true
	p.counted.TextStyle.Bold = true
	p.rate.TextStyle.Bold = true
	p.progress.Max = 1
	p.progress.TextFormatter = func() string { return p.rate.Text }
	return p
}

func (p *reinvestPanel) content() fyne.CanvasObject {
	row := func(label string, v fyne.CanvasObject) []fyne.CanvasObject {
		k := widget.NewLabel(label)
		k.Alignment = fyne.TextAlignTrailing
		return []fyne.CanvasObject{k, v}
	}
	var cells []fyne.CanvasObject
	for _, r := range [][]fyne.CanvasObject{
		row("管理人", p.managers), row("出资人合计", p.lps), row("返投要求", p.requirement), row("返投基数", p.base),
		row("要求返投金额", p.required), row("已认定返投", p.counted), row("未认定投资", p.notCounted),
		row("返投缺口", p.gap), row("完成率", container.NewBorder(nil, nil, nil, p.rate, p.progress)),
		row("落地项目", p.landed),
	} {
		cells = append(cells, r...)
	}
	heading := widget.NewLabelWithStyle("认定依据", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	note := mutedText("按元精确计算：要求返投金额 = 基数 × 倍数或比例，向下取整到元；完成率 = 已认定返投 ÷ 要求返投金额，向下取整到0.01%。")
	return container.NewVBox(container.New(layout.NewFormLayout(), cells...), widget.NewSeparator(), heading, p.reasons,
		p.warnings, note, p.status)
}

// show writes a fund's ledger into the panel.
func (p *reinvestPanel) show(managers []string, r app.ReinvestLedger) {
	m := strings.Join(managers, "、")
	if len(managers) == 2 {
		m += "（双GP）"
	}
	p.managers.SetText(orDash(m))
	p.lps.SetText(fmt.Sprintf("认缴 %s，实缴 %s，其中政府实缴 %s", ledgerAmount(r.LPSubscribed), ledgerAmount(r.LPPaidIn), ledgerAmount(r.GovPaidIn)))
	p.requirement.SetText(r.RequirementText())
	switch {
	case r.Kind == app.ReinvestNone:
		p.base.SetText("—")
	case r.BaseMissing:
		p.base.SetText(r.BaseLabel + "：未登记")
	default:
		p.base.SetText(r.BaseLabel + " " + ledgerAmount(r.BaseAmount))
	}
	if r.HasRequirement() {
		p.required.SetText(ledgerAmount(r.Required))
		p.gap.SetText(ledgerAmount(r.Gap))
		p.progress.SetValue(min(float64(r.RateBP)/10000, 1))
	} else {
		p.required.SetText("—")
		p.gap.SetText("—")
		p.progress.SetValue(0)
	}
	p.rate.SetText(r.RateText())
	p.counted.SetText(fmt.Sprintf("%s，%d笔", ledgerAmount(r.Counted), r.CountedN))
	p.notCounted.SetText(fmt.Sprintf("%s，%d笔", ledgerAmount(r.NotCounted), r.NotCountedN))
	p.landed.SetText(fmt.Sprintf("%d个，基金投资%s，项目总投资%s", r.Landed, ledgerAmount(r.LandedAmount), r.LandedTotal.FormatYi()))
	var lines []string
	for _, s := range r.Reasons {
		mark := "计入"
		if !s.Counts {
			mark = "不计入"
		}
		lines = append(lines, fmt.Sprintf("%s　%s：%d笔，%s", mark, s.Reason, s.N, ledgerAmount(s.Amount)))
	}
	if len(lines) == 0 {
		lines = []string{"尚无对外投资"}
	}
	p.reasons.SetText(strings.Join(lines, "\n"))
	p.warnings.SetText(strings.Join(r.Warnings, "\n"))
	p.status.SetText("")
}

// ledgerAmount writes an amount exactly in 万元 (to the 百元), with 亿元 beside it from 1亿 up:
// "251,940.60万元（25.19亿元）".
func ledgerAmount(y app.Yuan) string {
	if y >= app.Yi || y <= -app.Yi {
		return y.FormatWan() + "（" + y.FormatYi() + "）"
	}
	return y.FormatWan()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// newLPEditor edits a fund's LPs: who, whether it is government money, 认缴 and 实缴.
func newLPEditor(l *app.Ledger, run runner, fundID func() string) *childEditor[app.FundLP] {
	e := newChildEditor(l, run, app.KindFundLP, "出资人",
		func() app.FundLP { return app.FundLP{FundID: fundID()} },
		func(lp *app.FundLP) *app.Meta { return &lp.Meta })
	f := e.form
	f.pickerField("enterprise_id", "出资人", enterprisePicker(l, run), &e.rec.EnterpriseID)
	f.checkField("government", "政府出资", "是政府出资（引导基金或政府平台）", &e.rec.Government)
	f.amountField("subscribed", "认缴出资", &e.rec.Subscribed)
	f.amountField("paid_in", "实缴出资", &e.rec.PaidIn)
	f.textField("notes", "备注", &e.rec.Notes)
	e.persist = func(ctx context.Context, lp *app.FundLP) error {
		lp.FundID = fundID()
		return l.SaveFundLP(ctx, lp)
	}
	e.load = func(ctx context.Context) ([]app.FundLP, []string, error) {
		lps, err := l.Store().FundLPs(ctx, fundID())
		if err != nil {
			return nil, nil, err
		}
		names := enterpriseNames(l)
		lines := make([]string, len(lps))
		for i, lp := range lps {
			name, err := names(ctx, lp.EnterpriseID)
			if err != nil {
				return nil, nil, err
			}
			kind := "社会资本"
			if lp.Government {
				kind = "政府出资"
			}
			lines[i] = fmt.Sprintf("%s　%s　认缴 %s　实缴 %s　%s", name, kind, lp.Subscribed.FormatWan(), lp.PaidIn.FormatWan(), lp.Notes)
		}
		return lps, lines, nil
	}
	return e
}

// newInvestmentEditor edits a fund's investments: fund → enterprise → local project, amount,
// date, and whether and why it counts toward 返投.
func newInvestmentEditor(l *app.Ledger, run runner, fundID func() string) *childEditor[app.FundInvestment] {
	e := newChildEditor(l, run, app.KindFundInvestment, "投资",
		func() app.FundInvestment { return app.FundInvestment{FundID: fundID()} },
		func(v *app.FundInvestment) *app.Meta { return &v.Meta })
	f := e.form
	f.pickerField("enterprise_id", "被投企业", enterprisePicker(l, run), &e.rec.EnterpriseID)
	f.pickerField("project_id", "落地项目", projectPicker(l, run), &e.rec.ProjectID)
	f.amountField("amount", "投资金额", &e.rec.Amount)
	f.dateField("on", "投资日期", &e.rec.On)
	f.checkField("counts_toward_reinvest", "计入返投", "计入返投", &e.rec.Counts)
	f.suggestField("counts_reason", "认定依据", append(append([]string{}, app.CountsReasons...), app.NotCountsReasons...), &e.rec.CountsReason)
	e.persist = func(ctx context.Context, v *app.FundInvestment) error {
		v.FundID = fundID()
		return l.SaveFundInvestment(ctx, v)
	}
	e.load = func(ctx context.Context) ([]app.FundInvestment, []string, error) {
		vs, err := l.Store().FundInvestments(ctx, fundID())
		if err != nil {
			return nil, nil, err
		}
		names := enterpriseNames(l)
		lines := make([]string, len(vs))
		for i, v := range vs {
			name, err := names(ctx, v.EnterpriseID)
			if err != nil {
				return nil, nil, err
			}
			project := "未落地项目"
			if v.ProjectID != "" {
				p, err := l.Store().Project(ctx, v.ProjectID)
				if err != nil {
					return nil, nil, err
				}
				project = "→ " + p.Name
			}
			counts := "不计入返投"
			if v.Counts {
				counts = "计入返投"
			}
			lines[i] = fmt.Sprintf("%s　%s　%s　%s　%s：%s", v.On, name, v.Amount.FormatWan(), project, counts, orDash(v.CountsReason))
		}
		return vs, lines, nil
	}
	return e
}

// enterpriseNames returns a lookup of enterprise names that reads each one once.
func enterpriseNames(l *app.Ledger) func(ctx context.Context, id string) (string, error) {
	names := map[string]string{}
	return func(ctx context.Context, id string) (string, error) {
		if n, ok := names[id]; ok {
			return n, nil
		}
		e, err := l.Store().Enterprise(ctx, id)
		if err != nil {
			return "", err
		}
		names[id] = e.Name
		return e.Name, nil
	}
}
