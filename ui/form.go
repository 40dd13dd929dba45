package ui

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// formField is one row of a record form: a label, the input widget, and a line under it for
// the field's Chinese validation message. read copies the widget into the record and reports
// a parse error (shown beside the field); write copies the record into the widget.
type formField struct {
	key    string // the record field's JSON name, as app's validation errors name it
	label  string
	input  fyne.CanvasObject
	msg    *canvas.Text
	read   func() error
	write  func()
	reveal func()        // called when the field gets an error, e.g. to switch to its tab
	picker *recordPicker // the field's picker, if it is one
}

// recordForm is a list of fields bound to one record, with the messages of the last save.
type recordForm struct {
	fields  []*formField
	general *widget.Label // problems that belong to no field
}

func newRecordForm() *recordForm {
	g := widget.NewLabel("")
	g.Wrapping = fyne.TextWrapWord
	g.Importance = widget.DangerImportance
	return &recordForm{general: g}
}

func errorText() *canvas.Text {
	t := canvas.NewText("", theme.Color(theme.ColorNameError))
	t.TextSize = theme.CaptionTextSize()
	return t
}

func (f *recordForm) add(key, label string, input fyne.CanvasObject, read func() error, write func()) *formField {
	ff := &formField{key: key, label: label, input: input, msg: errorText(), read: read, write: write}
	f.fields = append(f.fields, ff)
	return ff
}

// field returns the field with a JSON key, or nil.
func (f *recordForm) field(key string) *formField {
	for _, ff := range f.fields {
		if ff.key == key {
			return ff
		}
	}
	return nil
}

// load shows the record in every widget and clears old messages.
func (f *recordForm) load() {
	for _, ff := range f.fields {
		ff.write()
	}
	f.clear()
}

func (f *recordForm) clear() {
	for _, ff := range f.fields {
		ff.msg.Text = ""
		ff.msg.Refresh()
	}
	f.general.SetText("")
}

// read copies every widget into the record. Parse errors are shown beside their fields and
// returned together; the widgets keep what the user typed.
func (f *recordForm) read() error {
	f.clear()
	var bad []app.FieldError
	for _, ff := range f.fields {
		if err := ff.read(); err != nil {
			bad = append(bad, app.FieldError{Field: ff.key, Message: err.Error()})
		}
	}
	if len(bad) > 0 {
		err := &app.ValidationError{Entity: "表单", Problems: bad}
		f.show(err)
		return err
	}
	return nil
}

// show puts each problem of a save beside its field; an error that is not about fields goes
// under the form.
func (f *recordForm) show(err error) {
	problems := app.FieldProblems(err)
	if len(problems) == 0 {
		f.general.SetText(err.Error())
		return
	}
	var general []string
	for _, p := range problems {
		ff := f.field(p.Field)
		if ff == nil {
			general = append(general, p.Message)
			continue
		}
		if ff.msg.Text != "" {
			ff.msg.Text += "；"
		}
		ff.msg.Text += p.Message
		ff.msg.Refresh()
		if ff.reveal != nil {
			ff.reveal()
		}
	}
	f.general.SetText(strings.Join(general, "；"))
}

// message returns the message shown beside a field, for tests.
func (f *recordForm) message(key string) string {
	if ff := f.field(key); ff != nil {
		return ff.msg.Text
	}
	return ""
}

// object lays the fields out in two columns of label | input-with-message rows.
func (f *recordForm) object(fields ...*formField) fyne.CanvasObject {
	if fields == nil {
		fields = f.fields
	}
	var cells []fyne.CanvasObject
	for _, ff := range fields {
		label := widget.NewLabel(ff.label)
		label.Alignment = fyne.TextAlignTrailing
		cells = append(cells, label, container.NewVBox(ff.input, ff.msg))
	}
	return container.New(layout.NewFormLayout(), cells...)
}

// textField binds an Entry to a string.
func (f *recordForm) textField(key, label string, v *string) *formField {
	e := widget.NewEntry()
	return f.add(key, label, e, func() error { *v = e.Text; return nil }, func() { e.SetText(*v) })
}

// notesField binds a multi-line Entry to a string.
func (f *recordForm) notesField(key, label string, v *string) *formField {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	return f.add(key, label, e, func() error { *v = e.Text; return nil }, func() { e.SetText(*v) })
}

// dateField binds a yyyy-mm-dd Entry to a date (Fyne's DateEntry is dd/mm/yyyy).
func (f *recordForm) dateField(key, label string, v *app.Date) *formField {
	e := newDateEntry()
	return f.add(key, label, e, func() error {
		d, err := app.ParseDate(e.Text)
		if err != nil {
			return err
		}
		*v = d
		return nil
	}, func() { e.SetText(v.String()) })
}

// newDateEntry is an Entry for yyyy-mm-dd dates.
func newDateEntry() *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("yyyy-mm-dd")
	e.Validator = func(s string) error { _, err := app.ParseDate(s); return err }
	return e
}

