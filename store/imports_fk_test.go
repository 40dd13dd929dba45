package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"ganzhao/app"
)

// TestCommitImportChecksForeignKeys: an import runs with the foreign keys checked once, just
// before its commit. A batch with a link to a record that does not exist is refused as a whole
// with app.ErrNotFound, writes nothing, and leaves every pooled connection with its foreign
// keys back on and the automatic checkpoint back at SQLite's default.
func TestCommitImportChecksForeignKeys(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	missing := app.NewID()
	meta := func() app.Meta { return app.Meta{ID: app.NewID(), CreatedAt: at, UpdatedAt: at} }
	cases := []struct {
		name string
		data func() app.Dataset
	}{
		{"project with an investor that does not exist", func() app.Dataset {
			return app.Dataset{Projects: []app.Project{{Meta: meta(), Name: "悬空投资方项目", Stage: app.StageNegotiating, InvestorID: missing}}}
		}},
		{"person at an enterprise that does not exist", func() app.Dataset {
			return app.Dataset{People: []app.Person{{Meta: meta(), Name: "悬空联系人", EnterpriseID: missing}}}
		}},
		{"stage change of a project that does not exist", func() app.Dataset {
			return app.Dataset{StageChanges: []app.StageChange{{ID: app.NewID(), ProjectID: missing, To: app.StageSigned, On: app.MustDate("2026-03-01"), CreatedAt: at}}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTemp(t)
			ok := app.Dataset{Enterprises: []app.Enterprise{{Meta: meta(), Name: "完好企业有限公司"}}}
			d := c.data()
			d.Enterprises = ok.Enterprises
			err := s.CommitImport(ctx, app.ImportChanges{Batch: app.ImportBatch{ID: app.NewID(), File: "坏链接.xlsx", At: at}, Create: d})
			if !errors.Is(err, app.ErrNotFound) {
				t.Fatalf("err = %v, want app.ErrNotFound", err)
			}
			for _, table := range []string{"import_batches", "import_batch_records", "enterprises", "people", "projects", "stage_changes", "audit_log"} {
				if n := count(t, s, `SELECT COUNT(*) FROM `+table); n != 0 {
					t.Errorf("%s: %d rows written by a refused import", table, n)
				}
			}
			// The same batch without the bad link goes in.
			must(t, s.CommitImport(ctx, app.ImportChanges{Batch: app.ImportBatch{ID: app.NewID(), File: "好.xlsx", At: at}, Create: ok}))
			equal(t, "enterprises", count(t, s, `SELECT COUNT(*) FROM enterprises`), 1)
			// Every connection has its foreign keys on and its automatic checkpoint again (all
			// are held at once: they differ).
			for i := range maxOpenConns {
				c, err := s.db.Conn(ctx)
				must(t, err)
				defer c.Close()
				var fk int
				must(t, c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk))
				if fk != 1 {
					t.Errorf("connection %d: foreign_keys = %d after an import", i, fk)
				}
				var pages int
				must(t, c.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&pages))
				if pages != 1000 {
					t.Errorf("connection %d: wal_autocheckpoint = %d after an import", i, pages)
				}
			}
		})
	}
}

// TestCommitImportCheckpointsInBackground: the pages an import writes reach the database file
// through the checkpoint started after the commit, not only at Close.
func TestCommitImportCheckpointsInBackground(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	size := func() int64 {
		fi, err := os.Stat(s.Path())
		must(t, err)
		return fi.Size()
	}
	before := size()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var d app.Dataset
	for i := range 3000 {
		d.Enterprises = append(d.Enterprises, app.Enterprise{Meta: app.Meta{ID: app.NewID(), CreatedAt: at, UpdatedAt: at},
			Name: fmt.Sprintf("检查点测试企业%04d有限公司", i), Intro: strings.Repeat("新能源材料研发，", 20)})
	}
	must(t, s.CommitImport(ctx, app.ImportChanges{Batch: app.ImportBatch{ID: app.NewID(), File: "大批.xlsx", At: at}, Create: d}))
	s.background.Wait()
	if after := size(); after < before+1<<20 {
		t.Errorf("database file %d bytes after the import's checkpoint, %d before: the pages stayed in the WAL", after, before)
	}
}
