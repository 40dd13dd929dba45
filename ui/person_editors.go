package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// chamberRoles are the roles a member holds in a chamber of commerce.
var chamberRoles = []string{"会长", "常务副会长", "副会长", "秘书长", "理事", "会员"}

// membershipRow is one chamber membership being edited.
type membershipRow struct {
	chamber *recordPicker
	role    *widget.SelectEntry
}

// membershipsField edits a person's chamber memberships: a chamber (typed ahead) and a role
// per row.
func (f *recordForm) membershipsField(l *app.Ledger, run runner, v *[]app.Membership) *formField {
	var rows []*membershipRow
	box := container.NewVBox()
	var show func()
	addRow := func(m app.Membership) {
		r := &membershipRow{chamber: chamberPicker(l, run), role: widget.NewSelectEntry(chamberRoles)}
		r.role.SetPlaceHolder("职务")
		r.chamber.set(m.ChamberID)
		r.role.SetText(m.Role)
		rows = append(rows, r)
	}
	show = func() {
		box.RemoveAll()
		for i, r := range rows {
			remove := widget.NewButton("删除", func() { rows = append(rows[:i:i], rows[i+1:]...); show() })
			box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(140, 36), r.role), remove), r.chamber.entry))
		}
		box.Add(widget.NewButton("添加商会职务", func() { addRow(app.Membership{}); show() }))
	}
	return f.add("memberships", "商会职务", box, func() error {
		var out []app.Membership
		for _, r := range rows {
			id, err := r.chamber.id()
			if err != nil {
				return err
			}
			if id == "" {
				continue
			}
			out = append(out, app.Membership{ChamberID: id, Role: strings.TrimSpace(r.role.Text)})
		}
		*v = out
		return nil
	}, func() {
		rows = nil
		for _, m := range *v {
			addRow(m)
		}
		show()
	})
}

// dateRow is one important date being edited.
type dateRow struct {
	label, month, day, year *widget.Entry
	calendar                *widget.Select
	leap                    *widget.Check
}

// importantDatesField edits a person's important dates: a label, 公历 or 农历, month and day
// (a lunar date may be in a leap month) and, when known, the year.
func (f *recordForm) importantDatesField(v *[]app.ImportantDate) *formField {
	var rows []*dateRow
	box := container.NewVBox()
	var show func()
	addRow := func(d app.ImportantDate) {
		r := &dateRow{label: widget.NewEntry(), month: widget.NewEntry(), day: widget.NewEntry(), year: widget.NewEntry(),
			calendar: widget.NewSelect([]string{string(app.Solar), string(app.Lunar)}, nil), leap: widget.NewCheck("闰月", nil)}
		r.label.SetPlaceHolder("如：生日")
		r.month.SetPlaceHolder("月")
		r.day.SetPlaceHolder("日")
		r.year.SetPlaceHolder("年（可不填）")
		r.label.SetText(d.Label)
		if d.Calendar == "" {
			d.Calendar = app.Solar
		}
		r.calendar.SetSelected(string(d.Calendar))
		if d.Month > 0 {
			r.month.SetText(strconv.Itoa(d.Month))
			r.day.SetText(strconv.Itoa(d.Day))
		}
		if d.Year > 0 {
			r.year.SetText(strconv.Itoa(d.Year))
		}
		r.leap.SetChecked(d.LeapMonth)
		rows = append(rows, r)
	}
	show = func() {
		box.RemoveAll()
		for i, r := range rows {
			remove := widget.NewButton("删除", func() { rows = append(rows[:i:i], rows[i+1:]...); show() })
			small := func(e fyne.CanvasObject, w float32) fyne.CanvasObject {
				return container.NewGridWrap(fyne.NewSize(w, 36), e)
			}
			box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(r.calendar, small(r.month, 60), small(r.day, 60), small(r.year, 120), r.leap, remove), r.label))
		}
		box.Add(widget.NewButton("添加重要日期", func() { addRow(app.ImportantDate{}); show() }))
	}
	number := func(e *widget.Entry, what string) (int, error) {
		t := strings.TrimSpace(app.HalfWidth(e.Text))
		if t == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(t)
		if err != nil {
			return 0, fmt.Errorf("%s“%s”不是数字", what, e.Text)
		}
		return n, nil
	}
	return f.add("important_dates", "重要日期", box, func() error {
		var out []app.ImportantDate
		var errs []error
		for _, r := range rows {
			m, err1 := number(r.month, "月")
			d, err2 := number(r.day, "日")
			y, err3 := number(r.year, "年")
			if err := errors.Join(err1, err2, err3); err != nil {
				errs = append(errs, err)
				continue
			}
			if strings.TrimSpace(r.label.Text) == "" && m == 0 && d == 0 {
				continue // an empty row
			}
			out = append(out, app.ImportantDate{Label: r.label.Text, Calendar: app.Calendar(r.calendar.Selected), Year: y, Month: m, Day: d, LeapMonth: r.leap.Checked})
		}
		if len(errs) > 0 {
			return errors.Join(errs...)
		}
		*v = out
		return nil
	}, func() {
		rows = nil
		for _, d := range *v {
			addRow(d)
		}
		show()
	})
}
