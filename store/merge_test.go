package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"ganzhao/app"
	"ganzhao/seeds"
)

// strictDump renders every row of every table with its rowid, in rowid order, leaving out
// the tables a merge and its undo are allowed to append to: the audit log (append-only: the
// merge and the undo add their rows and nothing may take them out) and the merge log itself
// (the merge stays listed, marked undone). SQLite's own tables are left out too.
func strictDump(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT IN ('audit_log', 'merges', 'merge_rows') ORDER BY name`)
	must(t, err)
	var tables []string
	for rows.Next() {
		var n string
		must(t, rows.Scan(&n))
		tables = append(tables, n)
	}
	must(t, rows.Err())
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		fmt.Fprintf(&b, "== %s\n", table)
		rows, err := db.Query(`SELECT rowid, * FROM "` + table + `" ORDER BY rowid`)
		must(t, err)
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(t, rows.Scan(ptrs...))
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					vals[i] = string(bs)
				}
			}
			fmt.Fprintf(&b, "%q\n", vals)
		}
		must(t, rows.Err())
		rows.Close()
	}
	return b.String()
}

// auditRows returns the audit log as text, oldest first.
func auditRows(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT seq, entity, entity_id, field, old_value, new_value, who, at FROM audit_log ORDER BY seq`)
	must(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var seq int
		var a, b, c, d, e, f, g string
		must(t, rows.Scan(&seq, &a, &b, &c, &d, &e, &f, &g))
		out = append(out, fmt.Sprint(seq, a, b, c, d, e, f, g))
	}
	must(t, rows.Err())
	return out
}

// mergeFixture is two enterprises and two people that are the same, each linked from every
// table that can point at them, some links on both sides (the same activity, category,
// chamber and phone), so that moving them must drop the doubles.
type mergeFixture struct {
	s                        *Store
	l                        *app.Ledger
	keepEnt, dropEnt         app.Enterprise
	keepPerson, dropPerson   app.Person
	chamberBoth, chamberDrop app.Chamber
}

