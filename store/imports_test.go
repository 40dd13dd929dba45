package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"ganzhao/app"
)

// TestMigrationAppliedOutOfOrder: a file that recorded later migrations before 0002 existed
// (branches land out of order) still gets 0002 on the next open.
func TestMigrationAppliedOutOfOrder(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ganzhao.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE import_mappings`, `DROP TABLE import_batch_records`, `DROP TABLE import_batches`,
		`DELETE FROM schema_migrations WHERE version = 2`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = openAt(t, path)
	if err := s.SaveImportMapping(ctx, "项目名称|投资方", []string{"project.name", "enterprise.name"}, testStart); err != nil {
		t.Fatalf("import tables missing after reopening: %v", err)
	}
	got, err := s.ImportMapping(ctx, "项目名称|投资方")
	if err != nil || !slices.Equal(got, []string{"project.name", "enterprise.name"}) {
		t.Errorf("mapping %v, %v", got, err)
	}
	if _, err := s.ImportMapping(ctx, "别的表头"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("unknown mapping: %v", err)
	}
}
