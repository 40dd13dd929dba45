package cli

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"ganzhao/app"
)

// HiddenVerbs are verbs Run knows that the usage text does not list: tools for testing.
var HiddenVerbs = []string{"crashloop"}

// crashLoop is the hidden verb `ganzhao crashloop [--seed N] [--ops N]`, the worker of the
// crash test: it loops doing real imports (small generated CSV files through the import path
// the window uses) and edits (projects, follow-ups and tasks created, updated and deleted
// through the ledger), and after each write returns prints one line
//
//	committed KIND ID VALUE
//
// where KIND is import, project, activity or task with .create, .update or .delete; ID is the
// record's (or the import batch's) ID; and VALUE is what the record must hold: the project's
// notes, the follow-up's summary, the task's title, and for an import the projects' name
// prefix, the rows and the records created (prefix:rows:created). Each value carries the step's
// token s<seed>-<step>-<n> (a delete's value is the token alone). The crash test kills the
// process at random moments and checks that every line printed is in the database.
// It prints "ready" once the database is open, before the first step. --ops 0 (the default)
// loops until killed.
func crashLoop(ctx context.Context, env Env, args []string) error {
	var seed uint64
	var ops int
	if _, err := flags("crashloop", args, func(fs *flag.FlagSet) {
		fs.Uint64Var(&seed, "seed", 1, "")
		fs.IntVar(&ops, "ops", 0, "")
	}); err != nil {
		return err
	}
	w := &crashWorker{env: env, rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), seed: seed,
		dir: filepath.Join(filepath.Dir(env.DBPath), "crashloop")}
	if err := os.MkdirAll(w.dir, 0o700); err != nil {
		return err
	}
	fmt.Fprintln(env.Out, "ready") // the database is open: the test may time its kill from here
	for i := 1; ops == 0 || i <= ops; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := w.step(ctx, i); err != nil {
			return fmt.Errorf("第 %d 步：%w", i, err)
		}
	}
	return nil
}

// crashWorker holds the records this run created and has not deleted, to update and delete.
type crashWorker struct {
	env        Env
	rng        *rand.Rand
	seed       uint64
	dir        string
	projects   []string
	activities []string
	tasks      []crashTask
}

type crashTask struct{ id, project string }

// committed reports a write that returned, and pushes the line out at once (os.Stdout is
// unbuffered; a buffered writer is flushed): the process may be killed right after.
func (w *crashWorker) committed(kind, id, value string) {
	fmt.Fprintf(w.env.Out, "committed %s %s %s\n", kind, id, value)
	if f, ok := w.env.Out.(interface{ Flush() error }); ok {
		f.Flush()
	}
}

// token is a value unique to this step of this run, with no spaces.
func (w *crashWorker) token(i int) string {
	return fmt.Sprintf("s%d-%d-%d", w.seed, i, w.rng.IntN(1_000_000))
}

func (w *crashWorker) step(ctx context.Context, i int) error {
	l := w.env.Ledger
	tok := w.token(i)
	switch r := w.rng.IntN(100); {
	case r < 8:
		return w.importFile(ctx, i, tok)
	case r < 30 || len(w.projects) == 0:
		p := app.Project{Name: "崩溃测试项目" + tok, Sector: app.SectorIndustry, TotalInvestment: app.Yuan(w.rng.IntN(1000)+1) * 10_000, Notes: tok}
		if err := l.CreateProject(ctx, &p); err != nil {
			return err
		}
		w.projects = append(w.projects, p.ID)
		w.committed("project.create", p.ID, tok)
	case r < 45:
		p, err := l.Store().Project(ctx, w.pick(w.projects))
		if err != nil {
			return err
		}
		p.Notes = tok
		if err := l.UpdateProject(ctx, &p); err != nil {
			return err
		}
		w.committed("project.update", p.ID, tok)
	case r < 50:
		id := w.pick(w.projects)
		if err := l.Delete(ctx, app.KindProject, id); err != nil {
			return err
		}
		w.projects = remove(w.projects, id)
		// A project's tasks go to the recycle bin with it.
		w.tasks = slices.DeleteFunc(w.tasks, func(t crashTask) bool { return t.project == id })
		w.committed("project.delete", id, tok)
	case r < 65 || len(w.activities) == 0:
		a := app.Activity{Kind: "走访", Summary: tok, ProjectIDs: []string{w.pick(w.projects)}}
		if err := l.SaveActivity(ctx, &a); err != nil {
			return err
		}
		w.activities = append(w.activities, a.ID)
		w.committed("activity.create", a.ID, tok)
	case r < 73:
		a, err := l.Store().Activity(ctx, w.pick(w.activities))
		if err != nil {
			return err
		}
		a.Summary = tok
		if err := l.SaveActivity(ctx, &a); err != nil {
			return err
		}
		w.committed("activity.update", a.ID, tok)
	case r < 77:
		id := w.pick(w.activities)
		if err := l.Delete(ctx, app.KindActivity, id); err != nil {
			return err
		}
		w.activities = remove(w.activities, id)
		w.committed("activity.delete", id, tok)
	case r < 90 || len(w.tasks) == 0:
		t := app.Task{ProjectID: w.pick(w.projects), Title: tok}
		if err := l.SaveTask(ctx, &t); err != nil {
			return err
		}
		w.tasks = append(w.tasks, crashTask{t.ID, t.ProjectID})
		w.committed("task.create", t.ID, tok)
	case r < 97:
		t, err := l.Store().Task(ctx, w.tasks[w.rng.IntN(len(w.tasks))].id)
		if err != nil {
			return err
		}
		t.Title = tok
		if err := l.SaveTask(ctx, &t); err != nil {
			return err
		}
		w.committed("task.update", t.ID, tok)
	default:
		k := w.rng.IntN(len(w.tasks))
		id := w.tasks[k].id
		if err := l.Delete(ctx, app.KindTask, id); err != nil {
			return err
		}
		w.tasks = slices.Delete(w.tasks, k, k+1)
		w.committed("task.delete", id, tok)
	}
	return nil
}

// importFile writes a small CSV of new projects and imports it the way the window does: read,
// plan, back up, commit in one transaction.
func (w *crashWorker) importFile(ctx context.Context, i int, tok string) error {
	prefix := "崩溃导入" + tok + "号"
	rows := 1 + w.rng.IntN(4)
	var b strings.Builder
	b.WriteString("项目名称,投资主体,计划投资\n")
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(&b, "%s%d,%s%d有限公司,%d万元\n", prefix, r, prefix, r, 100*(r+w.rng.IntN(50)))
	}
	path := filepath.Join(w.dir, fmt.Sprintf("import-%d.csv", i))
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return err
	}
	f, err := readImport(ctx, w.env, path, "")
	if err != nil {
		return err
	}
	rep, err := w.env.Ledger.CommitImport(ctx, f, nil, app.ImportOptions{})
	if err != nil {
		return err
	}
	os.Remove(path)
	w.committed("import", rep.Batch, fmt.Sprintf("%s:%d:%d", prefix, rows, rep.Created))
	return nil
}

func (w *crashWorker) pick(ids []string) string { return ids[w.rng.IntN(len(ids))] }

func remove(ids []string, id string) []string {
	return slices.DeleteFunc(ids, func(x string) bool { return x == id })
}
