package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// ErrReadOnly: the database was opened read-only (it is damaged) and nothing can be saved.
var ErrReadOnly = errors.New("数据库正以只读方式打开（文件已损坏），不能保存修改；请重新启动赣招，选择“从最新的完好备份恢复”")

// NewestGoodBackup finds the newest plain backup in dirs (duplicates ignored) that passes
// check (the store's full integrity check). Encrypted backups are skipped: they need their
// passphrase. ok is false when there is none.
func NewestGoodBackup(ctx context.Context, dirs []string, check func(ctx context.Context, path string) error) (BackupInfo, bool) {
	var all []BackupInfo
	seen := map[string]bool{}
	for _, d := range dirs {
		if d == "" || seen[filepath.Clean(d)] {
			continue
		}
		seen[filepath.Clean(d)] = true
		list, err := ListBackups(d)
		if err != nil {
			continue
		}
		all = append(all, list...)
	}
	sortNewestFirst(all)
	for _, b := range all {
		if ctx.Err() != nil {
			break
		}
		if !b.Encrypted && check(ctx, b.Path) == nil {
			return b, true
		}
	}
	return BackupInfo{}, false
}

// ReplaceDamaged puts the backup at src in place of the damaged database at dbPath, which
// nothing has open: the damaged file and its -wal, -shm and -journal files are first renamed
// aside (ganzhao.db.damaged-20260312-153012), then the backup is checked, copied beside the
// database and renamed over it. It returns the damaged file's new name. On failure the
// damaged file is put back.
func ReplaceDamaged(ctx context.Context, dbPath, src string, check func(ctx context.Context, path string) error, now func() time.Time) (string, error) {
	if err := check(ctx, src); err != nil {
		return "", fmt.Errorf("备份 %s 未通过检查：%w", src, err)
	}
	aside := dbPath + ".damaged-" + now().Local().Format(backupStamp)
	var moved [][2]string
	undo := func() {
		for _, m := range moved {
			os.Rename(m[1], m[0])
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if !exists(dbPath + suffix) {
			continue
		}
		if err := os.Rename(dbPath+suffix, aside+suffix); err != nil {
			undo()
			return "", fmt.Errorf("无法把损坏的文件移到 %s：%w", aside+suffix, err)
		}
		moved = append(moved, [2]string{dbPath + suffix, aside + suffix})
	}
	if err := copyFile(src, dbPath); err != nil {
		os.Remove(dbPath)
		undo()
		return "", fmt.Errorf("从备份 %s 恢复失败，损坏的文件已放回原处：%w", src, err)
	}
	return aside, nil
}

// copyFile copies src to dst through a temporary file beside dst, synced and renamed.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := out.Name()
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
