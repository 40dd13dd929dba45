package ui

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"ganzhao/app"
	"ganzhao/app/export"
)

// listEnv is what every list screen is given: the window for dialogs, the ledger, the
// runner and the way to open a record's detail page.
type listEnv struct {
	win    fyne.Window
	ledger *app.Ledger
	run    runner
	open   func(kind app.EntityKind, id string)
	// changeDelay is how long a list waits after a change notification before reloading
	// (Options.ChangeDelay); zero reloads at once.
	changeDelay time.Duration
}

// listColumn is one column of a list: its header, its width, what a cell shows, the number
// rows sort by (nil: the text, in pinyin order; 0 counts as empty), and for amounts the value
// the footer sums and the export writes as a number of 亿元.
type listColumn[T any] struct {
	title  string
	width  float32
	text   func(T) string
	number func(T) int64
	amount func(T) app.Yuan
	phones bool // phone numbers: masked in exports when 设置 asks (导出时隐藏手机号)
}

// textColumn, amountColumn and dateColumn build the usual columns.
func textColumn[T any](title string, width float32, text func(T) string) listColumn[T] {
	return listColumn[T]{title: title, width: width, text: text}
}

func amountColumn[T any](title string, width float32, amount func(T) app.Yuan) listColumn[T] {
	return listColumn[T]{title: title, width: width, amount: amount,
		text:   func(r T) string { return amount(r).FormatYi() },
		number: func(r T) int64 { return int64(amount(r)) }}
}

func dateColumn[T any](title string, date func(T) app.Date) listColumn[T] {
	return listColumn[T]{title: title, width: 100, text: func(r T) string { return date(r).String() },
		number: func(r T) int64 { d := date(r); return int64(d.Year()*10000 + int(d.Month())*100 + d.Day()) }}
}

func numberColumn[T any](title string, width float32, n func(T) int) listColumn[T] {
	return listColumn[T]{title: title, width: width, text: func(r T) string { return fmt.Sprint(n(r)) },
		number: func(r T) int64 { return int64(n(r)) }}
}

// listSpec is what a screen tells the list component: the kind of record, the key of its
// saved views, its name in the footer, its columns and how a row is identified and named.
type listSpec[T any] struct {
	kind    app.EntityKind
	key     string // saved views and export: "projects"
	title   string // the sheet and file name of an export: "项目"
	noun    string // the footer's unit: "个项目"
	columns []listColumn[T]
	id      func(T) string
	name    func(T) string
	// watch are the other kinds whose changes alter the rows (a task list shows project
	// names); changes of kind itself are always watched.
	watch []app.EntityKind
}

// listView is the one list component every list screen uses: a virtualised table with a
// check column, headers that sort on a tap (▲/▼), a footer with the count and amount totals,
// filters read into a store query, saved views, bulk deletion to the recycle bin, export of
// the current view to .xlsx, and a debounced reload when the ledger reports a change of its
// kind. Loading, sorting and bulk work run through the runner; widgets change in fyne.Do.
type listView[T any] struct {
	env  listEnv
	spec listSpec[T]
	// query reads the filter widgets on the UI goroutine and returns the work that loads the
	// matching rows off it; an error names a filter the user must correct. The screen sets it.
	query   func() (func(ctx context.Context) ([]T, error), error)
	filters filterSet

	table   *widget.Table
	footer  *widget.Label
	views   *widget.Select
	actions *fyne.Container

	rows     []T // the loaded rows in display order
	sortCol  int // index in spec.columns, -1 for the store's order
	sortDesc bool
	selected map[string]bool
	current  int // the row last tapped, -1 for none
	seq      int // the newest load or sort; older results are dropped
	loading  bool
	cancel   context.CancelFunc
	viewList []app.SavedView
	totals   string
	report   string // what the last bulk operation reported, for the user and for tests
	// exportOpts is the dialog of the last export (encrypt or not).
	exportOpts *exportOptions

	// changes reloads once after a burst of change notifications.
	changes *debouncer
	mu      sync.Mutex // guards shown, read by the ledger's listener
	shown   bool
}

