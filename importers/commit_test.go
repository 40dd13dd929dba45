package importers_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"ganzhao/app"
	"ganzhao/app/apptest"
	"ganzhao/importers"
)

// dump reads every table of the ledger but the append-only audit log and the import
// bookkeeping, each row as text, in a stable order: what undo must give back exactly.
func dump(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT IN ('audit_log', 'import_batches', 'import_batch_records', 'import_mappings') ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string][]string{}
	for _, tb := range tables {
		r, err := db.Query(`SELECT * FROM "` + tb + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := r.Columns()
		for r.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := r.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[tb] = append(out[tb], fmt.Sprint(vals...))
		}
		r.Close()
		slices.Sort(out[tb])
	}
	return out
}

func diffDumps(a, b map[string][]string) string {
	var d []string
	for tb := range a {
		if !slices.Equal(a[tb], b[tb]) {
			d = append(d, fmt.Sprintf("%s: %d rows before, %d after", tb, len(a[tb]), len(b[tb])))
		}
	}
	for tb := range b {
		if _, ok := a[tb]; !ok && len(b[tb]) > 0 {
			d = append(d, tb+": new rows")
		}
	}
	slices.Sort(d)
	return strings.Join(d, "; ")
}

func readFile(t *testing.T, name string) *app.ImportFile {
	t.Helper()
	tbl, err := importers.Load(filepath.Join("testdata", name), "", importers.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	f, err := tbl.ImportFile()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func outcomes(p *app.ImportPlan) string {
	var s []string
	for _, r := range p.Rows {
		x := fmt.Sprintf("%d:%s", r.Row, r.Outcome)
		if r.IntoRow > 0 {
			x += fmt.Sprintf(">%d", r.IntoRow)
		}
		s = append(s, x)
	}
	return strings.Join(s, " ")
}

func TestImportPreviewCommitUndo(t *testing.T) {
	ctx := context.Background()
	l, path := apptest.Ledger(t, 300)
	existing := app.Enterprise{Name: "深圳华芯微联科技股份有限公司", CreditCode: "91440300MA5FXT4K8N", HQProvince: "广东"}
	if err := l.SaveEnterprise(ctx, &existing); err != nil {
		t.Fatal(err)
	}
	before := dump(t, path)
	f := readFile(t, "projects_messy.xlsx")

	plan, err := l.PreviewImport(ctx, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := outcomes(plan), "5:created 6:created 7:created 9:rejected 10:rejected 11:merged>5"; got != want {
		t.Errorf("outcomes %s\nwant     %s", got, want)
	}
	rep := plan.Report
	if got, want := problemsOf(rep.Rejected), "第9行：项目处于“投产”阶段，须填写投产日期\n第10行 E列（总投资（万元））：“abc万元”不是金额"; got != want {
		t.Errorf("rejected:\n%s\nwant:\n%s", got, want)
	}
	var dups []string
	for _, d := range rep.Duplicates {
		dups = append(dups, fmt.Sprintf("%d %s %s row%d %s", d.Row, d.Kind, d.Record, d.OtherRow, d.Why))
	}
	wantDups := []string{
		"5 enterprise 深圳华芯微联科技股份有限公司 row0 统一社会信用代码相同（91440300MA5FXT4K8N）",
		"6 enterprise 深圳华芯微联科技股份有限公司 row0 企业名称去掉组织形式和地名后相同（华芯微联科技）",
		"11 enterprise 深圳华芯微联科技股份有限公司 row0 企业名称去掉组织形式和地名后相同（华芯微联科技）",
		"11 project 华芯微联半导体封装项目 row5 项目名称与投资方相同",
	}
	if strings.Join(dups, "\n") != strings.Join(wantDups, "\n") {
		t.Errorf("duplicates:\n%s\nwant:\n%s", strings.Join(dups, "\n"), strings.Join(wantDups, "\n"))
	}
	if rep.Created != 3 || rep.Updated != 0 || len(rep.Merged) != 1 || rep.RowsRead != 9 || len(rep.Skipped) != 3 {
		t.Errorf("report %s", rep.Summary())
	}
	// Every row read ends in exactly one outcome.
	if n := rep.Created + rep.Updated + len(rep.Merged) + rep.SkippedRows() + rep.RejectedRows(); n != rep.RowsRead {
		t.Errorf("%d outcomes for %d rows read", n, rep.RowsRead)
	}
	if d := diffDumps(before, dump(t, path)); d != "" {
		t.Fatalf("preview wrote to the ledger: %s", d)
	}

	got, err := l.CommitImport(ctx, f, nil, app.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Batch == "" || got.Backup == "" || got.Created != 3 {
		t.Fatalf("commit report %+v", got.Summary())
	}
	ps, _ := l.Store().Projects(ctx, app.ProjectFilter{Query: "华芯微联半导体封装项目"})
	if len(ps) != 1 {
		t.Fatalf("%d projects 华芯微联半导体封装项目 after commit", len(ps))
	}
	p := ps[0]
	if p.TotalInvestment != 520_000_000 || p.Stage != app.StageSigned || p.SignedOn != app.MustDate("2025-03-12") ||
		!slices.Equal(p.Methods, []string{"以商引商", "产业链招商", "展会/峰会论坛"}) || p.InvestorID != existing.ID || p.ZoneID == "" {
		t.Errorf("project as committed: %+v", p)
	}
	e, _ := l.Store().Enterprise(ctx, existing.ID)
	if e.HQProvince != "广东" || e.CreditCode != "91440300MA5FXT4K8N" {
		t.Errorf("existing investor changed: %+v", e)
	}

	// Importing the same file again changes nothing: every row matches what is there.
	again, err := l.PreviewImport(ctx, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(again); got != "5:skipped 6:skipped 7:skipped 9:rejected 10:rejected 11:skipped" {
		t.Errorf("second preview: %s", got)
	}

	u, err := l.UndoImport(ctx, got.Batch)
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Kept) != 0 || u.Deleted == 0 {
		t.Errorf("undo: %+v", u)
	}
	if d := diffDumps(before, dump(t, path)); d != "" {
		t.Errorf("undo did not restore the ledger: %s", d)
	}
	if _, err := l.UndoImport(ctx, got.Batch); err == nil || !strings.Contains(err.Error(), "已于") {
		t.Errorf("second undo: %v", err)
	}
}

func problemsOf(ps []app.ImportProblem) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, "\n")
}

func TestUndoKeepsRecordsEditedSince(t *testing.T) {
	ctx := context.Background()
	l, path := apptest.Ledger(t, 0)
	existing := app.Enterprise{Name: "湖南邦普循环科技有限公司"}
	if err := l.SaveEnterprise(ctx, &existing); err != nil {
		t.Fatal(err)
	}
	before := dump(t, path)
	rep, err := l.CommitImport(ctx, readFile(t, "projects_gbk.csv"), nil, app.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 3 || rep.Records[0].Updated != 1 {
		t.Fatalf("commit: %s %+v", rep.Summary(), rep.Records)
	}
	e, _ := l.Store().Enterprise(ctx, existing.ID)
	if e.Nature != app.NaturePrivate {
		t.Errorf("existing investor not filled in: %+v", e)
	}
	ps, _ := l.Store().Projects(ctx, app.ProjectFilter{Query: "光伏组件项目"})
	if len(ps) != 1 {
		t.Fatal("光伏组件项目 not imported")
	}
	edited := ps[0]
	edited.Leader = "陈副主任"
	if err := l.UpdateProject(ctx, &edited); err != nil {
		t.Fatal(err)
	}
	u, err := l.UndoImport(ctx, rep.Batch)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, k := range u.Kept {
		kept = append(kept, fmt.Sprintf("%s %s：%s", k.Kind, k.Name, k.Why))
	}
	want := []string{"project 光伏组件项目：导入后又被修改或删除，未撤销", "enterprise 隆基绿能科技股份有限公司：仍是保留下来的项目的投资方"}
	if strings.Join(kept, "\n") != strings.Join(want, "\n") {
		t.Errorf("kept:\n%s\nwant:\n%s", strings.Join(kept, "\n"), strings.Join(want, "\n"))
	}
	if u.Restored != 1 {
		t.Errorf("restored %d, want 1 (the existing investor)", u.Restored)
	}
	after := dump(t, path)
	if len(after["projects"]) != len(before["projects"])+1 {
		t.Errorf("projects: %d before, %d after undo; want the edited one kept", len(before["projects"]), len(after["projects"]))
	}
	e, _ = l.Store().Enterprise(ctx, existing.ID)
	if e.Nature != "" {
		t.Errorf("existing investor not restored: %+v", e)
	}
}

// TestCommitImportBackup: the backup an import takes (while it plans the file) holds the
// ledger exactly as it was before the import; an import that writes nothing leaves no backup.
func TestCommitImportBackup(t *testing.T) {
	ctx := context.Background()
	l, path := apptest.Ledger(t, 300)
	before := dump(t, path)
	f := readFile(t, "projects_messy.xlsx")
	backups := func() []string {
		bs, err := l.Backups(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, b := range bs {
			names = append(names, filepath.Base(b.Path))
		}
		return names
	}

	rep, err := l.CommitImport(ctx, f, nil, app.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := backups(); len(got) != 1 || got[0] != filepath.Base(rep.Backup) || !strings.Contains(got[0], "导入前") {
		t.Fatalf("backups after the import: %v (report names %s)", got, rep.Backup)
	}
	if d := diffDumps(before, dump(t, rep.Backup)); d != "" {
		t.Errorf("the backup is not the ledger as it was before the import: %s", d)
	}

	// Nothing left to import: an error, and no second backup.
	if _, err := l.CommitImport(ctx, f, nil, app.ImportOptions{}); err == nil || !strings.Contains(err.Error(), "没有可导入的行") {
		t.Errorf("second commit: %v", err)
	}
	// Cancelled while planning: an error, and no backup either.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	other := readFile(t, "company_list.xlsx")
	if _, err := l.CommitImport(cancelled, other, nil, app.ImportOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled commit: %v", err)
	}
	if got := backups(); len(got) != 1 {
		t.Errorf("backups after two imports that wrote nothing: %v", got)
	}
}

// TestStreamedFilePlansAlike: a file whose rows are streamed (read while they are planned)
// plans exactly as the same file read whole: here a ledger of 3 000 rows in a dozen chunks,
// with two blank rows and a totals row.
func TestStreamedFilePlansAlike(t *testing.T) {
	ctx := context.Background()
	l, _ := apptest.Ledger(t, 0)
	path := writeMessyLedger(t, 3000)
	read := func(stream bool) *app.ImportFile {
		tbl, err := importers.Load(path, "", importers.DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		if stream {
			f, err := tbl.StreamFile()
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		f, err := tbl.ImportFile()
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	whole, err := l.PreviewImport(ctx, read(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	streamed, err := l.PreviewImport(ctx, read(true), nil)
	if err != nil {
		t.Fatal(err)
	}
	if streamed.File.RowsRead != 3003 || len(streamed.File.Rows) != 3000 || len(streamed.File.Skipped) != 3 {
		t.Errorf("streamed file after planning: %d read, %d rows, %d skipped", streamed.File.RowsRead, len(streamed.File.Rows), len(streamed.File.Skipped))
	}
	a, b := whole.Report, streamed.Report
	a.Batch, b.Batch = "", ""
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) || outcomes(whole) != outcomes(streamed) {
		t.Errorf("streamed plan differs from the whole file's:\n%s\n%s", jb, ja)
	}
}
