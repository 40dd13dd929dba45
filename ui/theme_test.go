package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"golang.org/x/image/font/sfnt"
)

// TestBundledFontCoversChinese checks that the theme's fonts are the bundled Noto Sans SC and
// that they have glyphs for the text the app shows, the domain's rarer characters included.
func TestBundledFontCoversChinese(t *testing.T) {
	th := newTheme()
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		res := th.Font(style)
		f, err := sfnt.Parse(res.Content())
		if err != nil {
			t.Fatalf("%s: %v", res.Name(), err)
		}
		var buf sfnt.Buffer
		for _, r := range "赣招工作台项目签约开工投产亿元乡友校友战友鹰潭婺源弋阳铅山濂溪浔阳崇仁黎川0123456789（）“”、，。" {
			if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
				t.Errorf("%s has no glyph for %q", res.Name(), r)
			}
		}
	}
}

func TestFyneWordsAreChinese(t *testing.T) {
	useChinese()
	for in, want := range map[string]string{"OK": "确定", "Cancel": "取消", "No": "否", "Yes": "是"} {
		if got := lang.L(in); got != want {
			t.Errorf("lang.L(%q) = %q, want %q", in, got, want)
		}
	}
}
