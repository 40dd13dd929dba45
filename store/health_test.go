package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"ganzhao/app"
)

// minuteClock moves on a minute at each reading, so backups taken one after another sort as
// they were taken.
func minuteClock() func() time.Time {
	var mu sync.Mutex
	t := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.Local)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Minute)
		return t
	}
}

// overwriteMiddlePages writes garbage over every third page of the middle fifth of a file.
func overwriteMiddlePages(t *testing.T, path string) {
	t.Helper()
	b := readBytes(t, path)
	const pageSize = 4096
	pages := len(b) / pageSize
	if pages < 20 {
		t.Fatalf("%s has %d pages: too small to damage in the middle", path, pages)
	}
	for p := pages * 2 / 5; p < pages*3/5; p += 3 {
		for i := p * pageSize; i < (p+1)*pageSize; i++ {
			b[i] = byte(i*7 + p)
		}
	}
	must(t, os.WriteFile(path, b, 0o600))
}

// TestRestoreAfterDamage damages pages of a copy of a real ledger: Open refuses it and
// writes nothing, the read-only mode reads it and refuses every write, and the newest backup
// that passes the check (not the newer damaged one) takes its place, the damaged file moved
// aside: the ledger is then the backup's.
func TestRestoreAfterDamage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	original := filepath.Join(dir, "original.db")
	writeBigLedger(t, original)
	path := filepath.Join(dir, "work", "ganzhao.db")
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	must(t, os.WriteFile(path, readBytes(t, original), 0o600))

	clock := minuteClock()
	s := openAt(t, path)
	l, err := app.NewLedger(ctx, s, clock)
	must(t, err)
	_, err = l.BackupBefore(ctx, "导入前")
	must(t, err)
	saveEnterprise(t, l, newEnterprise("第二次备份前新建的企业", 77))
	good, err := l.BackupBefore(ctx, app.ReasonManual)
	must(t, err)
	want := dumpFile(t, good)
	saveEnterprise(t, l, newEnterprise("损坏前最后新建的企业", 78))
	newest, err := l.BackupBefore(ctx, app.ReasonManual)
	must(t, err)
	must(t, s.Close())
	overwriteMiddlePages(t, newest) // the newest backup is damaged too: it must be passed over
	overwriteMiddlePages(t, path)
	damaged := readBytes(t, path)

	if _, err := Open(ctx, path); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open of the damaged copy: %v, want ErrDamaged", err)
	}
	if !bytes.Equal(readBytes(t, path), damaged) {
		t.Fatal("Open wrote to the damaged file")
	}

	t.Run("read-only", func(t *testing.T) {
		ro, err := OpenReadOnly(ctx, path)
		must(t, err)
		defer ro.Close()
		if _, err := ro.Settings(ctx); err != nil {
			t.Errorf("settings of the damaged file: %v", err)
		}
		rl, err := app.NewLedger(ctx, ro, clock)
		must(t, err)
		e := app.Enterprise{Name: "只读时新建的企业"}
		err = rl.SaveEnterprise(ctx, &e)
		if !errors.Is(err, app.ErrReadOnly) || !strings.Contains(err.Error(), "只读") {
			t.Errorf("a write to the read-only store: %v", err)
		}
		if e.ID != "" {
			t.Error("the failed save kept an ID")
		}
		if err := rl.SaveSettings(ctx, app.Settings{UserName: "王五"}); !errors.Is(err, app.ErrReadOnly) {
			t.Errorf("settings saved read-only: %v", err)
		}
		if err := ro.RestoreFrom(ctx, good); !errors.Is(err, app.ErrReadOnly) {
			t.Errorf("restore into the read-only store: %v", err)
		}
		must(t, ro.Close())
		if !bytes.Equal(readBytes(t, path), damaged) {
			t.Error("the read-only store wrote to the damaged file")
		}
	})

	b, ok := app.NewestGoodBackup(ctx, []string{filepath.Dir(good), filepath.Dir(good) + string(filepath.Separator)}, CheckFile)
	if !ok || b.Path != good {
		t.Fatalf("newest good backup %q (%v), want %s", b.Path, ok, good)
	}
	// A stale -wal of the damaged file must not be replayed onto the restored one.
	must(t, os.WriteFile(path+"-wal", []byte("stale wal"), 0o600))
	aside, err := app.ReplaceDamaged(ctx, path, b.Path, CheckFile, clock)
	must(t, err)
	if !bytes.Equal(readBytes(t, aside), damaged) || !strings.Contains(filepath.Base(aside), "ganzhao.db.damaged-") {
		t.Errorf("the damaged file was not kept aside as %s", aside)
	}
	if _, err := os.Stat(aside + "-wal"); err != nil {
		t.Errorf("the damaged file's -wal was not moved aside: %v", err)
	}
	restored := openAt(t, path)
	if got := dump(t, restored.db); got != want {
		t.Errorf("after recovery the ledger is not the backup:\n%.1500s\n---\n%.1500s", got, want)
	}
	if problems, err := restored.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check after recovery: %v %v", problems, err)
	}

	t.Run("a damaged backup is refused", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "ganzhao.db")
		must(t, os.WriteFile(other, damaged, 0o600))
		if _, err := app.ReplaceDamaged(ctx, other, newest, CheckFile, clock); err == nil {
			t.Fatal("replaced from a damaged backup")
		}
		if !bytes.Equal(readBytes(t, other), damaged) {
			t.Error("a refused replacement moved the damaged file")
		}
	})
}

