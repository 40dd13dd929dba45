package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"
)

// Backup writes a consistent copy of the database to dest with VACUUM INTO: first to a
// temporary name beside dest, then checked with PRAGMA integrity_check, then renamed, so
// that dest is either the old file or a whole, sound backup.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if dir := filepath.Dir(dest); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("创建备份目录 %s：%w", dir, err)
		}
	}
	tmp := dest + ".tmp"
	os.Remove(tmp)
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("备份到 %s 失败：%w", dest, err)
	}
	if err := CheckFile(ctx, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("备份文件检查未通过：%w", err)
	}
	// A backup holds people's phone numbers and may go to a shared drive: owner only.
	if err := os.Chmod(tmp, 0o600); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("备份到 %s 失败：%w", dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("备份到 %s 失败：%w", dest, err)
	}
	return nil
}

// CheckFile opens a database file read-only and checks that it is a sound 赣招 database this
// build can read: it passes PRAGMA integrity_check and its schema is not newer than ours.
func CheckFile(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("找不到文件 %s：%w", path, err)
	}
	return checkFile(ctx, path, "integrity_check", true)
}

// checkFile opens path read-only, so that nothing is written to it, runs pragma (quick_check
// or integrity_check) and reads its schema version. A database with no tables at all passes
// unless a ledger is required; a database of another program does not.
func checkFile(ctx context.Context, path, pragma string, requireLedger bool) error {
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return err
	}
	defer db.Close()
	ro := &Store{db: db, path: path}
	problems, err := ro.check(ctx, pragma)
	if err != nil {
		if isNotADB(err) {
			return fmt.Errorf("%w：%s", ErrNotDatabase, path)
		}
		if isCorrupt(err) {
			return fmt.Errorf("%w（%s）：%w", ErrDamaged, path, err)
		}
		return fmt.Errorf("检查 %s：%w", path, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w（%s）：%s", ErrDamaged, path, strings.Join(problems, "；"))
	}
	var tables, ledger int
	err = db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(name = 'schema_migrations'), 0) FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).Scan(&tables, &ledger)
	if err != nil {
		return fmt.Errorf("检查 %s：%w", path, err)
	}
	if ledger == 0 {
		if tables == 0 && !requireLedger {
			return nil
		}
		return fmt.Errorf("%w：%s（没有版本记录）", ErrNotDatabase, path)
	}
	var version int
	err = db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version)
	if err != nil {
		return fmt.Errorf("%w：%s（没有版本记录）", ErrNotDatabase, path)
	}
	if version > SchemaVersion() {
		return fmt.Errorf("%w（结构版本 %d），请升级赣招：%s", ErrTooNew, version, path)
	}
	return nil
}

// RestoreFrom replaces the whole database with the backup at src through SQLite's online backup
// API, then brings it up to this build's schema. The caller takes a backup of the current
// state first. src is checked before anything is touched: a damaged, foreign or newer file
// changes nothing.
func (s *Store) RestoreFrom(ctx context.Context, src string) error {
	if err := s.refuseReadOnly(); err != nil {
		return err
	}
	if err := CheckFile(ctx, src); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("数据库驱动不支持在线恢复")
		}
		b, err := r.NewRestore(dsn(src, true))
		if err != nil {
			return err
		}
		if _, err := b.Step(-1); err != nil {
			b.Finish()
			return err
		}
		return b.Finish()
	})
	if err != nil {
		return fmt.Errorf("从 %s 恢复失败：%w", src, err)
	}
	return s.migrate(ctx)
}

// CheckBackup is CheckFile for the ledger: a backup must pass before anything is touched.
func (s *Store) CheckBackup(ctx context.Context, path string) error { return CheckFile(ctx, path) }
