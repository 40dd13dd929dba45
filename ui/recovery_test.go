package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// labelTexts joins the texts of the labels drawn under o.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			b.WriteString(l.Text + "\n")
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// TestRecoveryScreen shows each refusal of the database and takes each way out.
func TestRecoveryScreen(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	backup := app.BackupInfo{Path: "/媒体/U盘/ganzhao-20261126-090000-每日.db", At: time.Date(2026, 11, 26, 9, 0, 0, 0, time.Local), Size: 3 << 20, Reason: app.ReasonDaily}
	damaged := errors.New("数据库文件已损坏（ganzhao.db）：*** in database main ***")
	type opening struct {
		readOnly bool
		message  string
	}
	tests := []struct {
		name       string
		rec        Recovery
		tap        string
		confirm    bool
		shows      []string
		hidden     []string
		want       *opening
		wantStatus string
	}{
		{
			name: "damaged: restore the newest good backup",
			rec: Recovery{Problem: damaged, Kind: RecoverDamaged, Backup: backup, HasBackup: true,
				Restore: func(context.Context) (*app.Ledger, string, error) {
					return l, "/数据/ganzhao.db.damaged-20261127-100000", nil
				},
				ReadOnly: func(context.Context) (*app.Ledger, error) { return l, nil }},
			tap: "从最新的完好备份恢复", confirm: true,
			shows: []string{"已损坏", "没有向它写入任何内容", "最新的完好备份：2026-11-26 09:00（每日，3.0 MB）", "详细信息：数据库文件已损坏"},
			want:  &opening{false, "已从 2026-11-26 09:00 的备份恢复。\n损坏的文件保存为 ganzhao.db.damaged-20261127-100000。"},
		},
		{
			name: "damaged: open read-only",
			rec: Recovery{Problem: damaged, Kind: RecoverDamaged,
				ReadOnly: func(context.Context) (*app.Ledger, error) { return l, nil }},
			tap:    "以只读方式打开",
			shows:  []string{"没有找到通过检查的备份"},
			hidden: []string{"从最新的完好备份恢复"},
			want:   &opening{true, ""},
		},
		{
			name: "a restore that fails keeps the screen",
			rec: Recovery{Problem: damaged, Kind: RecoverDamaged, Backup: backup, HasBackup: true,
				Restore: func(context.Context) (*app.Ledger, string, error) {
					return nil, "", errors.New("备份目录不能读取")
				}},
			tap: "从最新的完好备份恢复", confirm: true,
			hidden:     []string{"以只读方式打开"},
			wantStatus: "恢复失败：备份目录不能读取",
		},
		{
			name:   "a newer version's database is refused",
			rec:    Recovery{Problem: errors.New("数据库由更新版本的赣招创建（结构版本 99）"), Kind: RecoverTooNew},
			shows:  []string{"数据库由更新版本的赣招创建", "降级会破坏数据", "请安装最新版本的赣招"},
			hidden: []string{"从最新的完好备份恢复", "以只读方式打开"},
		},
		{
			name:   "not a database",
			rec:    Recovery{Problem: errors.New("不是赣招数据库文件"), Kind: RecoverNotDatabase},
			shows:  []string{"不是赣招数据库，或者它的文件头已损坏"},
			hidden: []string{"从最新的完好备份恢复", "以只读方式打开"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			win := a.NewWindow("恢复")
			defer win.Close()
			var got *opening
			quit := false
			s := newRecoveryScreen(win, &tc.rec, "/数据/ganzhao.db", syncRun,
				func(ol *app.Ledger, readOnly bool, message string) {
					if ol != l {
						t.Error("opened another ledger")
					}
					got = &opening{readOnly, message}
				}, func() { quit = true })
			win.SetContent(s.content())
			win.Resize(fyne.NewSize(760, 420))
			text := labelTexts(win.Canvas().Content())
			for _, want := range tc.shows {
				if !strings.Contains(text, want) {
					t.Errorf("screen lacks %q:\n%s", want, text)
				}
			}
			for _, h := range tc.hidden {
				if findButton(win.Canvas().Content(), h) != nil {
					t.Errorf("button %s offered", h)
				}
			}
			if tc.tap == "" {
				test.Tap(findButton(win.Canvas().Content(), "退出"))
				if !quit {
					t.Error("退出 did not quit")
				}
				return
			}
			test.Tap(findButton(win.Canvas().Content(), tc.tap))
			if tc.confirm {
				if got != nil {
					t.Fatal("restored without asking")
				}
				test.Tap(findImportantButton(win.Canvas().Overlays().Top()))
			}
			switch {
			case tc.want == nil && got != nil:
				t.Errorf("opened %+v", got)
			case tc.want != nil && (got == nil || *got != *tc.want):
				t.Errorf("opened %+v, want %+v", got, tc.want)
			}
			if tc.wantStatus != "" && !strings.Contains(s.status.Text, tc.wantStatus) {
				t.Errorf("status %q, want %q", s.status.Text, tc.wantStatus)
			}
			if tc.wantStatus != "" && s.restore.Disabled() {
				t.Error("the choices stay disabled after a failure")
			}
		})
	}
}

// TestReadOnlyBanner: a window on a read-only store says so above every screen.
func TestReadOnlyBanner(t *testing.T) {
	l, path := apptest.Ledger(t, 0)
	for _, readOnly := range []bool{false, true} {
		w := newMainWindow(test.NewTempApp(t), l, Options{DBPath: path, ReadOnly: readOnly}, syncRun)
		shown := strings.Contains(labelTexts(w.win.Canvas().Content()), "只读：数据库文件已损坏")
		if shown != readOnly {
			t.Errorf("read-only %v: banner shown %v", readOnly, shown)
		}
		w.win.Close()
	}
}
