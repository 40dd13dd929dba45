package ui

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"ganzhao/app"
)

// startupProbeEnv names the environment variable that makes the app report when its first
// frame is up and quit: docs/startup.sh measures cold start with it.
const startupProbeEnv = "GANZHAO_STARTUP_PROBE"

// probeStartup, when the variable is set, prints the wall-clock time (Unix nanoseconds) once
// the window is shown and the event loop has turned once more, then quits.
func probeStartup(a fyne.App) {
	if os.Getenv(startupProbeEnv) == "" {
		return
	}
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			fyne.DoAndWait(func() {}) // one more turn of the loop: the first frame is painted
			fmt.Fprintf(os.Stderr, "first-frame-unix-ns %d\n", time.Now().UnixNano())
			fyne.Do(a.Quit)
		}()
	})
}

// runRecovery shows the recovery screen; once the user has restored a backup or chosen to
// read the damaged file, the main window replaces it.
func runRecovery(a fyne.App, opt Options) {
	win := a.NewWindow("赣招 " + app.Version + " — 数据库无法打开")
	opened := func(l *app.Ledger, readOnly bool, message string) {
		o := opt
		o.Recovery, o.ReadOnly = nil, readOnly
		m := newMainWindow(a, l, o, goRunner)
		m.win.Resize(fyne.NewSize(1280, 800))
		m.win.Show()
		win.Close()
		if message != "" {
			dialog.ShowInformation("已恢复", message, m.win)
		}
		if !readOnly {
			startDailyBackup(m)
			newReminderNotifier(l, time.Now, a.SendNotification).start(context.Background(), goRunner, notifyEvery)
		}
	}
	s := newRecoveryScreen(win, opt.Recovery, opt.DBPath, goRunner, opened, a.Quit)
	win.SetContent(s.content())
	win.Resize(fyne.NewSize(760, 420))
	win.ShowAndRun()
}

// dailyBackupDelay lets the first screen read its data before the day's backup competes
// for the disk.
const dailyBackupDelay = 3 * time.Second

// startDailyBackup takes the day's backup off the UI goroutine once the window is up, unless
// one was taken today; only a failure is shown, with what to do.
func startDailyBackup(m *mainWindow) {
	if m.opt.ReadOnly {
		return
	}
	go func() {
		time.Sleep(dailyBackupDelay)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
		defer cancel()
		path, err := m.ledger.BackupDaily(ctx)
		if path != "" {
			fyne.Do(m.settings.backups.reload) // the 设置 lists it
		}
		if err != nil {
			fyne.Do(func() {
				dialog.ShowInformation("今日自动备份失败",
					"今天的自动备份没有完成："+err.Error()+"\n请在“设置”中检查备份目录（如U盘是否已插好），或点“立即备份”重试。", m.win)
			})
		}
	}()
}
