package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// Recovery is what the window offers when the database could not be opened: main fills it
// in from the store's refusal.
type Recovery struct {
	// Problem is why the file was refused; Kind says which refusal it was.
	Problem error
	Kind    RecoveryKind
	// Backup is the newest backup that passed the full check, when HasBackup.
	Backup    app.BackupInfo
	HasBackup bool
	// Restore moves the damaged file aside, puts the backup in its place and opens it; it
	// returns the ledger and where the damaged file went. Nil when there is no good backup.
	Restore func(ctx context.Context) (*app.Ledger, string, error)
	// ReadOnly opens the damaged file without writing to it. Nil when it cannot be read.
	ReadOnly func(ctx context.Context) (*app.Ledger, error)
}

// RecoveryKind is the kind of refusal.
type RecoveryKind int

// The refusals the window explains.
const (
	RecoverDamaged     RecoveryKind = iota // failed PRAGMA quick_check
	RecoverNotDatabase                     // not a 赣招 database (or its header is gone)
	RecoverTooNew                          // written by a newer 赣招: never migrated downward
)

// recoveryScreen explains in Chinese what happened and offers the ways out.
type recoveryScreen struct {
	win      fyne.Window
	rec      *Recovery
	run      runner
	opened   func(l *app.Ledger, readOnly bool, message string)
	quit     func()
	explain  *widget.Label
	backup   *widget.Label
	status   *widget.Label
	restore  *widget.Button
	readOnly *widget.Button
	exit     *widget.Button
}

func newRecoveryScreen(win fyne.Window, rec *Recovery, dbPath string, run runner,
	opened func(l *app.Ledger, readOnly bool, message string), quit func()) *recoveryScreen {
	s := &recoveryScreen{win: win, rec: rec, run: run, opened: opened, quit: quit}
	s.explain = widget.NewLabel(recoveryText(rec.Kind, dbPath))
	s.explain.Wrapping = fyne.TextWrapWord
	switch {
	case rec.Kind == RecoverTooNew:
		s.backup = widget.NewLabel("")
	case rec.HasBackup:
		b := rec.Backup
		s.backup = widget.NewLabel(fmt.Sprintf("最新的完好备份：%s（%s，%s）\n%s",
			b.At.Format("2006-01-02 15:04"), b.Reason, sizeText(b.Size), b.Path))
	default:
		s.backup = widget.NewLabel("在备份目录中没有找到通过检查的备份（加密备份需在恢复后于“设置”中输入密码恢复）。")
	}
	s.backup.Wrapping = fyne.TextWrapWord
	s.status = widget.NewLabel("详细信息：" + rec.Problem.Error())
	s.status.Wrapping = fyne.TextWrapWord
	s.restore = widget.NewButton("从最新的完好备份恢复", s.onRestore)
	s.restore.Importance = widget.HighImportance
	s.readOnly = widget.NewButton("以只读方式打开", s.onReadOnly)
	s.exit = widget.NewButton("退出", quit)
	if rec.Restore == nil {
		s.restore.Hide()
	}
	if rec.ReadOnly == nil {
		s.readOnly.Hide()
	}
	return s
}

// recoveryText explains a refusal to the user.
func recoveryText(kind RecoveryKind, dbPath string) string {
	switch kind {
	case RecoverTooNew:
		return fmt.Sprintf("数据库文件 %s 是由更新版本的赣招创建的，本版本（%s）不能打开它：向旧版本降级会破坏数据，所以赣招没有改动这个文件。\n请安装最新版本的赣招后再打开。", dbPath, app.Version)
	case RecoverNotDatabase:
		return fmt.Sprintf("文件 %s 不是赣招数据库，或者它的文件头已损坏（可能被其他程序覆盖，或拷贝时中断）。赣招没有向它写入任何内容。\n可以用最新的完好备份替换它：原文件会改名保存在同一目录中，不会删除。", dbPath)
	}
	return fmt.Sprintf("数据库文件 %s 已损坏：完整性检查没有通过，可能是断电、磁盘故障或U盘中途拔出造成的。为免损坏扩大，赣招没有向它写入任何内容。\n"+
		"可以用最新的完好备份替换它（损坏的文件会改名保存在同一目录中，不会删除；备份之后的修改需要重新录入），"+
		"或者以只读方式打开，查看和导出还能读出的数据。", dbPath)
}

// sizeText writes a file size for people: 1.2 MB, 356 KB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

func (s *recoveryScreen) content() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("数据库文件无法打开", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	icon := widget.NewIcon(theme.WarningIcon())
	if s.rec.Kind == RecoverTooNew {
		title.SetText("数据库由更新版本的赣招创建")
	}
	bar := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	bar.SetMinSize(fyne.NewSize(6, 6))
	return container.NewBorder(nil, nil, bar, nil, container.NewPadded(container.NewVBox(
		container.NewHBox(icon, title), s.explain, s.backup,
		container.NewHBox(s.restore, s.readOnly, s.exit), s.status)))
}

// busy disables the choices while one runs.
func (s *recoveryScreen) busy(text string) {
	s.status.SetText(text)
	s.restore.Disable()
	s.readOnly.Disable()
	s.exit.Disable()
}

func (s *recoveryScreen) idle(text string) {
	s.status.SetText(text)
	s.restore.Enable()
	s.readOnly.Enable()
	s.exit.Enable()
}

func (s *recoveryScreen) onRestore() {
	b := s.rec.Backup
	msg := fmt.Sprintf("用 %s 的备份（%s）替换损坏的数据库？\n损坏的文件会改名保存在原目录中；该备份之后的修改将需要重新录入。",
		b.At.Format("2006-01-02 15:04"), b.Reason)
	dialog.ShowConfirm("从备份恢复", msg, func(ok bool) {
		if !ok {
			return
		}
		s.busy("正在检查备份并恢复……")
		s.run(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
			defer cancel()
			l, aside, err := s.rec.Restore(ctx)
			fyne.Do(func() {
				if err != nil {
					s.idle("恢复失败：" + err.Error())
					return
				}
				s.opened(l, false, fmt.Sprintf("已从 %s 的备份恢复。\n损坏的文件保存为 %s。", b.At.Format("2006-01-02 15:04"), filepath.Base(aside)))
			})
		})
	}, s.win)
}

func (s *recoveryScreen) onReadOnly() {
	s.busy("正在以只读方式打开……")
	s.run(func() {
		l, err := s.rec.ReadOnly(context.Background())
		fyne.Do(func() {
			if err != nil {
				s.idle("无法以只读方式打开：" + err.Error())
				return
			}
			s.opened(l, true, "")
		})
	})
}

// readOnlyBanner is the strip above a window opened read-only.
func readOnlyBanner() fyne.CanvasObject {
	text := widget.NewLabelWithStyle("只读：数据库文件已损坏，正以只读方式打开，不能保存任何修改。请重新启动赣招并选择“从最新的完好备份恢复”。",
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	return container.NewStack(bg, container.NewPadded(text))
}
