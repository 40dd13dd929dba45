// Package apptest gives the tests of the packages above app (ui, cli, importers) a real
// ledger: a SQLite file in the test's temporary folder, seeded with the reference data and,
// on request, demo records — wired the way main wires it, so those tests never mock the
// database and never import store themselves.
package apptest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"ganzhao/app"
	"ganzhao/seeds"
	"ganzhao/store"
)

// Today is the fixed date of ledgers made here.
var Today = app.NewDate(2026, time.November, 27)

// TestWorkFactor is the scrypt cost of files encrypted by ledgers made here: 2^10 takes
// milliseconds where the default 2^18 takes seconds (tens of them under -race).
const TestWorkFactor = 10

// Now is the fixed clock of ledgers made here: 10:00 local time on Today.
func Now() time.Time {
	return time.Date(Today.Year(), Today.Month(), Today.Day(), 10, 0, 0, 0, time.Local)
}

// Ledger opens a fresh ledger on a temporary file with the reference data, and demoSize demo
// records (none for 0). The store closes when the test ends. It returns the database path too.
func Ledger(t testing.TB, demoSize int) (*app.Ledger, string) {
	t.Helper()
	return LedgerWithClock(t, demoSize, Now)
}

// LedgerWithClock is Ledger with the clock now, for tests that move time on.
func LedgerWithClock(t testing.TB, demoSize int, now func() time.Time) (*app.Ledger, string) {
	t.Helper()
	l, path, _ := open(t, demoSize, now)
	return l, path
}

// LedgerToClose is Ledger for benchmarks that make a ledger per iteration: it also returns a
// function that closes the store there and then, waiting for its background work (the
// checkpoint after an import), where Ledger's store stays open until the benchmark ends.
func LedgerToClose(t testing.TB, demoSize int) (*app.Ledger, func()) {
	t.Helper()
	l, _, s := open(t, demoSize, Now)
	return l, func() { s.Close() }
}

func open(t testing.TB, demoSize int, now func() time.Time) (*app.Ledger, string, *store.Store) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ganzhao.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sets, err := seeds.Reference()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyReference(ctx, sets); err != nil {
		t.Fatal(err)
	}
	l, err := app.NewLedger(ctx, s, now)
	if err != nil {
		t.Fatal(err)
	}
	l.SetScryptWorkFactor(TestWorkFactor)
	if demoSize > 0 {
		d, err := seeds.Demo(seeds.DemoOptions{Size: demoSize, Seed: 1, Today: Today})
		if err != nil {
			t.Fatal(err)
		}
		if err := l.LoadDataset(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return l, path, s
}
