package returns

import (
	"fmt"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"ganzhao/app"
)

// benchRows makes n rows for the built-in 调度表: text, amounts and dates in every column.
func benchRows(tpl Template, n int) []tableRow {
	sm := tpl.Mapping.Sheets[0]
	rows := make([]tableRow, n)
	for i := range rows {
		cells := make([]cell, len(sm.Columns))
		for j, c := range sm.Columns {
			fd, _ := FieldByKey(c.Field)
			switch fd.Kind {
			case KindText:
				cells[j] = cell{kind: cellText, text: fmt.Sprintf("%s第%d行", fd.Label, i)}
			case KindDate:
				cells[j] = cell{kind: cellDate, date: app.NewDate(2026, 1, 1).AddDays(i % 300)}
			default:
				cells[j] = cell{kind: cellNumber, num: float64(i) * 1.25, decimals: 2}
			}
		}
		rows[i] = tableRow{rec: &record{id: fmt.Sprint(i)}, cells: cells}
	}
	return rows
}

// BenchmarkFill10000 fills the 24-column 调度表 template with 10 000 rows (goal: ≤ 1 s).
func BenchmarkFill10000(b *testing.B) {
	all, err := Builtins()
	if err != nil {
		b.Fatal(err)
	}
	tpl := all[0]
	tpl.Mapping.Sheets[0].Group = nil
	rows := benchRows(tpl, 10_000)
	ph := placeholders{period: app.Month{Year: 2026, Month: 11}, reported: app.NewDate(2026, 11, 27)}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		var out []byte
		peak := peakHeap(func() {
			var err error
			if out, _, err = fill(tpl.File, tpl.FileName, tpl.Mapping, [][]tableRow{rows}, ph); err != nil {
				b.Fatal(err)
			}
		})
		b.ReportMetric(float64(len(out))/1e6, "MB-file")
		b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the CPU time (user and system) the process has used: on a busy machine it says
// what an operation costs better than the wall clock does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakHeap runs fn and reports the largest heap in use while it ran, sampled every 20 ms.
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
