// Package cli is the headless command line of 赣招: the same use cases the window calls,
// as verbs (`ganzhao demo`, `stats`, `list`, `backup`, `restore`, `check`, `version`) that
// print text or JSON. main opens the database and hands over a ledger.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"ganzhao/app"
	"ganzhao/app/crypt"
	"ganzhao/seeds"
)

// Env is what a verb runs against.
type Env struct {
	Ledger        *app.Ledger
	DBPath        string
	SchemaVersion int
	Out           io.Writer
	// Passphrase asks for the passphrase of an encrypted backup (isNew: a new one, asked
	// twice); main reads PassphraseEnv or prompts on the terminal.
	Passphrase func(prompt string, isNew bool) (string, error)
}

// PassphraseEnv names the environment variable the passphrase of an encrypted backup is read
// from before the terminal is asked.
const PassphraseEnv = "GANZHAO_PASSPHRASE"

// UsageError is a mistake in the command line itself (exit code 2).
type UsageError struct{ Msg string }

func (e UsageError) Error() string { return e.Msg }

// Verbs lists the verbs Run knows, for main to tell a verb from the window.
var Verbs = []string{"demo", "stats", "list", "backup", "restore", "check", "version", "import", "undo-import", "export"}

// Usage is the help text.
const Usage = `用法：ganzhao [--db 文件] [--screen 页面] [命令]
不带命令时打开窗口（--screen 指定首先显示的页面，如“项目”）。命令：
  demo [--size N] [--seed S]                      向空数据库载入演示数据（默认 2000 条，种子 1）
  stats [--from yyyy-mm-dd] [--to yyyy-mm-dd] [--json]   统计期间指标（默认本年至今）
  list projects|enterprises|people|funds [--stage 阶段] [--json]   列出记录
  backup [文件] [--encrypt]                        备份数据库（不给文件时备份到备份目录；--encrypt 加密，
                                                  密码取自环境变量 GANZHAO_PASSPHRASE 或终端输入）
  restore 文件                                     从备份恢复（先自动备份当前数据；.age 加密备份需输入密码）
  check                                           完整性检查
  import 文件 [--sheet 工作表] [--dry-run] [--json]   导入 xlsx/xls/csv/vcf（先自动备份；--dry-run 只预览）
  undo-import [批次]                               撤销一次导入（不带批次时列出导入批次）
  export --template 名称|文件 [--mapping 文件] [--period yyyy-mm] --out 文件 [--mark-changes] [--json]
                                                  按模板生成报表并归档（模板文件无列对应关系时按表头自动识别）
  version                                         显示版本`

// Run runs one verb with its arguments.
func Run(ctx context.Context, env Env, verb string, args []string) error {
	switch verb {
	case "demo":
		return demo(ctx, env, args)
	case "stats":
		return stats(ctx, env, args)
	case "list":
		return list(ctx, env, args)
	case "backup":
		return backup(ctx, env, args)
	case "restore":
		return restore(ctx, env, args)
	case "check":
		return check(ctx, env, args)
	case "import":
		return importFile(ctx, env, args)
	case "undo-import":
		return undoImport(ctx, env, args)
	case "export":
		return exportReturn(ctx, env, args)
	case "crashloop":
		return crashLoop(ctx, env, args)
	case "version":
		fmt.Fprintf(env.Out, "赣招 %s（数据库结构版本 %d）\n", app.Version, env.SchemaVersion)
		return nil
	}
	return UsageError{fmt.Sprintf("未知命令“%s”\n%s", verb, Usage)}
}

// flags parses a verb's flags; Go's flag package allows flags before positional arguments
// only, so positional arguments are collected and parsing continues after them.
func flags(name string, args []string, define func(fs *flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, UsageError{fmt.Sprintf("%s：参数有误：%v\n%s", name, err, Usage)}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func demo(ctx context.Context, env Env, args []string) error {
	var size int
	var seed uint64
	if _, err := flags("demo", args, func(fs *flag.FlagSet) {
		fs.IntVar(&size, "size", 2000, "")
		fs.Uint64Var(&seed, "seed", 1, "")
	}); err != nil {
		return err
	}
	existing, err := env.Ledger.Store().Projects(ctx, app.ProjectFilter{Limit: 1})
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return fmt.Errorf("数据库 %s 中已有项目，演示数据只能载入空数据库", env.DBPath)
	}
	start := time.Now()
	d, err := seeds.Demo(seeds.DemoOptions{Size: size, Seed: seed, Today: env.Ledger.Today()})
	if err != nil {
		return err
	}
	if err := env.Ledger.LoadDataset(ctx, d); err != nil {
		return err
	}
	fmt.Fprintf(env.Out, "已载入演示数据 %d 条（企业 %d、人物 %d、项目 %d、跟进 %d、任务 %d、到位资金 %d、基金 %d），用时 %.1f 秒\n",
		d.Len(), len(d.Enterprises), len(d.People), len(d.Projects), len(d.Activities), len(d.Tasks), len(d.Arrivals), len(d.Funds),
		time.Since(start).Seconds())
	return nil
}

func parseDateFlag(name, v string) (app.Date, error) {
	d, err := app.ParseDate(v)
	if err != nil {
		return d, UsageError{fmt.Sprintf("--%s：%v", name, err)}
	}
	return d, nil
}

func stats(ctx context.Context, env Env, args []string) error {
	var from, to string
	var asJSON bool
	if _, err := flags("stats", args, func(fs *flag.FlagSet) {
		fs.StringVar(&from, "from", "", "")
		fs.StringVar(&to, "to", "", "")
		fs.BoolVar(&asJSON, "json", false, "")
	}); err != nil {
		return err
	}
	today := env.Ledger.Today()
	period := app.Period{From: app.NewDate(today.Year(), time.January, 1), To: today}
	var err error
	if from != "" {
		if period.From, err = parseDateFlag("from", from); err != nil {
			return err
		}
	}
	if to != "" {
		if period.To, err = parseDateFlag("to", to); err != nil {
			return err
		}
	}
	if period.To.Before(period.From) {
		return UsageError{fmt.Sprintf("统计期间有误：截止 %s 早于起始 %s", period.To, period.From)}
	}
	k, err := env.Ledger.KPIs(ctx, period)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.Out, k)
	}
	printKPIs(env.Out, k)
	return nil
}

