package store

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ganzhao/app"
)

// dumpFile dumps a database file through a read-only handle.
func dumpFile(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, true))
	must(t, err)
	defer db.Close()
	return dump(t, db)
}

func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, l := openLedger(t)
	must(t, l.SaveSettings(ctx, app.Settings{UserName: "张三", Unit: "赣州经开区招商局"}))
	e := saveEnterprise(t, l, newEnterprise("赣锋锂业股份有限公司", 9))
	p := createProject(t, l, app.Project{Name: "锂电池回收项目", InvestorID: e.ID, Methods: []string{"产业链招商"}})
	saveTask(t, l, app.Task{ProjectID: p.ID, Title: "对接环评"})

	backup := filepath.Join(dir, "backups", "manual.db")
	must(t, s.Backup(ctx, backup))
	must(t, CheckFile(ctx, backup))
	atBackup := dump(t, s.db)
	if got := dumpFile(t, backup); got != atBackup {
		t.Fatal("the backup differs from the database it was taken of")
	}
	if _, err := os.Stat(backup + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary file left beside the backup: %v", err)
	}

	// Change the data after the backup.
	must(t, l.SaveSettings(ctx, app.Settings{UserName: "李四"}))
	e.Name = "江西赣锋锂业集团股份有限公司"
	must(t, l.SaveEnterprise(ctx, &e))
	createProject(t, l, app.Project{Name: "备份后新建的项目"})
	must(t, l.Delete(ctx, app.KindProject, p.ID))
	changed := dump(t, s.db)

	refused := []struct {
		name string
		src  func(t *testing.T) string
		want error
	}{
		{"missing file", func(t *testing.T) string { return filepath.Join(dir, "nope.db") }, nil},
		{"random bytes", func(t *testing.T) string {
			b := make([]byte, 32*1024)
			r := rand.New(rand.NewPCG(3, 4))
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			path := filepath.Join(dir, "random.db")
			must(t, os.WriteFile(path, b, 0o600))
			return path
		}, ErrNotDatabase},
		{"text file", func(t *testing.T) string {
			path := filepath.Join(dir, "notes.txt")
			must(t, os.WriteFile(path, []byte(strings.Repeat("不是数据库\n", 1000)), 0o600))
			return path
		}, ErrNotDatabase},
		{"damaged backup", func(t *testing.T) string {
			big := filepath.Join(dir, "big.db")
			writeBigLedger(t, big)
			copyPath := filepath.Join(dir, "big-backup.db")
			bs := openAt(t, big)
			must(t, bs.Backup(ctx, copyPath))
			must(t, bs.Close())
			return damagedCopy(t, copyPath, func(b []byte) {
				r := rand.New(rand.NewPCG(5, 6))
				for i := range b {
					b[i] = byte(r.IntN(256))
				}
			})
		}, ErrDamaged},
		{"backup of a newer build", func(t *testing.T) string {
			path := filepath.Join(dir, "newer.db")
			must(t, s.Backup(ctx, path))
			db, err := sql.Open("sqlite", "file:"+path)
			must(t, err)
			defer db.Close()
			_, err = db.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', '')`, SchemaVersion()+1)
			must(t, err)
			return path
		}, ErrTooNew},
	}
	for _, tc := range refused {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			src := tc.src(t)
			_, err := l.RestoreFrom(ctx, src)
			if err == nil {
				t.Fatal("RestoreFrom succeeded")
			}
			if tc.want != nil && !errors.Is(err, tc.want) && !(tc.want == ErrDamaged && errors.Is(err, ErrNotDatabase)) {
				t.Errorf("RestoreFrom error = %v, want %v", err, tc.want)
			}
			if dump(t, s.db) != changed {
				t.Error("a refused restore changed the database")
			}
			if l.User() != "李四" {
				t.Errorf("User() = %q after a refused restore", l.User())
			}
		})
	}

	t.Run("restores the backup", func(t *testing.T) {
		safety, err := l.RestoreFrom(ctx, backup)
		must(t, err)
		if got := dump(t, s.db); got != atBackup {
			t.Errorf("after RestoreFrom the database is not the backup:\n--- backup\n%.2000s\n--- now\n%.2000s", atBackup, got)
		}
		must(t, CheckFile(ctx, safety))
		if got := dumpFile(t, safety); got != changed {
			t.Error("the safety backup does not hold the state before the restore")
		}
		if !strings.Contains(filepath.Base(safety), "恢复前") {
			t.Errorf("safety backup name %s", safety)
		}
		if l.User() != "张三" {
			t.Errorf("User() = %q, want the restored settings' 张三", l.User())
		}
		// Every pooled connection sees the restored data.
		conns := make([]*sql.Conn, maxOpenConns)
		for i := range conns {
			c, err := s.db.Conn(ctx)
			must(t, err)
			defer c.Close()
			conns[i] = c
		}
		for i, c := range conns {
			var n int
			must(t, c.QueryRowContext(ctx, `SELECT COUNT(*) FROM projects WHERE deleted_at IS NULL`).Scan(&n))
			if n != 1 {
				t.Errorf("connection %d sees %d live projects, want 1", i, n)
			}
		}
		for _, c := range conns {
			c.Close()
		}
		got, err := s.Enterprise(ctx, e.ID)
		must(t, err)
		if got.Name != "赣锋锂业股份有限公司" {
			t.Errorf("enterprise name %q after restore", got.Name)
		}
		// The ledger goes on working on the restored data.
		got.Owner = "王五"
		must(t, l.SaveEnterprise(ctx, &got))
		createProject(t, l, app.Project{Name: "恢复后新建的项目"})
		problems, err := s.Check(ctx)
		must(t, err)
		if len(problems) != 0 {
			t.Errorf("Check after restore: %v", problems)
		}
	})
}

func TestCheck(t *testing.T) {
	ctx := context.Background()
	f := newRecycleFixture(t)
	problems, err := f.s.Check(ctx)
	must(t, err)
	if len(problems) != 0 {
		t.Errorf("Check on a sound ledger: %v", problems)
	}
	// A dangling link written with foreign keys off is reported.
	conn, err := f.s.db.Conn(ctx)
	must(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`)
	must(t, err)
	_, err = conn.ExecContext(ctx, `INSERT INTO tasks (id, project_id, title, created_at, updated_at) VALUES (?, ?, '孤立任务', '', '')`, app.NewID(), app.NewID())
	must(t, err)
	_, err = conn.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
	must(t, err)
	conn.Close()
	problems, err = f.s.Check(ctx)
	must(t, err)
	if len(problems) != 1 || !strings.Contains(problems[0], "tasks") {
		t.Errorf("Check with a dangling task: %v", problems)
	}
}