func newMergeFixture(t *testing.T) *mergeFixture {
	t.Helper()
	ctx := context.Background()
	s, l := openLedger(t)
	f := &mergeFixture{s: s, l: l}
	keep := newEnterprise("深圳市华芯微联科技有限公司", 1)
	keep.Categories = []app.CategoryTag{{Name: "专精特新“小巨人”", Year: 2024}}
	keep.Website = ""
	f.keepEnt = saveEnterprise(t, l, keep)
	drop := newEnterprise("华芯微联科技（深圳）股份有限公司", 2)
	drop.Categories = []app.CategoryTag{{Name: "专精特新“小巨人”", Year: 2023}, {Name: "上市公司"}}
	drop.Website = "www.hxwl.com"
	drop.Priority = app.PriorityB
	f.dropEnt = saveEnterprise(t, l, drop)
	f.chamberBoth = saveChamber(t, l, app.Chamber{Name: "深圳市江西商会", City: "深圳市", Kind: "异地江西商会"})
	f.chamberDrop = saveChamber(t, l, app.Chamber{Name: "吉安商会", City: "吉安市", Kind: "县市商会"})
	f.keepPerson = savePerson(t, l, app.Person{Name: "刘建国", Phones: []string{"13800138000"}, EnterpriseID: f.keepEnt.ID,
		Memberships: []app.Membership{{ChamberID: f.chamberBoth.ID, Role: "会长"}}})
	f.dropPerson = savePerson(t, l, app.Person{Name: "刘建国", Phones: []string{"13900139000", "13800138000"}, EnterpriseID: f.dropEnt.ID,
		Title: "董事长", WeChat: "ljg1970", Ties: []app.Tie{app.TieHometown},
		Memberships: []app.Membership{{ChamberID: f.chamberBoth.ID, Role: "会员"}, {ChamberID: f.chamberDrop.ID, Role: "副会长"}}})
	other := savePerson(t, l, app.Person{Name: "陈静", Phones: []string{"13700137000"}, EnterpriseID: f.dropEnt.ID})
	third := savePerson(t, l, app.Person{Name: "黄磊", Phones: []string{"13600136000"}})
	for _, r := range []app.Relationship{
		{Kind: app.RelationHometown, FromID: f.keepPerson.ID, ToID: f.dropPerson.ID}, // would link the kept one to itself
		{Kind: app.RelationAlumni, FromID: f.keepPerson.ID, ToID: other.ID},          // both have it
		{Kind: app.RelationAlumni, FromID: f.dropPerson.ID, ToID: other.ID},
		{Kind: app.RelationIntroducer, FromID: third.ID, ToID: f.dropPerson.ID}, // moves
	} {
		must(t, l.SaveRelationship(context.Background(), &r))
	}
	zone := zoneByName(t, s, "南昌经开区").ID
	createProject(t, l, app.Project{Name: "芯片封测项目", InvestorID: f.dropEnt.ID, IntroducerID: f.dropPerson.ID, ZoneID: zone, TotalInvestment: 20 * app.Yi})
	createProject(t, l, app.Project{Name: "芯片设计中心", InvestorID: f.keepEnt.ID, IntroducerID: f.keepPerson.ID, ZoneID: zone, TotalInvestment: 5 * app.Yi})
	gone := createProject(t, l, app.Project{Name: "已删除的项目", InvestorID: f.dropEnt.ID, ZoneID: zone, TotalInvestment: app.Yi})
	must(t, l.Delete(context.Background(), app.KindProject, gone.ID))
	saveActivity(t, l, app.Activity{Kind: "走访", On: day("2026-03-01"), Summary: "两家都在场",
		EnterpriseIDs: []string{f.keepEnt.ID, f.dropEnt.ID}, PersonIDs: []string{f.keepPerson.ID, f.dropPerson.ID}})
	saveActivity(t, l, app.Activity{Kind: "电话", On: day("2026-03-05"), Summary: "只记在重复的那家",
		EnterpriseIDs: []string{f.dropEnt.ID}, PersonIDs: []string{f.dropPerson.ID, other.ID}})
	fund := saveFund(t, l, app.Fund{Name: "赣江新区芯片基金", Type: app.FundChild, Size: 10 * app.Yi, ManagerID: f.dropEnt.ID, CoManagerID: f.keepEnt.ID})
	saveInvestment(t, l, app.FundInvestment{FundID: fund.ID, EnterpriseID: f.dropEnt.ID, Amount: app.Yi, On: day("2026-02-01")})
	other2 := saveFund(t, l, app.Fund{Name: "吉安产业基金", Type: app.FundChild, Size: 5 * app.Yi, CoManagerID: f.dropEnt.ID})
	must(t, l.SaveFundLP(ctx, &app.FundLP{FundID: other2.ID, EnterpriseID: f.dropEnt.ID, Subscribed: app.Yi}))
	// Both invited to one event, only the merged-away one came; the other event only his.
	for _, e := range []app.Event{
		{Name: "深圳赣商恳谈会", Kind: app.EventTalks, On: day("2026-02-10"), Level: app.LevelCity,
			Guests: []app.Guest{{PersonID: f.keepPerson.ID}, {PersonID: f.dropPerson.ID, Attended: true}}},
		{Name: "春节团拜会", Kind: app.EventNewYear, On: day("2026-02-12"), Level: app.LevelCounty,
			Guests: []app.Guest{{PersonID: f.dropPerson.ID}}},
	} {
		must(t, l.SaveEvent(ctx, &e))
	}
	saveTask(t, l, app.Task{PersonID: f.dropPerson.ID, Title: "春节问候"})
	return f
}

// links counts, for each link column of a kind, the rows pointing at id.
func (f *mergeFixture) links(t *testing.T, kind app.EntityKind, id string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, l := range mergeLinks {
		if l.kind == kind {
			out[l.table+"."+l.column] = count(t, f.s, `SELECT COUNT(*) FROM "`+l.table+`" WHERE "`+l.column+`" = ?`, id)
		}
	}
	if kind == app.KindPerson { // either way round, as symmetric relationships are stored
		delete(out, "relationships.from_id")
		delete(out, "relationships.to_id")
		out["relationships"] = count(t, f.s, `SELECT COUNT(*) FROM relationships WHERE from_id = ? OR to_id = ?`, id, id)
	}
	return out
}

