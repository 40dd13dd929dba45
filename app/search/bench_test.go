package search_test

import (
	"context"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/mozillazg/go-pinyin"
	"github.com/sahilm/fuzzy"

	"ganzhao/app"
	"ganzhao/app/apptest"
	"ganzhao/app/search"
)

// BenchmarkSearch100k measures the index on 100 000 demo records (about 80 000 of them
// searched: enterprises, people, projects, funds, chambers, zones, activities):
//
//	build      one full build from the database: ns/op, and the heap the index holds (heap-MB)
//	keystroke  every keystroke of a typed sequence (Chinese 1–3 characters, full pinyin
//	           prefixes, initials, phone digits): p50-ns and p95-ns per keystroke
//	cold       the same queries shuffled, so that none narrows the one before
//	baseline   sahilm/fuzzy.Find over all names for the same keystrokes, and how many times
//	           slower that is than the index (x-p50, x-p95)
//
// The goal is p95 ≤ 10 ms a keystroke on the 2-core machine.
func BenchmarkSearch100k(b *testing.B) {
	ctx := context.Background()
	l, _ := apptest.Ledger(b, 100000)
	ix := search.New(l.Store())
	if err := ix.Build(ctx); err != nil {
		b.Fatal(err)
	}
	names := allNames(b, l)
	keys := keystrokes(b, l)

	b.Run("build", func(b *testing.B) {
		var heap uint64
		for b.Loop() {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			fresh := search.New(l.Store())
			if err := fresh.Build(ctx); err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			heap = after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
			runtime.KeepAlive(fresh)
		}
		b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
		b.ReportMetric(float64(ix.Len()), "records")
	})

	b.Run("keystroke", func(b *testing.B) {
		var took []time.Duration
		for b.Loop() {
			for _, q := range keys {
				start := time.Now()
				ix.Search(q, search.DefaultPerKind)
				took = append(took, time.Since(start))
			}
		}
		b.ReportMetric(percentile(took, 50), "p50-ns")
		b.ReportMetric(percentile(took, 95), "p95-ns")
		b.ReportMetric(float64(len(keys)), "keys")
	})

	// The same keystrokes in another order: no query extends the one before, so each is
	// answered from scratch, without the narrowing typing allows.
	shuffled := slices.Clone(keys)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b.Run("cold", func(b *testing.B) {
		var took []time.Duration
		for b.Loop() {
			for _, q := range shuffled {
				start := time.Now()
				ix.Search(q, search.DefaultPerKind)
				took = append(took, time.Since(start))
			}
		}
		b.ReportMetric(percentile(took, 50), "p50-ns")
		b.ReportMetric(percentile(took, 95), "p95-ns")
	})

	b.Run("baseline", func(b *testing.B) {
		var base, ours []time.Duration
		for b.Loop() {
			for _, q := range keys {
				start := time.Now()
				fuzzy.Find(q, names)
				base = append(base, time.Since(start))
				start = time.Now()
				ix.Search(q, search.DefaultPerKind)
				ours = append(ours, time.Since(start))
			}
		}
		b.ReportMetric(percentile(base, 50), "p50-ns")
		b.ReportMetric(percentile(base, 95), "p95-ns")
		b.ReportMetric(percentile(base, 50)/percentile(ours, 50), "x-p50")
		b.ReportMetric(percentile(base, 95)/percentile(ours, 95), "x-p95")
	})
}

func percentile(d []time.Duration, p int) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	return float64(s[(len(s)-1)*p/100])
}

// allNames are the names the index holds, for the baseline.
func allNames(b *testing.B, l *app.Ledger) []string {
	ctx := context.Background()
	st := l.Store()
	var out []string
	es, err := st.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range es {
		out = append(out, e.Name)
	}
	ps, _ := st.People(ctx, app.PersonFilter{})
	for _, p := range ps {
		out = append(out, p.Name)
	}
	prs, _ := st.Projects(ctx, app.ProjectFilter{})
	for _, p := range prs {
		out = append(out, p.Name)
	}
	fs, _ := st.Funds(ctx)
	for _, f := range fs {
		out = append(out, f.Name)
	}
	cs, _ := st.Chambers(ctx)
	for _, c := range cs {
		out = append(out, c.Name)
	}
	zs, _ := st.Zones(ctx)
	for _, z := range zs {
		out = append(out, z.Name)
	}
	as, _ := st.Activities(ctx, app.ActivityFilter{})
	for _, a := range as {
		out = append(out, a.Summary)
	}
	return out
}

// keystrokes is what a user types to find some real records, one query per keystroke:
// a name's first one to three characters, its full pinyin letter by letter, its initials,
// and phone digits.
func keystrokes(b *testing.B, l *app.Ledger) []string {
	ctx := context.Background()
	ps, err := l.Store().People(ctx, app.PersonFilter{Limit: 4000})
	if err != nil {
		b.Fatal(err)
	}
	es, err := l.Store().Enterprises(ctx, app.EnterpriseFilter{Limit: 4000})
	if err != nil {
		b.Fatal(err)
	}
	prs, err := l.Store().Projects(ctx, app.ProjectFilter{Limit: 4000})
	if err != nil {
		b.Fatal(err)
	}
	targets := []string{"南昌经开区"}
	for i := 0; i < 4; i++ {
		targets = append(targets, ps[i*997].Name)
	}
	for i := 0; i < 3; i++ {
		targets = append(targets, es[i*1231].Name)
	}
	targets = append(targets, prs[1777].Name)
	var out []string
	for _, name := range targets {
		runes := []rune(name)
		for n := 1; n <= min(3, len(runes)); n++ {
			out = append(out, string(runes[:n]))
		}
		syl := pinyin.LazyPinyin(name, pinyin.NewArgs())
		full, initials := "", ""
		for i, s := range syl {
			if i < 4 { // nobody types a long name out in full
				for j := range s {
					out = append(out, full+s[:j+1])
				}
				full += s
			}
			if i < 6 {
				initials += s[:1]
				out = append(out, initials)
			}
		}
	}
	for _, p := range ps[:3] {
		if len(p.Phones) > 0 {
			for n := 3; n <= 7; n++ {
				out = append(out, p.Phones[0][:n])
			}
		}
	}
	return out
}
