package importers_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ganzhao/app"
	"ganzhao/app/apptest"
	"ganzhao/importers"
	"ganzhao/seeds"
)

// writeMessyLedger writes a project ledger of n rows the way teams keep them: a title row, a
// two-level header with merged parents, amounts with and without units, dates as serials and
// as text, phones that lost their leading zero, stage words, a blank row every thousand rows
// and a totals row at the end. Names come from the demo generator.
func writeMessyLedger(tb testing.TB, n int) string { return writeMessyLedgerShifted(tb, n, 0) }

// writeMessyLedgerShifted is writeMessyLedger with every row's amount moved by shift: the
// same ledger a month on, every project's investment revised.
func writeMessyLedgerShifted(tb testing.TB, n, shift int) string {
	tb.Helper()
	d, err := seeds.Demo(seeds.DemoOptions{Size: 20_000, Seed: 3, Today: apptest.Today})
	if err != nil {
		tb.Fatal(err)
	}
	investors := map[string]app.Enterprise{}
	for _, e := range d.Enterprises {
		investors[e.ID] = e
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	row := func(r int, vals ...any) {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, vals); err != nil {
			tb.Fatal(err)
		}
	}
	row(1, "2025年招商引资项目台账（测试）")
	row(2, "序号", "项目名称", "投资方信息", nil, "总投资（万元）", "项目阶段", "签约时间", "开工时间", "招商方式", "联系人", nil, "所属开发区", "备注")
	row(3, nil, nil, "投资方名称", "统一社会信用代码", nil, nil, nil, nil, nil, "姓名", "联系电话")
	for _, m := range []string{"A1:M1", "A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:I3", "J2:K2", "L2:L3", "M2:M3"} {
		parts := strings.Split(m, ":")
		if err := sw.MergeCell(parts[0], parts[1]); err != nil {
			tb.Fatal(err)
		}
	}
	stages := []string{"洽谈中", "已签约", "在谈", "储备", "签约"}
	methods := []string{"以商引商、产业链招商", "驻点招商", "基金招商", "展会", "三请三回（乡友）"}
	zones := []string{"南昌经济技术开发区", "宜春经开区", "上饶经开区", "赣州经开区", "九江经开区"}
	r := 4
	for i := range n {
		if i > 0 && i%1000 == 0 {
			r++ // a blank row
		}
		p := d.Projects[i%len(d.Projects)]
		inv := investors[p.InvestorID]
		a := i + shift
		amount := []any{fmt.Sprintf("%d.%d亿元", 1+a%9, a%10), fmt.Sprintf("%d万", 500+a%9000), fmt.Sprintf("%d,%03d", 1+a%50, a%1000), 3000 + a%7000}[i%4]
		var signed any = 45000 + i%700
		if i%3 == 1 {
			signed = fmt.Sprintf("2024年%d月%d日", 1+i%12, 1+i%28)
		}
		stage := stages[i%len(stages)]
		if stage == "洽谈中" || stage == "在谈" || stage == "储备" {
			signed = nil
		}
		phone := any(fmt.Sprintf("138%08d", i))
		if i%5 == 0 {
			phone = 79186000000 + i // a landline that lost its leading zero
		}
		row(r, i+1, fmt.Sprintf("%s（%d）", p.Name, i), inv.Name, inv.CreditCode, amount, stage, signed, nil,
			methods[i%len(methods)], fmt.Sprintf("联系人%d", i%5000), phone, zones[i%len(zones)], "")
		r++
	}
	row(r, "合计", nil, nil, nil, "=SUM(E4:E"+fmt.Sprint(r-1)+")")
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), fmt.Sprintf("ledger%d-%d.xlsx", n, shift))
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkImport50k imports a generated 50 000-row messy .xlsx end to end into an empty
// ledger: read, find the table, parse, plan against the ledger (dedup), back up and commit.
// The rows are streamed, as the window and the command line do: read while they are planned.
// Goal: ≤ 5 s per import on the 2-core machine. Run: go test -run '^$' -bench Import50k
// -benchtime 1x -count 5 ./importers
func BenchmarkImport50k(b *testing.B) { benchmarkImport(b, 50_000, 0) }