func TestMergeMovesEveryLinkAndUndoRestoresExactly(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		kind     app.EntityKind
		ids      func(f *mergeFixture) (keep, drop string)
		take     map[string]bool
		keepWant map[string]int // links of the kept record after the merge
		check    func(t *testing.T, f *mergeFixture)
	}{{
		name: "enterprises", kind: app.KindEnterprise,
		ids:  func(f *mergeFixture) (string, string) { return f.keepEnt.ID, f.dropEnt.ID },
		take: map[string]bool{"website": true, "priority": true},
		// 1+2 projects (one in the bin), 1+2 people, the fund, the investment, 1+1 activities
		// (the shared one once), 1+1 categories (the shared one once).
		// Funds: the one it co-managed is now its own (manager and co-manager), the other's
		// co-manager moved; the LP moved.
		keepWant: map[string]int{"projects.investor_id": 3, "people.enterprise_id": 3, "funds.manager_id": 1,
			"fund_investments.enterprise_id": 1, "activity_enterprises.enterprise_id": 2, "enterprise_categories.enterprise_id": 2,
			"funds.co_manager_id": 2, "fund_lps.enterprise_id": 1},
		check: func(t *testing.T, f *mergeFixture) {
			e, err := f.s.Enterprise(ctx, f.keepEnt.ID)
			must(t, err)
			equal(t, "kept name", e.Name, f.keepEnt.Name)
			equal(t, "website taken", e.Website, "www.hxwl.com")
			equal(t, "priority taken", e.Priority, app.PriorityB)
			equal(t, "categories joined, the kept year wins", e.Categories,
				[]app.CategoryTag{{Name: "专精特新“小巨人”", Year: 2024}, {Name: "上市公司"}})
		},
	}, {
		name: "people", kind: app.KindPerson,
		ids:  func(f *mergeFixture) (string, string) { return f.keepPerson.ID, f.dropPerson.ID },
		take: map[string]bool{"title": true, "wechat": true, "ties": true},
		keepWant: map[string]int{"projects.introducer_id": 2, "activity_people.person_id": 2,
			"chamber_members.person_id": 2, "person_phones.person_id": 2, "event_people.person_id": 2, "tasks.person_id": 1,
			// the kept one's alumni link once, the introduction moved; the link to itself gone
			"relationships": 2},
		check: func(t *testing.T, f *mergeFixture) {
			p, err := f.s.Person(ctx, f.keepPerson.ID)
			must(t, err)
			equal(t, "phones joined, the kept first", p.Phones, []string{"13800138000", "13900139000"})
			equal(t, "memberships joined, the kept role wins", p.Memberships,
				[]app.Membership{{ChamberID: f.chamberBoth.ID, Role: "会长"}, {ChamberID: f.chamberDrop.ID, Role: "副会长"}})
			equal(t, "enterprise kept", p.EnterpriseID, f.keepEnt.ID)
			equal(t, "fields taken", []string{p.Title, p.WeChat, string(p.Ties[0])}, []string{"董事长", "ljg1970", "乡友"})
			equal(t, "the kept guest came, as the merged-away one did",
				count(t, f.s, `SELECT attended FROM event_people WHERE person_id = ? AND event_id IN (SELECT id FROM events WHERE name = '深圳赣商恳谈会')`, f.keepPerson.ID), 1)
			equal(t, "symmetric relationships stored smaller ID first",
				count(t, f.s, `SELECT COUNT(*) FROM relationships WHERE kind <> '引荐人' AND from_id > to_id`), 0)
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newMergeFixture(t)
			keep, drop := tc.ids(f)
			before, auditBefore := strictDump(t, f.s.db), auditRows(t, f.s)
			p, err := f.l.MergePreview(ctx, tc.kind, keep, drop, "测试")
			must(t, err)
			rec, err := f.l.Merge(ctx, p, tc.take)
			must(t, err)
			if rec.Backup == "" || count(t, f.s, `SELECT COUNT(*) FROM merges WHERE id = ?`, rec.ID) != 1 {
				t.Fatalf("merge not recorded with its backup: %+v", rec)
			}
			for col, n := range f.links(t, tc.kind, drop) {
				if n != 0 {
					t.Errorf("%s still points at the merged-away record %d times", col, n)
				}
			}
			equal(t, "links of the kept record", f.links(t, tc.kind, keep), tc.keepWant)
			tc.check(t, f)
			bin, err := f.s.RecycleBin(ctx)
			must(t, err)
			if len(bin) == 0 || bin[0].ID != drop {
				t.Errorf("merged-away record not first in the recycle bin: %+v", bin)
			}
			merged, err := f.s.Audit(ctx, tc.kind, keep)
			must(t, err)
			if last := merged[len(merged)-1]; last.Field != "merged" || !strings.Contains(last.New, drop) {
				t.Errorf("audit of the kept record does not end with the merge: %+v", last)
			}

			must(t, f.l.UndoMerge(ctx, rec.ID))
			if after := strictDump(t, f.s.db); after != before {
				t.Errorf("undo did not restore every table exactly:\n%s", firstDiff(before, after))
			}
			auditAfter := auditRows(t, f.s)
			equal(t, "audit log keeps every earlier row", auditAfter[:len(auditBefore)], auditBefore)
			if len(auditAfter) <= len(auditBefore) {
				t.Error("neither the merge nor its undo was audited")
			}
			ms, err := f.s.Merges(ctx, 10)
			must(t, err)
			if len(ms) != 1 || ms[0].UndoneAt == nil || len(ms[0].Moved) == 0 {
				t.Errorf("merge history after undo: %+v", ms)
			}
			if err := f.l.UndoMerge(ctx, rec.ID); err == nil || !strings.Contains(err.Error(), "撤销过") {
				t.Errorf("second undo: %v", err)
			}
		})
	}
}

