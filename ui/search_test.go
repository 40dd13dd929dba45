package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
	"ganzhao/app/search"
)

// searchWindow opens the main window on a ledger with 张三 in it, and the search box with no
// debounce, opened through Ctrl+K.
func searchWindow(t *testing.T) (*mainWindow, *app.Ledger) {
	t.Helper()
	l, path := apptest.Ledger(t, 0)
	p := app.Person{Name: "张三", Phones: []string{"13812345678"}, Title: "董事长"}
	if err := l.SavePerson(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := newMainWindow(a, l, Options{DBPath: path}, syncRun)
	t.Cleanup(w.win.Close)
	w.win.Resize(fyne.NewSize(1200, 800))
	w.search.debounce = 0
	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(searchShortcut)
	if w.search.popup == nil || !w.search.popup.Visible() {
		t.Fatal("Ctrl+K did not open the search box")
	}
	if w.win.Canvas().Focused() != w.search.entry {
		t.Fatal("the search entry has no focus")
	}
	return w, l
}

// shown is what the hit rows say, one line each.
func shown(b *searchBox) []string {
	var out []string
	for _, r := range b.rows {
		out = append(out, r.text.String())
	}
	return out
}

// markedText is the marked (bold) characters of the row showing name.
func markedText(b *searchBox, name string) (string, bool) {
	for i, h := range b.hits {
		if h.Name != name {
			continue
		}
		var marked strings.Builder
		for _, s := range b.rows[i].text.Segments {
			if ts, ok := s.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold {
				marked.WriteString(ts.Text)
			}
		}
		return marked.String(), true
	}
	return "", false
}

func TestSearchBoxFinds(t *testing.T) {
	w, _ := searchWindow(t)
	b := w.search
	if !b.ready {
		t.Fatalf("index not ready; status %q", b.status.Text)
	}
	tests := []struct {
		typed, name, marked, group string
	}{
		{"zs", "张三", "张三", "人物（1）"},
		{"zhangsan", "张三", "张三", "人物（1）"},
		{"三", "张三", "三", "人物（1）"},
		{"ncjkq", "南昌经开区", "南昌经开区", "开发区（"},
		{"南昌", "南昌经开区", "南昌", "开发区（"},
		{"12345", "张三", "12345", "人物（1）"},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			b.entry.SetText("")
			test.Type(b.entry, tt.typed)
			marked, ok := markedText(b, tt.name)
			if !ok {
				t.Fatalf("typing %q shows %v, not %s; status %q", tt.typed, shown(b), tt.name, b.status.Text)
			}
			if marked != tt.marked {
				t.Errorf("typing %q marks %q of %s, want %q", tt.typed, marked, tt.name, tt.marked)
			}
			if !hasLabel(b, tt.group) {
				t.Errorf("typing %q: no group header %q", tt.typed, tt.group)
			}
			if !strings.HasPrefix(b.status.Text, "找到") {
				t.Errorf("status = %q", b.status.Text)
			}
		})
	}
	b.entry.SetText("")
	test.Type(b.entry, "qqqqqq")
	if len(b.rows) != 0 || b.status.Text != "没有找到“qqqqqq”" {
		t.Errorf("nonsense shows %v, status %q", shown(b), b.status.Text)
	}
}

// hasLabel reports whether a group header begins with text.
func hasLabel(b *searchBox, text string) bool {
	for _, o := range b.results.Objects {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, text) {
			return true
		}
	}
	return false
}

