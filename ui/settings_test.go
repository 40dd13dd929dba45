package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// entryLabelled returns the Entry of the form field with a label.
func entryLabelled(t *testing.T, f *recordForm, label string) *widget.Entry {
	t.Helper()
	for _, ff := range f.fields {
		if ff.label != label {
			continue
		}
		switch in := ff.input.(type) {
		case *widget.Entry:
			return in
		case *fyne.Container:
			for _, o := range in.Objects {
				if e, ok := o.(*widget.Entry); ok {
					return e
				}
			}
		}
	}
	t.Fatalf("no entry labelled %q", label)
	return nil
}

// TestSettingsTierCadence shows the default cadence of each tier and the look-ahead of
// important dates, and saves what the user types.
func TestSettingsTierCadence(t *testing.T) {
	l, path := apptest.Ledger(t, 0)
	sc := newSettingsScreen(test.NewTempWindow(t, nil), l, syncRun, Options{DBPath: path})
	test.NewTempWindow(t, sc.content())

	for label, want := range map[string]string{"A级人物联系周期": "30", "B级人物联系周期": "60", "C级人物联系周期": "90", "重要日期提前提醒": "15"} {
		if got := entryLabelled(t, sc.form, label).Text; got != want {
			t.Errorf("%s shows %q, want %q", label, got, want)
		}
	}
	typeInto(entryLabelled(t, sc.form, "A级人物联系周期"), "14")
	typeInto(entryLabelled(t, sc.form, "重要日期提前提醒"), "30")
	test.Tap(sc.save)
	st, err := l.Store().Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c := app.TierCadences(st); c[app.TierA] != 14 || c[app.TierB] != 60 || st.UpcomingDays != 30 {
		t.Errorf("saved cadence %v, look-ahead %d (status %q)", c, st.UpcomingDays, sc.status.Text)
	}

	typeInto(entryLabelled(t, sc.form, "重要日期提前提醒"), "400")
	test.Tap(sc.save)
	if msg := sc.form.message("upcoming_days"); msg == "" {
		t.Errorf("400 days ahead was accepted: %q", sc.status.Text)
	}
}
