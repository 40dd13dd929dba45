package ui

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"ganzhao/app/crypt"
)

// TestEncryptedExport: the export dialog asks whether to encrypt and for the passphrase
// twice; the encrypted workbook opens with it, and not with another.
func TestEncryptedExport(t *testing.T) {
	_, h := openProjects(t, 200)
	lv := h.s.list
	test.Tap(findButton(h.win.Canvas().Content(), "导出Excel"))
	o := lv.exportOpts
	if o == nil {
		t.Fatal("no export dialog")
	}
	next := findButton(h.win.Canvas().Overlays().Top(), "下一步")
	if next == nil || next.Disabled() || !o.pass.Disabled() {
		t.Fatal("a plain export cannot go on at once")
	}
	o.encrypt.SetChecked(true)
	tests := []struct {
		pass, again string
		ok          bool
	}{
		{"", "", false},
		{"赣州稀土", "赣州稀土", false}, // too short
		{"赣州稀土2026年", "赣州稀土2025年", false},
		{"赣州稀土2026年", "赣州稀土2026年", true},
	}
	for _, tc := range tests {
		o.pass.SetText("")
		o.again.SetText("")
		test.Type(o.pass, tc.pass)
		test.Type(o.again, tc.again)
		if next.Disabled() == tc.ok {
			t.Errorf("%q / %q: 下一步 enabled %v, want %v", tc.pass, tc.again, !next.Disabled(), tc.ok)
		}
	}
	var chosen *string
	opts := newExportOptions(h.win, func(p string) { chosen = &p })
	opts.dialog.Show()
	opts.encrypt.SetChecked(true)
	test.Type(opts.pass, "赣州稀土2026年")
	test.Type(opts.again, "赣州稀土2026年")
	test.Tap(findButton(h.win.Canvas().Overlays().Top(), "下一步"))
	if chosen == nil || *chosen != "赣州稀土2026年" {
		t.Fatalf("passphrase handed on: %v", chosen)
	}

	var sealed bytes.Buffer
	if err := lv.writeExport(&sealed, lv.rows, false, *chosen); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(sealed.Bytes(), []byte("PK")) || bytes.Contains(sealed.Bytes(), []byte(lv.rows[0].Name)) {
		t.Fatal("the encrypted export is readable without the passphrase")
	}
	if _, err := crypt.Decrypt(bytes.NewReader(sealed.Bytes()), "赣州稀土2025年"); !errors.Is(err, crypt.ErrWrongPassphrase) {
		t.Errorf("a wrong passphrase: %v", err)
	}
	r, err := crypt.Decrypt(bytes.NewReader(sealed.Bytes()), *chosen)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(plain))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("项目")
	if err != nil || len(got) != len(lv.rows)+1 || got[1][0] != lv.rows[0].Name {
		t.Errorf("decrypted workbook: %d rows (%v), want %d and a header", len(got), err, len(lv.rows))
	}

	var csv bytes.Buffer
	if err := lv.writeExport(&csv, lv.rows, true, *chosen); err != nil {
		t.Fatal(err)
	}
	r, err = crypt.Decrypt(&csv, *chosen)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(r)
	if !strings.Contains(string(text), lv.rows[0].Name+",") {
		t.Errorf("decrypted CSV lacks the first row: %.200s", text)
	}
}
