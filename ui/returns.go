package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/returns"
)

// leaveEmpty is the field choice of a column the return leaves empty.
const leaveEmpty = "（留空）"

// archiveColumns are the columns of the list of generated returns.
var archiveColumns = []struct {
	title string
	width float32
	text  func(r app.ReturnArchive) string
}{
	{"生成时间", 140, func(r app.ReturnArchive) string { return r.CreatedAt.Local().Format("2006-01-02 15:04") }},
	{"模板", 230, func(r app.ReturnArchive) string { return r.TemplateName }},
	{"期间", 70, func(r app.ReturnArchive) string { return r.Period.String() }},
	{"行数", 50, func(r app.ReturnArchive) string { return fmt.Sprint(r.RowCount) }},
	{"较上期", 170, func(r app.ReturnArchive) string {
		return fmt.Sprintf("新增 %d 变更 %d 移除 %d", r.NewCount, r.ChangedCount, r.RemovedCount)
	}},
	{"生成人", 80, func(r app.ReturnArchive) string { return r.UpdatedBy }},
	{"文件", 320, func(r app.ReturnArchive) string { return r.FileName }},
}

// returnsScreen is 报表: pick a built-in or saved template, or open the workbook the province
// sent and confirm the mapping proposed from its header; choose the period; generate; and
// find every return generated before, to save it again. Reading, proposing, generating and
// saving run off the UI goroutine.
type returnsScreen struct {
	win    fyne.Window
	ledger *app.Ledger
	run    runner

	templates *widget.Select
	path      *widget.Entry
	choose    *widget.Button
	open      *widget.Button
	name      *widget.Entry
	confirm   *widget.Button
	found     *widget.Label
	unmapped  *widget.Label
	columns   *fyne.Container
	fields    []*widget.Select
	period    *widget.Entry
	mark      *widget.Check
	generate  *widget.Button
	archive   *widget.Table
	saveAs    *widget.Button
	status    *widget.Label

	all      []returns.Template // built-in and saved, as in templates.Options
	current  *returns.Template  // the template shown: one of all, or a file being confirmed
	unsaved  bool               // current is a file whose mapping is not confirmed yet
	returns  []app.ReturnArchive
	selected int // index into returns, -1 for none
}

func newReturnsScreen(win fyne.Window, l *app.Ledger, run runner) *returnsScreen {
	s := &returnsScreen{win: win, ledger: l, run: run, selected: -1}
	s.templates = widget.NewSelect(nil, func(string) { s.onTemplate() })
	s.templates.PlaceHolder = "选择报表模板"
	s.path = widget.NewEntry()
	s.path.SetPlaceHolder("或打开上级发来的模板（.xlsx）")
	s.path.OnSubmitted = func(string) { s.onOpen() }
	s.choose = widget.NewButton("选择文件…", s.onChoose)
	s.open = widget.NewButton("识别表头", s.onOpen)
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder("模板名称")
	s.confirm = widget.NewButton("确认对应关系并保存模板", s.onConfirm)
	s.confirm.Disable()
	s.found = widget.NewLabel("")
	s.found.Wrapping = fyne.TextWrapWord
	s.unmapped = widget.NewLabel("")
	s.unmapped.Wrapping = fyne.TextWrapWord
	s.columns = container.NewVBox()
	s.period = widget.NewEntry()
	s.period.SetText(app.MonthOf(l.Today()).String())
	s.period.SetPlaceHolder("yyyy-mm")
	s.mark = widget.NewCheck("标出较上期新增和变动的记录", nil)
	s.generate = widget.NewButton("生成报表", s.onGenerate)
	s.generate.Disable()
	s.archive = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.returns), len(archiveColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(archiveColumns[id.Col].text(s.returns[id.Row]))
		})
	s.archive.ShowHeaderColumn = false
	s.archive.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.archive.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(archiveColumns[id.Col].title)
		}
	}
	for i, c := range archiveColumns {
		s.archive.SetColumnWidth(i, c.width)
	}
	s.archive.OnSelected = func(id widget.TableCellID) {
		s.selected = id.Row
		s.saveAs.Enable()
	}
	s.saveAs = widget.NewButton("另存为…", s.onSaveAs)
	s.saveAs.Disable()
	s.status = widget.NewLabel("选择模板和期间，生成报表")
	s.status.Wrapping = fyne.TextWrapWord
	return s
}

