package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"ganzhao/assets"
	_ "ganzhao/ui/localeenv" // mends LANG=C.UTF-8 before fyne/lang reads it
)

// ganzhaoTheme is Fyne's default theme with the bundled Noto Sans SC fonts, so Chinese
// renders on a machine without a CJK font; characters the font lacks (rare name characters)
// still fall back to the system's fonts.
type ganzhaoTheme struct {
	regular, bold fyne.Resource
}

func newTheme() *ganzhaoTheme {
	return &ganzhaoTheme{
		regular: fyne.NewStaticResource("NotoSansSC-Regular.ttf", assets.FontRegular()),
		bold:    fyne.NewStaticResource("NotoSansSC-Bold.ttf", assets.FontBold()),
	}
}

func (t *ganzhaoTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, v)
}

func (t *ganzhaoTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace || s.Symbol:
		return theme.DefaultTheme().Font(s)
	case s.Bold:
		return t.bold
	}
	return t.regular
}

func (t *ganzhaoTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *ganzhaoTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// chineseStrings are Fyne's own button and dialog words in the Chinese a government office
// expects (Fyne's built-in zh translation says 好 for OK and 不 for No).
const chineseStrings = `{
	"OK": "确定", "Cancel": "取消", "Confirm": "确认", "Yes": "是", "No": "否", "Error": "错误",
	"Save": "保存", "Open": "打开", "Quit": "退出", "Copy": "复制", "Cut": "剪切", "Paste": "粘贴",
	"Select all": "全选", "Undo": "撤销", "Redo": "重做", "Advanced": "高级",
	"Create Folder": "新建文件夹", "New Folder": "新文件夹", "Enter filename": "输入文件名",
	"File": "文件", "Folder": "文件夹", "Favourites": "收藏夹", "Show Hidden Files": "显示隐藏文件",
	"(Parent)": "（上级目录）", "file.name": {"other": "文件名"}, "file.parent": {"other": "上级目录"},
	"monday": "星期一", "tuesday": "星期二", "wednesday": "星期三", "thursday": "星期四",
	"friday": "星期五", "saturday": "星期六", "sunday": "星期日",
	"monday.short": "一", "tuesday.short": "二", "wednesday.short": "三", "thursday.short": "四",
	"friday.short": "五", "saturday.short": "六", "sunday.short": "日"
}`

// useChinese installs chineseStrings for every language Fyne ships, so that the window is
// Chinese whatever the system's locale (an English Windows included).
func useChinese() {
	for _, l := range []fyne.Locale{"en", "zh-Hans", "zh", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk"} {
		if err := lang.AddTranslationsForLocale([]byte(chineseStrings), l); err != nil {
			fyne.LogError("加载界面文字失败", err)
		}
	}
}