func newListView[T any](env listEnv, spec listSpec[T]) *listView[T] {
	lv := &listView[T]{env: env, spec: spec, sortCol: -1, current: -1, selected: map[string]bool{}}
	lv.changes = newDebouncer(env.changeDelay, env.run, lv.reload)
	lv.filters.apply = lv.reload
	lv.footer = widget.NewLabel("正在读取……")
	lv.footer.Truncation = fyne.TextTruncateEllipsis
	lv.views = widget.NewSelect(nil, lv.onViewSelected)
	lv.views.PlaceHolder = "已保存的视图"
	lv.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(lv.rows), len(spec.columns) + 1 },
		func() fyne.CanvasObject { return newListCell(lv.onCellTapped, lv.onCellDoubleTapped) },
		lv.updateCell)
	lv.table.ShowHeaderColumn = false
	lv.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	lv.table.UpdateHeader = lv.updateHeader
	lv.table.OnSelected = func(id widget.TableCellID) { lv.current = id.Row }
	lv.table.SetColumnWidth(0, 40)
	for i, c := range spec.columns {
		lv.table.SetColumnWidth(i+1, c.width)
	}
	lv.actions = container.NewHBox(
		widget.NewButton("打开", lv.onOpen),
		widget.NewButton("删除", lv.onDelete),
		widget.NewButton("导出Excel", lv.onExport),
	)
	env.ledger.Subscribe(lv.onLedgerChange)
	return lv
}

// addAction puts a screen's bulk action before the common ones.
func (lv *listView[T]) addAction(label string, tapped func()) *widget.Button {
	b := widget.NewButton(label, tapped)
	lv.actions.Objects = append([]fyne.CanvasObject{b}, lv.actions.Objects...)
	lv.actions.Refresh()
	return b
}

// content lays out the filters, the view and action bar, the table and the footer. prepare
// runs off the UI goroutine before the first load (reading the filter choices); it may be nil.
func (lv *listView[T]) content(prepare func(ctx context.Context) (func(), error)) fyne.CanvasObject {
	lv.mu.Lock()
	lv.shown = true
	lv.mu.Unlock()
	lv.footer.SetText("正在读取……")
	lv.env.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		var apply func()
		var err error
		if prepare != nil {
			apply, err = prepare(ctx)
		}
		views, verr := lv.env.ledger.SavedViews(ctx, lv.spec.key)
		fyne.Do(func() {
			if err != nil {
				lv.footer.SetText("读取筛选选项失败：" + err.Error())
			} else if apply != nil {
				apply()
			}
			if verr == nil {
				lv.setViews(views)
			}
			lv.reload()
		})
	})
	viewBar := container.NewHBox(widget.NewButton("筛选", lv.reload), widget.NewButton("清空筛选", lv.onClearFilters),
		widget.NewLabel("视图"), container.NewGridWrap(fyne.NewSize(180, lv.views.MinSize().Height), lv.views),
		widget.NewButton("保存视图", lv.onSaveView), widget.NewButton("删除视图", lv.onDeleteView))
	top := container.NewVBox(lv.filters.bar(), container.NewBorder(nil, nil, viewBar, lv.actions))
	return container.NewBorder(top, lv.footer, nil, nil, lv.table)
}

// reload runs the screen's query with the filters as the widgets show them, sorts the rows
// as the headers say and shows them.
func (lv *listView[T]) reload() {
	if lv.query == nil || lv.filters.restoring {
		return
	}
	work, err := lv.query()
	if err != nil {
		lv.footer.SetText(err.Error())
		return
	}
	if lv.cancel != nil {
		lv.cancel()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	lv.cancel = cancel
	lv.seq++
	seq, col, desc := lv.seq, lv.sortCol, lv.sortDesc
	lv.loading = true
	lv.footer.SetText("正在读取……")
	lv.env.run(func() {
		defer cancel()
		rows, err := work(ctx)
		if err == nil && col >= 0 {
			rows = sortRows(rows, lv.spec.columns[col], desc)
		}
		totals := lv.summary(rows)
		fyne.Do(func() {
			if seq != lv.seq {
				return
			}
			lv.loading = false
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					lv.footer.SetText("读取" + lv.spec.title + "失败：" + err.Error())
				}
				return
			}
			lv.show(rows, totals)
		})
	})
}

