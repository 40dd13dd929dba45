package store_test

import (
	"context"
	"testing"

	"ganzhao/app"
	"ganzhao/seeds"
)

// demoLedger100k opens a ledger of 100 000 demo records.
func demoLedger100k(b *testing.B) *app.Ledger {
	b.Helper()
	l, s := openLedger(b, b.TempDir())
	b.Cleanup(func() { s.Close() })
	d, err := seeds.Demo(seeds.DemoOptions{Size: 100_000, Seed: 1, Today: benchToday})
	if err != nil {
		b.Fatal(err)
	}
	if err := l.LoadDataset(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkReminders100k computes the 工作台's reminders (overdue tasks, stale projects, people
// due for contact) over 100 000 demo records: three grouped queries and the rules.
func BenchmarkReminders100k(b *testing.B) {
	l := demoLedger100k(b)
	b.ResetTimer()
	for b.Loop() {
		r, err := l.Reminders(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Tasks) == 0 || len(r.Stale) == 0 || len(r.Contacts) == 0 {
			b.Fatalf("empty reminders: %d tasks, %d stale, %d contacts", len(r.Tasks), len(r.Stale), len(r.Contacts))
		}
	}
}

// BenchmarkPipeline100k reads the pipeline board over 100 000 demo records: the stage tallies
// and up to 200 cards per stage.
func BenchmarkPipeline100k(b *testing.B) {
	l := demoLedger100k(b)
	b.ResetTimer()
	for b.Loop() {
		cols, err := l.Pipeline(context.Background(), nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(cols) != len(app.Stages) {
			b.Fatalf("%d columns", len(cols))
		}
	}
}
