package export

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"
)

// benchTable is a 100 000-row list view: names, codes, amounts, dates and counts.
func benchTable() ([]Column, func(i int) []any) {
	cols := []Column{{Title: "项目名称"}, {Title: "统一社会信用代码"}, {Title: "开发区"}, {Title: "阶段"}, {Title: "总投资（亿元）"},
		{Title: "签约日期"}, {Title: "包干领导"}, {Title: "责任单位"}, {Title: "到位资金（亿元）"}, {Title: "备注"}}
	return cols, func(i int) []any {
		return []any{fmt.Sprintf("第%d号智能装备产业园项目", i), fmt.Sprintf("91360100%09dX", i), "南昌经开区", "在建", float64(i%5000) / 100,
			fmt.Sprintf("2026-%02d-%02d", i%12+1, i%28+1), "张卫东副主任", "招商一局", float64(i%300) / 100, "=不是公式"}
	}
}

// peakHeap runs fn and reports the largest live heap seen while it ran, sampled every 20 ms.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				mu.Lock()
				peak = max(peak, ms.HeapInuse)
				mu.Unlock()
			}
		}
	}()
	fn()
	close(done)
	mu.Lock()
	defer mu.Unlock()
	return peak
}

// BenchmarkXLSX100k exports 100 000 rows × 10 columns to .xlsx (goal: ≤ 3 s, ≤ 200 MB).
func BenchmarkXLSX100k(b *testing.B) {
	cols, row := benchTable()
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		peak := peakHeap(func() {
			if err := XLSX(io.Discard, "项目", cols, 100_000, row); err != nil {
				b.Fatal(err)
			}
		})
		b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkCSV100k exports the same rows to CSV.
func BenchmarkCSV100k(b *testing.B) {
	cols, row := benchTable()
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		peak := peakHeap(func() {
			if err := CSV(io.Discard, cols, 100_000, row); err != nil {
				b.Fatal(err)
			}
		})
		b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the CPU time (user and system) the process has used: on a busy machine it says
// what an export costs better than the wall clock does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