// show puts rows in the table, keeps the selection of the rows still listed and writes the
// footer.
func (lv *listView[T]) show(rows []T, totals string) {
	lv.rows, lv.totals = rows, totals
	if len(lv.selected) > 0 {
		listed := make(map[string]bool, len(rows))
		for _, r := range rows {
			listed[lv.spec.id(r)] = true
		}
		for id := range lv.selected {
			if !listed[id] {
				delete(lv.selected, id)
			}
		}
	}
	if lv.current >= len(rows) {
		lv.current = -1
	}
	lv.table.Refresh()
	lv.showFooter()
}

func (lv *listView[T]) showFooter() {
	text := lv.totals
	if n := len(lv.selected); n > 0 {
		text += fmt.Sprintf("；已选 %d %s", n, lv.spec.noun)
	}
	lv.footer.SetText(text)
}

// summary is the footer of a list: the count and the total of every amount column.
func (lv *listView[T]) summary(rows []T) string {
	s := fmt.Sprintf("共 %d %s", len(rows), lv.spec.noun)
	for _, c := range lv.spec.columns {
		if c.amount == nil {
			continue
		}
		var total app.Yuan
		for _, r := range rows {
			total += c.amount(r)
		}
		s += fmt.Sprintf("，%s %s", c.title, total.FormatYi())
	}
	return s
}

// onSort sorts by a column, or turns the order round when it is already sorted by it. The
// loaded rows are sorted off the UI goroutine; a load in flight is run again instead.
func (lv *listView[T]) onSort(col int) {
	if lv.sortCol == col {
		lv.sortDesc = !lv.sortDesc
	} else {
		lv.sortCol, lv.sortDesc = col, false
	}
	lv.table.Refresh()
	if lv.loading {
		lv.reload()
		return
	}
	lv.seq++
	seq, rows, c, desc := lv.seq, lv.rows, lv.spec.columns[col], lv.sortDesc
	lv.env.run(func() {
		sorted := sortRows(rows, c, desc)
		fyne.Do(func() {
			if seq != lv.seq {
				return
			}
			lv.rows = sorted
			lv.current = -1
			lv.table.UnselectAll()
			lv.table.Refresh()
		})
	})
}

// sortRows returns the rows sorted by a column, stably, with empty cells last either way.
// Each row's key is computed once — a collation key in pinyin order for text, a number
// otherwise — and an index is sorted by the keys, so that the large rows are not touched
// while sorting.
func sortRows[T any](rows []T, c listColumn[T], desc bool) []T {
	n := len(rows)
	empty := make([]bool, n)
	var keys [][]byte
	var nums []int64
	if c.number == nil {
		coll := collate.New(language.Chinese)
		var buf collate.Buffer
		keys = make([][]byte, n)
		for i, r := range rows {
			text := c.text(r)
			empty[i] = text == ""
			keys[i] = append([]byte(nil), coll.KeyFromString(&buf, text)...)
			buf.Reset()
		}
	} else {
		nums = make([]int64, n)
		for i, r := range rows {
			nums[i] = c.number(r)
			empty[i] = nums[i] == 0
		}
	}
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		if empty[a] != empty[b] {
			if empty[a] {
				return 1
			}
			return -1
		}
		var r int
		if keys != nil {
			r = bytes.Compare(keys[a], keys[b])
		} else {
			r = cmp.Compare(nums[a], nums[b])
		}
		if desc {
			r = -r
		}
		if r == 0 {
			r = cmp.Compare(a, b) // stable: equal rows keep their order
		}
		return r
	})
	out := make([]T, n)
	for i, k := range idx {
		out[i] = rows[k]
	}
	return out
}

