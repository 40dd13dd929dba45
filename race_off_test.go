//go:build !race

package main

// raceEnabled tells the crash test to build the binary with the race detector too.
const raceEnabled = false
