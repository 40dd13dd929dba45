package crypt

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	plain := bytes.Repeat([]byte("赣州经开区招商台账，"), 20_000) // several age chunks
	src := filepath.Join(dir, "plain.db")
	if err := os.WriteFile(src, plain, 0o600); err != nil {
		t.Fatal(err)
	}
	sealed := filepath.Join(dir, "sealed.db.age")
	if err := EncryptFile(src, sealed, "正确的密码 2026", 10); err != nil {
		t.Fatal(err)
	}
	if !IsEncrypted(sealed) || IsEncrypted(src) {
		t.Fatal("IsEncrypted")
	}
	whole, _ := os.ReadFile(sealed)
	truncated := filepath.Join(dir, "truncated.db.age")
	os.WriteFile(truncated, whole[:len(whole)-100], 0o600)
	flipped := filepath.Join(dir, "flipped.db.age")
	bad := bytes.Clone(whole)
	bad[len(bad)/2] ^= 0x40
	os.WriteFile(flipped, bad, 0o600)

	tests := []struct {
		name, src, pass string
		want            error // nil: the plain text comes back
		message         string
	}{
		{"right passphrase", sealed, "正确的密码 2026", nil, ""},
		{"wrong passphrase", sealed, "正确的密码 2025", ErrWrongPassphrase, "密码不正确"},
		{"empty passphrase", sealed, "", ErrWrongPassphrase, "密码不正确"},
		{"plain file", src, "正确的密码 2026", ErrNotEncrypted, "不是加密"},
		{"truncated file", truncated, "正确的密码 2026", nil, "文件可能已损坏"},
		{"a flipped bit", flipped, "正确的密码 2026", nil, "文件可能已损坏"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.db")
			err := DecryptFile(tc.src, out, tc.pass)
			if tc.want == nil && tc.message == "" {
				if err != nil {
					t.Fatal(err)
				}
				got, _ := os.ReadFile(out)
				if !bytes.Equal(got, plain) {
					t.Fatal("round trip changed the bytes")
				}
				return
			}
			if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) || !strings.Contains(err.Error(), tc.message) {
				t.Fatalf("error %v, want %v %q", err, tc.want, tc.message)
			}
			if left, _ := os.ReadDir(filepath.Dir(out)); len(left) != 0 {
				t.Errorf("a failed decryption left %v", left)
			}
		})
	}
}

func TestStream(t *testing.T) {
	var buf bytes.Buffer
	w, err := Encrypt(&buf, "导出密码12345", 10)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "企业名称,联系电话\n")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Decrypt(bytes.NewReader(buf.Bytes()), "导出密码12345")
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil || string(got) != "企业名称,联系电话\n" {
		t.Errorf("%q %v", got, err)
	}
}

func TestCheckNew(t *testing.T) {
	tests := []struct {
		pass, again, want string
	}{
		{"赣州稀土2026年", "赣州稀土2026年", ""},
		{"短密码", "短密码", "至少需要 8 个字符"},
		{"12345678", "12345679", "不一致"},
	}
	for _, tc := range tests {
		err := CheckNew(tc.pass, tc.again)
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("CheckNew(%q, %q) = %v, want %q", tc.pass, tc.again, err, tc.want)
		}
	}
}