func pct(f float64) string { return fmt.Sprintf("%.1f%%", f*100) }

func printKPIs(w io.Writer, k app.KPIs) {
	fmt.Fprintf(w, "统计期间：%s 至 %s\n", k.Period.From, k.Period.To)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "新签约项目\t%d 个\t%s\n", k.Signed.Count, k.Signed.Amount.FormatYi())
	fmt.Fprintf(tw, "  其中亿元以上\t%d 个\t%s\n", k.YiPlus.Count, k.YiPlus.Amount.FormatYi())
	fmt.Fprintf(tw, "  其中“5020”项目\t%d 个\t%s\n", k.P5020.Count, k.P5020.Amount.FormatYi())
	fmt.Fprintf(tw, "期间开工项目\t%d 个\t\n", k.Started)
	fmt.Fprintf(tw, "期间投产项目\t%d 个\t\n", k.Produced)
	fmt.Fprintf(tw, "履约率\t%s\t（%d/%d）\n", pct(k.PerformanceRate), k.Performing, k.Signed.Count)
	fmt.Fprintf(tw, "开工率\t%s\t（%d/%d）\n", pct(k.StartRate), k.CohortStarted, k.Signed.Count)
	fmt.Fprintf(tw, "投产率\t%s\t（%d/%d）\n", pct(k.ProductionRate), k.CohortProduced, k.Signed.Count)
	fmt.Fprintf(tw, "资金到位率\t%s\t（%s/%s）\n", pct(k.FundsArrivalRate), k.CohortArrived.FormatYi(), k.Signed.Amount.FormatYi())
	fmt.Fprintf(tw, "期间到位资金\t%s\t\n", k.ArrivedInPeriod.FormatYi())
	tw.Flush()
	for _, b := range []struct {
		title string
		list  []app.Bucket
	}{{"按开发区", k.ByZone}, {"按产业链", k.ByChain}, {"按招商方式", k.ByMethod}, {"按三友类型（三请三回）", k.ByTie}, {"按投资方性质（三企入赣）", k.ByNature}, {"按当前阶段", k.ByStage}} {
		if len(b.list) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s：\n", b.title)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, x := range b.list {
			fmt.Fprintf(tw, "  %s\t%d 个\t%s\n", x.Key, x.Count, x.Amount.FormatYi())
		}
		tw.Flush()
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func list(ctx context.Context, env Env, args []string) error {
	var stage string
	var asJSON bool
	pos, err := flags("list", args, func(fs *flag.FlagSet) {
		fs.StringVar(&stage, "stage", "", "")
		fs.BoolVar(&asJSON, "json", false, "")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return UsageError{"list 需要一个记录类型：projects、enterprises、people 或 funds\n" + Usage}
	}
	if stage != "" && pos[0] != "projects" {
		return UsageError{"--stage 只用于 list projects"}
	}
	st := env.Ledger.Store()
	switch pos[0] {
	case "projects":
		f := app.ProjectFilter{}
		if stage != "" {
			if !app.Stage(stage).Valid() {
				return UsageError{fmt.Sprintf("未知的项目阶段“%s”，应为：%s", stage, stageNames())}
			}
			f.Stages = []app.Stage{app.Stage(stage)}
		}
		ps, err := st.Projects(ctx, f)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(env.Out, nonNil(ps))
		}
		tw := tabwriter.NewWriter(env.Out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "项目名称\t阶段\t总投资\t签约日期\t包干领导\t责任单位")
		for _, p := range ps {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, p.Stage, p.TotalInvestment.FormatYi(), p.SignedOn, p.Leader, p.Unit)
		}
		fmt.Fprintf(tw, "共 %d 个项目\n", len(ps))
		return tw.Flush()
	case "enterprises":
		es, err := st.Enterprises(ctx, app.EnterpriseFilter{})
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(env.Out, nonNil(es))
		}
		tw := tabwriter.NewWriter(env.Out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "企业名称\t统一社会信用代码\t企业性质\t总部\t目标等级")
		for _, e := range es {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\t%s\n", e.Name, e.CreditCode, e.Nature, e.HQProvince, e.HQCity, e.Priority)
		}
		fmt.Fprintf(tw, "共 %d 家企业\n", len(es))
		return tw.Flush()
	case "people":
		ps, err := st.People(ctx, app.PersonFilter{})
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(env.Out, nonNil(ps))
		}
		tw := tabwriter.NewWriter(env.Out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "姓名\t职务\t电话\t籍贯\t三友")
		for _, p := range ps {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s%s\t%s\n", p.Name, p.Title, strings.Join(p.Phones, "；"), p.NativeProvince, p.NativeCity, p.NativeCounty, tieNames(p.Ties))
		}
		fmt.Fprintf(tw, "共 %d 人\n", len(ps))
		return tw.Flush()
	case "funds":
		fs, err := st.Funds(ctx)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(env.Out, nonNil(fs))
		}
		tw := tabwriter.NewWriter(env.Out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "基金名称\t类型\t层级\t规模\t政府出资")
		for _, f := range fs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Name, f.Type, f.Level, f.Size.FormatYi(), f.GovCommitment.FormatYi())
		}
		fmt.Fprintf(tw, "共 %d 支基金\n", len(fs))
		return tw.Flush()
	}
	return UsageError{fmt.Sprintf("未知的记录类型“%s”：应为 projects、enterprises、people 或 funds", pos[0])}
}

