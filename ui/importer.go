package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/importers"
)

// importScreen imports a spreadsheet, CSV or contacts file: choose the file and the sheet,
// check the field proposed for each column, preview every row with its problems and change
// the action of any row, then commit the whole file as one batch (after a backup) that can
// be undone. Reading, previewing and committing run off the UI goroutine.
type importScreen struct {
	win    fyne.Window
	ledger *app.Ledger
	run    runner

	path      *widget.Entry
	choose    *widget.Button
	open      *widget.Button
	sheet     *widget.Select
	mapping   *fyne.Container
	fields    []*widget.Select
	table     *widget.Table
	action    *widget.Select // the action of the selected row
	rowInfo   *widget.Label
	problems  *widget.List // one line per problem, duplicate and outcome of the last preview or import
	probHead  *widget.Label
	probLines []problemLine
	status    *widget.Label
	progress  *widget.ProgressBar         // work whose progress is measured: planning a commit
	spinner   *widget.ProgressBarInfinite // work whose progress is not: reading, preview, writing, undo
	previewBt *widget.Button
	commitBt  *widget.Button
	undoBt    *widget.Button
	cancelBt  *widget.Button
	batches   *widget.Select // the batches that can be undone, newest first
	batchIDs  []string

	book      *importers.Book
	tbl       *importers.Table
	plan      *app.ImportPlan
	choices   map[int]app.ImportAction
	selected  int // index into plan.Rows, -1 for none
	lastBatch string
	cancel    context.CancelFunc
}

// previewColumns are the preview table's columns.
var previewColumns = []struct {
	title string
	width float32
	text  func(r app.PlannedRow) string
}{
	{"行", 50, func(r app.PlannedRow) string { return fmt.Sprint(r.Row) }},
	{"操作", 80, func(r app.PlannedRow) string { return r.Action.Label() }},
	{"结果", 60, func(r app.PlannedRow) string { return r.Outcome.Label() }},
	{"记录", 260, func(r app.PlannedRow) string { return r.Label }},
	{"重复或问题", 520, func(r app.PlannedRow) string {
		var parts []string
		if r.Match != nil {
			target := "已有记录“" + r.Match.Record + "”"
			if r.Match.OtherRow > 0 {
				target = fmt.Sprintf("第%d行", r.Match.OtherRow)
			}
			parts = append(parts, fmt.Sprintf("与%s重复（%s）", target, r.Match.Why))
		}
		if r.Reason != "" {
			parts = append(parts, r.Reason)
		}
		for _, w := range r.Warnings {
			parts = append(parts, w.Reason)
		}
		return strings.Join(parts, "；")
	}},
}

func newImportScreen(win fyne.Window, l *app.Ledger, run runner) *importScreen {
	s := &importScreen{win: win, ledger: l, run: run, choices: map[int]app.ImportAction{}, selected: -1}
	s.path = widget.NewEntry()
	s.path.SetPlaceHolder("要导入的文件：.xlsx、.xls、.csv 或 .vcf")
	s.path.OnSubmitted = func(string) { s.onOpen() }
	s.choose = widget.NewButton("选择文件…", s.onChoose)
	s.open = widget.NewButton("读取", s.onOpen)
	s.sheet = widget.NewSelect(nil, func(string) { s.onSheet() })
	s.sheet.PlaceHolder = "（先读取文件）"
	s.mapping = container.NewVBox()
	s.table = widget.NewTableWithHeaders(
		func() (int, int) {
			if s.plan == nil {
				return 0, len(previewColumns)
			}
			return len(s.plan.Rows), len(previewColumns)
		},
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(previewColumns[id.Col].text(s.plan.Rows[id.Row]))
		})
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(previewColumns[id.Col].title)
		}
	}
	for i, c := range previewColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) { s.onRowSelected(id.Row) }
	s.action = widget.NewSelect(nil, func(string) { s.onAction() })
	s.action.PlaceHolder = "（先选中一行）"
	s.action.Disable()
	s.rowInfo = widget.NewLabel("选中一行可修改它的操作")
	s.probHead = widget.NewLabelWithStyle("问题与提示", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.problems = widget.NewList(func() int { return len(s.probLines) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.probLines[i].text) })
	s.problems.OnSelected = s.onProblemSelected
	s.status = widget.NewLabel("选择一个文件开始导入")
	s.status.Wrapping = fyne.TextWrapWord
	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.spinner = widget.NewProgressBarInfinite()
	s.spinner.Stop()
	s.spinner.Hide()
	s.previewBt = widget.NewButton("预览", s.onPreview)
	s.commitBt = widget.NewButton("导入", s.onCommit)
	s.undoBt = widget.NewButton("撤销所选导入", s.onUndo)
	s.batches = widget.NewSelect(nil, func(string) { s.idleUndo() })
	s.batches.PlaceHolder = "（还没有导入记录）"
	s.cancelBt = widget.NewButton("取消", s.onCancel)
	s.previewBt.Disable()
	s.commitBt.Disable()
	s.undoBt.Disable()
	s.cancelBt.Disable()
	return s
}

