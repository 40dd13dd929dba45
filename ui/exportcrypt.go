package ui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app/crypt"
)

// encryptedExt ends the name of an encrypted export: 项目-2026-11-27.xlsx.age.
const encryptedExt = ".age"

// exportOptions is the dialog before an export: whether to encrypt the file with a
// passphrase (typed twice), for files that leave the office on a laptop or a USB drive.
type exportOptions struct {
	encrypt     *widget.Check
	pass, again *widget.Entry
	dialog      *dialog.FormDialog
}

// onExport asks whether to encrypt, then where to save the current view.
func (lv *listView[T]) onExport() {
	lv.exportOpts = newExportOptions(lv.env.win, lv.saveExport)
	lv.exportOpts.dialog.Show()
}

func newExportOptions(win fyne.Window, then func(pass string)) *exportOptions {
	o := &exportOptions{pass: widget.NewPasswordEntry(), again: widget.NewPasswordEntry()}
	o.encrypt = widget.NewCheck("加密导出文件（打开时需要密码，文件丢失也不会泄露）", func(on bool) {
		if on {
			o.pass.Enable()
			o.again.Enable()
		} else {
			o.pass.Disable()
			o.again.Disable()
		}
		o.pass.Validate()
		o.again.Validate()
	})
	o.pass.Disable()
	o.again.Disable()
	check := func(string) error {
		if !o.encrypt.Checked {
			return nil
		}
		return crypt.CheckNew(o.pass.Text, o.again.Text)
	}
	o.again.Validator = check
	o.pass.Validator = func(string) error { o.again.Validate(); return nil }
	items := []*widget.FormItem{
		widget.NewFormItem("", o.encrypt),
		widget.NewFormItem("密码", o.pass),
		widget.NewFormItem("再输一次", o.again),
		widget.NewFormItem("", widget.NewLabel("加密文件用 age 格式（.age），在另一台电脑上可用赣招或 age 工具输入密码解开。")),
	}
	o.dialog = dialog.NewForm("导出", "下一步", "取消", items, func(ok bool) {
		if !ok {
			return
		}
		pass := ""
		if o.encrypt.Checked {
			pass = o.pass.Text
		}
		then(pass)
	}, win)
	o.dialog.Resize(fyne.NewSize(520, 280))
	return o
}

// writeExport writes the export to w, through age encryption when pass is not empty.
func (lv *listView[T]) writeExport(w io.Writer, rows []T, asCSV bool, pass string) error {
	if pass == "" {
		return lv.export(w, rows, asCSV)
	}
	enc, err := lv.env.ledger.EncryptTo(w, pass)
	if err != nil {
		return err
	}
	if err := lv.export(enc, rows, asCSV); err != nil {
		return err
	}
	return enc.Close()
}
