package returns

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ganzhao/app"
)

// Fuzz targets for the two things a return reads from outside: a workbook the user picked as a
// template (read by Propose, then filled), and a saved template's mapping (JSON kept in the
// ledger). Seed corpora are in testdata/fuzz; `make fuzz` runs each for FUZZTIME.

// FuzzPropose feeds the unseen-template detector damaged workbooks. Propose must return a
// proposal or an error, never panic; a proposal it makes must pass its own check and fill.
func FuzzPropose(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "unseen", "重点项目推进表.xlsx")); err == nil {
		f.Add(b)
	}
	if all, err := Builtins(); err == nil {
		for _, t := range all[:2] {
			f.Add(t.File)
		}
	}
	f.Add([]byte("PK\x03\x04not a workbook"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Propose("模板.xlsx", b)
		if err != nil {
			return
		}
		if err := p.Mapping.Check(); err != nil {
			t.Fatalf("Propose made a mapping it does not accept: %v\n%s", err, p.Mapping.JSON())
		}
		fillEmpty(t, b, p.Mapping)
	})
}

// FuzzParseMapping feeds the saved-mapping reader damaged JSON: it must refuse it with an
// error; a mapping it accepts must write back to the same JSON and fill a built-in workbook
// without panicking.
func FuzzParseMapping(f *testing.F) {
	all, err := Builtins()
	if err != nil {
		f.Fatal(err)
	}
	for _, t := range all {
		f.Add(t.Mapping.JSON())
	}
	f.Add([]byte(`{"sheets":[{"sheet":"Sheet1","header_rows":[3],"first_data_row":4,"source":"项目","columns":[{"col":"A","field":"seq"}],"filter":{}}]}`))
	book := all[0].File
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseMapping(b)
		if err != nil {
			return
		}
		again, err := ParseMapping(m.JSON())
		if err != nil || !bytes.Equal(again.JSON(), m.JSON()) {
			t.Fatalf("mapping does not read back: %v\n%s\n%s", err, m.JSON(), again.JSON())
		}
		fillEmpty(t, book, m)
	})
}

// fillEmpty fills a template with no rows: an error is fine, a panic is not.
func fillEmpty(t *testing.T, book []byte, m Mapping) {
	t.Helper()
	ph := placeholders{period: app.Month{Year: 2025, Month: 3}, reported: app.Date{}}
	// A fill that hangs is a failure too: the watchdog turns it into a crash the fuzzer
	// records with its input.
	watchdog := time.AfterFunc(10*time.Second, func() {
		panic(fmt.Sprintf("filling an empty table took over 10 s with mapping\n%s", m.JSON()))
	})
	defer watchdog.Stop()
	fill(book, "模板.xlsx", m, make([][]tableRow, len(m.Sheets)), ph)
}