func (lv *listView[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col == 0 {
		b.SetText("全选")
		b.OnTapped = lv.onToggleAll
		return
	}
	col := id.Col - 1
	title := lv.spec.columns[col].title
	if col == lv.sortCol {
		if lv.sortDesc {
			title += " ▼"
		} else {
			title += " ▲"
		}
	}
	b.SetText(title)
	b.OnTapped = func() { lv.onSort(col) }
}

func (lv *listView[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*listCell)
	c.row, c.col = id.Row, id.Col
	if id.Row >= len(lv.rows) {
		return
	}
	r := lv.rows[id.Row]
	if id.Col == 0 {
		c.label.Hide()
		c.check.Show()
		c.check.OnChanged = nil
		key := lv.spec.id(r)
		c.check.SetChecked(lv.selected[key])
		c.check.OnChanged = func(on bool) { lv.onCheck(key, on) }
		return
	}
	c.check.Hide()
	c.label.Show()
	c.label.SetText(lv.spec.columns[id.Col-1].text(r))
}

func (lv *listView[T]) onCheck(id string, on bool) {
	if on {
		lv.selected[id] = true
	} else {
		delete(lv.selected, id)
	}
	lv.showFooter()
}

// onToggleAll selects every listed row, or clears the selection when all are selected.
func (lv *listView[T]) onToggleAll() {
	if len(lv.rows) > 0 && len(lv.selected) == len(lv.rows) {
		clear(lv.selected)
	} else {
		for _, r := range lv.rows {
			lv.selected[lv.spec.id(r)] = true
		}
	}
	lv.table.Refresh()
	lv.showFooter()
}

func (lv *listView[T]) onCellTapped(row, col int) {
	if row >= 0 && row < len(lv.rows) {
		lv.table.Select(widget.TableCellID{Row: row, Col: col})
	}
}

func (lv *listView[T]) onCellDoubleTapped(row, _ int) {
	if row >= 0 && row < len(lv.rows) {
		lv.current = row
		lv.env.open(lv.spec.kind, lv.spec.id(lv.rows[row]))
	}
}

// onOpen opens the row last tapped, or the only selected one.
func (lv *listView[T]) onOpen() {
	switch ids := lv.selectedIDs(); {
	case lv.current >= 0 && lv.current < len(lv.rows):
		lv.env.open(lv.spec.kind, lv.spec.id(lv.rows[lv.current]))
	case len(ids) == 1:
		lv.env.open(lv.spec.kind, ids[0])
	default:
		dialog.ShowInformation("打开", "请先点选一行（双击一行可直接打开）。", lv.env.win)
	}
}

// selectedIDs are the checked rows in display order.
func (lv *listView[T]) selectedIDs() []string {
	var ids []string
	for _, r := range lv.rows {
		if id := lv.spec.id(r); lv.selected[id] {
			ids = append(ids, id)
		}
	}
	return ids
}

// selectedRows are the checked rows in display order.
func (lv *listView[T]) selectedRows() []T {
	var out []T
	for _, r := range lv.rows {
		if lv.selected[lv.spec.id(r)] {
			out = append(out, r)
		}
	}
	return out
}

// needSelection tells the user to check rows first; it reports whether any are checked.
func (lv *listView[T]) needSelection(action string) bool {
	if len(lv.selected) == 0 {
		dialog.ShowInformation(action, "请先勾选要"+action+"的"+lv.spec.title+"（表头“全选”可选中全部）。", lv.env.win)
		return false
	}
	return true
}

// onDelete moves the checked records to the recycle bin after a confirmation.
func (lv *listView[T]) onDelete() {
	if !lv.needSelection("删除") {
		return
	}
	rows := lv.selectedRows()
	msg := fmt.Sprintf("将选中的 %d %s移入回收站？\n之后可在“回收站”中恢复。", len(rows), lv.spec.noun)
	dialog.ShowConfirm("删除", msg, func(ok bool) {
		if !ok {
			return
		}
		lv.bulk("删除", "批量删除前", rows, func(ctx context.Context, r T) error {
			return lv.env.ledger.Delete(ctx, lv.spec.kind, lv.spec.id(r))
		})
	}, lv.env.win)
}

// bulk applies do to each row off the UI goroutine, after a backup of the database when it
// concerns more than one record, with a progress dialog that can stop it. Failures are
// reported record by record; the list reloads at the end.
func (lv *listView[T]) bulk(verb, backupReason string, rows []T, do func(ctx context.Context, r T) error) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	bar.Max = float64(len(rows))
	status := widget.NewLabel(fmt.Sprintf("%s：共 %d %s，正在处理……", verb, len(rows), lv.spec.noun))
	progress := dialog.NewCustomWithoutButtons(verb, container.NewVBox(status, bar, widget.NewButton("停止", cancel)), lv.env.win)
	progress.Show()
	lv.env.run(func() {
		defer cancel()
		var failures []string
		done := 0
		var err error
		if len(rows) > 1 {
			fyne.Do(func() { status.SetText("正在备份数据库……") })
			err = lv.backup(ctx, backupReason)
			fyne.Do(func() {
				status.SetText(fmt.Sprintf("%s：共 %d %s，正在处理……", verb, len(rows), lv.spec.noun))
			})
		}
		for i, r := range rows {
			if err != nil || ctx.Err() != nil {
				break
			}
			if e := do(ctx, r); e != nil {
				failures = append(failures, fmt.Sprintf("%s：%s", lv.spec.name(r), e.Error()))
			} else {
				done++
			}
			if i%20 == 19 {
				n := float64(i + 1)
				fyne.Do(func() { bar.SetValue(n) })
			}
		}
		stopped := ctx.Err() != nil && err == nil && done+len(failures) < len(rows)
		fyne.Do(func() {
			progress.Hide()
			lv.reload()
			lv.reportBulk(verb, len(rows), done, failures, stopped, err)
		})
	})
}

