package app_test

import (
	"context"
	"sync"
	"testing"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// TestSubscribeSeesEveryWrite checks that listeners hear of creates, updates, stage moves,
// deletes, restores and batch loads, and nothing of a write that failed.
func TestSubscribeSeesEveryWrite(t *testing.T) {
	l, _ := apptest.Ledger(t, 0)
	ctx := context.Background()
	var mu sync.Mutex
	var got []app.Change
	l.Subscribe(func(c app.Change) { mu.Lock(); got = append(got, c); mu.Unlock() })

	e := &app.Enterprise{Name: "江西测试科技有限公司"}
	must(t, l.SaveEnterprise(ctx, e))
	e.Website = "https://example.cn"
	must(t, l.SaveEnterprise(ctx, e))
	p := &app.Project{Name: "测试项目", InvestorID: e.ID}
	must(t, l.CreateProject(ctx, p))
	if _, err := l.MoveStage(ctx, p.ID, app.StageMove{To: app.StageNegotiating, On: apptest.Today}); err != nil {
		t.Fatal(err)
	}
	must(t, l.Delete(ctx, app.KindProject, p.ID))
	must(t, l.Restore(ctx, app.KindProject, p.ID))
	if err := l.SaveEnterprise(ctx, &app.Enterprise{}); err == nil {
		t.Fatal("an enterprise without a name was saved")
	}
	must(t, l.LoadDataset(ctx, app.Dataset{}))

	want := []app.Change{
		{Kind: app.KindEnterprise, ID: e.ID}, {Kind: app.KindEnterprise, ID: e.ID},
		{Kind: app.KindProject, ID: p.ID}, {Kind: app.KindProject, ID: p.ID},
		{Kind: app.KindProject, ID: p.ID, Deleted: true}, {Kind: app.KindProject, ID: p.ID},
		{},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
