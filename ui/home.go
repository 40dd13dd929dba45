package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// homeScreen is the 工作台: KPI tiles for this month and this year and the year's signed
// projects by current stage as bars.
type homeScreen struct {
	ledger *app.Ledger
	run    runner

	month, year *kpiTiles
	stageBars   *fyne.Container
	status      *widget.Label
}

// kpiTiles are the value labels of one period's tiles, kept as fields so tests can read them.
type kpiTiles struct {
	signed, yiPlus, p5020, startRate, productionRate, arrivalRate *widget.Label
}

func newHomeScreen(l *app.Ledger, run runner) *homeScreen {
	h := &homeScreen{ledger: l, run: run, status: widget.NewLabel("正在统计……")}
	h.month, h.year = newKPITiles(), newKPITiles()
	h.stageBars = container.NewVBox()
	return h
}

func newKPITiles() *kpiTiles {
	l := func() *widget.Label { return widget.NewLabelWithStyle("—", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}) }
	return &kpiTiles{l(), l(), l(), l(), l(), l()}
}

func (t *kpiTiles) grid() fyne.CanvasObject {
	tile := func(title string, v *widget.Label) fyne.CanvasObject {
		return widget.NewCard("", "", container.NewVBox(widget.NewLabel(title), v))
	}
	return container.NewGridWithColumns(6,
		tile("新签约项目", t.signed), tile("其中亿元以上", t.yiPlus), tile("其中“5020”项目", t.p5020),
		tile("开工率", t.startRate), tile("投产率", t.productionRate), tile("资金到位率", t.arrivalRate))
}

func (t *kpiTiles) show(k app.KPIs) {
	tally := func(x app.Tally) string { return fmt.Sprintf("%d 个 · %s", x.Count, x.Amount.FormatYi()) }
	rate := func(f float64, n, d int) string { return fmt.Sprintf("%.1f%%（%d/%d）", f*100, n, d) }
	t.signed.SetText(tally(k.Signed))
	t.yiPlus.SetText(tally(k.YiPlus))
	t.p5020.SetText(tally(k.P5020))
	t.startRate.SetText(rate(k.StartRate, k.CohortStarted, k.Signed.Count))
	t.productionRate.SetText(rate(k.ProductionRate, k.CohortProduced, k.Signed.Count))
	t.arrivalRate.SetText(fmt.Sprintf("%.1f%%", k.FundsArrivalRate*100))
}

func (h *homeScreen) content() fyne.CanvasObject {
	h.refresh()
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("本月", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), h.month.grid(),
		widget.NewLabelWithStyle("本年", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), h.year.grid(),
		widget.NewLabelWithStyle("本年签约项目按当前阶段", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), h.stageBars,
		h.status,
	))
}

// refresh computes the KPIs off the UI goroutine and shows them.
func (h *homeScreen) refresh() {
	today := h.ledger.Today()
	monthP := app.Period{From: app.MonthOf(today).First(), To: today}
	yearP := app.Period{From: app.NewDate(today.Year(), time.January, 1), To: today}
	h.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		ks, err := h.ledger.KPIsFor(ctx, monthP, yearP)
		fyne.Do(func() {
			if err != nil {
				h.status.SetText("统计失败：" + err.Error())
				return
			}
			h.month.show(ks[0])
			h.year.show(ks[1])
			h.showStageBars(ks[1].ByStage)
			h.status.SetText(fmt.Sprintf("统计截至 %s", today))
		})
	})
}

// showStageBars draws one bar per stage, its length proportional to the count.
func (h *homeScreen) showStageBars(buckets []app.Bucket) {
	counts := map[string]int{}
	most := 0
	for _, b := range buckets {
		counts[b.Key] = b.Count
		most = max(most, b.Count)
	}
	h.stageBars.RemoveAll()
	for _, st := range app.Stages {
		n := counts[string(st)]
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		width := float32(0)
		if most > 0 {
			width = 600 * float32(n) / float32(most)
		}
		bar.SetMinSize(fyne.NewSize(width, 18))
		label := canvas.NewText(string(st), theme.Color(theme.ColorNameForeground))
		label.TextSize = theme.TextSize()
		row := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(48, 22), label), nil,
			container.NewHBox(bar, widget.NewLabel(fmt.Sprintf("%d 个", n)), layout.NewSpacer()))
		h.stageBars.Add(row)
	}
}
