package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"ganzhao/app/apptest"
)

// TestReturnsScreen drives 报表 as a user would: generate a built-in return, open a city's
// template never seen before, check the mapping proposed and the columns left empty, change
// two columns, confirm and save the template, generate from it, and save an archived return.
func TestReturnsScreen(t *testing.T) {
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 2000)
	a := test.NewTempApp(t)
	w := a.NewWindow("报表")
	defer w.Close()
	s := newReturnsScreen(w, l, syncRun)
	w.SetContent(s.content())

	if n := len(s.templates.Options); n != 7 || s.templates.Options[0] != "招商引资项目调度表（亿元以上）（内置）" {
		t.Fatalf("templates %q", s.templates.Options)
	}
	if s.period.Text != "2026-11" || !s.generate.Disabled() {
		t.Fatalf("period %q, generate enabled before a template is chosen", s.period.Text)
	}
	s.templates.SetSelected("新签约项目表（内置）")
	if len(s.fields) != 20 || s.fields[1].Selected != "项目名称" || !s.fields[1].Disabled() || s.unmapped.Text != "每一列都有对应的字段" {
		t.Fatalf("built-in mapping shown: %d columns, %q", len(s.fields), s.unmapped.Text)
	}
	s.period.SetText("2026-13")
	test.Tap(s.generate)
	if !strings.Contains(s.status.Text, "期间应写作 yyyy-mm") {
		t.Errorf("bad period: %q", s.status.Text)
	}
	s.period.SetText("2026-11")
	test.Tap(s.generate)
	if !strings.HasPrefix(s.status.Text, "已生成“新签约项目表-2026年11月.xlsx”") {
		t.Fatalf("status %q", s.status.Text)
	}
	if rows, _ := s.archive.Length(); rows != 1 || s.returns[0].TemplateName != "新签约项目表" {
		t.Fatalf("archive has %d rows", rows)
	}

	// A template never seen: two-level header, two columns with no field.
	s.path.SetText(filepath.Join("..", "app", "returns", "testdata", "unseen", "重点项目推进表.xlsx"))
	test.Tap(s.open)
	if len(s.fields) != 14 || s.fields[4].Selected != "总投资" || s.fields[9].Selected != "本年累计到位资金" || s.fields[11].Selected != leaveEmpty {
		t.Fatalf("proposed mapping: %d columns, %q", len(s.fields), s.status.Text)
	}
	if !strings.Contains(s.found.Text, "两级表头：第3–4行") || s.unmapped.Text != "未对应的列（生成时留空）：L 建设内容及规模" ||
		s.fields[12].Selected != "联系电话" {
		t.Errorf("found %q, unmapped %q", s.found.Text, s.unmapped.Text)
	}
	if !s.generate.Disabled() || s.confirm.Disabled() {
		t.Error("an unconfirmed mapping can be generated, or cannot be confirmed")
	}
	s.fields[11].SetSelected("备注")
	s.fields[12].SetSelected(leaveEmpty)
	if s.unmapped.Text != "未对应的列（生成时留空）：M 项目联系人手机" {
		t.Errorf("after mapping L: %q", s.unmapped.Text)
	}
	s.name.SetText("市重点项目推进表")
	test.Tap(s.confirm)
	if s.templates.Selected != "市重点项目推进表" || !slices.Contains(s.templates.Options, "市重点项目推进表") || s.generate.Disabled() {
		t.Fatalf("after confirming: selected %q of %q; %q", s.templates.Selected, s.templates.Options, s.status.Text)
	}
	s.mark.SetChecked(true)
	test.Tap(s.generate)
	if !strings.Contains(s.status.Text, "有 1 列未对应，已留空") {
		t.Fatalf("status %q", s.status.Text)
	}
	if rows, _ := s.archive.Length(); rows != 2 || s.returns[0].TemplateName != "市重点项目推进表" {
		t.Fatalf("archive has %d rows, newest %q", rows, s.returns[0].TemplateName)
	}

	// An archived return saves exactly as generated.
	s.archive.Select(widget.TableCellID{Row: 0, Col: 0})
	if s.saveAs.Disabled() {
		t.Fatal("save-as stays disabled with a return selected")
	}
	out := filepath.Join(t.TempDir(), "推进表.xlsx")
	s.saveTo(s.returns[s.selected].ID, out)
	if !strings.HasPrefix(s.status.Text, "已保存到 "+out) {
		t.Fatalf("status %q", s.status.Text)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("推进表", "A1"); v != "全市重点招商项目推进情况表（2026年11月）" {
		t.Errorf("saved return title %q", v)
	}
	stored, err := l.Store().ReturnTemplates(ctx)
	if err != nil || len(stored) != 1 || !strings.Contains(string(stored[0].Mapping), `"project.notes"`) {
		t.Fatalf("saved template: %v, %d", err, len(stored))
	}
}