// nonNil makes an empty list print as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func stageNames() string {
	s := make([]string, len(app.Stages))
	for i, st := range app.Stages {
		s[i] = string(st)
	}
	return strings.Join(s, "、")
}

func tieNames(ts []app.Tie) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, "、")
}

func onePath(verb string, args []string) (string, error) {
	pos, err := flags(verb, args, func(*flag.FlagSet) {})
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		return "", UsageError{fmt.Sprintf("%s 需要一个文件路径\n%s", verb, Usage)}
	}
	return pos[0], nil
}

func backup(ctx context.Context, env Env, args []string) error {
	var encrypt bool
	pos, err := flags("backup", args, func(fs *flag.FlagSet) { fs.BoolVar(&encrypt, "encrypt", false, "") })
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return UsageError{"backup 最多一个文件路径\n" + Usage}
	}
	var pass string
	if encrypt {
		if pass, err = env.passphrase("请设置备份密码：", true); err != nil {
			return err
		}
	}
	var path string
	switch {
	case len(pos) == 1 && encrypt:
		path = pos[0]
		err = env.Ledger.BackupEncryptedTo(ctx, path, pass)
	case len(pos) == 1:
		path = pos[0]
		err = env.Ledger.Store().Backup(ctx, path)
	case encrypt:
		path, err = env.Ledger.BackupEncrypted(ctx, app.ReasonManual, pass)
	default:
		path, err = env.Ledger.BackupBefore(ctx, app.ReasonManual)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Out, "已备份到 %s\n", path)
	return nil
}

func restore(ctx context.Context, env Env, args []string) error {
	path, err := onePath("restore", args)
	if err != nil {
		return err
	}
	var safety string
	if crypt.IsEncrypted(path) {
		pass, perr := env.passphrase("请输入备份密码：", false)
		if perr != nil {
			return perr
		}
		safety, err = env.Ledger.RestoreEncrypted(ctx, path, pass)
	} else {
		safety, err = env.Ledger.RestoreFrom(ctx, path)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Out, "已从 %s 恢复；恢复前的数据已备份到 %s\n", path, safety)
	return nil
}

// passphrase asks for a passphrase through env.Passphrase; a new one (twice) must be long
// enough.
func (env Env) passphrase(prompt string, isNew bool) (string, error) {
	if env.Passphrase == nil {
		return "", errors.New("需要密码：请设置环境变量 " + PassphraseEnv)
	}
	pass, err := env.Passphrase(prompt, isNew)
	if err != nil {
		return "", err
	}
	if isNew && utf8.RuneCountInString(pass) < crypt.MinPassphrase {
		return "", crypt.ErrWeakPassphrase
	}
	return pass, nil
}

func check(ctx context.Context, env Env, args []string) error {
	if _, err := flags("check", args, func(*flag.FlagSet) {}); err != nil {
		return err
	}
	problems, err := env.Ledger.Store().Check(ctx)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return errors.New("数据库检查发现问题：" + strings.Join(problems, "；"))
	}
	fmt.Fprintf(env.Out, "数据库 %s 检查通过\n", env.DBPath)
	return nil
}
