package ui

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/crypt"
)

// backupPanel is the 备份 part of the 设置: the backups in the backup folder (date, size,
// reason, kind, 加密), a backup on demand (plain or with a passphrase), restoring any of them
// after backing up the current state, and choosing and opening the folder.
type backupPanel struct {
	win    fyne.Window
	ledger *app.Ledger
	run    runner
	// restored runs on the UI goroutine after a restore, so the screen re-reads its form.
	restored func()
	// openURL opens the folder in the system's file manager (the app's OpenURL).
	openURL func(u *url.URL) error

	dir      string
	list     []app.BackupInfo
	selected int

	folder    *widget.Label
	table     *widget.Table
	backupNow *widget.Button
	encrypted *widget.Button
	restore   *widget.Button
	choose    *widget.Button
	open      *widget.Button
	progress  *widget.ProgressBarInfinite
	status    *widget.Label
	// pass and again are the passphrase entries of the dialog shown last.
	pass, again *widget.Entry
}

var backupColumns = []struct {
	title string
	width float32
}{{"时间", 150}, {"大小", 80}, {"原因", 110}, {"保留为", 70}, {"加密", 50}}

func newBackupPanel(win fyne.Window, l *app.Ledger, run runner, restored func()) *backupPanel {
	p := &backupPanel{win: win, ledger: l, run: run, restored: restored, selected: -1,
		openURL: func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }}
	p.folder = widget.NewLabel("备份目录：")
	p.folder.Wrapping = fyne.TextWrapWord
	p.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(p.list), len(backupColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("2026-11-27 10:00:00") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.cell(id.Row, id.Col)) })
	p.table.ShowHeaderColumn = false
	p.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	p.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(backupColumns[id.Col].title)
		}
	}
	for i, c := range backupColumns {
		p.table.SetColumnWidth(i, c.width)
	}
	p.table.OnSelected = func(id widget.TableCellID) {
		p.selected = id.Row
		p.restore.Enable()
	}
	p.backupNow = widget.NewButton("立即备份", func() { p.onBackup("") })
	p.encrypted = widget.NewButton("加密备份…", p.onEncryptedBackup)
	p.restore = widget.NewButton("恢复所选备份…", p.onRestore)
	p.restore.Disable()
	p.choose = widget.NewButton("更改备份目录…", p.onChoose)
	p.open = widget.NewButton("打开备份目录", p.onOpen)
	p.progress = widget.NewProgressBarInfinite()
	p.progress.Stop()
	p.progress.Hide()
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	return p
}

// cell is the text of one cell of the table.
func (p *backupPanel) cell(row, col int) string {
	if row >= len(p.list) {
		return ""
	}
	b := p.list[row]
	switch col {
	case 0:
		return b.At.Format("2006-01-02 15:04:05")
	case 1:
		return sizeText(b.Size)
	case 2:
		return b.Reason
	case 3:
		return string(b.Kind)
	case 4:
		if b.Encrypted {
			return "加密"
		}
	}
	return ""
}

func (p *backupPanel) content() fyne.CanvasObject {
	p.reload()
	tableBox := container.NewGridWrap(fyne.NewSize(500, 240), p.table)
	return container.NewVBox(
		p.folder,
		container.NewHBox(p.choose, p.open),
		tableBox,
		container.NewHBox(p.backupNow, p.encrypted, p.restore),
		p.progress, p.status,
	)
}

// reload reads the folder and its backups off the UI goroutine.
func (p *backupPanel) reload() {
	p.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		dir, err := p.ledger.BackupDir(ctx)
		var list []app.BackupInfo
		if err == nil {
			list, err = p.ledger.Backups(ctx)
		}
		fyne.Do(func() {
			p.dir = dir
			p.folder.SetText("备份目录：" + dir)
			if err != nil {
				p.status.SetText("读取备份列表失败：" + err.Error())
			}
			p.list = list
			p.selected = -1
			p.table.UnselectAll()
			p.restore.Disable()
			p.table.Refresh()
		})
	})
}

// busy shows the progress and disables the buttons while work runs.
func (p *backupPanel) busy(text string) {
	p.status.SetText(text)
	p.progress.Show()
	p.progress.Start()
	for _, b := range []*widget.Button{p.backupNow, p.encrypted, p.restore, p.choose} {
		b.Disable()
	}
}

func (p *backupPanel) idle(text string) {
	p.progress.Stop()
	p.progress.Hide()
	p.status.SetText(text)
	for _, b := range []*widget.Button{p.backupNow, p.encrypted, p.choose} {
		b.Enable()
	}
	if p.selected >= 0 {
		p.restore.Enable()
	}
}