func (s *returnsScreen) content() fyne.CanvasObject {
	s.load("")
	pick := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("模板"), nil, s.templates),
		container.NewBorder(nil, nil, widget.NewLabel("文件"), container.NewHBox(s.choose, s.open), s.path),
		container.NewBorder(nil, nil, widget.NewLabel("名称"), s.confirm, s.name),
	)
	mapping := container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle("列对应关系（每列填写的内容）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.found, s.unmapped),
		nil, nil, nil, container.NewVScroll(s.columns))
	gen := container.NewBorder(nil, nil, widget.NewLabel("期间"), container.NewHBox(s.mark, s.generate), s.period)
	archive := container.NewBorder(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle("已生成的报表", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.saveAs),
		nil, nil, nil, s.archive)
	body := container.NewVSplit(mapping, archive)
	body.Offset = 0.55
	return container.NewBorder(container.NewVBox(pick, gen), s.status, nil, nil, body)
}

// load reads the templates and the archive off the UI goroutine, then selects the template
// named keep (when given).
func (s *returnsScreen) load(keep string) {
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		all, err := returns.Templates(ctx, s.ledger)
		var list []app.ReturnArchive
		if err == nil {
			list, err = s.ledger.Store().Returns(ctx, "")
		}
		fyne.Do(func() {
			if err != nil {
				s.status.SetText("读取报表模板失败：" + err.Error())
				return
			}
			s.all, s.returns = all, list
			names := make([]string, len(all))
			for i, t := range all {
				names[i] = templateLabel(t)
			}
			s.templates.Options = names
			s.templates.Refresh()
			s.archive.Refresh()
			s.selected = -1
			s.saveAs.Disable()
			if keep != "" && keep != s.templates.Selected {
				s.templates.SetSelected(keep)
			}
		})
	})
}

func templateLabel(t returns.Template) string {
	if t.Builtin {
		return t.Name + "（内置）"
	}
	return t.Name
}

// onTemplate shows the chosen template's mapping.
func (s *returnsScreen) onTemplate() {
	for i := range s.all {
		if templateLabel(s.all[i]) == s.templates.Selected {
			t := s.all[i]
			s.show(&t, false, nil)
			s.status.SetText(fmt.Sprintf("模板“%s”：选择期间后生成报表", t.Name))
			return
		}
	}
}

// show puts a template's mapping on screen; unsaved templates (a file just opened) can be
// edited and confirmed, the others generate.
func (s *returnsScreen) show(t *returns.Template, unsaved bool, found []string) {
	s.current, s.unsaved = t, unsaved
	s.name.SetText(t.Name)
	s.columns.Objects = nil
	s.fields = nil
	sheets := t.Mapping.Sheets
	for si := range sheets {
		sm := &sheets[si]
		s.columns.Add(widget.NewLabelWithStyle(fmt.Sprintf("工作表“%s”：表头%s，数据从第%d行起，每行一条%s记录",
			sm.Sheet, returnHeaderRows(sm.HeaderRows), sm.FirstDataRow, sm.Source), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		options := []string{leaveEmpty}
		keyOf := map[string]string{leaveEmpty: ""}
		labelOf := map[string]string{"": leaveEmpty}
		for _, f := range returns.FieldsFor(sm.Source) {
			options = append(options, f.Label)
			keyOf[f.Label], labelOf[f.Key] = f.Key, f.Label
		}
		for ci := range sm.Columns {
			c := &sm.Columns[ci]
			sel := widget.NewSelect(options, nil)
			sel.PlaceHolder = "（不填）"
			sel.SetSelected(labelOf[c.Field])
			sel.OnChanged = func(label string) {
				*c = c.WithField(keyOf[label])
				s.showUnmapped()
			}
			if !unsaved {
				sel.Disable()
			}
			unit := c.Unit
			if unit != "" {
				unit = "单位：" + unit
			}
			header := fmt.Sprintf("%s 列　%s", c.Col, c.Header)
			s.columns.Add(container.NewGridWithColumns(3, widget.NewLabel(header), sel, widget.NewLabel(unit)))
			s.fields = append(s.fields, sel)
		}
	}
	s.columns.Refresh()
	s.found.SetText(strings.Join(found, "；"))
	if len(found) == 0 {
		s.found.Hide()
	} else {
		s.found.Show()
	}
	s.showUnmapped()
	if unsaved {
		s.confirm.Enable()
		s.generate.Disable()
		s.status.SetText("请核对每列的对应字段，确认后保存模板，再生成报表")
	} else {
		s.confirm.Disable()
		s.generate.Enable()
	}
}

// showUnmapped lists the columns that will stay empty.
func (s *returnsScreen) showUnmapped() {
	if s.current == nil {
		s.unmapped.SetText("")
		return
	}
	var cols []string
	for _, sm := range s.current.Mapping.Sheets {
		for _, c := range sm.Unmapped() {
			cols = append(cols, c.Col+" "+c.Header)
		}
	}
	if len(cols) == 0 {
		s.unmapped.SetText("每一列都有对应的字段")
		return
	}
	s.unmapped.SetText("未对应的列（生成时留空）：" + strings.Join(cols, "、"))
}

// onChoose picks a template workbook with the file dialog.
func (s *returnsScreen) onChoose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		s.path.SetText(r.URI().Path())
		s.onOpen()
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Show()
}

// onOpen reads the workbook in the path box and proposes its mapping.
func (s *returnsScreen) onOpen() {
	path := strings.TrimSpace(s.path.Text)
	if path == "" {
		s.status.SetText("请先选择模板文件")
		return
	}
	s.open.Disable()
	s.status.SetText("正在识别 " + filepath.Base(path) + " 的表头……")
	s.run(func() {
		b, err := os.ReadFile(path)
		var t returns.Template
		var prop returns.Proposal
		if err == nil {
			t, prop, err = returns.FromFile(path, b)
		}
		fyne.Do(func() {
			s.open.Enable()
			if err != nil {
				s.status.SetText("无法使用这个模板：" + err.Error())
				return
			}
			s.templates.ClearSelected()
			s.show(&t, true, prop.Found)
		})
	})
}

// onConfirm saves the file's template with the mapping as confirmed.
func (s *returnsScreen) onConfirm() {
	if s.current == nil || !s.unsaved {
		return
	}
	t := *s.current
	t.Name = strings.TrimSpace(s.name.Text)
	s.confirm.Disable()
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		err := returns.Save(ctx, s.ledger, &t)
		fyne.Do(func() {
			if err != nil {
				s.confirm.Enable()
				s.status.SetText("保存模板失败：" + err.Error())
				return
			}
			s.status.SetText(fmt.Sprintf("已保存模板“%s”", t.Name))
			s.load(templateLabel(t))
		})
	})
}

