package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// settingsScreen is the 设置: who reports (填报单位, 填报人, 联系电话), the user's name written
// on every change, the default zone, the days without progress after which a project is
// flagged, and a backup on demand.
type settingsScreen struct {
	*detailPage
	opt     Options
	s       app.Settings
	stale   map[app.Stage]*int
	tiers   map[app.Tier]*int // contact cadence of each tier
	backups *backupPanel
	loaded  bool
}

func newSettingsScreen(win fyne.Window, l *app.Ledger, run runner, opt Options) *settingsScreen {
	sc := &settingsScreen{detailPage: newDetailPage(win, l, run), opt: opt, stale: map[app.Stage]*int{}, tiers: map[app.Tier]*int{}}
	f := sc.form
	f.textField("user_name", "我的姓名", &sc.s.UserName)
	f.textField("unit", "填报单位", &sc.s.Unit)
	f.textField("reporter", "填报人", &sc.s.Reporter)
	f.textField("phone", "联系电话", &sc.s.Phone)
	f.pickerField("default_zone_id", "默认开发区", zonePicker(l, run), &sc.s.DefaultZoneID)
	f.checkField("mask_phones", "个人信息", "导出时隐藏手机号（如 138****1234）", &sc.s.MaskPhones)
	for _, st := range []app.Stage{app.StageReserve, app.StageNegotiating, app.StageSigned} {
		days := new(int)
		sc.stale[st] = days
		f.intField("stale_days", "“"+string(st)+"”停滞提醒", "天", days)
	}
	for _, t := range app.Tiers {
		days := new(int)
		sc.tiers[t] = days
		f.intField("tier_cadence", string(t)+"级人物联系周期", "天（人物未设周期时）", days)
	}
	f.intField("upcoming_days", "重要日期提前提醒", "天", &sc.s.UpcomingDays)
	sc.persist = func(ctx context.Context) error {
		sc.s.StaleDays = map[app.Stage]int{}
		for st, d := range sc.stale {
			sc.s.StaleDays[st] = *d
		}
		sc.s.TierCadence = map[app.Tier]int{}
		for t, d := range sc.tiers {
			sc.s.TierCadence[t] = *d
		}
		// The backup folder is the backup panel's: keep the one saved now.
		if cur, err := l.Store().Settings(ctx); err == nil {
			sc.s.BackupDir = cur.BackupDir
		}
		return l.SaveSettings(ctx, sc.s)
	}
	sc.backups = newBackupPanel(win, l, run, sc.load)
	return sc
}

func (sc *settingsScreen) content() fyne.CanvasObject {
	sc.load()
	info := widget.NewLabel("数据库：" + sc.opt.DBPath)
	info.Wrapping = fyne.TextWrapWord
	// The data file and its backups beside the form, so the backup list is in view.
	split := container.NewHSplit(
		container.NewVScroll(container.NewVBox(
			widget.NewLabelWithStyle("填报与提醒", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			sc.form.object(), sc.form.general)),
		container.NewVScroll(container.NewVBox(
			widget.NewLabelWithStyle("数据文件与备份", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			info, sc.backups.content())))
	split.Offset = 0.45
	return container.NewBorder(nil, sc.bar(), nil, nil, split)
}

// load reads the settings off the UI goroutine into the form.
func (sc *settingsScreen) load() {
	sc.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		s, err := sc.ledger.Store().Settings(ctx)
		fyne.Do(func() {
			if err != nil {
				sc.status.SetText("读取设置失败：" + err.Error())
				return
			}
			for st, d := range sc.stale {
				*d = s.StaleDays[st]
			}
			cadence := app.TierCadences(s)
			for t, d := range sc.tiers {
				*d = cadence[t]
			}
			s.UpcomingDays = app.UpcomingDaysOf(s)
			sc.s = s
			sc.form.load()
			sc.loaded = true
		})
	})
}