// firstDiff shows the first line where two dumps differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n before %s\n after  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d vs %d lines", len(al), len(bl))
}

// TestUndoMergeRefusesAfterLaterEdits: a record the merge changed and someone edited since
// keeps its edit; the undo says which record and where the backup is, and changes nothing.
func TestUndoMergeRefusesAfterLaterEdits(t *testing.T) {
	ctx := context.Background()
	f := newMergeFixture(t)
	p, err := f.l.MergePreview(ctx, app.KindEnterprise, f.keepEnt.ID, f.dropEnt.ID, "")
	must(t, err)
	rec, err := f.l.Merge(ctx, p, nil)
	must(t, err)
	e, err := f.s.Enterprise(ctx, f.keepEnt.ID)
	must(t, err)
	e.Intro = "合并后补充的简介"
	must(t, f.l.SaveEnterprise(ctx, &e))
	before := strictDump(t, f.s.db)
	err = f.l.UndoMerge(ctx, rec.ID)
	if err == nil || !strings.Contains(err.Error(), "企业“深圳市华芯微联科技有限公司”") || !strings.Contains(err.Error(), rec.Backup) {
		t.Fatalf("undo after an edit: %v", err)
	}
	if strictDump(t, f.s.db) != before {
		t.Error("a refused undo changed the database")
	}
}

// TestMergeRefusesStaleRecords: a record edited after the preview was read is not merged.
func TestMergeRefusesStaleRecords(t *testing.T) {
	ctx := context.Background()
	f := newMergeFixture(t)
	p, err := f.l.MergePreview(ctx, app.KindPerson, f.keepPerson.ID, f.dropPerson.ID, "")
	must(t, err)
	q := f.dropPerson
	q.Notes = "预览之后改的"
	must(t, f.l.SavePerson(ctx, &q))
	before := strictDump(t, f.s.db)
	if _, err := f.l.Merge(ctx, p, nil); !errors.Is(err, app.ErrConflict) {
		t.Fatalf("merge of a stale preview: %v", err)
	}
	if strictDump(t, f.s.db) != before {
		t.Error("a refused merge changed the database")
	}
}

// TestMergeLinksCoverEveryReference: every foreign key to enterprises or people in the schema
// is a merge link, so a table added later cannot be forgotten by merges.
func TestMergeLinksCoverEveryReference(t *testing.T) {
	s := openTemp(t)
	rows, err := s.db.Query(`SELECT m.name, f."from", f."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" IN ('enterprises', 'people') ORDER BY 1, 2`)
	must(t, err)
	defer rows.Close()
	n := 0
	for rows.Next() {
		var table, column, target string
		must(t, rows.Scan(&table, &column, &target))
		n++
		found := false
		for _, l := range mergeLinks {
			found = found || (l.table == table && l.column == column && mergeTables[l.kind] == target)
		}
		if !found {
			t.Errorf("%s.%s references %s but is not in mergeLinks", table, column, target)
		}
	}
	must(t, rows.Err())
	if n < 10 {
		t.Errorf("only %d references found: the query is wrong", n)
	}
}

// TestMergeOnDemoData merges the first candidate pairs a scan finds in demo data, each kind,
// and undoes them newest first: every table ends as it began.
func TestMergeOnDemoData(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	d, err := seeds.Demo(seeds.DemoOptions{Size: 2000, Seed: 1, Today: app.DateOf(testStart)})
	must(t, err)
	must(t, l.LoadDataset(ctx, d))
	before := strictDump(t, s.db)
	var merges []string
	for _, kind := range []app.EntityKind{app.KindEnterprise, app.KindPerson} {
		pairs, err := l.ScanDuplicates(ctx, kind)
		must(t, err)
		if len(pairs) == 0 {
			t.Fatalf("no %s duplicates in the demo data", kind)
		}
		p, err := l.MergePreview(ctx, kind, pairs[0].A.ID, pairs[0].B.ID, pairs[0].Reason)
		must(t, err)
		take := map[string]bool{}
		for _, f := range p.Fields {
			take[f.Key] = f.TakeDrop
		}
		rec, err := l.Merge(ctx, p, take)
		must(t, err)
		merges = append(merges, rec.ID)
	}
	if strictDump(t, s.db) == before {
		t.Fatal("the merges changed nothing")
	}
	for i := len(merges) - 1; i >= 0; i-- {
		must(t, l.UndoMerge(ctx, merges[i]))
	}
	if after := strictDump(t, s.db); after != before {
		t.Errorf("undoing the demo merges did not restore every table:\n%s", firstDiff(before, after))
	}
}