// BenchmarkImport10k is the same on 10 000 rows, for profiling.
func BenchmarkImport10k(b *testing.B) { benchmarkImport(b, 10_000, 0) }

// BenchmarkImport50kInto100k imports the same file into a ledger that already holds 100 000
// demo records: every row is matched against them, and the backup before the import copies
// them all.
func BenchmarkImport50kInto100k(b *testing.B) { benchmarkImport(b, 50_000, 100_000) }

func benchmarkImport(b *testing.B, n, existing int) {
	path := writeMessyLedger(b, n)
	runtime.GC()
	peak := sampleHeap()
	defer func() { b.ReportMetric(peak()/(1<<20), "peak-heap-MB") }()
	var cpu time.Duration
	var rss float64
	for b.Loop() {
		b.StopTimer()
		l, closeLedger := apptest.LedgerToClose(b, existing)
		resetPeakRSS()
		cpu0 := cpuTime()
		b.StartTimer()
		rep := importPath(b, l, path)
		b.StopTimer()
		cpu += cpuTime() - cpu0
		rss = max(rss, peakRSS())
		// The checkpoint that follows an import runs in the background: it finishes here,
		// untimed, rather than in the next import's time.
		closeLedger()
		if rep.Created != n || rep.RejectedRows() != 0 {
			b.Fatalf("%s; first rejected: %v", rep.Summary(), rep.Rejected[:min(3, len(rep.Rejected))])
		}
		b.StartTimer()
	}
	// On a shared machine the wall time depends on the load; the CPU time much less so.
	if cpu > 0 {
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	}
	if rss > 0 {
		b.ReportMetric(rss/(1<<20), "peak-RSS-MB")
	}
}

// sampleHeap samples the Go heap in use every 10 ms until the returned function is called,
// which stops the sampling and returns the peak in bytes. It reads runtime/metrics, which
// does not stop the world as runtime.ReadMemStats does.
func sampleHeap() func() float64 {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	var peak uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			peak = max(peak, samples[0].Value.Uint64()+samples[1].Value.Uint64())
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() float64 {
		close(stop)
		<-done
		return float64(peak)
	}
}

// importPath imports a file end to end as the window and the command line do: the rows are
// streamed, read while they are planned.
func importPath(b *testing.B, l *app.Ledger, path string) app.ImportReport {
	b.Helper()
	tbl, err := importers.Load(path, "", importers.DefaultLimits())
	if err != nil {
		b.Fatal(err)
	}
	f, err := tbl.StreamFile()
	if err != nil {
		b.Fatal(err)
	}
	rep, err := l.CommitImport(context.Background(), f, nil, app.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return rep
}

// BenchmarkReimport50k imports the ledger again a month on, every project's investment
// revised: 50 000 records updated, each with its previous version kept for undo and its
// changed field audited. The first import is not timed.
func BenchmarkReimport50k(b *testing.B) {
	first, again := writeMessyLedger(b, 50_000), writeMessyLedgerShifted(b, 50_000, 1)
	for b.Loop() {
		b.StopTimer()
		l, closeLedger := apptest.LedgerToClose(b, 0)
		importPath(b, l, first)
		b.StartTimer()
		rep := importPath(b, l, again)
		b.StopTimer()
		if rep.Updated != 50_000 || rep.Created != 0 {
			b.Fatalf("second import: %s", rep.Summary())
		}
		closeLedger()
		b.StartTimer()
	}
}

// BenchmarkUndo50k takes back a 50 000-row import (created records deleted with their child
// rows, each checked for links made since).
func BenchmarkUndo50k(b *testing.B) {
	path := writeMessyLedger(b, 50_000)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		l, _ := apptest.Ledger(b, 0)
		rep := importPath(b, l, path)
		b.StartTimer()
		u, err := l.UndoImport(ctx, rep.Batch)
		if err != nil || len(u.Kept) != 0 {
			b.Fatalf("undo: %+v, %v", u, err)
		}
	}
}
