package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"ganzhao/app"
)

// The ledger's clock in these tests reads 2026-03-12.

func TestOpenTasksDueBefore(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	p := createProject(t, l, app.Project{Name: "锂电池项目", StageSince: day("2026-01-01")})
	q := createProject(t, l, app.Project{Name: "已删除项目", StageSince: day("2026-01-01")})
	late := saveTask(t, l, app.Task{ProjectID: p.ID, Title: "报送可研", Assignee: "李文华", DueOn: day("2026-03-01")})
	saveTask(t, l, app.Task{ProjectID: p.ID, Title: "今天到期", Assignee: "李文华", DueOn: day("2026-03-12")})
	saveTask(t, l, app.Task{ProjectID: p.ID, Title: "已完成", Assignee: "李文华", DueOn: day("2026-02-01"), Done: true, DoneOn: day("2026-02-01")})
	saveTask(t, l, app.Task{ProjectID: p.ID, Title: "无期限", Assignee: "李文华"})
	other := saveTask(t, l, app.Task{ProjectID: p.ID, Title: "对接银行", Assignee: "王晓明", DueOn: day("2026-02-20")})
	gone := saveTask(t, l, app.Task{ProjectID: p.ID, Title: "已删除任务", Assignee: "李文华", DueOn: day("2026-02-01")})
	must(t, l.Delete(ctx, app.KindTask, gone.ID))
	saveTask(t, l, app.Task{ProjectID: q.ID, Title: "删除项目的任务", Assignee: "李文华", DueOn: day("2026-02-01")})
	must(t, l.Delete(ctx, app.KindProject, q.ID))

	all, err := s.OpenTasksDueBefore(ctx, day("2026-03-12"), "")
	must(t, err)
	equal(t, "everyone's tasks due before 03-12", all, []app.TaskDue{
		{ID: other.ID, Title: "对接银行", Assignee: "王晓明", DueOn: day("2026-02-20"), ProjectID: p.ID, ProjectName: "锂电池项目"},
		{ID: late.ID, Title: "报送可研", Assignee: "李文华", DueOn: day("2026-03-01"), ProjectID: p.ID, ProjectName: "锂电池项目"},
	})
	mine, err := s.OpenTasksDueBefore(ctx, day("2026-03-12"), "李文华")
	must(t, err)
	if len(mine) != 1 || mine[0].ID != late.ID {
		t.Errorf("李文华's tasks = %+v, want only %s", mine, late.Title)
	}
}