func (s *importScreen) content() fyne.CanvasObject {
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("文件"), container.NewHBox(s.choose, s.open), s.path),
		container.NewBorder(nil, nil, widget.NewLabel("工作表"), nil, s.sheet),
	)
	mapping := container.NewBorder(widget.NewLabelWithStyle("列映射（每列对应的字段）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, container.NewVScroll(s.mapping))
	rowBar := container.NewBorder(nil, nil, s.rowInfo, nil, s.action)
	previewPane := container.NewVSplit(
		container.NewBorder(nil, rowBar, nil, nil, s.table),
		container.NewBorder(s.probHead, nil, nil, nil, s.problems))
	previewPane.Offset = 0.65
	body := container.NewHSplit(mapping, previewPane)
	body.Offset = 0.3
	buttons := container.NewHBox(s.previewBt, s.commitBt, s.cancelBt)
	undo := container.NewBorder(nil, nil, widget.NewLabel("导入记录"), s.undoBt, s.batches)
	bottom := container.NewVBox(container.NewStack(s.progress, s.spinner), container.NewBorder(nil, nil, nil, buttons, s.status), undo)
	s.loadBatches("")
	return container.NewBorder(top, bottom, nil, nil, body)
}

// loadBatches lists the batches not yet undone, selecting the one given (or the newest).
func (s *importScreen) loadBatches(selectID string) {
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		bs, err := s.ledger.ImportBatches(ctx)
		fyne.Do(func() {
			if err != nil {
				s.status.SetText("读取导入记录失败：" + err.Error())
				return
			}
			var labels, ids []string
			sel := ""
			for _, b := range bs {
				if b.UndoneAt != nil {
					continue
				}
				label := fmt.Sprintf("%s %s（新建 %d，更新 %d）", b.At.Local().Format("2006-01-02 15:04"), filepath.Base(b.File), b.Created, b.Updated)
				labels, ids = append(labels, label), append(ids, b.ID)
				if b.ID == selectID || sel == "" {
					sel = label
				}
			}
			s.batchIDs = ids
			s.batches.Options = labels
			if sel != "" {
				s.batches.SetSelected(sel)
			} else {
				s.batches.ClearSelected()
			}
			s.idleUndo()
		})
	})
}

// idleUndo enables undo when a batch is chosen and no work runs.
func (s *importScreen) idleUndo() {
	if s.batches.SelectedIndex() >= 0 && s.cancelBt.Disabled() {
		s.undoBt.Enable()
	} else {
		s.undoBt.Disable()
	}
}

// onChoose picks the file with the file dialog.
func (s *importScreen) onChoose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		s.path.SetText(r.URI().Path())
		s.onOpen()
	}, s.win)
	d.Show()
}

