// Package store keeps the 赣招 ledger in one SQLite file through modernc.org/sqlite: the
// connection and its pragmas, embedded numbered migrations, one file per entity, the audit
// log, the recycle bin, backup and restore, and the integrity check on open. It implements
// the interfaces package app declares.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"ganzhao/app"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// pragmas run on every pooled connection (they are in the DSN, not a one-off Exec, so that no
// connection misses foreign keys). Built from constants only: _pragma values run as raw SQL.
// A 32 MiB page cache per connection keeps a 100 000-record ledger in memory: reading the
// KPI facts from the default 2 MiB cache spent most of its time re-reading pages.
const pragmas = "_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)" +
	"&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32768)&_pragma=temp_store(MEMORY)" +
	"&_txlock=immediate&_time_format=sqlite"

// maxOpenConns bounds the pool: each connection has its own page cache, and writers are
// serialised by SQLite anyway.
const maxOpenConns = 4

// Store is the ledger on one SQLite file.
type Store struct {
	db   *sql.DB
	path string
	// readOnly: opened with OpenReadOnly; every write fails with app.ErrReadOnly.
	readOnly bool
	// background: work started after a write returned (checkpointLater), which Close waits
	// for; none starts once closing is set.
	background sync.WaitGroup
	bgMu       sync.Mutex
	closing    bool
	// beforeMigrate is OpenOptions.BeforeMigrate while Open runs.
	beforeMigrate func(ctx context.Context, s *Store) error
}

// Errors of Open, each with a message for the user.
var (
	// ErrDamaged: the file failed PRAGMA quick_check; nothing was written to it.
	ErrDamaged = errors.New("数据库文件已损坏")
	// ErrTooNew: the file was written by a newer version of 赣招.
	ErrTooNew = errors.New("数据库由更新版本的赣招创建")
	// ErrNotDatabase: the file is not a SQLite database.
	ErrNotDatabase = errors.New("不是赣招数据库文件")
)

// dsn returns the connection string for a file path.
func dsn(path string, readOnly bool) string {
	p := filepath.ToSlash(path)
	if filepath.VolumeName(path) != "" {
		p = "/" + p // file:/C:/... on Windows
	}
	// The path is escaped (spaces, %, ?, # and non-ASCII names); a relative path stays relative.
	u := "file:" + (&url.URL{Path: p}).EscapedPath()
	q := pragmas
	if readOnly {
		// A read-only handle must not try to switch the journal mode.
		q = "mode=ro&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_time_format=sqlite"
	}
	return u + "?" + q
}

// Open opens (creating if needed) the ledger at path, checks its integrity with
// PRAGMA quick_check, refuses a file from a newer version, and applies pending migrations,
// each in its own transaction.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, OpenOptions{})
}

// OpenOptions change how OpenWith opens a ledger.
type OpenOptions struct {
	// BeforeMigrate is called once, before the first migration not yet recorded is applied
	// to an existing ledger (not to a new, empty file), with the store still at its old
	// schema: main takes a backup there. An error stops the open with nothing migrated.
	BeforeMigrate func(ctx context.Context, s *Store) error
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opt OpenOptions) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("创建数据目录 %s 失败：%w", dir, err)
		}
	}
	// An existing file is checked read-only first: the read-write handle switches the journal
	// mode as it connects, which would write to a damaged, foreign or newer file before it is
	// refused. A file a reader cannot check (a hot journal to roll back) is checked below.
	checked := false
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		err := checkFile(ctx, path, "quick_check", false)
		switch {
		case err == nil:
			checked = true
		case !isReadOnly(err):
			return nil, classify(err) // read-only media: app.ErrReadOnlyMedia says what to do
		}
	}
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("打开数据库 %s：%w", path, err)
	}
	db.SetMaxOpenConns(maxOpenConns)
	db.SetMaxIdleConns(maxOpenConns)
	s := &Store{db: db, path: path, beforeMigrate: opt.BeforeMigrate}
	if !checked {
		if err := s.checkOnOpen(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	err = s.migrate(ctx)
	s.beforeMigrate = nil
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.bgMu.Lock()
	s.closing = true
	s.bgMu.Unlock()
	s.background.Wait()
	return s.db.Close()
}

// Path returns the file the store is on.
func (s *Store) Path() string { return s.path }

func (s *Store) checkOnOpen(ctx context.Context) error {
	problems, err := s.check(ctx, "quick_check")
	if err != nil {
		if isNotADB(err) {
			return fmt.Errorf("%w：%s", ErrNotDatabase, s.path)
		}
		if isCorrupt(err) {
			return fmt.Errorf("%w（%s）：%w", ErrDamaged, s.path, err)
		}
		return fmt.Errorf("检查数据库 %s：%w", s.path, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w（%s）：%s", ErrDamaged, s.path, strings.Join(problems, "；"))
	}
	return nil
}

// Check runs PRAGMA integrity_check and a foreign-key check and returns the problems found;
// none means the file is sound.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	problems, err := s.check(ctx, "integrity_check")
	if err != nil {
		return nil, err
	}
	dangling, err := danglingLinks(ctx, s.db, 0)
	if err != nil {
		return nil, fmt.Errorf("外键检查：%w", err)
	}
	return append(problems, dangling...), nil
}

// danglingLinks runs PRAGMA foreign_key_check and describes up to limit (0: all) rows that
// point at a record that does not exist.
func danglingLinks(ctx context.Context, q querier, limit int) ([]string, error) {
	rows, err := q.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for (limit == 0 || len(problems) < limit) && rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("表 %s 第%d行引用的 %s 记录不存在", table, rowid.Int64, parent))
	}
	return problems, rows.Err()
}

