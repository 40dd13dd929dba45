package app_test

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// TestTripReportReadBack writes a trip's report and reads the workbook back: every visit of
// the trip, in date order, with whom, which enterprise, the result and the next step; a visit
// off the trip is not in it.
func TestTripReportReadBack(t *testing.T) {
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 0)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	e := &app.Enterprise{Name: "深圳市华强电子有限公司"}
	must(l.SaveEnterprise(ctx, e))
	p := &app.Person{Name: "刘建国"}
	must(l.SavePerson(ctx, p))
	pr := &app.Project{Name: "电子信息产业园项目"}
	must(l.CreateProject(ctx, pr))
	trip := &app.Trip{Destination: "深圳", StartsOn: app.MustDate("2026-03-02"), EndsOn: app.MustDate("2026-03-06"), Members: []string{"张三", "李四"}}
	must(l.SaveTrip(ctx, trip))
	for _, a := range []*app.Activity{
		{Kind: "走访", On: app.MustDate("2026-03-04"), Place: "南山区", Summary: "对方同意来赣考察", NextStep: "安排考察行程", NextDue: app.MustDate("2026-03-20"),
			By: "张三", PersonIDs: []string{p.ID}, EnterpriseIDs: []string{e.ID}, ProjectIDs: []string{pr.ID}, TripID: trip.ID},
		{Kind: "洽谈", On: app.MustDate("2026-03-03"), Summary: "介绍园区政策", By: "李四", EnterpriseIDs: []string{e.ID}, TripID: trip.ID},
		{Kind: "电话", On: app.MustDate("2026-03-03"), Summary: "不在出差中", PersonIDs: []string{p.ID}},
	} {
		must(l.SaveActivity(ctx, a))
	}
	r, err := l.TripReport(ctx, trip.ID)
	must(err)
	var buf bytes.Buffer
	must(r.WriteXLSX(&buf))
	if r.Trip.ReportFileName() != "出差报告-深圳-2026-03-02.xlsx" {
		t.Errorf("file name %q", r.Trip.ReportFileName())
	}
	f, err := excelize.OpenReader(&buf)
	must(err)
	rows, err := f.GetRows("出差报告")
	must(err)
	want := [][]string{
		{"日期", "方式", "走访对象", "企业", "项目", "地点", "情况（结果）", "下步工作", "下步期限", "参与人"},
		{"2026-03-03", "洽谈", "", "深圳市华强电子有限公司", "", "", "介绍园区政策", "", "", "李四"},
		{"2026-03-04", "走访", "刘建国", "深圳市华强电子有限公司", "电子信息产业园项目", "南山区", "对方同意来赣考察", "安排考察行程", "2026-03-20", "张三"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("report rows:\n got %q\nwant %q", rows, want)
	}
}
