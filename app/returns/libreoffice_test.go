package returns

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestLibreOfficeRecalculates is a third reader, when LibreOffice is installed (it is not a
// build dependency): a filled return converts headless without complaint, and the 合计 row,
// written as formulas without cached results, computes to the sum of the rows.
func TestLibreOfficeRecalculates(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	l := fixtureLedger(t)
	res, err := Generate(context.Background(), l, builtin(t, "招商引资项目调度表（亿元以上）"), fixturePeriod, Options{NoArchive: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "return.xlsx")
	if err := os.WriteFile(book, res.File, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "return.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var total []string
	for _, row := range rows {
		if len(row) > 0 && row[0] == "合计" {
			total = row
		}
	}
	col := func(name string) int {
		n, _ := excelize.ColumnNameToNumber(name)
		return n - 1
	}
	if total == nil {
		t.Fatalf("no 合计 row in LibreOffice's reading:\n%v", rows)
	}
	// 60 + 3.5 + 12 + 25 + 1.8 亿元; arrivals 12 000 + 2 500 万元 this month.
	for c, want := range map[string]string{"I": "102.30", "J": "65.80", "K": "2,000.00", "P": "14,500.00", "Q": "20,300.00", "R": "550.50"} {
		if got := strings.TrimSpace(total[col(c)]); got != want {
			t.Errorf("LibreOffice computes %s of the 合计 row as %q, want %q", c, got, want)
		}
	}
}