func TestSearchBoxKeysAndOpen(t *testing.T) {
	w, l := searchWindow(t)
	b := w.search
	for _, name := range []string{"张三丰", "张思"} {
		p := app.Person{Name: name}
		if err := l.SavePerson(context.Background(), &p); err != nil {
			t.Fatal(err)
		}
	}
	b.index.Wait()           // the index follows the ledger in the background
	test.Type(b.entry, "张s") // a character and then pinyin
	if got := len(b.hits); got != 3 || b.hits[0].Name != "张三" || b.selected != 0 {
		t.Fatalf("张s shows %v, selected %d", shown(b), b.selected)
	}
	down := &fyne.KeyEvent{Name: fyne.KeyDown}
	b.entry.TypedKey(down)
	b.entry.TypedKey(down)
	b.entry.TypedKey(down) // stays on the last
	b.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if b.selected != 1 {
		t.Fatalf("after ↓↓↓↑ selected %d, want 1", b.selected)
	}
	var opened []string
	b.onOpen = func(kind app.EntityKind, id, name string) { opened = append(opened, string(kind)+":"+name) }
	b.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if want := "person:" + b.hits[1].Name; len(opened) != 1 || opened[0] != want {
		t.Errorf("Enter opened %v, want %s", opened, want)
	}
	if b.popup.Visible() {
		t.Error("the box stays open after Enter")
	}

	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(searchShortcut)
	if b.entry.Text != "" || len(b.rows) != 0 {
		t.Errorf("reopened with %q and %d rows", b.entry.Text, len(b.rows))
	}
	b.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b.popup.Visible() {
		t.Error("Escape did not close the box")
	}
}

func TestSearchHitOpensThePage(t *testing.T) {
	w, _ := searchWindow(t)
	b := w.search
	test.Type(b.entry, "zhangs")
	b.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	var titles []string
	for _, win := range fyne.CurrentApp().Driver().AllWindows() {
		titles = append(titles, win.Title())
	}
	found := false
	for _, title := range titles {
		found = found || title == "人物：张三"
	}
	if !found {
		t.Errorf("Enter on 张三 opened no page; windows %v", titles)
	}

	// A zone opens the project library filtered to it.
	w.showTitle("项目")
	w.search.open()
	test.Type(b.entry, "ncjkq")
	if len(b.hits) == 0 || b.hits[0].Kind != search.KindZone {
		t.Fatalf("ncjkq shows %v", shown(b))
	}
	b.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := w.list.zone.Selected; got != "南昌经开区" {
		t.Errorf("the project list's zone filter is %q, want 南昌经开区", got)
	}
}

func TestSearchBoxBeforeTheIndex(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	a := test.NewTempApp(t)
	win := a.NewWindow("赣招")
	defer win.Close()
	win.Resize(fyne.NewSize(1000, 700))
	var held []func()
	hold := func(work func()) { held = append(held, work) } // runs nothing until the test says
	b := newSearchBox(win, l, hold, func(app.EntityKind, string, string) {})
	b.debounce = 0
	b.open()
	test.Type(b.entry, "ncjkq")
	if b.status.Text != "正在建立索引……" || len(b.rows) != 0 {
		t.Fatalf("before the index: status %q, rows %v", b.status.Text, shown(b))
	}
	b.run = syncRun
	held[0]() // the build, which then runs the query typed meanwhile
	if len(b.hits) == 0 || b.hits[0].Name != "南昌经开区" {
		t.Errorf("once built, the pending query shows %v; status %q", shown(b), b.status.Text)
	}
}

func TestMarkedSegments(t *testing.T) {
	plain := widget.RichTextStyleInline
	bold := widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}
	tests := []struct {
		text  string
		marks []search.Range
		limit float32
		want  string // marked runs in [brackets]
	}{
		{"南昌经开区", []search.Range{{Start: 0, End: 2}, {Start: 4, End: 5}}, 20, "[南昌]经开[区]"},
		{"南昌经开区", nil, 20, "南昌经开区"},
		{"南昌经开区", []search.Range{{Start: 3, End: 5}}, 4, "南昌经…"},
		{"南昌经开区", []search.Range{{Start: 2, End: 5}}, 4, "南昌[经]…"},
		{"13812345678", []search.Range{{Start: 3, End: 8}}, 20, "138[12345]678"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			segs, _ := markedSegments(tt.text, tt.marks, tt.limit, plain, bold)
			var b strings.Builder
			for _, s := range segs {
				ts := s.(*widget.TextSegment)
				if ts.Style.TextStyle.Bold {
					b.WriteString("[" + ts.Text + "]")
				} else {
					b.WriteString(ts.Text)
				}
			}
			if b.String() != tt.want {
				t.Errorf("got %s, want %s", b.String(), tt.want)
			}
		})
	}
}
