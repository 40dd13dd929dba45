package app_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"ganzhao/app"
	"ganzhao/app/apptest"
	"ganzhao/app/crypt"
)

// TestBackupFolder takes daily backups over twelve simulated days through the ledger, with
// two imports, and checks the folder: pruned by the policy, every backup sound, the files the
// app did not write untouched; then moves the folder.
func TestBackupFolder(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, time.November, 4, 9, 0, 0, 0, time.Local)
	l, _ := apptest.LedgerWithClock(t, 0, func() time.Time { return now })
	dir, err := l.BackupDir(ctx)
	must(t, err)
	if dir != l.DefaultBackupDir() {
		t.Fatalf("backup folder %s, want the default %s", dir, l.DefaultBackupDir())
	}
	must(t, os.MkdirAll(dir, 0o700))
	foreign := []string{"notes.txt", "ganzhao-20200101-000000-每日.db.tmp", "ganzhao.db", "ganzhao-2020-每日.db"}
	for _, f := range foreign {
		must(t, os.WriteFile(filepath.Join(dir, f), []byte("不是我们的备份"), 0o600))
	}

	for day := range 12 {
		now = time.Date(2026, time.November, 4+day, 9, 0, 0, 0, time.Local)
		path, err := l.BackupDaily(ctx)
		must(t, err)
		if path == "" || !strings.HasSuffix(path, "-每日.db") {
			t.Fatalf("day %d: daily backup %q", day, path)
		}
		now = now.Add(time.Hour)
		if again, err := l.BackupDaily(ctx); err != nil || again != "" {
			t.Fatalf("day %d: a second start took another daily backup %q (%v)", day, again, err)
		}
		if day == 2 || day == 9 {
			now = now.Add(5 * time.Hour)
			_, err := l.BackupBefore(ctx, "导入前")
			must(t, err)
		}
	}

	list, err := l.Backups(ctx)
	must(t, err)
	var got []string
	for _, b := range list {
		got = append(got, b.At.Format("01-02 15")+" "+b.Reason+" "+string(b.Kind))
		if b.Size < 4096 || b.Encrypted || filepath.Dir(b.Path) != dir {
			t.Errorf("%s: size %d, encrypted %v", b.Path, b.Size, b.Encrypted)
		}
		must(t, l.Store().CheckBackup(ctx, b.Path))
		fi, err := os.Stat(b.Path)
		must(t, err)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", b.Path, fi.Mode().Perm())
		}
	}
	// 4 Nov is a Wednesday: the 7 days 9–15 Nov, Sunday 8 Nov for ISO week 45, both imports.
	want := []string{"11-15 09 每日 每日", "11-14 09 每日 每日", "11-13 15 导入前 操作前", "11-13 09 每日 每日",
		"11-12 09 每日 每日", "11-11 09 每日 每日", "11-10 09 每日 每日", "11-09 09 每日 每日", "11-08 09 每日 每周",
		"11-06 15 导入前 操作前"}
	if !slices.Equal(got, want) {
		t.Errorf("backups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	entries, err := os.ReadDir(dir)
	must(t, err)
	if len(entries) != len(want)+len(foreign) {
		t.Errorf("%d files in the folder, want %d backups and %d others", len(entries), len(want), len(foreign))
	}
	for _, f := range foreign {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("a file the app did not write was touched: %v", err)
		}
	}

	t.Run("another folder", func(t *testing.T) {
		usb := filepath.Join(t.TempDir(), "U盘", "赣招备份")
		must(t, l.SetBackupDir(ctx, usb))
		now = now.Add(time.Minute)
		path, err := l.BackupBefore(ctx, app.ReasonManual)
		must(t, err)
		if filepath.Dir(path) != usb {
			t.Errorf("backup written to %s, want the folder %s", path, usb)
		}
		// A second backup in the same second gets its own name.
		again, err := l.BackupBefore(ctx, app.ReasonManual)
		must(t, err)
		if again == path || !strings.HasSuffix(again, "-手动(2).db") {
			t.Errorf("second backup of the second: %s", again)
		}
		moved, err := l.Backups(ctx)
		must(t, err)
		if len(moved) != 2 || moved[0].Kind != app.BackupManual {
			t.Errorf("backups in the new folder: %+v", moved)
		}
		if old, _ := app.ListBackups(dir); len(old) != len(want) {
			t.Errorf("the old folder holds %d backups after the move, want %d", len(old), len(want))
		}

		file := filepath.Join(t.TempDir(), "a-file")
		must(t, os.WriteFile(file, nil, 0o600))
		err = l.SetBackupDir(ctx, filepath.Join(file, "backups"))
		if err == nil || !strings.Contains(err.Error(), "备份目录") {
			t.Errorf("a folder inside a file: %v", err)
		}
		if d, _ := l.BackupDir(ctx); d != usb {
			t.Errorf("a refused folder changed the setting to %s", d)
		}
		must(t, l.SetBackupDir(ctx, ""))
		if d, _ := l.BackupDir(ctx); d != dir {
			t.Errorf("back to the default: %s", d)
		}
	})
}

