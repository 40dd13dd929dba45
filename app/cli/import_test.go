package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ganzhao/app"
)

const companyList = "../../importers/testdata/company_list.xlsx"

// TestImportVerb is the acceptance for the command line: --dry-run --json reports
// without writing, a real import creates the target enterprises with their contacts after a
// backup, and undo-import takes them back.
func TestImportVerb(t *testing.T) {
	env, out := openEnv(t, "")
	ctx := context.Background()

	var rep map[string]any
	if err := json.Unmarshal([]byte(run(t, env, out, "import", companyList, "--dry-run", "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"file", "sheet", "header_rows", "rows_read", "created", "updated", "skipped", "rejected", "warnings", "duplicates"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report has no %q: %v", k, rep)
		}
	}
	if rep["created"].(float64) != 3 || rep["rows_read"].(float64) != 3 || rep["dry_run"] != true || rep["sheet"] != "企业列表" {
		t.Errorf("dry run report: %v", rep)
	}
	b, _ := json.Marshal(rep["warnings"])
	var warnings []app.ImportProblem
	json.Unmarshal(b, &warnings)
	found := false
	for _, w := range warnings {
		found = found || (w.Row == 5 && w.Column == "F" && w.Header == "统一社会信用代码" && strings.HasPrefix(w.Reason, "统一社会信用代码“913101157989XXXXXX”校验位不符"))
	}
	if !found {
		t.Errorf("warnings do not name the invalid credit code by row and column: %s", b)
	}
	if es, _ := env.Ledger.Store().Enterprises(ctx, app.EnterpriseFilter{}); len(es) != 0 {
		t.Fatalf("--dry-run wrote %d enterprises", len(es))
	}

	text := run(t, env, out, "import", companyList)
	if !strings.Contains(text, "已导入：读取 3 行，新建 3") || !strings.Contains(text, "ganzhao undo-import ") {
		t.Errorf("import output:\n%s", text)
	}
	es, _ := env.Ledger.Store().Enterprises(ctx, app.EnterpriseFilter{})
	if len(es) != 3 {
		t.Fatalf("%d enterprises after import", len(es))
	}
	for _, e := range es {
		if e.Priority != app.PriorityC {
			t.Errorf("%s imported with priority %q, want a C target", e.Name, e.Priority)
		}
	}
	people, _ := env.Ledger.Store().People(ctx, app.PersonFilter{Query: "陈晓东"})
	if len(people) != 1 || strings.Join(people[0].Phones, ",") != "0755-86123456,13800138000,13900139000" || people[0].Title != "法定代表人" || people[0].EnterpriseID == "" {
		t.Errorf("legal representative: %+v", people)
	}
	backups, _ := os.ReadDir(env.Ledger.DefaultBackupDir())
	if len(backups) != 1 || !strings.Contains(backups[0].Name(), "导入前") {
		t.Errorf("backups: %v", backups)
	}

	list := run(t, env, out, "undo-import")
	batch := strings.Fields(list)[0]
	if !strings.Contains(run(t, env, out, "undo-import", batch), "删除 6 条新建记录") {
		t.Errorf("undo output: %s", out)
	}
	if es, _ := env.Ledger.Store().Enterprises(ctx, app.EnterpriseFilter{}); len(es) != 0 {
		t.Errorf("%d enterprises after undo", len(es))
	}
	if err := Run(ctx, env, "import", []string{companyList, "--sheet", "Sheet9", "--dry-run"}); err == nil || !strings.Contains(err.Error(), "没有名为“Sheet9”的工作表（有：企业列表）") {
		t.Errorf("unknown sheet: %v", err)
	}
	if err := Run(ctx, env, "import", []string{filepath.Join(t.TempDir(), "none.xlsx")}); err == nil || !strings.Contains(err.Error(), "找不到文件") {
		t.Errorf("missing file: %v", err)
	}
}
