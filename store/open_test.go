package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ganzhao/app"
)

// TestReopen opens the same file three times: migrations re-run safely, the data written the
// first time is intact, and schema_migrations holds exactly one row per migration.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "data", "ganzhao.db") // the data folder does not exist yet
	s, err := Open(ctx, path)
	must(t, err)
	applySeeds(t, s)
	l := newLedger(t, s)
	e := saveEnterprise(t, l, newEnterprise("江西铜业集团有限公司", 1))
	p := createProject(t, l, app.Project{Name: "铜箔项目", InvestorID: e.ID, TotalInvestment: 3 * app.Yi, Methods: []string{"驻点招商"}})
	must(t, s.Close())

	ms, err := migrations()
	must(t, err)
	if len(ms) == 0 || SchemaVersion() != ms[len(ms)-1].version {
		t.Fatalf("SchemaVersion() = %d, migrations %v", SchemaVersion(), ms)
	}
	for i := range 2 {
		t.Run(fmt.Sprintf("reopen %d", i+1), func(t *testing.T) {
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatalf("Open again: %v", err)
			}
			defer s.Close()
			gotE, err := s.Enterprise(ctx, e.ID)
			must(t, err)
			equal(t, "enterprise", gotE, e)
			gotP, err := s.Project(ctx, p.ID)
			must(t, err)
			equal(t, "project", gotP, p)
			if n := applySeeds(t, s); n != 0 {
				t.Errorf("reference applied again on reopen: %d sets", n)
			}
			rows, err := s.db.QueryContext(ctx, `SELECT version, name FROM schema_migrations ORDER BY version`)
			must(t, err)
			defer rows.Close()
			var got []string
			for rows.Next() {
				var v int
				var name string
				must(t, rows.Scan(&v, &name))
				got = append(got, fmt.Sprintf("%d %s", v, name))
			}
			must(t, rows.Err())
			var want []string
			for _, m := range ms {
				want = append(want, fmt.Sprintf("%d %s", m.version, m.name))
			}
			equal(t, "schema_migrations", got, want)
		})
	}
}

// TestOpenRefuses covers files Open must refuse without touching them: one written by a newer
// build, one that is not a database at all, and a database with damaged pages.
func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	// A real ledger file of a few hundred KB, closed so that everything is in the main file.
	healthy := filepath.Join(dir, "healthy.db")
	writeBigLedger(t, healthy)

	// A ledger recorded at a schema version this build does not know.
	tooNew := filepath.Join(dir, "toonew.db")
	{
		s, err := Open(ctx, tooNew)
		must(t, err)
		l := newLedger(t, s)
		saveEnterprise(t, l, newEnterprise("未来企业", 2))
		_, err = s.db.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', '2030-01-01T00:00:00.000000Z')`, SchemaVersion()+1)
		must(t, err)
		must(t, s.Close())
	}

	// The same refusals for files in rollback-journal mode, as every backup is (VACUUM INTO):
	// the read-write handle would switch them to WAL, rewriting their header.
	backupCopy := filepath.Join(dir, "backup.db")
	tooNewBackup := filepath.Join(dir, "toonew-backup.db")
	{
		s := openAt(t, healthy)
		must(t, s.Backup(ctx, backupCopy))
		must(t, s.Backup(ctx, tooNewBackup))
		must(t, s.Close())
		db, err := sql.Open("sqlite", "file:"+tooNewBackup) // no pragmas: the journal mode stays as it is
		must(t, err)
		_, err = db.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', '2030-01-01T00:00:00.000000Z')`, SchemaVersion()+1)
		must(t, err)
		must(t, db.Close())
		if b := readBytes(t, tooNewBackup); b[18] != 1 {
			t.Fatalf("backup file format byte %d, want 1 (rollback journal)", b[18])
		}
	}
	// A SQLite database of another program.
	foreign := filepath.Join(dir, "contacts.db")
	{
		db, err := sql.Open("sqlite", dsn(foreign, false))
		must(t, err)
		_, err = db.ExecContext(ctx, `CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('张三')`)
		must(t, err)
		must(t, db.Close())
	}

	base := readBytes(t, healthy)
	pageSize := int(binary.BigEndian.Uint16(base[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := len(base) / pageSize
	if len(base) < 200_000 || pages < 20 {
		t.Fatalf("healthy file is %d bytes (%d pages): too small to damage in the middle", len(base), pages)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	garbage := func(b []byte) {
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
	}
	damaged := func(name string, mutate func(b []byte)) string {
		b := bytes.Clone(base)
		mutate(b)
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, b, 0o600))
		return p
	}
	randomBytes := make([]byte, 64*1024)
	garbage(randomBytes)
	must(t, os.WriteFile(filepath.Join(dir, "random.bin"), randomBytes, 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "text.txt"), []byte(strings.Repeat("企业名称,统一社会信用代码\n", 500)), 0o600))

	tests := []struct {
		name string
		path string
		want []error // any of these
	}{
		{"schema newer than this build", tooNew, []error{ErrTooNew}},
		{"random bytes", filepath.Join(dir, "random.bin"), []error{ErrNotDatabase}},
		{"a CSV file", filepath.Join(dir, "text.txt"), []error{ErrNotDatabase}},
		{"garbage over middle pages", damaged("middle.db", func(b []byte) {
			for p := pages * 2 / 5; p < pages*3/5; p += 3 {
				garbage(b[p*pageSize : (p+1)*pageSize])
			}
		}), []error{ErrDamaged, ErrNotDatabase}},
		{"garbage inside one page's cells", damaged("cells.db", func(b []byte) {
			p := pages / 2
			garbage(b[p*pageSize+100 : p*pageSize+pageSize/2])
		}), []error{ErrDamaged, ErrNotDatabase}},
		{"zeroed pages near the end", damaged("zeroed.db", func(b []byte) {
			clear(b[(pages-6)*pageSize : (pages-2)*pageSize])
		}), []error{ErrDamaged, ErrNotDatabase}},
		{"garbage over the header", damaged("header.db", func(b []byte) { garbage(b[:100]) }), []error{ErrDamaged, ErrNotDatabase}},
		{"schema newer, rollback journal", tooNewBackup, []error{ErrTooNew}},
		{"damaged backup copy, rollback journal", damagedCopy(t, backupCopy, garbage), []error{ErrDamaged, ErrNotDatabase}},
		{"another program's database", foreign, []error{ErrNotDatabase}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := readBytes(t, tc.path)
			s, err := Open(ctx, tc.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open succeeded, want one of %v", tc.want)
			}
			if !isAny(err, tc.want) {
				t.Errorf("Open error = %v, want one of %v", err, tc.want)
			}
			if !bytes.Equal(readBytes(t, tc.path), before) {
				t.Error("Open changed the refused file")
			}
			if cerr := CheckFile(ctx, tc.path); !isAny(cerr, tc.want) {
				t.Errorf("CheckFile error = %v, want one of %v", cerr, tc.want)
			}
			if !bytes.Equal(readBytes(t, tc.path), before) {
				t.Error("CheckFile changed the file")
			}
		})
	}

	t.Run("healthy file opens", func(t *testing.T) {
		s := openAt(t, healthy)
		problems, err := s.Check(ctx)
		must(t, err)
		if len(problems) != 0 {
			t.Errorf("Check on a sound file: %v", problems)
		}
		must(t, CheckFile(ctx, healthy))
	})
}