// onBackup takes a manual backup, with a passphrase when pass is not empty.
func (p *backupPanel) onBackup(pass string) {
	p.busy("正在备份……")
	p.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
		defer cancel()
		var dest string
		var err error
		if pass == "" {
			dest, err = p.ledger.BackupBefore(ctx, app.ReasonManual)
		} else {
			dest, err = p.ledger.BackupEncrypted(ctx, app.ReasonManual, pass)
		}
		fyne.Do(func() {
			if err != nil {
				p.idle("备份失败：" + err.Error())
				return
			}
			p.idle("已备份到 " + dest)
			p.reload()
		})
	})
}

// onEncryptedBackup asks for a new passphrase twice, then backs up with it.
func (p *backupPanel) onEncryptedBackup() {
	p.askPassphrase("加密备份", "设置备份密码（至少 8 个字符）。没有密码就无法恢复这个备份，请妥善保管。", true, p.onBackup)
}

// askPassphrase shows a dialog with a passphrase entry (two for a new passphrase) and calls
// then with what was typed once it is acceptable.
func (p *backupPanel) askPassphrase(title, hint string, isNew bool, then func(pass string)) {
	p.pass, p.again = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	items := []*widget.FormItem{widget.NewFormItem("密码", p.pass)}
	if isNew {
		items = append(items, widget.NewFormItem("再输一次", p.again))
		p.again.Validator = func(string) error { return crypt.CheckNew(p.pass.Text, p.again.Text) }
	}
	items = append(items, widget.NewFormItem("", widget.NewLabel(hint)))
	d := dialog.NewForm(title, "确定", "取消", items, func(ok bool) {
		if ok {
			then(p.pass.Text)
		}
	}, p.win)
	d.Resize(fyne.NewSize(460, 240))
	d.Show()
}

// onRestore asks before replacing the data with the selected backup (after a backup of the
// current state), and for the passphrase of an encrypted one.
func (p *backupPanel) onRestore() {
	if p.selected < 0 || p.selected >= len(p.list) {
		return
	}
	b := p.list[p.selected]
	msg := fmt.Sprintf("用 %s 的备份（%s）替换当前的全部数据？\n当前数据会先备份（%s），恢复之后也能再恢复回来。",
		b.At.Format("2006-01-02 15:04"), b.Reason, app.ReasonRestore)
	dialog.ShowConfirm("从备份恢复", msg, func(ok bool) {
		switch {
		case !ok:
		case b.Encrypted:
			p.askPassphrase("加密备份的密码", "输入做这个备份时设置的密码。", false, func(pass string) { p.restoreFrom(b, pass) })
		default:
			p.restoreFrom(b, "")
		}
	}, p.win)
}

func (p *backupPanel) restoreFrom(b app.BackupInfo, pass string) {
	p.busy("正在恢复……")
	p.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
		defer cancel()
		var safety string
		var err error
		if b.Encrypted {
			safety, err = p.ledger.RestoreEncrypted(ctx, b.Path, pass)
		} else {
			safety, err = p.ledger.RestoreFrom(ctx, b.Path)
		}
		fyne.Do(func() {
			if err != nil {
				p.idle("恢复失败：" + err.Error())
				dialog.ShowInformation("恢复失败", err.Error(), p.win)
				return
			}
			p.idle(fmt.Sprintf("已从 %s 的备份恢复；恢复前的数据已备份到 %s", b.At.Format("2006-01-02 15:04"), filepath.Base(safety)))
			p.reload()
			if p.restored != nil {
				p.restored()
			}
		})
	})
}

// onChoose lets the user pick another backup folder (a USB drive, say).
func (p *backupPanel) onChoose() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			p.status.SetText("选择目录失败：" + err.Error())
			return
		}
		if u != nil {
			p.setDir(u.Path())
		}
	}, p.win)
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// setDir makes dir the backup folder off the UI goroutine.
func (p *backupPanel) setDir(dir string) {
	p.busy("正在检查目录……")
	p.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := p.ledger.SetBackupDir(ctx, dir)
		fyne.Do(func() {
			if err != nil {
				p.idle(err.Error())
				return
			}
			p.idle("备份目录已改为 " + dir + "；已有的备份留在原处")
			p.reload()
		})
	})
}

// onOpen shows the backup folder in the system's file manager.
func (p *backupPanel) onOpen() {
	if p.dir == "" {
		return
	}
	if err := p.openURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(p.dir)}); err != nil {
		p.status.SetText("无法打开目录 " + p.dir + "：" + err.Error())
	}
}
