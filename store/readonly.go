package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"ganzhao/app"
)

// OpenReadOnly opens the ledger at path without ever writing to it: no integrity check that
// would refuse it, no migration, no journal-mode switch. It is how a damaged file is still
// read: whatever pages are sound can be shown and exported, and every write fails with
// app.ErrReadOnly. A file from a newer build is still refused.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("找不到数据库文件 %s：%w", path, err)
	}
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("打开数据库 %s：%w", path, err)
	}
	db.SetMaxOpenConns(maxOpenConns)
	s := &Store{db: db, path: path, readOnly: true}
	var version int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		db.Close()
		if isNotADB(err) {
			return nil, fmt.Errorf("%w：%s", ErrNotDatabase, path)
		}
		return nil, fmt.Errorf("%w（%s），连版本记录也无法读取：%w", ErrDamaged, path, err)
	}
	if version > SchemaVersion() {
		db.Close()
		return nil, fmt.Errorf("%w（结构版本 %d），请升级赣招：%s", ErrTooNew, version, path)
	}
	return s, nil
}

// ReadOnly reports whether the store was opened with OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.readOnly }

// refuseReadOnly is the error of an operation that would write to a read-only store.
func (s *Store) refuseReadOnly() error {
	if s.readOnly {
		return app.ErrReadOnly
	}
	return nil
}
