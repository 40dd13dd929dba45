package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"ganzhao/app"
	"ganzhao/importers"
)

// importFile is `ganzhao import FILE [--sheet NAME] [--dry-run] [--json]`: read the file with
// the proposed mapping (or the one the user confirmed for the same headers), plan it against
// the ledger and, unless --dry-run, commit it after a backup.
func importFile(ctx context.Context, env Env, args []string) error {
	var sheet string
	var dryRun, asJSON bool
	pos, err := flags("import", args, func(fs *flag.FlagSet) {
		fs.StringVar(&sheet, "sheet", "", "")
		fs.BoolVar(&dryRun, "dry-run", false, "")
		fs.BoolVar(&asJSON, "json", false, "")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return UsageError{"import 需要一个文件路径\n" + Usage}
	}
	f, err := readImport(ctx, env, pos[0], sheet)
	if err != nil {
		return err
	}
	var rep app.ImportReport
	if dryRun {
		plan, err := env.Ledger.PreviewImport(ctx, f, nil)
		if err != nil {
			return err
		}
		rep = plan.Report
	} else {
		rep, err = env.Ledger.CommitImport(ctx, f, nil, app.ImportOptions{})
		if err != nil {
			return err
		}
	}
	if asJSON {
		return writeJSON(env.Out, rep)
	}
	printImportReport(env.Out, rep)
	return nil
}

// readImport reads a file for import with the proposed mapping, or the one the user confirmed
// before for the same headers. Its rows are streamed: they are read while they are planned.
func readImport(ctx context.Context, env Env, path, sheet string) (*app.ImportFile, error) {
	tbl, err := importers.Load(path, sheet, importers.DefaultLimits())
	if err != nil {
		return nil, err
	}
	if fields, ok, err := env.Ledger.RememberedMapping(ctx, tbl.Headers()); err != nil {
		return nil, err
	} else if ok {
		if err := tbl.SetFields(fields); err != nil {
			return nil, err
		}
	}
	return tbl.StreamFile()
}

func printImportReport(w io.Writer, r app.ImportReport) {
	fmt.Fprintf(w, "文件：%s（%s）工作表：%s，表头在第 %s 行\n", filepath.Base(r.File), r.Format, r.Sheet, app.RowSpan(r.HeaderRows))
	fmt.Fprintln(w, "列映射：")
	for _, c := range r.Columns {
		fmt.Fprintf(w, "  %s列 %s → %s\n", c.Letter, c.Header, importers.FieldLabel(c.Field))
	}
	fmt.Fprintln(w, r.Summary())
	for _, m := range r.Merged {
		fmt.Fprintf(w, "  合并：第%d行并入第%d行（%s）\n", m.Row, m.IntoRow, m.Why)
	}
	for _, p := range r.Skipped {
		fmt.Fprintf(w, "  跳过：%s\n", p)
	}
	for _, p := range r.Rejected {
		fmt.Fprintf(w, "  拒绝：%s\n", p)
	}
	for _, p := range r.Warnings {
		fmt.Fprintf(w, "  提示：%s\n", p)
	}
	for _, d := range r.Duplicates {
		target := d.Record
		if d.OtherRow > 0 {
			target = fmt.Sprintf("第%d行的“%s”", d.OtherRow, d.Record)
		}
		fmt.Fprintf(w, "  重复：第%d行的%s与%s相同（%s）\n", d.Row, d.Kind.Label(), target, d.Why)
	}
	if r.Batch != "" {
		fmt.Fprintf(w, "导入批次：%s（撤销：ganzhao undo-import %s）；导入前备份：%s\n", r.Batch, r.Batch, r.Backup)
	}
}

// undoImport is `ganzhao undo-import [BATCH]`: without a batch it lists the batches.
func undoImport(ctx context.Context, env Env, args []string) error {
	pos, err := flags("undo-import", args, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		bs, err := env.Ledger.ImportBatches(ctx)
		if err != nil {
			return err
		}
		for _, b := range bs {
			state := ""
			if b.UndoneAt != nil {
				state = "（已撤销）"
			}
			fmt.Fprintf(env.Out, "%s  %s  %s  新建 %d  更新 %d%s\n", b.ID, b.At.Local().Format("2006-01-02 15:04"), filepath.Base(b.File), b.Created, b.Updated, state)
		}
		fmt.Fprintf(env.Out, "共 %d 个导入批次\n", len(bs))
		return nil
	}
	if len(pos) != 1 {
		return UsageError{"undo-import 需要一个导入批次编号\n" + Usage}
	}
	u, err := env.Ledger.UndoImport(ctx, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Out, "已撤销导入批次 %s：删除 %d 条新建记录，恢复 %d 条被更新的记录\n", u.Batch, u.Deleted, u.Restored)
	for _, k := range u.Kept {
		fmt.Fprintf(env.Out, "  保留：%s“%s”（%s）\n", k.Kind.Label(), k.Name, k.Why)
	}
	return nil
}
