package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"ganzhao/app"
	"ganzhao/seeds"
	"ganzhao/store"
)

var benchToday = app.NewDate(2026, time.November, 27)

func benchNow() time.Time { return benchToday.Time().Add(10 * time.Hour) }

// openLedger opens a fresh database with reference data, as the app does on first start.
func openLedger(b *testing.B, dir string) (*app.Ledger, *store.Store) {
	b.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	sets, err := seeds.Reference()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ApplyReference(ctx, sets); err != nil {
		b.Fatal(err)
	}
	l, err := app.NewLedger(ctx, s, benchNow)
	if err != nil {
		b.Fatal(err)
	}
	return l, s
}

// BenchmarkDemo100k generates 100 000 demo records and loads them into a fresh database
// (validation, one transaction, prepared statements): what `ganzhao demo --size 100000` does.
func BenchmarkDemo100k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		l, s := openLedger(b, b.TempDir())
		b.StartTimer()
		d, err := seeds.Demo(seeds.DemoOptions{Size: 100_000, Seed: 1, Today: benchToday})
		if err != nil {
			b.Fatal(err)
		}
		if err := l.LoadDataset(context.Background(), d); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkStats100k computes a year's KPIs over a ledger of 100 000 demo records: reading the
// project facts from SQLite and computing every figure and breakdown.
func BenchmarkStats100k(b *testing.B) {
	l, s := openLedger(b, b.TempDir())
	defer s.Close()
	d, err := seeds.Demo(seeds.DemoOptions{Size: 100_000, Seed: 1, Today: benchToday})
	if err != nil {
		b.Fatal(err)
	}
	if err := l.LoadDataset(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	period := app.Period{From: app.NewDate(2026, time.January, 1), To: benchToday}
	b.ResetTimer()
	for b.Loop() {
		k, err := l.KPIs(context.Background(), period)
		if err != nil {
			b.Fatal(err)
		}
		if k.Signed.Count == 0 {
			b.Fatal("no signed projects in the demo year")
		}
	}
}