// onGenerate fills the template for the period and archives the return.
func (s *returnsScreen) onGenerate() {
	if s.current == nil || s.unsaved {
		return
	}
	period, err := app.ParseMonth(s.period.Text)
	if err != nil || period.IsZero() {
		s.status.SetText("期间应写作 yyyy-mm，例如 " + app.MonthOf(s.ledger.Today()).String())
		return
	}
	t := *s.current
	opt := returns.Options{MarkChanges: s.mark.Checked}
	s.generate.Disable()
	s.status.SetText(fmt.Sprintf("正在生成“%s”（%s）……", t.Name, period))
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		res, err := returns.Generate(ctx, s.ledger, t, period, opt)
		fyne.Do(func() {
			s.generate.Enable()
			if err != nil {
				s.status.SetText("生成失败：" + err.Error())
				return
			}
			a := res.Archive
			msg := fmt.Sprintf("已生成“%s”，%d 行；较上期新增 %d、变更 %d、移除 %d。已归档，可在下方列表中另存。",
				res.FileName, a.RowCount, a.NewCount, a.ChangedCount, a.RemovedCount)
			if len(res.Unmapped) > 0 {
				msg += fmt.Sprintf("有 %d 列未对应，已留空。", len(res.Unmapped))
			}
			s.status.SetText(msg)
			s.load(s.templates.Selected)
		})
	})
}

// onSaveAs saves the selected archived return where the user says.
func (s *returnsScreen) onSaveAs() {
	if s.selected < 0 || s.selected >= len(s.returns) {
		return
	}
	r := s.returns[s.selected]
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		s.saveTo(r.ID, path)
	}, s.win)
	d.SetFileName(r.FileName)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Show()
}

// saveTo writes an archived return's file, exactly as it was generated, to path.
func (s *returnsScreen) saveTo(id, path string) {
	s.status.SetText("正在保存……")
	s.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		r, err := s.ledger.Store().Return(ctx, id)
		if err == nil {
			err = os.WriteFile(path, r.File, 0o644)
		}
		fyne.Do(func() {
			if err != nil {
				s.status.SetText("保存失败：" + err.Error())
				return
			}
			s.status.SetText(fmt.Sprintf("已保存到 %s（SHA-256 %s…）", path, r.Hash[:12]))
		})
	})
}

// returnHeaderRows writes a template's header rows as 第3行 or 第3–4行.
func returnHeaderRows(rows []int) string {
	switch len(rows) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("第%d行", rows[0])
	}
	return fmt.Sprintf("第%d–%d行", rows[0], rows[len(rows)-1])
}
