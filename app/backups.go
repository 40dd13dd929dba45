package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"ganzhao/app/crypt"
)

// Reasons a backup is taken for, written into its file name. Any other reason ("导入前",
// "批量删除前" …) is a backup before an operation.
const (
	ReasonDaily     = "每日" // the first start of a day
	ReasonManual    = "手动" // the user's 立即备份
	ReasonRestore   = "恢复前"
	ReasonMigration = "升级前" // before a migration to a newer schema
)

// BackupKind is why a backup is kept: the retention rule that keeps it.
type BackupKind string

// The kinds of backups, as the 设置 screen shows them.
const (
	BackupDaily     BackupKind = "每日"
	BackupWeekly    BackupKind = "每周"
	BackupMonthly   BackupKind = "每月"
	BackupOperation BackupKind = "操作前"
	BackupManual    BackupKind = "手动"
)

// BackupInfo is one backup file in the backup folder.
type BackupInfo struct {
	Path      string
	At        time.Time // when it was taken (local time, from the file name)
	Size      int64
	Reason    string // ReasonDaily, ReasonManual, or the operation ("导入前" …)
	Kind      BackupKind
	Encrypted bool // a passphrase-protected .db.age file
	seq       int  // 2 for the second backup of the same second ("(2)" in the name) …
}

// scheduled reports whether the backup is a daily one, thinned out to weekly and monthly.
func (b BackupInfo) scheduled() bool { return b.Reason == ReasonDaily }

// Backup file names: ganzhao-20260312-153012-导入前.db, with "(2)" after the reason when two
// are taken in the same second, and .age after an encrypted one.
const (
	backupPrefix    = "ganzhao-"
	backupStamp     = "20060102-150405"
	backupExt       = ".db"
	EncryptedSuffix = ".age" // after backupExt on a passphrase-protected backup
)

// backupFileName returns the name of a backup taken at t for reason; n > 1 numbers a second
// backup of the same second.
func backupFileName(t time.Time, reason string, n int, encrypted bool) string {
	name := backupPrefix + t.Local().Format(backupStamp) + "-" + reason
	if n > 1 {
		name += "(" + strconv.Itoa(n) + ")"
	}
	name += backupExt
	if encrypted {
		name += EncryptedSuffix
	}
	return name
}