// backup copies the database into the backup folder before a bulk change.
func (lv *listView[T]) backup(ctx context.Context, reason string) error {
	if _, err := lv.env.ledger.BackupBefore(ctx, reason); err != nil {
		return fmt.Errorf("操作前备份数据失败，未做任何改动：%w", err)
	}
	return nil
}

// reportBulk tells the user what a bulk operation did, naming each record that failed.
func (lv *listView[T]) reportBulk(verb string, asked, done int, failures []string, stopped bool, err error) {
	if err != nil {
		lv.report = err.Error()
		dialog.ShowError(err, lv.env.win)
		return
	}
	if len(failures) == 0 && !stopped {
		lv.report = fmt.Sprintf("已%s %d %s", verb, done, lv.spec.noun)
		return
	}
	text := fmt.Sprintf("已%s %d %s", verb, done, lv.spec.noun)
	if stopped {
		text += fmt.Sprintf("，已停止，其余 %d %s未处理", asked-done-len(failures), lv.spec.noun)
	}
	if len(failures) > 0 {
		text += fmt.Sprintf("；以下 %d %s未能%s：\n", len(failures), lv.spec.noun, verb)
		const most = 30
		shown := failures
		if len(shown) > most {
			shown = shown[:most]
		}
		text += strings.Join(shown, "\n")
		if len(failures) > most {
			text += fmt.Sprintf("\n……等 %d %s", len(failures), lv.spec.noun)
		}
	}
	lv.report = text
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(label)
	scroll.SetMinSize(fyne.NewSize(560, 260))
	dialog.ShowCustom(verb+"结果", "关闭", scroll, lv.env.win)
}

// saveExport asks where to save the current view and writes it there off the UI goroutine,
// encrypted with pass when it is not empty (see onExport).
func (lv *listView[T]) saveExport(pass string) {
	rows := lv.rows
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, lv.env.win)
			return
		}
		if w == nil {
			return
		}
		lv.footer.SetText(fmt.Sprintf("正在导出 %d %s……", len(rows), lv.spec.noun))
		asCSV := strings.HasSuffix(strings.ToLower(strings.TrimSuffix(w.URI().Name(), encryptedExt)), ".csv")
		lv.env.run(func() {
			err := lv.writeExport(w, rows, asCSV, pass)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			fyne.Do(func() {
				lv.showFooter()
				if err != nil {
					dialog.ShowError(err, lv.env.win)
					return
				}
				dialog.ShowInformation("导出", fmt.Sprintf("已导出 %d %s到\n%s", len(rows), lv.spec.noun, w.URI().Path()), lv.env.win)
			})
		})
	}, lv.env.win)
	save.SetFileName(fmt.Sprintf("%s-%s.xlsx", lv.spec.title, lv.env.ledger.Today()))
	save.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	if pass != "" {
		save.SetFileName(fmt.Sprintf("%s-%s.xlsx%s", lv.spec.title, lv.env.ledger.Today(), encryptedExt))
		save.SetFilter(storage.NewExtensionFileFilter([]string{encryptedExt}))
	}
	save.Show()
}

