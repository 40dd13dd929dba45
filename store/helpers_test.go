package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"ganzhao/app"
	"ganzhao/seeds"
)

// fakeClock is a goroutine-safe clock that advances by step on every reading, so that each
// write gets a later stamp, the way a real clock would.
type fakeClock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

// testStart is the "now" of every test ledger: 2026-03-12 09:00 local time, so Today is
// 2026-03-12 in any time zone.
var testStart = time.Date(2026, 3, 12, 9, 0, 0, 0, time.Local)

func newClock() *fakeClock { return &fakeClock{t: testStart, step: time.Millisecond} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.t
	c.t = c.t.Add(c.step)
	return t
}

// openTemp opens a new ledger file in t.TempDir(); it is closed when the test ends.
func openTemp(t *testing.T) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "ganzhao.db"))
}

// openAt opens the ledger at path and closes it when the test ends.
func openAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newLedger returns the use cases over s with a fresh fake clock.
func newLedger(t *testing.T, s *Store) *app.Ledger {
	t.Helper()
	l, err := app.NewLedger(context.Background(), s, newClock().Now)
	if err != nil {
		t.Fatalf("NewLedger: %v", err)
	}
	return l
}

// openLedger opens a temporary store with the reference data applied and a ledger over it.
func openLedger(t *testing.T) (*Store, *app.Ledger) {
	t.Helper()
	s := openTemp(t)
	applySeeds(t, s)
	return s, newLedger(t, s)
}

func applySeeds(t *testing.T, s *Store) int {
	t.Helper()
	sets, err := seeds.Reference()
	if err != nil {
		t.Fatalf("seeds.Reference: %v", err)
	}
	n, err := s.ApplyReference(context.Background(), sets)
	if err != nil {
		t.Fatalf("ApplyReference: %v", err)
	}
	return n
}

// zoneByName and chainByName find seeded reference rows.
func zoneByName(t *testing.T, s *Store, name string) app.Zone {
	t.Helper()
	zs, err := s.Zones(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, z := range zs {
		if z.Name == name {
			return z
		}
	}
	t.Fatalf("no zone %q", name)
	return app.Zone{}
}

func chainByName(t *testing.T, s *Store, name string) app.Chain {
	t.Helper()
	cs, err := s.Chains(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no chain %q", name)
	return app.Chain{}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// equal fails the test when got and want differ, printing both.
func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

// creditCode returns the n-th of a series of valid unified social credit codes.
func creditCode(n int) string {
	first := fmt.Sprintf("91360100%09d", n)
	return first + string(app.CreditCheckChar(first))
}

// count runs a SELECT COUNT(*) query.
func count(t *testing.T, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// dump renders every row of every table of the database as text, for "nothing changed"
// comparisons.
func dump(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		must(t, rows.Scan(&n))
		tables = append(tables, n)
	}
	must(t, rows.Err())
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		fmt.Fprintf(&b, "== %s\n", table)
		rows, err := db.Query(`SELECT * FROM ` + table + ` ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(t, rows.Scan(ptrs...))
			fmt.Fprintf(&b, "%v\n", vals)
		}
		must(t, rows.Err())
		rows.Close()
	}
	return b.String()
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Fixtures: small valid records a test adjusts.

func newEnterprise(name string, n int) app.Enterprise {
	return app.Enterprise{Name: name, CreditCode: creditCode(n), Nature: app.NaturePrivate, HQProvince: "广东省", HQCity: "深圳市", Priority: app.PriorityA}
}

func saveEnterprise(t *testing.T, l *app.Ledger, e app.Enterprise) app.Enterprise {
	t.Helper()
	must(t, l.SaveEnterprise(context.Background(), &e))
	return e
}

func savePerson(t *testing.T, l *app.Ledger, p app.Person) app.Person {
	t.Helper()
	must(t, l.SavePerson(context.Background(), &p))
	return p
}

func saveChamber(t *testing.T, l *app.Ledger, c app.Chamber) app.Chamber {
	t.Helper()
	must(t, l.SaveChamber(context.Background(), &c))
	return c
}

func createProject(t *testing.T, l *app.Ledger, p app.Project) app.Project {
	t.Helper()
	must(t, l.CreateProject(context.Background(), &p))
	return p
}

func saveTask(t *testing.T, l *app.Ledger, x app.Task) app.Task {
	t.Helper()
	must(t, l.SaveTask(context.Background(), &x))
	return x
}

func saveActivity(t *testing.T, l *app.Ledger, a app.Activity) app.Activity {
	t.Helper()
	must(t, l.SaveActivity(context.Background(), &a))
	return a
}

func saveArrival(t *testing.T, l *app.Ledger, a app.Arrival) app.Arrival {
	t.Helper()
	must(t, l.SaveArrival(context.Background(), &a))
	return a
}

func saveFund(t *testing.T, l *app.Ledger, f app.Fund) app.Fund {
	t.Helper()
	must(t, l.SaveFund(context.Background(), &f))
	return f
}

func saveInvestment(t *testing.T, l *app.Ledger, v app.FundInvestment) app.FundInvestment {
	t.Helper()
	must(t, l.SaveFundInvestment(context.Background(), &v))
	return v
}

func moveStage(t *testing.T, l *app.Ledger, id string, m app.StageMove) app.Project {
	t.Helper()
	p, err := l.MoveStage(context.Background(), id, m)
	if err != nil {
		t.Fatalf("MoveStage(%s → %s on %s): %v", id, m.To, m.On, err)
	}
	return p
}

// day parses a yyyy-mm-dd date.
func day(s string) app.Date { return app.MustDate(s) }
