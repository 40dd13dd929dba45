package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"ganzhao/app"
)

// TestPeopleExportMasksPhonesWhenSet: the 人脉 list exports phone numbers as they are until
// the user ticks 导出时隐藏手机号 in 设置 and saves; then the same export shows 138****1234.
// The WeChat ID, which the list has no column for, is in neither export.
func TestPeopleExportMasksPhonesWhenSet(t *testing.T) {
	l, w := openLists(t, 0)
	ctx := context.Background()
	p := &app.Person{Name: "欧阳建国", Phones: []string{"13812341234", "0791-86123456"}, WeChat: "oyjg_nc1968"}
	if err := l.SavePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	exported := func() string {
		t.Helper()
		w.showTitle("赣籍企业家与人脉")
		if len(w.people.list.rows) != 1 {
			t.Fatalf("%d people listed", len(w.people.list.rows))
		}
		var buf bytes.Buffer
		if err := w.people.list.export(&buf, w.people.list.rows, false); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetList()[0])
		if err != nil || len(rows) != 2 {
			t.Fatalf("exported %q, %v", rows, err)
		}
		return strings.Join(rows[1], "|")
	}

	plain := exported()
	if !strings.Contains(plain, "13812341234、0791-86123456") {
		t.Errorf("without the switch the export has %q, want the phones as they are", plain)
	}

	w.showTitle("设置")
	sc := w.settings
	check, ok := sc.form.field("mask_phones").input.(*widget.Check)
	if !ok {
		t.Fatalf("设置 has no 导出时隐藏手机号 check box")
	}
	if check.Checked {
		t.Fatal("导出时隐藏手机号 is on before the user ticked it")
	}
	test.Tap(check)
	test.Tap(sc.save)
	if !strings.Contains(sc.status.Text, "已保存") {
		t.Fatalf("settings not saved: %q %q", sc.status.Text, sc.form.general.Text)
	}
	if s, err := l.Store().Settings(ctx); err != nil || !s.MaskPhones {
		t.Fatalf("stored settings %+v, %v", s, err)
	}

	masked := exported()
	if !strings.Contains(masked, "138****1234、0791-****3456") || strings.Contains(masked, "13812341234") || strings.Contains(masked, "86123456") {
		t.Errorf("with the switch on the export has %q, want masked phones", masked)
	}
	for _, got := range []string{plain, masked} {
		if strings.Contains(got, p.WeChat) {
			t.Errorf("the export has the WeChat ID: %q", got)
		}
	}
}
