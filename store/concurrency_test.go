package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"ganzhao/app"
)

// TestConcurrentWriters runs 8 writers for 1 000 transactions through one ledger: creates of
// enterprises and projects, and read-modify-write increments of shared records. Nothing is
// lost, no call fails with SQLITE_BUSY, and every optimistic conflict is accounted for: each
// shared counter ends at exactly the number of its successful updates.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	s, l := openLedger(t)
	const (
		writers   = 8
		perWriter = 125
		shared    = 3
	)
	// Shared records whose Intro is a counter: each successful update adds one.
	sharedIDs := make([]string, shared)
	for i := range sharedIDs {
		e := saveEnterprise(t, l, app.Enterprise{Name: fmt.Sprintf("共享企业%d", i), Intro: "0"})
		sharedIDs[i] = e.ID
	}
	sharedProject := createProject(t, l, app.Project{Name: "共享项目", Notes: "0"})

	var (
		enterprises, projects atomic.Int64
		updates, conflicts    [shared + 1]atomic.Int64 // the last slot is the shared project
		wg                    sync.WaitGroup
		errMu                 sync.Mutex
		errs                  []error
	)
	fail := func(err error) {
		errMu.Lock()
		errs = append(errs, err)
		errMu.Unlock()
	}
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				n := w*perWriter + i
				switch {
				case i%5 == 4 && i%2 == 0: // update the shared project
					p, err := s.Project(ctx, sharedProject.ID)
					if err != nil {
						fail(err)
						continue
					}
					v, _ := strconv.Atoi(p.Notes)
					p.Notes = strconv.Itoa(v + 1)
					switch err := l.UpdateProject(ctx, &p); {
					case err == nil:
						updates[shared].Add(1)
					case errors.Is(err, app.ErrConflict):
						conflicts[shared].Add(1)
					default:
						fail(err)
					}
				case i%5 == 4: // update a shared enterprise
					k := n % shared
					e, err := s.Enterprise(ctx, sharedIDs[k])
					if err != nil {
						fail(err)
						continue
					}
					v, _ := strconv.Atoi(e.Intro)
					e.Intro = strconv.Itoa(v + 1)
					switch err := l.SaveEnterprise(ctx, &e); {
					case err == nil:
						updates[k].Add(1)
					case errors.Is(err, app.ErrConflict):
						conflicts[k].Add(1)
					default:
						fail(err)
					}
				case i%2 == 0:
					e := app.Enterprise{Name: fmt.Sprintf("并发企业%04d", n), CreditCode: creditCode(n)}
					if err := l.SaveEnterprise(ctx, &e); err != nil {
						fail(err)
						continue
					}
					enterprises.Add(1)
				default:
					p := app.Project{Name: fmt.Sprintf("并发项目%04d", n), TotalInvestment: app.Yuan(n) * app.Wan, Methods: []string{"驻点招商"}}
					if err := l.CreateProject(ctx, &p); err != nil {
						fail(err)
						continue
					}
					projects.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked") {
			t.Errorf("busy: %v", err)
		} else {
			t.Errorf("unexpected error: %v", err)
		}
	}

	var calls int64 = enterprises.Load() + projects.Load()
	for i := range updates {
		calls += updates[i].Load() + conflicts[i].Load()
	}
	if calls != writers*perWriter {
		t.Errorf("accounted for %d calls, want %d", calls, writers*perWriter)
	}
	if got, want := count(t, s, `SELECT COUNT(*) FROM enterprises`), int(enterprises.Load())+shared; got != want {
		t.Errorf("enterprises: %d rows, want %d", got, want)
	}
	if got, want := count(t, s, `SELECT COUNT(*) FROM projects`), int(projects.Load())+1; got != want {
		t.Errorf("projects: %d rows, want %d", got, want)
	}
	if got, want := count(t, s, `SELECT COUNT(*) FROM stage_changes`), int(projects.Load())+1; got != want {
		t.Errorf("stage history: %d rows, want %d", got, want)
	}
	if got, want := count(t, s, `SELECT COUNT(*) FROM project_methods`), int(projects.Load()); got != want {
		t.Errorf("project methods: %d rows, want %d", got, want)
	}
	for k, id := range sharedIDs {
		e, err := s.Enterprise(ctx, id)
		must(t, err)
		if want := strconv.FormatInt(updates[k].Load(), 10); e.Intro != want {
			t.Errorf("shared enterprise %d: counter %s after %s successful updates (%d conflicts): an update was lost",
				k, e.Intro, want, conflicts[k].Load())
		}
		if got := count(t, s, `SELECT COUNT(*) FROM audit_log WHERE entity_id = ? AND field = 'intro'`, id); int64(got) != updates[k].Load()+1 {
			t.Errorf("shared enterprise %d: %d intro audit rows, want %d", k, got, updates[k].Load()+1)
		}
	}
	p, err := s.Project(ctx, sharedProject.ID)
	must(t, err)
	if want := strconv.FormatInt(updates[shared].Load(), 10); p.Notes != want {
		t.Errorf("shared project: counter %s after %s successful updates: an update was lost", p.Notes, want)
	}
	problems, err := s.Check(ctx)
	must(t, err)
	if len(problems) > 0 {
		t.Errorf("Check after the run: %v", problems)
	}
	t.Logf("%d enterprises, %d projects created; updates %v; conflicts %v", enterprises.Load(), projects.Load(), loads(updates[:]), loads(conflicts[:]))
}

func loads(a []atomic.Int64) []int64 {
	out := make([]int64, len(a))
	for i := range a {
		out[i] = a[i].Load()
	}
	return out
}