// TestBackupBeforeMigration opens a ledger written at an older schema: the hook runs once,
// before any migration, and sees the old file; a new file and an up-to-date one do not run it.
func TestBackupBeforeMigration(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ms, err := migrations()
	must(t, err)
	if len(ms) < 2 {
		t.Skip("one migration only")
	}
	old := filepath.Join(dir, "old.db")
	{
		db, err := sql.Open("sqlite", dsn(old, false))
		must(t, err)
		_, err = db.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
		must(t, err)
		_, err = db.ExecContext(ctx, ms[0].sql)
		must(t, err)
		_, err = db.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01T00:00:00.000000Z')`, ms[0].version, ms[0].name)
		must(t, err)
		_, err = db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('settings', '{"user_name":"老版本用户"}')`)
		must(t, err)
		must(t, db.Close())
	}
	tests := []struct {
		name  string
		path  string
		calls int
	}{
		{"older schema", old, 1},
		{"up to date", old, 0}, // the same file, now migrated
		{"new file", filepath.Join(dir, "new.db"), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			backup := filepath.Join(t.TempDir(), "before.db")
			s, err := OpenWith(ctx, tc.path, OpenOptions{BeforeMigrate: func(ctx context.Context, s *Store) error {
				calls++
				return s.Backup(ctx, backup)
			}})
			must(t, err)
			defer s.Close()
			if calls != tc.calls {
				t.Fatalf("hook ran %d times, want %d", calls, tc.calls)
			}
			var v int
			must(t, s.db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v))
			if v != SchemaVersion() {
				t.Errorf("version %d after open, want %d", v, SchemaVersion())
			}
			if tc.calls == 0 {
				return
			}
			b, err := sql.Open("sqlite", dsn(backup, true))
			must(t, err)
			defer b.Close()
			var n int
			must(t, b.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n))
			if n != 1 {
				t.Errorf("the backup holds %d migrations, want the old file's 1", n)
			}
		})
	}

	t.Run("a failed backup stops the open", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "old.db")
		must(t, os.WriteFile(path, readBytes(t, old), 0o600))
		db, err := sql.Open("sqlite", dsn(path, false))
		must(t, err)
		_, err = db.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = ?`, ms[len(ms)-1].version)
		must(t, err)
		must(t, db.Close())
		_, err = OpenWith(ctx, path, OpenOptions{BeforeMigrate: func(context.Context, *Store) error { return errors.New("U盘已拔出") }})
		if err == nil || !strings.Contains(err.Error(), "升级前备份失败") {
			t.Fatalf("open: %v", err)
		}
	})
}
