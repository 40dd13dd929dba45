package returns

import (
	"context"
	"strings"
	"testing"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// TestReturnsCarryPhonesOnlyWhenMapped: a return has an entrepreneur's phone number only in a
// column the template maps to a phone field, and never a WeChat ID (no field reads it).
func TestReturnsCarryPhonesOnlyWhenMapped(t *testing.T) {
	ctx := context.Background()
	l := fixtureLedger(t)
	const phone, wechat = "13907910001", "lgh_wx_0791"
	people, err := l.Store().People(ctx, app.PersonFilter{Query: "李国华"})
	if err != nil || len(people) != 1 || people[0].Phones[0] != phone {
		t.Fatalf("fixture person: %+v %v", people, err)
	}
	p := people[0]
	p.WeChat = wechat
	if err := l.SavePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	all, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	period := app.MonthOf(apptest.Today)
	checked := 0
	for _, tpl := range all {
		if tpl.Mapping.Sheets[0].Source != SourceProjects {
			continue
		}
		plain, err := Generate(ctx, l, tpl, period, Options{NoArchive: true})
		if err != nil {
			t.Fatalf("%s: %v", tpl.Name, err)
		}
		withPhone := tpl
		withPhone.Mapping = mustParse(t, tpl.Mapping.JSON())
		cols := withPhone.Mapping.Sheets[0].Columns
		cols[len(cols)-1].Field = "project.contact_phone"
		mapped, err := Generate(ctx, l, withPhone, period, Options{NoArchive: true})
		if err != nil {
			t.Fatalf("%s with a phone column: %v", tpl.Name, err)
		}
		got, gotMapped := dumpWorkbook(t, plain.File), dumpWorkbook(t, mapped.File)
		if !strings.Contains(gotMapped, phone) {
			continue // the person's projects are not in this return
		}
		checked++
		if strings.Contains(got, phone) {
			t.Errorf("%s: the phone number is in the return though no column asks for it", tpl.Name)
		}
		for _, text := range []string{got, gotMapped} {
			if strings.Contains(text, wechat) {
				t.Errorf("%s: the WeChat ID is in the return", tpl.Name)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no built-in project return lists the fixture's investor: the test checks nothing")
	}
}

func mustParse(t *testing.T, b []byte) Mapping {
	t.Helper()
	m, err := ParseMapping(b)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