// export writes rows as the table shows them to an .xlsx workbook, or to CSV text when the
// user named a .csv file; amounts are numbers of 亿元 rounded to the 万元, so that Excel can
// sum them; phone numbers are masked when the 设置 ask for it.
func (lv *listView[T]) export(w io.Writer, rows []T, asCSV bool) error {
	settings, err := lv.env.ledger.Store().Settings(context.Background())
	if err != nil {
		return fmt.Errorf("读取设置（是否隐藏手机号）失败，未导出：%w", err)
	}
	cols := make([]export.Column, len(lv.spec.columns))
	for i, c := range lv.spec.columns {
		cols[i] = export.Column{Title: c.title, Width: float64(c.width) / 7, MaskPhones: c.phones && settings.MaskPhones}
		if c.amount != nil {
			cols[i].Title += "（亿元）"
		}
	}
	row := func(i int) []any {
		out := make([]any, len(lv.spec.columns))
		for j, c := range lv.spec.columns {
			if c.amount != nil {
				out[j] = float64(c.amount(rows[i])/app.Wan) / 10_000
			} else {
				out[j] = c.text(rows[i])
			}
		}
		return out
	}
	if asCSV {
		return export.CSV(w, cols, len(rows), row)
	}
	return export.XLSX(w, lv.spec.title, cols, len(rows), row)
}

// onLedgerChange reloads a shown list after writes of its kinds, once per burst of changes.
// It runs on the writer's goroutine.
func (lv *listView[T]) onLedgerChange(c app.Change) {
	if c.ID != "" && c.Kind != lv.spec.kind && !slices.Contains(lv.spec.watch, c.Kind) {
		return
	}
	lv.mu.Lock()
	shown := lv.shown
	lv.mu.Unlock()
	if shown {
		lv.changes.trigger()
	}
}

// Saved views.

func (lv *listView[T]) setViews(views []app.SavedView) {
	lv.viewList = views
	names := make([]string, len(views))
	for i, v := range views {
		names[i] = v.Name
	}
	lv.views.OnChanged = nil
	lv.views.SetOptions(names)
	lv.views.OnChanged = lv.onViewSelected
}

// currentView is the filters and sort as the screen shows them.
func (lv *listView[T]) currentView(name string) app.SavedView {
	v := app.SavedView{Screen: lv.spec.key, Name: name, Filters: lv.filters.values(), SortDesc: lv.sortDesc}
	if lv.sortCol >= 0 {
		v.SortColumn = lv.spec.columns[lv.sortCol].title
	}
	return v
}

// applyView sets the filters and the sort of a saved view and reloads.
func (lv *listView[T]) applyView(v app.SavedView) {
	lv.filters.set(v.Filters)
	lv.sortCol, lv.sortDesc = -1, false
	for i, c := range lv.spec.columns {
		if c.title == v.SortColumn {
			lv.sortCol, lv.sortDesc = i, v.SortDesc
		}
	}
	lv.table.Refresh()
	lv.reload()
}

func (lv *listView[T]) onViewSelected(name string) {
	for _, v := range lv.viewList {
		if v.Name == name {
			lv.applyView(v)
			return
		}
	}
}

func (lv *listView[T]) onSaveView() {
	name := widget.NewEntry()
	name.SetText(lv.views.Selected)
	name.SetPlaceHolder("例如：本年签约亿元以上")
	dialog.ShowForm("保存视图", "保存", "取消", []*widget.FormItem{
		widget.NewFormItem("视图名称", name),
		widget.NewFormItem("", widget.NewLabel("保存当前的筛选条件和排序；同名视图将被替换。")),
	}, func(ok bool) {
		if ok {
			lv.saveView(lv.currentView(name.Text))
		}
	}, lv.env.win)
}