// parseBackupName reads what backupFileName wrote; ok is false for any other file, which the
// app then neither lists nor deletes.
func parseBackupName(name string) (at time.Time, reason string, seq int, encrypted, ok bool) {
	rest, encrypted := strings.CutSuffix(name, EncryptedSuffix)
	rest, found := strings.CutSuffix(rest, backupExt)
	if !found {
		return at, "", 0, false, false
	}
	rest, found = strings.CutPrefix(rest, backupPrefix)
	if !found || len(rest) < len(backupStamp)+2 || rest[len(backupStamp)] != '-' {
		return at, "", 0, false, false
	}
	at, err := time.ParseInLocation(backupStamp, rest[:len(backupStamp)], time.Local)
	if err != nil {
		return at, "", 0, false, false
	}
	reason, seq = rest[len(backupStamp)+1:], 1
	if i := strings.LastIndexByte(reason, '('); i > 0 && strings.HasSuffix(reason, ")") {
		if n, err := strconv.Atoi(reason[i+1 : len(reason)-1]); err == nil && n > 1 {
			reason, seq = reason[:i], n
		}
	}
	if reason == "" || strings.ContainsAny(reason, `/\`) {
		return at, "", 0, false, false
	}
	return at, reason, seq, encrypted, true
}

// DefaultBackupDir is the backup folder when the settings name none: "backups" beside the
// database.
func (l *Ledger) DefaultBackupDir() string { return DefaultBackupDirOf(l.store.Path()) }

// DefaultBackupDirOf is the default backup folder of the database at dbPath.
func DefaultBackupDirOf(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

// BackupDir is the folder backups go to: the one chosen in the settings (a USB drive, say),
// else DefaultBackupDir.
func (l *Ledger) BackupDir(ctx context.Context) (string, error) {
	st, err := l.store.Settings(ctx)
	if err != nil {
		return "", err
	}
	if st.BackupDir != "" {
		return st.BackupDir, nil
	}
	return l.DefaultBackupDir(), nil
}

// SetBackupDir makes dir the backup folder after checking that a file can be written there;
// "" goes back to the default. Backups already taken stay where they are.
func (l *Ledger) SetBackupDir(ctx context.Context, dir string) error {
	if dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return fmt.Errorf("备份目录 %s 无效：%w", dir, err)
		}
		dir = abs
		if err := checkWritableDir(dir); err != nil {
			return err
		}
	}
	st, err := l.store.Settings(ctx)
	if err != nil {
		return err
	}
	if dir == l.DefaultBackupDir() {
		dir = ""
	}
	st.BackupDir = dir
	return l.SaveSettings(ctx, st)
}

// checkWritableDir creates dir if needed and writes and removes a file in it.
func checkWritableDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("无法创建备份目录 %s，请换一个目录：%w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".ganzhao-write-test-*")
	if err != nil {
		return fmt.Errorf("备份目录 %s 不能写入（只读或没有权限），请换一个目录：%w", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// BackupBefore takes a checked backup of the database into the backup folder, named with the
// time and reason ("导入前", ReasonManual, ReasonDaily …), then prunes the folder by the
// retention policy. It returns the new file's path. Every backup the app takes goes through
// here. Pruning never removes the backup just written nor any file whose name the app did
// not write; a failure to prune does not fail the backup.
func (l *Ledger) BackupBefore(ctx context.Context, reason string) (string, error) {
	return l.backup(ctx, reason, "")
}

// BackupEncrypted is BackupBefore writing a passphrase-protected .db.age file: the checked
// copy is made in the system's temporary folder, encrypted into the backup folder and
// removed, so no plain copy reaches the backup folder (a USB drive, say).
func (l *Ledger) BackupEncrypted(ctx context.Context, reason, pass string) (string, error) {
	if pass == "" {
		return "", crypt.ErrWeakPassphrase
	}
	return l.backup(ctx, reason, pass)
}

func (l *Ledger) backup(ctx context.Context, reason, pass string) (string, error) {
	dir, err := l.BackupDir(ctx)
	if err != nil {
		return "", fmt.Errorf("%s备份失败：%w", reason, err)
	}
	path, err := l.freeBackupName(dir, reason, pass != "")
	if err != nil {
		return "", err
	}
	if pass == "" {
		err = l.store.Backup(ctx, path)
	} else {
		err = l.encryptedBackup(ctx, path, pass)
	}
	if err != nil {
		return "", err
	}
	l.prune(ctx, dir, path)
	return path, nil
}

// BackupEncryptedTo writes a passphrase-protected backup to dest, outside the backup folder
// (the command line's "backup --encrypt FILE").
func (l *Ledger) BackupEncryptedTo(ctx context.Context, dest, pass string) error {
	if pass == "" {
		return crypt.ErrWeakPassphrase
	}
	return l.encryptedBackup(ctx, dest, pass)
}

func (l *Ledger) encryptedBackup(ctx context.Context, dest, pass string) error {
	tmp, err := os.MkdirTemp("", "ganzhao-backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	plain := filepath.Join(tmp, "backup.db")
	if err := l.store.Backup(ctx, plain); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return fmt.Errorf("创建备份目录 %s：%w", filepath.Dir(dest), err)
	}
	if err := crypt.EncryptFile(plain, dest, pass, l.scryptWorkFactor()); err != nil {
		return fmt.Errorf("加密备份到 %s 失败：%w", dest, err)
	}
	return nil
}

// SetScryptWorkFactor sets the cost of the passphrase key derivation of new encrypted files
// (crypt.DefaultWorkFactor when 0). Tests lower it: each step doubles the time.
func (l *Ledger) SetScryptWorkFactor(logN int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.workFactor = logN
}

func (l *Ledger) scryptWorkFactor() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.workFactor
}

// EncryptTo returns a writer that encrypts an export into w with the passphrase; Close
// finishes the file without closing w.
func (l *Ledger) EncryptTo(w io.Writer, pass string) (io.WriteCloser, error) {
	return crypt.Encrypt(w, pass, l.scryptWorkFactor())
}

// ErrNeedsPassphrase: an encrypted backup was given without its passphrase.
var ErrNeedsPassphrase = errors.New("这是加密的备份文件，恢复需要输入密码")

// RestoreEncrypted restores a passphrase-protected backup: it is decrypted to the system's
// temporary folder and restored from there as RestoreFrom does, and the plain copy removed.
// A wrong passphrase is crypt.ErrWrongPassphrase and changes nothing.
func (l *Ledger) RestoreEncrypted(ctx context.Context, src, pass string) (string, error) {
	tmp, err := os.MkdirTemp("", "ganzhao-restore-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	plain := filepath.Join(tmp, "restore.db")
	if err := crypt.DecryptFile(src, plain, pass); err != nil {
		return "", err
	}
	return l.restore(ctx, plain)
}

// freeBackupName returns a path in dir for a backup taken now that no file has yet.
func (l *Ledger) freeBackupName(dir, reason string, encrypted bool) (string, error) {
	if reason == "" || strings.ContainsAny(reason, `/\:*?"<>|`) {
		return "", fmt.Errorf("备份原因“%s”不能用作文件名", reason)
	}
	at := l.now()
	for n := 1; ; n++ {
		path := filepath.Join(dir, backupFileName(at, reason, n, encrypted))
		plain := strings.TrimSuffix(path, EncryptedSuffix)
		if !exists(plain) && !exists(plain+EncryptedSuffix) {
			return path, nil
		}
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, os.ErrNotExist)
}