func TestProjectProgress(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	quiet := createProject(t, l, app.Project{Name: "无进展项目", StageSince: day("2025-12-01")})
	visited := createProject(t, l, app.Project{Name: "有走访项目", Stage: app.StageNegotiating, StageSince: day("2025-12-01")})
	worked := createProject(t, l, app.Project{Name: "有任务项目", Stage: app.StageSigned, StageSince: day("2025-12-01"), SignedOn: day("2025-12-01")})
	producing := createProject(t, l, app.Project{Name: "投产项目", Stage: app.StageNegotiating, StageSince: day("2025-01-01")})
	moveStage(t, l, producing.ID, app.StageMove{To: app.StageProducing, On: day("2025-06-01"), SignedOn: day("2025-02-01"), StartedOn: day("2025-03-01")})

	saveActivity(t, l, app.Activity{Kind: "走访", Summary: "交流投资意向", On: day("2026-01-10"), ProjectIDs: []string{visited.ID}})
	saveActivity(t, l, app.Activity{Kind: "洽谈", Summary: "交流投资意向", On: day("2026-02-15"), ProjectIDs: []string{visited.ID}})
	gone := saveActivity(t, l, app.Activity{Kind: "洽谈", Summary: "交流投资意向", On: day("2026-03-01"), ProjectIDs: []string{visited.ID}})
	must(t, l.Delete(ctx, app.KindActivity, gone.ID))
	saveActivity(t, l, app.Activity{Kind: "电话", Summary: "交流投资意向", On: day("2026-01-20"), ProjectIDs: []string{worked.ID}})
	saveTask(t, l, app.Task{ProjectID: worked.ID, Title: "完成环评", DueOn: day("2026-02-28"), Done: true, DoneOn: day("2026-02-25")})
	saveTask(t, l, app.Task{ProjectID: worked.ID, Title: "未完成", DueOn: day("2026-03-01")})
	saveTask(t, l, app.Task{ProjectID: quiet.ID, Title: "未完成", DueOn: day("2026-03-01")})

	got, err := s.ProjectProgress(ctx, []app.Stage{app.StageReserve, app.StageNegotiating, app.StageSigned}, day("2026-03-12"))
	must(t, err)
	byID := map[string]app.ProjectProgress{}
	for _, p := range got {
		byID[p.ID] = p
	}
	if len(got) != 3 {
		t.Fatalf("%d projects, want 3 (the 投产 project is not in the stages asked): %+v", len(got), got)
	}
	equal(t, "quiet", byID[quiet.ID], app.ProjectProgress{ID: quiet.ID, Name: "无进展项目", Stage: app.StageReserve, StageSince: day("2025-12-01")})
	equal(t, "visited", byID[visited.ID], app.ProjectProgress{ID: visited.ID, Name: "有走访项目", Stage: app.StageNegotiating,
		StageSince: day("2025-12-01"), LastActivity: day("2026-02-15")})
	equal(t, "worked", byID[worked.ID], app.ProjectProgress{ID: worked.ID, Name: "有任务项目", Stage: app.StageSigned,
		StageSince: day("2025-12-01"), LastActivity: day("2026-01-20"), LastTaskDone: day("2026-02-25")})

	// Facts after upTo do not count.
	early, err := s.ProjectProgress(ctx, []app.Stage{app.StageNegotiating}, day("2026-02-01"))
	must(t, err)
	if len(early) != 1 || early[0].LastActivity != day("2026-01-10") {
		t.Errorf("progress up to 02-01 = %+v, want the 01-10 visit", early)
	}
}

func TestPersonContacts(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	never := savePerson(t, l, app.Person{Name: "张三", CadenceDays: 30, Keeper: "李文华"})
	met := savePerson(t, l, app.Person{Name: "李四", CadenceDays: 60})
	savePerson(t, l, app.Person{Name: "无节奏", CadenceDays: 0})
	gone := savePerson(t, l, app.Person{Name: "已删除", CadenceDays: 30})
	must(t, l.Delete(ctx, app.KindPerson, gone.ID))
	saveActivity(t, l, app.Activity{Kind: "走访", Summary: "交流投资意向", On: day("2026-01-05"), PersonIDs: []string{met.ID}})
	saveActivity(t, l, app.Activity{Kind: "恳谈会", Summary: "交流投资意向", On: day("2026-02-05"), PersonIDs: []string{met.ID, never.ID}})
	later := saveActivity(t, l, app.Activity{Kind: "电话", Summary: "交流投资意向", On: day("2026-03-01"), PersonIDs: []string{met.ID}})
	must(t, l.Delete(ctx, app.KindActivity, later.ID))

	got, err := s.PersonContacts(ctx, day("2026-02-01"))
	must(t, err)
	slices.SortFunc(got, func(a, b app.PersonContact) int { return strings.Compare(a.ID, b.ID) })
	want := []app.PersonContact{
		{ID: never.ID, Name: "张三", Keeper: "李文华", CadenceDays: 30},
		{ID: met.ID, Name: "李四", CadenceDays: 60, LastContact: day("2026-01-05")},
	}
	if never.ID > met.ID {
		want[0], want[1] = want[1], want[0]
	}
	equal(t, "contacts up to 02-01", got, want)

	got, err = s.PersonContacts(ctx, day("2026-03-12"))
	must(t, err)
	for _, p := range got {
		if p.LastContact != day("2026-02-05") {
			t.Errorf("%s last contact %s, want 2026-02-05 (the deleted call does not count)", p.Name, p.LastContact)
		}
	}
}
