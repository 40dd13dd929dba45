package ui

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// TestSettingsBackups drives the backup list of the 设置: a backup on demand, an encrypted
// one (the passphrase typed twice), restoring each (a wrong passphrase changes nothing),
// another folder, and opening it.
func TestSettingsBackups(t *testing.T) {
	ctx := context.Background()
	l, path := apptest.Ledger(t, 60)
	win := test.NewTempWindow(t, nil)
	sc := newSettingsScreen(win, l, syncRun, Options{DBPath: path})
	win.SetContent(sc.content())
	win.Resize(fyne.NewSize(1000, 900))
	p := sc.backups
	if want := "备份目录：" + filepath.Join(filepath.Dir(path), "backups"); p.folder.Text != want {
		t.Errorf("folder %q, want %q", p.folder.Text, want)
	}
	confirm := func(what string) {
		t.Helper()
		top := win.Canvas().Overlays().Top()
		b := findButton(top, "确定") // a form dialog's; its password entries hold buttons too
		if b == nil {
			b = findImportantButton(top)
		}
		if b == nil {
			t.Fatalf("no dialog to confirm %s", what)
		}
		if b.Disabled() {
			t.Fatalf("%s: the dialog's button is disabled", what)
		}
		test.Tap(b)
	}
	rows := func() []string {
		var out []string
		for i := range p.list {
			var cells []string
			for c := range backupColumns {
				cells = append(cells, p.cell(i, c))
			}
			out = append(out, strings.Join(cells[1:], "|"))
		}
		return out
	}
	enterpriseCount := func() int {
		es, err := l.Store().Enterprises(ctx, app.EnterpriseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}

	test.Tap(p.backupNow)
	if len(p.list) != 1 || !strings.HasPrefix(p.status.Text, "已备份到 ") || !strings.HasSuffix(rows()[0], "|手动|手动|") {
		t.Fatalf("after 立即备份: %v, status %q", rows(), p.status.Text)
	}
	before := enterpriseCount()

	test.Tap(p.encrypted)
	test.Type(p.pass, "赣州稀土2026年")
	test.Type(p.again, "赣州稀土2025年")
	if b := findButton(win.Canvas().Overlays().Top(), "确定"); b == nil || !b.Disabled() {
		t.Error("mismatched passphrases can be confirmed")
	}
	p.again.SetText("")
	test.Type(p.again, "赣州稀土2026年")
	confirm("the encrypted backup")
	if len(p.list) != 2 || !strings.HasSuffix(rows()[0], "|手动|手动|加密") {
		t.Fatalf("after 加密备份: %v, status %q", rows(), p.status.Text)
	}

	e := &app.Enterprise{Name: "备份之后新建的企业有限公司"}
	if err := l.SaveEnterprise(ctx, e); err != nil {
		t.Fatal(err)
	}
	restored := 0
	p.restored = func() { restored++; sc.load() }

	p.table.Select(widget.TableCellID{Row: 0, Col: 0}) // the encrypted one
	test.Tap(p.restore)
	confirm("the restore")
	test.Type(p.pass, "赣州稀土2025年")
	confirm("the wrong passphrase")
	if !strings.Contains(p.status.Text, "恢复失败：密码不正确") || enterpriseCount() != before+1 || restored != 0 {
		t.Fatalf("wrong passphrase: status %q, %d enterprises (had %d)", p.status.Text, enterpriseCount(), before+1)
	}
	if len(p.list) != 2 {
		t.Errorf("a wrong passphrase left %d backups, want the 2 there were", len(p.list))
	}
	win.Canvas().Overlays().Top().Hide() // the 恢复失败 notice

	p.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(p.restore)
	confirm("the restore")
	test.Type(p.pass, "赣州稀土2026年")
	confirm("the passphrase")
	if !strings.HasPrefix(p.status.Text, "已从 ") || enterpriseCount() != before || restored != 1 {
		t.Fatalf("restore: status %q, %d enterprises, want %d", p.status.Text, enterpriseCount(), before)
	}
	if _, err := l.Store().Enterprise(ctx, e.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("the enterprise made after the backup is still there: %v", err)
	}
	if len(p.list) != 3 || !strings.Contains(strings.Join(rows(), "\n"), "|恢复前|操作前|") {
		t.Errorf("after the restore: %v", rows())
	}

	// The plain manual backup, the oldest row.
	p.table.Select(widget.TableCellID{Row: len(p.list) - 1, Col: 0})
	test.Tap(p.restore)
	confirm("the plain restore")
	if !strings.HasPrefix(p.status.Text, "已从 ") || restored != 2 {
		t.Errorf("plain restore: %q", p.status.Text)
	}

	usb := filepath.Join(t.TempDir(), "U盘")
	p.setDir(usb)
	if p.folder.Text != "备份目录："+usb || len(p.list) != 0 || !strings.Contains(p.status.Text, "已有的备份留在原处") {
		t.Errorf("another folder: %q, %d backups, status %q", p.folder.Text, len(p.list), p.status.Text)
	}
	var opened *url.URL
	p.openURL = func(u *url.URL) error { opened = u; return nil }
	test.Tap(p.open)
	if opened == nil || opened.Scheme != "file" || opened.Path != filepath.ToSlash(usb) {
		t.Errorf("opened %v", opened)
	}
	// Saving the form afterwards keeps the folder the panel chose.
	test.Tap(sc.save)
	if dir, _ := l.BackupDir(ctx); dir != usb {
		t.Errorf("saving the settings form changed the backup folder to %s", dir)
	}
}
