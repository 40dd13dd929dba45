// Command ganzhao is 赣招, an offline CRM for the investment-promotion teams of Jiangxi's
// development zones. `ganzhao` opens the window; `ganzhao VERB` runs a command headless.
// main only wires: it opens the store, loads the reference seeds and hands a ledger to the
// window or the command line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/term"

	"ganzhao/app"
	"ganzhao/app/cli"
	"ganzhao/seeds"
	"ganzhao/store"
	"ganzhao/ui"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run parses the global flags, opens the database and runs the verb or the window. It returns
// the exit code: 0 on success, 1 on failure, 2 on a usage mistake.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ganzhao", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dbPath := fs.String("db", "", "数据库文件")
	startScreen := fs.String("screen", "", "窗口打开时显示的页面，如“项目”")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "错误：%v\n%s\n", err, cli.Usage)
		return 2
	}
	verb, rest := "", []string(nil)
	if fs.NArg() > 0 {
		verb, rest = fs.Arg(0), fs.Args()[1:]
		if !slices.Contains(cli.Verbs, verb) && !slices.Contains(cli.HiddenVerbs, verb) {
			fmt.Fprintf(stderr, "错误：未知命令“%s”\n%s\n", verb, cli.Usage)
			return 2
		}
	}
	if verb == "version" {
		fmt.Fprintf(stdout, "赣招 %s（数据库结构版本 %d）\n", app.Version, store.SchemaVersion())
		return 0
	}
	path, err := databasePath(*dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "错误：%v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	ledger, closeStore, err := openLedger(ctx, path)
	if err != nil && verb == "" && refusal(err) >= 0 {
		var closers []func()
		defer func() {
			for _, c := range closers {
				c()
			}
		}()
		ui.Run(nil, ui.Options{DBPath: path, StartScreen: *startScreen, Recovery: recovery(ctx, path, err, &closers)})
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "错误：%v\n", oneLine(err))
		return 1
	}
	defer closeStore()
	if verb == "" {
		ui.Run(ledger, ui.Options{DBPath: path, StartScreen: *startScreen})
		return 0
	}
	env := cli.Env{Ledger: ledger, DBPath: path, SchemaVersion: store.SchemaVersion(), Out: stdout,
		Passphrase: func(prompt string, isNew bool) (string, error) { return askPassphrase(stderr, prompt, isNew) }}
	if err := cli.Run(ctx, env, verb, rest); err != nil {
		fmt.Fprintf(stderr, "错误：%v\n", oneLine(err))
		var ue cli.UsageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

// databasePath is --db when given, else ganzhao.db in the user's configuration folder
// (%AppData%\ganzhao on Windows, ~/.config/ganzhao on Linux).
func databasePath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("找不到用户数据目录，请用 --db 指定数据库文件：%w", err)
	}
	return filepath.Join(dir, "ganzhao", "ganzhao.db"), nil
}

// openLedger opens the store, applies the reference seeds not yet applied and returns the
// ledger with a function that closes the store.
// A ledger at an older schema is backed up before it is migrated.
func openLedger(ctx context.Context, path string) (*app.Ledger, func(), error) {
	s, err := store.OpenWith(ctx, path, store.OpenOptions{BeforeMigrate: backupBeforeMigration})
	if err != nil {
		return nil, nil, err
	}
	sets, err := seeds.Reference()
	if err == nil {
		_, err = s.ApplyReference(ctx, sets)
	}
	var ledger *app.Ledger
	if err == nil {
		ledger, err = app.NewLedger(ctx, s, time.Now)
	}
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return ledger, func() { s.Close() }, nil
}

// askPassphrase reads the passphrase of an encrypted backup from GANZHAO_PASSPHRASE, else
// from the terminal without echo (twice for a new one).
func askPassphrase(stderr io.Writer, prompt string, isNew bool) (string, error) {
	if p := os.Getenv(cli.PassphraseEnv); p != "" {
		return p, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", fmt.Errorf("需要密码：请设置环境变量 %s，或在终端中运行", cli.PassphraseEnv)
	}
	read := func(p string) (string, error) {
		fmt.Fprint(stderr, p)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(stderr)
		return string(b), err
	}
	pass, err := read(prompt)
	if err != nil || !isNew {
		return pass, err
	}
	again, err := read("请再输入一次密码：")
	if err != nil {
		return "", err
	}
	if again != pass {
		return "", errors.New("两次输入的密码不一致")
	}
	return pass, nil
}

// backupBeforeMigration backs the ledger up, at its old schema, into its backup folder.
func backupBeforeMigration(ctx context.Context, s *store.Store) error {
	l, err := app.NewLedger(ctx, s, time.Now)
	if err == nil {
		_, err = l.BackupBefore(ctx, app.ReasonMigration)
	}
	return err
}

// refusal tells which refusal of the store err is, or -1 for another error.
func refusal(err error) ui.RecoveryKind {
	switch {
	case errors.Is(err, store.ErrTooNew):
		return ui.RecoverTooNew
	case errors.Is(err, store.ErrDamaged):
		return ui.RecoverDamaged
	case errors.Is(err, store.ErrNotDatabase):
		return ui.RecoverNotDatabase
	}
	return -1
}

// recovery prepares what the window offers for a refused database: the newest backup that
// passes the full check (in the default folder and the one the settings name, if they can
// still be read), and reading the file read-only. Stores it opens are closed through closers.
func recovery(ctx context.Context, path string, problem error, closers *[]func()) *ui.Recovery {
	r := &ui.Recovery{Problem: problem, Kind: refusal(problem)}
	if r.Kind == ui.RecoverTooNew {
		return r
	}
	dirs := []string{app.DefaultBackupDirOf(path)}
	if ro, err := store.OpenReadOnly(ctx, path); err == nil {
		if st, err := ro.Settings(ctx); err == nil && st.BackupDir != "" {
			dirs = append(dirs, st.BackupDir)
		}
		ro.Close()
		if r.Kind == ui.RecoverDamaged {
			r.ReadOnly = func(ctx context.Context) (*app.Ledger, error) {
				s, err := store.OpenReadOnly(ctx, path)
				if err != nil {
					return nil, err
				}
				*closers = append(*closers, func() { s.Close() })
				return app.NewLedger(ctx, s, time.Now)
			}
		}
	}
	if b, ok := app.NewestGoodBackup(ctx, dirs, store.CheckFile); ok {
		r.Backup, r.HasBackup = b, true
		r.Restore = func(ctx context.Context) (*app.Ledger, string, error) {
			aside, err := app.ReplaceDamaged(ctx, path, b.Path, store.CheckFile, time.Now)
			if err != nil {
				return nil, "", err
			}
			l, closeStore, err := openLedger(ctx, path)
			if err != nil {
				return nil, aside, err
			}
			*closers = append(*closers, closeStore)
			return l, aside, nil
		}
	}
	return r
}

// oneLine keeps an error message to one line for the terminal.
func oneLine(err error) string {
	msg := []rune(err.Error())
	for i, r := range msg {
		if r == '\n' {
			return string(msg[:i])
		}
	}
	return string(msg)
}