// saveView stores a view off the UI goroutine and shows it as the selected one.
func (lv *listView[T]) saveView(v app.SavedView) {
	lv.env.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := lv.env.ledger.SaveView(ctx, &v)
		var views []app.SavedView
		if err == nil {
			views, err = lv.env.ledger.SavedViews(ctx, lv.spec.key)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, lv.env.win)
				return
			}
			lv.setViews(views)
			lv.views.OnChanged = nil
			lv.views.SetSelected(v.Name)
			lv.views.OnChanged = lv.onViewSelected
		})
	})
}

func (lv *listView[T]) onDeleteView() {
	var view *app.SavedView
	for i := range lv.viewList {
		if lv.viewList[i].Name == lv.views.Selected {
			view = &lv.viewList[i]
		}
	}
	if view == nil {
		dialog.ShowInformation("删除视图", "请先在“视图”中选择要删除的视图。", lv.env.win)
		return
	}
	v := *view
	dialog.ShowConfirm("删除视图", "删除视图“"+v.Name+"”？筛选出的记录不受影响。", func(ok bool) {
		if ok {
			lv.deleteView(v)
		}
	}, lv.env.win)
}

func (lv *listView[T]) deleteView(v app.SavedView) {
	lv.env.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := lv.env.ledger.DeleteView(ctx, v.ID)
		var views []app.SavedView
		if err == nil {
			views, err = lv.env.ledger.SavedViews(ctx, lv.spec.key)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, lv.env.win)
				return
			}
			lv.views.OnChanged = nil
			lv.views.ClearSelected()
			lv.setViews(views)
		})
	})
}

func (lv *listView[T]) onClearFilters() {
	lv.filters.set(nil)
	lv.views.OnChanged = nil
	lv.views.ClearSelected()
	lv.views.OnChanged = lv.onViewSelected
	lv.reload()
}

// listCell is a table cell: a check box in the first column, a label in the others. A tap
// selects the row; a double tap opens its record.
type listCell struct {
	widget.BaseWidget
	check         *widget.Check
	label         *widget.Label
	row, col      int
	tapped, twice func(row, col int)
}

func newListCell(tapped, twice func(row, col int)) *listCell {
	c := &listCell{check: widget.NewCheck("", nil), label: widget.NewLabel("赣州经开区新能源汽车"), tapped: tapped, twice: twice}
	c.label.Truncation = fyne.TextTruncateClip
	c.ExtendBaseWidget(c)
	return c
}

func (c *listCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.label, c.check))
}

// Tapped selects the row.
func (c *listCell) Tapped(*fyne.PointEvent) { c.tapped(c.row, c.col) }

// DoubleTapped opens the row's record.
func (c *listCell) DoubleTapped(*fyne.PointEvent) { c.twice(c.row, c.col) }

// filterSet is a list's filter widgets: each has a key under which saved views store its
// value. A change applies the filters unless a saved view is being restored.
type filterSet struct {
	controls  []filterControl
	apply     func()
	restoring bool
}

type filterControl struct {
	key    string
	object fyne.CanvasObject
	get    func() string
	set    func(string)
	width  float32
}

func (fs *filterSet) changed() {
	if !fs.restoring && fs.apply != nil {
		fs.apply()
	}
}

// choice is a drop-down whose first option (all) means no filter.
func (fs *filterSet) choice(key, all string, options []string) *widget.Select {
	sel := widget.NewSelect(append([]string{all}, options...), nil)
	sel.SetSelectedIndex(0)
	sel.OnChanged = func(string) { fs.changed() }
	fs.controls = append(fs.controls, filterControl{key: key, object: sel, width: 150,
		get: func() string {
			if sel.SelectedIndex() <= 0 {
				return ""
			}
			return sel.Selected
		},
		set: func(v string) {
			if v == "" || !slices.Contains(sel.Options, v) {
				sel.SetSelectedIndex(0)
			} else {
				sel.SetSelected(v)
			}
		}})
	return sel
}

// setChoices replaces a drop-down's options after its first (all), keeping the selection
// when it is still offered.
func setChoices(sel *widget.Select, options []string) {
	cur := sel.Selected
	on := sel.OnChanged
	sel.OnChanged = nil
	sel.SetOptions(append([]string{sel.Options[0]}, options...))
	if slices.Contains(sel.Options, cur) {
		sel.SetSelected(cur)
	} else {
		sel.SetSelectedIndex(0)
	}
	sel.OnChanged = on
}

