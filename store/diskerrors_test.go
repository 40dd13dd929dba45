package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"ganzhao/app"
)

// TestClassifyOSErrors: the operating system's errors about the disk become the app's, keep
// the original for the log, and other errors pass through unchanged.
func TestClassifyOSErrors(t *testing.T) {
	other := errors.New("something else")
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"no space", &fs.PathError{Op: "write", Path: "x.db", Err: syscall.ENOSPC}, app.ErrDiskFull},
		{"quota", fmt.Errorf("备份：%w", syscall.EDQUOT), app.ErrDiskFull},
		{"read-only file system", &fs.PathError{Op: "open", Path: "x.db-wal", Err: syscall.EROFS}, app.ErrReadOnlyMedia},
		{"permission", &fs.PathError{Op: "open", Path: "x.db", Err: syscall.EACCES}, app.ErrReadOnlyMedia},
		{"i/o error", syscall.EIO, app.ErrDiskIO},
		{"other", other, nil},
		{"nil", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := classify(tc.err)
			if tc.want == nil {
				if got != tc.err {
					t.Fatalf("classify(%v) = %v, want it unchanged", tc.err, got)
				}
				return
			}
			if !errors.Is(got, tc.want) || !errors.Is(got, tc.err) || got.Error() != tc.want.Error() {
				t.Fatalf("classify(%v) = %v, want %v wrapping the original", tc.err, got, tc.want)
			}
			if again := classify(got); again != got {
				t.Errorf("classifying twice wrapped again: %v", again)
			}
		})
	}
}

// mountTmpfs mounts a tmpfs of size bytes at a new directory, or skips the test when this
// machine does not allow it (not root, or no mount permission in a container).
func mountTmpfs(t *testing.T, size int) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d", size)); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v): the injected-error test covers the form", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// TestDiskFullAndReadOnlyMedia writes to a ledger on a real 4 MB file system: filled up, a save
// fails with app.ErrDiskFull, nothing of it is written and the file stays sound; once space is
// freed the same save succeeds; remounted read-only, the ledger refuses to open or to save
// with app.ErrReadOnlyMedia.
func TestDiskFullAndReadOnlyMedia(t *testing.T) {
	dir := mountTmpfs(t, 4<<20)
	ctx := context.Background()
	path := filepath.Join(dir, "ganzhao.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open on tmpfs: %v", err)
	}
	closed := false
	closeStore := func() {
		if !closed {
			closed = true
			s.Close()
		}
	}
	t.Cleanup(closeStore) // before the unmount, which was registered first
	l := newLedger(t, s)
	kept := app.Project{Name: "赣州稀土新材料项目", Sector: app.SectorIndustry}
	if err := l.CreateProject(ctx, &kept); err != nil {
		t.Fatal(err)
	}

	// Fill the file system, leaving less than one page.
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling: %v", err)
			}
			break
		}
	}
	f.Close()

	big := app.Project{Name: "南昌电子信息产业园项目", Sector: app.SectorIndustry, Notes: strings.Repeat("项目概况。", 20_000)}
	err = l.CreateProject(ctx, &big)
	if !errors.Is(err, app.ErrDiskFull) {
		t.Fatalf("save on a full disk: %v, want app.ErrDiskFull", err)
	}
	if !strings.Contains(err.Error(), "磁盘空间不足") || !strings.Contains(err.Error(), "释放磁盘空间") {
		t.Errorf("message does not say what to do: %q", err.Error())
	}
	upd := kept
	upd.Notes = strings.Repeat("跟进情况。", 20_000)
	if err := l.UpdateProject(ctx, &upd); !errors.Is(err, app.ErrDiskFull) {
		t.Fatalf("update on a full disk: %v, want app.ErrDiskFull", err)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("after the failed writes: %v %v", problems, err)
	}
	if ps, err := s.Projects(ctx, app.ProjectFilter{}); err != nil || len(ps) != 1 || ps[0].Name != kept.Name || ps[0].Notes != "" {
		t.Fatalf("after the failed writes the ledger holds %+v (%v), want only the first project unchanged", ps, err)
	}
	retry := app.Project{Name: big.Name, Sector: big.Sector, Notes: big.Notes}
	if err := l.CreateProject(ctx, &retry); err != nil {
		t.Fatalf("save once space was freed: %v", err)
	}

	// The same file on read-only media (a write-protected USB stick): either it does not
	// open, or it opens and a save fails; both with app.ErrReadOnlyMedia, which says what to do.
	closeStore()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	defer syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT, "")
	ro, err := Open(ctx, path)
	if err == nil {
		defer ro.Close()
		third := app.Project{Name: "九江港口物流项目", Sector: app.SectorServices}
		err = newLedger(t, ro).CreateProject(ctx, &third)
	}
	if !errors.Is(err, app.ErrReadOnlyMedia) || !strings.Contains(err.Error(), "复制到可写的磁盘") {
		t.Fatalf("read-only media: %v, want app.ErrReadOnlyMedia saying what to do", err)
	}
}
