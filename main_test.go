package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunExitCodes drives the binary's entry point as a user's shell would: exit code 0 on
// success, 2 for a mistake in the command line, 1 with one line of Chinese on failure.
func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, bytes.Repeat([]byte("不是数据库"), 2000), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		stdout  string
		stderr  string
		oneLine bool
	}{
		{"version", []string{"version"}, 0, "赣招", "", false},
		{"demo", []string{"--db", db, "demo", "--size", "100"}, 0, "已载入演示数据 100 条", "", false},
		{"stats json", []string{"--db", db, "stats", "--json"}, 0, `"signed"`, "", false},
		{"list", []string{"--db", db, "list", "funds"}, 0, "支基金", "", false},
		{"unknown verb", []string{"--db", db, "frobnicate"}, 2, "", "未知命令", false},
		{"bad flag", []string{"--db", db, "stats", "--from", "昨天"}, 2, "", "yyyy-mm-dd", true},
		{"not a database", []string{"--db", garbage, "stats"}, 1, "", "不是赣招数据库文件", true},
		{"restore missing file", []string{"--db", db, "restore", filepath.Join(dir, "none.db")}, 1, "", "找不到文件", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tc.args, &out, &errOut)
			if code != tc.code {
				t.Fatalf("exit code %d, want %d; stderr %q", code, tc.code, errOut.String())
			}
			if !strings.Contains(out.String(), tc.stdout) || !strings.Contains(errOut.String(), tc.stderr) {
				t.Errorf("stdout %q, stderr %q; want %q and %q", out.String(), errOut.String(), tc.stdout, tc.stderr)
			}
			if tc.oneLine && strings.Count(strings.TrimSpace(errOut.String()), "\n") != 0 {
				t.Errorf("error is not one line: %q", errOut.String())
			}
			if tc.name == "stats json" && !json.Valid(out.Bytes()) {
				t.Errorf("stats --json is not JSON: %s", out.String())
			}
		})
	}
}

// TestQuietUnderCLocale: under LANG=C.UTF-8 (Debian's and Ubuntu's default in containers, CI
// and cron) the binary writes nothing to stderr for a good command; Fyne used to log three
// lines about the locale "C" on every start (see ui/localeenv).
func TestQuietUnderCLocale(t *testing.T) {
	bin := buildBinary(t, t.TempDir())
	for _, lang := range []string{"C.UTF-8", "C", "zh_CN.UTF-8"} {
		cmd := exec.Command(bin, "version")
		cmd.Env = append(withoutLocale(os.Environ()), "LANG="+lang)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if out, err := cmd.Output(); err != nil || !strings.Contains(string(out), "赣招") {
			t.Fatalf("LANG=%s: version: %v, %q", lang, err, out)
		}
		if stderr.Len() > 0 {
			t.Errorf("LANG=%s: stderr %q", lang, stderr.String())
		}
	}
}

// withoutLocale drops the locale variables from env.
func withoutLocale(env []string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if name != "LANG" && name != "LANGUAGE" && !strings.HasPrefix(name, "LC_") {
			out = append(out, kv)
		}
	}
	return out
}
