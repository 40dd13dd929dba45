package export

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestXLSXDeclaresUsedRange: a reader that trusts the declared used range (openpyxl in
// read-only mode) sees every exported row.
func TestXLSXDeclaresUsedRange(t *testing.T) {
	var buf bytes.Buffer
	cols := []Column{{Title: "项目名称"}, {Title: "总投资（亿元）"}}
	if err := XLSX(&buf, "项目", cols, 50, func(i int) []any { return []any{"项目", float64(i)} }); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(unzipSheet(t, buf.Bytes()), []byte(`<dimension ref="A1:B51"`)) {
		t.Error("the sheet does not declare A1:B51 as its used range")
	}
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s cannot import openpyxl: %v", python, err)
		}
		t.Skip("python3-openpyxl is not installed")
	}
	path := filepath.Join(t.TempDir(), "list.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", `import sys
from openpyxl import load_workbook
ws = load_workbook(sys.argv[1], read_only=True).active
print(sum(1 for _ in ws.iter_rows()))`, path).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "51" {
		t.Errorf("openpyxl read-only reads %s rows (%v), want 51", strings.TrimSpace(string(out)), err)
	}
}

// unzipSheet returns the first worksheet's XML of a workbook.
func unzipSheet(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			x, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return x
		}
	}
	t.Fatal("no xl/worksheets/sheet1.xml")
	return nil
}