// BackupDaily takes the day's backup on the first start of a day: none is taken when the
// backup folder already holds a daily backup of today. It returns the new path, or "".
func (l *Ledger) BackupDaily(ctx context.Context) (string, error) {
	list, err := l.Backups(ctx)
	if err != nil {
		return "", err
	}
	today := l.now().Local()
	for _, b := range list {
		if b.scheduled() && sameDay(b.At, today) {
			return "", nil
		}
	}
	return l.BackupBefore(ctx, ReasonDaily)
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// Backups lists the backups in the backup folder, newest first, each with the kind the
// retention policy keeps it as. Files the app did not write are not listed.
func (l *Ledger) Backups(ctx context.Context) ([]BackupInfo, error) {
	dir, err := l.BackupDir(ctx)
	if err != nil {
		return nil, err
	}
	list, err := ListBackups(dir)
	if err != nil {
		return nil, err
	}
	keep, _ := DefaultRetention().Apply(list, l.now(), "")
	return keep, nil
}

// ListBackups reads the backups in dir, newest first, without their kinds. A missing folder
// has none.
func ListBackups(dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("读取备份目录 %s：%w", dir, err)
	}
	var out []BackupInfo
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		at, reason, seq, enc, ok := parseBackupName(e.Name())
		if !ok {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, BackupInfo{Path: filepath.Join(dir, e.Name()), At: at, Size: fi.Size(), Reason: reason, Encrypted: enc, seq: seq})
	}
	sortNewestFirst(out)
	return out, nil
}

func sortNewestFirst(list []BackupInfo) {
	slices.SortStableFunc(list, func(a, b BackupInfo) int {
		if c := b.At.Compare(a.At); c != 0 {
			return c
		}
		if b.seq != a.seq {
			return b.seq - a.seq
		}
		return strings.Compare(b.Path, a.Path)
	})
}

// prune removes the backups in dir the retention policy does not keep, never protect.
func (l *Ledger) prune(ctx context.Context, dir, protect string) {
	list, err := ListBackups(dir)
	if err != nil {
		return
	}
	_, drop := DefaultRetention().Apply(list, l.now(), protect)
	for _, b := range drop {
		if ctx.Err() != nil {
			return
		}
		os.Remove(b.Path)
	}
}

// RetentionPolicy says which backups are kept. Daily backups are thinned the way restic's
// "forget --keep-daily/--keep-weekly/--keep-monthly" does: the newest backup of each of the
// last Daily days that have one, of each of the last Weekly ISO weeks, of each of the last
// Monthly months. Backups before an operation are kept for Operations; manual ones always.
type RetentionPolicy struct {
	Daily, Weekly, Monthly int
	Operations             time.Duration
}

// DefaultRetention keeps the last 7 daily, 4 weekly and 12 monthly backups, and every backup
// taken before an operation for 30 days.
func DefaultRetention() RetentionPolicy {
	return RetentionPolicy{Daily: 7, Weekly: 4, Monthly: 12, Operations: 30 * 24 * time.Hour}
}

// Apply splits backups into those kept, newest first, each with the kind of the first rule
// that keeps it, and those to delete. protect (the path of the backup just written) is always
// kept. now is the current time.
func (p RetentionPolicy) Apply(backups []BackupInfo, now time.Time, protect string) (keep, drop []BackupInfo) {
	list := slices.Clone(backups)
	sortNewestFirst(list)
	type rule struct {
		kind  BackupKind
		limit int
		key   func(t time.Time) string
		seen  map[string]bool
	}
	rules := []*rule{
		{BackupDaily, p.Daily, func(t time.Time) string { return t.Format("2006-01-02") }, map[string]bool{}},
		{BackupWeekly, p.Weekly, func(t time.Time) string { y, w := t.ISOWeek(); return fmt.Sprintf("%d-W%02d", y, w) }, map[string]bool{}},
		{BackupMonthly, p.Monthly, func(t time.Time) string { return t.Format("2006-01") }, map[string]bool{}},
	}
	for _, b := range list {
		b.Kind = ""
		switch {
		case b.Reason == ReasonManual:
			b.Kind = BackupManual
		case b.scheduled():
			t := b.At.Local()
			for _, r := range rules {
				k := r.key(t)
				if r.seen[k] {
					continue // an newer backup already stands for this period
				}
				if len(r.seen) < r.limit {
					r.seen[k] = true
					if b.Kind == "" {
						b.Kind = r.kind
					}
				}
			}
		default:
			if now.Sub(b.At) < p.Operations {
				b.Kind = BackupOperation
			}
		}
		if b.Kind == "" && protect != "" && b.Path == protect {
			b.Kind = BackupOperation
			if b.scheduled() {
				b.Kind = BackupDaily
			}
		}
		if b.Kind == "" {
			drop = append(drop, b)
			continue
		}
		keep = append(keep, b)
	}
	return keep, drop
}