func (s *Store) check(ctx context.Context, pragma string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "PRAGMA "+pragma) // pragma is one of two constants
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	return problems, rows.Err()
}

func isNotADB(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_NOTADB)
}

// isCorrupt reports SQLITE_CORRUPT: a check that cannot even read a damaged page fails with it
// instead of listing problems.
func isCorrupt(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_CORRUPT)
}

// migration is one embedded numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, n := range names {
		base := filepath.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("迁移文件名 %s 应以编号开头", base)
		}
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, strings.TrimSuffix(base, ".sql"), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// SchemaVersion is the newest migration this build knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate applies the migrations not yet recorded, each in a transaction with its record.
// A file recorded at a version this build does not know came from a newer 赣招 and is refused.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		if isReadOnly(err) {
			return nil // a read-only copy is used as it is
		}
		return fmt.Errorf("准备迁移表：%w", err)
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	var newest int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return fmt.Errorf("读取数据库版本：%w", err)
	}
	if known := ms[len(ms)-1].version; newest > known {
		return fmt.Errorf("%w（数据库结构版本 %d，本程序只认识到 %d），请升级赣招后再打开：%s", ErrTooNew, newest, known, s.path)
	}
	applied, err := s.appliedVersions(ctx)
	if err != nil {
		return err
	}
	if s.beforeMigrate != nil && len(applied) > 0 && slices.ContainsFunc(ms, func(m migration) bool { return !applied[m.version] }) {
		if err := s.beforeMigrate(ctx, s); err != nil {
			return fmt.Errorf("数据库升级前备份失败，未做任何改动：%w", err)
		}
	}
	for _, m := range ms {
		// A migration numbered below the newest applied one can still be missing: branches
		// land out of order (0003 and 0004 were applied before 0002 existed).
		if applied[m.version] {
			continue
		}
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			// Another process may have applied it since the read above: the immediate
			// transaction holds the write lock, so look again inside it.
			var done int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&done); err != nil || done > 0 {
				return err
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, stamp(time.Now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("数据库升级到版本 %d（%s）失败：%w", m.version, m.name, err)
		}
	}
	return nil
}

// appliedVersions reads the versions recorded in schema_migrations.
func (s *Store) appliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("读取数据库版本：%w", err)
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("读取数据库版本：%w", err)
		}
		out[v] = true
	}
	return out, rows.Err()
}

func isReadOnly(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_READONLY
}

// inTx runs fn in one transaction (BEGIN IMMEDIATE through the DSN): commit if fn returns
// nil, roll back otherwise. A disk that is full, read-only or failing gives an
// *app.StorageError (see classify).
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return app.ErrReadOnly
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(fmt.Errorf("开始事务：%w", err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return classify(err)
	}
	if err := tx.Commit(); err != nil {
		return classify(fmt.Errorf("提交事务：%w", err))
	}
	return nil
}

