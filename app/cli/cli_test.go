package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"ganzhao/app"
	"ganzhao/app/apptest"
	"ganzhao/app/crypt"
	"ganzhao/store"
)

// openEnv opens a fresh ledger with the reference seeds, as main does.
func openEnv(t *testing.T, _ string) (Env, *bytes.Buffer) {
	t.Helper()
	l, path := apptest.Ledger(t, 0)
	out := &bytes.Buffer{}
	return Env{Ledger: l, DBPath: path, SchemaVersion: store.SchemaVersion(), Out: out}, out
}

func run(t *testing.T, env Env, out *bytes.Buffer, verb string, args ...string) string {
	t.Helper()
	out.Reset()
	if err := Run(context.Background(), env, verb, args); err != nil {
		t.Fatalf("%s %v: %v", verb, args, err)
	}
	return out.String()
}

// TestDemoStatsDeterministic is the acceptance: demo then stats --json prints every
// KPI key, and the same seed into a fresh file gives identical stats.
func TestDemoStatsDeterministic(t *testing.T) {
	var outputs []string
	for _, name := range []string{"a.db", "b.db"} {
		env, out := openEnv(t, name)
		run(t, env, out, "demo", "--size", "2000", "--seed", "7")
		outputs = append(outputs, run(t, env, out, "stats", "--from", "2024-01-01", "--to", "2026-11-27", "--json"))
	}
	if outputs[0] != outputs[1] {
		t.Fatalf("same seed, different stats:\n%s\n---\n%s", outputs[0], outputs[1])
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(outputs[0]), &m); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"signed", "yi_plus", "p5020", "started", "produced", "start_rate", "production_rate",
		"performance_rate", "funds_arrival_rate", "arrived_in_period", "by_zone", "by_chain", "by_method", "by_tie", "by_nature", "by_stage"} {
		if _, ok := m[key]; !ok {
			t.Errorf("stats JSON has no key %q", key)
		}
	}
	var k app.KPIs
	if err := json.Unmarshal([]byte(outputs[0]), &k); err != nil {
		t.Fatal(err)
	}
	if k.Signed.Count == 0 || k.YiPlus.Count == 0 || len(k.ByZone) == 0 || len(k.ByTie) == 0 {
		t.Errorf("demo data gives empty KPIs: %+v", k.Signed)
	}
	if k.Signed.Count < k.YiPlus.Count || k.YiPlus.Count < k.P5020.Count {
		t.Errorf("signed %d ≥ 亿元以上 %d ≥ 5020 %d does not hold", k.Signed.Count, k.YiPlus.Count, k.P5020.Count)
	}
}

func TestDemoRefusesNonEmptyDatabase(t *testing.T) {
	env, out := openEnv(t, "x.db")
	run(t, env, out, "demo", "--size", "200")
	err := Run(context.Background(), env, "demo", []string{"--size", "200"})
	if err == nil || !strings.Contains(err.Error(), "已有项目") {
		t.Fatalf("second demo: %v, want a refusal", err)
	}
}

// TestListJSONCarriesEveryField checks that list --json writes each record whole: amounts in
// 元 and stages by their Chinese names, and the same values a store read gives.
func TestListJSONCarriesEveryField(t *testing.T) {
	env, out := openEnv(t, "x.db")
	run(t, env, out, "demo", "--size", "500")
	text := run(t, env, out, "list", "projects", "--stage", "签约", "--json")
	var got []app.Project
	if err := json.Unmarshal([]byte(text), &got); err != nil {
		t.Fatal(err)
	}
	want, err := env.Ledger.Store().Projects(context.Background(), app.ProjectFilter{Stages: []app.Stage{app.StageSigned}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || len(got) != len(want) {
		t.Fatalf("list gave %d projects, store %d", len(got), len(want))
	}
	for i := range want {
		w := want[i]
		w.CreatedAt, w.UpdatedAt = w.CreatedAt.UTC(), w.UpdatedAt.UTC()
		g := got[i]
		g.CreatedAt, g.UpdatedAt = g.CreatedAt.UTC(), g.UpdatedAt.UTC()
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("project %d differs:\n got %+v\nwant %+v", i, g, w)
		}
	}
	var raw []map[string]any
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		t.Fatal(err)
	}
	if raw[0]["stage"] != "签约" {
		t.Errorf("stage = %v, want 签约", raw[0]["stage"])
	}
	for _, key := range []string{"total_investment", "fixed_investment", "foreign_capital", "land_mu", "signed_on", "leader", "unit", "methods", "zone_id", "investor_id"} {
		if _, ok := raw[0][key]; !ok {
			t.Errorf("project JSON lacks %q", key)
		}
	}
	for _, kind := range []string{"enterprises", "people", "funds"} {
		text := run(t, env, out, "list", kind, "--json")
		var recs []map[string]any
		if err := json.Unmarshal([]byte(text), &recs); err != nil || len(recs) == 0 {
			t.Errorf("list %s --json: %d records, %v", kind, len(recs), err)
		}
	}
	if s := run(t, env, out, "list", "projects"); !strings.Contains(s, "个项目") {
		t.Errorf("text list has no footer:\n%s", s)
	}
}

