//go:build !linux

package importers_test

import "time"

// On other systems the benchmark reports wall time and the Go heap only.

func cpuTime() time.Duration { return 0 }

func resetPeakRSS() {}

func peakRSS() float64 { return 0 }