// inBulkTx is inTx for a large write such as an import, tuned for its size:
//   - The foreign keys are checked once, over the whole database, just before the commit,
//     instead of row by row: PRAGMA foreign_keys is off on the connection for the transaction
//     (it cannot change inside one) and PRAGMA foreign_key_check must find nothing. A bulk
//     write skips a parent lookup per row and, above all, the statement journal SQLite keeps
//     for every multi-row INSERT into a table with immediate foreign keys.
//   - The WAL checkpoint that would follow the commit (copying every page written back into
//     the database file) runs in the background instead, once the user has the result; the
//     data is as safe either way, as it is in the WAL.
func (s *Store) inBulkTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return app.ErrReadOnly
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return classify(fmt.Errorf("开始事务：%w", err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return classify(fmt.Errorf("开始事务：%w", err))
	}
	defer func() {
		// Back as it was before the connection returns to the pool; a connection that cannot
		// be switched back is thrown away rather than left without foreign keys.
		if _, err := conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
			return
		}
		if _, err := conn.ExecContext(context.Background(), `PRAGMA wal_autocheckpoint = 1000`); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	if _, err := conn.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
		return classify(fmt.Errorf("开始事务：%w", err))
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return classify(fmt.Errorf("开始事务：%w", err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return classify(err)
	}
	if err := foreignKeyCheck(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return classify(fmt.Errorf("提交事务：%w", err))
	}
	s.checkpointLater()
	return nil
}

// checkpointLater copies the WAL back into the database file in the background (PASSIVE: it
// waits for no reader or writer). Close waits for it.
func (s *Store) checkpointLater() {
	s.bgMu.Lock()
	defer s.bgMu.Unlock()
	if s.closing { // Close checkpoints anyway
		return
	}
	s.background.Go(func() {
		// A failure leaves the pages in the WAL, where the next checkpoint finds them.
		s.db.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
	})
}

// foreignKeyCheck fails, with app.ErrNotFound, when any row points at a record that does
// not exist.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	dangling, err := danglingLinks(ctx, tx, 1)
	if err != nil {
		return classify(err)
	}
	if len(dangling) > 0 {
		return fmt.Errorf("写入被拒绝：%s：%w", dangling[0], app.ErrNotFound)
	}
	return nil
}

// stampLayout writes timestamps in UTC with microseconds: text that sorts as time does and
// round-trips the values app sets.
const stampLayout = "2006-01-02T15:04:05.000000Z"

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

func parseStamp(s string) (time.Time, error) {
	t, err := time.Parse(stampLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("时间戳“%s”格式不对：%w", s, err)
	}
	return t, nil
}

// nullStamp is a nullable timestamp column (deleted_at).
func nullStamp(t *time.Time) any {
	if t == nil {
		return nil
	}
	return stamp(*t)
}

// dateArg is a date column value: NULL when not set.
func dateArg(d app.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// nullID is a foreign-key column value: NULL for no link.
func nullID(id string) any {
	if id == "" {
		return nil
	}
	return id
}

// scanner reads the columns of one row into Go values, collecting the first conversion error;
// it keeps each entity's scan code to one line per column.
type scanner struct {
	err error
}

func (sc *scanner) date(ns sql.NullString) app.Date {
	if !ns.Valid || sc.err != nil {
		return app.Date{}
	}
	d, err := app.ParseDate(ns.String)
	if err != nil {
		sc.err = err
	}
	return d
}

func (sc *scanner) stamp(s string) time.Time {
	if sc.err != nil {
		return time.Time{}
	}
	t, err := parseStamp(s)
	if err != nil {
		sc.err = err
	}
	return t
}

func (sc *scanner) deleted(ns sql.NullString) *time.Time {
	if !ns.Valid {
		return nil
	}
	t := sc.stamp(ns.String)
	return &t
}

// meta holds the scanned Meta columns of a row.
type meta struct {
	id, created, updated, by string
	deleted                  sql.NullString
}

// dest returns the scan destinations of the Meta columns, in metaColumns order.
func (m *meta) dest() []any { return []any{&m.id, &m.created, &m.updated, &m.by, &m.deleted} }

func (m *meta) meta(sc *scanner) app.Meta {
	return app.Meta{ID: m.id, CreatedAt: sc.stamp(m.created), UpdatedAt: sc.stamp(m.updated), UpdatedBy: m.by, DeletedAt: sc.deleted(m.deleted)}
}

// metaColumns are the Meta columns as every entity selects them, last in its column list.
const metaColumns = "id, created_at, updated_at, updated_by, deleted_at"

func joinTies(ts []app.Tie) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ",")
}

func splitTies(s string) []app.Tie {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := make([]app.Tie, len(parts))
	for i, p := range parts {
		out[i] = app.Tie(p)
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// isUniqueViolation reports a UNIQUE constraint failure.
func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

// isForeignKeyViolation reports a FOREIGN KEY constraint failure.
func isForeignKeyViolation(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// writeErr turns constraint failures of a write into the errors app knows.
func writeErr(what string, err error) error {
	switch {
	case err == nil:
		return nil
	case isUniqueViolation(err):
		return fmt.Errorf("%s：%w", what, app.ErrDuplicate)
	case isForeignKeyViolation(err):
		return fmt.Errorf("%s：关联的记录不存在：%w", what, app.ErrNotFound)
	case isReadOnly(err):
		return fmt.Errorf("%s：%w", what, app.ErrReadOnly)
	}
	return classify(fmt.Errorf("%s：%w", what, err))
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// Store satisfies everything the ledger needs.
var _ app.Store = (*Store)(nil)