func TestUsageErrors(t *testing.T) {
	env, _ := openEnv(t, "x.db")
	tests := []struct {
		verb string
		args []string
		want string
	}{
		{"list", nil, "记录类型"},
		{"list", []string{"projects", "--stage", "洽谈"}, "未知的项目阶段"},
		{"list", []string{"people", "--stage", "签约"}, "只用于"},
		{"stats", []string{"--from", "2025/01/01"}, "yyyy-mm-dd"},
		{"stats", []string{"--from", "2025-06-01", "--to", "2025-01-01"}, "早于"},
		{"backup", []string{"a.db", "b.db"}, "最多一个文件"},
		{"frobnicate", nil, "未知命令"},
	}
	for _, tc := range tests {
		t.Run(tc.verb+" "+strings.Join(tc.args, " "), func(t *testing.T) {
			err := Run(context.Background(), env, tc.verb, tc.args)
			var ue UsageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a usage error with %q", err, tc.want)
			}
		})
	}
}

func TestBackupRestoreCheck(t *testing.T) {
	env, out := openEnv(t, "x.db")
	run(t, env, out, "demo", "--size", "300")
	backup := filepath.Join(t.TempDir(), "b.db")
	run(t, env, out, "backup", backup)
	before := run(t, env, out, "stats", "--json")
	e := &app.Enterprise{Name: "恢复测试企业有限公司"}
	if err := env.Ledger.SaveEnterprise(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	if s := run(t, env, out, "restore", backup); !strings.Contains(s, "已从") {
		t.Fatalf("restore said %q", s)
	}
	if _, err := env.Ledger.Store().Enterprise(context.Background(), e.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("enterprise saved after the backup survived the restore: %v", err)
	}
	if after := run(t, env, out, "stats", "--json"); after != before {
		t.Errorf("stats changed across backup/restore")
	}
	if s := run(t, env, out, "check"); !strings.Contains(s, "检查通过") {
		t.Errorf("check said %q", s)
	}
	if err := Run(context.Background(), env, "restore", []string{filepath.Join(t.TempDir(), "missing.db")}); err == nil {
		t.Error("restore from a missing file succeeded")
	}
}

// TestEncryptedBackupCommand backs up with --encrypt into the backup folder and to a file,
// then restores the file on another ledger: a wrong passphrase changes nothing.
func TestEncryptedBackupCommand(t *testing.T) {
	ctx := context.Background()
	env, out := openEnv(t, "x.db")
	run(t, env, out, "demo", "--size", "200")
	pass := "江西省赣州市2026"
	var asked []string
	env.Passphrase = func(prompt string, isNew bool) (string, error) {
		asked = append(asked, fmt.Sprint(prompt, isNew))
		return pass, nil
	}
	if s := run(t, env, out, "backup", "--encrypt"); !strings.Contains(s, "-手动.db.age") {
		t.Errorf("backup --encrypt said %q", s)
	}
	file := filepath.Join(t.TempDir(), "台账.db.age")
	run(t, env, out, "backup", file, "--encrypt")
	if len(asked) != 2 || asked[0] != "请设置备份密码：true" {
		t.Errorf("passphrase asked %v", asked)
	}
	stats := run(t, env, out, "stats", "--json")

	other, otherOut := openEnv(t, "y.db")
	other.Passphrase = func(string, bool) (string, error) { return "江西省赣州市2025", nil }
	empty := run(t, other, otherOut, "stats", "--json")
	err := Run(ctx, other, "restore", []string{file})
	if !errors.Is(err, crypt.ErrWrongPassphrase) || !strings.Contains(err.Error(), "密码不正确") {
		t.Fatalf("restore with a wrong passphrase: %v", err)
	}
	if run(t, other, otherOut, "stats", "--json") != empty {
		t.Error("a wrong passphrase changed the ledger")
	}
	other.Passphrase = func(string, bool) (string, error) { return pass, nil }
	if s := run(t, other, otherOut, "restore", file); !strings.Contains(s, "已从") {
		t.Fatalf("restore said %q", s)
	}
	if run(t, other, otherOut, "stats", "--json") != stats {
		t.Error("the restored ledger's figures differ from the original's")
	}

	env.Passphrase = func(string, bool) (string, error) { return "短", nil }
	if err := Run(ctx, env, "backup", []string{"--encrypt"}); !errors.Is(err, crypt.ErrWeakPassphrase) {
		t.Errorf("a short passphrase: %v", err)
	}
}