// amountField binds an amount in 元 to an Entry with a 万元/亿元 unit the user chooses.
func (f *recordForm) amountField(key, label string, v *app.Yuan) *formField {
	e := widget.NewEntry()
	unit := widget.NewSelect([]string{"万元", "亿元"}, nil)
	unit.SetSelected("万元")
	scale := func() int64 {
		if unit.Selected == "亿元" {
			return int64(app.Yi)
		}
		return int64(app.Wan)
	}
	unit.OnChanged = func(string) {} // the number is read in the unit chosen when saving
	input := container.NewBorder(nil, nil, nil, unit, e)
	return f.add(key, label, input, func() error {
		n, err := app.ParseScaled(e.Text, scale())
		if err != nil {
			return errors.New(label + "：" + err.Error())
		}
		*v = app.Yuan(n)
		return nil
	}, func() {
		if *v != 0 && *v%app.Yi == 0 || *v >= 10*app.Yi {
			unit.SetSelected("亿元")
		} else {
			unit.SetSelected("万元")
		}
		if *v == 0 {
			e.SetText("")
			return
		}
		e.SetText(app.FormatScaled(int64(*v), scale()))
	})
}

// scaledField binds an integer counted in 1/scale units (US cents as 万美元, hundredths of a
// 亩) to an Entry with a fixed unit label.
func (f *recordForm) scaledField(key, label, unitText string, scale int64, get func() int64, set func(int64)) *formField {
	e := widget.NewEntry()
	input := container.NewBorder(nil, nil, nil, widget.NewLabel(unitText), e)
	return f.add(key, label, input, func() error {
		n, err := app.ParseScaled(e.Text, scale)
		if err != nil {
			return errors.New(label + "：" + err.Error())
		}
		set(n)
		return nil
	}, func() {
		if get() == 0 {
			e.SetText("")
			return
		}
		e.SetText(app.FormatScaled(get(), scale))
	})
}

// choiceField binds a Select to a string-like value, offering "（不填）" for none.
func choiceField[T ~string](f *recordForm, key, label string, options []T, v *T) *formField {
	return selectField(f, key, label, options, v, true)
}

// requiredChoiceField binds a Select to a string-like value that must be one of options.
func requiredChoiceField[T ~string](f *recordForm, key, label string, options []T, v *T) *formField {
	return selectField(f, key, label, options, v, false)
}

func selectField[T ~string](f *recordForm, key, label string, options []T, v *T, none bool) *formField {
	var names []string
	if none {
		names = append(names, "（不填）")
	}
	for _, o := range options {
		names = append(names, string(o))
	}
	s := widget.NewSelect(names, nil)
	s.PlaceHolder = "（请选择）"
	return f.add(key, label, s, func() error {
		if s.Selected == "（不填）" {
			*v = ""
		} else {
			*v = T(s.Selected)
		}
		return nil
	}, func() {
		switch {
		case *v != "":
			s.SetSelected(string(*v))
		case none:
			s.SetSelected("（不填）")
		default:
			s.ClearSelected()
		}
	})
}

// checkField binds a Check to a bool.
func (f *recordForm) checkField(key, label, text string, v *bool) *formField {
	c := widget.NewCheck(text, nil)
	return f.add(key, label, c, func() error { *v = c.Checked; return nil }, func() { c.SetChecked(*v) })
}

// tagsField binds a horizontal CheckGroup to a list of string-like tags.
func tagsField[T ~string](f *recordForm, key, label string, options []string, v *[]T) *formField {
	g := widget.NewCheckGroup(options, nil)
	g.Horizontal = true
	return f.add(key, label, g, func() error {
		var out []T
		for _, o := range options { // keep the options' order
			if slices.Contains(g.Selected, o) {
				out = append(out, T(o))
			}
		}
		*v = out
		return nil
	}, func() {
		sel := make([]string, len(*v))
		for i, t := range *v {
			sel[i] = string(t)
		}
		g.SetSelected(sel)
	})
}

// listField binds an Entry to a list of strings separated by ；, ; or 、 (phones).
func (f *recordForm) listField(key, label string, v *[]string) *formField {
	e := widget.NewEntry()
	e.SetPlaceHolder("多个用；分隔")
	return f.add(key, label, e, func() error {
		*v = splitList(e.Text)
		return nil
	}, func() { e.SetText(strings.Join(*v, "；")) })
}

// splitList splits what a list field holds at ；, ;, 、, and commas.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '；' || r == ';' || r == '、' || r == ',' || r == '，' })
}

// intField binds an Entry to a whole number.
func (f *recordForm) intField(key, label, unitText string, v *int) *formField {
	return f.scaledField(key, label, unitText, 1, func() int64 { return int64(*v) }, func(n int64) { *v = int(n) })
}

// pickerField binds a type-ahead picker to a record ID.
func (f *recordForm) pickerField(key, label string, p *recordPicker, v *string) *formField {
	ff := f.add(key, label, p.entry, func() error {
		id, err := p.id()
		if err != nil {
			return err
		}
		*v = id
		return nil
	}, func() { p.set(*v) })
	ff.picker = p
	return ff
}

// mutedText is a caption in the theme's secondary colour.
func mutedText(s string) *canvas.Text {
	t := canvas.NewText(s, theme.Color(theme.ColorNamePlaceHolder))
	t.TextSize = theme.CaptionTextSize()
	return t
}