// ledgerDigest describes a ledger's projects, enterprises and people, to compare two.
func ledgerDigest(t *testing.T, l *app.Ledger) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	ps, err := l.Store().Projects(ctx, app.ProjectFilter{})
	must(t, err)
	for _, p := range ps {
		fmt.Fprintf(&b, "P %s %s %s %s\n", p.ID, p.Name, p.Stage, p.UpdatedAt.Format(time.RFC3339Nano))
	}
	es, err := l.Store().Enterprises(ctx, app.EnterpriseFilter{})
	must(t, err)
	for _, e := range es {
		fmt.Fprintf(&b, "E %s %s %s\n", e.ID, e.Name, e.CreditCode)
	}
	people, err := l.Store().People(ctx, app.PersonFilter{})
	must(t, err)
	for _, p := range people {
		fmt.Fprintf(&b, "H %s %s %v\n", p.ID, p.Name, p.Phones)
	}
	return b.String()
}

// TestEncryptedBackupOnAnotherMachine takes a passphrase-protected backup, carries the file to
// a fresh ledger elsewhere ("another machine") and restores it there: refused without a
// passphrase and with a wrong one (nothing changes), equal to the original with the right one.
func TestEncryptedBackupOnAnotherMachine(t *testing.T) {
	ctx := context.Background()
	office, _ := apptest.Ledger(t, 60)
	const pass = "赣州-稀土-2026"
	path, err := office.BackupEncrypted(ctx, app.ReasonManual, pass)
	must(t, err)
	if !strings.HasSuffix(path, "-手动.db.age") || !crypt.IsEncrypted(path) {
		t.Fatalf("encrypted backup %s", path)
	}
	raw, err := os.ReadFile(path)
	must(t, err)
	es, err := office.Store().Enterprises(ctx, app.EnterpriseFilter{Limit: 1})
	must(t, err)
	if len(es) == 0 || bytes.Contains(raw, []byte(es[0].Name)) || bytes.Contains(raw, []byte("SQLite format 3")) {
		t.Fatal("the encrypted backup holds plain text")
	}
	list, err := office.Backups(ctx)
	must(t, err)
	if len(list) != 1 || !list[0].Encrypted || list[0].Kind != app.BackupManual {
		t.Errorf("catalog: %+v", list)
	}
	want := ledgerDigest(t, office)

	laptop, _ := apptest.Ledger(t, 0)
	carried := filepath.Join(t.TempDir(), "从U盘拷来.db.age")
	must(t, os.WriteFile(carried, raw, 0o600))
	empty := ledgerDigest(t, laptop)

	refused := []struct {
		name    string
		restore func() (string, error)
		want    error
		message string
	}{
		{"no passphrase", func() (string, error) { return laptop.RestoreFrom(ctx, carried) }, app.ErrNeedsPassphrase, "需要输入密码"},
		{"wrong passphrase", func() (string, error) { return laptop.RestoreEncrypted(ctx, carried, "赣州-稀土-2025") }, crypt.ErrWrongPassphrase, "密码不正确"},
		{"empty passphrase", func() (string, error) { return laptop.RestoreEncrypted(ctx, carried, "") }, crypt.ErrWrongPassphrase, "密码不正确"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.restore()
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.message) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if ledgerDigest(t, laptop) != empty {
				t.Error("a refused restore changed the ledger")
			}
			if b, _ := laptop.Backups(ctx); len(b) != 0 {
				t.Errorf("a refused restore took a backup: %v", b)
			}
		})
	}

	safety, err := laptop.RestoreEncrypted(ctx, carried, pass)
	must(t, err)
	if got := ledgerDigest(t, laptop); got != want {
		t.Errorf("restored ledger differs from the original:\n%.1500s\n---\n%.1500s", got, want)
	}
	if !strings.Contains(safety, app.ReasonRestore) {
		t.Errorf("safety backup %s", safety)
	}
	if problems, err := laptop.Store().Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check after restore: %v %v", problems, err)
	}
}
