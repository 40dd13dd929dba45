package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzCheckFile hands the backup reader arbitrary files, as a user might pick any file on a USB
// stick to restore from: CheckFile must refuse a damaged or foreign one with an error, never
// panic, and never change the file it checks. The same bytes opened as the ledger itself must
// open cleanly or be refused with an error.
func FuzzCheckFile(f *testing.F) {
	ctx := context.Background()
	dir := f.TempDir()
	good := filepath.Join(dir, "good.db")
	s, err := Open(ctx, good)
	if err != nil {
		f.Fatal(err)
	}
	if err := s.Backup(ctx, filepath.Join(dir, "backup.db")); err != nil {
		f.Fatal(err)
	}
	s.Close()
	if b, err := os.ReadFile(filepath.Join(dir, "backup.db")); err == nil {
		// The first pages only: the whole file is too large to mutate usefully.
		f.Add(b[:min(len(b), 8192)])
	}
	f.Add([]byte("SQLite format 3\x00"))
	f.Add([]byte("项目名称,投资方\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "x.db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		err := CheckFile(ctx, path)
		after, rerr := os.ReadFile(path)
		if rerr != nil || string(after) != string(b) {
			t.Fatalf("CheckFile changed the file it checked (%v)", rerr)
		}
		if err != nil && err.Error() == "" {
			t.Fatal("CheckFile refused the file without saying why")
		}
		// Opened as the ledger, the file is brought up to date or refused; once open, it
		// answers a full check.
		s, err := Open(ctx, path)
		if err != nil {
			return
		}
		defer s.Close()
		if _, err := s.Check(ctx); err != nil {
			t.Fatalf("Open accepted a file it cannot check: %v", err)
		}
	})
}