// text is an entry applied on Enter.
func (fs *filterSet) text(key, placeholder string, width float32) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.OnSubmitted = func(string) { fs.changed() }
	fs.controls = append(fs.controls, filterControl{key: key, object: e, width: width,
		get: func() string { return app.CleanText(e.Text) }, set: e.SetText})
	return e
}

// date is a yyyy-mm-dd entry applied on Enter.
func (fs *filterSet) date(key, placeholder string) *widget.Entry {
	return fs.text(key, placeholder, 130)
}

// values are the filters as saved views store them; empty ones are left out.
func (fs *filterSet) values() map[string]string {
	out := map[string]string{}
	for _, c := range fs.controls {
		if v := c.get(); v != "" {
			out[c.key] = v
		}
	}
	return out
}

// set shows the given values (nil clears every filter) without applying them one by one.
func (fs *filterSet) set(values map[string]string) {
	fs.restoring = true
	defer func() { fs.restoring = false }()
	for _, c := range fs.controls {
		c.set(values[c.key])
	}
}

// bar lays the filters out in rows that wrap with the window's width.
func (fs *filterSet) bar() fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(fs.controls))
	for i, c := range fs.controls {
		objs[i] = container.NewGridWrap(fyne.NewSize(c.width, c.object.MinSize().Height), c.object)
	}
	return container.New(&flowLayout{}, objs...)
}

// parseDates reads the yyyy-mm-dd filters of a range, naming the one that is wrong.
func parseDates(labels []string, texts ...string) ([]app.Date, error) {
	out := make([]app.Date, len(texts))
	for i, s := range texts {
		d, err := app.ParseDate(s)
		if err != nil {
			return nil, fmt.Errorf("筛选条件“%s”：%w", labels[i], err)
		}
		out[i] = d
	}
	return out, nil
}

// flowLayout places objects left to right at their minimum size and wraps to a new line
// when the width runs out.
type flowLayout struct{ width float32 }

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	x, y, lineH := float32(0), float32(0), float32(0)
	gap := float32(4)
	for _, o := range objs {
		ms := o.MinSize()
		if x > 0 && x+ms.Width > size.Width {
			x, y, lineH = 0, y+lineH+gap, 0
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(ms)
		x += ms.Width + gap
		lineH = max(lineH, ms.Height)
	}
}

func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	width := l.width
	if width <= 0 {
		width = 1100
	}
	x, h, lineH, widest := float32(0), float32(0), float32(0), float32(0)
	gap := float32(4)
	for _, o := range objs {
		ms := o.MinSize()
		widest = max(widest, ms.Width)
		if x > 0 && x+ms.Width > width {
			h += lineH + gap
			x, lineH = 0, 0
		}
		x += ms.Width + gap
		lineH = max(lineH, ms.Height)
	}
	return fyne.NewSize(widest, h+lineH)
}

// assignAction adds a bulk action that asks for one name (跟进人, 联系人, 负责人) and saves
// it on every selected record through save.
func (lv *listView[T]) assignAction(label, field string, save func(ctx context.Context, r T, name string) error) {
	lv.addAction(label, func() {
		if !lv.needSelection(label) {
			return
		}
		rows := lv.selectedRows()
		name := widget.NewEntry()
		dialog.ShowForm(fmt.Sprintf("%s（%d %s）", label, len(rows), lv.spec.noun), label, "取消",
			[]*widget.FormItem{widget.NewFormItem(field, name)}, func(ok bool) {
				v := app.CleanText(name.Text)
				if !ok {
					return
				}
				if v == "" {
					dialog.ShowError(fmt.Errorf("请填写%s", field), lv.env.win)
					return
				}
				lv.bulk(label, "批量指派前", rows, func(ctx context.Context, r T) error { return save(ctx, r, v) })
			}, lv.env.win)
	})
}

// containsText reports whether any of texts contains sub; an empty sub matches everything.
func containsText(sub string, texts ...string) bool {
	if sub == "" {
		return true
	}
	for _, t := range texts {
		if strings.Contains(t, sub) {
			return true
		}
	}
	return false
}