// busy disables the buttons while work runs and returns its context.
func (s *importScreen) busy(what string) context.Context {
	if s.cancel != nil {
		s.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.status.SetText(what)
	s.showProgress(false)
	for _, b := range []*widget.Button{s.open, s.previewBt, s.commitBt, s.undoBt} {
		b.Disable()
	}
	s.cancelBt.Enable()
	return ctx
}

// showProgress shows the bar that fits the work: measured, from 0, or a moving one.
func (s *importScreen) showProgress(measured bool) {
	if measured {
		s.spinner.Stop()
		s.spinner.Hide()
		s.progress.SetValue(0)
		s.progress.Show()
		return
	}
	s.progress.Hide()
	s.spinner.Show()
	s.spinner.Start()
}

// idle brings the buttons back after work; call inside fyne.Do.
func (s *importScreen) idle() {
	s.progress.Hide()
	s.spinner.Stop()
	s.spinner.Hide()
	s.cancelBt.Disable()
	s.open.Enable()
	if s.tbl != nil {
		s.previewBt.Enable()
	}
	if s.plan != nil && (s.plan.Report.Created > 0 || s.plan.Report.Updated > 0 || len(s.plan.Report.Merged) > 0) {
		s.commitBt.Enable()
	}
	s.idleUndo()
}

// onOpen reads the file's sheets and shows the default one.
func (s *importScreen) onOpen() {
	path := strings.TrimSpace(s.path.Text)
	if path == "" {
		s.status.SetText("请先选择要导入的文件")
		return
	}
	s.busy("正在读取 " + filepath.Base(path) + "……")
	s.run(func() {
		b, err := importers.Open(path, importers.DefaultLimits())
		if err == nil {
			b.CountRows() // sizes for the sheet list, off the UI goroutine
		}
		fyne.Do(func() {
			if s.book != nil {
				s.book.Close()
			}
			s.book, s.tbl, s.plan, s.choices, s.selected = b, nil, nil, map[int]app.ImportAction{}, -1
			s.table.Refresh()
			s.mapping.RemoveAll()
			if err != nil {
				s.book = nil
				s.status.SetText(err.Error())
				s.idle()
				return
			}
			var options []string
			def := ""
			for _, sh := range b.Sheets {
				label := sheetLabel(sh)
				options = append(options, label)
				if sh.Name == b.DefaultSheet() {
					def = label
				}
			}
			s.sheet.Options = options
			s.idle()
			s.sheet.SetSelected(def) // reads the sheet through onSheet
		})
	})
}

// sheetLabel names a sheet in the sheet list with its size.
func sheetLabel(sh importers.SheetInfo) string {
	label := sh.Name
	if sh.Rows > 0 { // 0: an empty sheet, or one whose rows could not be counted
		label += fmt.Sprintf("（%d行）", sh.Rows)
	}
	if sh.Summary {
		label += "（汇总表）"
	}
	if sh.Hidden {
		label += "（隐藏）"
	}
	return label
}

// onSheet finds the table of the chosen sheet and shows the proposed mapping (or the one
// confirmed earlier for the same headers).
func (s *importScreen) onSheet() {
	if s.book == nil || s.sheet.Selected == "" {
		return
	}
	name := ""
	for _, sh := range s.book.Sheets {
		if sheetLabel(sh) == s.sheet.Selected {
			name = sh.Name
		}
	}
	book := s.book
	ctx := s.busy("正在读取工作表“" + name + "”……")
	s.run(func() {
		var tbl *importers.Table
		g, err := book.Grid(name)
		if err == nil {
			tbl, err = importers.FindTable(book, g)
		}
		remembered := false
		if err == nil {
			var fields []string
			var ok bool
			fields, ok, err = s.ledger.RememberedMapping(ctx, tbl.Headers())
			if err == nil && ok && tbl.SetFields(fields) == nil {
				remembered = true
			}
		}
		fyne.Do(func() {
			s.tbl, s.plan, s.selected = tbl, nil, -1
			s.table.Refresh()
			if err != nil {
				s.status.SetText(err.Error())
				s.idle()
				return
			}
			s.showMapping()
			msg := fmt.Sprintf("表头在第 %s 行，共 %d 列，其下 %d 行。请核对列映射，然后预览。", app.RowSpan(headerRows(g, tbl.Header)), len(tbl.Columns), len(g.Cells)-1-tbl.Header.Rows[len(tbl.Header.Rows)-1])
			if remembered {
				msg = "已套用上次确认的列映射。" + msg
			}
			s.status.SetText(msg)
			s.idle()
		})
	})
}

func headerRows(g *importers.Grid, h importers.Header) []int {
	var out []int
	for _, r := range h.Rows {
		out = append(out, g.RowNum[r])
	}
	return out
}

// fieldOptions are the choices of a column's field: ignore, then every field.
func fieldOptions() []string {
	out := []string{importers.FieldLabel(importers.FieldIgnore)}
	for _, f := range importers.Fields {
		out = append(out, f.Label)
	}
	return out
}

func fieldKey(label string) string {
	for _, f := range importers.Fields {
		if f.Label == label {
			return f.Key
		}
	}
	return importers.FieldIgnore
}

// showMapping builds one field choice per column.
func (s *importScreen) showMapping() {
	s.mapping.RemoveAll()
	s.fields = nil
	for i, c := range s.tbl.Columns {
		i := i
		sel := widget.NewSelect(fieldOptions(), nil)
		sel.PlaceHolder = "（不导入）"
		sel.SetSelected(importers.FieldLabel(c.Field))
		sel.OnChanged = func(label string) { s.onField(i, label) }
		title := c.Letter + "列 " + c.Header
		if c.Hidden {
			title += "（隐藏）"
		}
		s.fields = append(s.fields, sel)
		s.mapping.Add(container.NewBorder(nil, nil, widget.NewLabel(title), nil, sel))
	}
	s.mapping.Refresh()
}

// onField changes the field of column i; the preview must be redone.
func (s *importScreen) onField(i int, label string) {
	if s.tbl == nil {
		return
	}
	fields := s.tbl.Fields()
	fields[i] = fieldKey(label)
	if err := s.tbl.SetFields(fields); err != nil {
		s.status.SetText(err.Error())
		return
	}
	s.plan = nil
	s.table.Refresh()
	s.commitBt.Disable()
	s.status.SetText(fmt.Sprintf("%s列改为“%s”，请重新预览", s.tbl.Columns[i].Letter, label))
}

// onPreview reads the rows with the mapping and plans them against the ledger.
func (s *importScreen) onPreview() {
	if s.tbl == nil {
		return
	}
	tbl, choices := s.tbl, cloneChoices(s.choices)
	ctx := s.busy("正在预览……")
	s.run(func() {
		f, err := tbl.StreamFile() // read while it is planned
		var plan *app.ImportPlan
		if err == nil {
			plan, err = s.ledger.PreviewImport(ctx, f, choices)
		}
		fyne.Do(func() {
			if err != nil {
				s.status.SetText("预览失败：" + err.Error())
				s.idle()
				return
			}
			s.plan, s.selected = plan, -1
			s.table.Refresh()
			s.showProblems(plan.Report)
			s.status.SetText(plan.Report.Summary())
			s.idle()
		})
	})
}

func (s *importScreen) planRows() []app.PlannedRow {
	if s.plan == nil {
		return nil
	}
	return s.plan.Rows
}

func cloneChoices(m map[int]app.ImportAction) map[int]app.ImportAction {
	out := make(map[int]app.ImportAction, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// problemLine is a line of the problem list: its text and the sheet row it is about (0 for
// the file or a column as a whole).
type problemLine struct {
	row  int
	text string
}

// reportLines lists every problem, skipped row, merge, duplicate and warning of a report by
// row and column.
func reportLines(r app.ImportReport) []problemLine {
	var out []problemLine
	add := func(row int, format string, args ...any) {
		out = append(out, problemLine{row, fmt.Sprintf(format, args...)})
	}
	for _, p := range r.Rejected {
		add(p.Row, "拒绝：%s", p)
	}
	for _, p := range r.Skipped {
		add(p.Row, "跳过：%s", p)
	}
	for _, m := range r.Merged {
		add(m.Row, "合并：第%d行并入第%d行（%s）", m.Row, m.IntoRow, m.Why)
	}
	for _, d := range r.Duplicates {
		target := "已有的“" + d.Record + "”"
		if d.OtherRow > 0 {
			target = fmt.Sprintf("第%d行的“%s”", d.OtherRow, d.Record)
		}
		add(d.Row, "重复：第%d行的%s与%s相同（%s）", d.Row, d.Kind.Label(), target, d.Why)
	}
	for _, p := range r.Warnings {
		add(p.Row, "提示：%s", p)
	}
	return out
}

// showProblems fills the problem list from a report. The list draws only the lines in view:
// a 50 000-row ledger can have tens of thousands of them, which as one label took the window
// minutes to lay out.
func (s *importScreen) showProblems(r app.ImportReport) {
	head := "问题与提示"
	if s.plan != nil {
		head = "问题与提示（点一条可在上表中找到该行）"
	}
	s.setProblems(reportLines(r), head)
}

func (s *importScreen) setProblems(lines []problemLine, head string) {
	s.probLines = lines
	s.probHead.SetText(fmt.Sprintf("%s：%d 条", head, len(lines)))
	s.problems.UnselectAll()
	s.problems.Refresh()
	s.problems.ScrollToTop()
}

// onProblemSelected selects the row a problem is about in the preview table, or shows the
// whole line below when there is no such row.
func (s *importScreen) onProblemSelected(i widget.ListItemID) {
	if i < 0 || i >= len(s.probLines) {
		return
	}
	row := s.probLines[i].row
	for j, r := range s.planRows() {
		if row > 0 && r.Row == row {
			s.table.Select(widget.TableCellID{Row: j, Col: 0})
			s.table.ScrollTo(widget.TableCellID{Row: j, Col: 0})
			return
		}
	}
	s.status.SetText(s.probLines[i].text)
}

// onRowSelected offers the actions of the selected row.
func (s *importScreen) onRowSelected(i int) {
	if s.plan == nil || i < 0 || i >= len(s.plan.Rows) {
		return
	}
	s.selected = i
	r := s.plan.Rows[i]
	var opts []string
	for _, c := range r.Choices {
		opts = append(opts, c.Label())
	}
	s.rowInfo.SetText(fmt.Sprintf("第%d行 %s：", r.Row, r.Label))
	s.action.OnChanged = nil
	s.action.Options = opts
	if len(opts) == 0 {
		s.action.ClearSelected()
		s.action.Disable()
	} else {
		s.action.SetSelected(r.Action.Label())
		s.action.Enable()
	}
	s.action.OnChanged = func(string) { s.onAction() }
}

// onAction sets the action of the selected row and previews again.
func (s *importScreen) onAction() {
	if s.plan == nil || s.selected < 0 {
		return
	}
	r := s.plan.Rows[s.selected]
	for _, c := range r.Choices {
		if c.Label() == s.action.Selected {
			s.choices[r.Row] = c
		}
	}
	s.onPreview()
}

// onCommit remembers the mapping and imports the file as one batch.
func (s *importScreen) onCommit() {
	if s.tbl == nil || s.plan == nil {
		return
	}
	tbl, choices := s.tbl, cloneChoices(s.choices)
	ctx := s.busy("正在核对各行……")
	s.showProgress(true)
	s.run(func() {
		err := s.ledger.RememberMapping(ctx, tbl.Headers(), tbl.Fields())
		var rep app.ImportReport
		if err == nil {
			var f *app.ImportFile
			f, err = tbl.StreamFile() // read while it is planned
			if err == nil {
				rep, err = s.ledger.CommitImport(ctx, f, choices, app.ImportOptions{
					Progress: func(done, total int) {
						fyne.Do(func() {
							if done < total {
								s.progress.SetValue(float64(done) / float64(total))
								return
							}
							// Planned: the backup and the write take the rest, unmeasured.
							s.status.SetText("正在备份并写入……")
							s.showProgress(false)
						})
					}})
			}
		}
		fyne.Do(func() {
			if err != nil {
				s.status.SetText(err.Error())
				s.idle()
				return
			}
			s.lastBatch, s.plan = rep.Batch, nil
			s.table.Refresh()
			s.showProblems(rep)
			s.status.SetText(rep.Summary() + "。导入前已备份到 " + rep.Backup)
			s.idle()
			s.loadBatches(rep.Batch)
		})
	})
}

// onUndo takes the chosen batch back.
func (s *importScreen) onUndo() {
	i := s.batches.SelectedIndex()
	if i < 0 || i >= len(s.batchIDs) {
		return
	}
	batch := s.batchIDs[i]
	msg := fmt.Sprintf("撤销导入“%s”？\n它新建的记录会被删除，它更新的记录恢复为导入前的样子；"+
		"导入之后又改过或被引用的记录会保留并列出。撤销前会先备份当前数据。", s.batches.Selected)
	dialog.ShowConfirm("撤销导入", msg, func(ok bool) {
		if ok {
			s.undo(batch)
		}
	}, s.win)
}

// undo takes the batch back and lists the records kept.
func (s *importScreen) undo(batch string) {
	ctx := s.busy("正在撤销导入……")
	s.run(func() {
		u, err := s.ledger.UndoImport(ctx, batch)
		fyne.Do(func() {
			if err != nil {
				s.status.SetText("撤销失败：" + err.Error())
				s.idle()
				return
			}
			if s.lastBatch == batch {
				s.lastBatch = ""
			}
			msg := fmt.Sprintf("已撤销导入：删除 %d 条新建记录，恢复 %d 条被更新的记录", u.Deleted, u.Restored)
			lines := make([]problemLine, 0, len(u.Kept))
			for _, k := range u.Kept {
				lines = append(lines, problemLine{text: fmt.Sprintf("保留：%s“%s”（%s）", k.Kind.Label(), k.Name, k.Why)})
			}
			if len(lines) > 0 {
				msg += fmt.Sprintf("；%d 条记录导入后改过或被引用，已保留（见下方列表）", len(lines))
			}
			s.plan = nil
			s.table.Refresh()
			s.setProblems(lines, "撤销时保留的记录")
			s.status.SetText(msg)
			s.idle()
			s.loadBatches("")
		})
	})
}

// onCancel stops the work under way; nothing is written by a cancelled commit.
func (s *importScreen) onCancel() {
	if s.cancel != nil {
		s.cancel()
		s.status.SetText("已取消")
	}
}
