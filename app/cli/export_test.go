package cli

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// unseenTemplate is the city template of app/returns' tests: two-level header, one column
// the app cannot fill.
var unseenTemplate = filepath.Join("..", "returns", "testdata", "unseen", "重点项目推进表.xlsx")

func TestExportBuiltinTemplate(t *testing.T) {
	env, out := openEnv(t, "")
	run(t, env, out, "demo", "--size", "2000", "--seed", "1")
	dir := t.TempDir()
	path := filepath.Join(dir, "5020.xlsx")
	var rep exportReport
	if err := json.Unmarshal([]byte(run(t, env, out, "export", "--template", "“5020”项目调度表", "--period", "2026-11", "--out", path, "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Rows == 0 || rep.ArchiveID == "" || rep.Proposed || len(rep.Unmapped) != 0 || rep.Period.String() != "2026-11" {
		t.Fatalf("report %+v", rep)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("5020项目", "A1"); v != "“5020”项目调度表（2026年11月）" {
		t.Errorf("title %q", v)
	}
	// The second return of the same template compares with the first.
	text := run(t, env, out, "export", "--template", "“5020”项目调度表", "--period", "2026-11", "--out", path)
	if !strings.Contains(text, "新增 0、变更 0、移除 0") || !strings.Contains(text, "已归档") {
		t.Errorf("output %q", text)
	}
}

func TestExportUnseenTemplate(t *testing.T) {
	env, out := openEnv(t, "")
	run(t, env, out, "demo", "--size", "2000", "--seed", "1")
	dir := t.TempDir()
	var rep exportReport
	if err := json.Unmarshal([]byte(run(t, env, out, "export", "--template", unseenTemplate, "--period", "2026-11",
		"--out", filepath.Join(dir, "推进表.xlsx"), "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if !rep.Proposed || rep.Rows == 0 || len(rep.Found) == 0 {
		t.Fatalf("report %+v", rep)
	}
	var cols []string
	for _, c := range rep.Unmapped {
		cols = append(cols, c.Col+" "+c.Header)
	}
	if strings.Join(cols, "|") != "L 建设内容及规模" {
		t.Errorf("unmapped %q", cols)
	}

	// The proposed mapping, edited to fill L with the notes, is given back with --mapping.
	m := rep.Mapping
	for i, c := range m.Sheets[0].Columns {
		if c.Col == "L" {
			m.Sheets[0].Columns[i].Field = "project.notes"
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	mapping := filepath.Join(dir, "mapping.json")
	if err := os.WriteFile(mapping, b, 0o644); err != nil {
		t.Fatal(err)
	}
	rep = exportReport{}
	if err := json.Unmarshal([]byte(run(t, env, out, "export", "--template", unseenTemplate, "--mapping", mapping, "--period", "2026-11",
		"--out", filepath.Join(dir, "推进表2.xlsx"), "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Proposed || len(rep.Unmapped) != 0 {
		t.Errorf("with a mapping: %+v", rep)
	}
	text := run(t, env, out, "export", "--template", unseenTemplate, "--out", filepath.Join(dir, "推进表3.xlsx"))
	if !strings.Contains(text, "未填写的列：L 列“建设内容及规模”") || !strings.Contains(text, "两级表头") {
		t.Errorf("text output %q", text)
	}
}

func TestExportMistakes(t *testing.T) {
	env, out := openEnv(t, "")
	dir := t.TempDir()
	tests := []struct {
		name  string
		args  []string
		usage bool
		msg   string
	}{
		{"no out", []string{"--template", "新签约项目表"}, true, "--out"},
		{"no template", []string{"--out", filepath.Join(dir, "a.xlsx")}, true, "--template"},
		{"bad period", []string{"--template", "新签约项目表", "--period", "2026-13", "--out", filepath.Join(dir, "a.xlsx")}, true, "--period"},
		{"not xlsx out", []string{"--template", "新签约项目表", "--out", filepath.Join(dir, "a.csv")}, true, ".xlsx"},
		{"unknown name", []string{"--template", "不存在的表", "--out", filepath.Join(dir, "a.xlsx")}, false, "新签约项目表"},
		{"missing file", []string{"--template", filepath.Join(dir, "无此文件.xlsx"), "--out", filepath.Join(dir, "a.xlsx")}, false, "不存在"},
		{"mapping for a built-in", []string{"--template", "新签约项目表", "--mapping", "x.json", "--out", filepath.Join(dir, "a.xlsx")}, true, "--mapping"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out.Reset()
			err := Run(context.Background(), env, "export", tc.args)
			var ue UsageError
			if err == nil || errors.As(err, &ue) != tc.usage || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v (usage %v), want one naming %q", err, errors.As(err, &ue), tc.msg)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "a.xlsx")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a failed export left a file")
	}
	if list, _ := env.Ledger.Store().Returns(context.Background(), ""); len(list) != 0 {
		t.Errorf("%d returns archived by failed exports", len(list))
	}
}
