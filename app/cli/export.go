package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ganzhao/app"
	"ganzhao/app/returns"
)

// exportReport is what `export --json` prints.
type exportReport struct {
	Out          string           `json:"out"`
	Template     string           `json:"template"`
	TemplateKey  string           `json:"template_key"`
	Period       app.Month        `json:"period"`
	Rows         int              `json:"rows"`
	New          int              `json:"new"`
	Changed      int              `json:"changed"`
	Removed      int              `json:"removed"`
	Hash         string           `json:"hash"`
	ArchiveID    string           `json:"archive_id"`
	Proposed     bool             `json:"mapping_proposed"` // the mapping was proposed from the header, not given
	Found        []string         `json:"found,omitempty"`  // what the proposal found
	Unmapped     []unmappedColumn `json:"unmapped"`
	Mapping      returns.Mapping  `json:"mapping"`
	MarkedChange bool             `json:"mark_changes"`
}

type unmappedColumn struct {
	Sheet  string `json:"sheet"`
	Col    string `json:"col"`
	Header string `json:"header"`
}

// exportReturn fills a return template for a period and archives it: `export --template
// 名称|文件 [--mapping 文件] [--period yyyy-mm] --out 文件 [--mark-changes] [--json]`. A
// template file with no mapping is filled with the mapping proposed from its header; the
// columns left empty are listed.
func exportReturn(ctx context.Context, env Env, args []string) error {
	var tplArg, mappingPath, periodArg, out string
	var asJSON, mark bool
	pos, err := flags("export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&tplArg, "template", "", "")
		fs.StringVar(&mappingPath, "mapping", "", "")
		fs.StringVar(&periodArg, "period", "", "")
		fs.StringVar(&out, "out", "", "")
		fs.BoolVar(&asJSON, "json", false, "")
		fs.BoolVar(&mark, "mark-changes", false, "")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return UsageError{fmt.Sprintf("export 不接受参数“%s”\n%s", strings.Join(pos, " "), Usage)}
	}
	if tplArg == "" || out == "" {
		return UsageError{"export 需要 --template 模板名称或文件，以及 --out 输出文件\n" + Usage}
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return UsageError{fmt.Sprintf("--out %s：报表应保存为 .xlsx 文件", out)}
	}
	period := app.MonthOf(env.Ledger.Today())
	if periodArg != "" {
		if period, err = app.ParseMonth(periodArg); err != nil {
			return UsageError{fmt.Sprintf("--period：%v", err)}
		}
	}

	rep := exportReport{Out: out, Period: period, Unmapped: []unmappedColumn{}, MarkedChange: mark}
	var tpl returns.Template
	if strings.EqualFold(filepath.Ext(tplArg), ".xlsx") && !isFile(tplArg) {
		return fmt.Errorf("模板文件 %s 不存在", tplArg)
	}
	if isFile(tplArg) {
		b, err := os.ReadFile(tplArg)
		if err != nil {
			return fmt.Errorf("读取模板 %s：%w", tplArg, err)
		}
		if mappingPath != "" {
			mb, err := os.ReadFile(mappingPath)
			if err != nil {
				return fmt.Errorf("读取列对应关系 %s：%w", mappingPath, err)
			}
			m, err := returns.ParseMapping(mb)
			if err != nil {
				return fmt.Errorf("%s：%w", mappingPath, err)
			}
			name := strings.TrimSuffix(filepath.Base(tplArg), filepath.Ext(tplArg))
			tpl = returns.Template{Key: "file:" + name, Name: name, FileName: filepath.Base(tplArg), File: b, Mapping: m}
		} else {
			var prop returns.Proposal
			if tpl, prop, err = returns.FromFile(tplArg, b); err != nil {
				return err
			}
			rep.Proposed, rep.Found = true, prop.Found
		}
	} else {
		if mappingPath != "" {
			return UsageError{"--mapping 只用于模板文件；内置或已保存的模板自带列对应关系"}
		}
		if tpl, err = returns.FindTemplate(ctx, env.Ledger, tplArg); err != nil {
			return err
		}
	}

	res, err := returns.Generate(ctx, env.Ledger, tpl, period, returns.Options{MarkChanges: mark})
	if err != nil {
		return err
	}
	if err := writeFileAtomic(out, res.File); err != nil {
		return err
	}
	a := res.Archive
	rep.Template, rep.TemplateKey, rep.Rows, rep.New, rep.Changed, rep.Removed = tpl.Name, tpl.Key, a.RowCount, a.NewCount, a.ChangedCount, a.RemovedCount
	rep.Hash, rep.ArchiveID, rep.Mapping = a.Hash, a.ID, tpl.Mapping
	for _, s := range tpl.Mapping.Sheets {
		for _, c := range s.Unmapped() {
			rep.Unmapped = append(rep.Unmapped, unmappedColumn{Sheet: s.Sheet, Col: c.Col, Header: c.Header})
		}
	}
	if asJSON {
		return writeJSON(env.Out, rep)
	}
	fmt.Fprintf(env.Out, "已生成 %s（模板“%s”，期间 %s，%d 行；较上次新增 %d、变更 %d、移除 %d），已归档\n",
		out, tpl.Name, period, a.RowCount, a.NewCount, a.ChangedCount, a.RemovedCount)
	if rep.Proposed {
		fmt.Fprintln(env.Out, "列对应关系按表头自动识别：")
		for _, f := range rep.Found {
			fmt.Fprintln(env.Out, "  "+f)
		}
	}
	for _, c := range rep.Unmapped {
		fmt.Fprintf(env.Out, "未填写的列：%s 列“%s”（工作表“%s”）\n", c.Col, c.Header, c.Sheet)
	}
	return nil
}

// isFile reports whether the --template argument names an existing workbook.
func isFile(arg string) bool {
	if !strings.EqualFold(filepath.Ext(arg), ".xlsx") {
		return false
	}
	fi, err := os.Stat(arg)
	return err == nil && !fi.IsDir()
}

// writeFileAtomic writes a file through a temporary file in the same folder, so that a
// failure never leaves half a workbook under the name asked for.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ganzhao-*.xlsx")
	if err != nil {
		return fmt.Errorf("写出 %s：%w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("写出 %s：%w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("写出 %s：%w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("写出 %s：%w", path, err)
	}
	return nil
}