// damagedCopy writes a copy of path with garbage over a run of pages in the middle.
func damagedCopy(t *testing.T, path string, garbage func([]byte)) string {
	t.Helper()
	b := readBytes(t, path)
	if mode := b[18]; mode != 1 {
		t.Fatalf("%s: file format byte %d, want 1 (rollback journal)", path, mode)
	}
	const pageSize = 4096
	pages := len(b) / pageSize
	for p := pages / 2; p < pages/2+4; p++ {
		garbage(b[p*pageSize : (p+1)*pageSize])
	}
	out := strings.TrimSuffix(path, ".db") + "-damaged.db"
	must(t, os.WriteFile(out, b, 0o600))
	return out
}

func isAny(err error, targets []error) bool {
	for _, w := range targets {
		if errors.Is(err, w) {
			return true
		}
	}
	return false
}

// writeBigLedger writes a closed ledger file of a few hundred KB at path.
func writeBigLedger(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path)
	must(t, err)
	defer s.Close()
	at := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	var ds app.Dataset
	for i := range 800 {
		ds.Enterprises = append(ds.Enterprises, app.Enterprise{
			Meta:       app.Meta{ID: app.NewID(), CreatedAt: at, UpdatedAt: at, UpdatedBy: "测试"},
			Name:       fmt.Sprintf("赣州稀土新材料有限公司%04d", i),
			CreditCode: creditCode(10_000 + i),
			Intro:      strings.Repeat("稀土永磁材料研发与生产，", 12),
			Categories: []app.CategoryTag{{Name: "专精特新“小巨人”", Year: 2024}},
		})
	}
	must(t, s.LoadDataset(ctx, ds, "测试", at))
	must(t, s.Close())
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatalf("WAL file left beside %s after Close", path)
	}
}

// TestPragmasOnEveryConnection holds every pooled connection at once and checks that each has
// foreign keys on and refuses a project pointing at a zone or investor that does not exist.
func TestPragmasOnEveryConnection(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	conns := make([]*sql.Conn, maxOpenConns)
	for i := range conns {
		c, err := s.db.Conn(ctx)
		must(t, err)
		defer c.Close()
		conns[i] = c
	}
	// All connections are held, so a further one cannot be had: they are distinct.
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if c, err := s.db.Conn(short); err == nil {
		c.Close()
		t.Fatalf("got a %d-th connection: the pool is not bounded by maxOpenConns", maxOpenConns+1)
	}
	now := stamp(time.Now())
	bad := []struct {
		name, column string
	}{
		{"zone that does not exist", "zone_id"},
		{"investor that does not exist", "investor_id"},
	}
	for i, c := range conns {
		var fk int
		must(t, c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk))
		if fk != 1 {
			t.Errorf("connection %d: foreign_keys = %d", i, fk)
		}
		var mode string
		must(t, c.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode))
		if mode != "wal" {
			t.Errorf("connection %d: journal_mode = %s", i, mode)
		}
		var busy int
		must(t, c.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&busy))
		if busy != 5000 {
			t.Errorf("connection %d: busy_timeout = %d", i, busy)
		}
		for _, b := range bad {
			_, err := c.ExecContext(ctx, `INSERT INTO projects (id, name, stage, `+b.column+`, created_at, updated_at)
				VALUES (?, '外键测试', '储备', ?, ?, ?)`, app.NewID(), app.NewID(), now, now)
			if err == nil || !isForeignKeyViolation(err) {
				t.Errorf("connection %d, %s: err = %v, want FOREIGN KEY constraint failed", i, b.name, err)
			}
		}
	}
	for _, c := range conns {
		c.Close()
	}
	if n := count(t, s, `SELECT COUNT(*) FROM projects`); n != 0 {
		t.Errorf("%d projects with dangling links were written", n)
	}
}
