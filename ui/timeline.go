package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ganzhao/app"
)

// timelineEntry is one line of a record's timeline.
type timelineEntry struct {
	At   time.Time // for ordering; dates sort at noon so that same-day audit rows follow them
	When string
	What string // 跟进, 阶段, 任务, 修改
	Text string
}

// timelineView lists what happened to a record, newest first: follow-ups, stage changes,
// tasks and field changes from the audit log.
type timelineView struct {
	run     runner
	load    func(ctx context.Context) ([]timelineEntry, error)
	list    *widget.List
	status  *widget.Label
	entries []timelineEntry
}

func newTimelineView(run runner, load func(ctx context.Context) ([]timelineEntry, error)) *timelineView {
	t := &timelineView{run: run, load: load, status: widget.NewLabel("")}
	t.list = widget.NewList(
		func() int { return len(t.entries) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("2026-01-01"), widget.NewLabel("跟进")), nil, widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			e := t.entries[i]
			c := o.(*fyne.Container)
			left := c.Objects[1].(*fyne.Container)
			left.Objects[0].(*widget.Label).SetText(e.When)
			left.Objects[1].(*widget.Label).SetText(e.What)
			c.Objects[0].(*widget.Label).SetText(e.Text)
		})
	return t
}

func (t *timelineView) content() fyne.CanvasObject {
	return container.NewBorder(nil, t.status, nil, nil, t.list)
}

// refresh reloads the entries off the UI goroutine.
func (t *timelineView) refresh() {
	t.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		entries, err := t.load(ctx)
		fyne.Do(func() {
			if err != nil {
				t.status.SetText("读取时间线失败：" + err.Error())
				return
			}
			t.entries = entries
			t.status.SetText(fmt.Sprintf("共 %d 条", len(entries)))
			t.list.Refresh()
		})
	})
}

// texts returns the entries' texts, for tests.
func (t *timelineView) texts() []string {
	out := make([]string, len(t.entries))
	for i, e := range t.entries {
		out[i] = e.What + " " + e.Text
	}
	return out
}

func dateEntryAt(d app.Date) time.Time { return d.Time().Add(12 * time.Hour) }

// activityEntries turns follow-ups into timeline entries.
func activityEntries(acts []app.Activity) []timelineEntry {
	out := make([]timelineEntry, 0, len(acts))
	for _, a := range acts {
		text := a.Kind + "：" + a.Summary
		if a.Place != "" {
			text = a.Kind + "（" + a.Place + "）：" + a.Summary
		}
		if a.NextStep != "" {
			text += "；下步：" + a.NextStep
			if !a.NextDue.IsZero() {
				text += "（" + a.NextDue.String() + "前）"
			}
		}
		out = append(out, timelineEntry{At: dateEntryAt(a.On), When: a.On.String(), What: "跟进", Text: text})
	}
	return out
}

// auditEntries turns field changes into timeline entries, one per change.
func auditEntries(rows []app.AuditEntry) []timelineEntry {
	out := make([]timelineEntry, 0, len(rows))
	for _, r := range rows {
		text := fmt.Sprintf("%s 修改“%s”：%s → %s", r.Who, fieldLabel(r.Field), orNone(r.Old), orNone(r.New))
		switch {
		case r.Field == "deleted_at" && r.New != "":
			text = r.Who + " 移入回收站"
		case r.Field == "deleted_at":
			text = r.Who + " 从回收站恢复"
		case r.Field == "created":
			text = r.Who + " 批量载入"
		case r.Field == "merged" || r.Field == "merged_into" || r.Field == "merge_undone":
			text = r.Who + " " + r.New
		}
		local := r.At.Local()
		out = append(out, timelineEntry{At: r.At, When: local.Format("2006-01-02 15:04"), What: "修改", Text: text})
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// sortTimeline orders entries newest first.
func sortTimeline(es []timelineEntry) []timelineEntry {
	slices.SortStableFunc(es, func(a, b timelineEntry) int { return cmp.Compare(b.At.UnixNano(), a.At.UnixNano()) })
	return es
}

// fieldLabels are the Chinese names of record fields, by their JSON names, for the audit
// timeline.
var fieldLabels = map[string]string{
	"name": "名称", "credit_code": "统一社会信用代码", "nature": "企业性质", "categories": "企业类别",
	"hq_province": "总部省份", "hq_city": "总部城市", "hq_country": "总部国家/地区", "industry": "行业",
	"chain_id": "产业链", "website": "官网", "intro": "简介", "priority": "目标等级", "owner": "跟进人",
	"phones": "电话", "wechat": "微信", "email": "邮箱", "enterprise_id": "所在企业", "title": "职务",
	"native_province": "籍贯省", "native_city": "籍贯市", "native_county": "籍贯县", "ties": "三友类型",
	"alma_mater": "母校", "service_place": "服役驻地", "memberships": "商会职务", "important_dates": "重要日期",
	"cadence_days": "联系周期", "keeper": "联系人", "notes": "备注", "city": "城市", "kind": "类型",
	"code": "项目编码", "investor_id": "投资方", "introducer_id": "引荐人", "zone_id": "开发区",
	"sector": "产业类别", "total_investment": "总投资（元）", "fixed_investment": "固定资产投资（元）",
	"foreign_capital": "合同外资（美分）", "land_mu": "用地（亩）", "stage": "阶段", "stage_since": "阶段日期",
	"stage_reason": "阶段原因", "signed_on": "签约日期", "started_on": "开工日期", "produced_on": "投产日期",
	"leader": "包干领导", "unit": "责任单位", "methods": "招商方式", "homecoming": "三请三回",
	"homecoming_ties": "三友来源", "out_of_province": "省外项目", "gan_return": "赣商返乡", "registered": "入统",
	"registered_on": "入统日期", "fund_id": "基金", "project_id": "项目", "assignee": "负责人", "due_on": "期限",
	"done": "完成", "done_on": "完成日期", "on": "日期", "place": "地点", "summary": "情况", "next_step": "下步",
	"next_due": "下步期限", "by": "参与人", "project_ids": "关联项目", "enterprise_ids": "关联企业",
	"person_ids": "关联人物", "month": "月份", "amount": "金额（元）", "source": "来源", "note": "备注",
}

func fieldLabel(key string) string {
	if l, ok := fieldLabels[key]; ok {
		return l
	}
	return key
}
